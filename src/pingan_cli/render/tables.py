"""Terminal tables that never cut: a table when every column fits whole, else one record a block.

A table is drawn as Rich draws a SIMPLE_HEAD table (tests/render/test_tables.py proves the two
agree when the table fits), measured in terminal cells (measure.py) so Chinese (double-width) text
lines up. When the natural table is wider than the terminal, prose columns (Breaks.words,
Breaks.items) and headers wrap; then names (Breaks.name, the names in lists and after figures)
wrap too; figures, ids, dates and status words (Breaks.never) are never broken, cut or squeezed,
and a URL breaks only where it is wider than the whole line. When even the narrowest such table
is too wide, it is shown vertically (psql's expanded display): a block per row, one field a line.
No line is wider than the terminal but one holding a single figure or id wider than it. Cells are
escaped with safe_text, so data such as ``[red]`` or ESC is shown as written, never interpreted.
Rich's console is imported only to colour (a terminal).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from ..result import Breaks, Column, Layout, Result, Table
from ..visible import safe_text
from .measure import UNLIMITED, WRAP_FLOOR, cell_len, min_width, pieces, whole_width, wrap

if TYPE_CHECKING:
    from rich.text import Text

HEADER_STYLE = "bold"


# A piece of a line of output: its text, a Rich style name ("" for none), and whether it is a
# cell's text aligned right in its column (a picture places it by its right end). A plain tuple:
# a table of a thousand rows makes ten thousand of them.
Span = tuple[str, str, bool]


Line = list[Span]


def render_tables(
    result: Result,
    width: int | None,
    color: bool,
    ascii_only: bool = False,
    layout: Layout = Layout.auto,
) -> str:
    """Every table of a result; width None means never wrap (output to a pipe)."""
    lines = draw(result, width, ascii_only, layout)
    if color:
        return _ansi(lines, width)
    return "".join("".join(text for text, _, _ in line) + "\n" for line in lines)


def draw(result: Result, width: int | None, ascii_only: bool, layout: Layout) -> list[Line]:
    """The lines of every table, a blank line between two tables."""
    limit = width or UNLIMITED
    lines: list[Line] = []
    for index, table in enumerate(result.tables):
        if index:
            lines.append([])
        lines.extend(_draw_table(table, limit, ascii_only, layout))
    return lines


class _Shown:
    """A table's text, escaped and measured: each cell's width, each column's natural width."""

    def __init__(
        self,
        columns: list[Column],
        show_header: bool,
        header: list[str],
        header_sizes: list[int],
        rows: list[list[str]],
        sizes: list[list[int]],
        natural: list[int],
    ) -> None:
        self.columns = columns
        self.show_header = show_header
        self.header = header
        self.header_sizes = header_sizes
        self.rows = rows
        self.sizes = sizes
        self.natural = natural

    @cached_property
    def minimum(self) -> list[int]:
        """Each column's narrowest width with every name, list item and URL whole."""
        return self._narrowest(whole_width)

    @cached_property
    def loosest(self) -> list[int]:
        """Each column's narrowest width with every figure, id and word whole, and no column
        that wraps narrower than WRAP_FLOOR (unless it is narrower whole)."""
        return [
            size if column.breaks is Breaks.never else max(size, min(natural, WRAP_FLOOR))
            for size, natural, column in zip(
                self._narrowest(min_width), self.natural, self.columns, strict=True
            )
        ]

    def _narrowest(self, measure: Callable[[str, Breaks], int]) -> list[int]:
        minimum = [0] * len(self.columns)
        for index, column in enumerate(self.columns):
            if column.breaks is Breaks.never:
                minimum[index] = max((sizes[index] for sizes in self.sizes), default=0)
            else:
                texts = (cells[index] for cells in self.rows)
                minimum[index] = max((measure(t, column.breaks) for t in texts), default=0)
            if self.show_header:
                header = min_width(self.header[index], column.header_breaks)
                minimum[index] = max(minimum[index], header)
        return minimum


