"""A project's files stay inside the project: symbolic links that lead out are refused.

A story, an image or a catalog that is a symbolic link to `/etc/passwd` or `/proc/self/environ`
would otherwise be published, or quoted back in an error message. Links that stay inside
their folder (a shared image, a catalog kept in another locale's folder) are fine.
"""

from __future__ import annotations

import os
from pathlib import Path

from tidings.errors import TidingsError


def leaves(path: Path, root: Path) -> bool:
    """Say whether `path`, with every symbolic link followed, lies outside `root`."""
    real = Path(os.path.realpath(path))
    return not real.is_relative_to(Path(os.path.realpath(root)))


def confined(path: Path, root: Path, shown: str) -> None:
    """Raise a `path: message` error when `path` is a link out of `root` (shown as typed)."""
    if leaves(path, root):
        raise TidingsError(
            shown,
            None,
            f"refused: a symbolic link to a file outside {root.name}/ (files are read only inside the project)",
        )
