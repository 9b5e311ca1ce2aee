"""How many terminal cells text takes, and where a cell's text may break to fit a width.

Of Rich, rich.cells (cell widths) is imported only for text holding characters quick_width does
not know: its Unicode tables take longer to load than the rest of a warm run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..result import Breaks

if TYPE_CHECKING:
    pass


UNLIMITED = 100_000


# Characters whose cell width is known here without importing Rich (its Unicode tables take
# longer to load than the rest of a warm run): CJK ideographs, fullwidth forms and the CJK
# brackets and punctuation the data use are 2 cells; printable ASCII and a few narrow marks are
# 1. tests/test_tables.py checks every one against Rich; any other character goes to Rich.
_WIDE_RANGES = ((0x3001, 0x3003), (0x3008, 0x3011), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                (0xFF01, 0xFF60))  # fmt: skip


# The tone-marked vowels of pinyin, which machine copies of pages insert after characters (萬(wàn)).
_NARROW = frozenset("·×—‘’“”…≈≤≥āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü")


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
