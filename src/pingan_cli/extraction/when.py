"""When a figure is of: the nearest time expression before it in its sentence or paragraph,
after it in its paragraph, then in its section, then anywhere before; else the article's year.

A comparison's base (较2019年) is not the figure's period; 其中，2022年 dates a part only; an
operation's dates (7月11日至8月31日) stay in their paragraph and a bare month (8月) in its clause;
a streak (连续4年) spans the years it counts; 同比 over several years is the last one.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from .figures import TextFigure
from .layout import Paragraph, TextLayout
from .numerals import CHINESE_NUMERAL_CHARS, plain, scaled
from .periods import CAMPAIGN_STARTS, TimeMention, time_mentions
from .whose import EXAMPLE_LEAD

_STREAK = re.compile(rf"连续([\d{CHINESE_NUMERAL_CHARS}]+)(年|个月)")
_YEARS = re.compile(r"\d{4}")
_NOW = re.compile("目前|至今|截至目前")
_CAMPAIGN = re.compile("|".join(CAMPAIGN_STARTS))
_BASIS_AFTER = re.compile(r"[^，,。；;\n]{0,12}?的基础上")
_WHOLE_YEARS = re.compile(r"(\d{4})-01\.\.(\d{4})-12")
_MONTHS = re.compile(r"(\d{4})-(\d{2})")


class When:
    """Finds the period each figure of one article is of."""

    def __init__(self, text: str, shape: TextLayout, published: date | None) -> None:
        self.text = text
        self.shape = shape
        self.published = published
        every = [t for t in time_mentions(text, published) if not shape.in_name(t.start)]
        self.times = [t for t in every if not t.base]
        self._time_starts = [t.start for t in self.times]
        self._bases = [t for t in every if t.base]
        self._base_starts = [t.start for t in self._bases]
        self._shared = [t for t in self.times if not t.local]
        self._shared_starts = [t.start for t in self._shared]
        self._headings = [p.index for p in shape.paragraphs if p.heading]
        self._has_streaks = "连续" in text
        self._has_now = _NOW.search(text) is not None
        self._campaign_label: str | None = None

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
            if own_clause and not (general and lead.rstrip("，, ").endswith(EXAMPLE_LEAD)):
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

    def period(self, figure: TextFigure) -> str | None:
        """When the figure is of, as a period label (2023, since 2023, 2024-01..2024-07)."""
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

    def _streak(self, figure: TextFigure) -> tuple[int, str] | None:
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

    def _context_period(self, figure: TextFigure) -> str | None:
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

    def _basis(self, figure: TextFigure) -> TimeMention | None:
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
