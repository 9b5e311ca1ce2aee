"""A progress bar on standard error while a store is built."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


# What the bar says in each phase of a build (store/pipeline.py, Progress).
PHASES = {
    "reading": "reading the data files",
    "storing": "storing the figures",
    "indexing": "indexing the figures (the last step)",
    "done": "done",
}


@contextmanager
def progress_reporter() -> Iterator[Callable[[int, int, str], None]]:
    """A progress bar of figures stored, on standard error, while a store is built; its label
    says the phase, so the last seconds (indexing, at 100%) are not a bar standing still."""
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
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("building the store", total=None)

        def report(done: int, total: int, phase: str) -> None:
            label = f"building the store: {PHASES.get(phase, phase)}"
            progress.update(task, completed=done, total=max(total, done) or None, description=label)

        yield report
