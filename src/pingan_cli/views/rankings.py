"""Rankings and trends as Results (tables, JSON, CSV) and as charts for the chart renderers."""

from __future__ import annotations

from typing import Any

from ..records.charts import Chart, ChartValue, Disagreement, SourceLink
from ..records.numbers import ChangeKind, Qualifier, Units, change, figure
from ..records.rankings import Number, Ranking, Reading, ReportedChange, Trend, TrendPoint
from ..result import Breaks, Column, Result, Table, cell
from .marks import NOT_REPORTED
from .periods import Legend

CONFLICT_NOTE = "another figure for the same period differs"
DISAGREES = "≠"
# Where a trend's ≠ and the report's notes point: the one list of disagreements (issue 19).
LISTED = {"en": "listed by `pingan conflicts`", "zh": "见 `pingan conflicts`"}
NOT_CALENDAR = "not calendar years, so no change is computed"
STOCK_CHANGES = (
    "a stock (a total at a date): each change is from the reading before, never added up"
)


def shown(reading: Reading, unit: str, kind: str, units: Units | None) -> str:
    """The figure as the source wrote it, or (units chosen) written by pingan in those units."""
    if units is None:
        return reading.display
    return written(reading.value, unit, Qualifier(reading.qualifier), kind, units)


def written(value: Number, unit: str, qualifier: Qualifier, kind: str, units: Units) -> str:
    """A figure written by pingan in the units chosen, its qualifier kept: ≥52,000件, +15.49%."""
    if kind == "change":
        if unit == "%":
            return change(value, ChangeKind.percent, qualifier)
        if unit == "百分点":
            return change(value, ChangeKind.points, qualifier, lang="zh")
        return change(value, ChangeKind.level, qualifier, units) + unit
    return figure(value, unit, qualifier, units)


def _conflict_note(others: tuple[Reading, ...]) -> str:
    return f"{CONFLICT_NOTE}: " + "; ".join(f"{o.display} ({o.source})" for o in others)


def _figure(
    label: str, reading: Reading | None, others: tuple[Reading, ...], text: str, **extra: Any
) -> ChartValue:
    if reading is None:
        return ChartValue(label, None, **extra)
    conflict = None
    if any(o.value != reading.value or o.qualifier != reading.qualifier for o in others):
        conflict = Disagreement(
            _conflict_note(others), tuple(SourceLink(o.source, o.url) for o in others)
        )
    return ChartValue(
        label,
        reading.value,
        Qualifier(reading.qualifier),
        text,
        conflict=conflict,
        source=SourceLink(reading.source, reading.url, reading.quote),
        **extra,
    )


def _mark(legend: Legend, reading: Reading | None, measure: str) -> str:
    if reading is None:
        return ""
    return legend.mark(reading.period, measure, reading.period_end, reading.period_end_from)


def ranking_chart(ranking: Ranking, units: Units | None = None, lang: str = "zh") -> Chart:
    """The ranking as bars, for `--chart` and the SVG and HTML renderers; a figure whose period
    is not the ranking's year is marked, and the chart's legend says what its period is."""
    legend = Legend(lang, ranking.year)
    figures = tuple(
        _figure(
            r.name,
            r.reading,
            r.others,
            shown(r.reading, ranking.unit, ranking.kind, units) if r.reading else "",
            rank=r.rank,
            share=None if r.share is None else f"{r.share:g}%",
            mark=_mark(legend, r.reading, ranking.measure),
        )
        for r in ranking.regions
    )
    title = f"{ranking.indicator_name} {ranking.year or ''}".strip()
    return Chart(title, figures, unit=ranking.unit, legend=tuple(legend.lines()))


