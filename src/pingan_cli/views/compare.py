"""Regions side by side as a Result: `pingan compare`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..result import Breaks, Column, Result, Table, cell
from .marks import NOT_REPORTED, STATUS_STYLES, STATUS_TEXT, conflict_notes, honour_text, marked
from .periods import Legend

if TYPE_CHECKING:
    from ..records import Comparison

COMPARE_RECORD_KEYS = (
    "region",
    "region_name",
    "kind",
    "id",
    "name",
    "year",
    "period",
    "status",
    "within",
    "value",
    "unit",
    "qualifier",
    "display",
    "source",
    "sub_unit",
    "sub_unit_name",
    "conflicts_with",
    "measure",
    "period_end",
    "period_end_from",
)


def compare_view(comparison: Comparison, transpose: bool = False, lang: str = "zh") -> Result:
    """`pingan compare`: a row per region, or (transposed) a row per honour and figure.

    A figure whose period is not the heading's year (since 2023, part of a year, a total at a
    date) is marked in its cell, [a], and the legend under the table says what its period is
    and where it ends, in the run's language (lang); with a year, a line says what --year took
    in and why, and the same goes to standard error.

    CSV is long: a row per region and honour, and per region and figure (each with its value,
    qualifier and display), so that nothing the JSON holds is lost.
    """
    legend = Legend(lang, comparison.year)
    fields: list[tuple[str, str, bool]] = [
        (f"d:{honour.id}", honour.name, False) for honour in comparison.designations
    ]
    fields += [(f"i:{i.id}", i.name, True) for i in comparison.indicators]
    rows = []
    records: list[dict[str, Any]] = []
    for entry in comparison.rows:
        row = {"name": cell(entry.name)}
        base = {"region": entry.region, "region_name": entry.name}
        for honour in comparison.designations:
            status = entry.designations.get(honour.id)
            if status is None:
                row[f"d:{honour.id}"] = "n/a"
                continue
            row[f"d:{honour.id}"] = cell(honour_text(STATUS_TEXT[status.status], status.within))
            records.append(
                {
                    **base,
                    "kind": "honour",
                    "id": honour.id,
                    "name": status.title,
                    "year": status.year,
                    "status": STATUS_TEXT[status.status],
                    "within": "; ".join(unit.name for unit in status.within),
                }
            )
        for indicator in comparison.indicators:
            figure = entry.indicators[indicator.id]
            text = NOT_REPORTED
            if figure is not None:
                text = " / ".join(
                    legend.marked(
                        marked(f.display, f.conflicts_with),
                        f.period,
                        f.measure,
                        f.period_end,
                        f.period_end_from,
                    )
                    + ("" if f.region == entry.region else f" ({f.region_name})")
                    for f in figure.figures()
                )
            row[f"i:{indicator.id}"] = cell(text)
            figure_id, _, period = indicator.id.partition("@")
            name = indicator.name.removesuffix(f" ({period})") if period else indicator.name
            about = {**base, "kind": "figure", "id": figure_id, "name": name}
            if figure is None:
                records.append(
                    {**about, "year": comparison.year, "period": period, "status": NOT_REPORTED}
                )
                continue
            for one in figure.figures():
                records.append(
                    {
                        **about,
                        "year": comparison.year,
                        "period": one.period,
                        "status": "reported",
                        "value": one.value,
                        "unit": one.unit,
                        "qualifier": one.qualifier,
                        "display": one.display,
                        "source": one.source,
                        "sub_unit": None if one.region == entry.region else one.region,
                        "sub_unit_name": None if one.region == entry.region else one.region_name,
                        "conflicts_with": [c.as_dict() for c in one.conflicts_with],
                        "measure": one.measure,
                        "period_end": one.period_end,
                        "period_end_from": one.period_end_from,
                    }
                )
        rows.append(row)
    if transpose:
        columns = [Column("field", "", breaks=Breaks.words)]
        columns += [
            Column(
                e.region,
                e.name,
                numeric=True,
                breaks=Breaks.figures,
                header_breaks=Breaks.name,
                styles=STATUS_STYLES,
            )
            for e in comparison.rows
        ]
        table_rows = [
            {
                "field": cell(header),
                **{e.region: row[key] for e, row in zip(comparison.rows, rows, strict=True)},
            }
            for key, header, _ in fields
        ]
    else:
        columns = [Column("name", "region", breaks=Breaks.name)]
        columns += [
            Column(key, header, numeric=numeric, breaks=Breaks.figures, styles=STATUS_STYLES)
            for key, header, numeric in fields
        ]
        table_rows = rows
    heading = f"{comparison.year}" if comparison.year is not None else None
    if not fields:
        table_rows = []  # regions with nothing to compare: no honours, no figures
    when = f" for {comparison.year}" if comparison.year is not None else ""
    notes = list(
        conflict_notes(
            any(
                one.conflicts_with
                for entry in comparison.rows
                for figure in entry.indicators.values()
                if figure is not None
                for one in figure.figures()
            )
        )
    )
    if comparison.single_reporter and comparison.year is not None and not transpose:
        count = comparison.single_reporter
        notes.append(
            f"{count} more indicator{'s' if count != 1 else ''} of {comparison.year} "
            f"{'are' if count != 1 else 'is'} reported by one region alone: see "
            f"`pingan list --year {comparison.year}`, or name regions to compare them"
        )
    took = legend.took_in()
    if took:
        notes.append(took)
    return Result(
        data=comparison.as_dict(),
        tables=[Table(heading, columns, table_rows), *(legend.tables() if table_rows else [])],
        records=records,
        empty_note=f"no honours or figures to compare{when}",
        record_keys=COMPARE_RECORD_KEYS,
        notes=tuple(notes),
    )
