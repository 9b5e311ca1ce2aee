"""Figures that disagree by arithmetic: found by computing, shown with both quotes, never stored.

Two sources stating different values for one region, indicator and period are the store's
`conflicts` view. These are the other kind (issue 19): stated figures that cannot all be right,
as arithmetic shows.

- change: a reported change (change_of) against the two stated levels it is the change between
  (98.35% in 2021 less 96.19% in 2020 is +2.16 points; the 2021 page says +1.52);
- parts: a region's own figure against the sum of its direct sub-regions' figures for the same
  indicator and period, where the parts' lower bounds exceed it;
- within: a flow over a period against the same region's flow over a longer period that holds
  it (a "since 2023" count more than a cumulative total up to a later date).

Only figures that are added by nature are summed or compared: counts and amounts, never a rate
(%), a change, a place in a ranking (an indicator id ending -rank) or a count of years.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..records.numbers import ChangeKind, change, decimal_of, plain
from ..records.tallies import ArithmeticConflict, StatedFigure
from .additive import not_added
from .fetch import column_names, fetch
from .figures import PERIOD_END, PERIOD_END_FROM
from .rankings import change_kind_of

_FIGURES = f"""
SELECT o.id, o.region, r.{{name}} AS region_name, o.indicator, i.{{name}} AS indicator_name,
       i.kind, i.measure, i.unit AS indicator_unit, i.change_of, o.period, o.year, o.year_end,
       o.since, o.period_start, o.period_end AS stated_end, {PERIOD_END} AS reached,
       {PERIOD_END_FROM} AS reached_from, o.value, o.unit, o.qualifier, o.display, o.source,
       o.quote, r.parent, r.position
