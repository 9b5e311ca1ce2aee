"""Regions side by side: each honour's status and each indicator's figure, or none reported."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from .. import records
from ..records.figures import other_figures
from .fetch import column_names, marks
from .figures import FIGURE_COLUMNS, in_years
from .honours import honour_scopes
from .lookup import check_category, find_indicator, find_region

# Levels compared in their own right: their figures are never folded into a parent's in compare.
COMPARED_LEVELS = ("province", "city", "county")


def compare(
    db: sqlite3.Connection,
    year: int | None,
    names: Sequence[str] = (),
    indicator_names: Sequence[str] = (),
    categories: Sequence[str] = (),
    lang: str = "zh",
) -> records.Comparison:
    """Regions side by side: designation status and each figure, or None where not reported."""
    name_col, _ = column_names(lang)
    if names:
        region_ids = list(dict.fromkeys(find_region(db, n) for n in names))
    else:
        # Each city first, then its county-level divisions, in dataset order.
        region_ids = [
            r[0]
            for r in db.execute(
                """
                SELECT r.id FROM regions r
                LEFT JOIN regions p ON p.id = r.parent
                WHERE r.level IN ('city', 'county')
                ORDER BY CASE WHEN r.level = 'city' THEN r.position ELSE p.position END,
                         r.level != 'city', r.position
                """
            )
        ]
    chosen = [find_indicator(db, i) for i in indicator_names]
    chosen_categories = [check_category(db, c) for c in categories]
    # A region's figures are its own and, as in `show`, those of the units inside it that are
    # not compared in their own right (townships, communities, police stations) and lie in no
    # county or city below it: a city never takes its counties' figures, nor their townships'.
    owners: dict[str, list[tuple[str, int]]] = {r: [(r, 0)] for r in region_ids}
    units = db.execute(
        f"SELECT EXISTS (SELECT 1 FROM regions WHERE level NOT IN ({marks(COMPARED_LEVELS)}))",
        COMPARED_LEVELS,
    ).fetchone()[0]
    for ancestor, unit, distance in (
        ()
        if not units
        else db.execute(
            "SELECT t.ancestor, t.region, t.distance FROM region_tree t "
            f"WHERE t.ancestor IN ({marks(region_ids)}) AND t.distance > 0 AND NOT EXISTS ("
            "SELECT 1 FROM region_tree n JOIN regions m ON m.id = n.ancestor "
            "WHERE n.region = t.region AND n.distance < t.distance "
            f"AND m.level IN ({marks(COMPARED_LEVELS)}))",
            [*region_ids, *COMPARED_LEVELS],
        )
    ):
        owners.setdefault(unit, []).append((ancestor, distance))
    params: list[Any] = list(owners)
    sql = (
        f"SELECT o.region, u.{name_col}, o.indicator, o.period, o.value, o.unit, "
        "o.qualifier, o.display, o.source, "
        + ", ".join(
            FIGURE_COLUMNS[name]
            for name in ("conflicts_with", "measure", "period_end", "period_end_from")
        )
        + " FROM observations o JOIN regions u ON u.id = o.region "
        "JOIN indicators i ON i.id = o.indicator JOIN sources s ON s.id = o.source "
        f"WHERE o.region IN ({marks(params)})"
    )
    if year is not None:
        condition, values = in_years((year,))
        sql += f" AND {condition}"
        params.extend(values)
    if chosen:
        sql += f" AND o.indicator IN ({marks(chosen)})"
        params.extend(chosen)
    if chosen_categories:
        sql += f" AND i.category IN ({marks(chosen_categories)})"
        params.extend(chosen_categories)
    # Within an indicator, earlier periods first (a period with no stated start, "to 2022", last).
    sql += " ORDER BY i.position, o.year IS NULL, o.year, o.year_end IS NULL, o.year_end, o.id"
    found_cells: dict[tuple[str, str], list[tuple[int, records.Cell]]] = {}
    reporters: dict[str, set[str]] = {}
    for row in db.execute(sql, params):
        unit, unit_name, indicator, period, value, unit_of, qualifier, shown, source = row[:9]
        column = indicator if year is not None else f"{indicator}@{period}"
        figure = records.Cell(
            value,
            unit_of,
            qualifier,
            period,
            shown,
            source,
            unit,
            unit_name,
            other_figures(row[9]),
            (),
            row[10],
            row[11],
            row[12],
        )
        for ancestor, distance in owners[unit]:
            found_cells.setdefault((ancestor, column), []).append((distance, figure))
            reporters.setdefault(column, set()).add(ancestor)
    # The region's own figure first, then its units' (a stable sort keeps the period order).
    cells = {
        key: [c for _, c in sorted(found, key=lambda pair: pair[0])]
        for key, found in found_cells.items()
    }
    minimum = 1 if (names or chosen or chosen_categories) else 2
    columns = [c for c, who in reporters.items() if len(who) >= minimum]
    headings = dict(db.execute(f"SELECT id, {name_col} FROM indicators").fetchall())
    # Asked for figures (an indicator or a category): honours are not what was asked.
    honours = [] if chosen or chosen_categories else honour_scopes(db, lang, year)
    # NOTE: one query for every region's name and level, not one per region (docs/performance.md).
    known = {r[0]: r for r in db.execute(f"SELECT id, {name_col}, level FROM regions")}
    rows = []
    for region_id in region_ids:
        _, region_name, level = known[region_id]
        statuses = {
            h.record.id: records.HonourCell(
                h.record.title, h.record.year, h.status(region_id), h.within(region_id)
            )
            for h in honours
            if h.applies(region_id, level)
        }
        shown_cells: dict[str, records.Cell | None] = {}
        for column in columns:
            found = cells.get((region_id, column))
            if not found:
                shown_cells[column] = None
            elif len(found) > 1:
                shown_cells[column] = found[0]._replace(alternatives=tuple(found[1:]))
            else:
                shown_cells[column] = found[0]
        rows.append(records.ComparisonRow(region_id, region_name, statuses, shown_cells))
    relevant = [h.record for h in honours if any(h.record.id in row.designations for row in rows)]
    return records.Comparison(
        year=year,
        designations=_honour_headings(relevant),
        indicators=tuple(records.Named(c, _column_name(c, headings)) for c in columns),
        rows=tuple(rows),
        single_reporter=len(reporters) - len(columns),
    )


def _honour_headings(honours: Sequence[records.Designation]) -> tuple[records.Named, ...]:
    """Each honour's id and heading: where honours of several years are shown, a title that does
    not state its year gets it (平安银鼎 (2023)), so that two years' honours never read alike."""
    years = {h.year for h in honours if h.year is not None}
    return tuple(
        records.Named(
            h.id,
            f"{h.title} ({h.year})"
            if len(years) > 1 and h.year is not None and str(h.year) not in h.title
            else h.title,
        )
        for h in honours
    )


def _column_name(column: str, names: dict[str, str]) -> str:
    indicator, _, period = column.partition("@")
    return f"{names[indicator]} ({period})" if period else names[indicator]
