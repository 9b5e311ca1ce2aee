"""From an article to proposed observations: each figure with whose it is, when, and what of."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from ..models import Dataset, IndicatorKind, Qualifier
from . import lexicon as lx
from .figures import Figure, scan
from .indicators import IndicatorMatcher
from .layout import Layout, Paragraph, Span, layout
from .numbers import CHINESE_NUMERAL_CHARS, plain, scaled
from .periods import CAMPAIGN_STARTS, TimeMention, date_line, time_mentions
from .places import NATIONAL_NAME, Gazetteer, Mention, Place, gazetteer


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
_EDGE_MARKS = frozenset("“”‘’「」 \u3000")
_DIGIT = re.compile(r"\d")
_UNBALANCED_EDGES = '“”‘’"「」 \u3000'
_COLLECTIVE_LEAD = ("年", "以来", "月", "日", "来", "同时", "此外", "其中", "目前", "共", "“")
# A place after these is an example within a larger whole: 其中天长市同比上升25.95个百分点.
_EXAMPLE_LEAD = ("其中", "如")
_RANKING = ("第", "前", "排", "之首", "最", "首位")
_DATELINE = re.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")
_STREAK = re.compile(rf"连续([\d{CHINESE_NUMERAL_CHARS}]+)(年|个月)")
_YEARS = re.compile(r"\d{4}")
_NOW = re.compile("目前|至今|截至目前")
_CAMPAIGN = re.compile("|".join(CAMPAIGN_STARTS))
_BASIS_AFTER = re.compile(r"[^，,。；;\n]{0,12}?的基础上")
_WHOLE_YEARS = re.compile(r"(\d{4})-01\.\.(\d{4})-12")
_MONTHS = re.compile(r"(\d{4})-(\d{2})")
# How many paragraphs back 全市 looks for the city it means, before the article's own place.
_LOOK_BACK = 12
# Paragraphs read for the article's own place: the title and the lead.
_LEAD_PARAGRAPHS = 4


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
    _starts: list[int] = field(default_factory=list)
    _subjects: dict[tuple[int, int], bool] = field(default_factory=dict)
    _at_levels: dict[str, Place | None] = field(default_factory=dict)
    _campaign_label: str | None = None
    _mention_starts: dict[int, list[int]] = field(default_factory=dict)
    _places_at: dict[tuple[int, int, int], Place | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.shape = layout(self.text)
        if self.published is None:
            self.published = date_line(self.text)
        self.places = gazetteer().with_regions(self.dataset.regions)
        every = [t for t in time_mentions(self.text, self.published) if not self._in_name(t.start)]
        self.times = [t for t in every if not t.base]
        self._bases = [t for t in every if t.base]
        self._has_streaks = "连续" in self.text
        self._respectively = "分别" in self.text
        self._has_now = _NOW.search(self.text) is not None
        self._base_starts = [t.start for t in self._bases]
        self._time_starts = [t.start for t in self.times]
        self._shared = [t for t in self.times if not t.local]
        self._shared_starts = [t.start for t in self._shared]
        self._headings = [p.index for p in self.shape.paragraphs if p.heading]
        self._matcher = IndicatorMatcher.of(self.dataset.indicators)

    # --- the whole ---

    def candidates(self) -> list[Candidate]:
        figures = scan(self.text, self.shape)
        held = self._held_spans()
        starts = [f.start for f in figures]
        self._starts = starts
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
                    indicator=self._indicator(figure, quote) if self.dataset.indicators else None,
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

    def _indicator(self, figure: Figure, quote: str) -> str | None:
        """The dataset's indicator the clause (else the sentence up to it) clearly names."""
        unit, kind = figure.reading.unit, figure.reading.kind
        return self._matcher.match(quote, unit, kind) or self._matcher.match(
            self._lead_in(figure) + quote, unit, kind
        )

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
        if self._respectively:
            listed = self._listed_place(figure, mentions)
            if listed is not None:
                return self._resolve(listed, figure.start)
        sentence = self.shape.sentence_at(figure.start)
        # Figures with the same places named before them in their sentence get the same answer.
        key = (
            sentence.start,
            bisect.bisect_left(self._starts_of(mentions), figure.start),
            quotation.start if quotation is not None else -1,
        )
        if key in self._places_at:
            return self._places_at[key]
        mention = self._nearest(mentions, sentence, figure.start, quotation)
        if mention is None:
            mention = self._nearest(mentions, paragraph, sentence.start, quotation, examples=False)
        place = self._resolve(mention, figure.start) if mention is not None else self._main_place()
        self._places_at[key] = place
        return place

    def _starts_of(self, mentions: list[Mention]) -> list[int]:
        starts = self._mention_starts.get(id(mentions))
        if starts is None:
            starts = [m.start for m in mentions]
            self._mention_starts[id(mentions)] = starts
        return starts

    def _listed_place(self, figure: Figure, mentions: list[Mention]) -> Mention | None:
        """天长市、定远县分别上升15.92个百分点和15.71个百分点: the i-th figure, the i-th place."""
        clause = self.shape.clause_at(figure.start)
        respectively = self.text.find("分别", clause.start, figure.start)
        if respectively < 0:
            return None
        listed = [
            m for m in mentions if clause.start <= m.start < respectively and m.place is not None
        ]
        if len(listed) < 2:
            return None
        low = bisect.bisect_right(self._starts, respectively)
        high = bisect.bisect_left(self._starts, clause.end)
        order = self._starts[low:high]
        if len(order) != len(listed) or figure.start not in order:
            return None
        return listed[order.index(figure.start)]

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
        self,
        mentions: list[Mention],
        scope: Span,
        before: int,
        quotation: Span | None,
        examples: bool = True,
    ) -> Mention | None:
        """The place named last before a point in scope that can be whose a figure is."""
        starts = self._starts_of(mentions)
        for index in range(bisect.bisect_left(starts, before) - 1, -1, -1):
            mention = mentions[index]
            if mention.start < scope.start:
                break
            if not examples and self.text.endswith(_EXAMPLE_LEAD, 0, mention.start):
                continue
            # 兰州市红古区、天水市清水县等20个县区: a place named within a longer name is listed
            # when the name it begins is.
            end = mention.end
            for following in mentions[index + 1 :]:
                if following.start != end:
                    break
                end = following.end
            if self.text.startswith(("、", "等"), end):
                continue
            if self._subject(mention, quotation):
                return mention
        return None

    def _subject(self, mention: Mention, quotation: Span | None) -> bool:
        """True when a place named here can be whose a figure is."""
        key = (mention.start, quotation.start if quotation is not None else -1)
        found = self._subjects.get(key)
        if found is None:
            found = self._is_subject(mention, quotation)
            self._subjects[key] = found
        return found

    def _is_subject(self, mention: Mention, quotation: Span | None) -> bool:
        if self._in_name(mention.start):
            return False
        inside = self.shape.quotation_at(mention.start)
        if inside is not None and inside != quotation:
            return False
        before = self.text[max(0, mention.start - 2) : mention.start]
        if before.endswith(lx.NOT_SUBJECT_BEFORE):
            return False
        after = self.text[mention.end : mention.end + 12]
        if _DATELINE.match(after) or after.startswith(("、", "等")) or before.endswith("、"):
            return False  # 新华社北京8月7日电; 广东、四川、广西等19个省份
        if mention.collective is None or mention.body:
            return True
        if after.startswith(_RANKING):
            return False  # 全省第1位, 全市前两位
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
        found = self._at_level(main, level) if main is not None else None
        return found or self._anywhere_at_level(level)

    def _anywhere_at_level(self, level: str) -> Place | None:
        """The first place the article names that is at a level or lies within one."""
        if level not in self._at_levels:
            self._at_levels[level] = self._find_at_level(level)
        return self._at_levels[level]

    def _find_at_level(self, level: str) -> Place | None:
        for paragraph in self.shape.paragraphs:
            for mention in self._mentions_in(paragraph):
                if mention.place is not None:
                    found = self._at_level(mention.place, level)
                    if found is not None:
                        return found
        return None

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
        """Places named before a point, nearest first, within the last few paragraphs."""
        paragraph = self.shape.paragraph_at(at)
        for index in range(paragraph.index, max(-1, paragraph.index - _LOOK_BACK), -1):
            for mention in reversed(self._mentions_in(self.shape.paragraphs[index])):
                if mention.start < at and mention.place is not None:
                    yield mention.place

    def _main_place(self) -> Place | None:
        """Whose figures the article reports by default: the first place its title or lead names
        as a subject, else the first place it names at all."""
        if not self._main_found:
            self._main_found = True
            self._main = self._first_place(subjects=True) or self._first_place(subjects=False)
        return self._main

    def _first_place(self, subjects: bool) -> Place | None:
        for paragraph in self.shape.paragraphs[:_LEAD_PARAGRAPHS]:
            for mention in self._mentions_in(paragraph):
                if subjects and not self._subject(mention, self.shape.quotation_at(mention.start)):
                    continue
                place = self._resolve_main(mention)
                if place is not None:
                    return place
        return None

    def _resolve_main(self, mention: Mention) -> Place | None:
        if mention.collective is None:
            return mention.place
        if mention.collective == "national":
            return self.places.places.get(NATIONAL_NAME)
        return self._anywhere_at_level(mention.collective)

    # --- when ---

    def _in_name(self, offset: int) -> bool:
        quotation = self.shape.quotation_at(offset)
        return quotation is not None and self.shape.is_name_quote(quotation)

    def _timeline(self, shared: bool) -> tuple[list[TimeMention], list[int]]:
        if shared:
            return self._shared, self._shared_starts
        return self.times, self._time_starts

    def _last_time(
        self,
        start: int,
        end: int,
        shared: bool = False,
        general: bool = False,
        at: int | None = None,
    ) -> TimeMention | None:
        """The last time expression starting in [start, end); with ``shared``, only one that
        later paragraphs share (not an operation's dates); with ``general``, not one that dates
        a part (其中，2022年…)."""
        times, starts = self._timeline(shared)
        index = bisect.bisect_left(starts, end) - 1
        while index >= 0 and times[index].start >= start:
            mention = times[index]
            lead = self.text[max(0, mention.start - 3) : mention.start]
            own_clause = not mention.clause_only or (
                self.shape.clause_at(mention.start)
                == self.shape.clause_at(end if at is None else at)
            )
            if own_clause and not (general and lead.rstrip("，, ").endswith(_EXAMPLE_LEAD)):
                return mention
            index -= 1
        return None

    def _first_time(self, start: int, end: int, shared: bool = False) -> TimeMention | None:
        """The first time expression starting in [start, end) (``shared``: as _last_time)."""
        times, starts = self._timeline(shared)
        index = bisect.bisect_left(starts, start)
        while index < len(times) and times[index].start < end:
            if not times[index].clause_only:
                return times[index]
            index += 1
        return None

    def _period(self, figure: Figure) -> str | None:
        label = self._context_period(figure)
        if label and figure.as_written.startswith("同比"):
            years = _WHOLE_YEARS.fullmatch(label)
            if years and years.group(1) != years.group(2):
                # year on year: the last year of a longer period, not the period itself
                label = years.group(2)
        streak = self._streak(figure)
        if streak is None or label is None:
            return label
        whole = _WHOLE_YEARS.fullmatch(label)
        if whole is not None:
            length = int(whole.group(2)) - int(whole.group(1)) + 1
            count, unit = streak
            if count <= (length if unit == "年" else length * 12):
                return label  # 五年来……连续51个月: a streak within the period told about
        return _span(label, *streak)

    def _streak(self, figure: Figure) -> tuple[int, str] | None:
        """连续4年保持98%以上, 连续14个月下降, 六年连降: how long the figure's streak is."""
        reading = figure.reading
        if reading.unit in ("年", "个月"):
            before = self.text[max(0, figure.start - 2) : figure.start]
            after = self.text[figure.end : figure.end + 2]
            if before.endswith("连续") or after.startswith(("连", "持续")):
                number = self.text[figure.number_start : figure.end].rstrip("年个月余多以上")
                return int(plain(scaled(number, None))), reading.unit
        if not self._has_streaks:
            return None
        clause = self.shape.clause_at(figure.start)
        found = None
        for match in _STREAK.finditer(self.text, clause.start, figure.start):
            found = match
        if found is None:
            return None
        return int(plain(scaled(found.group(1), None))), found.group(2)

    def _context_period(self, figure: Figure) -> str | None:
        """The period of the nearest time expression: before the figure in its sentence or
        paragraph, after it in its paragraph, then in its section, then anywhere before."""
        at = figure.start
        paragraph = self.shape.paragraph_at(at)
        sentence = self.shape.sentence_at(at)
        basis = self._basis(figure) if self._bases else None
        if basis is not None:
            return basis.label
        if (
            self._has_now
            and self._last_time(sentence.start, at) is None
            and _NOW.search(self.text, sentence.start, at)
        ):
            campaign = self._campaign()
            if campaign is not None:
                return campaign  # 目前全市立案查处215人: so far in the campaign told about
        found = (
            self._last_time(sentence.start, at)
            or self._last_time(paragraph.start, sentence.start, general=True, at=at)
            or self._first_time(figure.end, paragraph.end)
        )
        if found is None:
            section_start, section_end = self._section(paragraph)
            found = (
                self._last_time(section_start, paragraph.start, shared=True, at=at)
                or self._first_time(paragraph.end, section_end, shared=True)
                or self._last_time(0, section_start, shared=True, at=at)
            )
        if found is not None:
            return found.label
        # Nothing in the article dates the figure: it is of the year the article reports in.
        return str(self.published.year) if self.published is not None else None

    def _campaign(self) -> str | None:
        """The period of the campaign the article is about (专项斗争: since 2018), if any."""
        if self._campaign_label is None:
            match = _CAMPAIGN.search(self.text)
            self._campaign_label = (
                f"since {CAMPAIGN_STARTS[match.group(0)]}" if match is not None else ""
            )
        return self._campaign_label or None

    def _basis(self, figure: Figure) -> TimeMention | None:
        """在去年下降36.75%的基础上: a figure inside the basis phrase is of the basis's time."""
        if not _BASIS_AFTER.match(self.text, figure.end):
            return None
        clause = self.shape.clause_at(figure.start)
        index = bisect.bisect_left(self._base_starts, figure.start) - 1
        if index >= 0 and self._bases[index].start >= clause.start:
            return self._bases[index]
        return None

    def _section(self, paragraph: Paragraph) -> tuple[int, int]:
        """The body text between the headings around a paragraph."""
        position = bisect.bisect_right(self._headings, paragraph.index)
        first = self._headings[position - 1] if position > 0 else 0
        last = self._headings[position] if position < len(self._headings) else None
        paragraphs = self.shape.paragraphs
        start = paragraphs[min(first, len(paragraphs) - 1)].start
        end = paragraphs[last].start if last is not None else len(self.text)
        return start, end


def _span(label: str, count: int, unit: str) -> str | None:
    """A streak of count years or months that ends where the period label ends."""
    if unit == "年":
        years = _YEARS.findall(label)
        if not years or count < 1 or label.endswith("..") or label.startswith("since"):
            return None
        end = int(years[-1])
        return f"{end - count + 1}-01..{end}-12"
    months = _MONTHS.findall(label)
    if not months or count < 1 or label.endswith(".."):
        return None
    year, month = int(months[-1][0]), int(months[-1][1])
    first = year * 12 + month - 1 - (count - 1)
    return f"{first // 12}-{first % 12 + 1:02d}..{year}-{month:02d}"


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
    if quote[:1] not in _EDGE_MARKS and quote[-1:] not in _EDGE_MARKS:
        return quote.strip(" \u3000")
    for opener, closer in (("“", "”"), ("‘", "’"), ("「", "」")):
        if quote.startswith(opener) and closer not in quote:
            quote = quote[1:]
        if quote.endswith(closer) and opener not in quote:
            quote = quote[:-1]
    return quote.strip(" \u3000")
