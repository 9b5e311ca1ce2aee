"""Figures filtered, sorted and counted: `list`, and what other questions build on.

Every function takes an open store and returns records (records/); none prints or formats text.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from .. import records
from ..load.problems import QueryError
from ..records.figures import FIGURE_FIELDS, Figure
from ..suggest import did_you_mean
from .fetch import column_names, contains, fetch, marks
from .lookup import check_category, find_indicator, find_region

# The date a figure reaches: its period's own end (2023, 2023-06, to 2024-12-23) or, for a
# period open to the report (since 2023, 2022-04..), the date of the page that reports it: the
# original's where the page is a copy, else the date the page shows, else the date its address,
# its text or another copy gives (sources.dated). NULL where none is known.
PERIOD_END = (
    "CASE WHEN o.period_end IS NOT NULL THEN o.period_end "
    "WHEN o.since = 1 OR o.period_start IS NOT NULL "
    "THEN COALESCE(s.original_published, s.published, s.dated) "
    "ELSE CAST(o.year_end AS TEXT) END"
)
# Where PERIOD_END comes from when the period does not state it: original (the original's
# date), published (the page's), or the source's dated_from (address, content, copy).
PERIOD_END_FROM = (
    "CASE WHEN o.period_end IS NOT NULL OR NOT (o.since = 1 OR o.period_start IS NOT NULL) "
    "THEN NULL WHEN s.original_published IS NOT NULL THEN 'original' "
    "WHEN s.published IS NOT NULL THEN 'published' ELSE s.dated_from END"
)

# The SQL each field of a Figure comes from ({name}: name_zh or name_en).
FIGURE_COLUMNS: dict[str, str] = {
    "region": "o.region",
    "region_name": "r.{name}",
    "indicator": "o.indicator",
    "indicator_name": "i.{name}",
    "category": "i.category",
    "kind": "i.kind",
    "period": "o.period",
    "value": "o.value",
    "unit": "o.unit",
    "qualifier": "o.qualifier",
    "display": "o.display",
    "source": "o.source",
    "url": "s.url",
    "quote": "o.quote",
    "note": "o.note",
    # Other sources' different figures for the same cell (the store's conflicts view), as JSON.
    "conflicts_with": "(SELECT json_group_array(json_object('source', b.source, 'value', "
    "b.value, 'qualifier', b.qualifier, 'display', b.display, 'quote', b.quote)) "
    "FROM conflicts c JOIN observations b ON b.id = c.other WHERE c.observation = o.id)",
    "measure": "i.measure",
    "period_end": PERIOD_END,
    "period_end_from": PERIOD_END_FROM,
}


assert tuple(FIGURE_COLUMNS) == FIGURE_FIELDS, "FIGURE_COLUMNS must follow records.Figure"


FIGURE_SELECT = (
    "SELECT "
    + ", ".join(f"{sql} AS {name}" for name, sql in FIGURE_COLUMNS.items())
    + " FROM observations o JOIN regions r ON r.id = o.region"
    " JOIN indicators i ON i.id = o.indicator JOIN sources s ON s.id = o.source"
)


def _filter_fields() -> dict[str, str]:
    """Fields users filter and sort figures on (--where, --sort), and the SQL of each."""
    out: dict[str, str] = {}
    for name, sql in FIGURE_COLUMNS.items():
        if name in ("note", "conflicts_with"):
            continue
        out[name] = "COALESCE(o.quote, '')" if name == "quote" else sql
        if name == "period":
            out["year"] = "o.year"
    return out


FILTER_FIELDS = _filter_fields()


NUMERIC_FIELDS = {"year", "value"}


# `--year Y` takes the figures of calendar year Y: a period that lies within Y (2023,
# 2024-01-01..2024-12-23) or runs on from Y to the report ("since 2023", 2022-04..). A period
# spanning years (2022-01..2023-06, 2018..2020, "to 2022", "recent years to 2024") is no one
# year's figure: it is listed without --year, never under each year it touches.
IN_ONE_YEAR = "(o.year_end IS NULL OR o.year_end = o.year)"
# A stock (a total at a date) belongs to the year it stands at: its period's end year (to
# 2024-12-23, 2023), or, for a period open to the report, the year of its page's date.
STOCK_YEAR = (
    "COALESCE(o.year_end, CAST(substr(COALESCE(s.original_published, s.published, s.dated), "
    "1, 4) AS INTEGER))"
)


# The year `--year` files a figure under (o: observations, i: indicators, s: sources): a flow's
# when its period lies within one year or runs on from it to the report (since 2023), none when
# it spans years; a stock's, the year it stands at.
FIGURE_YEAR = (
    f"(CASE WHEN i.measure = 'stock' THEN {STOCK_YEAR} WHEN {IN_ONE_YEAR} THEN o.year END)"
)


def in_years(years: Sequence[int]) -> tuple[str, list[Any]]:
    """The condition `--year` puts on figures, and its parameters."""
    return f"{FIGURE_YEAR} IN ({marks(years)})", list(years)


OPERATORS = {">=": ">=", "<=": "<=", "!=": "!=", "=": "=", "<": "<", ">": ">", "~": "LIKE"}


# Compiled by re when first used (most commands take no --where).
_WHERE = r"^\s*([a-z_]+)\s*(>=|<=|!=|=|<|>|~)\s*(.*?)\s*$"


class Condition(NamedTuple):
    """One --where comparison: field, operator, value."""

    field: str
    operator: str
    value: str | float | int


def parse_condition(text: str) -> Condition:
    """Parse 'value>=1000', 'unit=户' or 'quote~纠纷' into a Condition."""
    match = re.match(_WHERE, text)
    if not match:
        raise QueryError(
            f"cannot read the condition {text!r}: write FIELD OP VALUE, such as value>=1000, "
            "with OP one of = != < <= > >= ~ (contains)"
        )
    name, operator, raw = match.groups()
    if name not in FILTER_FIELDS:
        raise QueryError(
            f"unknown field {name!r} in {text!r}{did_you_mean(name, FILTER_FIELDS)}; "
            f"fields are: {', '.join(FILTER_FIELDS)}"
        )
    value: str | float | int = raw.strip("'\"")
    if name in NUMERIC_FIELDS and operator != "~":
        try:
            number = float(value)
        except ValueError:
            raise QueryError(f"{name} compares with a number, not {raw!r}") from None
        if not math.isfinite(number):
            raise QueryError(f"{name} compares with a finite number, not {raw!r}")
        # A whole number past SQLite's 64-bit integers (value>=1e19) is compared as the decimal
        # it is: a figure may be as large.
        value = int(number) if number.is_integer() and abs(number) < 2**63 else number
    return Condition(name, operator, value)


class FigureFilter(NamedTuple):
    """What figures are narrowed by. Region filters include the region's sub-units."""

    regions: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    qualifiers: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    sort: str | None = None
    descending: bool = False
    limit: int | None = None


