"""The dataset's models: what a valid pingan data file may say, and nothing else.

These models know nothing of YAML, SQLite, the terminal or the command line; the loader feeds them
plain Python values and the store reads them back.
"""

from __future__ import annotations

import calendar
import math
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ..records.numbers import Qualifier
from .limits import SHORT_TEXT_MAX, TEXT_MAX, YEAR_MAX, YEAR_MIN

Id = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$"),
    Field(description="Lower-case ASCII id: letters, digits, '-' and '_', at most 64 characters."),
]
Text = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=TEXT_MAX)]
ShortText = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=SHORT_TEXT_MAX)]
DivisionCode = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[1-8][0-9]{5}$"),
    Field(description='6-digit administrative division code (GB/T 2260), quoted: "610528".'),
]
# The store keeps integers in 64 bits.
INT_LIMIT = 2**63
Number = Annotated[
    StrictInt | StrictFloat,
    Field(allow_inf_nan=False, description="A plain number in the indicator's base unit."),
]
Count = Annotated[StrictInt, Field(ge=0)]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(StrEnum):
    """How high a region stands: province down to a single community or police station."""

    province = "province"
    city = "city"
    county = "county"
    township = "township"
    community = "community"
    agency = "agency"


class Category(StrEnum):
    """What an indicator is about."""

    cases = "cases"
    fraud = "fraud"
    organised_crime = "organised_crime"
    patrol_prevention = "patrol_prevention"
    mediation = "mediation"
    grassroots_governance = "grassroots_governance"
    community_policing = "community_policing"
    business_environment = "business_environment"
    publicity = "publicity"
    reform = "reform"
    courts_procuratorate = "courts_procuratorate"
    infrastructure = "infrastructure"
    satisfaction = "satisfaction"
    assessment = "assessment"
    traffic = "traffic"


class IndicatorKind(StrEnum):
    """A level (how many) or a change (how much more or less than before)."""

    level = "level"
    change = "change"


class Measure(StrEnum):
    """How a figure stands in time: counted over its period (a flow) or standing at a date (a
    stock).

    A flow (cases solved, disputes resolved, money returned, events held, a survey's rate of a
    year) grows when its period is longer; a stock (platforms, stations and mediators in place,
    staff posts, floor area, a cumulative total, 连续N年) is read at the end of its period, and
    two readings of one stock at two dates make a change, never a sum.
    """

    flow = "flow"
    stock = "stock"


def _check_partial_date(text: str) -> str:
    """Accept YYYY-MM or YYYY-MM-DD naming a real month or day."""
    if match := _MONTH.match(text):
        if not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"{text!r} has no month {match.group(2)}")
        return text
    if match := _DAY.match(text):
        year, month, day = (int(part) for part in match.groups())
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month:02d}")
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{text!r} is not a real date")
        return text
    raise ValueError(f"{text!r} is not a month (2022-01) or a day (2022-01-31)")


PartialDate = Annotated[str, StringConstraints(strict=True), AfterValidator(_check_partial_date)]


def _check_period_bound(text: str) -> str:
    """Accept a year (2018) as well as a month or a day, for the ends of a period."""
    return text if _YEAR.match(text) else _check_partial_date(text)


UntilDate = Annotated[
    str,
    StringConstraints(strict=True),
    AfterValidator(_check_partial_date),
    Field(description='A month ("2025-03") or a day ("2024-12-23"), quoted; a year is a number.'),
]


PeriodBound = Annotated[
    str,
    StringConstraints(strict=True),
    AfterValidator(_check_period_bound),
    Field(description='A year ("2018"), a month ("2022-01") or a day ("2024-12-23"), quoted.'),
]
YearNumber = Annotated[StrictInt, Field(ge=YEAR_MIN, le=YEAR_MAX)]


