"""From an article to proposed observations: each figure with whose it is, when, and what of."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from ..load.models import DataFile, IndicatorKind
from ..records.numbers import Qualifier
from .figures import TextFigure, scan
from .indicators import IndicatorMatcher
from .layout import TextLayout, layout
from .periods import date_line
from .places import gazetteer
from .when import When
from .whose import Whose


class Candidate(NamedTuple):
    """A figure an article states, proposed as an observation."""

    as_written: str
    value: int | float
    unit: str
    qualifier: Qualifier
    kind: IndicatorKind
    quote: str
    start: int
    end: int
    region: str | None
    place: str | None
    period: str | None
    indicator: str | None
    in_dataset: bool = False
    # What a change is measured against, when the text names it (较2019年: 2019); not the period.
    base: str | None = None
    # A range's upper bound (3至5起: value 3, qualifier at_least, upper 5).
    upper: int | float | None = None

    def as_json(self) -> dict[str, Any]:
        """The candidate as a JSON object (enums as their values)."""
        return {
            "as_written": self.as_written,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier.value,
            "kind": self.kind.value,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "region": self.region,
            "place": self.place,
            "period": self.period,
            "base": self.base,
            "upper": self.upper,
            "indicator": self.indicator,
            "in_dataset": self.in_dataset,
        }


def extract(
    text: str,
    dataset: DataFile | None = None,
    published: date | None = None,
    year: int | None = None,
) -> list[Candidate]:
    """Every figure the text states, with best guesses of region, period and indicator.

    ``dataset`` gives the regions and indicators to match and the figures already held;
    ``published`` is the article's date (else read from its date line) for 今年 and 去年;
    ``year`` the article's year where only that is known (a page address's /2023/).
    """
    return _Article(text, dataset or DataFile(), published, year).candidates()


# What cuts a clause into one figure's parts, and the brackets that keep a 、 inside a name.
_CUTS = re.compile("[、和(（)）]")
# A quote longer than this is cut to the figure's neighbourhood (data files allow 2,000).
MAX_QUOTE = 300
# How far before a figure's clause its indicator is looked for.
_LEAD_IN = 60
_EDGE_MARKS = frozenset("“”‘’「」 \u3000")


@dataclass
class _Article:
    text: str
    dataset: DataFile
    published: date | None
    year: int | None = None
    shape: TextLayout = field(init=False)

    def __post_init__(self) -> None:
        self.shape = layout(self.text)
        if self.published is None:
            self.published = date_line(self.text)
        self.places = gazetteer().with_regions(self.dataset.regions)
        self._groups: dict[int, list[tuple[int, int]]] = {}
        self._matcher = IndicatorMatcher.of(self.dataset.indicators)

    # --- the whole ---

    def candidates(self) -> list[Candidate]:
        figures = scan(self.text, self.shape)
        held = self._held_spans()
        starts = [f.start for f in figures]
        self._ends = sorted(f.end for f in figures)
        self._when = When(self.text, self.shape, self.published, starts, self.year)
        whose = Whose(self.text, self.shape, self.places, starts)
        body = {
            (f.reading.value, f.reading.unit, f.reading.kind)
            for f in figures
            if not self.shape.paragraph_at(f.start).heading
        }
        result: list[Candidate] = []
        for figure in figures:
            paragraph = self.shape.paragraph_at(figure.start)
            reading = figure.reading
            if paragraph.heading and (reading.value, reading.unit, reading.kind) in body:
                continue  # a headline repeating a figure of the body
            place = whose.place(figure)
            quote = self._quote(figure, starts)
            result.append(
                Candidate(
                    as_written=figure.as_written,
                    value=reading.value,
                    unit=reading.unit,
                    qualifier=reading.qualifier,
                    kind=reading.kind,
                    quote=quote,
                    start=figure.start,
                    end=figure.end,
                    region=(place.region_id or place.name) if place else None,
                    place=place.name if place else None,
                    period=self._when.period(figure),
                    indicator=self._indicator(figure, quote) if self.dataset.indicators else None,
                    in_dataset=(figure.start, figure.end) in held,
                    base=self._when.base(figure),
                    upper=reading.upper,
                )
            )
        return result

    def _held_spans(self) -> set[tuple[int, int]]:
        """Where the dataset's own figures are in this text, found by their quotes."""
        spans: set[tuple[int, int]] = set()
        for observation in self.dataset.observations:
            if not observation.quote or not observation.as_written:
                continue
            inner = observation.quote.find(observation.as_written)
            if inner < 0:
                continue
            at = self.text.find(observation.quote)
            while at >= 0:
                spans.add((at + inner, at + inner + len(observation.as_written)))
                at = self.text.find(observation.quote, at + 1)
        return spans

    # --- the clause ---

    def _quote(self, figure: TextFigure, starts: list[int]) -> str:
        """The clause a figure comes from; a list 136个、2124个 is cut between its figures. A
        clause longer than MAX_QUOTE is cut to the figure's neighbourhood."""
        clause = self.shape.clause_at(figure.start)
        groups = self._groups.get(clause.start)
        if groups is None:
            groups = self._clause_groups(clause.start, clause.end, starts)
            self._groups[clause.start] = groups
        index = bisect.bisect_right(groups, (figure.start, len(self.text))) - 1
        start, end = groups[index] if index >= 0 else (clause.start, clause.end)
        if end - start > MAX_QUOTE:
            start = max(start, figure.start - MAX_QUOTE // 2)
            end = min(end, max(figure.end, start + MAX_QUOTE))
        return _balanced(self.text[start:end].strip())

    def _clause_groups(self, first: int, last: int, starts: list[int]) -> list[tuple[int, int]]:
        """The parts of a clause that hold one figure each, cut at 、 and 和 outside quotations
        and brackets (县(市、区) is not cut); a 分别 clause is one part. Worked out once a clause,
        in one pass over it."""
        text = self.text
        if text.find("分别", first, last) >= 0:
            return [(first, last)]
        cuts = [first - 1]
        depth = 0
        at = first
        for separator in _CUTS.finditer(text, first, last):
            mark = separator.group(0)
            at = separator.start()
            if mark in "(（":
                depth += 1
            elif mark in ")）":
                depth = max(0, depth - 1)
            elif depth == 0 and self.shape.quotation_at(at) is None:
                cuts.append(at)
        cuts.append(last)
        groups: list[list[int]] = []
        for index in range(len(cuts) - 1):
            a, b = cuts[index] + 1, cuts[index + 1]
            if groups and not (_holds(starts, a, b) and _holds(starts, *groups[-1])):
                groups[-1][1] = b
            else:
                groups.append([a, b])
        return [(a, b) for a, b in groups]

    def _indicator(self, figure: TextFigure, quote: str) -> str | None:
        """The dataset's indicator the clause (else the sentence up to it) clearly names."""
        unit, kind = figure.reading.unit, figure.reading.kind
        if not self._matcher.could_match(unit, kind):
            return None
        if len(quote) > _LEAD_IN * 2:  # a long clause: the words near the figure
            quote = self.text[max(0, figure.start - _LEAD_IN * 2) : figure.end + 20]
        return self._matcher.match(quote, unit, kind) or self._matcher.match(
            self._lead_in(figure) + quote, unit, kind
        )

    def _lead_in(self, figure: TextFigure) -> str:
        """The sentence before a figure's clause, its last 60 characters at most: what the
        clause's figure is about (bounded, so that a long list costs no more per figure)."""
        sentence = self.shape.sentence_at(figure.start)
        clause = self.shape.clause_at(figure.start)
        start = max(sentence.start, clause.start - _LEAD_IN)
        # not past another figure: 刑事案件下降12.5%，治安案件下降8.1% names 8.1%'s own subject
        index = bisect.bisect_right(self._ends, clause.start) - 1
        if index >= 0:
            start = max(start, self._ends[index])
        return self.text[start : clause.start]

    # --- whose figure ---

    # --- when ---


def _holds(starts: list[int], start: int, end: int) -> bool:
    """True when a figure starts in [start, end)."""
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def _balanced(quote: str) -> str:
    """A clause without a quotation mark left open or closed at its edges."""
    if quote[:1] not in _EDGE_MARKS and quote[-1:] not in _EDGE_MARKS:
        return quote.strip(" \u3000")
    for opener, closer in (("“", "”"), ("‘", "’"), ("「", "」")):
        if quote.startswith(opener) and closer not in quote:
            quote = quote[1:]
        if quote.endswith(closer) and opener not in quote:
            quote = quote[:-1]
    return quote.strip(" \u3000")
