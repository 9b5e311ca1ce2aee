"""Terminal tables that never cut: a table when every column fits whole, else one record a block.

A table is drawn as Rich draws a SIMPLE_HEAD table (tests/test_tables.py proves the two agree
when the table fits), measured with Rich's cell widths so Chinese (double-width) text lines up.
When the natural table is wider than the terminal, prose columns (Breaks.words, Breaks.items)
and headers wrap; then names (Breaks.name, the names in lists and after figures) wrap too;
figures, ids, dates and status words (Breaks.never) are never broken, cut or squeezed, and a URL
breaks only where it is wider than the whole line (where text may break: split and wrap, below).
When even the narrowest such table is too wide, it is shown vertically (psql's expanded
display): a block per row, one field a line. No line is wider than the terminal but one holding
a single figure or id wider than it. Cells are escaped with safe_text, so data such as ``[red]``
or ESC is shown as written, never interpreted.

Of Rich, rich.cells (cell widths) is imported for a plain table only when it holds characters
quick_width does not know; its console only to colour (a terminal), for SVG, and for the
progress bar.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..result import Breaks, Column, Layout, Result, Table, safe_text

if TYPE_CHECKING:
    from rich.text import Text

UNLIMITED = 100_000

# Characters whose cell width is known here without importing Rich (its Unicode tables take
# longer to load than the rest of a warm run): CJK ideographs, fullwidth forms and the CJK
# brackets and punctuation the data use are 2 cells; printable ASCII and a few narrow marks are
# 1. tests/test_tables.py checks every one against Rich; any other character goes to Rich.
_WIDE_RANGES = ((0x3001, 0x3003), (0x3008, 0x3011), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                (0xFF01, 0xFF60))  # fmt: skip
_NARROW = frozenset("·×—‘’“”…≈≤≥")


def quick_width(text: str) -> int | None:
    """Cells text takes, for text made of the characters above; None for any other."""
    if text.isascii():
        return len(text) if text.isprintable() else None
    width = 0
    for char in text:
        code = ord(char)
        if 0x4E00 <= code <= 0x9FFF:  # the common ideographs first: most of the text
            width += 2
        elif 0x20 <= code < 0x7F or char in _NARROW:
            width += 1
        elif any(low <= code <= high for low, high in _WIDE_RANGES):
            width += 2
        else:
            return None
    return width


@lru_cache(maxsize=4096)
def cell_len(text: str) -> int:
    """Cells text takes in a terminal, as Rich measures it."""
    size = quick_width(text)
    if size is None:
        from rich.cells import cell_len as rich_cell_len

        return rich_cell_len(text)
    return size


def get_character_cell_size(char: str) -> int:
    """Cells one character takes (0 for combining and zero-width ones), as Rich measures it."""
    size = quick_width(char)
    if size is None:
        from rich.cells import get_character_cell_size as rich_character_size

        return rich_character_size(char)
    return size


HEADER_STYLE = "bold"

# A line of output: spans of text, each with a Rich style name ("" for none).
Span = tuple[str, str]
Line = list[Span]


# --- where a cell's text may break ------------------------------------------------------------
#
# A cell breaks only as far as it must, in steps (Piece.breaks says how a piece may break next):
# - a figure, id, date or status word (Breaks.never) never breaks;
# - prose (Breaks.words) breaks at spaces and between Chinese characters, but never inside a run
#   of Latin letters, digits and punctuation (a number, an English word), never before closing or
#   after opening punctuation, and a number keeps its magnitude and unit (5.2万余户, 1.2万件);
# - a name (Breaks.name) is whole where its column allows, else it breaks as prose does;
# - a list (Breaks.items) breaks after the comma between two items, and an item as a name;
# - a URL (Breaks.url) is whole unless it is wider than the whole line, then it breaks after a
#   / ? & or #; a hyphenated word in prose or a name is whole where it fits, else it breaks
#   after its hyphens (year-over-year);
# - figures (Breaks.figures): each figure whole, then the sub-unit's name in brackets as a name
#   ("14个 (Gongli Police Station, …)"); or a status word whole, then the units that hold it as
#   a list ("n/a · Hancheng City yes, Linwei District yes").
# A word or URL segment wider than the whole line breaks after any character (as Rich's
# overflow="fold" does); a figure or id wider than the whole line is never broken: it gets a line
# of its own and the terminal folds it.


class Piece(NamedTuple):
    """A piece of text, the glue joining it to the piece before on one line, and how it may
    break further: by its Breaks, or (None) after any character if wider than a whole line."""

    text: str
    glue: str
    breaks: Breaks | None


# Patterns as text: re compiles one when first used and keeps it (a table in a pipe uses none).
_SPACES = r" +"
_ITEM_SEPARATOR = r"(?<=,) +"
_HYPHEN = r"(?<=[A-Za-z]-)(?=[A-Za-z])"  # after a hyphen in a word, as textwrap does
_URL_BREAK = r"(?<=[?&#])|(?<=[^/]/)(?!/)|(?<=[A-Za-z]-)(?=[A-Za-z])"
_CLOSING = frozenset("，。、；：！？）」』》〉】〕”’%‰)]},.;:!?")
_OPENING = frozenset("（「『《〈【〔“‘([{")
_MAGNITUDES = frozenset("十百千万亿余多")
_JOINER = "\u200d"
# A status, then the units within the region that hold the honour ("n/a · A yes, B yes"; with
# --ascii "n/a: A yes, B yes").
_STATUS_LIST = r"(?P<status>[a-z/ ()]+?(?: ·|:)) (?P<units>.+)"
_FIGURE_LIST = " / "  # figures of one cell (compare)
_SUB_UNIT = " ("  # a figure, then the sub-unit it is of, in brackets
_STATUS_WORD = r"[a-z/ ]+"  # unknown in "unknown (partial list)": no figure


def _wide(char: str) -> bool:
    return get_character_cell_size(char) == 2


def _segments(word: str) -> list[str]:
    """A word without spaces cut where a line may break: around each Chinese character."""
    out: list[str] = []
    index, end = 0, len(word)
    while index < end:
        if _wide(word[index]):
            segment, index = word[index], index + 1
        else:
            start = index
            while index < end and not _wide(word[index]):
                index += 1
            segment = word[start:index]
            if segment[-1].isdigit():
                # A number keeps its magnitude words and its unit: 5.2万余户, 159个.
                while index < end and word[index] in _MAGNITUDES:
                    segment, index = segment + word[index], index + 1
                if index < end and _wide(word[index]) and word[index] not in _OPENING:
                    segment, index = segment + word[index], index + 1
        joined = out and (
            segment[0] in _CLOSING
            or out[-1][-1] in _OPENING
            or out[-1][-1] == _JOINER
            or get_character_cell_size(segment[0]) == 0
        )
        if joined:
            out[-1] += segment
        else:
            out.append(segment)
    return out


def _words(text: str) -> list[Piece]:
    out: list[Piece] = []
    for word in re.split(_SPACES, text):
        if "://" in word:  # a URL in prose: whole where it fits, else broken after a /
            out.append(Piece(word, " ", Breaks.url))
        elif word:
            for number, segment in enumerate(_segments(word)):
                # A hyphenated word (year-over-year, an-id) breaks at its hyphens only if it must.
                kind = Breaks.url if re.search(_HYPHEN, segment) else None
                out.append(Piece(segment, "" if number else " ", kind))
    return out or [Piece("", "", None)]


def _figures(text: str) -> list[Piece]:
    listed = re.fullmatch(_STATUS_LIST, text)
    if listed:
        head = Piece(listed["status"], "", Breaks.never)
        return [head, *(piece._replace(glue=" ") for piece in split(listed["units"], Breaks.items))]
    out: list[Piece] = []
    parts = text.split(_FIGURE_LIST)
    for number, part in enumerate(parts):
        figure, bracket, name = part.partition(_SUB_UNIT)
        last = number == len(parts) - 1
        if bracket and name.endswith(")") and not re.fullmatch(_STATUS_WORD, figure):
            out.append(Piece(figure, " " if out else "", Breaks.never))
            out.append(Piece("(" + name + ("" if last else " /"), " ", Breaks.name))
        else:
            out.append(Piece(part + ("" if last else " /"), " " if out else "", Breaks.never))
    return out


def split(text: str, breaks: Breaks) -> list[Piece]:
    """text as the pieces its kind breaks it into at the next step (itself if it cannot)."""
    if breaks is Breaks.words or breaks is Breaks.name:
        return _words(text)
    if breaks is Breaks.items:
        return [Piece(item, " ", Breaks.name) for item in re.split(_ITEM_SEPARATOR, text)]
    if breaks is Breaks.url:
        return [Piece(part, "", None) for part in re.split(_URL_BREAK, text) if part] or [
            Piece(text, "", None)
        ]
    if breaks is Breaks.figures:
        return _figures(text)
    return [Piece(text, "", Breaks.never)]


def _first(text: str, breaks: Breaks) -> list[Piece]:
    """The pieces a cell is laid out in while its column allows: prose and lists broken into
    words and items, anything else whole."""
    if breaks is Breaks.words or breaks is Breaks.items:
        return split(text, breaks)
    return [Piece(text, "", breaks)]


def pieces(text: str, breaks: Breaks) -> list[Piece]:
    """text as the smallest pieces any layout keeps whole (but a word wider than a line)."""
    return list(_finest(_first(text, breaks)))


def _finest(row: list[Piece]) -> Iterator[Piece]:
    for piece in row:
        if piece.breaks is None or piece.breaks is Breaks.never:
            yield piece
        else:
            finer = split(piece.text, piece.breaks)
            yield from _finest([finer[0]._replace(glue=piece.glue), *finer[1:]])


# A name, list item or URL is broken only into lines this wide (or it is shown whole): a short
# name (a county, a district) is never broken, and a column of names never squeezed narrower.
NAME_FLOOR = 20
# Where names wrap, no column that wraps is narrower than this: six Chinese characters or two
# English words a line; narrower, one record a block reads better.
WRAP_FLOOR = 12


@lru_cache(maxsize=8192)
def min_width(text: str, breaks: Breaks) -> int:
    """The narrowest column that shows text with every figure, id and word whole, and every
    name broken only into lines of NAME_FLOOR cells or more."""
    size = cell_len(text)
    if breaks is Breaks.never or (breaks is Breaks.name and size <= NAME_FLOOR):
        return size
    return max((_narrowest(piece) for piece in _first(text, breaks)), default=0)


def _narrowest(piece: Piece) -> int:
    size = cell_len(piece.text)
    if piece.breaks is None or piece.breaks is Breaks.never or "://" in piece.text:
        return size  # a URL breaks only where it is wider than the whole line (wrap)
    finer = max(_narrowest(part) for part in split(piece.text, piece.breaks))
    return min(size, max(finer, NAME_FLOOR)) if piece.breaks is Breaks.name else finer


@lru_cache(maxsize=8192)
def whole_width(text: str, breaks: Breaks) -> int:
    """The narrowest column that shows text with names, items and URLs whole."""
    if breaks is Breaks.words or breaks is Breaks.items:
        return max((cell_len(piece.text) for piece in split(text, breaks)), default=0)
    return cell_len(text)


def _fitted(row: list[Piece], width: int) -> Iterator[Piece]:
    """The pieces with each one wider than width broken as far as it must be."""
    for piece in row:
        if cell_len(piece.text) <= width or piece.breaks is Breaks.never:
            yield piece
        elif piece.breaks is None:
            yield from _folded(piece, width)
        else:
            finer = split(piece.text, piece.breaks)
            yield from _fitted([finer[0]._replace(glue=piece.glue), *finer[1:]], width)


def _folded(piece: Piece, width: int) -> Iterator[Piece]:
    """A piece wider than width in lines of width cells, broken after any character."""
    chunk, used, glue = "", 0, piece.glue
    for char in piece.text:
        size = get_character_cell_size(char)
        if chunk and used + size > width and size:
            yield Piece(chunk, glue, None)
            chunk, used, glue = "", 0, ""
        chunk, used = chunk + char, used + size
    yield Piece(chunk, glue, None)


def wrap(text: str, width: int, breaks: Breaks) -> list[str]:
    """text in lines of at most width cells, broken only as far as it must be.

    A figure or id wider than width gets a line of its own, whole: a terminal folds it, a copy
    of it is still the whole figure.
    """
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for piece, glue, _ in _fitted(_first(text, breaks), width):
        size = cell_len(piece)
        if line and used + len(glue) + size <= width:
            line, used = line + glue + piece, used + len(glue) + size
        else:
            if line:
                lines.append(line)
            line, used = piece, size
    lines.append(line)
    return lines


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
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def render_svg(
    result: Result, width: int | None, ascii_only: bool = False, layout: Layout = Layout.auto
) -> str:
    """The tables, coloured, as an SVG picture of a terminal (Rich's export), for reports."""
    from rich.console import Console

    lines = draw(result, width, ascii_only, layout)
    console = Console(
        file=io.StringIO(),
        record=True,
        width=max(20, width or 0, *(_line_width(line) for line in lines)),
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    console.print(_rich_text(lines), soft_wrap=True)
    from .richsvg import RICH_SVG_FORMAT, widen_wide_text  # offline fonts; CJK run widths

    svg = console.export_svg(title="pingan", code_format=RICH_SVG_FORMAT)
    return widen_wide_text(re.sub(_XML_FORBIDDEN, "\ufffd", svg))


# Characters XML 1.0 does not allow anywhere in a document.
_XML_FORBIDDEN = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"


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
    if layout is Layout.table:  # asked for: wider than the terminal, names broken at words
        return lines + _grid(table, shown, shown.loosest, gaps[0])[0]
    return lines + _vertical(shown, limit, ascii_only)


def _title(title: str | None, limit: int) -> list[Line]:
    if not title:
        return []
    return [_rstrip([(line, HEADER_STYLE)]) for line in wrap(safe_text(title), limit, Breaks.words)]


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
                    line.append((gap, ""))
                if column.numeric:
                    if text[-1:].isspace():
                        text = text.rstrip()  # as Rich right-justifies
                        size = cell_len(text)
                    line.extend([(" " * (widths[index] - size), ""), (text, cell_styles[index])])
                else:
                    line.extend([(text, cell_styles[index]), (" " * (widths[index] - size), "")])
            out.append(_rstrip(line))

    if table.show_header:
        add(header, [HEADER_STYLE] * len(columns))
        if gap == " | ":
            last = len(widths) - 1
            rule = "+".join("-" * (w + (i > 0) + (i < last)) for i, w in enumerate(widths))
        else:
            rule = "─" * (sum(widths) + len(gap) * (len(widths) - 1))
        out.append([(rule, "")])
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
                    block.append(_rstrip([(name, HEADER_STYLE), (pad + bar, ""), (value, style)]))
            else:
                names = wrap(labels[index], limit, column.header_breaks)
                block.extend([(name, HEADER_STYLE)] for name in names)
                # Indented under its label, unless a piece of it is wider than the indented line
                # (a URL that fits the whole line is kept whole, unindented).
                need = min_width(text, column.breaks)
                finest = max((cell_len(p.text) for p in pieces(text, column.breaks)), default=0)
                fits = need <= limit - 2 or (need > limit and finest <= limit - 2)
                indent = "  " if fits else ""
                values = wrap(text, limit - len(indent), column.breaks)
                block.extend(_rstrip([(indent, ""), (value, style)]) for value in values if value)
        blocks.append(block)
    rule_width = min(limit, max((_line_width(line) for b in blocks for line in b), default=0))
    out: list[Line] = []
    for number, block in enumerate(blocks, start=1):
        if marks:
            mark = f"{rule_char}[ {number} ]"
            out.append([(mark + rule_char * max(0, rule_width - cell_len(mark)), "")])
        out.extend(block)
    return out


def _rstrip(line: Line) -> Line:
    while line and not line[-1][0].rstrip():
        line.pop()
    if line:
        text, style = line[-1]
        line[-1] = (text.rstrip(), style)
    return line


def _line_width(line: Line) -> int:
    return sum(cell_len(text) for text, _ in line)


def _rich_text(lines: list[Line]) -> Text:
    """The lines as one Rich Text, styles attached."""
    from rich.text import Text

    text = Text(no_wrap=True, end="")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for span, style in line:
            text.append(span, style or None)
    return text


def _ansi(lines: list[Line], width: int | None) -> str:
    """The lines with their styles as ANSI colour codes, through Rich."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(20, width or 0, *(_line_width(line) for line in lines)),
        force_terminal=True,
        color_system="standard",
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    if lines:
        console.print(_rich_text(lines), soft_wrap=True, end="\n")
    return buffer.getvalue()


@contextmanager
def progress_reporter() -> Iterator[Callable[[int, int], None]]:
    """A progress bar of figures stored, on standard error, while a store is built."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True, markup=False, highlight=False, emoji=False)
    with Progress(
        TextColumn("building the store"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("build", total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=max(total, done) or None)

        yield report