class Period(_Model):
    """When a figure applies: a year, a range of years, months or days, or a time up to a year.

    ``2023`` is the year 2023; ``{year: 2023, since: true}`` is "2023年以来" (from the start of 2023
    to the report); ``{start: 2022-01, end: 2023-06}`` is a range (``{start: "2018", end: "2020"}``
    a range of whole years); ``end`` may be left out for "since START"; ``{until: 2022}`` is
    everything up to and including 2022, its start not stated (a cumulative total, "连续9年"),
    and ``{until: "2024-12-23"}`` the same up to a day (截至目前 on a page of that day: a stock's
    total as of then); ``{until: 2024, recent: true}`` is "in recent years" (近年来) up to 2024.
    """

    year: YearNumber | None = None
    since: StrictBool = False
    start: PeriodBound | None = None
    end: PeriodBound | None = None
    until: YearNumber | UntilDate | None = Field(
        default=None,
        description="The end of a period whose start is not stated: a year (2022), or a month "
        'or day ("2024-12-23") for a total as of that date.',
    )
    recent: StrictBool = Field(
        default=False, description="With until: 'in recent years' (近年来) up to that year."
    )

    @model_validator(mode="before")
    @classmethod
    def _year_shorthand(cls, data: Any) -> Any:
        if isinstance(data, int) and not isinstance(data, bool):
            return {"year": data}
        return data

    @model_validator(mode="after")
    def _one_form(self) -> Period:
        forms = sum(x is not None for x in (self.year, self.start, self.until))
        if forms == 0:
            raise ValueError(
                "a period needs a year (2023), a start (start: 2022-01) or an until year "
                "(until: 2022)"
            )
        if forms > 1 or (self.end is not None and self.start is None):
            raise ValueError("a period is a year, a start/end range or an until year, not several")
        if self.since and self.year is None:
            raise ValueError("'since' goes with a year: {year: 2023, since: true}")
        if self.recent and self.until is None:
            raise ValueError("'recent' goes with until: {until: 2024, recent: true}")
        # A year as an end means its last day: 2018-06..2018 is half a year, not a reversal.
        if self.start is not None and self.end is not None and f"{self.end}~" < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A period may also be written as a bare year: ``period: 2023``."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        mapping = dict(schema)
        schema.clear()
        schema["anyOf"] = [{"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}, mapping]
        return schema

    @property
    def label(self) -> str:
        """The period as people write it: 2023, since 2023, 2022-01..2023-06, 2022-04..,
        2018..2020, to 2022, recent years to 2024."""
        if self.year is not None:
            return f"since {self.year}" if self.since else str(self.year)
        if self.until is not None:
            return f"recent years to {self.until}" if self.recent else f"to {self.until}"
        return f"{self.start}..{self.end or ''}"

    @property
    def first_year(self) -> int | None:
        """The calendar year the period starts in; None when its start is not stated."""
        if self.year is not None:
            return self.year
        if self.start is not None:
            return int(self.start[:4])
        return None

    @property
    def last_year(self) -> int | None:
        """The calendar year the period ends in, None when it is open-ended."""
        if self.year is not None:
            return None if self.since else self.year
        if self.until is not None:
            return self.until if isinstance(self.until, int) else int(self.until[:4])
        return int(self.end[:4]) if self.end else None


class Standing(StrEnum):
    """Whose page a source is: the issuing body's own, a news outlet's own report, or a copy.

    official: a body's own material on its own site (a government or Party office, a court, the
    police); news: a newspaper's or news site's own story by its own reporters, on its own site;
    republished: a page carrying material first published by someone else (a newspaper's
    article on a government site, a repost site's copy, a page saying only 来源:网络).
    """

    official = "official"
    news = "news"
    republished = "republished"


class DatedFrom(StrEnum):
    """Where a date the page does not show comes from."""

    address = "address"  # the page's address holds it: /c/2024/0527/, a timestamped id
    content = "content"  # the latest date the text itself reports (3月27日, its year inferred)
    copy = "copy"  # another copy of the same text is dated (its address or its page)


class SourceEntry(_Model):
    """A document figures are taken from.

    ``standing`` says whether the page is on the site of the official body that issued it or a
    republication on another site; ``original_publisher`` and ``original_published`` name the body
    whose material it is (a newspaper, a Party committee) and its date, where the page says so.
    """

    model_config = ConfigDict(title="Source")

    id: Id
    title: Text
    publisher: ShortText
    url: Annotated[str, StringConstraints(strict=True, pattern=r"^https?://\S+$")]
    published: PartialDate | None = None
    authors: list[ShortText] = Field(default_factory=list, description="Reporters, by name.")
    contributors: list[ShortText] = Field(
        default_factory=list, description="Correspondents (通讯员) and others credited."
    )
    language: Literal["zh", "en"] = "zh"
    standing: Standing | None = Field(
        default=None,
        description="official: a body's own material on its own site; news: a news outlet's "
        "own report on its own site; republished: another publisher's material.",
    )
    original_publisher: ShortText | None = Field(
        default=None, description="The body whose material the page carries: 渭南日报."
    )
    original_published: PartialDate | None = Field(
        default=None, description="When the original was issued, where known."
    )
    dated: PartialDate | None = Field(
        default=None,
        description="The page's date where the page does not show one (then leave published "
        "out): from its address, its content or another copy (dated_from).",
    )
    dated_from: DatedFrom | None = Field(
        default=None, description="Where dated comes from: address, content or copy."
    )
    note: Text | None = None
    text: ShortText | None = Field(
        default=None,
        description="An archived copy of the source's text (UTF-8), relative to the data file: "
        "`pingan verify` checks quotes and figures against it.",
    )

    @model_validator(mode="after")
    def _standing_agrees(self) -> SourceEntry:
        if self.standing is None and (
            self.original_publisher is not None or self.original_published is not None
        ):
            raise ValueError(
                "an original publisher or date needs a standing: official or republished"
            )
        if self.standing is Standing.news and (
            self.original_publisher is not None or self.original_published is not None
        ):
            raise ValueError(
                "a news report is itself the original: leave original_publisher and "
                "original_published out, and say in the note who gave the figures"
            )
        if (self.dated is None) != (self.dated_from is None):
            raise ValueError(
                "dated and dated_from go together: the date, and where it comes from "
                "(address, content or copy)"
            )
        if self.dated is not None and self.published is not None:
            raise ValueError(
                "published is the date the page shows; dated is for a page that shows none: "
                "give one of them"
            )
        if (
            self.standing is Standing.republished
            and self.original_published is not None
            and self.published is not None
            and self.published < self.original_published
        ):
            raise ValueError(
                f"a republication ({self.published}) cannot come before its original "
                f"({self.original_published})"
            )
        return self


class RegionEntry(_Model):
    """A place or unit figures belong to: the city, a county, a township, a police station."""

    model_config = ConfigDict(title="Region")

    id: Id
    name_zh: ShortText
    name_en: ShortText
    aliases: list[ShortText] = Field(default_factory=list)
    level: Level
    parent: Id | None = None
    code: DivisionCode | None = None
    note: Text | None = None


class IndicatorEntry(_Model):
    """What a figure measures, in which unit, and whether it is a level or a change."""

    model_config = ConfigDict(title="Indicator")

    id: Id
    name_zh: ShortText
    name_en: ShortText
    unit: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=16)]
    category: Category
    kind: IndicatorKind = IndicatorKind.level
    measure: Measure = Field(
        default=Measure.flow,
        description="flow: counted over the period (cases, events, money, a year's rate); "
        "stock: a total standing at a date (platforms, staff, a cumulative total).",
    )
    definition: Text
    related: list[Id] = Field(
        default_factory=list,
        description="Indicators that measure something close but different: do not compare.",
    )
    change_of: Id | None = Field(
        default=None,
        description="For a change indicator: the level indicator it is the change of (so a "
        "trend of the level shows the change the source reported beside the one computed).",
    )
    note: Text | None = Field(
        default=None,
        description="Why the indicator is drawn where it is: what was split from it or kept "
        "apart, and which sources decide it.",
    )

    @field_validator("related")
    @classmethod
    def _related_distinct(cls, related: list[str]) -> list[str]:
        if len(set(related)) != len(related):
            raise ValueError("an indicator is listed twice in related")
        return related


