"""Files a data file names (CSV files of figures, its sources' texts) stay inside its folder.

A dataset is often someone else's (a clone, a download): one naming ``../../etc/passwd`` as a CSV
file or a source's text would have pingan read it, and echo its lines in error messages. So a
file a data file names must lie inside the folder of that data file, symbolic links followed,
unless the user allows another folder: ``--allow-path DIR`` (repeatable) or PINGAN_ALLOW_PATHS
(folders separated as in PATH). The check comes before the file is opened, or even looked at.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

ALLOW_OPTION = "--allow-path DIR"
ALLOW_VARIABLE = "PINGAN_ALLOW_PATHS"


def allowed_folders(folders: Sequence[str | os.PathLike[str]]) -> tuple[str, ...]:
    """The folders the user allows, as real absolute paths, in order, each once."""
    return tuple(dict.fromkeys(os.path.realpath(f) for f in folders if os.fspath(f)))


def is_inside(target: Path, folder: Path, allowed: Sequence[str] = ()) -> bool:
    """Whether target (every symbolic link followed) lies inside folder or an allowed folder."""
    real = os.path.realpath(target)
    for base in (os.path.realpath(folder), *allowed):
        try:
            if os.path.commonpath([real, base]) == base:
                return True
        except ValueError:  # another drive (Windows)
            continue
    return False


def outside_message(written: str, folder: Path, data_file: str) -> str:
    """Why a named file is refused, and the two ways on."""
    where = os.path.realpath(folder)
    target = folder / written
    leads = os.path.realpath(target)
    if leads != os.path.abspath(target) and os.path.abspath(folder) == where:
        written = f"{written} (a link to {leads})"
    return (
        f"{written} is outside {where}, the folder of {data_file}: a data file may name only "
        f"files inside its own folder; move the file there, or allow its folder with "
        f"{ALLOW_OPTION} ({ALLOW_VARIABLE})"
    )
