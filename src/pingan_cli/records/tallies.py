"""Counts, sums, conflicts, search hits and entries (`pingan info`)."""

from typing import Any, NamedTuple

from .base import plain_dict, record_html
from .figures import Figure


class Conflict(NamedTuple):
    """Two sources giving different figures for the same region, indicator and period."""

    region: str
    region_name: str
    indicator: str
    indicator_name: str
    period: str
    unit: str
    value: int | float
    qualifier: str
    display: str
    source: str
    quote: str | None
    other_value: int | float
    other_qualifier: str
    other_display: str
    other_source: str
    other_quote: str | None

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class SearchHit(NamedTuple):
    """A region, indicator, honour, practice or quote that matched a search.

    ``field`` names the field that matched (name_zh, aliases, quote …); ``snippet`` is the text
    around the match.
    """

    kind: str
    id: str
    name: str
    field: str = ""
    snippet: str = ""

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class Counts(NamedTuple):
    """How many entries of each kind a dataset holds."""

    regions: int
    indicators: int
    observations: int
    designations: int
    practices: int
    sources: int

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class Entry(NamedTuple):
    """One practice, designation or indicator in full: `pingan info ID`.

    ``fields`` are the entry's own record as plain values (as_dict of a Practice, Designation or
    Indicator), description and quote included.
    """

    kind: str
    id: str
    name: str
    fields: dict[str, Any]

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """``entry`` (its kind: practice, designation, indicator), then the entry's own fields."""
        return {"entry": self.kind, **self.fields}


class FigureCount(NamedTuple):
    """How many figures share one value of a field (`pingan list --count-by FIELD`)."""

    field: str
    value: str | int | None
    name: str | None
    figures: int

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The field's value under the field's own name, its display name and the count."""
        return {self.field: self.value, "name": self.name, "figures": self.figures}


class Total(NamedTuple):
    """A sum of one indicator over regions for one period (`pingan sum`).

    ``qualifier`` is at_least when any part is, approx when any part is (approx wins over
    at_least: "at least about" is about); ``parts`` are the figures added.
    """

    indicator: str
    indicator_name: str
    period: str
    unit: str
    value: int | float
    qualifier: str
    regions: tuple[str, ...]
    region_names: tuple[str, ...]
    parts: tuple[Figure, ...]

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)
