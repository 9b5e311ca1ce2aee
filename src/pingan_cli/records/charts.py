"""What charts and reports are drawn from: small frozen records, filled in by the queries.

A ChartValue is one value as a reader sees it (a bar in a ranking, a period of a trend, a line of a
region's profile). A missing value is None and says why (unknown or not reported), so no renderer
can draw it as 0. A figure the sources disagree on carries the disagreement, for a footnote.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from .base import plain_value, record_html
from .numbers import Number, Qualifier, Units, count


class Missing(StrEnum):
    """Why a figure has no value: nobody knows (a partial list), or the source does not say."""

    unknown = "unknown"
    not_reported = "not_reported"


_WORDS = {
    "en": {
        Missing.unknown: "unknown",
        Missing.not_reported: "not reported",
        "conflict": "sources disagree",
        "at_least": "at least",
        "approx": "approximately",
        "source": "source",
        "rank": "rank",
        "share": "share",
        "negative": "below zero",
    },
    "zh": {
        Missing.unknown: "不详",
        Missing.not_reported: "未报告",
        "conflict": "来源不一致",
        "at_least": "至少",
        "approx": "约",
        "source": "来源",
        "rank": "排名",
        "share": "占比",
        "negative": "负值",
    },
}


def words(lang: str) -> dict[str | Missing, str]:
    """The fixed words of charts and reports in a language (en or zh; others read en)."""
    return dict(_WORDS.get(lang, _WORDS["en"]))


class _Plain:
    """A chart record as plain, JSON-ready data (the Record protocol)."""

    def _repr_html_(self) -> str:
        """The record as a table in a notebook."""
        return record_html(self)

    def as_dict(self) -> dict[str, Any]:
        """The record's fields as plain data: records as dicts, tuples as lists."""
        plain: dict[str, Any] = plain_value(asdict(self))  # type: ignore[call-overload]
        return plain


@dataclass(frozen=True)
class SourceLink(_Plain):
    """Where a figure comes from: the page's title, its URL and the clause that carries it."""

    title: str
    url: str | None = None
    clause: str | None = None


@dataclass(frozen=True)
class Disagreement(_Plain):
    """Sources that disagree on a figure: our words on how, and the sources involved."""

    note: str
    sources: tuple[SourceLink, ...] = ()


@dataclass(frozen=True)
class ChartValue(_Plain):
    """One value as shown: a bar of a ranking, a period of a trend, a line of a profile.

    ``text`` is the value as the reader should see it (≥5.2万户); left empty, it is the value
    written plainly with its qualifier. ``value`` None means missing, for the reason ``missing``.
    """

    label: str
    value: Number | None
    qualifier: Qualifier = Qualifier.exact
    text: str = ""
    conflict: Disagreement | None = None
    missing: Missing = Missing.not_reported
    source: SourceLink | None = None
    rank: int | None = None
    share: str | None = None
    # A mark after the value ("[a]") whose line in the chart's legend says what its period is.
    mark: str = ""

    def shown(self, units: Units = Units.plain) -> str:
        """The value's text as shown beside its bar; empty when the value is missing."""
        if self.value is None:
            return ""
        return self.text or count(self.value, self.qualifier, units)


@dataclass(frozen=True)
class Chart(_Plain):
    """Figures drawn as bars on one scale: a ranking of regions, or one region's periods."""

    title: str
    figures: tuple[ChartValue, ...]
    unit: str = ""
    note: str | None = None
    # What the values' marks mean: "[a] since 2023: 2023-01..2024-12-18 …", in the run's language.
    legend: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile(_Plain):
    """A region's figures, one per indicator, in their own units (a table, not a chart)."""

    title: str
    figures: tuple[ChartValue, ...]
    # What the values' period marks mean, in the report's language.
    legend: tuple[str, ...] = ()


@dataclass(frozen=True)
class Honour(_Plain):
    """An honour and who received it; ``complete`` False means others may have it too."""

    title: str
    year: str
    recipients: tuple[str, ...]
    complete: bool
    total: int | None = None
    source: SourceLink | None = None


@dataclass(frozen=True)
class Report(_Plain):
    """Everything one HTML report shows, in the order it shows it."""

    title: str
    profiles: tuple[Profile, ...] = ()
    rankings: tuple[Chart, ...] = ()
    trends: tuple[Chart, ...] = ()
    honours: tuple[Honour, ...] = ()
    subtitle: str | None = None
    lang: str = "en"
    # Our words on what the report leaves out and why (no ranking: too few regions report …).
    remarks: tuple[str, ...] = ()
