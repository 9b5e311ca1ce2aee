"""The `pingan sources` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import output_options
from .session import Session


@click.command("sources")
@output_options
@click.pass_obj
def command(session: Session, /, **out: Any) -> None:
    """List the documents figures come from, each with its standing (official or a copy)."""
    from ..views.catalogue import sources_view

    with session.open() as data:
        emit(session, sources_view(data.sources()), **out)
