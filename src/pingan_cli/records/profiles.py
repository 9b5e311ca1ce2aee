"""A region's profile (`pingan show`) and the status of each honour in it."""

from typing import Any, NamedTuple

from .base import Status, plain_dict, plain_value, record_html
from .catalogue import Named, Practice, Region, Source
from .figures import Figure


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

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

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

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The region's fields, then its figures (as ``observations``), honours, practices."""
        return {
            **self.region.as_dict(),
            "parent_name": self.parent_name,
            "children": plain_value(self.children),
            "observations": plain_value(self.figures),
            "designations": plain_value(self.designations),
            "practices": plain_value(self.practices),
            "sources": plain_value(self.sources),
        }
