"""Turn records into Results: the JSON contract, tables for people, flat records for CSV."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..records.figures import FIGURE_FIELDS
from ..result import Breaks, Column, Result, Table, cell

if TYPE_CHECKING:
    from ..records import (
        Comparison,
        Conflict,
        Designation,
        Entry,
        Figure,
        FigureCount,
        Named,
        OtherFigure,
        Record,
        Region,
        RegionProfile,
        SearchHit,
        Source,
        Total,
    )

NOT_REPORTED = "not reported"
# After a figure in a table: another source gives a different figure for the same cell
# (`pingan conflicts` lists both; JSON and CSV carry them as conflicts_with).
CONFLICT_MARK = "†"
CONFLICT_NOTE = (
    f"{CONFLICT_MARK}: another source gives a different figure for the same region, indicator "
    "and period (both are kept): see `pingan conflicts`"
)


def conflict_notes(conflicted: bool) -> tuple[str, ...]:
    """The note explaining † wherever a figure carries it."""
    return (CONFLICT_NOTE,) if conflicted else ()


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
    Column("region_name", "region", breaks=Breaks.name),
    Column("indicator_name", "indicator", breaks=Breaks.words),
    Column("period", "period"),
    Column("display", "value", numeric=True),
    Column("qualifier", "qualifier"),
]


def marked(display: str, conflicts: Sequence[OtherFigure]) -> str:
    """A figure as a table shows it: with † when another source gives a different figure."""
    return f"{display} {CONFLICT_MARK}" if conflicts else display


def honour_text(status: str, within: Sequence[Named]) -> str:
    """An honour's status for a region, then the units inside it that hold it."""
    if not within:
        return status
    return f"{status} · " + ", ".join(f"{unit.name} yes" for unit in within)


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
    shown = [
        {**row, "display": marked(f.display, f.conflicts_with)}
        for f, row in zip(figures, public, strict=True)
    ]
    return Result(
        data=public,
        tables=[Table(None, OBSERVATION_COLUMNS, _text_rows(shown, OBSERVATION_COLUMNS))],
        records=public,
        empty_note="no figures match",
        record_keys=FIGURE_FIELDS,
        notes=conflict_notes(any(f.conflicts_with for f in figures)),
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
        tables=[Table(None, SOURCE_COLUMNS, _text_rows(shown, SOURCE_COLUMNS))],
        records=public,
        empty_note="no sources match",
    )


def conflicts_view(rows: Sequence[Conflict]) -> Result:
    """`pingan conflicts`: both figures, both sources, both quotes."""
    from ..records.tallies import Conflict

    public = [r.as_dict() for r in rows]
    return Result(
        data=public,
        tables=[Table(None, CONFLICT_COLUMNS, _text_rows(rows, CONFLICT_COLUMNS))],
        records=public,
        empty_note="no two sources give different figures for one region, indicator and period",
        record_keys=Conflict._fields,
    )


PRACTICE_COLUMNS = [
    Column("name", "name", breaks=Breaks.words),
    Column("kind", "kind"),
    Column("region_name", "unit", breaks=Breaks.name),
    Column("since", "since"),
]
PROFILE_SOURCE_COLUMNS = [
    Column("id", "id"),
    Column("title", "title", breaks=Breaks.words),
    Column("url", "url", breaks=Breaks.url),
]
SEARCH_COLUMNS = [
    Column("kind", "kind"),
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.words),
    Column("matched", "matched", breaks=Breaks.words),
]
# Fields a hit's name is shown from: naming the field is enough, the name shows the match.
_NAME_FIELDS = {"id", "name_zh", "name_en", "title_zh", "title_en"}
PRACTICE_CATALOGUE_COLUMNS = [
    Column("id", "id"),
    Column("name", "name", breaks=Breaks.words),
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
                    Column("status", "status", breaks=Breaks.figures, styles=STATUS_STYLES),
                ],
                [
                    {
                        "title": cell(d.title),
                        "year": cell(d.year),
                        "status": honour_text(
                            "n/a"
                            if not d.applies
                            else PARTIAL
                            if d.status is None and not d.complete
                            else STATUS_TEXT[d.status],
                            d.within,
                        ),
                    }
                    for d in profile.designations
                ],
            )
        )
    by_category: dict[str, list[Figure]] = {}
    for figure in profile.figures:
        by_category.setdefault(figure.category, []).append(figure)
    columns = [
        Column("unit_label", "unit", breaks=Breaks.name),
        Column("indicator_name", "indicator", breaks=Breaks.words),
        Column("period", "period"),
        Column("display", "value", numeric=True),
        Column("qualifier", "qualifier"),
        Column("source", "source"),
    ]
    for category, figures in by_category.items():
        shown = [
            {
                "unit_label": f.region_name,
                "indicator_name": f.indicator_name,
                "period": f.period,
                "display": marked(f.display, f.conflicts_with),
                "qualifier": f.qualifier,
                "source": f.source,
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
    return Result(
        data=data,
        tables=tables,
        records=data["observations"],
        notes=conflict_notes(any(f.conflicts_with for f in profile.figures)),
    )


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
)


def compare_view(comparison: Comparison, transpose: bool = False) -> Result:
    """`pingan compare`: a row per region, or (transposed) a row per honour and figure.

    CSV is long: a row per region and honour, and per region and figure (each with its value,
    qualifier and display), so that nothing the JSON holds is lost.
    """
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
                    marked(f.display, f.conflicts_with)
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
    return Result(
        data=comparison.as_dict(),
        tables=[Table(heading, columns, table_rows)],
        records=records,
        empty_note=f"no honours or figures to compare{when}",
        record_keys=COMPARE_RECORD_KEYS,
        notes=tuple(notes),
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
        tables=[Table(None, SEARCH_COLUMNS, _text_rows(shown, SEARCH_COLUMNS))],
        records=public,
        empty_note="no entries match",
    )


def counts_view(counts: Sequence[FigureCount], field: str) -> Result:
    """`pingan list --count-by FIELD`: a row per value of the field, with how many figures."""
    columns = [
        Column("value", field),
        Column("name", "name", breaks=Breaks.name),
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
        Column("region_name", "region", breaks=Breaks.name),
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
                [Column("field", "field"), Column("value", "value", breaks=Breaks.items)],
                [{"field": k, "value": cell(v)} for k, v in facts],
                show_header=False,
            ),
            Table("figures added", part_columns, _text_rows(total.parts, part_columns)),
        ],
        records=[record],
    )
