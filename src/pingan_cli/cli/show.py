"""The `pingan show` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import complete_region, output_options
from .session import Session


@click.command("show")
@click.argument("region", shell_complete=complete_region)
@output_options
@click.pass_obj
def command(session: Session, /, region: str, **out: Any) -> None:
    """Show a region's profile: names, honours, figures, practices, sources."""
    from ..views.profile import profile_view

    with session.open() as data:
        emit(session, profile_view(data.region(region), session.lang), **out)
