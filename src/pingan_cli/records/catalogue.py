"""The dataset's entries as records: regions, indicators, sources, honours, practices."""

from typing import Any, NamedTuple

from .base import plain_dict, record_html


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

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)


class Named(NamedTuple):
    """Something named in passing (a child region, a comparison's column): its id and name."""

    id: str
    name: str

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

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
    measure: str
    definition: str
    figures: int
    related: tuple[str, ...] = ()
    note: str | None = None
    # The related indicators' names, in the language asked for (for tables; JSON gives ids).
    related_names: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

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
    dated: str | None
    dated_from: str | None
    authors: tuple[str, ...]
    contributors: tuple[str, ...]
    note: str | None
    figures: int

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

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

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

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

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        return plain_dict(self)
