"""Rankings and trends asked of the store, answered as typed records.

A ranking orders the regions of one level by an indicator in one year; ties share a rank, and
the regions that do not report the indicator come after, as not reported (never as 0). A trend is
one region's figures of an indicator over its periods, with the change between calendar years
computed from the levels where both are exact.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Sequence
from decimal import Context, Decimal
from typing import Any

from ..load.problems import QueryError
from ..records.base import display
from ..records.numbers import ChangeKind, decimal_of
from ..records.rankings import RankedRegion, Ranking, Reading, ReportedChange, Trend, TrendPoint
from .fetch import fetch
from .figures import FIGURE_YEAR, PERIOD_END, PERIOD_END_FROM
from .lookup import find_indicator, find_region

_CALENDAR_YEAR = re.compile(r"^\d{4}$")


StoreRow = dict[str, Any]

_READINGS = f"""
SELECT o.region, o.period, o.year, {FIGURE_YEAR} AS figure_year, o.value, o.qualifier,
       o.as_written, o.source, o.quote, o.id, s.url, {PERIOD_END} AS period_end,
       {PERIOD_END_FROM} AS period_end_from
FROM observations o LEFT JOIN sources s ON s.id = o.source
JOIN indicators i ON i.id = o.indicator
WHERE o.indicator = ?
"""


def _reading(row: StoreRow, unit: str, kind: str) -> Reading:
    return Reading(
        value=row["value"],
        qualifier=row["qualifier"],
        display=display(row["value"], unit, row["qualifier"], kind, row["as_written"]),
        period=row["period"],
        source=row["source"],
        url=row["url"],
        quote=row["quote"],
        period_end=row["period_end"],
        period_end_from=row["period_end_from"],
    )


def _indicator(db: sqlite3.Connection, name: str, lang: str) -> StoreRow:
    indicator_id = find_indicator(db, name)
    column = "name_en" if lang == "en" else "name_zh"
    [row] = fetch(
        db,
        f"SELECT id, {column} AS name, unit, kind, measure FROM indicators WHERE id = ?",
        (indicator_id,),
    )
    return row


def rank(
    db: sqlite3.Connection,
    indicator: str,
    year: int | None = None,
    level: str = "county",
    within: str | None = None,
    lang: str = "zh",
) -> Ranking:
    """Regions of a level ordered by an indicator (largest first); the latest year by default."""
    info = _indicator(db, indicator, lang)
    column = "name_en" if lang == "en" else "name_zh"
    sql = f"SELECT r.id, r.{column} AS name, r.parent FROM regions r WHERE r.level = ?"
    params: list[object] = [level]
    if within is not None:
        ancestor = find_region(db, within)
        sql += " AND r.id IN (SELECT region FROM region_tree WHERE ancestor = ?)"
        params.append(ancestor)
    regions = fetch(db, sql + " ORDER BY r.position", params)
    ids = {r["id"] for r in regions}
    rows = fetch(db, _READINGS + " ORDER BY o.year, o.id", (info["id"],))
    if year is None:
        years = [r["figure_year"] for r in rows if r["region"] in ids and r["figure_year"]]
        year = max(years) if years else None
    chosen = [r for r in rows if r["figure_year"] == year]
    by_region: dict[str, list[Reading]] = {}
    # Calendar-year figures first, so a region's figure for 2023 wins over its "since 2023".
    for row in sorted(chosen, key=lambda r: (not _CALENDAR_YEAR.match(r["period"]), r["id"])):
        by_region.setdefault(row["region"], []).append(_reading(row, info["unit"], info["kind"]))
    ranked: list[tuple[str, str, Reading, tuple[Reading, ...], float | None]] = []
    missing: list[RankedRegion] = []
    for region in regions:
        found = by_region.get(region["id"])
        if not found:
            missing.append(RankedRegion(region["id"], region["name"], None, None))
            continue
        first, others = found[0], tuple(r for r in found[1:] if r.period == found[0].period)
        share = _share(first, by_region.get(region["parent"] or ""), info["unit"], info["kind"])
        ranked.append((region["id"], region["name"], first, others, share))
    ranked.sort(key=lambda entry: -decimal_of(entry[2].value))
    placed: list[RankedRegion] = []
    for index, (region_id, name, reading, others, share) in enumerate(ranked):
        tied = index and reading.value == ranked[index - 1][2].value
        place = placed[-1].rank if tied and placed else index + 1
        placed.append(RankedRegion(region_id, name, place, reading, others, share))
    return Ranking(
        indicator=info["id"],
        indicator_name=info["name"],
        unit=info["unit"],
        kind=info["kind"],
        year=year,
        level=level,
        regions=(*placed, *missing),
        measure=info["measure"],
    )


def _share(reading: Reading, parent: list[Reading] | None, unit: str, kind: str) -> float | None:
    """A region's percentage of its parent's figure, where the two are exact counts of a level."""
    if not parent or kind != "level" or unit == "%":
        return None
    total = next((p for p in parent if p.period == reading.period), None)
    if total is None or total.qualifier != "exact" or reading.qualifier != "exact":
        return None
    if not total.value or total.value < 0 or reading.value < 0:
        return None
    return _rounded(decimal_of(reading.value) / decimal_of(total.value) * 100, 1)


def trend(
    db: sqlite3.Connection, region: str, indicators: Sequence[str] = (), lang: str = "zh"
) -> list[Trend]:
    """A region's figures over the periods, per indicator: those named, or every one it reports."""
    region_id = find_region(db, region)
    column = "name_en" if lang == "en" else "name_zh"
    region_name = db.execute(f"SELECT {column} FROM regions WHERE id = ?", (region_id,)).fetchone()[
        0
    ]
    if indicators:
        chosen = list(dict.fromkeys(find_indicator(db, i) for i in indicators))
    else:
        chosen = [
            r[0]
            for r in db.execute(
                "SELECT DISTINCT i.id, i.position FROM observations o "
                "JOIN indicators i ON i.id = o.indicator WHERE o.region = ? ORDER BY i.position",
                (region_id,),
            )
        ]
    trends = []
    for indicator_id in chosen:
        info = _indicator(db, indicator_id, lang)
        rows = fetch(
            db,
            _READINGS + " AND o.region = ? ORDER BY o.year, o.period_start, o.id",
            (indicator_id, region_id),
        )
        by_period: dict[str, list[Reading]] = {}
        for row in rows:
            by_period.setdefault(row["period"], []).append(
                _reading(row, info["unit"], info["kind"])
            )
        reported = _reported_changes(db, indicator_id, region_id)
        points: list[TrendPoint] = []
        previous: Reading | None = None
        stock = info["measure"] == "stock"
        periods = list(by_period.items())
        if stock:
            # A stock's readings in the order of the dates they stand at (an undated one last):
            # each is a change from the one before, never added to it.
            periods.sort(key=lambda item: (item[1][0].period_end is None, item[1][0].period_end))
        for period, readings in periods:
            first = readings[0]
            calendar = bool(_CALENDAR_YEAR.match(period))
            change, change_kind = None, None
            before = None
            if stock:
                if previous is not None and info["kind"] == "level":
                    change, change_kind = _stock_change(previous, first, info["unit"])
                previous = first
            elif calendar and previous is not None and int(previous.period) == int(period) - 1:
                before = previous
                change, change_kind = _change(previous, first, info["unit"], info["kind"])
            said = tuple(
                ReportedChange(
                    indicator,
                    reading,
                    kind,
                    None if before is None else _change_in(before, first, kind, info["unit"]),
                )
                for indicator, reading, kind in reported.get(period, ())
            )
            points.append(
                TrendPoint(first, calendar, change, change_kind, tuple(readings[1:]), said)
            )
            if calendar and not stock:
                previous = first
        trends.append(
            Trend(
                region_id,
                region_name,
                info["id"],
                info["name"],
                info["unit"],
                info["kind"],
                tuple(points),
                info["measure"],
            )
        )
    if indicators and not any(t.points for t in trends):
        raise QueryError(f"{region_name} reports none of these indicators")
    return trends


