"""Tidings: write a story once, publish it as a multilingual site and as social snippets."""

from __future__ import annotations

__version__ = "0.1.0"
