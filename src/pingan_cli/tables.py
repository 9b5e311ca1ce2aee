"""Terminal tables with Rich. The only module that imports rich.

Cells are Text objects, never markup, so data such as ``[red]`` is shown as written; markup,
emoji and highlighting are off. Chinese (double-width) text lines up because Rich measures cells.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from .output import Result, safe_text

UNLIMITED = 100_000


def render_tables(result: Result, width: int | None, color: bool, ascii_only: bool = False) -> str:
    """Render every table of a result; width None means never wrap (output to a pipe)."""
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
        for row in table.rows:
            rich_table.add_row(*(Text(row.get(c.key, "")) for c in table.columns))
        console.print(rich_table)
    text = buffer.getvalue()
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


@contextmanager
def progress_reporter() -> Iterator[Callable[[int], None]]:
    """A live count of observations stored, on standard error, while a store is built."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, markup=False, highlight=False, emoji=False)
    with Progress(
        SpinnerColumn(),
        TextColumn("building the store: {task.completed:,} figures"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("build", total=None)

        def report(count: int) -> None:
            progress.update(task, completed=count)

        yield report
