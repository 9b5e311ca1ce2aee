"""Fonts pictures and reports name: installed ones only, so nothing is fetched to view them.

Each stack lists the common CJK fonts of Linux, macOS and Windows before the generic family, so
Chinese is drawn wherever the picture is opened, with no web font and no network.
"""

from __future__ import annotations

_CJK_SANS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "Heiti SC", "SimHei"'
)
_CJK_MONO = (
    '"Noto Sans Mono CJK SC", "Sarasa Mono SC", "WenQuanYi Zen Hei Mono", "Noto Sans CJK SC", '
    '"WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", "SimHei"'
)
SANS = f'system-ui, -apple-system, "Segoe UI", Roboto, Arial, {_CJK_SANS}, sans-serif'
MONO = f'"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", {_CJK_MONO}, monospace'

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
