"""Rankings and trends as Results (tables, JSON, CSV) and as charts for the chart renderers."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .chartdata import Chart, Conflict, Figure, SourceLink
from .numbers import ChangeKind, Qualifier, Units, change, figure
from .output import Column, Result, Table, cell
from .rankings import Ranking, Reading, Trend
from .termcharts import bars, sparkline

BAR_CELLS = 20
NOT_REPORTED = "not reported"
CONFLICT_NOTE = "another figure for the same period differs"


def shown(reading: Reading, unit: str, kind: str, units: Units | None) -> str:
    """The figure as the source wrote it, or (units chosen) written by pingan in those units."""
    if units is None:
        return reading.display
    qualifier = Qualifier(reading.qualifier)
    if kind == "change":
        if unit == "%":
            return change(reading.value, ChangeKind.percent, qualifier)
        return change(reading.value, ChangeKind.level, qualifier, units) + unit
    return figure(reading.value, unit, qualifier, units)


def _conflict_note(others: tuple[Reading, ...]) -> str:
    return f"{CONFLICT_NOTE}: " + "; ".join(f"{o.display} ({o.source})" for o in others)


def _figure(
    label: str, reading: Reading | None, others: tuple[Reading, ...], text: str, **extra: Any
) -> Figure:
    if reading is None:
        return Figure(label, None, **extra)
    conflict = None
    if any(o.value != reading.value or o.qualifier != reading.qualifier for o in others):
        conflict = Conflict(
            _conflict_note(others), tuple(SourceLink(o.source, o.url) for o in others)
        )
    return Figure(
        label,
        reading.value,
        Qualifier(reading.qualifier),
        text,
        conflict=conflict,
        source=SourceLink(reading.source, reading.url, reading.quote),
        **extra,
    )


def ranking_chart(ranking: Ranking, units: Units | None = None) -> Chart:
    """The ranking as bars, for `--chart` and the SVG and HTML renderers."""
    figures = tuple(
        _figure(
            r.name,
            r.reading,
            r.others,
            shown(r.reading, ranking.unit, ranking.kind, units) if r.reading else "",
            rank=r.rank,
            share=None if r.share is None else f"{r.share:g}%",
        )
        for r in ranking.regions
    )
    title = f"{ranking.indicator_name} {ranking.year or ''}".strip()
    return Chart(title, figures, unit=ranking.unit)


def ranking_view(ranking: Ranking, ascii_only: bool = False, units: Units | None = None) -> Result:
    """`pingan rank`: rank, region, value as written, share of the parent's total, and a bar."""
    drawn = bars(
        [r.reading.value if r.reading else None for r in ranking.regions], BAR_CELLS, ascii_only
    )
    periods = {r.reading.period for r in ranking.regions if r.reading}
    rows = []
    records = []
    for entry, bar in zip(ranking.regions, drawn, strict=True):
        reading = entry.reading
        rows.append(
            {
                "rank": "" if entry.rank is None else str(entry.rank),
                "name": cell(entry.name),
                "value": cell(shown(reading, ranking.unit, ranking.kind, units))
                if reading
                else NOT_REPORTED,
                "share": "" if entry.share is None else f"{entry.share:g}%",
                "bar": bar,
                "period": cell(reading.period) if reading else "",
                "note": "*" if entry.conflict else "",
            }
        )
        records.append(
            {
                "rank": entry.rank,
                "region": entry.region,
                "name": entry.name,
                "value": reading.value if reading else None,
                "qualifier": reading.qualifier if reading else None,
                "display": reading.display if reading else None,
                "period": reading.period if reading else None,
                "share_percent": entry.share,
                "source": reading.source if reading else None,
                "url": reading.url if reading else None,
                "conflict": entry.conflict,
            }
        )
    columns = [
        Column("rank", "rank", numeric=True),
        Column("name", "region"),
        Column("value", "value", numeric=True, no_wrap=True, styles=((NOT_REPORTED, "dim"),)),
        Column("share", "share", numeric=True),
        Column("bar", "", no_wrap=True),
    ]
    if len(periods) > 1:
        columns.append(Column("period", "period"))
    if any(r.conflict for r in ranking.regions):
        columns.append(Column("note", ""))
    title = (
        f"{ranking.indicator_name} ({ranking.unit}), {ranking.level}, {ranking.year or 'no year'}"
    )
    tables = [Table(cell(title), columns, rows)]
    conflicts = [r for r in ranking.regions if r.conflict]
    if conflicts:
        tables.append(
            Table(
                "* sources disagree",
                [Column("name", "region"), Column("note", "figures")],
                [{"name": cell(r.name), "note": cell(_conflict_note(r.others))} for r in conflicts],
            )
        )
    data = {
        **{k: v for k, v in asdict(ranking).items() if k != "regions"},
        "regions": records,
    }
    return Result(
        data=data,
        tables=tables,
        records=records,
        empty_note=None if ranking.regions else f"no {ranking.level} regions",
    )


