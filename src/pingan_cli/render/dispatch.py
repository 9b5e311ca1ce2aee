"""One Result, any format: picks the renderer for each output format."""

from __future__ import annotations

from typing import assert_never

from ..result import Format, Layout, Result


def render(
    result: Result,
    fmt: Format,
    width: int | None,
    color: bool,
    ascii_only: bool = False,
    bom: bool = False,
    headers: bool = True,
    layout: Layout = Layout.auto,
    terminal: bool = False,
    lang: str = "en",
) -> str:
    """Text of a result in a format; width None means never wrap (output to a pipe).

    ascii_only draws tables (and Markdown) with ASCII only: other characters become \\uXXXX.
    terminal says the text goes to a terminal: CSV then shows invisible characters as escapes.
    lang is the language of the names, for an HTML page's lang attribute.
    """
    drawn = (Format.table, Format.markdown, Format.svg, Format.html)
    if fmt in drawn and any(t.bars or t.sparkline for t in result.tables):
        from .termcharts import with_bars

        result = with_bars(result, width, ascii_only)
    if ascii_only and fmt in (Format.table, Format.markdown):
        from .ascii import ascii_result

        result = ascii_result(result)
    if fmt is Format.table:
        from .tables import render_tables

        return render_tables(result, width, color, ascii_only, layout)
    from . import text  # the text formats: not loaded for a table

    if fmt is Format.json:
        return text.render_json(result)
    if fmt is Format.csv:
        return text.render_csv(result, bom=bom, headers=headers, terminal=terminal)
    if fmt is Format.tsv:
        return text.render_tsv(result, headers=headers)
    if fmt is Format.ndjson:
        return text.render_ndjson(result)
    if fmt is Format.markdown:
        return text.render_markdown(result)
    if fmt is Format.yaml:
        return text.render_yaml(result)
    if fmt is Format.svg:
        from .svgtables import render_svg

        return render_svg(result, width, ascii_only, layout)
    if fmt is Format.html:
        from .htmlpage import render_html

        return render_html(result, lang)
    assert_never(fmt)
