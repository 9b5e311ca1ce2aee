"""The `pingan indicators` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import CATEGORY_HELP, complete_category, output_options
from .session import Session


@click.command("indicators")
@click.option("--category", "-c", shell_complete=complete_category, help=CATEGORY_HELP)
@output_options
@click.pass_obj
def command(session: Session, /, category: str | None, **out: Any) -> None:
    """List indicators: ids, names, units, categories."""
    from ..views.catalogue import INDICATOR_COLUMNS, catalogue_view

    with session.open() as data:
        found = data.indicators(category)
        emit(session, catalogue_view(found, INDICATOR_COLUMNS, "indicators"), **out)