FROM observations o JOIN regions r ON r.id = o.region JOIN indicators i ON i.id = o.indicator
JOIN sources s ON s.id = o.source
"""

Row = dict[str, Any]


def _stated(row: Row) -> StatedFigure:
    return StatedFigure(
        row["region"],
        row["region_name"],
        row["indicator"],
        row["period"],
        row["value"],
        row["qualifier"],
        row["display"],
        row["source"],
        row["quote"],
    )


def _low(row: Row) -> Decimal | None:
    """What a figure is at least: its value when exact or at least, None when approximate."""
    return decimal_of(row["value"]) if row["qualifier"] in ("exact", "at_least") else None


def arithmetic_conflicts(db: sqlite3.Connection, lang: str = "zh") -> list[ArithmeticConflict]:
    """Every disagreement that arithmetic on stated figures shows, in dataset order."""
    name, _ = column_names(lang)
    rows = fetch(db, _FIGURES.format(name=name) + " ORDER BY r.position, i.position, o.id")
    found = [*_changes(rows, lang), *_parts(db, rows, lang), *_within(rows, lang)]
    order = {row["id"]: n for n, row in enumerate(rows)}
    return sorted(found, key=lambda c: (order.get(c.stated_id, 0), c.kind))


# --- a reported change against the two levels ---------------------------------------------------


def _changes(rows: list[Row], lang: str) -> Iterator[ArithmeticConflict]:
    from ..records.rankings import Reading, ReportedChange

    levels: dict[tuple[str, str, str], list[Row]] = {}
    for row in rows:
        if row["kind"] == "level" and row["period"].isdigit():
            levels.setdefault((row["region"], row["indicator"], row["period"]), []).append(row)
    for said in rows:
        if said["kind"] != "change" or not said["change_of"] or not said["period"].isdigit():
            continue
        year = int(said["period"])
        kind = change_kind_of(said["indicator_unit"])
        level = said["change_of"]
        befores = levels.get((said["region"], level, str(year - 1)), [])
        afters = levels.get((said["region"], level, str(year)), [])
        for before in befores:
            for after in afters:
                if before["qualifier"] != "exact" or after["qualifier"] != "exact":
                    continue
                computed = _change_in(before, after, kind)
                if computed is None:
                    continue
                reading = Reading(
                    said["value"], said["qualifier"], said["display"], said["period"],
                    said["source"], None, said["quote"],
                )  # fmt: skip
                if not ReportedChange(said["indicator"], reading, kind, computed).disagrees:
                    continue
                written = change(computed, kind, lang=lang)
                reported = change(said["value"], kind, lang=lang)
                if lang == "zh":
                    why = (
                        f"{after['display']}（{after['period']}，{after['source']}）与"
                        f"{before['display']}（{before['period']}，{before['source']}）之差为"
                        f"{written}；{said['source']}报告{reported}"
                    )
                else:
                    why = (
                        f"{after['display']} ({after['period']}, {after['source']}) against "
                        f"{before['display']} ({before['period']}, {before['source']}) is "
                        f"{written}; {said['source']} reports {reported}"
                    )
                yield ArithmeticConflict(
                    "change",
                    said["region"],
                    said["region_name"],
                    said["indicator"],
                    said["indicator_name"],
                    said["period"],
                    said["unit"],
                    _stated(said),
                    (_stated(before), _stated(after)),
                    computed,
                    written,
                    why,
                    said["id"],
                )


def _change_in(before: Row, after: Row, kind: ChangeKind) -> float | None:
    old, new = decimal_of(before["value"]), decimal_of(after["value"])
    if kind is ChangeKind.points:
        return float(new - old) if before["unit"] == "%" else None
    if kind is ChangeKind.percent:
        return None if old <= 0 else float(round((new - old) / old * 100, 2))
    return float(new - old)


# --- parts against their whole ------------------------------------------------------------------


def _parts(db: sqlite3.Connection, rows: list[Row], lang: str) -> Iterator[ArithmeticConflict]:
    children: dict[str, list[str]] = {}
    for region, parent in db.execute("SELECT id, parent FROM regions ORDER BY position"):
        if parent is not None:
            children.setdefault(parent, []).append(region)
    cells: dict[tuple[str, str, str], list[Row]] = {}
    for row in rows:
        if row["kind"] == "level" and not not_added(
            row["indicator"], row["indicator_unit"], row["kind"]
        ):
            cells.setdefault((row["region"], row["indicator"], row["period"]), []).append(row)
    for (region, indicator, period), wholes in cells.items():
        parts = []
        for child in children.get(region, ()):
            found = [r for r in cells.get((child, indicator, period), ()) if _low(r) is not None]
            if found:  # the smallest lower bound a child's sources give
                parts.append(min(found, key=lambda r: decimal_of(r["value"])))
        if not parts:
            continue
        total = sum((d for d in (_low(p) for p in parts) if d is not None), Decimal(0))
        for whole in wholes:
            if whole["qualifier"] != "exact" or total <= decimal_of(whole["value"]):
                continue
            unit = whole["unit"]
            summed = plain(total) + unit
            if lang == "zh":
                why = (
                    " + ".join(f"{p['region_name']}{p['display']}" for p in parts)
                    + f" = {summed}，多于{whole['region_name']}本身的{whole['display']}"
                    f"（{period}，{whole['source']}）"
                )
            else:
                why = (
                    " + ".join(f"{p['region_name']} {p['display']}" for p in parts)
                    + f" = {summed}, more than {whole['region_name']}'s own "
                    f"{whole['display']} ({period}, {whole['source']})"
                )
            yield ArithmeticConflict(
                "parts",
                region,
                whole["region_name"],
                indicator,
                whole["indicator_name"],
                period,
                unit,
                _stated(whole),
                tuple(_stated(p) for p in parts),
                float(total),
                summed,
                why,
                whole["id"],
            )


# --- a period against a longer one that holds it ------------------------------------------------


def _start(row: Row) -> str | None:
    """The first day a period covers (YYYY-MM-DD, comparable as text); 0000 where unstated."""
    if row["period"].startswith("recent years"):
        return None
    if row["period_start"]:
        start: str = row["period_start"]
        return start + "-01-01"[len(start) - 4 :] if len(start) < 10 else start
    if row["year"] is not None:
        return f"{row['year']}-01-01"
    return "0000-01-01"


def _end(row: Row) -> str | None:
    """The last day a period covers, as far as it is known (a month's as its 31st)."""
    end: str | None = row["reached"]
    if end is None or row["period"].startswith("recent years"):
        return None
    if len(end) == 4:
        return f"{end}-12-31"
    if len(end) == 7:
        return f"{end}-31"
    return end


def _within(rows: list[Row], lang: str) -> Iterator[ArithmeticConflict]:
    series: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        if (
            row["kind"] == "level"
            and row["measure"] == "flow"
            and not not_added(row["indicator"], row["indicator_unit"], row["kind"])
        ):
            series.setdefault((row["region"], row["indicator"]), []).append(row)
    for figures in series.values():
        for part in figures:
            low, first, last = _low(part), _start(part), _end(part)
            if low is None or first is None or last is None:
                continue
            for whole in figures:
                start, end = _start(whole), _end(whole)
                if (
                    whole is part
                    or whole["period"] == part["period"]
                    or whole["qualifier"] != "exact"
                    or start is None
                    or end is None
                    or not (start <= first and last <= end)
                    or low <= decimal_of(whole["value"])
                ):
                    continue
                excess = low - decimal_of(whole["value"])
                written = change(float(excess), ChangeKind.level) + part["unit"]
                if lang == "zh":
                    why = (
                        f"{part['display']}（{part['period']}，{part['source']}）多于包含该期间的"
                        f"{whole['display']}（{whole['period']}，{whole['source']}），多出{written}"
                    )
                else:
                    why = (
                        f"{part['display']} ({part['period']}, {part['source']}) is more than "
                        f"{whole['display']} for {whole['period']} ({whole['source']}), a period "
                        f"that holds it: {written} more"
                    )
                yield ArithmeticConflict(
                    "within",
                    part["region"],
                    part["region_name"],
                    part["indicator"],
                    part["indicator_name"],
                    part["period"],
                    part["unit"],
                    _stated(whole),
                    (_stated(part),),
                    float(excess),
                    written,
                    why,
                    whole["id"],
                )
