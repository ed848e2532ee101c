// Bluesky's own @atproto/api (npm; version pinned in package.json) as an oracle for
// tests/test_bluesky_parity.py.
// Reads one JSON array of strings on stdin; prints one JSON array of results:
// {graphemes, bytes, valid}: RichText's graphemeLength (Intl.Segmenter of this node's ICU)
// and length (UTF-8 bytes), and whether an app.bsky.feed.post record with that text passes
// the lexicon validation a PDS runs (text: maxGraphemes 300, maxLength 3000).
// @atproto/api is an ES module, hence the dynamic import from CommonJS.
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const { RichText, AppBskyFeedPost } = await import("@atproto/api");
  const createdAt = "2026-01-01T00:00:00.000Z";
  const texts = JSON.parse(input);
  const results = texts.map((text) => {
    const rt = new RichText({ text });
    const record = { $type: "app.bsky.feed.post", text, createdAt };
    return {
      graphemes: rt.graphemeLength,
      bytes: rt.length,
      valid: AppBskyFeedPost.validateRecord(record).success,
    };
  });
  process.stdout.write(JSON.stringify(results));
});
