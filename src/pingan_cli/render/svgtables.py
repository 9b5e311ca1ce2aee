"""Tables as an SVG picture of a terminal: every cell a text element placed at its own cells.

The tables are laid out as on a terminal (tables.draw), then each cell's text is one ``<text>``
at the x of its first cell (or, right-aligned, of its last), rules are lines and bars are
rectangles. Nothing depends on how wide a font draws a glyph or on how a renderer treats spaces:
rsvg-convert collapses runs of spaces (a row drawn as one run read "n/a2061.54万元"), and a
Chinese glyph narrower than its two cells pulled every later column of a one-run row to the left
in Chromium. Fonts are installed ones only (fonts.py): nothing is fetched.
"""

from __future__ import annotations

import html
import re

from ..result import Layout, Result
from .fonts import MONO
from .measure import cell_len
from .tables import Line, draw, line_width

FONT_SIZE = 14
CELL = 8.4  # one terminal cell: DejaVu Sans Mono's advance, 0.6 of the font size
LINE = 20
PAD = 16
BACKGROUND = "#1e1e1e"
FOREGROUND = "#e6e6e6"
# Rich style names the tables use, as SVG attributes.
STYLES = {
    "bold": 'font-weight="bold"',
    "green": 'fill="#6cc36c"',
    "red": 'fill="#f07070"',
    "yellow": 'fill="#e8c66a"',
    "dim": 'fill="#9a9a9a"',
}
_RULE = "─"
_BLOCKS = {"█": 8, "▉": 7, "▊": 6, "▋": 5, "▌": 4, "▍": 3, "▎": 2, "▏": 1}
# A cell's text cut into what is placed on its own: a rule, a bar, or words with single spaces.
_PARTS = re.compile(r"(─+)|([█▉▊▋▌▍▎▏]+)|(\S+(?: \S+)*)")
# Characters XML 1.0 does not allow anywhere in a document.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(cells: float) -> str:
    return f"{PAD + cells * CELL:g}"


def _style(style: str) -> str:
    return " ".join(STYLES[word] for word in style.split() if word in STYLES)


def _text(text: str) -> str:
    return html.escape(_XML_FORBIDDEN.sub("\ufffd", text), quote=False)


def _line_elements(line: Line, row: int) -> list[str]:
    """One row's elements: each cell's text at its cells, rules as lines, bars as rectangles."""
    baseline = PAD + row * LINE + LINE - 6
    middle = PAD + row * LINE + LINE / 2
    out: list[str] = []
    at = 0
    for text, style, right in line:
        size = cell_len(text)
        attributes = _style(style)
        for match in _PARTS.finditer(text):
            start = at + cell_len(text[: match.start()])
            width = cell_len(match.group())
            rule, bar, words = match.groups()
            if rule:
                out.append(
                    f'<line x1="{_x(start)}" y1="{middle:g}" x2="{_x(start + width)}" '
                    f'y2="{middle:g}" stroke="{FOREGROUND}" stroke-width="1"/>'
                )
            elif bar:
                eighths = sum(_BLOCKS[c] for c in bar)
                out.append(
                    f'<rect x="{_x(start)}" y="{middle - 6:g}" width="{eighths * CELL / 8:g}" '
                    f'height="12" fill="{FOREGROUND}"/>'
                )
            elif right:
                out.append(
                    f'<text x="{_x(start + width)}" y="{baseline:g}" text-anchor="end"'
                    f"{' ' + attributes if attributes else ''}>{_text(words)}</text>"
                )
            else:
                out.append(
                    f'<text x="{_x(start)}" y="{baseline:g}"'
                    f"{' ' + attributes if attributes else ''}>{_text(words)}</text>"
                )
        at += size
    return out


def render_svg(
    result: Result, width: int | None, ascii_only: bool = False, layout: Layout = Layout.auto
) -> str:
    """The tables, coloured, as an SVG picture of a terminal, for reports and slides."""
    lines = draw(result, width, ascii_only, layout)
    cells = max(20, width or 0, *(line_width(line) for line in lines))
    picture_width = f"{2 * PAD + cells * CELL:g}"
    picture_height = 2 * PAD + max(1, len(lines)) * LINE
    body = [element for row, line in enumerate(lines) for element in _line_elements(line, row)]
    family = html.escape(MONO, quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{picture_width}" '
        f'height="{picture_height}" viewBox="0 0 {picture_width} {picture_height}">\n'
        "<!-- pingan: each cell a text element at its own cells; fonts are local, nothing is "
        "fetched -->\n"
        f'<rect width="100%" height="100%" fill="{BACKGROUND}"/>\n'
        f'<g font-family="{family}" font-size="{FONT_SIZE}" fill="{FOREGROUND}">\n'
        + "\n".join(body)
        + "\n</g>\n</svg>\n"
    )
