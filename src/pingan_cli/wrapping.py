"""Where a cell's text may break across lines, and breaking it there.

A figure, id, URL, date, status word or name never breaks (Breaks.never). Prose (Breaks.words)
breaks at spaces and between Chinese characters, but never inside a run of Latin letters, digits
and punctuation (a number, a URL, an English word), never before closing punctuation or after
opening punctuation, and a number keeps its magnitude and unit (5.2万余户, 1.2万件). A list
(Breaks.items) breaks only after the comma between two items, so each item stays whole.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

from .output import Breaks

# A piece of text and the glue that joins it to the piece before when both are on one line.
Piece = tuple[str, str]

_SPACES = re.compile(r" +")
_ITEM_SEPARATOR = re.compile(r"(?<=,) +")
_CLOSING = frozenset("，。、；：！？）」』》〉】〕”’%‰)]},.;:!?")
_OPENING = frozenset("（「『《〈【〔“‘([{")
_MAGNITUDES = frozenset("十百千万亿余多")
_JOINER = "\u200d"


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


def pieces(text: str, breaks: Breaks) -> list[Piece]:
    """text as the pieces a line may break between, each with the glue that precedes it."""
    if breaks is Breaks.never:
        return [(text, "")]
    if breaks is Breaks.items:
        return [(item, " ") for item in _ITEM_SEPARATOR.split(text)]
    out: list[Piece] = []
    for word in _SPACES.split(text):
        if word:
            segments = _segments(word)
            out.append((segments[0], " "))
            out.extend((segment, "") for segment in segments[1:])
    return out or [("", "")]


def min_width(text: str, breaks: Breaks) -> int:
    """The narrowest column that shows text with no piece broken."""
    if breaks is Breaks.never:
        return cell_len(text)
    return max((cell_len(piece) for piece, _ in pieces(text, breaks)), default=0)


def wrap(text: str, width: int, breaks: Breaks) -> list[str]:
    """text in lines of at most width cells, broken only between pieces.

    A piece wider than width gets a line of its own, whole: a terminal folds it, a copy of it
    is still the whole URL or figure.
    """
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for piece, glue in pieces(text, breaks):
        size = cell_len(piece)
        if line and used + len(glue) + size <= width:
            line, used = line + glue + piece, used + len(glue) + size
        else:
            if line:
                lines.append(line)
            line, used = piece, size
    lines.append(line)
    return lines
