"""The `pingan conflicts` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import output_options
from .session import Session


@click.command("conflicts")
@click.option(
    "--kind",
    type=click.Choice(["all", "sources", "arithmetic"]),
    default="all",
    show_default=True,
    help="sources: two sources stating different values; arithmetic: stated figures that "
    "disagree by arithmetic (a reported change against its levels, parts against their whole, "
    "a period against a longer one holding it).",
)
@output_options
@click.pass_obj
def command(session: Session, /, kind: str, **out: Any) -> None:
    """List figures that disagree: two sources' values, and what arithmetic shows, with quotes."""
    from ..views.catalogue import conflicts_view

    with session.open() as data:
        pairs = data.conflicts() if kind != "arithmetic" else []
        computed = data.arithmetic_conflicts() if kind != "sources" else []
        emit(session, conflicts_view(pairs, computed), **out)
