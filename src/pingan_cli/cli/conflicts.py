"""The `pingan conflicts` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import output_options
from .session import Session


@click.command("conflicts")
@output_options
@click.pass_obj
def command(session: Session, /, **out: Any) -> None:
    """List figures two sources give differently: both values, both sources, both quotes."""
    from ..views.catalogue import conflicts_view

    with session.open() as data:
        emit(session, conflicts_view(data.conflicts()), **out)
