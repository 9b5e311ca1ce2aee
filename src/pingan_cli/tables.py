"""Terminal tables, drawn as Rich draws them. The only module that imports rich.

Cells are Text objects, never markup, so data such as ``[red]`` is shown as written; markup,
emoji and highlighting are off. Chinese (double-width) text lines up because Rich measures cells.

Importing Rich and laying out a few hundred rows costs more than the rest of a warm run (a
second and a half for the 3,000 rows of a national compare). Without colour, a table that fits
its width (always, on a pipe) is drawn here directly instead: the same characters Rich prints,
measured with Rich's own cell widths; tests/test_tables.py proves the two agree. Rich itself is
imported only to colour, wrap or fold.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .output import Result, Table, safe_text

if TYPE_CHECKING:
    from rich.console import Console

UNLIMITED = 100_000
# Characters that make Rich split a cell: tables holding them are left to Rich.
_LINE_BREAKS = ("\n", "\r", "\t")


def render_tables(result: Result, width: int | None, color: bool, ascii_only: bool = False) -> str:
    """Render every table of a result; width None means never wrap (output to a pipe)."""
    if not color:
        text = plain_tables(result, width, ascii_only)
        if text is not None:
            return text
    return rich_tables(result, width, color, ascii_only)


def plain_tables(result: Result, width: int | None, ascii_only: bool = False) -> str | None:
    """The tables exactly as Rich draws them without colour; None if Rich would wrap a cell."""
    from rich.cells import cell_len, get_character_cell_size

    limit = width or UNLIMITED
    lines: list[str] = []
    for index, table in enumerate(result.tables):
        drawn = _plain_table(table, limit, ascii_only, cell_len, get_character_cell_size)
        if drawn is None:
            return None
        if index:
            lines.append("")
        lines.extend(drawn)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _plain_table(
    table: Table,
    limit: int,
    ascii_only: bool,
    cell_len: Callable[[str], int],
    char_size: Callable[[str], int],
) -> list[str] | None:
    columns = table.columns
    header = [safe_text(c.header) for c in columns]
    rows = [[row.get(c.key, "") for c in columns] for row in table.rows]
    widths = [cell_len(h) if table.show_header else 0 for h in header]
    for cells in rows:
        for index, text in enumerate(cells):
            widths[index] = max(widths[index], cell_len(text))
    for text in (*header, *(text for cells in rows for text in cells)):
        if text.isascii():
            if any(mark in text for mark in _LINE_BREAKS):
                return None
        elif any(char_size(char) == 0 for char in text):
            return None  # combining and zero-width characters: Rich decides where they go
    gap = " | " if ascii_only else "   "
    total = sum(widths) + len(gap) * (len(widths) - 1)
    title = safe_text(table.title) if table.title else None
    if not columns or total == 0 or total > limit or (title and cell_len(title) > total):
        return None

    def line(cells: list[str]) -> str:
        out = []
        for index, (text, column) in enumerate(zip(cells, columns, strict=True)):
            if column.numeric:
                text = text.rstrip()  # as Rich right-justifies
                out.append(" " * (widths[index] - cell_len(text)) + text)
            else:
                out.append(text + " " * (widths[index] - cell_len(text)))
        return gap.join(out)

    lines = [title] if title else []
    if table.show_header:
        lines.append(line(header))
        if ascii_only:
            last = len(widths) - 1
            lines.append("+".join("-" * (w + (i > 0) + (i < last)) for i, w in enumerate(widths)))
        else:
            lines.append("─" * total)
    lines.extend(line(cells) for cells in rows)
    return lines


def rich_tables(result: Result, width: int | None, color: bool, ascii_only: bool = False) -> str:
    """Render every table of a result with Rich; width None means never wrap."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or UNLIMITED,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    _print_tables(console, result, color, ascii_only)
    text = buffer.getvalue()
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def render_svg(result: Result, width: int | None, ascii_only: bool = False) -> str:
    """The tables, coloured, as an SVG picture of a terminal (Rich's export), for reports."""
    from rich.cells import cell_len
    from rich.console import Console

    if width is None:
        plain = rich_tables(result, None, False, ascii_only)
        width = max((cell_len(line) for line in plain.splitlines()), default=20)
    console = Console(
        file=io.StringIO(),
        record=True,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    _print_tables(console, result, True, ascii_only)
    from .richsvg import RICH_SVG_FORMAT, widen_wide_text  # offline fonts; CJK run widths

    return widen_wide_text(console.export_svg(title="pingan", code_format=RICH_SVG_FORMAT))


def _print_tables(console: Console, result: Result, color: bool, ascii_only: bool) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    for index, table in enumerate(result.tables):
        if index:
            console.print()
        rich_table = RichTable(
            title=Text(safe_text(table.title), style="bold") if table.title else None,
            title_justify="left",
            box=box.ASCII if ascii_only else box.SIMPLE_HEAD,
            header_style="bold" if color else "",
            show_edge=False,
            pad_edge=False,
            show_header=table.show_header,
        )
        for column in table.columns:
            rich_table.add_column(
                Text(safe_text(column.header)),
                justify="right" if column.numeric else "left",
                overflow="fold",
                no_wrap=column.numeric or column.no_wrap,
            )
        styles = [dict(column.styles) if color else {} for column in table.columns]
        for row in table.rows:
            cells = [row.get(c.key, "") for c in table.columns]
            rich_table.add_row(
                *(
                    Text(text, style=style.get(text, ""))
                    for text, style in zip(cells, styles, strict=True)
                )
            )
        console.print(rich_table)


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
