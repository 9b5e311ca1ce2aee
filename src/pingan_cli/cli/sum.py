"""The `pingan sum` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import YEAR, complete_indicator, complete_region, output_options
from .session import Session


@click.command("sum")
@click.argument("indicator", shell_complete=complete_indicator)
@click.argument("regions", nargs=-1, shell_complete=complete_region)
@click.option("--year", "-y", type=YEAR, help="The figures of this year.")
@click.option("--period", "-p", metavar="PERIOD", help="The figures of this period (as listed).")
@click.option("--source", "-s", metavar="ID", help="Only this source's figures.")
@output_options
@click.pass_obj
def command(
    session: Session,
    /,
    indicator: str,
    regions: tuple[str, ...],
    year: int | None,
    period: str | None,
    source: str | None,
    **out: Any,
) -> None:
    """Add one indicator over regions for one period, saying 'at least' or 'about' as due."""
    from ..views.listing import total_view

    with session.open() as data:
        total = data.sum(indicator, regions, year, period, source)
        emit(session, total_view(total, session.lang), **out)
