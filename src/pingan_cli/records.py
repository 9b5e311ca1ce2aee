"""What queries return and views read: frozen records, each with the JSON contract it is shown as.

A record is a NamedTuple: immutable, typed, and cheap to define (a warm run defines every record
class before it answers; frozen dataclasses took longer to define than the query took to run, and
importing dataclasses brought inspect, ast and dis). ``as_dict()`` gives the JSON-ready form
documented in the README ("JSON output"), which is also what
``pandas.DataFrame([r.as_dict() for r in records])`` takes. This module imports nothing of
SQLite, pydantic, rich or click.

NOTE: no ``from __future__ import annotations`` here: NamedTuple would keep every field's
annotation as a string to evaluate later, which costs more at import than evaluating it now.
"""

import json
from typing import Any, NamedTuple, Protocol

Status = bool | None  # designated, not designated, unknown


class Record(Protocol):
    """What every record offers: itself as plain data."""

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        ...


def _plain(value: Any) -> Any:
    """A value as JSON-ready data: records as dicts, tuples as lists."""
    if value is None or isinstance(value, str | int | float):
        return value
    as_dict = getattr(value, "as_dict", None)
    if as_dict is not None:
        return as_dict()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def plain_dict(record: Any, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's fields, in order, as plain data (without the fields named in ``leave_out``)."""
    return {
        name: _plain(value)
        for name, value in zip(record._fields, record, strict=True)
        if name not in leave_out
    }


MARKS = {"at_least": "≥", "approx": "≈"}  # before a figure pingan writes


def display(value: float, unit: str, qualifier: str, kind: str, as_written: str | None) -> str:
    """The figure as the source wrote it, or as pingan writes it when no original is kept.

    Computed once, when the store is built, and stored: filters and output read the same text.
    """
    if as_written:
        return as_written
    number = f"{value:+,}" if kind == "change" else f"{value:,}"
    mark = MARKS.get(qualifier, "")
    return f"{mark}{number}{'' if unit == '%' else ' '}{unit}"


class OtherFigure(NamedTuple):
    """Another source's different figure for the same region, indicator and period."""

    source: str
    value: int | float
    qualifier: str
    display: str
    quote: str | None

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


def other_figures(text: str | None) -> tuple[OtherFigure, ...]:
    """Conflicting figures from the store's JSON array of them (empty when none)."""
    if not text or text == "[]":
        return ()
    return tuple(OtherFigure(**item) for item in json.loads(text))


class Figure(NamedTuple):
    """One figure (an observation): a region's value of an indicator over a period, and its clause.

    Its fields, in order, are the JSON contract of `pingan list --format json`. ``url`` is the
    source's page; ``conflicts_with`` holds other sources' different figures for the same region,
    indicator and period (both are kept: pingan never picks one).
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

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Figure":
        """A figure from a store row, its conflicts given as a JSON array."""
        return cls(**{**row, "conflicts_with": other_figures(row.get("conflicts_with"))})

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        # NOTE: spelled out: every field but the last is a plain value, and lists are long.
        out: dict[str, Any] = dict(zip(self._fields, self, strict=True))
        out["conflicts_with"] = [other.as_dict() for other in self.conflicts_with]
        return out


FIGURE_FIELDS = Figure._fields


class Region(NamedTuple):
    """A region's catalogue entry; ``name`` is in the language asked for."""

    id: str
    name: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    level: str
    parent: str | None
    code: str | None
    note: str | None

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class Named(NamedTuple):
    """Something named in passing (a child region, a comparison's column): its id and name."""

    id: str
    name: str

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class Indicator(NamedTuple):
    """An indicator's catalogue entry, with how many figures it has."""

    id: str
    name: str
    name_zh: str
    name_en: str
    unit: str
    category: str
    kind: str
    definition: str
    figures: int
    related: tuple[str, ...] = ()
    # The related indicators' names, in the language asked for (for tables; JSON gives ids).
    related_names: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values; related indicators by id only."""
        return plain_dict(self, leave_out=("related_names",))


class Source(NamedTuple):
    """A document figures come from, with how many figures it gave."""

    id: str
    title: str
    publisher: str
    url: str
    published: str | None
    standing: str | None
    original_publisher: str | None
    original_published: str | None
    authors: tuple[str, ...]
    contributors: tuple[str, ...]
    note: str | None
    figures: int

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class Designation(NamedTuple):
    """An honour and its recipients; ``complete`` says whether the list names every one."""

    id: str
    title: str
    title_zh: str
    title_en: str
    year: int | None
    conferred_on: str | None
    conferred_by: str | None
    level: str
    scope: str | None
    total: int | None
    complete: bool
    recipient_level: str | None
    note: str | None
    recipients: tuple[str, ...]
    practices: tuple[str, ...]
    source: str
    quote: str
    recipient_names: tuple[str, ...] = ()

    def without_names(self) -> dict[str, Any]:
        """The record without the recipients' names (one flat row of CSV)."""
        row = self.as_dict()
        del row["recipient_names"]
        return row

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class DesignationStatus(NamedTuple):
    """Whether one region holds an honour: True, False, or None for unknown.

    ``within`` names the units inside the region that hold it: the status is the region's own.
    ``applies`` is False for an honour that never goes to a unit of the region's level, listed
    because a unit inside the region holds it (its status is then None: not the region's).
    """

    id: str
    title: str
    year: int | None
    status: Status
    complete: bool
    source: str
    within: tuple[Named, ...] = ()
    applies: bool = True

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class HonourCell(NamedTuple):
    """One honour in a comparison row: the region's own status and the sub-units holding it."""

    title: str
    year: int | None
    status: Status
    within: tuple[Named, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class Practice(NamedTuple):
    """A named practice, mechanism or reform of a region."""

    id: str
    name: str
    name_zh: str
    name_en: str
    kind: str
    region: str
    region_name: str
    since: str | None
    description: str
    source: str
    quote: str

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class RegionProfile(NamedTuple):
    """Everything known about one region: `pingan show`."""

    region: Region
    parent_name: str | None
    children: tuple[Named, ...]
    figures: tuple[Figure, ...]
    designations: tuple[DesignationStatus, ...]
    practices: tuple[Practice, ...]
    sources: tuple[Source, ...]

    def as_dict(self) -> dict[str, Any]:
        """The region's fields, then its figures (as ``observations``), honours, practices."""
        return {
            **self.region.as_dict(),
            "parent_name": self.parent_name,
            "children": _plain(self.children),
            "observations": _plain(self.figures),
            "designations": _plain(self.designations),
            "practices": _plain(self.practices),
            "sources": _plain(self.sources),
        }


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

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


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

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract: the year and a row per region."""
        return {"year": self.year, "regions": _plain(self.rows)}


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

    def as_dict(self) -> dict[str, Any]:
        """``entry`` (its kind: practice, designation, indicator), then the entry's own fields."""
        return {"entry": self.kind, **self.fields}


class FigureCount(NamedTuple):
    """How many figures share one value of a field (`pingan list --count-by FIELD`)."""

    field: str
    value: str | int | None
    name: str | None
    figures: int

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

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)