def _shown(table: Table) -> _Shown:
    columns = table.columns
    header = [safe_text(c.header) for c in columns]
    header_sizes = [cell_len(text) for text in header]
    rows = [[safe_text(row.get(c.key, "")) for c in columns] for row in table.rows]
    sizes = [[cell_len(text) for text in cells] for cells in rows]
    natural = list(header_sizes) if table.show_header else [0] * len(columns)
    for row_sizes in sizes:
        natural = [max(pair) for pair in zip(natural, row_sizes, strict=True)]
    return _Shown(columns, table.show_header, header, header_sizes, rows, sizes, natural)


# A wrapped table is kept while no row is taller than this, or while its rows are on average no
# taller than a record of as many fields (one record a block would be longer), and none is more
# than twice that: else it reads worse than one record a block.
MAX_ROW_LINES = 4


def _draw_table(table: Table, limit: int, ascii_only: bool, layout: Layout) -> list[Line]:
    """The table as it fits: whole, with narrower gaps, with prose wrapped, else vertical."""
    shown = _shown(table)
    lines = _title(table.title, limit)
    if not shown.columns:
        return lines
    if layout is Layout.vertical:
        return lines + _vertical(shown, limit, ascii_only)
    gaps = [" | "] if ascii_only else ["   ", "  "]
    between = len(shown.columns) - 1
    for gap in gaps:
        if sum(shown.natural) + len(gap) * between <= limit:
            return lines + _grid(table, shown, shown.natural, gap)[0]
    drawn: list[tuple[list[Line], list[int]]] = []
    # Names whole first; columns whole where they can be; then the wider gap first.
    for minimum in (shown.minimum, shown.loosest):
        for whole_first in (True, False):
            for gap in gaps:
                room = limit - len(gap) * between
                if sum(minimum) <= room:
                    widths = _share(shown.natural, minimum, room, whole_first)
                    grid, heights = _grid(table, shown, widths, gap)
                    if layout is Layout.table or _readable(heights, 0):
                        return lines + grid
                    drawn.append((grid, heights))
    for grid, heights in drawn:  # rows taller than MAX_ROW_LINES, if they must be
        if _readable(heights, len(shown.columns)):
            return lines + grid
    if layout is Layout.table:  # asked for, and it cannot be drawn this narrow: say so
        narrowest = sum(shown.loosest) + len(gaps[-1]) * between
        raise TooNarrow(narrowest, limit)
    return lines + _vertical(shown, limit, ascii_only)


class TooNarrow(ValueError):
    """--layout table at a width narrower than the narrowest table of these columns."""

    def __init__(self, narrowest: int, width: int) -> None:
        super().__init__(
            f"the table needs {narrowest} columns with every figure and id whole, and the width "
            f"is {width}: use --layout vertical (or auto), fewer --columns, or --width {narrowest}"
        )
        self.narrowest = narrowest
        self.width = width


def _title(title: str | None, limit: int) -> list[Line]:
    if not title:
        return []
    return [
        _rstrip([(line, HEADER_STYLE, False)])
        for line in wrap(safe_text(title), limit, Breaks.words)
    ]


def _share(natural: list[int], minimum: list[int], room: int, whole_first: bool) -> list[int]:
    """Column widths from each one's narrowest: the room left unwraps the columns that need
    least first (whole_first), and what cannot unwrap one more column whole is shared among the
    rest, each in proportion to what it lacks."""
    widths = list(minimum)
    spare = room - sum(minimum)
    order = sorted(range(len(widths)), key=lambda i: natural[i] - minimum[i])
    for index in order if whole_first else ():
        want = natural[index] - widths[index]
        if want > spare:
            break
        widths[index], spare = natural[index], spare - want
    wanting = [i for i in order if widths[i] < natural[i]]
    total = sum(natural[i] - widths[i] for i in wanting)
    for index in wanting:
        share = spare * (natural[index] - widths[index]) // total if total else 0
        widths[index] += share
    left = room - sum(widths)
    for index in reversed(wanting):
        if left <= 0:
            break
        grow = min(left, natural[index] - widths[index])
        widths[index] += grow
        left -= grow
    return widths


