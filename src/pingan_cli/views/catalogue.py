"""The catalogues as Results: regions, indicators, sources, conflicts, honours, practices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..result import Breaks, Column, Result, Table, cell
from .marks import text_rows

if TYPE_CHECKING:
    from ..records import (
        ArithmeticConflict,
        Conflict,
        Designation,
        Entry,
        Record,
        Region,
        SearchHit,
        Source,
    )


def catalogue_view(rows: Sequence[Record], columns: list[Column], what: str) -> Result:
    """`pingan regions`, `indicators`, `sources`, `search`."""
    public = [r.as_dict() for r in rows]
    return Result(
        data=public,
        tables=[Table(None, columns, text_rows(rows, columns))],
        records=public,
        empty_note=f"no {what} match",
    )


REGION_COLUMNS = [
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.name),
    Column("level", "level"),
    Column("parent_name", "parent", breaks=Breaks.name),
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
        tables=[Table(None, REGION_COLUMNS, text_rows(shown, REGION_COLUMNS))],
        records=public,
        empty_note="no regions match",
    )


INDICATOR_COLUMNS = [
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.words),
    Column("unit", "unit"),
    Column("category", "category"),
    Column("kind", "kind"),
    Column("measure", "measure"),
    Column("figures", "figures", numeric=True),
    Column("related_names", "related, not the same measure", breaks=Breaks.items),
]


SOURCE_COLUMNS = [
    Column("id", "id"),
    Column("title", "title", breaks=Breaks.words),
    Column("publisher", "publisher", breaks=Breaks.words),
    Column("standing", "standing", breaks=Breaks.name),
    Column("authors", "authors", breaks=Breaks.items),
    Column("figures", "figures", numeric=True),
    Column("url", "url", breaks=Breaks.url),
]


CONFLICT_COLUMNS = [
    Column("region_name", "region", breaks=Breaks.name),
    Column("indicator_name", "indicator", breaks=Breaks.words),
    Column("period", "period"),
    Column("display", "value", numeric=True),
    Column("source", "source"),
    Column("quote", "quote", breaks=Breaks.words),
    Column("other_display", "other value", numeric=True),
    Column("other_source", "other source"),
    Column("other_quote", "other quote", breaks=Breaks.words),
]


def standing_text(source: Source) -> str:
    """A source's standing, and for a copy the body and date of the original: republished
    (渭南日报, 2023-01-17)."""
    original = ", ".join(
        part for part in (source.original_publisher, source.original_published) if part
    )
    standing = source.standing or ""
    return f"{standing} ({original})" if original else standing


def sources_view(rows: Sequence[Source]) -> Result:
    """`pingan sources`: each page with its standing and, for a copy, the original body and date."""
    shown = [{**row.as_dict(), "standing": standing_text(row)} for row in rows]
    public = [r.as_dict() for r in rows]
    return Result(
        data=public,
        tables=[Table(None, SOURCE_COLUMNS, text_rows(shown, SOURCE_COLUMNS))],
        records=public,
        empty_note="no sources match",
    )


ARITHMETIC_COLUMNS = [
    Column("region_name", "region", breaks=Breaks.name),
    Column("indicator_name", "indicator", breaks=Breaks.words),
    Column("period", "period"),
    Column("computed_display", "computed", numeric=True),
    Column("explanation", "what disagrees", breaks=Breaks.words),
    Column("quotes", "quotes", breaks=Breaks.words),
]


def conflicts_view(
    rows: Sequence[Conflict], arithmetic: Sequence[ArithmeticConflict] = ()
) -> Result:
    """`pingan conflicts`: two sources stating different values (both values, sources, quotes),
    then stated figures that disagree by arithmetic (what was computed, every quote)."""
    from ..records.tallies import ArithmeticConflict, Conflict

    public = [*(r.as_dict() for r in rows), *(a.as_dict() for a in arithmetic)]
    tables = []
    if rows or not arithmetic:
        title = "two sources, two values" if arithmetic else None
        tables.append(Table(title, CONFLICT_COLUMNS, text_rows(rows, CONFLICT_COLUMNS)))
    if arithmetic:
        shown = [
            {
                "region_name": a.region_name,
                "indicator_name": a.indicator_name,
                "period": a.period,
                "computed_display": a.computed_display,
                "explanation": a.explanation,
                "quotes": "; ".join(
                    f"{f.source}: {f.quote}" for f in (a.stated, *a.figures) if f.quote
                ),
            }
            for a in arithmetic
        ]
        tables.append(
            Table(
                "stated figures that disagree by arithmetic (computed here, never stored)",
                ARITHMETIC_COLUMNS,
                text_rows(shown, ARITHMETIC_COLUMNS),
            )
        )
    return Result(
        data=public,
        tables=tables,
        records=public,
        empty_note="no two sources give different figures for one region, indicator and period, "
        "and no stated figures disagree by arithmetic",
        record_keys=tuple(
            dict.fromkeys(
                (*Conflict._fields, *(f for f in ArithmeticConflict._fields if f != "stated_id"))
            )
        ),
    )


PRACTICE_COLUMNS = [
    Column("name", "name", breaks=Breaks.name),
    Column("kind", "kind"),
    Column("region_name", "unit", breaks=Breaks.name),
    Column("since", "since"),
]


SEARCH_COLUMNS = [
    Column("kind", "kind"),
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.name),
    Column("matched", "matched", breaks=Breaks.words),
]


# Fields a hit's name is shown from: naming the field is enough, the name shows the match.
_NAME_FIELDS = {"id", "name_zh", "name_en", "title_zh", "title_en"}


PRACTICE_CATALOGUE_COLUMNS = [
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.name),
    Column("kind", "kind"),
    Column("region_name", "unit", breaks=Breaks.name),
    Column("since", "since"),
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
        tables=[Table(None, columns, text_rows(shown, columns))],
        records=[r.without_names() for r in rows],
        empty_note="no designations match",
    )


def entry_view(entry: Entry) -> Result:
    """`pingan info ID`: one practice, designation or indicator, every field on its own line."""
    data = entry.as_dict()
    rows = [{"field": key, "value": cell(value)} for key, value in data.items()]
    columns = [Column("field", "field"), Column("value", "value", breaks=Breaks.words)]
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
        tables=[Table(None, SEARCH_COLUMNS, text_rows(shown, SEARCH_COLUMNS))],
        records=public,
        empty_note="no entries match",
    )
