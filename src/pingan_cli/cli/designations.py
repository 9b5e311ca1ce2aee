"""The `pingan designations` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import YEAR, output_options
from .session import Session


@click.command("designations")
@click.option("--year", "-y", type=YEAR, help="Only designations for this year.")
@output_options
@click.pass_obj
def command(session: Session, /, year: int | None, **out: Any) -> None:
    """List honours and their recipients, saying whether each list is complete."""
    from ..views.catalogue import designations_view

    with session.open() as data:
        emit(session, designations_view(data.designations(year)), **out)