def _change(
    before: Reading, after: Reading, unit: str, kind: str
) -> tuple[float | None, ChangeKind | None]:
    """The change between two consecutive calendar years' exact levels.

    A rate (%) changes by percentage points; any other level by percent of the year before.
    """
    if kind != "level" or before.qualifier != "exact" or after.qualifier != "exact":
        return None, None
    old, new = decimal_of(before.value), decimal_of(after.value)
    if unit == "%":
        return _rounded(new - old, None), ChangeKind.points
    if old <= 0:
        return None, None
    percent = _rounded((new - old) / old * 100, 2)
    return (None, None) if percent is None else (percent, ChangeKind.percent)


def _stock_change(
    before: Reading, after: Reading, unit: str
) -> tuple[float | None, ChangeKind | None]:
    """The change between two exact readings of a stock at two dates: in units, or in
    percentage points for a rate."""
    if before.qualifier != "exact" or after.qualifier != "exact" or before.period_end is None:
        return None, None
    difference = decimal_of(after.value) - decimal_of(before.value)
    return float(difference), ChangeKind.points if unit == "%" else ChangeKind.level


def change_kind_of(unit: str) -> ChangeKind:
    """What a change indicator's figures are measured in, by its unit: 百分点, % or units."""
    if unit == "百分点":
        return ChangeKind.points
    if unit == "%":
        return ChangeKind.percent
    return ChangeKind.level


def _reported_changes(
    db: sqlite3.Connection, level: str, region: str
) -> dict[str, list[tuple[str, Reading, ChangeKind]]]:
    """The figures of the change indicators of a level (change_of), by period."""
    found: dict[str, list[tuple[str, Reading, ChangeKind]]] = {}
    for row in fetch(db, "SELECT id, unit FROM indicators WHERE change_of = ?", (level,)):
        readings = fetch(
            db, _READINGS + " AND o.region = ? ORDER BY o.year, o.id", (row["id"], region)
        )
        for reading in readings:
            found.setdefault(reading["period"], []).append(
                (row["id"], _reading(reading, row["unit"], "change"), change_kind_of(row["unit"]))
            )
    return found


def _change_in(before: Reading, after: Reading, kind: ChangeKind, unit: str) -> float | None:
    """The change between two exact levels in the measure a source reported it in."""
    if before.qualifier != "exact" or after.qualifier != "exact":
        return None
    old, new = decimal_of(before.value), decimal_of(after.value)
    if kind is ChangeKind.points:
        return _rounded(new - old, None) if unit == "%" else None
    if kind is ChangeKind.percent:
        return None if old <= 0 else _rounded((new - old) / old * 100, 2)
    return _rounded(new - old, None)


def _rounded(number: Decimal, places: int | None) -> float | None:
    """number rounded half-even to places decimals (None: as it is), as a float; None when no
    float holds it.

    NOTE: round() of a Decimal quantizes in the default context, 28 digits: a level grown
    10^24-fold has a change of more digits than that, and round() raised InvalidOperation.
    """
    if places is not None:
        digits = max(number.adjusted() + 1, 1) + places + 1
        number = number.quantize(Decimal(1).scaleb(-places), context=Context(prec=max(digits, 28)))
    result = float(number)
    return result if math.isfinite(result) else None
