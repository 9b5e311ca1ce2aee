"""Find the data files, and open a compiled store for them: from the cache when it is current.

A warm run hashes the YAML files, opens the SQLite store named by that hash and answers from it;
it imports neither yaml nor pydantic (nor tempfile: this module is on every command's import
path, so it imports only what a warm run needs). Anything wrong with a cached store (stale,
truncated, corrupt, another version) means it is rebuilt silently; a cache folder that cannot be
written means the store is built in memory instead. A store is built into a temporary file and
renamed into place, so readers never see half a store and two processes building at once both
succeed (the last rename wins; both stores are whole).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .problems import DataError, Problem

MAX_YAML_BYTES = 16 * 1024 * 1024  # = yamlread.MAX_FILE_BYTES (not imported: that imports yaml)
STORE_PREFIX = "store-"
BUILDING_PREFIX = ".building-"
# A temporary file this old was left by a build that died; it is removed when found.
ABANDONED_SECONDS = 6 * 3600

# Called with the figures stored so far and how many there will be in all.
Progress = Callable[[int, int], None]
Reporter = Callable[[], AbstractContextManager[Progress]]

# The cached store this process opened: one found damaged inside (its size still whole, so
# opening it could not tell) is removed with discard_opened(), and the command run again.
_opened: Path | None = None


@dataclass(frozen=True)
class Settings:
    """Where the data and the cache are, and whether to use the cache."""

    paths: tuple[Path, ...]
    cache_dir: Path
    use_cache: bool = True


def bundled_data() -> Path:
    """The dataset shipped inside the package."""
    return Path(__file__).with_name("data") / "indicators.yaml"


def data_paths(
    given: Sequence[str], environ: dict[str, str] | os._Environ[str]
) -> tuple[Path, ...]:
    """The data files to read: --data options, else PINGAN_DATA, else the bundled dataset."""
    if given:
        if any(not p.strip() for p in given):
            raise DataError([Problem("--data", None, None, "is empty; name a data file")])
        return tuple(Path(p) for p in given)
    if "PINGAN_DATA" in environ:
        value = environ["PINGAN_DATA"]
        parts = [p for p in value.split(os.pathsep) if p.strip()]
        if not parts:
            raise DataError(
                [
                    Problem(
                        "PINGAN_DATA", None, None, "is set but empty; name a data file or unset it"
                    )
                ]
            )
        return tuple(Path(p) for p in parts)
    return (bundled_data(),)


def cache_dir(environ: dict[str, str] | os._Environ[str]) -> Path:
    """PINGAN_CACHE_DIR, else $XDG_CACHE_HOME/pingan, else ~/.cache/pingan."""
    if environ.get("PINGAN_CACHE_DIR"):
        return Path(environ["PINGAN_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pingan"


def content_key(paths: Sequence[Path]) -> str | None:
    """Hash of pingan's version and every file's bytes; None if a file is not plainly readable.

    CSV files a dataset names are not hashed here (they may be large): the store records their
    size, modification time and hash, and is stale when they change (see _dependencies_current).
    """
    digest = hashlib.sha256(f"pingan {__version__}\n".encode())
    for path in paths:
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_YAML_BYTES:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def store_path(settings: Settings) -> Path | None:
    """Where the cached store for these settings lives; None when it cannot be cached."""
    if not settings.use_cache:
        return None
    key = content_key(settings.paths)
    if key is None:
        return None
    return settings.cache_dir / f"{STORE_PREFIX}{key[:40]}.sqlite"


def file_fingerprint(path: Path) -> dict[str, Any]:
    """Size, modification time, content hash and line count of a file the store was built from.

    The line count (read in the same pass as the hash) sizes the progress bar of a build.
    """
    info = os.stat(path)
    digest = hashlib.sha256()
    lines = 0
    last = b"\n"
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            lines += block.count(b"\n")
            last = block[-1:]
    return {
        "path": str(path.resolve()),
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "sha256": digest.hexdigest(),
        "lines": lines + (last != b"\n"),
    }


def _dependencies_current(raw: str) -> bool:
    for dep in json.loads(raw):
        path = Path(dep["path"])
        try:
            info = os.stat(path)
        except OSError:
            return False
        if info.st_size != dep["size"]:
            return False
        if (
            info.st_mtime_ns != dep["mtime_ns"]
            and file_fingerprint(path)["sha256"] != dep["sha256"]
        ):
            return False
    return True


def _open_cached(path: Path) -> sqlite3.Connection | None:
    """Open a cached store read-only if it is whole and current, else None."""
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    connection = None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        page_count = connection.execute("PRAGMA page_count").fetchone()[0]
        if page_size * page_count != size:
            raise sqlite3.DatabaseError("truncated")
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        from .store import SCHEMA_VERSION

        if meta.get("schema") != SCHEMA_VERSION or meta.get("version") != __version__:
            raise sqlite3.DatabaseError("stale")
        if meta.get("complete") != "1":
            raise sqlite3.DatabaseError("incomplete")
        if not _dependencies_current(meta.get("dependencies", "[]")):
            raise sqlite3.DatabaseError("stale")
        return connection
    except (sqlite3.Error, ValueError, KeyError, TypeError, OSError):
        if connection is not None:
            connection.close()
        return None


def build_into(settings: Settings, target: sqlite3.Connection, progress: Progress | None) -> None:
    """Validate the data files and fill the store; raise DataError naming every problem."""
    from .csvobs import read_observation_files
    from .loader import load_paths
    from .store import build

    loaded = load_paths(list(settings.paths))
    dependencies = [file_fingerprint(path) for path, _, _ in loaded.observation_files]
    meta = {
        "version": __version__,
        "inputs": json.dumps([str(p) for p in settings.paths], ensure_ascii=False),
        "origin": _origin(settings),
        "dependencies": json.dumps(dependencies, ensure_ascii=False),
    }
    counted = None
    if progress is not None:
        # Each CSV row is a line less the header; a quoted line break makes this an overestimate.
        report, total = progress, sum(max(d["lines"] - 1, 0) for d in dependencies)

        def counted(done: int) -> None:
            report(done, total)

    build(target, loaded, meta, read_observation_files(loaded), counted)
    # Written last: a store without it was never finished.
    with target:
        target.execute("INSERT INTO meta VALUES ('complete', '1')")


def open_store(
    settings: Settings, progress: Progress | None = None, reporter: Reporter | None = None
) -> sqlite3.Connection:
    """A connection to the store for the settings' data files, building it if needed.

    ``reporter`` makes a progress display (a context manager giving a ``progress`` callable); it
    is entered only when a store has to be built, so a warm run never starts one.
    """
    global _opened
    _opened = None
    path = store_path(settings)
    if path is not None:
        connection = _open_cached(path)
        if connection is not None:
            _opened = path
            return connection
    with reporter() if reporter is not None else contextlib.nullcontext(progress) as report:
        if path is not None:
            built = _build_file(settings, path, report)
            if built is not None:
                _opened = path
                return built
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        try:
            build_into(settings, connection, report)
        except BaseException:
            connection.close()
            raise
        return connection


def discard_opened() -> bool:
    """Remove the cached store this process last opened; False if it opened none.

    For a store that turns out damaged inside only when a query reads the damaged page
    (sqlite3.DatabaseError "database disk image is malformed"): the next open builds it afresh.
    """
    global _opened
    path, _opened = _opened, None
    if path is None:
        return False
    with contextlib.suppress(OSError):
        path.unlink()
    return True


def _build_file(
    settings: Settings, target: Path, progress: Progress | None
) -> sqlite3.Connection | None:
    """Build the store into the cache atomically; None when the cache folder is unusable."""
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=BUILDING_PREFIX, suffix=".sqlite", dir=target.parent
        )
        os.close(handle)
    except OSError:
        return None
    temp = Path(temp_name)
    try:
        connection = sqlite3.connect(temp)
        try:
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("PRAGMA synchronous=OFF")
            build_into(settings, connection, progress)
        finally:
            connection.close()
        os.replace(temp, target)
    except (OSError, sqlite3.OperationalError):
        # A full disk or a folder that turned read-only: build in memory instead.
        with contextlib.suppress(OSError):
            temp.unlink()
        return None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _prune(target, settings)
    return _open_cached(target)


def _origin(settings: Settings) -> str:
    """The data files as absolute paths: which files a store stands for, wherever it was run."""
    return json.dumps([os.path.abspath(p) for p in settings.paths], ensure_ascii=False)


def _prune(kept: Path, settings: Settings) -> None:
    """Remove stores of the same data files that this build replaces, and abandoned builds."""
    origin = _origin(settings)
    now = time.time()
    with contextlib.suppress(OSError):
        for path in kept.parent.iterdir():
            name = path.name
            if name.startswith(BUILDING_PREFIX):
                with contextlib.suppress(OSError):
                    if now - path.stat().st_mtime > ABANDONED_SECONDS:
                        path.unlink()
                continue
            if not name.startswith(STORE_PREFIX) or path == kept:
                continue
            if _read_origin(path) in (origin, None):
                with contextlib.suppress(OSError):
                    path.unlink()


def _read_origin(path: Path) -> str | None:
    """The data files a cached store was built from; None if it cannot be read as a store."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT value FROM meta WHERE key = 'origin'").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def export_store(connection: sqlite3.Connection, target: Path) -> None:
    """Copy the open store to a SQLite file, atomically, readable as any new file would be."""
    from .files import replacing

    with replacing(target) as temp, contextlib.closing(sqlite3.connect(temp)) as destination:
        connection.backup(destination)


def clear(directory: Path) -> int:
    """Remove every cached store in the folder; return how many were removed."""
    removed = 0
    if not directory.is_dir():
        return 0
    for path in directory.glob(f"{STORE_PREFIX}*.sqlite"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    for path in directory.glob(f"{BUILDING_PREFIX}*.sqlite"):
        with contextlib.suppress(OSError):
            path.unlink()
    return removed