# A cell as drawn: its lines, each with its width in cells.
_Cell = list[tuple[str, int]]


def _fold(text: str, size: int, width: int, breaks: Breaks) -> _Cell:
    if size <= width:
        return [(text, size)]
    return [(line, cell_len(line)) for line in wrap(text, width, breaks)]


def _grid(table: Table, shown: _Shown, widths: list[int], gap: str) -> tuple[list[Line], list[int]]:
    """The table drawn at these column widths, and the height of each row."""
    columns = shown.columns
    cells = [
        [
            _fold(text, size, widths[i], c.breaks)
            for i, (text, size, c) in enumerate(zip(row, sizes, columns, strict=True))
        ]
        for row, sizes in zip(shown.rows, shown.sizes, strict=True)
    ]
    header = [
        _fold(text, size, widths[i], c.header_breaks)
        for i, (text, size, c) in enumerate(
            zip(shown.header, shown.header_sizes, columns, strict=True)
        )
    ]
    if widths != shown.natural:
        # A column whose text wrapped narrower than the width it was given gives the rest back.
        drawn = [*cells, header] if table.show_header else cells
        widths = [
            max((n for row in drawn for _, n in row[i]), default=0) for i in range(len(widths))
        ]
    styles = [dict(column.styles) for column in columns]
    out: list[Line] = []

    def add(row: list[_Cell], cell_styles: list[str]) -> None:
        for number in range(max(len(lines) for lines in row)):
            line: Line = []
            for index, (lines, column) in enumerate(zip(row, columns, strict=True)):
                text, size = lines[number] if number < len(lines) else ("", 0)
                if index:
                    line.append((gap, "", False))
                if column.numeric:
                    if text[-1:].isspace():
                        text = text.rstrip()  # as Rich right-justifies
                        size = cell_len(text)
                    line.extend(
                        [
                            (" " * (widths[index] - size), "", False),
                            (text, cell_styles[index], True),
                        ]
                    )
                else:
                    line.extend(
                        [
                            (text, cell_styles[index], False),
                            (" " * (widths[index] - size), "", False),
                        ]
                    )
            out.append(_rstrip(line))

    if table.show_header:
        add(header, [HEADER_STYLE] * len(columns))
        if gap == " | ":
            last = len(widths) - 1
            rule = "+".join("-" * (w + (i > 0) + (i < last)) for i, w in enumerate(widths))
        else:
            rule = "─" * (sum(widths) + len(gap) * (len(widths) - 1))
        out.append([(rule, "", False)])
    for row, texts in zip(cells, shown.rows, strict=True):
        add(row, [style.get(text, "") for style, text in zip(styles, texts, strict=True)])
    return out, [max((len(lines) for lines in row), default=1) for row in cells]


def _readable(heights: list[int], fields: int) -> bool:
    """True for rows of these heights in a table of this many fields (MAX_ROW_LINES); 0 fields:
    only if no row is taller than MAX_ROW_LINES."""
    tallest = max(heights, default=0)
    if tallest <= MAX_ROW_LINES:
        return True
    return sum(heights) <= fields * len(heights) and tallest <= 2 * fields


def _vertical(shown: _Shown, limit: int, ascii_only: bool) -> list[Line]:
    """One block per row, one field a line: `label │ value`, or the label above its value."""
    if not shown.show_header and len(shown.columns) == 2:
        # A headerless pair of columns is a list of fields already: its first column labels.
        key, value = shown.columns
        labels = [cells[0] for cells in shown.rows]
        column = value._replace(header_breaks=key.breaks)
        values = [[cells[1] for cells in shown.rows]]
        return _records(labels, [column] * len(labels), values, limit, ascii_only, marks=False)
    return _records(shown.header, shown.columns, shown.rows, limit, ascii_only, marks=True)


