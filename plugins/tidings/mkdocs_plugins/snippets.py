"""The `tidings/snippets` MkDocs plugin: social snippet feeds and pages per locale."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.plugins import BasePlugin


class SnippetsConfig(base.Config):
    pass


class SnippetsPlugin(BasePlugin[SnippetsConfig]):
    """Placeholder until the snippets feeds land."""