def figures(db: sqlite3.Connection, query: FigureFilter, lang: str = "zh") -> list[Figure]:
    """Figures matching every filter, in dataset order unless sorted."""
    name, _ = column_names(lang)
    where: list[str] = []
    params: list[Any] = []
    if query.regions:
        ids = [find_region(db, r) for r in query.regions]
        where.append(
            f"o.region IN (SELECT region FROM region_tree WHERE ancestor IN ({marks(ids)}))"
        )
        params.extend(ids)
    for values, column, resolve in (
        (query.indicators, "o.indicator", find_indicator),
        (query.categories, "i.category", check_category),
    ):
        if values:
            resolved = [resolve(db, v) for v in values]
            where.append(f"{column} IN ({marks(resolved)})")
            params.extend(resolved)
    if query.years:
        in_year, year_params = in_years(query.years)
        where.append(in_year)
        params.extend(year_params)
    if query.qualifiers:
        where.append(f"o.qualifier IN ({marks(query.qualifiers)})")
        params.extend(query.qualifiers)
    for condition in query.conditions:
        column = FILTER_FIELDS[condition.field].format(name=name)
        if condition.field == "region" and condition.operator in ("=", "!="):
            # As --region does, a name or alias stands for the region's id.
            condition = Condition(
                "region", condition.operator, find_region(db, str(condition.value))
            )
        if condition.operator == "~":
            where.append(f"{column} LIKE ? ESCAPE '\\'")
            params.append(contains(str(condition.value)))
        else:
            where.append(f"{column} {OPERATORS[condition.operator]} ?")
            params.append(condition.value)
    sql = FIGURE_SELECT.format(name=name)
    if where:
        sql += " WHERE " + " AND ".join(where)
    if query.sort:
        if query.sort not in FILTER_FIELDS:
            raise QueryError(
                f"cannot sort by {query.sort!r}{did_you_mean(query.sort, FILTER_FIELDS)}; "
                f"fields are: {', '.join(FILTER_FIELDS)}"
            )
        column = FILTER_FIELDS[query.sort].format(name=name)
        sql += f" ORDER BY {column} {'DESC' if query.descending else 'ASC'}, o.id"
    else:
        sql += f" ORDER BY o.id {'DESC' if query.descending else 'ASC'}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    return fetch(db, sql, params, Figure.from_row)  # type: ignore[return-value]


COUNT_FIELDS = ("region", "indicator", "category", "year", "source")


_FIRST_YEAR = r"^(?:since )?(\d{4})"


def period_year(period: str) -> int | None:
    """The year a period label starts in (as --where year reads it); None for "to 2022"."""
    match = re.match(_FIRST_YEAR, period)
    return int(match.group(1)) if match else None


def count_figures(
    db: sqlite3.Connection, query: FigureFilter, by: str, lang: str = "zh"
) -> list[records.FigureCount]:
    """How many of the figures matching query share each value of a field, most first."""
    from ..records.categories import category_name

    if by not in COUNT_FIELDS:
        raise QueryError(
            f"cannot count by {by!r}{did_you_mean(by, COUNT_FIELDS)}; "
            f"fields are: {', '.join(COUNT_FIELDS)}"
        )
    titles = dict(db.execute("SELECT id, title FROM sources").fetchall())
    tally: dict[str | int | None, int] = {}
    names: dict[str | int | None, str | None] = {}
    for figure in figures(db, query, lang):
        key: str | int | None
        name: str | None
        if by == "region":
            key, name = figure.region, figure.region_name
        elif by == "indicator":
            key, name = figure.indicator, figure.indicator_name
        elif by == "category":
            key, name = figure.category, category_name(figure.category, lang)
        elif by == "year":
            key = period_year(figure.period)
            name = str(key) if key is not None else "no single start year"
        else:
            key, name = figure.source, titles.get(figure.source)
        tally[key] = tally.get(key, 0) + 1
        names[key] = name
    ordered = sorted(tally, key=lambda k: -tally[k])  # stable: first seen first among equals
    return [records.FigureCount(by, key, names[key], tally[key]) for key in ordered]
