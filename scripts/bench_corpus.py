"""A synthetic, deterministic Tidings project for the benchmark (scripts/bench.py).

`make_corpus(root, stories, locales)` writes, under `root` (never inside the repository):

    tidings/    mkdocs.yml with the tidings/stories plugin, content/stories/<slug>.md,
                translations/ made by the real `tidings extract` and `tidings update`, then
                every msgstr filled with a pseudo-translation (complete catalogs)
    baseline/   the same localized pages as plain `stories/<slug>.<locale>.md` files and a
                mkdocs.yml with Material + mkdocs-static-i18n only (no Tidings plugin)

Stories are ~400 words of Markdown with headings, paragraphs, a list, a table, a link, inline
code and an admonition, generated from a seeded random generator: the same arguments always
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SOURCE = "en"
#: Target locales in the order they are added; all have a Material interface translation.
TARGETS = ("fr", "es", "de", "ru", "ar", "ja", "zh", "pt", "it", "ko", "nl", "pl", "tr", "uk", "vi")
NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "de": "Deutsch",
    "ru": "Русский",
    "ar": "العربية",
    "ja": "日本語",
    "zh": "简体中文",
    "pt": "Português",
    "it": "Italiano",
    "ko": "한국어",
    "nl": "Nederlands",
    "pl": "Polski",
    "tr": "Türkçe",
    "uk": "Українська",
    "vi": "Tiếng Việt",
}
TAGS = ("economy", "science", "culture", "rural", "health", "energy", "education", "sport")
MARKER = "bench-corpus.json"

_WORDS = (
    "village",
    "market",
    "farmers",
    "river",
    "valley",
    "school",
    "teachers",
    "students",
    "engineers",
    "city",
    "council",
    "harbour",
    "station",
    "railway",
    "bridge",
    "festival",
    "museum",
    "library",
    "hospital",
    "clinic",
    "doctors",
    "nurses",
    "families",
    "workers",
    "factory",
    "tea",
    "rice",
    "harvest",
    "season",
    "weather",
    "rain",
    "drought",
    "solar",
    "wind",
    "power",
    "grid",
    "network",
    "road",
    "bus",
    "cyclists",
    "visitors",
    "tourists",
    "guides",
    "craft",
    "pottery",
    "silk",
    "paper",
    "ink",
    "music",
    "dance",
    "theatre",
    "film",
    "archive",
    "history",
    "heritage",
    "language",
    "neighbours",
    "volunteers",
    "project",
    "plan",
    "budget",
    "report",
    "survey",
    "data",
    "results",
    "figures",
    "growth",
    "prices",
    "costs",
    "income",
    "export",
    "import",
    "trade",
    "shipping",
    "port",
    "cargo",
    "container",
    "warehouse",
    "shop",
    "online",
    "orders",
    "delivery",
    "quality",
    "training",
    "skills",
    "workshop",
    "course",
    "research",
    "laboratory",
    "samples",
    "water",
    "soil",
    "forest",
    "mountain",
    "coast",
    "island",
    "lake",
    "bird",
    "fish",
    "garden",
    "orchard",
    "apple",
    "cotton",
    "wool",
)
_VERBS = (
    "opened",
    "built",
    "launched",
    "planted",
    "shipped",
    "repaired",
    "measured",
    "counted",
    "visited",
    "trained",
    "welcomed",
    "celebrated",
    "recorded",
    "published",
    "improved",
    "expanded",
    "reduced",
    "doubled",
    "shared",
    "tested",
    "designed",
    "painted",
    "collected",
    "delivered",
    "organised",
    "restored",
    "connected",
)
_ADJECTIVES = (
    "new",
    "old",
    "small",
    "large",
    "local",
    "regional",
    "national",
    "young",
    "busy",
    "quiet",
    "bright",
    "early",
    "late",
    "careful",
    "steady",
    "modest",
    "remarkable",
    "traditional",
    "modern",
    "seasonal",
    "public",
    "private",
)


def _sentence(rng: random.Random, words: int) -> str:
    parts = []
    for index in range(words):
        roll = rng.random()
        if index % 5 == 2:
            parts.append(rng.choice(_VERBS))
        elif roll < 0.3:
            parts.append(rng.choice(_ADJECTIVES))
        elif roll < 0.4:
            parts.append(rng.choice(("the", "a", "their", "this", "every")))
        else:
            parts.append(rng.choice(_WORDS))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(9, 15)) for _ in range(sentences))


def _title(rng: random.Random) -> str:
    return _sentence(rng, rng.randint(5, 8))[:-1]


def story_markdown(index: int, seed: int) -> tuple[str, str]:
    """Return (slug, Markdown text with front matter) of story number `index`."""
    rng = random.Random(seed * 1_000_003 + index)
    slug = f"story-{index:05d}"
    date = dt.date(2024, 1, 1) + dt.timedelta(days=(index * 7) % 900)
    front = {
        "title": _title(rng),
        "summary": _sentence(rng, rng.randint(14, 20)),
        "date": date,
        "authors": [rng.choice(("Mei Lin", "Ana Ruiz", "Omar Haddad", "Lena Vogel"))],
        "tags": sorted(rng.sample(TAGS, 2)),
    }
    lead = _paragraph(rng, 3).replace(" ", f" **{rng.choice(_WORDS)}** ", 1)
    link = f"[{rng.choice(_WORDS)} {rng.choice(_WORDS)}](https://example.org/{slug}/{rng.randint(1, 99)})"
    second = _paragraph(rng, 3) + f" Read more in the {link} and check `{rng.choice(_WORDS)}_id`."
    items = "\n".join(f"- {_sentence(rng, rng.randint(6, 10))}" for _ in range(4))
    rows = "\n".join(
        f"| {rng.choice(_WORDS).capitalize()} | {rng.randint(10, 999)} | {_sentence(rng, 3)[:-1]} |"
        for _ in range(4)
    )
    body = f"""\
{lead}

