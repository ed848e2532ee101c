"""The MkDocs adapters: the `tidings/stories` and `tidings/snippets` plugins and their helpers.

The only part of Tidings that imports MkDocs or knows Material.
"""
