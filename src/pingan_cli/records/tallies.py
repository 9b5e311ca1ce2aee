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
    # sources: two sources state different values (an ArithmeticConflict's kind is another).
    kind: str = "sources"

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class StatedFigure(NamedTuple):
    """A figure as its source states it, where arithmetic is done on it."""

    region: str
    region_name: str
    indicator: str
    period: str
    value: int | float
    qualifier: str
    display: str
    source: str
    quote: str | None

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class ArithmeticConflict(NamedTuple):
    """Stated figures that arithmetic shows cannot all be right (`pingan conflicts`).

    ``kind`` is change (a reported change against the two stated levels), parts (a region's
    figure against the sum of its sub-regions') or within (a figure over a period against the
    same region's over a longer period that holds it). ``stated`` is the figure the arithmetic
    contradicts, ``figures`` those it is done on; ``computed`` is its result, shown and never
    stored as a figure, and ``explanation`` says it in the run's language with each source.
    """

    kind: str
    region: str
    region_name: str
    indicator: str
    indicator_name: str
    period: str
    unit: str
    stated: StatedFigure
    figures: tuple[StatedFigure, ...]
    computed: int | float
    computed_display: str
    explanation: str
    # The stated figure's number in the store, to keep the list in dataset order.
    stated_id: int = 0

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self, leave_out=("stated_id",))


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
