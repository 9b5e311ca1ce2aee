"""One region's profile as a Result: `pingan show`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..result import Breaks, Column, Result, Table, cell
from .catalogue import PRACTICE_COLUMNS
from .marks import (
    PARTIAL,
    STATUS_STYLES,
    STATUS_TEXT,
    conflict_notes,
    honour_text,
    marked,
    text_rows,
)

if TYPE_CHECKING:
    from ..records import Figure, RegionProfile

PROFILE_SOURCE_COLUMNS = [
    Column("id", "id"),
    Column("title", "title", breaks=Breaks.words),
    Column("url", "url", breaks=Breaks.url),
]


def profile_view(profile: RegionProfile, lang: str = "zh") -> Result:
    """`pingan show REGION`: a stock (a total at a date) and a period open to the report (since
    2023) are marked, and the legend after the figures says where each ends."""
    from .periods import Legend

    legend = Legend(lang)
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
                "display": legend.marked(
                    marked(f.display, f.conflicts_with),
                    f.period,
                    f.measure,
                    f.period_end,
                    f.period_end_from,
                ),
                "qualifier": f.qualifier,
                "source": f.source,
            }
            for f in figures
        ]
        tables.append(Table(f"figures: {category}", columns, text_rows(shown, columns)))
    tables.extend(legend.tables())
    if profile.practices:
        tables.append(
            Table(
                "practices and reforms",
                PRACTICE_COLUMNS,
                text_rows(profile.practices, PRACTICE_COLUMNS),
            )
        )
    if profile.sources:
        tables.append(
            Table(
                "sources",
                PROFILE_SOURCE_COLUMNS,
                text_rows(profile.sources, PROFILE_SOURCE_COLUMNS),
            )
        )
    data = profile.as_dict()
    return Result(
        data=data,
        tables=tables,
        records=data["observations"],
        notes=conflict_notes(any(f.conflicts_with for f in profile.figures)),
    )
