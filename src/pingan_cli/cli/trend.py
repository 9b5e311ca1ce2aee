"""The `pingan trend` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit, emit_charts
from .options import complete_indicator, complete_region, output_options, units_option
from .session import Session


@click.command("trend")
@click.argument("region", shell_complete=complete_region)
@click.argument("indicators", nargs=-1, shell_complete=complete_indicator)
@click.option("--chart", is_flag=True, help="Draw bars (table, svg and html formats).")
@units_option
@output_options
@click.pass_obj
def command(
    session: Session,
    /,
    region: str,
    indicators: tuple[str, ...],
    chart: bool,
    units: str | None,
    **out: Any,
) -> None:
    """Show a region's figures over the years, with the change from year to year."""
    from ..records.numbers import Units
    from ..views.rankings import trend_charts, trend_view

    chosen = Units(units) if units else None
    with session.open() as data:
        trends = data.trend(region, *indicators)
    if chart and emit_charts(session, trend_charts(trends, chosen, session.lang), out):
        return
    emit(session, trend_view(trends, session.lang, chosen), **out)