def _records(
    labels: list[str],
    columns: list[Column],
    rows: list[list[str]],
    limit: int,
    ascii_only: bool,
    marks: bool,
) -> list[Line]:
    label_natural = max((cell_len(label) for label in labels), default=0)
    label_min = max(
        (min_width(label, c.header_breaks) for label, c in zip(labels, columns, strict=True)),
        default=0,
    )
    bar = " | " if ascii_only else " │ "
    # Labels beside values, or above them, as names and URLs show whole; else beside them with
    # names and URLs broken, if that leaves the values half the line; else above.
    side_by_side, label_width = False, 0
    for measure in (whole_width, min_width):
        value_min = max(
            (
                measure(text, column.breaks)
                for cells in rows
                for text, column in zip(cells, columns, strict=True)
            ),
            default=0,
        )
        label_width = min(label_natural, limit - len(bar) - value_min)
        side_by_side = label_width >= label_min
        if measure is min_width:
            side_by_side = side_by_side and limit - len(bar) - label_width >= limit // 2
        if side_by_side or value_min <= limit - 2:
            break
    value_width = limit - len(bar) - label_width if side_by_side else limit - 2
    styles = [dict(column.styles) for column in columns]
    rule_char = "-" if ascii_only else "─"
    blocks: list[list[Line]] = []
    for cells in rows:
        block: list[Line] = []
        for index, (text, column) in enumerate(zip(cells, columns, strict=True)):
            style = styles[index].get(text, "")
            if side_by_side:
                values = wrap(text, value_width, column.breaks)
                names = wrap(labels[index], label_width, column.header_breaks)
                for row in range(max(len(names), len(values))):
                    name = names[row] if row < len(names) else ""
                    value = values[row] if row < len(values) else ""
                    pad = " " * (label_width - cell_len(name))
                    block.append(
                        _rstrip(
                            [
                                (name, HEADER_STYLE, False),
                                (pad + bar, "", False),
                                (value, style, False),
                            ]
                        )
                    )
            else:
                names = wrap(labels[index], limit, column.header_breaks)
                block.extend([(name, HEADER_STYLE, False)] for name in names)
                # Indented under its label, unless a piece of it is wider than the indented line
                # (a URL that fits the whole line is kept whole, unindented).
                need = min_width(text, column.breaks)
                finest = max((cell_len(p.text) for p in pieces(text, column.breaks)), default=0)
                fits = need <= limit - 2 or (need > limit and finest <= limit - 2)
                indent = "  " if fits else ""
                values = wrap(text, limit - len(indent), column.breaks)
                block.extend(
                    _rstrip([(indent, "", False), (value, style, False)])
                    for value in values
                    if value
                )
        blocks.append(block)
    rule_width = min(limit, max((line_width(line) for b in blocks for line in b), default=0))
    out: list[Line] = []
    for number, block in enumerate(blocks, start=1):
        if marks:
            mark = f"{rule_char}[ {number} ]"
            out.append([(mark + rule_char * max(0, rule_width - cell_len(mark)), "", False)])
        out.extend(block)
    return out


def _rstrip(line: Line) -> Line:
    while line and not line[-1][0].rstrip():
        line.pop()
    if line:
        text, style, right = line[-1]
        line[-1] = (text.rstrip(), style, right)
    return line


def line_width(line: Line) -> int:
    return sum(cell_len(text) for text, _, _ in line)


def rich_text(lines: list[Line]) -> Text:
    """The lines as one Rich Text, styles attached."""
    from rich.text import Text

    text = Text(no_wrap=True, end="")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for span in line:
            text.append(span[0], span[1] or None)
    return text


def _ansi(lines: list[Line], width: int | None) -> str:
    """The lines with their styles as ANSI colour codes, through Rich."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(20, width or 0, *(line_width(line) for line in lines)),
        force_terminal=True,
        color_system="standard",
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    if lines:
        console.print(rich_text(lines), soft_wrap=True, end="\n")
    return buffer.getvalue()
