"""Make every story's editions once, on every core, into the disk cache (`tidings build`).

Every shard of `tidings build --jobs N` needs every story in every locale (the switcher,
hreflang and lists cover all languages), so each used to make all of them: the same minute of
work N times over, one core each. Made here first, story by story in N processes, the shards
read them back from the cache (`EditionCache`, the same keys), and a build's start costs what
reading the cache costs.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tidings.diskcache import DiskCache
from tidings.editions.cache import EditionCache, file_key
from tidings.errors import TidingsError
from tidings.project import Project
from tidings.story.library import story_files


def warm_editions(project: Project, cache_root: Path, jobs: int) -> int:
    """Make the editions of every story not in the cache yet; return how many stories."""
    paths = story_files(project)
    locales = [lang.locale for lang in project.languages]
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if jobs < 2 or len(paths) < 2 * jobs or not forkable:
        return _warm(project, cache_root, locales, paths)
    chunks = [paths[index::jobs] for index in range(jobs)]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        done = pool.map(_warm, [project] * jobs, [cache_root] * jobs, [locales] * jobs, chunks)
        return sum(done)


def _warm(project: Project, cache_root: Path, locales: Sequence[str], paths: Sequence[Path]) -> int:
    cache = EditionCache(disk=DiskCache(cache_root))
    for path in paths:
        try:
            read = cache.story(path, project)
        except TidingsError:
            continue  # the build says what is wrong with it
        if read[0].draft:
            continue
        pack = cache.pack_key(project, path, file_key(path) or ("", 0, 0, 0, 0), read[0], locales)
        kept = cache.disk.path("editions", pack) if pack else None
        if kept is None or not kept.is_file():  # made before: not even read here
            cache.localize(project, path, read, locales, [], cache.heading_ids(project, read))
    cache.disk.save_index()
    return len(paths)
