"""Turn query answers into Results: the JSON contract, tables for people, flat records for CSV."""

from __future__ import annotations

from typing import Any

from .output import Breaks, Column, Result, Table, cell
from .queries import Row

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
    Column("indicator_name", "indicator", breaks=Breaks.words),
    Column("period", "period"),
    Column("display", "value", numeric=True),
    Column("qualifier", "qualifier"),
    Column("unit", "unit"),
    Column("category", "category"),
]


PUBLIC_KEYS = (
    "region",
    "region_name",
    "indicator",
    "indicator_name",
    "category",
    "kind",
    "period",
    "value",
    "unit",
    "qualifier",
    "display",
    "source",
    "quote",
    "note",
)


def _public(observation: Row) -> Row:
    """An observation as the JSON contract gives it."""
    return {key: observation[key] for key in PUBLIC_KEYS}


def _text_rows(rows: list[Row], columns: list[Column]) -> list[dict[str, str]]:
    return [{c.key: cell(row.get(c.key)) for c in columns} for row in rows]


def observations_view(rows: list[Row]) -> Result:
    """`pingan list`."""
    public = [_public(r) for r in rows]
    return Result(
        data=public,
        tables=[Table(None, OBSERVATION_COLUMNS, _text_rows(rows, OBSERVATION_COLUMNS))],
        records=public,
        empty_note="no figures match",
        record_keys=PUBLIC_KEYS,
    )


def catalogue_view(rows: list[Row], columns: list[Column], what: str) -> Result:
    """`pingan regions`, `indicators`, `sources`, `designations`, `search`."""
    return Result(
        data=rows,
        tables=[Table(None, columns, _text_rows(rows, columns))],
        records=rows,
        empty_note=f"no {what} match",
    )


REGION_COLUMNS = [
    Column("id", "id"),
    Column("name", "name"),
    Column("level", "level"),
    Column("parent", "parent"),
    Column("code", "code"),
]
INDICATOR_COLUMNS = [
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.words),
    Column("unit", "unit"),
    Column("category", "category"),
    Column("kind", "kind"),
    Column("figures", "figures", numeric=True),
]
SOURCE_COLUMNS = [
    Column("id", "id"),
    Column("title", "title", breaks=Breaks.words),
    Column("publisher", "publisher", breaks=Breaks.words),
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


def designations_view(rows: list[Row]) -> Result:
    """`pingan designations`."""
    columns = [
        Column("title", "title", breaks=Breaks.words),
        Column("year", "year"),
        Column("recipients_text", "recipients", breaks=Breaks.items),
        Column("total_text", "total"),
        Column("list_text", "list"),
        Column("conferred_on", "conferred"),
    ]
    shown = []
    for row in rows:
        named = ", ".join(row["recipient_names"])
        shown.append(
            {
                **row,
                "recipients_text": named,
                "total_text": str(row["total"]) if row["total"] is not None else "",
                "list_text": "complete" if row["complete"] else "partial",
            }
        )
    return Result(
        data=rows,
        tables=[Table(None, columns, _text_rows(shown, columns))],
        records=[{k: v for k, v in r.items() if k != "recipient_names"} for r in rows],
        empty_note="no designations match",
    )


def profile_view(profile: Row) -> Result:
    """`pingan show REGION`."""
    region = profile["region"]
    tables = []
    facts = [
        ("id", region["id"]),
        ("name", f"{region['name_zh']} / {region['name_en']}"),
        ("aliases", ", ".join(region["aliases"])),
        ("level", region["level"]),
        ("code", region["code"] or ""),
        ("parent", region["parent_name"] or ""),
        ("children", ", ".join(c["name"] for c in region["children"])),
    ]
    tables.append(
        Table(
            f"{region['name']} ({region['id']})",
            [Column("field", "field"), Column("value", "value", breaks=Breaks.items)],
            [{"field": k, "value": cell(v)} for k, v in facts],
            show_header=False,
        )
    )
    if profile["designations"]:
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
                        "title": cell(d["title"]),
                        "year": cell(d["year"]),
                        "status": PARTIAL
                        if d["status"] is None and not d["complete"]
                        else STATUS_TEXT[d["status"]],
                    }
                    for d in profile["designations"]
                ],
            )
        )
    by_category: dict[str, list[Row]] = {}
    for obs in profile["observations"]:
        by_category.setdefault(obs["category"], []).append(obs)
    columns = [
        Column("unit_label", "unit"),
        Column("indicator_name", "indicator", breaks=Breaks.words),
        Column("period", "period"),
        Column("display", "value", numeric=True),
        Column("qualifier", "qualifier"),
    ]
    for category, rows in by_category.items():
        shown = [
            {**r, "unit_label": r["region_name"] if r["region"] != region["id"] else "·"}
            for r in rows
        ]
        tables.append(Table(f"figures: {category}", columns, _text_rows(shown, columns)))
    if profile["practices"]:
        tables.append(
            Table(
                "practices and reforms",
                PRACTICE_COLUMNS,
                _text_rows(profile["practices"], PRACTICE_COLUMNS),
            )
        )
    if profile["sources"]:
        tables.append(
            Table(
                "sources",
                PROFILE_SOURCE_COLUMNS,
                _text_rows(profile["sources"], PROFILE_SOURCE_COLUMNS),
            )
        )
    data = {
        **region,
        "observations": [_public(o) for o in profile["observations"]],
        "designations": profile["designations"],
        "practices": profile["practices"],
        "sources": profile["sources"],
    }
    return Result(data=data, tables=tables, records=data["observations"])


def compare_view(comparison: Row, transpose: bool = False) -> Result:
    """`pingan compare`: a row per region, or (transposed) a row per honour and figure."""
    fields: list[tuple[str, str, bool]] = [
        (f"d:{title}", title, False) for title in comparison["designations"]
    ]
    fields += [(f"i:{i['id']}", i["name"], True) for i in comparison["indicators"]]
    rows = []
    records = []
    for entry in comparison["regions"]:
        row = {"name": cell(entry["name"])}
        record: dict[str, Any] = {"region": entry["region"], "name": entry["name"]}
        for title in comparison["designations"]:
            if title in entry["designations"]:
                text = STATUS_TEXT[entry["designations"][title]]
            else:
                text = "n/a"
            row[f"d:{title}"] = text
            record[title] = text
        for indicator in comparison["indicators"]:
            figure = entry["indicators"][indicator["id"]]
            text = NOT_REPORTED if figure is None else figure["display"]
            if figure is not None and "alternatives" in figure:
                text += " / " + " / ".join(a["display"] for a in figure["alternatives"])
            row[f"i:{indicator['id']}"] = cell(text)
            record[indicator["id"]] = None if figure is None else figure["value"]
        rows.append(row)
        records.append(record)
    if transpose:
        columns = [Column("field", "", breaks=Breaks.words)]
        columns += [
            Column(
                e["region"],
                e["name"],
                numeric=True,
                header_breaks=Breaks.never,
                styles=STATUS_STYLES,
            )
            for e in comparison["regions"]
        ]
        table_rows = [
            {
                "field": cell(header),
                **{
                    e["region"]: row[key]
                    for e, row in zip(comparison["regions"], rows, strict=True)
                },
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
    data = {
        "year": comparison["year"],
        "regions": [
            {
                "region": e["region"],
                "name": e["name"],
                "designations": e["designations"],
                "indicators": e["indicators"],
            }
            for e in comparison["regions"]
        ],
    }
    title = f"{comparison['year']}" if comparison["year"] is not None else None
    return Result(data=data, tables=[Table(title, columns, table_rows)], records=records)
