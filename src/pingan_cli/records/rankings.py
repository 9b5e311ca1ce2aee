"""Rankings and trends: regions ordered by an indicator, and one region's figures over time.

A missing figure is a region with no reading (not reported), never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .base import record_html
from .numbers import ChangeKind, decimal_of

Number = int | float


@dataclass(frozen=True)
class Reading:
    """One stored figure: its value, how the source states it, and where it comes from."""

    value: Number
    qualifier: str
    display: str
    period: str
    source: str
    url: str | None
    quote: str | None
    # The date the period reaches (for "since 2023", its page's) and where an unstated end came
    # from: as a Figure's period_end and period_end_from.
    period_end: str | None = None
    period_end_from: str | None = None

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The reading as plain data."""
        return {
            "value": self.value,
            "qualifier": self.qualifier,
            "display": self.display,
            "period": self.period,
            "source": self.source,
            "url": self.url,
            "quote": self.quote,
            "period_end": self.period_end,
            "period_end_from": self.period_end_from,
        }


@dataclass(frozen=True)
class RankedRegion:
    """A region's place in a ranking; reading None means the region does not report it."""

    region: str
    name: str
    rank: int | None
    reading: Reading | None
    # Other figures for the same region and period: a conflict where a value differs.
    others: tuple[Reading, ...] = ()
    share: float | None = None

    @property
    def conflict(self) -> bool:
        """True when another figure for the same period gives another value."""
        return self.reading is not None and any(
            o.value != self.reading.value or o.qualifier != self.reading.qualifier
            for o in self.others
        )

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The region's place as `pingan rank --format json` gives it (a row of its CSV)."""
        reading = self.reading
        return {
            "rank": self.rank,
            "region": self.region,
            "name": self.name,
            "value": reading.value if reading else None,
            "qualifier": reading.qualifier if reading else None,
            "display": reading.display if reading else None,
            "period": reading.period if reading else None,
            "period_end": reading.period_end if reading else None,
            "period_end_from": reading.period_end_from if reading else None,
            "share_percent": self.share,
            "source": reading.source if reading else None,
            "url": reading.url if reading else None,
            "conflict": self.conflict,
        }


@dataclass(frozen=True)
class Ranking:
    """Regions of one level ordered by one indicator in one year."""

    indicator: str
    indicator_name: str
    unit: str
    kind: str
    year: int | None
    level: str
    regions: tuple[RankedRegion, ...]
    measure: str = "flow"

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The ranking as `pingan rank --format json` gives it."""
        return {
            "indicator": self.indicator,
            "indicator_name": self.indicator_name,
            "unit": self.unit,
            "kind": self.kind,
            "year": self.year,
            "level": self.level,
            "measure": self.measure,
            "regions": [r.as_dict() for r in self.regions],
        }


@dataclass(frozen=True)
class ReportedChange:
    """A change the source reported for a trend's period (a change indicator's figure).

    ``computed`` is the same change computed from the levels shown, in the same measure (percent,
    percentage points or units), where both levels are exact and a calendar year apart.
    """

    indicator: str
    reading: Reading
    kind: ChangeKind
    computed: float | None = None

    @property
    def disagrees(self) -> bool:
        """True when the levels give another change than the source, beyond its rounding."""
        if self.computed is None:
            return False
        # One unit in the last place the source wrote (1.52 → 0.01): the levels are rounded too.
        said = decimal_of(self.reading.value)
        exponent = said.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
        return abs(decimal_of(self.computed) - said) > Decimal(1).scaleb(-places)

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The reported change as plain data."""
        return {
            "indicator": self.indicator,
            "value": self.reading.value,
            "kind": str(self.kind),
            "display": self.reading.display,
            "source": self.reading.source,
            "computed": self.computed,
            "disagrees": self.disagrees,
        }


@dataclass(frozen=True)
class TrendPoint:
    """A period of a trend, with the change from the calendar year before where computable."""

    reading: Reading
    calendar_year: bool
    change: float | None = None
    change_kind: ChangeKind | None = None
    others: tuple[Reading, ...] = ()
    reported: tuple[ReportedChange, ...] = ()

    @property
    def conflict(self) -> bool:
        """True when another figure for the same period gives another value."""
        return any(
            o.value != self.reading.value or o.qualifier != self.reading.qualifier
            for o in self.others
        )

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The period as plain data (a trend's point, without its region and indicator)."""
        return {
            "period": self.reading.period,
            "period_end": self.reading.period_end,
            "period_end_from": self.reading.period_end_from,
            "calendar_year": self.calendar_year,
            "value": self.reading.value,
            "qualifier": self.reading.qualifier,
            "display": self.reading.display,
            "change": self.change,
            "change_kind": None if self.change_kind is None else str(self.change_kind),
            "reported_changes": [r.as_dict() for r in self.reported],
            "source": self.reading.source,
            "url": self.reading.url,
            "conflict": self.conflict,
        }


@dataclass(frozen=True)
class Trend:
    """One region's figures of one indicator over its periods, oldest first."""

    region: str
    region_name: str
    indicator: str
    indicator_name: str
    unit: str
    kind: str
    points: tuple[TrendPoint, ...]
    measure: str = "flow"

    def rows(self) -> list[dict[str, Any]]:
        """Each period as a flat row that reads alone (a row of `pingan trend`'s CSV)."""
        ids = {"region": self.region, "indicator": self.indicator}
        return [{**ids, **point.as_dict()} for point in self.points]

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The trend as `pingan trend --format json` gives each indicator."""
        return {
            "region": self.region,
            "region_name": self.region_name,
            "indicator": self.indicator,
            "indicator_name": self.indicator_name,
            "unit": self.unit,
            "kind": self.kind,
            "measure": self.measure,
            "points": self.rows(),
        }
