"""Incremental builds give the site a clean build gives, byte for byte (issue "Rebuild only
what changed").

The demo site is built with a disk cache, then edited the way writers and translators edit
it (a sentence of a story, a translation in one catalog, a title, the site's own texts, a
translation taken away so that a story stops being published), chosen by a seeded random
generator. After every edit, the incremental build (the cache of the builds before) and a
clean build (no cache) must write the same files with the same bytes, and the incremental
build must really have taken pages from the cache.
"""

from __future__ import annotations

import logging
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import build_site
from test_cli import tidings
from test_rename import ROOT, demo_copy
from tidings.site.shards import MARKER, marker, merge_outputs, split

TIDINGS = str(Path(sys.executable).with_name("tidings"))
STORIES = ("lantern-festival", "rural-tea-village", "canal-city-walk", "new-media-forum")


class _Reused(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.pages = 0

    def emit(self, record: logging.LogRecord) -> None:
        found = re.search(r": (\d+) pages unchanged since an earlier build", record.getMessage())
        if found:
            self.pages += int(found.group(1))


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def build(project: Path, site: Path, cache: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Build `project` into a fresh `site` with the cache `cache` (or `off`); pages reused."""
    monkeypatch.setenv("TIDINGS_CACHE", cache)
    if site.exists():
        shutil.rmtree(site)
    handler = _Reused()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        build_site(project, site, strict=False)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return handler.pages


def same_sites(incremental: Path, clean: Path) -> None:
    built, expected = tree(incremental), tree(clean)
    assert sorted(built) == sorted(expected)
    different = [path for path in expected if built[path] != expected[path]]
    assert different == [], f"differs from a clean build: {different[:10]}"


def edit_story(rng: random.Random, project: Path) -> str:
    """A writer rewords a sentence of a story's body."""
    slug = rng.choice(STORIES)
    path = project / "content" / "stories" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    front_end = text.index("\n---", 3) + 4
    # The demo's source language is Chinese: a paragraph is a line starting with a Han character.
    lines = list(re.finditer(r"^[\u4e00-\u9fff]", text[front_end:], re.M))
    at = front_end + rng.choice(lines).start()
    path.write_text(text[:at] + "据悉，" + text[at:], encoding="utf-8")
    return f"story {slug}"


def edit_translation(rng: random.Random, project: Path) -> str:
    """A translator changes one translation of one catalog."""
    pos = sorted(project.glob("translations/*/LC_MESSAGES/stories/*.po"))
    po = rng.choice(pos)
    text = po.read_text(encoding="utf-8")
    strings = [m for m in re.finditer(r'^msgstr "(.+)"$', text, re.M) if "%" not in m.group(1)]
    chosen = rng.choice(strings[1:])  # not the header
    at = chosen.start(1)
    po.write_text(text[:at] + "¡" + text[at:], encoding="utf-8")
    return f"catalog {po.relative_to(project)}"


def edit_title(rng: random.Random, project: Path) -> str:
    """A writer changes a story's title (every list that shows it changes)."""
    slug = rng.choice(STORIES)
    path = project / "content" / "stories" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: (.*)$", r"title: \1 (updated)", text, count=1, flags=re.M))
    return f"title of {slug}"


def edit_site_texts(rng: random.Random, project: Path) -> str:
    """A translator changes the site's own texts in one language (every page of it changes)."""
    po = rng.choice(sorted(project.glob("translations/*/LC_MESSAGES/site.po")))
    text = po.read_text(encoding="utf-8")
    strings = [m for m in re.finditer(r'^msgstr "(.+)"$', text, re.M)]
    at = rng.choice(strings).start(1)
    po.write_text(text[:at] + "¡" + text[at:], encoding="utf-8")
    return f"site texts {po.relative_to(project)}"


def withdraw(rng: random.Random, project: Path) -> str:
    """A translation is taken away: the story is no longer published in that locale."""
    pos = sorted(project.glob("translations/*/LC_MESSAGES/stories/*.po"))
    po = rng.choice(pos)
    text = po.read_text(encoding="utf-8")
    strings = [m for m in re.finditer(r'^msgstr "(.+)"$', text, re.M)]
    chosen = strings[len(strings) // 2]
    po.write_text(text[: chosen.start(1)] + text[chosen.end(1) :], encoding="utf-8")
    return f"withdrawn from {po.relative_to(project)}"


ROUNDS = (
    (),
    (edit_story, edit_translation),
    (edit_title, edit_translation, edit_translation),
    (edit_site_texts,),
    (withdraw, edit_story),
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return demo_copy(tmp_path)


def test_incremental_builds_equal_clean_builds(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(17)
    cache = str(tmp_path / "cache")
    assert build(project, tmp_path / "first", cache, monkeypatch) == 0  # a cold cache
    before = tree(tmp_path / "first")
    for round_number, edits in enumerate(ROUNDS):
        done = [edit(rng, project) for edit in edits]
        reused = build(project, tmp_path / "incremental", cache, monkeypatch)
        assert build(project, tmp_path / "clean", "off", monkeypatch) == 0
        same_sites(tmp_path / "incremental", tmp_path / "clean")
        now = tree(tmp_path / "clean")
        if round_number == 0:
            assert now == before  # nothing changed
            assert reused > 100, "a build with nothing changed rendered its pages again"
        else:
            assert now != before, f"the edits changed nothing: {done}"
        if edits in (
            (edit_story, edit_translation),
            (edit_title, edit_translation, edit_translation),
        ):
            assert reused > 0, f"nothing came from the cache after {done}"
        before = now


def test_sharded_builds_with_a_cache_equal_one_process(demo_site: Path, tmp_path: Path) -> None:
    """`tidings build --jobs 3`, its editions made first on every core into a cold cache, then
    again with everything in the cache: both give the one-process clean build's bytes."""
    env = {**os.environ, "TIDINGS_CACHE": str(tmp_path / "cache")}
    for name in ("cold", "warm"):
        result = subprocess.run(
            [TIDINGS, "build", "--jobs", "3", "--strict", "-d", str(tmp_path / name)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env=env,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        same_sites(tmp_path / name, demo_site)
    assert any((tmp_path / "cache").glob("*/editions/*")), "no editions were kept"
    assert any((tmp_path / "cache").glob("*/pages/*")), "no pages were kept"


def test_the_merge_takes_the_shared_files_from_the_base_shard(tmp_path: Path) -> None:
    """Shards outputs in any order: the shared files come from the one that rendered the
    source's pages (its marker says `base`), never from a shard that left them out."""
    languages = ["zh", "en", "fr"]
    for name, built, base in (("a", ["zh", "en"], False), ("b", ["zh", "fr"], True)):
        (tmp_path / name / "en").mkdir(parents=True)
        (tmp_path / name / "index.html").write_text(name, encoding="utf-8")
        (tmp_path / name / MARKER).write_text(marker(languages, "zh", built, base), "utf-8")
    merge_outputs([tmp_path / "a", tmp_path / "b"], tmp_path / "merged")
    assert (tmp_path / "merged" / "index.html").read_text(encoding="utf-8") == "b"
    assert split(["zh", "en", "fr", "de", "ja"], "zh", 2) == [["zh", "de"], ["en", "fr", "ja"]]


def test_a_catalog_swapped_for_a_link_out_is_refused_as_in_a_clean_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache knows a catalog by its bytes *and* where it really lives: the same bytes
    behind a symbolic link out of the project are refused, as a clean build refuses them."""
    cache = str(tmp_path / "cache")
    build(project, tmp_path / "first", cache, monkeypatch)
    po = project / "translations" / "en" / "LC_MESSAGES" / "stories" / "lantern-festival.po"
    outside = tmp_path / "outside.po"
    shutil.copy2(po, outside)
    po.unlink()
    po.symlink_to(outside)
    build(project, tmp_path / "incremental", cache, monkeypatch)
    build(project, tmp_path / "clean", "off", monkeypatch)
    same_sites(tmp_path / "incremental", tmp_path / "clean")
    assert tree(tmp_path / "clean") != tree(tmp_path / "first")  # it was refused


def test_a_warm_build_warns_as_the_cold_one_did(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's problems are said by every build, also when its HTML comes from the cache
    (`mkdocs build --strict` must fail the same way twice)."""
    story = project / "content" / "stories" / "canal-city-walk.md"
    text = story.read_text(encoding="utf-8")
    at = text.index("\n---", 3) + 4
    story.write_text(text[:at] + "\n见[旧闻](no-such-story.md)。\n" + text[at:], encoding="utf-8")
    monkeypatch.setenv("TIDINGS_CACHE", str(tmp_path / "cache"))
    said = [build_site(project, tmp_path / name, strict=False).warnings for name in ("a", "b")]
    assert any("no-such-story.md" in warning for warning in said[0]), said[0]
    assert said[0] == said[1]


def test_status_and_check_from_the_cache_say_what_they_say_without_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tidings status` and `tidings check` remember each catalog's findings by the files'
    bytes and real paths: after a translator breaks a translation and a catalog is swapped for
    a link out of the project, the cached runs print what runs without a cache print."""

    def both() -> list[tuple[int, str, str]]:
        runs = [tidings(project, command, check=False) for command in ("status", "check")]
        return [(run.returncode, run.stdout, run.stderr) for run in runs]

    monkeypatch.setenv("TIDINGS_CACHE", str(tmp_path / "cache"))
    before = both()
    catalogs = project / "translations" / "en" / "LC_MESSAGES" / "stories"
    broken = catalogs / "rural-tea-village.po"
    text = broken.read_text(encoding="utf-8")
    last = text.rindex('msgstr "') + len('msgstr "')
    broken.write_text(text[:last] + "<script>alert(1)</script>" + text[last:], encoding="utf-8")
    linked = catalogs / "lantern-festival.po"
    outside = tmp_path / "outside.po"
    shutil.copy2(linked, outside)
    linked.unlink()
    linked.symlink_to(outside)
    cached, again = both(), both()
    monkeypatch.setenv("TIDINGS_CACHE", "off")
    clean = both()
    assert cached == clean and again == clean
    assert clean != before
    assert (
        "refused" in clean[1][1] + clean[1][2]
        and "rural-tea-village.po" in clean[1][1] + clean[1][2]
    )