## {_title(rng)}

{second}

{_paragraph(rng, 4)}

{items}

## {_title(rng)}

| Item | Count | Note |
| --- | ---: | --- |
{rows}

!!! note "{_title(rng)}"

    {_paragraph(rng, 2)}

### {_title(rng)}

{_paragraph(rng, 4)}

{_paragraph(rng, 3)}

{_paragraph(rng, 3)}
"""
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return slug, f"---\n{head}---\n\n{body}"


def mkdocs_yml(locales: tuple[str, ...], tidings: bool, stories_options: str = "") -> str:
    """The site configuration of either variant; only the plugins differ."""
    languages = "\n".join(
        f"        - {{locale: {loc}, name: {json.dumps(NAMES[loc], ensure_ascii=False)}, "
        f"build: true{', default: true' if loc == SOURCE else ''}}}"
        for loc in locales
    )
    stories_plugin = ("  - tidings/stories:" + (stories_options or " {}") + "\n") if tidings else ""
    return f"""\
site_name: Bench News
site_url: https://bench.example.org/
site_description: A synthetic newsroom for the Tidings benchmark.
docs_dir: content
theme:
  name: material
  font: false
nav:
  - index.md
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc
plugins:
{stories_plugin}  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      languages:
{languages}
"""


def pseudo_translation(msgid: str, context: str | None) -> str:
    """Pseudo-translate a catalog entry: body units as Markdown, front-matter fields as text."""
    from tidings.units.pseudo import CLOSE, OPEN, pseudo

    if context is None:
        return pseudo(msgid)
    accented = pseudo(msgid, pad=False)
    # Tags and hashtags are single words; other fields are plain text, so markers are enough.
    return accented if context in ("tags", "hashtags") else f"{OPEN}{accented}{CLOSE}"


def fill_catalogs(translations: Path) -> int:
    """Give every entry of every PO file a pseudo-translation; return the number of files."""
    from tidings.catalogs.store import read_catalog, write_catalog

    count = 0
    for path in sorted(translations.glob("*/LC_MESSAGES/stories/*.po")):
        catalog = read_catalog(path, locale=path.parts[-4])
        for message in catalog:
            if message.id and isinstance(message.id, str):
                message.string = pseudo_translation(message.id, message.context)
                message.flags.discard("fuzzy")
        write_catalog(path, catalog)
        count += 1
    return count


def tidings_command() -> list[str]:
    """The real `tidings` console command of this interpreter's environment."""
    script = Path(sys.executable).parent / "tidings"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tidings.cli"]


@dataclass
class Corpus:
    root: Path
    stories: int
    locales: tuple[str, ...]
    seed: int
    setup: dict[str, float]

    @property
    def tidings(self) -> Path:
        return self.root / "tidings"

    @property
    def baseline(self) -> Path:
        return self.root / "baseline"


