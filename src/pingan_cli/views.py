"""Turn records into Results: the JSON contract, tables for people, flat records for CSV."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .output import Breaks, Column, Result, Table, cell
from .records import (
    FIGURE_FIELDS,
    Comparison,
    Designation,
    Figure,
    Record,
    Region,
    RegionProfile,
)

NOT_REPORTED = "not reported"
STATUS_TEXT = {True: "yes", False: "no", None: "unknown"}
PARTIAL = "unknown (partial list)"
# How honours and gaps look where colour is shown.
STATUS_STYLES = (
    ("yes", "bold green"),
    ("no", "red"),
    ("unknown", "yellow"),
    (PARTIAL, "yellow"),
    ("n/a", "dim"),
    (NOT_REPORTED, "dim"),
)

# The figure as written carries its unit (5.2万余户), and an indicator's category is in
# `pingan indicators`; JSON and CSV keep both. Without them a 100-column terminal shows a table.
OBSERVATION_COLUMNS = [
    Column("region_name", "region"),
    Column("indicator_name", "indicator", breaks=Breaks.words),
    Column("period", "period"),
    Column("display", "value", numeric=True),
    Column("qualifier", "qualifier"),
]


def _text_rows(rows: Sequence[Any], columns: list[Column]) -> list[dict[str, str]]:
    """Table cells of records (or of dicts), one text per column."""
    return [
        {
            c.key: cell(row.get(c.key) if isinstance(row, dict) else getattr(row, c.key))
            for c in columns
        }
        for row in rows
    ]


def observations_view(figures: Sequence[Figure]) -> Result:
    """`pingan list`."""
    public = [f.as_dict() for f in figures]
    return Result(
        data=public,
        tables=[Table(None, OBSERVATION_COLUMNS, _text_rows(figures, OBSERVATION_COLUMNS))],
        records=public,
        empty_note="no figures match",
        record_keys=FIGURE_FIELDS,
    )


def catalogue_view(rows: Sequence[Record], columns: list[Column], what: str) -> Result:
    """`pingan regions`, `indicators`, `sources`, `search`."""
    public = [r.as_dict() for r in rows]
    return Result(
        data=public,
        tables=[Table(None, columns, _text_rows(rows, columns))],
        records=public,
        empty_note=f"no {what} match",
    )


REGION_COLUMNS = [
    Column("id", "id"),
    Column("name", "name"),
    Column("level", "level"),
    Column("parent_name", "parent"),
    Column("code", "code"),
]


def regions_view(regions: Sequence[Region], names: Mapping[str, str]) -> Result:
    """`pingan regions`: the table names each parent (names holds every region's name by id);
    JSON and CSV give its id."""
    public = [r.as_dict() for r in regions]
    shown = [
        {**row, "parent_name": names.get(r.parent, r.parent) if r.parent else None}
        for r, row in zip(regions, public, strict=True)
    ]
    return Result(
        data=public,
        tables=[Table(None, REGION_COLUMNS, _text_rows(shown, REGION_COLUMNS))],
        records=public,
        empty_note="no regions match",
    )


INDICATOR_COLUMNS = [
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.words),
    Column("unit", "unit"),
    Column("category", "category"),
    Column("kind", "kind"),
    Column("figures", "figures", numeric=True),
    Column("related", "not comparable with", breaks=Breaks.items),
]
SOURCE_COLUMNS = [
    Column("id", "id"),
    Column("title", "title", breaks=Breaks.words),
    Column("publisher", "publisher", breaks=Breaks.words),
    Column("standing", "standing"),
    Column("authors", "authors", breaks=Breaks.items),
    Column("figures", "figures", numeric=True),
    Column("url", "url"),
]
PRACTICE_COLUMNS = [
    Column("name", "name", breaks=Breaks.words),
    Column("kind", "kind"),
    Column("region_name", "unit"),
    Column("since", "since"),
]
PROFILE_SOURCE_COLUMNS = [
    Column("id", "id"),
    Column("title", "title", breaks=Breaks.words),
    Column("url", "url"),
]
SEARCH_COLUMNS = [
    Column("kind", "kind"),
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.words),
]


def designations_view(rows: Sequence[Designation]) -> Result:
    """`pingan designations`."""
    columns = [
        Column("title", "title", breaks=Breaks.words),
        Column("year", "year"),
        Column("recipients_text", "recipients", breaks=Breaks.items),
        Column("total_text", "total"),
        Column("list_text", "list"),
        Column("conferred_on", "conferred"),
    ]
    shown = [
        {
            "title": row.title,
            "year": row.year,
            "recipients_text": ", ".join(row.recipient_names),
            "total_text": str(row.total) if row.total is not None else "",
            "list_text": "complete" if row.complete else "partial",
            "conferred_on": row.conferred_on,
        }
        for row in rows
    ]
    return Result(
        data=[r.as_dict() for r in rows],
        tables=[Table(None, columns, _text_rows(shown, columns))],
        records=[r.without_names() for r in rows],
        empty_note="no designations match",
    )


def profile_view(profile: RegionProfile) -> Result:
    """`pingan show REGION`."""
    region = profile.region
    tables = []
    facts = [
        ("id", region.id),
        ("name", f"{region.name_zh} / {region.name_en}"),
        ("aliases", ", ".join(region.aliases)),
        ("level", region.level),
        ("code", region.code or ""),
        ("parent", profile.parent_name or ""),
        ("children", ", ".join(c.name for c in profile.children)),
    ]
    tables.append(
        Table(
            f"{region.name} ({region.id})",
            [Column("field", "field"), Column("value", "value", breaks=Breaks.items)],
            [{"field": k, "value": cell(v)} for k, v in facts],
            show_header=False,
        )
    )
    if profile.designations:
        tables.append(
            Table(
                "designations",
                [
                    Column("title", "title", breaks=Breaks.words),
                    Column("year", "year"),
                    Column("status", "status", styles=STATUS_STYLES),
                ],
                [
                    {
                        "title": cell(d.title),
                        "year": cell(d.year),
                        "status": PARTIAL
                        if d.status is None and not d.complete
                        else STATUS_TEXT[d.status],
                    }
                    for d in profile.designations
                ],
            )
        )
    by_category: dict[str, list[Figure]] = {}
    for figure in profile.figures:
        by_category.setdefault(figure.category, []).append(figure)
    columns = [
        Column("unit_label", "unit"),
        Column("indicator_name", "indicator", breaks=Breaks.words),
        Column("period", "period"),
        Column("display", "value", numeric=True),
        Column("qualifier", "qualifier"),
    ]
    for category, figures in by_category.items():
        shown = [
            {
                "unit_label": f.region_name if f.region != region.id else "·",
                "indicator_name": f.indicator_name,
                "period": f.period,
                "display": f.display,
                "qualifier": f.qualifier,
            }
            for f in figures
        ]
        tables.append(Table(f"figures: {category}", columns, _text_rows(shown, columns)))
    if profile.practices:
        tables.append(
            Table(
                "practices and reforms",
                PRACTICE_COLUMNS,
                _text_rows(profile.practices, PRACTICE_COLUMNS),
            )
        )
    if profile.sources:
        tables.append(
            Table(
                "sources",
                PROFILE_SOURCE_COLUMNS,
                _text_rows(profile.sources, PROFILE_SOURCE_COLUMNS),
            )
        )
    data = profile.as_dict()
    return Result(data=data, tables=tables, records=data["observations"])


def compare_view(comparison: Comparison, transpose: bool = False) -> Result:
    """`pingan compare`: a row per region, or (transposed) a row per honour and figure."""
    fields: list[tuple[str, str, bool]] = [
        (f"d:{title}", title, False) for title in comparison.designations
    ]
    fields += [(f"i:{i.id}", i.name, True) for i in comparison.indicators]
    rows = []
    records = []
    for entry in comparison.rows:
        row = {"name": cell(entry.name)}
        record: dict[str, Any] = {"region": entry.region, "name": entry.name}
        for title in comparison.designations:
            known = title in entry.designations
            text = STATUS_TEXT[entry.designations[title]] if known else "n/a"
            row[f"d:{title}"] = text
            record[title] = text
        for indicator in comparison.indicators:
            figure = entry.indicators[indicator.id]
            text = NOT_REPORTED if figure is None else figure.display
            if figure is not None and figure.alternatives:
                text += " / " + " / ".join(a.display for a in figure.alternatives)
            row[f"i:{indicator.id}"] = cell(text)
            record[indicator.id] = None if figure is None else figure.value
        rows.append(row)
        records.append(record)
    if transpose:
        columns = [Column("field", "", breaks=Breaks.words)]
        columns += [
            Column(
                e.region,
                e.name,
                numeric=True,
                header_breaks=Breaks.never,
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
        columns = [Column("name", "region")]
        columns += [
            Column(key, header, numeric=numeric, styles=STATUS_STYLES)
            for key, header, numeric in fields
        ]
        table_rows = rows
    heading = f"{comparison.year}" if comparison.year is not None else None
    return Result(
        data=comparison.as_dict(), tables=[Table(heading, columns, table_rows)], records=records
    )
