"""Problems found in input, each with the place it was found, and the errors that carry them."""

from typing import NamedTuple

Path_ = tuple[str | int, ...]


def format_path(path: Path_) -> str:
    """Render a path inside a document the way people write it: observations[12].value."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class Problem(NamedTuple):
    """One thing wrong with an input file, and where."""

    file: str
    line: int | None
    column: int | None
    message: str
    path: Path_ = ()

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        inside = f" {format_path(self.path)}:" if self.path else ""
        return f"{where}:{inside} {self.message}"


# A file with thousands of broken entries should not print thousands of lines: the first ones
# show what is wrong, and fixing them usually fixes the rest.
MAX_SHOWN = 100


class DataError(Exception):
    """Input data is invalid; carries every problem found, not only the first.

    ``problems`` holds them all; the message lists the first MAX_SHOWN and counts the rest.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
        lines = [str(p) for p in self.problems[:MAX_SHOWN]]
        hidden = len(self.problems) - MAX_SHOWN
        if hidden > 0:
            lines.append(f"... and {hidden:,} more problem{'s' if hidden != 1 else ''} not shown")
        super().__init__("\n".join(lines))

    @classmethod
    def at(
        cls, file: str, message: str, line: int | None = None, column: int | None = None
    ) -> "DataError":
        """The error for one problem: in file (at line and column, when known), message."""
        return cls([Problem(file, line, column, message)])


class QueryError(ValueError):
    """A question that cannot be asked: an unknown name, a bad filter."""
