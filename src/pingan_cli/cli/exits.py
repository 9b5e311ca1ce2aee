"""Exit codes, and the one way a run ends on Ctrl-C."""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import NoReturn, TextIO


class ExitStatus(IntEnum):
    """Exit codes: documented in `pingan --help` and the README."""

    OK = 0
    FAILURE = 1
    USAGE = 2
    INTERRUPTED = 130


def fail(
    message: str, status: ExitStatus, stderr: TextIO | None = None, width: int | None = None
) -> NoReturn:
    """Print message on standard error (wrapped to width, if given) and exit with status."""
    stream = stderr or sys.stderr
    if width is None:
        stream.write(message + "\n")
    else:
        from .environment import wrapped

        stream.write(wrapped(message, width))
    stream.flush()
    raise SystemExit(int(status))


def interrupted(stderr: TextIO | None = None) -> NoReturn:
    """Ctrl-C: say so and exit 130, whether it came while loading, building or writing."""
    fail("interrupted", ExitStatus.INTERRUPTED, stderr)