def ranking_view(ranking: Ranking, units: Units | None = None, lang: str = "zh") -> Result:
    """`pingan rank`: rank, region, value as written, share of the parent's total, and a bar.

    A figure whose period is not the ranking's year is marked, with a legend under the table.
    """
    legend = Legend(lang, ranking.year)
    periods = {r.reading.period for r in ranking.regions if r.reading}
    rows = []
    for entry in ranking.regions:
        reading = entry.reading
        mark = _mark(legend, reading, ranking.measure)
        rows.append(
            {
                "rank": "" if entry.rank is None else str(entry.rank),
                "name": cell(entry.name),
                "value": cell(
                    shown(reading, ranking.unit, ranking.kind, units) + (f" {mark}" if mark else "")
                )
                if reading
                else NOT_REPORTED,
                "share": "" if entry.share is None else f"{entry.share:g}%",
                "period": cell(reading.period) if reading else "",
                "note": "*" if entry.conflict else "",
            }
        )
    columns = [
        Column("rank", "rank", numeric=True),
        Column("name", "region"),
        Column("value", "value", numeric=True, styles=((NOT_REPORTED, "dim"),)),
        Column("share", "share", numeric=True),
        Column("bar", ""),
    ]
    if len(periods) > 1:
        columns.append(Column("period", "period"))
    if any(r.conflict for r in ranking.regions):
        columns.append(Column("note", ""))
    values = tuple(r.reading.value if r.reading else None for r in ranking.regions)
    title = (
        f"{ranking.indicator_name} ({ranking.unit}), {ranking.level}, {ranking.year or 'no year'}"
    )
    tables = [Table(cell(title), columns, rows, bars=values), *legend.tables()]
    conflicts = [r for r in ranking.regions if r.conflict]
    if conflicts:
        tables.append(
            Table(
                "* sources disagree",
                [Column("name", "region"), Column("note", "figures", breaks=Breaks.words)],
                [{"name": cell(r.name), "note": cell(_conflict_note(r.others))} for r in conflicts],
            )
        )
    data = ranking.as_dict()
    records = [ranked_row(ranking, row) for row in data["regions"]]
    took = legend.took_in()
    return Result(
        data=data,
        tables=tables,
        records=records,
        empty_note=None if ranking.regions else f"no {ranking.level} regions",
        notes=(took,) if took else (),
    )


def ranked_row(ranking: Ranking, row: dict[str, Any]) -> dict[str, Any]:
    """A region's place as a CSV row that reads alone: with the indicator, year and unit."""
    ranked = {key: row[key] for key in ("rank", "region", "name")}
    about = {
        "indicator": ranking.indicator,
        "indicator_name": ranking.indicator_name,
        "year": ranking.year,
    }
    rest = {key: value for key, value in row.items() if key not in ranked}
    value = {"period": rest.pop("period"), "value": rest.pop("value"), "unit": ranking.unit}
    return {**ranked, **about, **value, **rest}


def trend_row(trend: Trend, row: dict[str, Any]) -> dict[str, Any]:
    """A trend's period as a CSV row that reads alone: the unit after the value."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        out[key] = value
        if key == "value":
            out["unit"] = trend.unit
    return out


def trend_charts(
    trends: list[Trend], units: Units | None = None, lang: str = "en", listed: bool = True
) -> list[Chart]:
    """Each indicator's periods as bars, for `--chart` and the SVG and HTML renderers; a stock
    or a period open to the report is marked, and the chart's legend says where it ends."""
    charts = []
    for t in trends:
        legend = Legend(lang)
        figures = tuple(
            _figure(
                p.reading.period,
                p.reading,
                p.others,
                shown(p.reading, t.unit, t.kind, units),
                mark=_mark(legend, p.reading, t.measure),
            )
            for p in t.points
        )
        charts.append(
            Chart(
                f"{t.region_name} · {t.indicator_name}",
                figures,
                unit=t.unit,
                note="; ".join(disagreements(t, lang, listed)) or None,
                legend=tuple(legend.lines()),
            )
        )
    return charts


def reported_text(said: ReportedChange, lang: str = "en") -> str:
    """A change the source reported, signed and in its measure: +1.52 pp, -32.77%."""
    return change(said.reading.value, said.kind, Qualifier(said.reading.qualifier), lang=lang)


