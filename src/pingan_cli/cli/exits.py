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


def fail(message: str, status: ExitStatus, stderr: TextIO | None = None) -> NoReturn:
    """Print message on standard error and exit with status."""
    stream = stderr or sys.stderr
    stream.write(message + "\n")
    stream.flush()
    raise SystemExit(int(status))


def interrupted(stderr: TextIO | None = None) -> NoReturn:
    """Ctrl-C: say so and exit 130, whether it came while loading, building or writing."""
    fail("interrupted", ExitStatus.INTERRUPTED, stderr)
