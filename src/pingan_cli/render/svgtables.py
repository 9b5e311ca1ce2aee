"""Tables as an SVG picture of a terminal: Rich's export, made to work offline and with Chinese.

Rich's own template fetches Fira Code from cdnjs; ours names installed fonts only. Rich also sizes
each text run as one cell per character (textLength = char_width * len(text); Textualize/rich
issue 2742), which squeezes a Chinese character into half its cells; the repair gives each run
the width of its cells, as the terminal shows it.
"""

from __future__ import annotations

import html
import io
import re

from ..result import Layout, Result
from .fonts import MONO, SANS
from .tables import draw, line_width, rich_text

# Rich's SVG template (rich/_export_format.py, CONSOLE_SVG_FORMAT) without its @font-face rules,
# which fetch Fira Code from cdnjs; the same placeholders, a local monospace stack instead.
RICH_SVG_FORMAT = (
    """\
<svg class="rich-terminal" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">
    <!-- Generated with Rich https://www.textualize.io; fonts are local, nothing is fetched -->
    <style>

    .{unique_id}-matrix {{
        font-family: """
    + MONO.replace("{", "{{").replace("}", "}}")
    + """;
        font-size: {char_height}px;
        line-height: {line_height}px;
        font-variant-east-asian: full-width;
    }}

    .{unique_id}-title {{
        font-size: 18px;
        font-weight: bold;
        font-family: """
    + SANS.replace("{", "{{").replace("}", "}}")
    + """;
    }}

    {styles}
    </style>

    <defs>
    <clipPath id="{unique_id}-clip-terminal">
      <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />
    </clipPath>
    {lines}
    </defs>

    {chrome}
    <g transform="translate({terminal_x}, {terminal_y})" \
clip-path="url(#{unique_id}-clip-terminal)">
    {backgrounds}
    <g class="{unique_id}-matrix">
    {matrix}
    </g>
    </g>
</svg>
"""
)


_TEXT_RUN = re.compile(r'(<text [^>]*?textLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')


def widen_wide_text(svg: str) -> str:
    """Give every text run of Rich's SVG the width of its cells (2 per Chinese character)."""
    from rich.cells import cell_len

    def widen(match: re.Match[str]) -> str:
        text = html.unescape(match.group(4))
        cells = cell_len(text)
        if not text or cells == len(text):
            return match.group(0)
        width = float(match.group(2)) / len(text) * cells
        return f"{match.group(1)}{width:g}{match.group(3)}{match.group(4)}{match.group(5)}"

    return _TEXT_RUN.sub(widen, svg)


def render_svg(
    result: Result, width: int | None, ascii_only: bool = False, layout: Layout = Layout.auto
) -> str:
    """The tables, coloured, as an SVG picture of a terminal (Rich's export), for reports."""
    from rich.console import Console

    lines = draw(result, width, ascii_only, layout)
    console = Console(
        file=io.StringIO(),
        record=True,
        width=max(20, width or 0, *(line_width(line) for line in lines)),
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    console.print(rich_text(lines), soft_wrap=True)
    svg = console.export_svg(title="pingan", code_format=RICH_SVG_FORMAT)
    return widen_wide_text(re.sub(_XML_FORBIDDEN, "\ufffd", svg))


# Characters XML 1.0 does not allow anywhere in a document.
_XML_FORBIDDEN = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
