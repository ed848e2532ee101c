"""Snippet feeds of the demo site, checked with independent counts and parsers."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import feedparser
import jsonschema
import pytest
import regex
from twitter_text import parse_tweet

from sitebuild import build_site

ROOT = Path(__file__).resolve().parents[1]
URL = regex.compile(r"https?://\S+")

# Each channel's rule as the platforms document it, written down here independently of the
# channel table in tidings.snippets.channels: (how to count, limit).
RULES = {
    "x": [("x", 280)],
    "mastodon": [("graphemes-url23", 500)],
    "bluesky": [("graphemes", 300), ("utf8", 3000)],
    "threads": [("chars", 500)],
    "telegram": [("utf16", 4096)],
    "line": [("utf16", 5000)],
    "linkedin": [("chars", 3000)],
    "instagram": [("chars", 2200)],
    "weibo": [("chars", 2000)],
    "wechat": [("chars", 120)],
    "facebook": [("chars", 63206)],
    "vk": [("chars", 16384)],
    # The domestic platforms' numbers as the upload tools enforce them (no platform page).
    "douyin": [("chars", 1000)],
    "kuaishou": [("chars", 500)],
    "bilibili": [("chars", 250)],
    "zhihu": [("chars", 1000)],
}


def independent_length(text: str, how: str) -> int:
    if how == "x":
        return int(parse_tweet(text).weightedLength)
    if how == "graphemes":
        return len(regex.findall(r"\X", text))
    if how == "graphemes-url23":
        return len(regex.findall(r"\X", URL.sub("x" * 23, text)))
    if how == "utf8":
        return len(text.encode("utf-8"))
    if how == "utf16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def feeds(site: Path) -> list[Path]:
    return sorted((site / "snippets").glob("*/*.json"))


def test_every_snippet_fits_its_channel(demo_site: Path) -> None:
    checked = 0
    for path in feeds(demo_site):
        channel = path.stem
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            for how, limit in RULES[channel]:
                # Counting in characters is never less than what a platform counting in
                # graphemes shows, so it is a safe independent bound for those channels.
                assert independent_length(item["content_text"], how) <= limit, (
                    path,
                    item["id"],
                    how,
                )
            checked += 1
    assert checked > 50


def test_weibo_topics_and_utm_links(demo_site: Path) -> None:
    weibo = json.loads((demo_site / "snippets/zh/weibo.json").read_text(encoding="utf-8"))["items"]
    assert weibo and all(regex.search(r"#[^#\s]+#", item["content_text"]) for item in weibo)
    assert all(" #" not in item["content_text"].split("#", 1)[1][:2] for item in weibo)
    x = json.loads((demo_site / "snippets/en/x.json").read_text(encoding="utf-8"))["items"]
    for item in x:
        assert "utm_source=x&utm_medium=social&utm_campaign=" in item["url"] and item[
            "url"
        ].endswith("utm_content=en")
        assert item["url"] in item["content_text"]


def test_feeds_parse(demo_site: Path) -> None:
    schema = json.loads(
        (ROOT / "plugins/tidings/sitecheck/schemas/jsonfeed-1.1.schema.json").read_text(
            encoding="utf-8"
        )
    )
    for path in feeds(demo_site):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)
        rss = feedparser.parse(path.with_suffix(".xml").read_bytes())
        assert not rss.bozo, (path, rss.bozo_exception)
        assert len(rss.entries) == len(json.loads(path.read_text(encoding="utf-8"))["items"])
        rows = list(csv.reader(io.StringIO(path.with_suffix(".csv").read_text(encoding="utf-8"))))
        assert all(len(row) == 3 for row in rows)
        assert [row[1] for row in rows] == [
            e["content_text"] for e in json.loads(path.read_text(encoding="utf-8"))["items"]
        ]
    index = json.loads((demo_site / "snippets/index.json").read_text(encoding="utf-8"))
    assert set(index["locales"]["ru"]) == {"x", "facebook", "telegram", "vk"}


def test_snippets_page_is_a_tool_not_content(demo_site: Path) -> None:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(
        (demo_site / "fr/snippets/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.html["lang"] == "fr"
    assert page.find("h1").get_text() != "Social snippets"  # in the locale's own UI language
    counts = [s.get_text() for s in page.select(".tidings-count")]
    assert counts and all(regex.fullmatch(r"\d+ / \d+", c) for c in counts)
    assert "snippets/" not in (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    search = json.loads(
        (demo_site / "search/search_index.json").read_text(encoding="utf-8")
    )  # all languages
    assert search["docs"] and not any("snippets/" in doc["location"] for doc in search["docs"])


def test_output_is_deterministic(demo_site: Path, tmp_path: Path) -> None:
    again = build_site(ROOT, tmp_path / "again")
    assert again.warnings == []
    for folder in ("snippets",):
        first = {
            p.relative_to(demo_site): p.read_bytes()
            for p in (demo_site / folder).rglob("*")
            if p.is_file() and p.suffix != ".html"
        }
        second = {
            p.relative_to(tmp_path / "again"): p.read_bytes()
            for p in (tmp_path / "again" / folder).rglob("*")
            if p.is_file() and p.suffix != ".html"
        }
        assert first == second
    for name in ("sitemap.xml", "feed_rss.xml", "en/feed_atom.xml"):
        assert (demo_site / name).read_bytes() == (tmp_path / "again" / name).read_bytes()


def test_explicit_text_too_long_names_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".venv", "site", ".git", ".cache", "tests", "node_modules"),
    )
    story = project / "content/stories/canal-city-walk.md"
    text = story.read_text(encoding="utf-8")
    long_x = "运河" * 150
    text = text.replace("snippet:", f"snippets:\n  x: {long_x}\nsnippet:", 1)
    story.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  x: {long_x}") + 1
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert (
        f"content/stories/canal-city-walk.md:{line}: X text for 'canal-city-walk' (zh) does not fit"
        in caplog.text
    )


def test_serve_measures_snippets_against_the_public_site(demo_site: Path, tmp_path: Path) -> None:
    """`mkdocs serve` replaces site_url with http://127.0.0.1:8000/, which X counts in full."""
    served = build_site(ROOT, tmp_path / "served", serve=True, site_url="http://127.0.0.1:8000/")
    assert served.warnings == []
    compared = 0
    for path in feeds(demo_site):
        built = json.loads(path.read_text(encoding="utf-8"))["items"]
        other = json.loads((served.site / path.relative_to(demo_site)).read_text(encoding="utf-8"))[
            "items"
        ]
        assert [(i["content_text"], i["_tidings"]) for i in other] == [
            (i["content_text"], i["_tidings"]) for i in built
        ]
        compared += len(built)
        assert all("127.0.0.1" not in item["content_text"] for item in other)
    assert compared > 50
