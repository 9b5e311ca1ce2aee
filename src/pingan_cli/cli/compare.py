"""The `pingan compare` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit, emit_charts
from .options import (
    CATEGORY_HELP,
    YEAR,
    complete_category,
    complete_indicator,
    complete_region,
    output_options,
    units_option,
)
from .session import Session


@click.command("compare")
@click.argument("regions", nargs=-1, shell_complete=complete_region)
@click.option("--year", "-y", type=YEAR, help="The year to compare.")
@click.option(
    "--indicator",
    "-i",
    multiple=True,
    shell_complete=complete_indicator,
    help="Compare these indicators only (repeatable).",
)
@click.option(
    "--category", "-c", multiple=True, shell_complete=complete_category, help=CATEGORY_HELP
)
@click.option(
    "--chart", is_flag=True, help="Draw a bar chart per indicator (table, svg and html formats)."
)
@units_option
@output_options
@click.pass_obj
def command(
    session: Session,
    /,
    regions: tuple[str, ...],
    year: int | None,
    indicator: tuple[str, ...],
    category: tuple[str, ...],
    chart: bool,
    units: str | None,
    **out: Any,
) -> None:
    """Compare regions side by side: honours (yes/no/unknown) and figures."""
    from ..views.compare import compare_view

    if not regions and year is None:
        raise click.UsageError("name regions to compare, or give --year YEAR")
    if units and not chart:
        raise click.UsageError("--units writes the figures of a chart: add --chart")
    with session.open() as data:
        comparison = data.compare(*regions, year=year, indicator=indicator, category=category)
        if chart:
            from ..records.numbers import Units
            from ..views.report import comparison_charts

            chosen = Units(units) if units else None
            kinds = {i.id: i.kind for i in data.indicators()}
            charts = comparison_charts(comparison, data.sources(), chosen, kinds, session.lang)
            if emit_charts(session, charts, out):
                if not charts:
                    session.env.say("note: no figures to chart; honours are shown without --chart")
                return
        emit(session, compare_view(comparison, bool(regions), session.lang), **out)
