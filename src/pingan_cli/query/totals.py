"""Totals: one indicator's figures added over regions, only where adding them is honest."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence

from .. import records
from ..load.problems import QueryError
from .additive import not_added
from .fetch import marks
from .figures import Condition, FigureFilter, figures
from .lookup import find_indicator, find_region


def total(
    db: sqlite3.Connection,
    indicator: str,
    region_names: Sequence[str] = (),
    year: int | None = None,
    period: str | None = None,
    lang: str = "zh",
    source: str | None = None,
) -> records.Total:
    """The sum of one indicator's figures over regions for one period, its qualifier honest.

    Never adds figures of different periods or units, a change or a percentage, or a region
    together with a region it includes.
    """
    indicator_id = find_indicator(db, indicator)
    ids = list(dict.fromkeys(find_region(db, r) for r in region_names))
    conditions = [Condition("period", "=", period)] if period else []
    if source:
        conditions.append(Condition("source", "=", source))
    found = [
        f
        for f in figures(
            db,
            FigureFilter(
                indicators=(indicator_id,),
                years=(year,) if year else (),
                conditions=tuple(conditions),
            ),
            lang,
        )
        if not ids or f.region in ids
    ]
    if not found:
        raise QueryError(f"no figures of {indicator_id} to add for those regions and period")
    first = found[0]
    why = not_added(indicator_id, first.unit, first.kind)
    if why is not None and first.unit != "%":  # a rate's words below name its unit
        raise QueryError(f"{indicator_id} is {why}")
    periods = sorted({f.period for f in found})
    if len(periods) > 1:
        raise QueryError(
            f"figures of different periods are never added ({', '.join(periods)}); "
            "choose one with --year or --period"
        )
    units = sorted({f.unit for f in found})
    if len(units) > 1:
        raise QueryError(f"figures in different units are never added ({', '.join(units)})")
    if first.unit == "%":
        raise QueryError(f"{indicator_id} is a rate in %: rates of regions are not added")
    regions = list(dict.fromkeys(f.region for f in found))
    if len(regions) != len(found):
        twice = next(r for r in regions if sum(f.region == r for f in found) > 1)
        raise QueryError(
            f"{twice} has more than one figure of {indicator_id} for {periods[0]} "
            f"(sources: {', '.join(sorted({f.source for f in found if f.region == twice}))}): "
            "choose one source"
        )
    missing = [r for r in ids if r not in regions]
    if missing:
        raise QueryError(
            f"{', '.join(missing)} reports no figure of {indicator_id} for {periods[0]}: "
            "not reported is not zero, so there is no sum"
        )
    overlap = db.execute(
        f"SELECT ancestor, region FROM region_tree WHERE distance > 0 "
        f"AND ancestor IN ({marks(regions)}) AND region IN ({marks(regions)})",
        [*regions, *regions],
    ).fetchone()
    if overlap is not None:
        ancestor, region = overlap
        raise QueryError(
            f"{ancestor} includes {region}: adding them would count {region} twice; "
            "name the regions to add"
        )
    qualifiers = {f.qualifier for f in found}
    qualifier = (
        "approx" if "approx" in qualifiers else "at_least" if "at_least" in qualifiers else "exact"
    )
    value = sum(f.value for f in found)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise QueryError(
                "the sum of these figures is past the largest number a float holds (1.8e+308); "
                "there is no sum to give"
            )
        value = round(value, 9)  # 0.1 + 0.2 is 0.3
    return records.Total(
        indicator=indicator_id,
        indicator_name=first.indicator_name,
        period=periods[0],
        unit=first.unit,
        value=value,
        qualifier=qualifier,
        regions=tuple(regions),
        region_names=tuple(dict.fromkeys(f.region_name for f in found)),
        parts=tuple(found),
    )
