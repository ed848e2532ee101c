"""Each language's search index: stemming done at build time, as Material's worker needs it.

Material 9.8's worker (src/templates/assets/javascripts/integrations/search/query/transform)
appends `*` to every query term, and lunr 2.3 runs no pipeline over a term with a wildcard
(lunr.QueryParser.parseTerm sets `usePipeline = false`): a stemmed index can only be found
by its stems. So the index is unstemmed and carries each word's other forms (site/search.py);
Snowball's stemmers (snowballstem.org) decide what a word's forms are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tidings.site.search import VARIANTS, language_config, with_variants

CONFIG = {"separator": r"[\s\u200b\u3000\-、。，．？！；]+", "fields": {"title": {"boost": 1000}}}


def variants(locale: str, *texts: str) -> list[set[str]]:
    docs = [{"location": f"p{i}/", "title": "", "text": text} for i, text in enumerate(texts)]
    return [set(doc.get(VARIANTS, "").split()) for doc in with_variants(docs, locale, CONFIG)]


def test_a_section_is_found_by_the_forms_other_sections_use() -> None:
    one, two, three = variants("en", "<p>A lantern fair.</p>", "<p>Two Lanterns, lit.</p>", "Tea")
    assert "lanterns" in one  # "lanterns" finds the section that only says "lantern"
    assert "lantern" in two
    assert three == set()  # nothing shares a stem with "tea"
    assert not {"<p>a", "lantern."} & (one | two)  # words as typed, not markup or punctuation


def test_arabic_forms_with_and_without_the_article_are_one_word() -> None:
    bare, article, conjunction = variants("ar", "فوانيس ملونة", "الفوانيس", "والفوانيس")
    assert "الفوانيس" in bare and "فوانيس" in article
    assert "فوانيس" in conjunction  # "and the lanterns"


def test_languages_without_a_stemmer_keep_their_words() -> None:
    assert variants("zh", "花灯", "花灯会") == [set(), set()]
    assert variants("ja", "提灯", "提灯を") == [set(), set()]


def test_regional_codes_use_their_languages_stemmer() -> None:
    assert "lanternas" in variants("pt-BR", "lanterna", "lanternas")[0]


def test_lunr_gets_no_stemmer_and_the_variants_field() -> None:
    config = language_config({**CONFIG, "pipeline": ["stemmer"], "lang": ["en", "fr"]}, "fr")
    assert config["pipeline"] == []  # a stemmed term never matches Material's `word*` query
    assert config["fields"][VARIANTS] == {"boost": 1.0}
    assert config["fields"]["title"] == {"boost": 1000}
    assert config["lang"] == ["en"]  # no lunr-languages code: its pipeline would be removed
    assert language_config(CONFIG, "ja")["lang"] == ["ja"]  # TinySegmenter cuts the runs
    assert language_config(CONFIG, "zh-Hant")["lang"] == ["ja"]


def test_the_demo_indexes_are_unstemmed_with_variants(demo_site: Path) -> None:
    index: dict[str, Any] = json.loads(
        (demo_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    assert index["config"]["pipeline"] == []
    assert any("lanterns" in doc.get(VARIANTS, "").split() for doc in index["docs"])
