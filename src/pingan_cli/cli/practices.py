"""The `pingan practices` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import complete_region, output_options
from .session import Session


@click.command("practices")
@click.option(
    "--region",
    "-r",
    shell_complete=complete_region,
    help="Only this region's and its sub-units' practices.",
)
@output_options
@click.pass_obj
def command(session: Session, /, region: str | None, **out: Any) -> None:
    """List named practices, mechanisms and reforms (`pingan info ID` shows one in full)."""
    from ..views.catalogue import PRACTICE_CATALOGUE_COLUMNS, catalogue_view

    with session.open() as data:
        found = data.practices(region)
        emit(session, catalogue_view(found, PRACTICE_CATALOGUE_COLUMNS, "practices"), **out)
