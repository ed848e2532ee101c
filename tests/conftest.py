from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Tests build from scratch; tests/test_incremental.py gives the builds it compares a cache.
os.environ.setdefault("TIDINGS_CACHE", "off")

import pytest


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once per test session with `--strict` into a temporary folder."""
    from sitebuild import build_site

    site = tmp_path_factory.mktemp("demo-site")
    built = build_site(ROOT, site)
    assert built.warnings == [], built.warnings
    return site
