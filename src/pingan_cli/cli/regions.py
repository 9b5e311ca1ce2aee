"""The `pingan regions` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import complete_region, output_options
from .session import Session


@click.command("regions")
@click.option(
    "--level",
    type=click.Choice(["province", "city", "county", "township", "community", "agency"]),
    help="Only regions of this level.",
)
@click.option(
    "--within", shell_complete=complete_region, help="Only this region and its sub-units."
)
@output_options
@click.pass_obj
def command(session: Session, /, level: str | None, within: str | None, **out: Any) -> None:
    """List regions: ids, names, levels, codes."""
    from ..views.catalogue import regions_view

    with session.open() as data:
        found = data.regions(level, within)
        names = {r.id: r.name for r in data.regions()} if found else {}
        emit(session, regions_view(found, names), **out)
