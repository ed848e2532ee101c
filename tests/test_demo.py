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


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists() or not shutil.which("java"), reason="needs scripts/install-system.sh")
def test_site_check_passes_on_the_demo(demo_site: Path) -> None:
    command = [sys.executable, str(ROOT / "scripts/check_site.py"), str(demo_site), "--catalogs", str(ROOT / "translations")]
    for page in A11Y_PAGES:
        command += ["--a11y-page", page]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for validator in ("html", "links", "feeds", "sitemap", "hreflang", "a11y", "catalogs"):
        assert f"\n{validator} " in "\n" + result.stdout, result.stdout


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext (scripts/install-system.sh)")
def test_every_catalog_passes_msgfmt() -> None:
    catalogs = sorted(ROOT.glob("translations/**/*.po")) + sorted(ROOT.glob("plugins/tidings/locale/*/LC_MESSAGES/ui.po"))
    assert len(catalogs) > 30
    for path in catalogs:
        subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], check=True)


def test_demo_content_passes_tidings_check() -> None:
    result = subprocess.run([str(Path(sys.executable).with_name("tidings")), "check"], cwd=ROOT, capture_output=True, text=True, check=False)
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
