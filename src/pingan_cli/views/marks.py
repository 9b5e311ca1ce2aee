"""Words and marks every view shares: not reported, honours' yes, no and unknown, conflicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..result import Column, cell

if TYPE_CHECKING:
    from ..records import Named, OtherFigure


NOT_REPORTED = "not reported"


# After a figure in a table: another source gives a different figure for the same cell
# (`pingan conflicts` lists both; JSON and CSV carry them as conflicts_with).
CONFLICT_MARK = "†"


CONFLICT_NOTE = (
    f"{CONFLICT_MARK}: another source gives a different figure for the same region, indicator "
    "and period (both are kept): see `pingan conflicts`"
)


def conflict_notes(conflicted: bool) -> tuple[str, ...]:
    """The note explaining † wherever a figure carries it."""
    return (CONFLICT_NOTE,) if conflicted else ()


STATUS_TEXT = {True: "yes", False: "no", None: "unknown"}


PARTIAL = "unknown (partial list)"


# How honours and gaps look where colour is shown.
STATUS_STYLES = (
    ("yes", "bold green"),
    ("no", "red"),
    ("unknown", "yellow"),
    (PARTIAL, "yellow"),
    ("n/a", "dim"),
    (NOT_REPORTED, "dim"),
)


def marked(display: str, conflicts: Sequence[OtherFigure]) -> str:
    """A figure as a table shows it: with † when another source gives a different figure."""
    return f"{display} {CONFLICT_MARK}" if conflicts else display


def honour_text(status: str, within: Sequence[Named]) -> str:
    """An honour's status for a region, then the units inside it that hold it."""
    if not within:
        return status
    return f"{status} · " + ", ".join(f"{unit.name} yes" for unit in within)


def text_rows(rows: Sequence[Any], columns: list[Column]) -> list[dict[str, str]]:
    """Table cells of records (or of dicts), one text per column."""
    return [
        {
            c.key: cell(row.get(c.key) if isinstance(row, dict) else getattr(row, c.key))
            for c in columns
        }
        for row in rows
    ]
