"""Building a multilingual site in several processes: split the languages, merge the outputs.

mkdocs-static-i18n builds one language per pass, one after another, on one core. Each shard
is an ordinary `mkdocs build` that builds the source language and its share of the others
(`TIDINGS_BUILD_ONLY`); the shards' outputs are then merged into one site, byte for byte the
site a single process makes: language folders come from the shard that built them, shared
files (assets, source-language pages, sitemap, feeds) from the first shard, each language's
share cards from the shard that built it, and the search index is the concatenation the
single build would have written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from tidings.errors import TidingsError

#: Environment variable a shard's `mkdocs build` reads: the locales it builds, comma-separated.
BUILD_ONLY = "TIDINGS_BUILD_ONLY"
SEARCH_INDEX = Path("search") / "search_index.json"
CARDS = Path("cards")  # sharecards.card_path: cards/<locale>/<slug>.png
#: Environment variable `tidings build` sets to `other` for every shard but the first.
SHARD_ROLE = "TIDINGS_SHARD"
#: Environment variable for a writer's preview: only these story slugs are built.
PREVIEW = "TIDINGS_PREVIEW"
#: What a shard writes into its output so that it can be merged anywhere later.
MARKER = ".tidings-shard.json"


def marker(languages: Sequence[str], source: str, built: Sequence[str], base: bool = True) -> str:
    """The shard marker: every language of the site in build order, the ones this shard
    built, and whether its output is the merge's base (it rendered the source's pages)."""
    return json.dumps(
        {"languages": list(languages), "source": source, "built": list(built), "base": base},
        ensure_ascii=False,
    )


def is_base(role: str | None) -> bool:
    """Whether a build renders the source language's pages and the files every language
    shares. `tidings build` starts every shard but the first with TIDINGS_SHARD=other: they
    build the source's pages too (every language pass starts from them) but render none of
    them, since the merge takes them from the first. Any other build (one process, a writer's
    preview, a CI matrix shard) renders them."""
    return role != "other"


def merge_outputs(outputs: Sequence[Path], target: Path, move: bool = False) -> list[list[str]]:
    """Merge shard outputs (each with its marker) into `target`; return the groups merged.

    With `move`, the outputs are taken apart instead of copied (for temporary shards).
    """
    markers = []
    for output in outputs:
        path = output / MARKER
        if not path.is_file():
            raise TidingsError(
                str(output),
                None,
                f"not a shard output (no {MARKER}); build it with {BUILD_ONLY}=<locales>",
            )
        markers.append(json.loads(path.read_text(encoding="utf-8")))
    bases = [i for i, found in enumerate(markers) if found.get("base", True)]
    if not bases:
        raise TidingsError(
            str(outputs[0]),
            None,
            f"no shard rendered the source language's pages (all ran with {SHARD_ROLE}=other)",
        )
    order = [bases[0], *(i for i in range(len(outputs)) if i != bases[0])]  # the base first
    outputs, markers = [outputs[i] for i in order], [markers[i] for i in order]
    languages, source = markers[0]["languages"], markers[0]["source"]
    groups = [list(m["built"]) for m in markers]
    missing = [lang for lang in languages if not any(lang in group for group in groups)]
    if missing:
        raise TidingsError(str(outputs[0]), None, f"no shard built {', '.join(missing)}")
    merge(outputs, groups, languages, source, target, move)
    (target / MARKER).unlink()
    return groups


def card_locales(built: Sequence[str], source: str, base: bool) -> set[str]:
    """The locales whose share cards a shard draws: its own languages', and the source's in
    the base shard (the merge takes each language's cards from the shard that built it)."""
    return {lang for lang in built if lang != source} | ({source} if base else set())


def split(languages: Sequence[str], source: str, shards: int) -> list[list[str]]:
    """Deal the languages to `shards` groups of about as many rendered language passes each:
    the first group (the base) renders the source and so gets one language fewer."""
    others = [lang for lang in languages if lang != source]
    count = max(1, min(shards, len(others)))
    groups: list[list[str]] = [[source]] + [[] for _ in range(count - 1)]
    for lang in others:
        least = min(range(count), key=lambda i: (len(groups[i]), -i))
        groups[least].append(lang)
    return groups


def merge(
    outputs: Sequence[Path],
    groups: Sequence[Sequence[str]],
    languages: Sequence[str],
    source: str,
    target: Path,
    move: bool = False,
) -> None:
    """Merge shard outputs into `target` (which must not exist yet)."""
    owner = {lang: index for index, group in enumerate(groups) for lang in group if lang != source}
    search = (
        _merged_search(outputs, groups, languages, source)
        if (outputs[0] / SEARCH_INDEX).exists()
        else None
    )
    place = shutil.move if move else shutil.copytree
    place(str(outputs[0]), str(target))
    for lang, index in owner.items():
        if index == 0:
            continue
        for folder in (Path(lang), CARDS / lang):  # a language's pages, and its share cards
            destination = target / folder
            if destination.exists():
                shutil.rmtree(destination)  # shard 0 holds that language's feeds and fallbacks
            if (outputs[index] / folder).exists():
                destination.parent.mkdir(parents=True, exist_ok=True)
                place(str(outputs[index] / folder), str(destination))
    if search is not None:
        (target / SEARCH_INDEX).write_text(search, encoding="utf-8")


def _merged_search(
    outputs: Sequence[Path], groups: Sequence[Sequence[str]], languages: Sequence[str], source: str
) -> str:
    indexes = [json.loads((out / SEARCH_INDEX).read_text(encoding="utf-8")) for out in outputs]
    prefixes = tuple(f"{lang}/" for lang in languages if lang != source)
    docs = [doc for doc in indexes[0]["docs"] if not doc["location"].startswith(prefixes)]
    for lang in languages:
        if lang == source:
            continue
        index = next(i for i, group in enumerate(groups) if lang in group)
        docs += [doc for doc in indexes[index]["docs"] if doc["location"].startswith(f"{lang}/")]
    # The search plugin's `lang` grows pass by pass with each built language lunr knows:
    # languages every shard has come first, then the others in build order.
    lists = [index["config"].get("lang") or [] for index in indexes]
    common = [lang for lang in lists[0] if all(lang in other for other in lists)]
    rest = [
        lang for lang in languages if lang not in common and any(lang in other for other in lists)
    ]
    last = (
        next(i for i, group in enumerate(groups) if languages[-1] in group)
        if languages[-1] != source
        else 0
    )
    config = dict(indexes[last]["config"])  # as after the last language's pass
    config["lang"] = common + rest
    return json.dumps({"config": config, "docs": docs}, separators=(",", ":"), default=str)
