"""Figures as a listing, counted by a field, or added up: `list`, `list --count-by`, `sum`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..records.figures import FIGURE_FIELDS
from ..result import Breaks, Column, Result, Table, cell
from .marks import conflict_notes, marked, text_rows

if TYPE_CHECKING:
    from ..records import Figure, FigureCount, Total

# The figure as written carries its unit (5.2万余户), and an indicator's category is in
# `pingan indicators`; JSON and CSV keep both. Without them a 100-column terminal shows a table.
OBSERVATION_COLUMNS = [
    Column("region_name", "region", breaks=Breaks.name),
    Column("indicator_name", "indicator", breaks=Breaks.words),
    Column("period", "period"),
    Column("display", "value", numeric=True),
    Column("qualifier", "qualifier"),
]


def observations_view(
    figures: Sequence[Figure], year: int | None = None, lang: str = "zh"
) -> Result:
    """`pingan list`; ``year`` is the one --year asked for, if one was.

    The period column gives each figure's period; a stock (a total at a date) and a period open
    to the report (since 2023) are marked too, with a legend line saying where it ends, and a line
    says what --year took in that is not the calendar year.
    """
    from .periods import Legend

    legend = Legend(lang, year)
    public = [f.as_dict() for f in figures]
    shown = [
        {
            **row,
            "display": legend.marked(
                marked(f.display, f.conflicts_with),
                f.period,
                f.measure,
                f.period_end,
                f.period_end_from,
            ),
        }
        for f, row in zip(figures, public, strict=True)
    ]
    took = legend.took_in()
    return Result(
        data=public,
        tables=[
            Table(None, OBSERVATION_COLUMNS, text_rows(shown, OBSERVATION_COLUMNS)),
            *(legend.tables() if figures else []),
        ],
        records=public,
        empty_note="no figures match",
        record_keys=FIGURE_FIELDS,
        notes=(*conflict_notes(any(f.conflicts_with for f in figures)), *([took] if took else [])),
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
        tables=[Table(None, columns, text_rows(counts, columns))],
        records=public,
        empty_note="no figures match",
        record_keys=(field, "name", "figures"),
    )


QUALIFIED = {"exact": "{}", "at_least": "at least {}", "approx": "about {}"}


def total_text(total: Total, lang: str = "zh") -> str:
    """The sum as words that keep its qualifier: 'at least 30 个', 'about 1.5 米'; in English
    the unit's English word ('at least 52,000 households', '580')."""
    from ..records.numbers import unit_in

    number = f"{total.value:,}"
    unit = unit_in(total.unit, lang)
    text = number + unit if unit == "%" else f"{number} {unit}".rstrip()
    return QUALIFIED[total.qualifier].format(text)


def total_view(total: Total, lang: str = "zh") -> Result:
    """`pingan sum`: the total, its qualifier in words, and the figures added."""
    facts = [
        ("indicator", f"{total.indicator_name} ({total.indicator})"),
        ("period", total.period),
        ("regions", ", ".join(total.region_names)),
        ("sum", total_text(total, lang)),
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
            Table("figures added", part_columns, text_rows(total.parts, part_columns)),
        ],
        records=[record],
    )
