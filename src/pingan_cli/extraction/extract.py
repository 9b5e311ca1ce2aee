"""From an article to proposed observations: each figure with whose it is, when, and what of."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..models import Dataset, IndicatorKind, Qualifier
from . import lexicon as lx
from .figures import Figure, scan
from .indicators import IndicatorMatcher
from .layout import Layout, Paragraph, Span, layout
from .periods import TimeMention, date_line, time_mentions
from .places import NATIONAL_NAME, Gazetteer, Mention, Place, gazetteer


@dataclass(frozen=True)
class Candidate:
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
            "indicator": self.indicator,
            "in_dataset": self.in_dataset,
        }


def extract(
    text: str, dataset: Dataset | None = None, published: date | None = None
) -> list[Candidate]:
    """Every figure the text states, with best guesses of region, period and indicator.

    ``dataset`` gives the regions and indicators to match and the figures already held;
    ``published`` is the article's date (else read from its date line) for 今年 and 去年.
    """
    return _Article(text, dataset or Dataset(), published).candidates()


_SEPARATORS = re.compile("[、和]")
_DIGIT = re.compile(r"\d")
_UNBALANCED_EDGES = '“”‘’"「」 \u3000'
_COLLECTIVE_LEAD = ("年", "以来", "月", "来", "同时", "此外", "其中", "目前", "共", "“")


@dataclass
class _Article:
    text: str
    dataset: Dataset
    published: date | None
    shape: Layout = field(init=False)
    places: Gazetteer = field(init=False)
    times: list[TimeMention] = field(init=False)
    _time_starts: list[int] = field(init=False)
    _mentions: dict[int, list[Mention]] = field(default_factory=dict)
    _main: Place | None = None
    _main_found: bool = False

    def __post_init__(self) -> None:
        self.shape = layout(self.text)
        if self.published is None:
            self.published = date_line(self.text)
        self.places = gazetteer().with_regions(self.dataset.regions)
        self.times = [
            t for t in time_mentions(self.text, self.published) if not self._in_name(t.start)
        ]
        self._time_starts = [t.start for t in self.times]
        self._headings = [p.index for p in self.shape.paragraphs if p.heading]
        self._matcher = IndicatorMatcher.of(self.dataset.indicators)

    # --- the whole ---

    def candidates(self) -> list[Candidate]:
        figures = scan(self.text, self.shape)
        held = self._held_spans()
        starts = [f.start for f in figures]
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
            place = self._place(figure)
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
                    period=self._period(figure),
                    indicator=self._matcher.match(quote, reading.unit, reading.kind)
                    or self._matcher.match(
                        self._lead_in(figure) + quote, reading.unit, reading.kind
                    ),
                    in_dataset=(figure.start, figure.end) in held,
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

    def _quote(self, figure: Figure, starts: list[int]) -> str:
        """The clause a figure comes from; a list 136个、2124个 is cut between its figures."""
        clause = self.shape.clause_at(figure.start)
        text = self.text[clause.start : clause.end]
        start, end = clause.start, clause.end
        if "分别" not in text:
            cuts = [clause.start - 1]
            for separator in _SEPARATORS.finditer(text):
                at = clause.start + separator.start()
                if self.shape.quotation_at(at) is None and not _in_brackets(
                    text, separator.start()
                ):
                    cuts.append(at)
            cuts.append(clause.end)
            groups: list[list[int]] = []
            for index in range(len(cuts) - 1):
                a, b = cuts[index] + 1, cuts[index + 1]
                if groups and not (_holds(starts, a, b) and _holds(starts, *groups[-1])):
                    groups[-1][1] = b
                else:
                    groups.append([a, b])
            for a, b in groups:
                if a <= figure.start < b:
                    start, end = a, b
                    break
        return _balanced(self.text[start:end].strip())

    def _lead_in(self, figure: Figure) -> str:
        """The sentence before a figure's clause: what the clause's figure is about."""
        sentence = self.shape.sentence_at(figure.start)
        clause = self.shape.clause_at(figure.start)
        return self.text[sentence.start : clause.start]

    # --- whose figure ---

    def _mentions_in(self, paragraph: Paragraph) -> list[Mention]:
        found = self._mentions.get(paragraph.index)
        if found is None:
            found = list(self.places.mentions(self.text, paragraph.start, paragraph.end))
            self._mentions[paragraph.index] = found
        return found

    def _place(self, figure: Figure) -> Place | None:
        paragraph = self.shape.paragraph_at(figure.start)
        mentions = self._mentions_in(paragraph)
        quotation = self.shape.quotation_at(figure.start)
        if quotation is not None:
            speaker = self._speaker(quotation, mentions)
            if speaker is not None:
                return self._resolve(speaker, figure.start)
        sentence = self.shape.sentence_at(figure.start)
        for scope in (sentence, paragraph):
            mention = self._nearest(mentions, scope, figure.start, quotation)
            if mention is not None:
                return self._resolve(mention, figure.start)
        if paragraph.index > 0:
            previous = self.shape.paragraphs[paragraph.index - 1]
            if not previous.title:
                mention = self._nearest(self._mentions_in(previous), previous, previous.end, None)
                if mention is not None and mention.place is not None:
                    return self._resolve(mention, figure.start)
        return self._main_place()

    def _speaker(self, quotation: Span, mentions: list[Mention]) -> Mention | None:
        """The place of whoever said a quotation: “……”富平县公安局宫里派出所所长王宁说."""
        sentence = self.shape.sentence_at(quotation.end)
        tail = self.text[quotation.end : sentence.end + 1]
        said = [tail.find(word) for word in lx.SAID if word in tail]
        if not said:
            return None
        stop = quotation.end + min(said)
        for mention in mentions:
            if quotation.end <= mention.start < stop and mention.place is not None:
                return mention
        return None

    def _nearest(
        self, mentions: list[Mention], scope: Span, before: int, quotation: Span | None
    ) -> Mention | None:
        for mention in reversed(mentions):
            if mention.start >= before or mention.start < scope.start:
                continue
            if self._subject(mention, quotation):
                return mention
        return None

    def _subject(self, mention: Mention, quotation: Span | None) -> bool:
        """True when a place named here can be whose a figure is."""
        if self._in_name(mention.start):
            return False
        inside = self.shape.quotation_at(mention.start)
        if inside is not None and inside != quotation:
            return False
        before = self.text[max(0, mention.start - 2) : mention.start]
        if before.endswith(lx.NOT_SUBJECT_BEFORE):
            return False
        if mention.collective is None:
            return True
        clause = self.shape.clause_at(mention.start)
        lead = self.text[clause.start : mention.start].strip()
        return not lead or lead.endswith(_COLLECTIVE_LEAD)

    def _resolve(self, mention: Mention, at: int) -> Place | None:
        """The place a mention means; 全市 is the city last named, 全国 is national."""
        if mention.collective is None:
            return mention.place
        if mention.collective == "national":
            return self.places.places.get(NATIONAL_NAME)
        level = mention.collective
        for place in self._places_before(at):
            found = self._at_level(place, level)
            if found is not None:
                return found
        main = self._main_place()
        return self._at_level(main, level) if main is not None else None

    def _at_level(self, place: Place, level: str) -> Place | None:
        """The place itself or the ancestor of it at a level (city, county, province)."""
        if level == "province":
            return self.places.places.get(place.province or "") if place.province else None
        current: Place | None = place
        for _ in range(6):
            if current is None:
                return None
            if current.level == level:
                return current
            current = self.places.places.get(current.parent or "")
        return None

    def _places_before(self, at: int) -> Iterator[Place]:
        paragraph = self.shape.paragraph_at(at)
        for index in range(paragraph.index, -1, -1):
            for mention in reversed(self._mentions_in(self.shape.paragraphs[index])):
                if mention.start < at and mention.place is not None:
                    yield mention.place

    def _main_place(self) -> Place | None:
        """Whose figures the article reports by default: the first place of its title."""
        if not self._main_found:
            self._main_found = True
            title = self.shape.paragraphs[0]
            for mention in self._mentions_in(title):
                if mention.place is not None:
                    self._main = mention.place
                    break
            else:
                counts: dict[str, int] = {}
                for paragraph in self.shape.paragraphs[:5]:
                    for mention in self._mentions_in(paragraph):
                        if mention.place is not None:
                            counts[mention.place.name] = counts.get(mention.place.name, 0) + 1
                if counts:
                    best = max(counts, key=lambda name: counts[name])
                    self._main = self.places.places.get(best)
        return self._main

    # --- when ---

    def _in_name(self, offset: int) -> bool:
        quotation = self.shape.quotation_at(offset)
        return quotation is not None and self.shape.is_name_quote(quotation)

    def _times(self, start: int, end: int) -> list[TimeMention]:
        low = bisect.bisect_left(self._time_starts, start)
        high = bisect.bisect_left(self._time_starts, end)
        return [t for t in self.times[low:high] if not t.base]

    def _period(self, figure: Figure) -> str | None:
        at = figure.start
        paragraph = self.shape.paragraph_at(at)
        sentence = self.shape.sentence_at(at)
        before_in_sentence = self._times(sentence.start, at)
        before_in_paragraph = self._times(paragraph.start, at)
        after_in_paragraph = self._times(figure.end, paragraph.end)
        for found in (before_in_sentence, before_in_paragraph):
            if found:
                return found[-1].label
        if after_in_paragraph:
            return after_in_paragraph[0].label
        section_start, section_end = self._section(paragraph)
        earlier = self._times(section_start, paragraph.start)
        if earlier:
            return earlier[-1].label
        later = self._times(paragraph.end, section_end)
        if later:
            return later[0].label
        title = self.shape.paragraphs[0]
        in_title = self._times(title.start, title.end)
        return in_title[0].label if in_title else None

    def _section(self, paragraph: Paragraph) -> tuple[int, int]:
        """The body text between the headings around a paragraph."""
        position = bisect.bisect_right(self._headings, paragraph.index)
        first = self._headings[position - 1] + 1 if position > 0 else 0
        last = self._headings[position] if position < len(self._headings) else None
        paragraphs = self.shape.paragraphs
        start = paragraphs[min(first, len(paragraphs) - 1)].start
        end = paragraphs[last].start if last is not None else len(self.text)
        return start, end


def _holds(starts: list[int], start: int, end: int) -> bool:
    """True when a figure starts in [start, end)."""
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def _in_brackets(text: str, at: int) -> bool:
    """True when text[at] is inside round brackets: 县(市、区)."""
    before = text[:at]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def _balanced(quote: str) -> str:
    """A clause without a quotation mark left open or closed at its edges."""
    for opener, closer in (("“", "”"), ("‘", "’"), ("「", "」")):
        if quote.startswith(opener) and closer not in quote:
            quote = quote[1:]
        if quote.endswith(closer) and opener not in quote:
            quote = quote[:-1]
    return quote.strip(" \u3000")
