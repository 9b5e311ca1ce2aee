"""Where a run reads and writes: its streams, whether they are terminals, colour, width, variables.

The command line asks this one object instead of sys, os.environ and the terminal; tests hand the
root command a replacement (``cli.main(args, obj=Environment(...))``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO


class Environment:
    """The streams, terminal and environment variables of one run."""

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdout_isatty: bool | None = None,
        stderr_isatty: bool | None = None,
        variables: Mapping[str, str] | None = None,
        terminal_width: int | None = None,
        stdout_is_file: bool | None = None,
    ) -> None:
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr
        self.stdout_isatty = _isatty(self.stdout) if stdout_isatty is None else stdout_isatty
        self.stderr_isatty = _isatty(self.stderr) if stderr_isatty is None else stderr_isatty
        self.variables = os.environ if variables is None else variables
        self.terminal_width = terminal_width
        self.stdout_is_file = _is_file(self.stdout) if stdout_is_file is None else stdout_is_file

    def colour(self, to_file: bool = False) -> bool:
        """Colour only on a terminal, and never with NO_COLOR set."""
        return bool(self.stdout_isatty) and not to_file and not self.variables.get("NO_COLOR")

    def width(self, given: int | None = None, to_file: bool = False) -> int | None:
        """Table width: the one given, else COLUMNS, else the terminal's; None: never wrap."""
        if given is not None:
            return given
        columns = self.variables.get("COLUMNS", "")
        if columns.isdigit():
            return int(columns)
        if self.stdout_isatty and not to_file:
            if self.terminal_width is not None:
                return self.terminal_width
            try:
                return os.get_terminal_size(self.stdout.fileno()).columns
            except (OSError, ValueError):  # a stream with no terminal behind it
                return None
        return None

    def show_progress(self) -> bool:
        """A progress bar while a store is built: on a terminal's stderr, never in CI."""
        return bool(self.stderr_isatty) and not self.variables.get("CI")


def _is_file(stream: TextIO) -> bool:
    """True when the stream writes to a regular file (`> out.csv`), not a pipe or a terminal."""
    import stat

    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # a stream with no file behind it
        return False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
