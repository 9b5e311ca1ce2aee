"""A current compiled store for these data files: from the cache folder, built there, or in memory.

A warm run hashes the YAML files, opens the SQLite store named by that hash and answers from it;
it imports neither yaml nor pydantic, nor tempfile or pathlib: this module is on every command's
import path, so it imports only what a warm run needs, and its paths are strings. Anything wrong
with a cached store (stale, truncated, corrupt, another version) means it is rebuilt silently; a
cache folder that cannot be written means the store is built in memory instead. A store is built
into a temporary file and renamed into place, so readers never see half a store and two processes
building at once both succeed (the last rename wins; both stores are whole). The temporary file
is locked while it is built, so a later build removes those of builds that were killed, and only
those (atomic.sweep).
"""

import contextlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, NamedTuple

from .._version import __version__

try:  # hashlib loads OpenSSL when imported (docs/performance.md); BLAKE2 is built in
    from _blake2 import blake2b
except ImportError:  # an interpreter without CPython's built-in module
    from hashlib import blake2b
from ..load.limits import MAX_FILE_BYTES

if TYPE_CHECKING:
    from .pipeline import Progress

STORE_PREFIX = "store-"
BUILDING_PREFIX = ".building-"
BUILDING_SUFFIX = ".sqlite"
# How far apart two writes can be and still get one modification time: a clock tick of the file
# system (Linux and Windows tick every 1-16 ms; FAT and some network file systems keep seconds).
FINE_TICK_NS = 50_000_000
COARSE_TICK_NS = 2_000_000_000

# Makes a progress display: entered only when a store has to be built.
Reporter = Callable[[], AbstractContextManager["Progress"]]


class Settings(NamedTuple):
    """Where the data and the cache are, and whether to use the cache."""

    paths: tuple[str, ...]
    cache_dir: str
    use_cache: bool = True
    # Folders outside the data files' own that they may name files in (--allow-path).
    allowed: tuple[str, ...] = ()


def bundled_data() -> str:
    """The dataset shipped with pingan: inside the installed package, or in a source checkout."""
    package = os.path.dirname(os.path.dirname(__file__))
    shipped = os.path.join(package, "data", "indicators.yaml")
    if os.path.isfile(shipped):
        return shipped
    checkout = os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    )
    return os.path.join(checkout, "data", "indicators.yaml")


def default_cache_dir(environ: Mapping[str, str]) -> str:
    """$XDG_CACHE_HOME/pingan, else ~/.cache/pingan."""
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pingan")


class OpenedStore(NamedTuple):
    """A connection to a current store, and the cached file it reads (None: in memory)."""

    connection: sqlite3.Connection
    path: str | None


class Inputs(NamedTuple):
    """The data files' bytes as read once, and the key of the store they make.

    A store is built from these very bytes, never from a second reading of the files: a file
    changed between the two (an editor's save, a `git checkout` in another terminal) would give
    a store of the new content under the old content's key.
    """

    key: str
    contents: tuple[bytes, ...]


def read_inputs(paths: Sequence[str], allowed: Sequence[str] = ()) -> Inputs | None:
    """Every file's bytes and the BLAKE2 hash of pingan's version and every file's place and
    bytes; None if one cannot be read as a regular file within the YAML size limit.

    CSV files a dataset names are not hashed here (they may be large): the store records their
    size, modification time and the hash of the bytes it read, and is stale when they change
    (see _dependencies_current). A file's place is in the key because the CSV files it names
    are found beside it: two copies of one YAML file naming different CSV files must not share
    a store. So are the folders the user allows them to name files in, when there are any: a
    store built with a CSV file of such a folder is not one for a run that does not allow it.
    """
    digest = blake2b(f"pingan {__version__}\n".encode(), digest_size=20)
    if allowed:
        digest.update(os.fsencode("allowed " + "\0".join(allowed) + "\n"))
    contents = []
    for path in paths:
        try:
            data = _read_regular(path)
            place = os.fsencode(os.path.realpath(path))
        except (OSError, ValueError):
            return None
        if data is None:
            return None
        digest.update(len(place).to_bytes(8, "big"))
        digest.update(place)
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
        contents.append(data)
    return Inputs(digest.hexdigest(), tuple(contents))