def _run(command: list[str], cwd: Path, log: Path) -> float:
    start = time.perf_counter()
    with log.open("wb") as out:
        done = subprocess.run(command, check=False, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed in {cwd}; see {log}")
    return elapsed


def make_corpus(root: Path, stories: int, locale_count: int, seed: int = 1) -> Corpus:
    """Write both variants of an S x L corpus under `root`, or reuse one made with the same arguments."""
    locales = (SOURCE, *TARGETS[: locale_count - 1])
    if locale_count - 1 > len(TARGETS):
        raise SystemExit(f"bench: at most {len(TARGETS) + 1} locales")
    wanted = {"stories": stories, "locales": list(locales), "seed": seed}
    marker = root / MARKER
    if marker.exists():
        known = json.loads(marker.read_text(encoding="utf-8"))
        if {k: known.get(k) for k in wanted} == wanted:
            return Corpus(root, stories, locales, seed, known.get("setup", {}))
        raise SystemExit(
            f"bench: {root} holds another corpus ({known}); choose an empty --keep folder"
        )
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"bench: {root} is not empty and holds no benchmark corpus")
    corpus = Corpus(root, stories, locales, seed, {})
    setup = corpus.setup
    start = time.perf_counter()
    (corpus.tidings / "content" / "stories").mkdir(parents=True)
    (corpus.tidings / "mkdocs.yml").write_text(mkdocs_yml(locales, tidings=True), encoding="utf-8")
    for index in range(stories):
        slug, text = story_markdown(index, seed)
        (corpus.tidings / "content" / "stories" / f"{slug}.md").write_text(text, encoding="utf-8")
    setup["write stories"] = time.perf_counter() - start
    logs = root / "logs"
    logs.mkdir()
    setup["tidings extract (first)"] = _run(
        [*tidings_command(), "extract"], corpus.tidings, logs / "extract-first.log"
    )
    if len(locales) > 1:
        setup["tidings update (first)"] = _run(
            [*tidings_command(), "update"], corpus.tidings, logs / "update-first.log"
        )
    start = time.perf_counter()
    fill_catalogs(corpus.tidings / "translations")
    setup["fill catalogs (pseudo)"] = time.perf_counter() - start
    start = time.perf_counter()
    write_baseline(corpus)
    setup["write baseline"] = time.perf_counter() - start
    marker.write_text(json.dumps({**wanted, "setup": setup}, indent=2), encoding="utf-8")
    return corpus


def supports_cards() -> bool:
    """Say whether this Tidings draws share cards (a `cards` option of tidings/stories)."""
    from tidings.mkdocs_plugins.config import StoriesConfig

    return hasattr(StoriesConfig, "cards") and hasattr(StoriesConfig, "cards_cache")


def configure_cards(corpus: Corpus, cards: str) -> Path | None:
    """Rewrite the Tidings site's mkdocs.yml for share cards `on` (cached inside the corpus
    folder, never in ~/.cache) or `off`; return the card cache, or None without cards."""
    if not supports_cards():
        return None
    cache = corpus.root / "cards-cache"
    options = (
        f"\n      cards_cache: {json.dumps(str(cache))}"
        if cards == "on"
        else "\n      cards: false"
    )
    text = mkdocs_yml(corpus.locales, tidings=True, stories_options=options)
    (corpus.tidings / "mkdocs.yml").write_text(text, encoding="utf-8")
    return cache if cards == "on" else None


def write_baseline(corpus: Corpus) -> None:
    """Write the exact localized Markdown the Tidings build uses as plain suffixed files."""
    from tidings.editions.cache import EditionCache
    from tidings.project import load_project

    project = load_project(corpus.tidings / "mkdocs.yml")
    editions, problems = EditionCache().editions(project, list(corpus.locales))
    if problems:
        raise SystemExit(
            "bench: the corpus has problems:\n" + "\n".join(str(p) for p in problems[:20])
        )
    stories = corpus.baseline / "content" / "stories"
    stories.mkdir(parents=True)
    (corpus.baseline / "mkdocs.yml").write_text(
        mkdocs_yml(corpus.locales, tidings=False), encoding="utf-8"
    )
    (corpus.baseline / "content" / "index.md").write_text(
        "# Bench News\n\nLatest stories.\n", encoding="utf-8"
    )
    for slug, by_locale in editions.items():
        for locale, edition in by_locale.items():
            if not edition.published:
                raise SystemExit(
                    f"bench: {slug} is not published in {locale}; the catalogs are incomplete"
                )
            name = f"{slug}.md" if locale == SOURCE else f"{slug}.{locale}.md"
            meta: dict[str, Any] = {"title": edition.title, "description": edition.summary}
            head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            (stories / name).write_text(f"---\n{head}---\n\n{edition.body}", encoding="utf-8")