class Observation(_Model):
    """One figure: a region's value of an indicator over a period, with its source clause."""

    region: Id
    indicator: Id
    period: Period
    value: Number
    unit: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=16)]
    qualifier: Qualifier = Qualifier.exact
    as_written: ShortText | None = Field(
        default=None, description="The figure as the source writes it: 5.2万余户."
    )
    source: Id
    quote: Text | None = Field(
        default=None, description="The clause the figure comes from, as the source writes it."
    )
    note: Text | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("value must be a finite number")
        if isinstance(value, int) and not -INT_LIMIT <= value < INT_LIMIT:
            raise ValueError(
                f"{value} is too large to store: a whole number must lie between "
                f"{-INT_LIMIT:,} and {INT_LIMIT - 1:,} (64 bits); write a larger one with a "
                "decimal point (1.5e+19)"
            )
        return value


class DesignationEntry(_Model):
    """An honour conferred on regions: 2023年度平安县, 平安银鼎, a national method.

    ``complete`` says whether ``recipients`` names every recipient within ``scope``; where it is
    false, a region in scope that is not listed is unknown, never "not designated".
    """

    model_config = ConfigDict(title="Designation")

    id: Id
    title_zh: ShortText
    title_en: ShortText
    year: YearNumber | None = Field(default=None, description="The year the honour is for.")
    conferred_on: PartialDate | None = None
    conferred_by: ShortText | None = None
    level: Literal["national", "provincial", "city", "county"]
    scope: Id | None = Field(
        default=None, description="The region whose units the recipient list is about."
    )
    recipients: list[Id] = Field(
        default_factory=list,
        description="Who was honoured; empty only for a count without names (complete: false).",
    )
    recipient_level: Level | None = Field(
        default=None,
        description="The level of the units honoured (county ...); needed when none is named.",
    )
    practices: list[Id] = Field(default_factory=list)
    total: Count | None = Field(default=None, description="How many were honoured in scope.")
    complete: StrictBool
    source: Id
    quote: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _counts_agree(self) -> DesignationEntry:
        if not self.recipients and (
            self.complete or not self.total or self.scope is None or self.recipient_level is None
        ):
            raise ValueError(
                "no recipients named: list at least one, or, for an honour known only as a "
                "count, set complete: false, total, scope and recipient_level"
            )
        if len(set(self.recipients)) != len(self.recipients):
            raise ValueError("a recipient is listed twice")
        if self.total is not None:
            if self.complete and self.total != len(self.recipients):
                raise ValueError(
                    f"a complete list of {len(self.recipients)} recipients cannot have "
                    f"total {self.total}"
                )
            if not self.complete and self.total <= len(self.recipients):
                raise ValueError(
                    f"a partial list must be shorter than its total: {len(self.recipients)} "
                    f"named, total {self.total}; set complete: true if every one is named"
                )
        return self


