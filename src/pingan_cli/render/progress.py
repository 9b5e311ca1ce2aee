"""A progress bar on standard error while a store is built."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


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
