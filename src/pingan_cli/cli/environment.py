"""Where a run reads and writes: its streams, whether they are terminals, colour, width, variables.

The command line asks this one object instead of sys, os.environ and the terminal; tests hand the
root command a replacement (``cli.main(args, obj=Environment(...))``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import BinaryIO, TextIO


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
        stdin: BinaryIO | None = None,
    ) -> None:
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr
        self.stdout_isatty = _isatty(self.stdout) if stdout_isatty is None else stdout_isatty
        self.stderr_isatty = _isatty(self.stderr) if stderr_isatty is None else stderr_isatty
        self.variables = os.environ if variables is None else variables
        self.terminal_width = terminal_width
        self.stdout_is_file = _is_file(self.stdout) if stdout_is_file is None else stdout_is_file
        self._stdin = stdin

    @property
    def stdin(self) -> BinaryIO:
        """Standard input as bytes (what `pingan extract -` reads)."""
        if self._stdin is not None:
            return self._stdin
        stream: BinaryIO = sys.stdin.buffer
        return stream

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

    def stderr_width(self) -> int | None:
        """The width notes and errors wrap to: on a terminal, COLUMNS or the terminal's; None
        (one line a message, for logs and grep) when standard error is not a terminal."""
        if not self.stderr_isatty:
            return None
        columns = self.variables.get("COLUMNS", "")
        if columns.isdigit() and int(columns) > 0:
            return int(columns)
        if self.terminal_width is not None:
            return self.terminal_width
        try:
            return os.get_terminal_size(self.stderr.fileno()).columns
        except (OSError, ValueError):
            return None

    def say(self, message: str) -> None:
        """Write a note or an error on standard error, wrapped to the terminal's width."""
        self.stderr.write(wrapped(message, self.stderr_width()))
        self.stderr.flush()

    @property
    def build_note_after(self) -> float:
        """Seconds a build of the store takes before a run that draws no progress bar says so:
        PINGAN_BUILD_NOTE_AFTER, else 2 (the tests set it higher: a loaded machine may take
        that long to build a small store)."""
        try:
            return float(self.variables.get("PINGAN_BUILD_NOTE_AFTER", "2"))
        except ValueError:
            return 2.0

    def show_progress(self) -> bool:
        """A progress bar while a store is built: on a terminal's stderr, never in CI."""
        return bool(self.stderr_isatty) and not self.variables.get("CI")


def wrapped(message: str, width: int | None) -> str:
    """The message's lines broken at spaces (and between Chinese characters) to fit width, each
    continuation indented by two spaces; a URL or a word wider than the line is kept whole."""
    if width is None or all(len(line) <= width // 2 for line in message.splitlines()):
        return message if message.endswith("\n") else message + "\n"
    from ..render.measure import cell_len, wrap
    from ..result import Breaks

    out: list[str] = []
    for line in message.splitlines():
        if cell_len(line) <= width:
            out.append(line)
            continue
        first, *rest = wrap(line, width, Breaks.words)
        out.append(first)
        rest = wrap(" ".join(rest), width - 2, Breaks.words) if rest else []
        out.extend("  " + piece for piece in rest)
    return "\n".join(out) + "\n"


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
