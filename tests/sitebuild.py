"""Build real MkDocs sites into temporary folders, capturing what MkDocs logs."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Built:
    site: Path
    warnings: list[str]
    config: MkDocsConfig

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def build_site(
    project: Path, site: Path, strict: bool = True, serve: bool = False, site_url: str | None = None
) -> Built:
    """Run a full `mkdocs build` of `project/mkdocs.yml` into `site` (optionally for another URL)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        overrides = {"site_url": site_url} if site_url else {}
        config = load_config(
            str(project / "mkdocs.yml"), site_dir=str(site), strict=strict, **overrides
        )
        if serve:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config)
    finally:
        logger.removeHandler(handler)
    return Built(site, handler.records, config)