class PracticeEntry(_Model):
    """A named practice, working method, mechanism or reform a region introduced."""

    model_config = ConfigDict(title="Practice")

    id: Id
    name_zh: ShortText
    name_en: ShortText
    kind: Literal["practice", "mechanism", "reform", "campaign", "policy_document"]
    region: Id
    since: PartialDate | None = None
    description: Text
    source: Id
    quote: Text


class ObservationFile(_Model):
    """A CSV file of bulk observations, named by a dataset and read row by row."""

    path: ShortText = Field(description="Relative to the YAML file that names it.")
    source: Id | None = Field(default=None, description="Source for rows that name none.")


class DataFile(_Model):
    """A whole data file: catalogues, figures, honours and practices. Every section may be empty."""

    model_config = ConfigDict(title="Dataset")

    format: Literal[1] = 1
    sources: list[SourceEntry] = Field(default_factory=list)
    regions: list[RegionEntry] = Field(default_factory=list)
    indicators: list[IndicatorEntry] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    observation_files: list[ObservationFile] = Field(default_factory=list)
    designations: list[DesignationEntry] = Field(default_factory=list)
    practices: list[PracticeEntry] = Field(default_factory=list)


SECTIONS: dict[str, type[_Model]] = {
    "sources": SourceEntry,
    "regions": RegionEntry,
    "indicators": IndicatorEntry,
    "observations": Observation,
    "observation_files": ObservationFile,
    "designations": DesignationEntry,
    "practices": PracticeEntry,
}