def trend_charts(trends: list[Trend], units: Units | None = None) -> list[Chart]:
    """Each indicator's periods as bars, for `--chart` and the SVG and HTML renderers."""
    return [
        Chart(
            f"{t.region_name} · {t.indicator_name}",
            tuple(
                _figure(
                    p.reading.period, p.reading, p.others, shown(p.reading, t.unit, t.kind, units)
                )
                for p in t.points
            ),
            unit=t.unit,
        )
        for t in trends
    ]


def trend_view(
    trends: list[Trend], ascii_only: bool = False, lang: str = "zh", units: Units | None = None
) -> Result:
    """`pingan trend`: per indicator, each period's value, the change from the year before."""
    tables = []
    records = []
    for t in trends:
        values = [p.reading.value for p in t.points]
        # A change is signed and says how much, not how many: its text is enough.
        drawn = bars(values, BAR_CELLS, ascii_only) if t.kind == "level" else [""] * len(values)
        rows = []
        for point, bar in zip(t.points, drawn, strict=True):
            changed = (
                change(point.change, point.change_kind, lang=lang)
                if point.change is not None and point.change_kind is not None
                else ""
            )
            rows.append(
                {
                    "period": cell(point.reading.period),
                    "value": cell(shown(point.reading, t.unit, t.kind, units)),
                    "change": changed,
                    "bar": bar,
                    "note": "*" if point.conflict else "",
                }
            )
            records.append(
                {
                    "region": t.region,
                    "indicator": t.indicator,
                    "period": point.reading.period,
                    "calendar_year": point.calendar_year,
                    "value": point.reading.value,
                    "qualifier": point.reading.qualifier,
                    "display": point.reading.display,
                    "change": point.change,
                    "change_kind": None if point.change_kind is None else str(point.change_kind),
                    "source": point.reading.source,
                    "url": point.reading.url,
                    "conflict": point.conflict,
                }
            )
        columns = [
            Column("period", "period"),
            Column("value", "value", numeric=True, no_wrap=True),
            Column("change", "change", numeric=True),
        ]
        if t.kind == "level":
            columns.append(Column("bar", "", no_wrap=True))
        if any(p.conflict for p in t.points):
            columns.append(Column("note", ""))
        spark = "" if ascii_only or len(t.points) < 2 else " " + sparkline(values)
        if t.kind != "level":
            spark = ""
        title = f"{t.region_name} · {t.indicator_name} ({t.unit}){spark}"
        tables.append(Table(cell(title), columns, rows))
    data = [
        {
            "region": t.region,
            "region_name": t.region_name,
            "indicator": t.indicator,
            "indicator_name": t.indicator_name,
            "unit": t.unit,
            "kind": t.kind,
            "points": [
                r for r in records if r["region"] == t.region and r["indicator"] == t.indicator
            ],
        }
        for t in trends
    ]
    return Result(
        data=data, tables=tables, records=records, empty_note="no figures for this region"
    )
