"""The demo site as CI ships it: every third-party validator passes on it, and catalogs are valid."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A story, an index and the snippets page in each script direction, and a CJK story.
A11Y_PAGES = [
    "index.html",
    "ar/index.html",
    "stories/lantern-festival/index.html",
    "ar/stories/lantern-festival/index.html",
    "snippets/index.html",
    "ar/snippets/index.html",
    "ja/stories/new-media-forum/index.html",
]


@pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() or not shutil.which("java"),
    reason="needs scripts/install-system.sh",
)
def test_site_check_passes_on_the_demo(demo_site: Path) -> None:
    command = [
        str(Path(sys.executable).with_name("tidings")),
        "check-site",
        str(demo_site),
        "--catalogs",
        str(ROOT / "translations"),
    ]
    for page in A11Y_PAGES:
        command += ["--a11y-page", page]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for validator in ("html", "links", "feeds", "sitemap", "hreflang", "a11y", "catalogs"):
        assert f"\n{validator} " in "\n" + result.stdout, result.stdout


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext (scripts/install-system.sh)")
def test_every_catalog_passes_msgfmt() -> None:
    catalogs = sorted(ROOT.glob("translations/**/*.po")) + sorted(
        ROOT.glob("plugins/tidings/locale/*/LC_MESSAGES/ui.po")
    )
    assert len(catalogs) > 30
    for path in catalogs:
        subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], check=True)


def test_demo_content_passes_tidings_check() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("tidings")), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_ui_catalogs_are_complete_and_current() -> None:
    from babel.messages.pofile import read_po

    sys.path.insert(0, str(ROOT / "scripts"))
    import ui_catalog

    with (ROOT / "plugins/tidings/locale/ui.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    # Run scripts/ui_catalog.py after changing a template string.
    assert template == {m.id for m in ui_catalog.template() if m.id}
    for path in sorted(ROOT.glob("plugins/tidings/locale/*/LC_MESSAGES/ui.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        done = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
        assert done == template, (path, template - done)


def test_sharded_build_is_identical_to_one_process(demo_site: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("tidings")),
            "build",
            "--jobs",
            "3",
            "--strict",
            "-d",
            str(tmp_path / "sharded"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in 3 processes" in result.stdout
    one = {p.relative_to(demo_site): p for p in demo_site.rglob("*") if p.is_file()}
    many = {
        p.relative_to(tmp_path / "sharded"): p
        for p in (tmp_path / "sharded").rglob("*")
        if p.is_file()
    }
    assert sorted(one) == sorted(many)
    different = [
        str(name) for name, path in one.items() if path.read_bytes() != many[name].read_bytes()
    ]
    assert different == []


def test_preview_builds_only_the_languages_asked_for(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "TIDINGS_BUILD_ONLY": "en"}
    result = subprocess.run(
        # Not -q: MkDocs' quiet mode hides warnings from --strict.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/en/stories/lantern-festival/index.html").exists()
    assert not (tmp_path / "site/fr/stories/lantern-festival/index.html").exists()
    # Links, hreflang and the switcher still know every language.
    page = (tmp_path / "site/en/stories/lantern-festival/index.html").read_text(encoding="utf-8")
    assert 'hreflang="fr"' in page and 'hreflang="ar"' in page


def test_writer_preview_builds_one_story(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "TIDINGS_PREVIEW": "lantern-festival", "TIDINGS_BUILD_ONLY": "ar"}
    # Strict, as the real build: the story links to rural-tea-village, which the preview
    # leaves out; that link is fine on the site and must not fail the preview.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert sorted(p.name for p in (tmp_path / "site/stories").iterdir()) == ["lantern-festival"]
    assert (tmp_path / "site/ar/stories/lantern-festival/index.html").exists()
    env["TIDINGS_PREVIEW"] = "no-such-story"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "x")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert result.returncode == 1 and "TIDINGS_PREVIEW: no story no-such-story" in result.stderr