def _read_regular(path: str) -> bytes | None:
    """A regular file's bytes, up to the YAML limit; None for anything else.

    Opened without waiting (a FIFO put in the file's place must not hang the run), and checked
    as opened, not as named a moment before.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(descriptor)
    return None if len(data) > MAX_FILE_BYTES else data


def content_key(paths: Sequence[str]) -> str | None:
    """The key of the store these files make (read_inputs); None if one is unreadable."""
    inputs = read_inputs(paths)
    return None if inputs is None else inputs.key


def _store_file(settings: Settings, inputs: Inputs | None) -> str | None:
    if not settings.use_cache or inputs is None:
        return None
    return os.path.join(settings.cache_dir, f"{STORE_PREFIX}{inputs.key}.sqlite")


def store_path(settings: Settings) -> str | None:
    """Where the cached store for these settings lives; None when it cannot be cached."""
    inputs = read_inputs(settings.paths, settings.allowed) if settings.use_cache else None
    return _store_file(settings, inputs)


def _unsure(dependency: Mapping[str, int]) -> bool:
    """Whether a file was read within a tick of its last change (Git's "racily clean" entry).

    A rewrite of the same size in that tick would keep the recorded modification time, so the
    time proves nothing and the content is hashed.
    """
    mtime = dependency["mtime_ns"]
    tick = COARSE_TICK_NS if mtime % 1_000_000_000 == 0 else FINE_TICK_NS
    return dependency["checked_ns"] - mtime < tick


def _dependencies_current(raw: str) -> bool:
    for dep in json.loads(raw):
        path = dep["path"]
        try:
            info = os.stat(path)
        except OSError:
            return False
        if info.st_size != dep["size"]:
            return False
        if info.st_mtime_ns != dep["mtime_ns"] or _unsure(dep):
            from .pipeline import file_fingerprint

            if file_fingerprint(path)["sha256"] != dep["sha256"]:
                return False
    return True


def _open_cached(path: str) -> sqlite3.Connection | None:
    """Open a cached store read-only if it is whole and current, else None."""
    size = _regular_size(path)
    if size is None:
        return None
    connection = None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        page_count = connection.execute("PRAGMA page_count").fetchone()[0]
        if page_size * page_count != size:
            raise sqlite3.DatabaseError("truncated")
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        from .format import SCHEMA_VERSION

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


def open_store(
    settings: Settings, progress: "Progress | None" = None, reporter: Reporter | None = None
) -> OpenedStore:
    """A connection to a current store for the settings' data files, building it if needed.

    ``reporter`` makes a progress display (a context manager giving a ``progress`` callable); it
    is entered only when a store has to be built, so a warm run never starts one.
    """
    inputs = read_inputs(settings.paths, settings.allowed) if settings.use_cache else None
    path = _store_file(settings, inputs)
    if path is not None:
        connection = _open_cached(path)
        if connection is not None:
            return OpenedStore(connection, path)
    from .pipeline import compile_store

    contents = None if inputs is None else inputs.contents
    with reporter() if reporter is not None else contextlib.nullcontext(progress) as report:
        if path is not None:
            built = _build_file(settings, path, report, contents)
            if built is not None:
                return OpenedStore(built, path)
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        try:
            compile_store(
                settings.paths, connection, report, contents=contents, allowed=settings.allowed
            )
        except BaseException:
            connection.close()
            raise
        return OpenedStore(connection, None)


def discard(path: str) -> None:
    """Remove a cached store found damaged inside, so that the next open builds it afresh.

    Opening a store checks its size and header; a page damaged inside shows only when a query
    reads it (sqlite3.DatabaseError "database disk image is malformed").
    """
    with contextlib.suppress(OSError):
        os.unlink(path)


def _build_file(
    settings: Settings,
    target: str,
    progress: "Progress | None",
    contents: tuple[bytes, ...] | None = None,
) -> sqlite3.Connection | None:
    """Build the store into the cache atomically; None when the cache folder is unusable.

    The temporary file is locked while it is built: a later build removes those of builds that
    were killed, and leaves alone those of builds still running (each renames its own).
    """
    from ..atomic import locked_temp, sweep
    from .pipeline import compile_store

    folder = os.path.dirname(target)
    try:
        os.makedirs(folder, exist_ok=True)
        sweep(folder, BUILDING_PREFIX, BUILDING_SUFFIX)
        handle, temp = locked_temp(folder, BUILDING_PREFIX, BUILDING_SUFFIX)
    except OSError:
        return None
    try:
        connection = sqlite3.connect(temp)
        try:
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("PRAGMA synchronous=OFF")
            compile_store(
                settings.paths, connection, progress, contents=contents, allowed=settings.allowed
            )
        finally:
            connection.close()
        os.replace(temp, target)
    except (OSError, sqlite3.OperationalError):
        # A full disk or a folder that turned read-only: build in memory instead.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    finally:
        # NOTE: closed only after SQLite's own connection: closing a descriptor of a file ends
        # every POSIX lock the process holds on it, SQLite's too.
        if handle >= 0:
            os.close(handle)
    _prune(target, settings)
    return _open_cached(target)


def _prune(kept: str, settings: Settings) -> None:
    """Remove stores of the same data files that this build replaces, and abandoned builds."""
    from ..atomic import sweep
    from .pipeline import origin as origin_of

    folder = os.path.dirname(kept)
    sweep(folder, BUILDING_PREFIX, BUILDING_SUFFIX)
    origin = origin_of(settings.paths)
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            name, path = entry.name, entry.path
            if not name.startswith(STORE_PREFIX) or name == os.path.basename(kept):
                continue
            if _read_origin(path) in (origin, None):
                with contextlib.suppress(OSError):
                    os.unlink(path)


def _regular_size(path: str) -> int | None:
    """The size of a regular file; None for anything else, which SQLite must not open: a FIFO
    in a store's place would block every run that opened it."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _read_origin(path: str) -> str | None:
    """The data files a cached store was built from; None if it cannot be read as a store."""
    if _regular_size(path) is None:
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT value FROM meta WHERE key = 'origin'").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def clear(directory: str) -> int:
    """Remove every cached store in the folder; return how many were removed."""
    import glob

    removed = 0
    if not os.path.isdir(directory):
        return 0
    for path in glob.glob(os.path.join(glob.escape(directory), f"{STORE_PREFIX}*.sqlite")):
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
    from ..atomic import sweep

    sweep(directory, BUILDING_PREFIX, BUILDING_SUFFIX)  # a build still running keeps its file
    return removed
