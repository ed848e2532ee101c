"""Thin MkDocs adapters over the Tidings core: hooks call the core, nothing more."""
