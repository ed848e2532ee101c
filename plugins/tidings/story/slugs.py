"""The URL name (slug) a person would choose for a headline, in any script.

A slug is `a-z 0-9 -` (see `tidings.story.schema.SLUG`): it appears in every language's URL,
in share links and in the catalog's file name, so it must read the same to everyone.

- **Chinese**: Hanyu Pinyin without tones, one word per word (`重庆的长江大桥` is
  `chongqing-de-changjiang-daqiao`), from pypinyin (MIT). It reads polyphonic characters
  from its phrase dictionary (`银行行长` is `yinhang-hangzhang`, not `yinxing-xingzhang`) and
  groups syllables with the maximum-matching segmenter it uses for that. ü is written `v`
  (`lv`), the usual ASCII spelling. Traditional characters are read as their Simplified
  forms (OpenCC `t2s`): pypinyin's phrase dictionary is Simplified and reads Traditional
  `長江` as `zhangjiang`, not `changjiang`.
- **Other alphabets and syllabaries** (Latin with accents, Cyrillic, Greek, Hangul, kana,
  Devanagari, ...): anyascii (ISC), a per-character transliteration table that covers all of
  Unicode, has no dependencies and is maintained (Unidecode, the usual choice, is GPL).
  German titles (a `de` source language) spell umlauts as Germans do in URLs (`ä` is `ae`,
  `ß` is `ss`, as in DIN 5007-2). Emoji and other symbols are left out (anyascii would name
  them: `🎉` is `tada`).
- **Refused, with the reason** (the writer gives `--slug`): scripts for which a table
  cannot give what a person would write. Arabic, Hebrew, Syriac and Thaana do not write most
  vowels (`مهرجان الفوانيس` would come out `mhrjn-lfwnys`); Thai, Lao, Khmer and Myanmar
  put no spaces between words and reorder vowels; Japanese kanji have several readings that
  only a dictionary of the language chooses (`東京` would come out with the Chinese reading
  `dongjing`).
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 60
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(f"([{_HAN}]+)")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
#: Scripts a transliteration table turns into something no person would write (see above).
_REFUSED = {
    "ARABIC": "Arabic script does not write most vowels",
    "HEBREW": "Hebrew script does not write most vowels",
    "SYRIAC": "Syriac script does not write most vowels",
    "THAANA": "Thaana script does not write most vowels",
    "THAI": "Thai puts no spaces between words",
    "LAO": "Lao puts no spaces between words",
    "KHMER": "Khmer puts no spaces between words",
    "MYANMAR": "Myanmar puts no spaces between words",
}


class NoSlug(ValueError):
    """No readable slug can be made from the title; the message says why."""


_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def slug_for(title: str, language: str = "") -> str:
    """The slug for `title` (written in `language`, the site's source language), or NoSlug
    saying why the writer has to choose one."""
    text = unicodedata.normalize("NFKC", title)
    text = "".join(" " if unicodedata.category(char)[0] == "S" else char for char in text)
    if language.split("-")[0].lower() == "de":
        text = text.translate(_GERMAN)
    for char in text:
        script = unicodedata.name(char, "").split(" ", 1)[0]
        if script in _REFUSED:
            raise NoSlug(f"{_REFUSED[script]}, so a transliteration would not be readable")
    if _KANA.search(text) and re.search(f"[{_HAN}]", text):
        raise NoSlug("the reading of Japanese kanji cannot be guessed without a dictionary")
    words = []
    for number, run in enumerate(_RUNS.split(text)):
        words += _pinyin_words(run) if number % 2 else [_transliterated(run)]
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")
    if len(slug) > MAX_LENGTH:  # cut at a word, not inside one
        cut = slug[: MAX_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:MAX_LENGTH]
    if not slug:
        raise NoSlug("it has no letters or digits that a URL can spell")
    return slug


def _pinyin_words(han: str) -> list[str]:
    import opencc
    from pypinyin import lazy_pinyin
    from pypinyin.seg.mmseg import seg

    simplified = opencc.OpenCC("t2s.json").convert(han)
    if len(simplified) == len(han):  # t2s maps character to character; keep it only then
        han = simplified
    syllables = lazy_pinyin(han)  # read as a whole, so phrases choose their readings
    if len(syllables) != len(han):  # a character pypinyin does not know: one per character
        return syllables
    words, at = [], 0
    for word in seg.cut(han):
        words.append("".join(syllables[at : at + len(word)]))
        at += len(word)
    return words


def _transliterated(text: str) -> str:
    from anyascii import anyascii

    # anyascii capitalises syllables (Hangul `서울` is `SeoUl`); a slug is lower case anyway.
    return anyascii(text)
