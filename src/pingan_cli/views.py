"""Turn records into Results: the JSON contract, tables for people, flat records for CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .output import Column, Result, Table, cell
from .records import (
    FIGURE_FIELDS,
    Comparison,
    Designation,
    Entry,
    Figure,
    FigureCount,
    Record,
    RegionProfile,
    SearchHit,
    Total,
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

OBSERVATION_COLUMNS = [
    Column("region_name", "region"),
    Column("indicator_name", "indicator"),
    Column("period", "period"),
    Column("display", "value", numeric=True),
    Column("qualifier", "qualifier"),
    Column("unit", "unit"),
    Column("category", "category"),
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
    Column("id", "id", no_wrap=True),
    Column("name", "name"),
    Column("level", "level"),
    Column("parent", "parent"),
    Column("code", "code"),
]
INDICATOR_COLUMNS = [
    Column("id", "id", no_wrap=True),
    Column("name", "name"),
    Column("unit", "unit"),
    Column("category", "category"),
    Column("kind", "kind"),
    Column("figures", "figures", numeric=True),
    Column("related", "not comparable with"),
]
SOURCE_COLUMNS = [
    Column("id", "id", no_wrap=True),
    Column("title", "title"),
    Column("publisher", "publisher"),
    Column("standing", "standing"),
    Column("authors", "authors"),
    Column("figures", "figures", numeric=True),
    Column("url", "url"),
]
PRACTICE_COLUMNS = [
    Column("name", "name"),
    Column("kind", "kind"),
    Column("region_name", "unit"),
    Column("since", "since"),
]
PROFILE_SOURCE_COLUMNS = [
    Column("id", "id", no_wrap=True),
    Column("title", "title"),
    Column("url", "url"),
]
SEARCH_COLUMNS = [
    Column("kind", "kind"),
    Column("id", "id", no_wrap=True),
    Column("name", "name"),
    Column("matched", "matched"),
]
# Fields a hit's name is shown from: naming the field is enough, the name shows the match.
_NAME_FIELDS = {"id", "name_zh", "name_en", "title_zh", "title_en"}
PRACTICE_CATALOGUE_COLUMNS = [
    Column("id", "id", no_wrap=True),
    Column("name", "name"),
    Column("kind", "kind"),
    Column("region_name", "unit"),
    Column("since", "since"),
]


def designations_view(rows: Sequence[Designation]) -> Result:
    """`pingan designations`."""
    columns = [
        Column("title", "title"),
        Column("year", "year"),
        Column("recipients_text", "recipients"),
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
            [Column("field", "field"), Column("value", "value")],
            [{"field": k, "value": cell(v)} for k, v in facts],
            show_header=False,
        )
    )
    if profile.designations:
        tables.append(
            Table(
                "designations",
                [
                    Column("title", "title"),
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
        Column("indicator_name", "indicator"),
        Column("period", "period"),
        Column("display", "value", numeric=True),
        Column("qualifier", "qualifier"),
    ]
    for category, figures in by_category.items():
        shown = [
            {
                "unit_label": f.region_name,
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
        columns = [Column("field", "")]
        columns += [
            Column(e.region, e.name, numeric=True, styles=STATUS_STYLES) for e in comparison.rows
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
            Column(key, header, numeric=numeric, no_wrap=True, styles=STATUS_STYLES)
            for key, header, numeric in fields
        ]
        table_rows = rows
    heading = f"{comparison.year}" if comparison.year is not None else None
    if not fields:
        table_rows = []  # regions with nothing to compare: no honours, no figures
    when = f" for {comparison.year}" if comparison.year is not None else ""
    return Result(
        data=comparison.as_dict(),
        tables=[Table(heading, columns, table_rows)],
        records=records,
        empty_note=f"no honours or figures to compare{when}",
    )


def entry_view(entry: Entry) -> Result:
    """`pingan info ID`: one practice, designation or indicator, every field on its own line."""
    data = entry.as_dict()
    rows = [{"field": key, "value": cell(value)} for key, value in data.items()]
    columns = [Column("field", "field"), Column("value", "value")]
    return Result(
        data=data,
        tables=[Table(f"{entry.name} ({entry.kind} {entry.id})", columns, rows, show_header=False)],
        records=[data],
    )


def search_view(hits: Sequence[SearchHit]) -> Result:
    """`pingan search`: each hit, the field that matched and (unless the name) a snippet."""
    shown = [
        {
            "kind": h.kind,
            "id": h.id,
            "name": h.name,
            "matched": h.field
            if h.field in _NAME_FIELDS or (h.kind == "quote" and h.field == "quote")
            else f"{h.field}: {h.snippet}",
        }
        for h in hits
    ]
    public = [h.as_dict() for h in hits]
    return Result(
        data=public,
        tables=[Table(None, SEARCH_COLUMNS, _text_rows(shown, SEARCH_COLUMNS))],
        records=public,
        empty_note="no entries match",
    )


def counts_view(counts: Sequence[FigureCount], field: str) -> Result:
    """`pingan list --count-by FIELD`: a row per value of the field, with how many figures."""
    columns = [
        Column("value", field, no_wrap=True),
        Column("name", "name"),
        Column("figures", "figures", numeric=True),
    ]
    public = [c.as_dict() for c in counts]
    return Result(
        data=public,
        tables=[Table(None, columns, _text_rows(counts, columns))],
        records=public,
        empty_note="no figures match",
        record_keys=(field, "name", "figures"),
    )


QUALIFIED = {"exact": "{}", "at_least": "at least {}", "approx": "about {}"}


def total_text(total: Total) -> str:
    """The sum as words that keep its qualifier: 'at least 30 个', 'about 1.5 米'."""
    number = f"{total.value:,}"
    return QUALIFIED[total.qualifier].format(f"{number} {total.unit}")


def total_view(total: Total) -> Result:
    """`pingan sum`: the total, its qualifier in words, and the figures added."""
    facts = [
        ("indicator", f"{total.indicator_name} ({total.indicator})"),
        ("period", total.period),
        ("regions", ", ".join(total.region_names)),
        ("sum", total_text(total)),
        ("qualifier", total.qualifier),
    ]
    part_columns = [
        Column("region_name", "region"),
        Column("display", "value", numeric=True),
        Column("qualifier", "qualifier"),
        Column("source", "source"),
    ]
    data = total.as_dict()
    record = {k: v for k, v in data.items() if k != "parts"}
    return Result(
        data=data,
        tables=[
            Table(
                f"sum of {total.indicator_name}",
                [Column("field", "field"), Column("value", "value")],
                [{"field": k, "value": cell(v)} for k, v in facts],
                show_header=False,
            ),
            Table("figures added", part_columns, _text_rows(total.parts, part_columns)),
        ],
        records=[record],
    )
