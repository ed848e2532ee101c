// The official twitter-text 3.1.0 (npm) as an oracle for tests/test_x_parity.py.
// Reads one JSON array of strings on stdin; prints one JSON array of results:
// {weightedLength, valid, urls: [[start, end, url], ...] (code point offsets), emoji: [[start, end], ...]}.
// Offsets are converted from UTF-16 to code points, as Python indexes strings.
const twitter = require("twitter-text");
const { parse: emojiOf } = require("twemoji-parser");

function codePoints(text, utf16) {
  return Array.from(text.slice(0, utf16)).length;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const texts = JSON.parse(input);
  const results = texts.map((text) => {
    const parsed = twitter.parseTweet(text);
    const normal = text.normalize();
    return {
      weightedLength: parsed.weightedLength,
      valid: parsed.valid,
      urls: twitter.extractUrlsWithIndices(normal).map((u) => [
        codePoints(normal, u.indices[0]),
        codePoints(normal, u.indices[1]),
        u.url,
      ]),
      emoji: emojiOf(normal).map((e) => [codePoints(normal, e.indices[0]), codePoints(normal, e.indices[1])]),
    };
  });
  process.stdout.write(JSON.stringify(results));
});
