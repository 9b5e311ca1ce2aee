"""The build pipeline: load the data files → validate them into models → compile the SQLite store.

``compile_store`` is the only way a store is filled; the cache decides where (a file in the cache
folder, or memory) and whether an existing one is still current.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .._version import __version__

# Called with the figures stored so far and how many there will be in all.
# Told how a build goes: progress(done, total, phase). phase is "reading" (the data files are
# read and checked; done and total 0), "storing" (done of about total figures stored), "indexing"
# (every figure stored; the indexes are built, a few seconds at a million figures) and "done".
Progress = Callable[[int, int, str], None]
# Allocations between young collections while a store is built (the default is 700).
RARE_COLLECTIONS = 50_000


def file_fingerprint(path: str | os.PathLike[str], hashed: bool = True) -> dict[str, Any]:
    """Size, modification time, content hash and line count of a file a store is built from.

    ``checked_ns`` is when it was looked at: a modification time that close to it cannot show a
    later change within the same tick of the file system's clock (see cache._unsure). The line
    count (read in the same pass as the hash) sizes the progress bar of a build. Without
    ``hashed``, ``sha256`` is None: a build records the hash of the bytes its rows were read
    from instead, which a change while it reads would make differ from this pass's.
    """
    import hashlib

    checked = time.time_ns()
    info = os.stat(path)
    digest = hashlib.sha256() if hashed else None
    lines = 0
    last = b"\n"
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if digest is not None:
                digest.update(block)
            lines += block.count(b"\n")
            last = block[-1:]
    return {
        "path": os.path.realpath(path),
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "checked_ns": checked,
        "sha256": None if digest is None else digest.hexdigest(),
        "lines": lines + (last != b"\n"),
    }


def origin(paths: Sequence[str]) -> str:
    """The data files as absolute paths: which files a store stands for, wherever it was run."""
    return json.dumps([os.path.abspath(p) for p in paths], ensure_ascii=False)


@contextmanager
def _rare_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while rows stream into the store.

    NOTE: each batch of rows in flight is thousands of tuples that outlive a young collection,
    and every collection walks them: at the default threshold that was a sixth of a first run
    at a million rows. Rows make no reference cycles; the few a bad row's error makes are
    collected at the next (rarer) collection, as ever.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], RARE_COLLECTIONS), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def compile_store(
    paths: Sequence[str],
    target: sqlite3.Connection,
    progress: Progress | None = None,
    contents: Sequence[bytes] | None = None,
    allowed: Sequence[str] = (),
) -> None:
    """Load, validate and store the data files in target; raise DataError naming every problem.

    ``contents`` are the files' bytes as the cache read them for the store's key: the store is
    built from them, not from the files read again. The store's meta table records the version,
    the inputs and the CSV files read (each with the hash of the bytes its rows came from, so
    that a cached store can tell when they change); ``complete`` is written last. ``allowed``
    are the folders outside the data files' own they may name files in (--allow-path).
    """
    from ..load.loader import load_paths
    from .build import build
    from .csvrows import BulkReader, report_repeats

    if progress is not None:
        progress(0, 0, "reading")
    loaded = load_paths(paths, contents=contents, allowed=allowed)
    dependencies = [file_fingerprint(path, False) for path, _, _ in loaded.observation_files]
    meta = {
        "version": __version__,
        "inputs": json.dumps([str(p) for p in paths], ensure_ascii=False),
        "origin": origin(paths),
    }
    counted = finishing = None
    # Each CSV row is a line less the header; a quoted line break makes this an overestimate.
    total = sum(max(d["lines"] - 1, 0) for d in dependencies)
    stored = [0]
    if progress is not None:
        report = progress

        def counted(done: int) -> None:
            stored[0] = done
            report(done, total, "storing")

        def finishing() -> None:
            report(stored[0], max(total, stored[0]), "indexing")

    reader = BulkReader(loaded)
    try:
        with _rare_collections():
            build(target, loaded, meta, reader.quick_batches(), counted, finishing)
    except sqlite3.IntegrityError:
        # The store's unique index refused a figure given twice: name both places.
        report_repeats(loaded)
        raise
    for dependency, digest in zip(dependencies, reader.digests, strict=True):
        dependency["sha256"] = digest
    # Written last: a store without them was never finished.
    with target:
        target.execute(
            "INSERT INTO meta VALUES ('dependencies', ?)",
            (json.dumps(dependencies, ensure_ascii=False),),
        )
        target.execute("INSERT INTO meta VALUES ('complete', '1')")
    if progress is not None:
        progress(stored[0], max(total, stored[0]), "done")
