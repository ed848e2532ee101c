"""A content-addressed cache on disk: what a build computed, kept under the hash of its inputs.

An entry is a file named by a hash over everything it was made from (file *contents*, not
times), inside a folder named by the code that made it (Tidings' own files and the versions of
the libraries that shape its output). So a cache folder can be kept between CI runs, restored
on another machine or deleted at any time: a changed input is a new key, never a stale entry;
an entry that cannot be read is a miss.

Content hashes of input files are remembered by file identity (path, size, mtime, ctime,
inode), as git's index does, so that an unchanged file is not read again; an identity seen
less than two seconds before it was remembered is not trusted next time ("racy git").

The cache folder is as trusted as the site's code: entries are pickles. Keep it out of reach
of people who may not run code in the build (a CI cache is scoped to its branch).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
import time
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

#: Environment variable naming another cache folder; `off` builds without one.
CACHE_ENV = "TIDINGS_CACHE"
#: The libraries whose versions change what Tidings computes or MkDocs writes.
LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-static-i18n",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "Babel",
    "PyYAML",
    "markdown-it-py",
    "mdit-py-plugins",
    "regex",
    "snowballstemmer",
)
_RACY_NS = 2_000_000_000
_INDEX = "file-hashes.pickle"
Identity = tuple[int, int, int, int]


def digest(*parts: str | bytes) -> str:
    """A hex key over `parts` (each length-prefixed, so that parts cannot run into each other)."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_version() -> str:
    """A key over Tidings' own files and the versions of the libraries it builds with."""
    package = Path(__file__).resolve().parent
    parts: list[str | bytes] = [sys.version]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=-")
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return digest(*parts)[:16]


class DiskCache:
    """Entries by kind and key under `root/<code version>/`; `root` None: a cache that keeps nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root / code_version() if root is not None else None
        self._known: dict[str, tuple[Identity, str]] = {}
        self._seen: dict[str, tuple[Identity, str]] = {}
        self._loaded = False
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.root is not None

    # --- file contents -----------------------------------------------------------------------

    def file_digest(self, path: Path) -> str | None:
        """The hash of a file's bytes (None when it does not exist)."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        identity = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        name = str(path)
        if name in self._seen and self._seen[name][0] == identity:
            return self._seen[name][1]
        self._load_index()
        known = self._known.get(name)
        if known is not None and known[0] == identity:
            found = known[1]
        else:
            try:
                found = digest(path.read_bytes())
            except OSError:
                return None
        self._seen[name] = (identity, found)
        return found

    def _load_index(self) -> None:
        if self._loaded or self.root is None:
            return
        self._loaded = True
        known = self.load("", _INDEX)
        if isinstance(known, dict):
            self._known = known

    def save_index(self) -> None:
        """Remember the hashes of the files read this time (those changed just now excepted)."""
        if self.root is None or not self._seen:
            return
        now = time.time_ns()
        self._load_index()
        kept = {**self._known}
        for name, (identity, found) in self._seen.items():
            if now - max(identity[1], identity[2]) > _RACY_NS:
                kept[name] = (identity, found)
            else:
                kept.pop(name, None)
        if kept != self._known:
            self.dump("", _INDEX, kept)
            self._known = kept

    # --- entries -----------------------------------------------------------------------------

    def path(self, kind: str, key: str) -> Path | None:
        if self.root is None:
            return None
        return self.root / kind / key if kind else self.root / key

    def read(self, kind: str, key: str) -> bytes | None:
        path = self.path(kind, key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def write(self, kind: str, key: str, data: bytes) -> None:
        """Keep an entry (atomically: processes building at once write the same bytes)."""
        path = self.path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
            ) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def load(self, kind: str, key: str) -> Any:
        """An entry's object, or None (missing, or written by something else: a miss)."""
        data = self.read(kind, key)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 (a damaged entry is a miss, whatever it raises)
            return None

    def dump(self, kind: str, key: str, value: object) -> None:
        self.write(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


class Memo:
    """Results of one command by key, kept in one entry of the cache (`tidings status`,
    `tidings check`); saving keeps only the results asked for this time."""

    def __init__(self, disk: DiskCache, name: str, salt: str) -> None:
        self.disk, self.name, self.key = disk, name, digest(name, salt)
        kept = disk.load("memo", self.key) if disk.enabled else None
        self.kept: dict[str, Any] = kept if isinstance(kept, dict) else {}
        self.used: dict[str, Any] = {}

    def get(self, key: str | None) -> Any:
        if key is None or key not in self.kept:
            return None
        self.used[key] = self.kept[key]
        return self.kept[key]

    def put(self, key: str | None, value: object) -> None:
        if key is not None:
            self.used[key] = value

    def save(self) -> None:
        if self.disk.enabled and self.used != self.kept:
            self.disk.dump("memo", self.key, self.used)
        self.disk.save_index()


def cache_root(configured: str | None, project_root: Path) -> Path | None:
    """The cache folder: `TIDINGS_CACHE`, else the option, relative to mkdocs.yml; `off`: none."""
    chosen = os.environ.get(CACHE_ENV) or configured or ".cache/tidings"
    if chosen.strip().lower() == "off":
        return None
    path = Path(chosen).expanduser()
    return path if path.is_absolute() else project_root / path


def prune_versions(root: Path) -> None:
    """Delete the entries other versions of the code made (each version's folder is named by
    `code_version`); the current one and the share cards stay."""
    current = code_version()
    for folder in root.iterdir() if root.is_dir() else ():
        name = folder.name
        if folder.is_dir() and name != current and len(name) == 16 and _is_hex(name):
            shutil.rmtree(folder, ignore_errors=True)


def _is_hex(name: str) -> bool:
    return all(c in "0123456789abcdef" for c in name)
