"""Regions side by side (`pingan compare`): rows, cells and honour cells."""

from typing import Any, NamedTuple

from .base import Status, plain_dict, record_html
from .catalogue import Named
from .figures import OtherFigure


class HonourCell(NamedTuple):
    """One honour in a comparison row: the region's own status and the sub-units holding it."""

    title: str
    year: int | None
    status: Status
    within: tuple[Named, ...] = ()

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class Cell(NamedTuple):
    """A figure in a comparison; ``alternatives`` are other figures for the same cell.

    ``region`` is the unit the figure belongs to: the compared region, or a unit inside it
    (a township, a police station) whose figures `show` lists too.
    """

    value: int | float
    unit: str
    qualifier: str
    period: str
    display: str
    source: str
    region: str
    region_name: str
    conflicts_with: tuple[OtherFigure, ...] = ()
    alternatives: tuple["Cell", ...] = ()
    # As a Figure's: flow or stock, the date the period reaches, and where an unstated end came
    # from (the page's date for "since 2023").
    measure: str = "flow"
    period_end: str | None = None
    period_end_from: str | None = None

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The figure; ``alternatives`` only where there are any."""
        # NOTE: spelled out, not generic: a national comparison has thousands of cells.
        out = {
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "period": self.period,
            "display": self.display,
            "source": self.source,
            "region": self.region,
            "region_name": self.region_name,
            "conflicts_with": [c.as_dict() for c in self.conflicts_with],
            "measure": self.measure,
            "period_end": self.period_end,
            "period_end_from": self.period_end_from,
        }
        if self.alternatives:
            out["alternatives"] = [a.as_dict() for a in self.alternatives]
        return out

    def figures(self) -> tuple["Cell", ...]:
        """This figure and its alternatives."""
        return (self, *self.alternatives)


class ComparisonRow(NamedTuple):
    """One region in a comparison: honour ids to status, indicator columns to figures."""

    region: str
    name: str
    designations: dict[str, HonourCell]
    indicators: dict[str, Cell | None]

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        # NOTE: spelled out, not generic: a national comparison has thousands of rows.
        return {
            "region": self.region,
            "name": self.name,
            "designations": {key: cell.as_dict() for key, cell in self.designations.items()},
            "indicators": {
                key: None if cell is None else cell.as_dict()
                for key, cell in self.indicators.items()
            },
        }


class Comparison(NamedTuple):
    """Regions side by side: `pingan compare`.

    ``designations`` are the honours shown (id and heading: the title, with the year where
    honours of several years are shown and the title does not say it); ``indicators`` the figure
    columns (an indicator id, or INDICATOR@PERIOD when no year is given), each with its heading.
    ``single_reporter`` counts the columns left out because only one region reports them (a
    comparison of every city and county shows what two or more report).
    """

    year: int | None
    designations: tuple[Named, ...]
    indicators: tuple[Named, ...]
    rows: tuple[ComparisonRow, ...]
    single_reporter: int = 0

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract: the year and a row per region."""
        return {"year": self.year, "regions": [row.as_dict() for row in self.rows]}
