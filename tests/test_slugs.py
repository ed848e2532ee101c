"""`tidings new` names a story as a person would: pinyin for Chinese, transliteration for
other alphabets, and a clear refusal where a table cannot give a readable name.

The expected names are the official romanisations (Hanyu Pinyin, ISO 7098, as used for
place names: Chongqing, Beijing; the Revised Romanization of Korean's letters; BGN/PCGN
for Russian; DIN 5007-2 for German umlauts), not Tidings' own output."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_cli import project, tidings
from tidings.story.schema import SLUG
from tidings.story.slugs import MAX_LENGTH, NoSlug, slug_for

__all__ = ["project"]  # the fixture of test_cli

# Chinese: the readings are the oracle; which syllables are joined into a word follows
# pypinyin's segmenter and is only best effort (so hyphens are not compared).
CHINESE = [
    ("重庆的长江大桥", "chongqingdechangjiangdaqiao"),
    ("北京开幕", "beijingkaimu"),
    ("银行行长说：利率不变", "yinhanghangzhangshuolilvbubian"),  # polyphones: hang, zhang
    ("長江大橋", "changjiangdaqiao"),  # Traditional reads like Simplified (not zhangjiang)
    ("重慶銀行", "chongqingyinhang"),
    ("2026年AI大会", "2026nianaidahui"),
]


@pytest.mark.parametrize(("title", "reading"), CHINESE)
def test_chinese_is_written_in_pinyin(title: str, reading: str) -> None:
    slug = slug_for(title, "zh")
    assert slug.replace("-", "") == reading and SLUG.match(slug)


NAMED = [
    ("Город у канала", "ru", "gorod-u-kanala"),
    ("Ελληνικά νέα", "el", "ellinika-nea"),
    ("서울 밤", "ko", "seoul-bam"),
    ("ハロー", "ja", "haro"),
    ("Café déjà vu", "fr", "cafe-deja-vu"),
    ("Ärger über Öl und Straße", "de", "aerger-ueber-oel-und-strasse"),
    ("Lantern 🏮 festival opens!", "en", "lantern-festival-opens"),
]


@pytest.mark.parametrize(("title", "language", "slug"), NAMED)
def test_a_title_gets_the_name_a_person_would_write(title: str, language: str, slug: str) -> None:
    assert slug_for(title, language) == slug
    assert SLUG.match(slug)


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("مهرجان الفوانيس", "does not write most vowels"),
        ("פסטיבל הפנסים", "does not write most vowels"),
        ("เทศกาลโคมไฟ", "no spaces between words"),
        ("東京の夜", "Japanese kanji"),
        ("🎉🎉", "no letters or digits"),
    ],
)
def test_no_unreadable_name_is_made_up(title: str, reason: str) -> None:
    with pytest.raises(NoSlug, match=reason):
        slug_for(title)


def test_a_long_title_is_cut_at_a_word() -> None:
    slug = slug_for("The village that sold its tea to the whole world through live video streams")
    assert len(slug) <= MAX_LENGTH and not slug.endswith("-")
    assert slug == "the-village-that-sold-its-tea-to-the-whole-world-through"


def test_new_names_a_chinese_story_in_pinyin_and_refuses_arabic(project: Path) -> None:
    out = tidings(project, "new", "重庆的长江大桥", "--date", "2026-11-01").stdout
    assert "content/stories/chongqing-de-changjiang-daqiao.md" in out
    refused = tidings(project, "new", "مهرجان الفوانيس", check=False)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.startswith("tidings: --slug: cannot make a URL name from this title")
    assert "nothing was written" in refused.stderr
    written = tidings(project, "new", "مهرجان الفوانيس", "--slug", "lantern-festival-ar").stdout
    assert "content/stories/lantern-festival-ar.md" in written
