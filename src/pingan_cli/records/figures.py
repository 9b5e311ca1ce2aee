"""Figures (observations) and the other sources' figures that conflict with them."""

import json
from typing import Any, NamedTuple

from .base import plain_dict, record_html


class OtherFigure(NamedTuple):
    """Another source's different figure for the same region, indicator and period."""

    source: str
    value: int | float
    qualifier: str
    display: str
    quote: str | None

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


def other_figures(text: str | None) -> tuple[OtherFigure, ...]:
    """Conflicting figures from the store's JSON array of them (empty when none)."""
    if not text or text == "[]":
        return ()
    return tuple(OtherFigure(**item) for item in json.loads(text))


def period_year(period: str) -> int | None:
    """The calendar year a period label is or lies within, else None."""
    if len(period) == 4 and period.isdigit():
        return int(period)
    start, dots, end = period.partition("..")
    if dots and len(start) >= 7 and len(end) >= 7 and start[:4] == end[:4] and start[:4].isdigit():
        return int(start[:4])
    return None


class Figure(NamedTuple):
    """One figure (an observation): a region's value of an indicator over a period, and its clause.

    Its fields, in order, are the JSON contract of `pingan list --format json`. ``url`` is the
    source's page; ``conflicts_with`` holds other sources' different figures for the same region,
    indicator and period (both are kept: pingan never picks one). ``measure`` is the indicator's
    (flow: counted over the period; stock: a total at its end); ``period_end`` the date the
    figure reaches (the period's own end, or for "since 2023" the date of the page) and
    ``period_end_from`` where an end the period does not state came from (original, published,
    address, content, copy; None when the period states it).
    """

    region: str
    region_name: str
    indicator: str
    indicator_name: str
    category: str
    kind: str
    period: str
    value: int | float
    unit: str
    qualifier: str
    display: str
    source: str
    url: str
    quote: str | None
    note: str | None
    conflicts_with: tuple[OtherFigure, ...] = ()
    measure: str = "flow"
    period_end: str | None = None
    period_end_from: str | None = None

    @property
    def year(self) -> int | None:
        """The calendar year the period is or lies within (2023; 2024-01-01..2024-12-23 is
        2024), else None: a period since a year, spanning years or with no start stated."""
        return period_year(self.period)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Figure":
        """A figure from a store row, its conflicts given as a JSON array."""
        return cls(**{**row, "conflicts_with": other_figures(row.get("conflicts_with"))})

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        # NOTE: spelled out: every field but the last is a plain value, and lists are long.
        out: dict[str, Any] = dict(zip(self._fields, self, strict=True))
        out["conflicts_with"] = [other.as_dict() for other in self.conflicts_with]
        return out


FIGURE_FIELDS = Figure._fields
