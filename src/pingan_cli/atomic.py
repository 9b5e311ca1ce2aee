"""Writing a file the user named: replaced whole where that is safe, written through where not.

What a target is decides how it is written (docs/output.md, "Writing files", says the same):

- none yet, or a regular file with one name: a temporary file beside it is written whole and
  renamed over it, so a reader sees the old file or the new one, never half of either. The new
  file keeps the old one's mode and owner (and gets the umask's mode when there was none).
- a symbolic link: the same for the file it points to; the link stays a link.
- a regular file with more than one hard link, or one whose owner cannot be given back to it:
  written in place, so every name of it sees the new text (a rename would part them).
- anything else that exists (a device, a FIFO, a socket, /dev/stdout): written through, as
  the shell's ``>`` would, never replaced by a regular file.

A temporary file is named ``.NAME.XXXXXXXX.pingan.tmp`` and holds a lock while its writer lives;
a later write to the same folder removes those whose writer is gone (killed), and only those.
Errors name the file the user gave, never a temporary one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

TEMP_SUFFIX = ".pingan.tmp"
# Files SQLite keeps beside a database it writes: removed with their temporary file.
SIDE_FILES = ("-journal", "-wal", "-shm")
# Where file locks do not exist (Windows), a temporary file this old is taken as abandoned.
ABANDONED_SECONDS = 6 * 3600


class WriteError(OSError):
    """A file the user named could not be written; ``filename`` is that file."""

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


def _named(error: OSError, name: str) -> WriteError:
    if isinstance(error, WriteError):
        return error
    return WriteError(error.errno or errno.EIO, error.strerror or str(error), name)


class _Plan(NamedTuple):
    """How a target is written: the file to write, and whether it is written through."""

    path: Path
    through: bool
    info: os.stat_result | None


def _plan(target: Path, name: str) -> _Plan:
    if not name:
        raise WriteError(errno.ENOENT, "the file name is empty; name a file", "''")
    try:
        info = os.stat(target)  # through a symbolic link, to what it points at
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _named(error, name) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteError(errno.EISDIR, "it is a folder; name a file", name)
    if info is not None and not stat.S_ISREG(info.st_mode):
        return _Plan(target, True, info)  # a device, FIFO or socket: never replaced
    path = Path(os.path.realpath(target)) if os.path.islink(target) else target
    return _Plan(path, info is not None and info.st_nlink > 1, info)


@contextlib.contextmanager
def replacing(given: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path to write whole; then it takes target's place, as the module says.

    On failure the temporary file is removed and target is left as it was (but for a target
    written through or in place, which may hold part of the new text).
    """
    name = os.fspath(given)  # as the user wrote it: Path("./out") would say "out"
    plan = _plan(Path(name), name)
    if plan.through:
        with _written_through(plan, name) as temp:
            yield temp
        return
    folder = plan.path.parent if str(plan.path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(errno.ENOENT, f"the folder {folder} does not exist; create it", name)
    prefix = f".{plan.path.name}."
    sweep(folder, prefix, TEMP_SUFFIX)
    try:
        handle, temp_name = locked_temp(folder, prefix, TEMP_SUFFIX)
    except OSError as error:
        raise _named(error, name) from None
    temp = Path(temp_name)
    try:
        try:
            yield temp
            _commit(temp, plan, name)
        except OSError as error:
            if error.filename not in (None, temp_name, os.fspath(plan.path)):
                raise
            raise _named(error, name) from None
    except BaseException:
        _remove(temp_name)
        raise
    finally:
        if handle >= 0:
            os.close(handle)
    _remove(temp_name, side_files_only=True)


def _commit(temp: Path, plan: _Plan, name: str) -> None:
    """The temporary file, written whole, takes the target's place, with its owner and mode."""
    old = plan.info
    if old is None:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temp, 0o666 & ~mask)
    elif not _give_back_owner(temp, old) and os.access(plan.path, os.W_OK):
        # Not root, and another's file: written in place, it stays theirs.
        _copy_into(temp, plan.path, name, regular=True)
        return
    else:
        # (A file neither ours nor writable, in a folder we may write: replaced, as mv would.)
        os.chmod(temp, stat.S_IMODE(old.st_mode))
    os.replace(temp, plan.path)


