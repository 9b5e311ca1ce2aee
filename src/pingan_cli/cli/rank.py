"""The `pingan rank` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit, emit_charts
from .options import YEAR, complete_indicator, complete_region, output_options, units_option
from .session import Session


@click.command("rank")
@click.argument("indicator", shell_complete=complete_indicator)
@click.option("--year", "-y", type=YEAR, help="The year to rank (default: the latest reported).")
@click.option(
    "--level",
    type=click.Choice(["city", "county", "township", "community", "agency"]),
    default="county",
    show_default=True,
    help="Rank regions of this level.",
)
@click.option("--within", shell_complete=complete_region, help="Only regions within this one.")
@click.option("--chart", is_flag=True, help="Draw bars (table, svg and html formats).")
@units_option
@output_options
@click.pass_obj
def command(
    session: Session,
    /,
    indicator: str,
    year: int | None,
    level: str,
    within: str | None,
    chart: bool,
    units: str | None,
    **out: Any,
) -> None:
    """Rank regions by an indicator; regions that do not report it come last, never as 0."""
    from ..records.numbers import Units
    from ..views.rankings import ranking_chart, ranking_view

    chosen = Units(units) if units else None
    with session.open() as data:
        ranking = data.rank(indicator, year, level, within)
    if chart and emit_charts(session, [ranking_chart(ranking, chosen, session.lang)], out):
        return
    emit(session, ranking_view(ranking, chosen, session.lang), **out)