def disagreements(t: Trend, lang: str = "en", listed: bool = True) -> list[str]:
    """Where the change computed from the levels is not the change the source reported; listed
    says where the list of every disagreement is (the report has its own notes instead)."""
    notes = []
    previous: TrendPoint | None = None
    for point in t.points:
        for said in point.reported:
            if said.disagrees and said.computed is not None and previous is not None:
                computed = change(said.computed, said.kind, lang=lang)
                before, after = previous.reading, point.reading
                source, reported = said.reading.source, reported_text(said, lang)
                notes.append(
                    f"{after.period}：由{before.display}（{before.period}）和{after.display}"
                    f"（{after.period}）算得{computed}；{source}报告{reported}"
                    + (f"（{LISTED['zh']}）" if listed else "")
                    if lang == "zh"
                    else f"{after.period}: {computed} computed from {before.display} "
                    f"({before.period}) and {after.display} ({after.period}); "
                    f"{source} reports {reported}" + (f" ({LISTED['en']})" if listed else "")
                )
        if point.calendar_year:
            previous = point
    return notes


def trend_view(trends: list[Trend], lang: str = "zh", units: Units | None = None) -> Result:
    """`pingan trend`: per indicator, each period's value, the change from the year before."""
    tables = []
    for t in trends:
        legend = Legend(lang)
        values = [p.reading.value for p in t.points]
        rows = []
        for point in t.points:
            mark = _mark(legend, point.reading, t.measure)
            changed = (
                change(point.change, point.change_kind, lang=lang)
                if point.change is not None and point.change_kind is not None
                else ""
            )
            rows.append(
                {
                    "period": cell(point.reading.period),
                    "value": cell(
                        shown(point.reading, t.unit, t.kind, units) + (f" {mark}" if mark else "")
                    ),
                    "change": changed,
                    "reported": " / ".join(
                        cell(reported_text(r, lang)) + (f" {DISAGREES}" if r.disagrees else "")
                        for r in point.reported
                    ),
                    "note": "*" if point.conflict else "",
                }
            )
        columns = [
            Column("period", "period"),
            Column("value", "value", numeric=True),
            Column("change", "change", numeric=True),
        ]
        if any(p.reported for p in t.points):
            columns.append(Column("reported", "reported change", numeric=True))
        if t.kind == "level":  # a change is signed and says how much, not how many
            columns.append(Column("bar", ""))
        if any(p.conflict for p in t.points):
            columns.append(Column("note", ""))
        title = f"{t.region_name} · {t.indicator_name} ({t.unit})"
        level = t.kind == "level"  # a change is signed and says how much, not how many
        tables.append(
            Table(
                cell(title),
                columns,
                rows,
                bars=tuple(values) if level else (),
                sparkline=tuple(values) if level and len(values) > 1 else (),
            )
        )
        tables.extend(legend.tables())
        spans = [p.reading.period for p in t.points if not p.calendar_year]
        if t.measure == "stock" and len(t.points) > 1:
            tables.append(
                Table(
                    None,
                    [Column("note", "note", breaks=Breaks.words)],
                    [{"note": STOCK_CHANGES}],
                    show_header=False,
                )
            )
        elif spans and t.kind == "level":
            tables.append(
                Table(
                    None,
                    [Column("note", "note", breaks=Breaks.words)],
                    [{"note": cell(f"{NOT_CALENDAR}: " + ", ".join(spans))}],
                    show_header=False,
                )
            )
        notes = disagreements(t, lang)
        if notes:
            tables.append(
                Table(
                    f"{DISAGREES} the change computed from the levels is not the one reported",
                    [Column("note", "", breaks=Breaks.words)],
                    [{"note": cell(n)} for n in notes],
                    show_header=False,
                )
            )
    data = [t.as_dict() for t in trends]
    records = [trend_row(t, row) for t in trends for row in t.rows()]
    return Result(
        data=data, tables=tables, records=records, empty_note="no figures for this region"
    )
