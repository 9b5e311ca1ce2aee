"""Replacing a file so that readers see the old one or the new one, never half of either."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside target: written whole, it replaces target; on failure, removed.

    The new file keeps the old one's mode, or gets the umask's (mkstemp alone makes it 0600).
    """
    import tempfile

    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        # Named here: mkstemp's error would name its temporary file instead.
        raise FileNotFoundError(errno.ENOENT, "No such folder", str(directory))
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_text(target: Path, text: str) -> None:
    """Write UTF-8 text to target atomically, flushed to disk before it replaces the old file."""
    with replacing(target) as temp, open(temp, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