@contextlib.contextmanager
def _written_through(plan: _Plan, name: str) -> Iterator[Path]:
    """Write into a temporary folder, then copy into the target, which stays what it is."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pingan-output-") as folder:
        temp = Path(folder) / "output"
        try:
            yield temp
            assert plan.info is not None
            _copy_into(temp, plan.path, name, regular=stat.S_ISREG(plan.info.st_mode))
        except OSError as error:
            if error.filename not in (None, os.fspath(temp), os.fspath(plan.path)):
                raise
            raise _named(error, name) from None


def _copy_into(source: Path, target: Path, name: str, regular: bool) -> None:
    """Copy source's bytes into target as it is: opened, never created or replaced."""
    import shutil

    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        # NOTE: a FIFO waits here for its reader, as the shell's `>` would.
        descriptor = os.open(target, flags | (os.O_TRUNC if regular else 0))
        with open(descriptor, "wb") as out, open(source, "rb") as data:
            shutil.copyfileobj(data, out, 1 << 20)
            out.flush()
            if regular:
                os.fsync(out.fileno())
    except OSError as error:
        raise _named(error, name) from None


def _give_back_owner(temp: Path, old: os.stat_result) -> bool:
    """Give the new file the old one's owner and group; False if that is not allowed."""
    made = os.stat(temp)
    if (made.st_uid, made.st_gid) == (old.st_uid, old.st_gid):
        return True
    try:
        os.chown(temp, old.st_uid, old.st_gid)
    except PermissionError:
        return False
    except AttributeError:  # pragma: no cover - no owners (Windows)
        pass
    return True


def write_text(target: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text to target as the module says, flushed to disk before it takes its place."""
    with replacing(target) as temp, open(temp, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


# --- temporary files that hold a lock while their writer lives ----------------------------------


def _try_lock(descriptor: int, wait: bool) -> bool | None:
    """Lock an open file for this process; None where file locks do not exist."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def locked_temp(
    folder: Path | str, prefix: str, suffix: str, folder_too: bool = False
) -> tuple[int, str]:
    """A new temporary file (or folder) in folder, locked by the descriptor returned with it
    (-1 where there are no locks).

    The lock lasts while the descriptor is open, and ends when the process does, however it
    ends: a sweep takes a temporary file whose lock it can take for one whose writer is gone.
    """
    import tempfile

    while True:
        if folder_too:
            path = tempfile.mkdtemp(prefix=prefix, suffix=suffix, dir=folder)
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        else:
            descriptor, path = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
        if _try_lock(descriptor, wait=True) is None:  # pragma: no cover - Windows
            # No locks, and a file open there cannot be renamed: the sweep goes by age.
            os.close(descriptor)
            return -1, path
        # A sweep may have taken it between its making and the lock: then make another.
        if os.fstat(descriptor).st_nlink > 0:
            return descriptor, path
        os.close(descriptor)


def sweep(folder: Path | str, prefix: str, suffix: str) -> int:
    """Remove temporary files (and folders) named prefix…suffix whose writer is gone; how many.

    A file whose lock is held belongs to a writer still running and is left alone. The files
    SQLite keeps beside one (-journal) go with it, and so does the .old a data package's swap
    sets aside (unless the package it was is all that is left of it).
    """
    removed = 0
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.startswith(prefix)]
    except OSError:
        return 0
    for entry in names:
        if entry.endswith(suffix) and _remove_if_abandoned(os.path.join(folder, entry)):
            removed += 1
    target = os.path.join(folder, prefix[1:-1])
    for entry in names:
        base = next((entry[: -len(s)] for s in SIDE_FILES if entry.endswith(s)), None)
        if base is None and entry.endswith(suffix + ".old") and os.path.lexists(target):
            base = entry[: -len(".old")]
        if (
            base is not None
            and base.endswith(suffix)
            and not os.path.lexists(os.path.join(folder, base))
        ):
            _remove(os.path.join(folder, entry))
    return removed


def _remove_if_abandoned(path: str) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        return False
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        locked = _try_lock(descriptor, wait=False)
        if locked is False:
            return False  # its writer is still at work
        if locked is None:
            import time

            if time.time() - info.st_mtime < ABANDONED_SECONDS:
                return False
        if os.fstat(descriptor).st_ino != info.st_ino:
            return False
        _remove(path)
        return True
    finally:
        os.close(descriptor)


def _remove(path: str, side_files_only: bool = False) -> None:
    """Remove a temporary file or folder and the files SQLite kept beside it."""
    import shutil

    for side in SIDE_FILES:
        with contextlib.suppress(OSError):
            os.unlink(path + side)
    if side_files_only:
        return
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)
