"""The `pingan list` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import (
    CATEGORY_HELP,
    COUNT,
    YEAR,
    complete_category,
    complete_field,
    complete_indicator,
    complete_region,
    output_options,
)
from .session import Session


@click.command("list")
@click.option(
    "--region",
    "-r",
    multiple=True,
    shell_complete=complete_region,
    help="Only this region and its sub-units (id or name; repeatable).",
)
@click.option(
    "--indicator",
    "-i",
    multiple=True,
    shell_complete=complete_indicator,
    help="Only this indicator (id or name; repeatable).",
)
@click.option(
    "--category", "-c", multiple=True, shell_complete=complete_category, help=CATEGORY_HELP
)
@click.option("--year", "-y", type=YEAR, multiple=True, help="Only figures for this year.")
@click.option(
    "--qualifier",
    "-q",
    multiple=True,
    type=click.Choice(["exact", "at_least", "approx"]),
    help="Only this qualifier.",
)
@click.option(
    "--where",
    "-w",
    "conditions",
    multiple=True,
    shell_complete=complete_field,
    metavar="FIELD OP VALUE",
    help="A comparison, e.g. 'value>=1000' or 'quote~纠纷' (OP: = != < <= > >= ~).",
)
@click.option(
    "--sort",
    metavar="FIELD",
    shell_complete=complete_field,
    help="Sort by a field (region, indicator, value, year …).",
)
@click.option("--desc", is_flag=True, help="Sort descending.")
@click.option("--limit", type=COUNT, help="At most N figures.")
@click.option(
    "--count-by",
    type=click.Choice(["region", "indicator", "category", "year", "source"]),
    help="Count the figures by this field instead of listing them.",
)
@output_options
@click.pass_obj
def command(
    session: Session,
    /,
    region: tuple[str, ...],
    indicator: tuple[str, ...],
    category: tuple[str, ...],
    year: tuple[int, ...],
    qualifier: tuple[str, ...],
    conditions: tuple[str, ...],
    sort: str | None,
    desc: bool,
    limit: int | None,
    count_by: str | None,
    **out: Any,
) -> None:
    """List figures, one per row, with filters (or count them by a field)."""
    from ..api import check_conditions
    from ..views.listing import counts_view, observations_view

    check_conditions(conditions)  # a bad condition is an error before the store is opened
    with session.open() as data:
        if count_by is not None:
            if sort or limit is not None:
                raise click.UsageError("--count-by counts every figure: leave out --sort, --limit")
            counted = data.counts_by(
                count_by, region, indicator, category, year, qualifier, conditions
            )
            emit(session, counts_view(counted, count_by), **out)
            return
        found = data.figures(
            region=region,
            indicator=indicator,
            category=category,
            year=year,
            qualifier=qualifier,
            where=conditions,
            sort=sort,
            descending=desc,
            limit=limit,
        )
        asked = year[0] if len(year) == 1 else None
        emit(session, observations_view(found, asked, session.lang), **out)
