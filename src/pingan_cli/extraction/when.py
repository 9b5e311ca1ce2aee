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

from ..load.models import IndicatorKind
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
# A span of months within one year: 2022-07..2022-09.
_PART_OF_YEAR = re.compile(r"(\d{4})-\d{2}\.\.\1-\d{2}|\d{4}-\d{2}")
# Rates that surveys give for a whole year.
_YEAR_RATE = re.compile("安全感|满意度|满意率|知晓率")
# A span open at its end: since 2023, 2022-04.., 2022-04..2023-05 (to the article's date).
_OPEN_SPAN = re.compile(r"^since |\.\.$")
# Paragraphs that are the title and the lead.
_LEAD_PARAGRAPHS = 3


class When:
    """Finds the period each figure of one article is of."""

    def __init__(
        self,
        text: str,
        shape: TextLayout,
        published: date | None,
        starts: list[int] | None = None,
        year: int | None = None,
    ) -> None:
        self.text = text
        self.shape = shape
        self.published = published
        self.year = published.year if published is not None else year
        every = [t for t in time_mentions(text, published, year=year) if not shape.in_name(t.start)]
        figure_starts = starts or []
        # A time after a figure in its sentence, or a day's date, dates its sentence only:
        # 同比下降84%，2018年以来现行命案保持全破。“两抢一盗”案件同比下降47.97% is not since 2018.
        self._sentence_local = {
            t.start
            for t in every
            if t.sentence_only
            or _holds(figure_starts, self.shape.sentence_at(t.start).start, t.start)
        }
        self.times = [t for t in every if not t.base]
        self._time_starts = [t.start for t in self.times]
        self._bases = [t for t in every if t.base]
        self._base_starts = [t.start for t in self._bases]
        self._shared = [t for t in self.times if not t.local]
        self._shared_starts = [t.start for t in self._shared]
        self._headings = [p.index for p in shape.paragraphs if p.heading]
        self._has_streaks = "连续" in text
        self._streak_at = [m.start() for m in _STREAK.finditer(text)]
        self._now_at = [m.start() for m in _NOW.finditer(text)]
        self._campaign_label: str | None = None
        self._lead = self._lead_period()

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
            point = end if at is None else at
            own_clause = not mention.clause_only or (
                self.shape.clause_at(mention.start) == self.shape.clause_at(point)
            )
            if mention.start in self._sentence_local and (
                self.shape.sentence_at(mention.start) != self.shape.sentence_at(point)
            ):
                own_clause = False
            if own_clause and not (general and lead.rstrip("，, ").endswith(EXAMPLE_LEAD)):
                return mention
            index -= 1
        return None

    def _first_time(self, start: int, end: int, shared: bool = False) -> TimeMention | None:
        """The first time expression starting in [start, end) (``shared``: as _last_time)."""
        times, starts = self._timeline(shared)
        index = bisect.bisect_left(starts, start)
        while index < len(times) and times[index].start < end:
            mention = times[index]
            if not mention.clause_only and (
                mention.start not in self._sentence_local
                or self.shape.sentence_at(mention.start) == self.shape.sentence_at(start)
            ):
                return mention
            index += 1
        return None

    def period(self, figure: TextFigure) -> str | None:
        """When the figure is of, as a period label (2023, since 2023, 2024-01..2024-07)."""
        streak = self._streak(figure)
        label = self._context_period(figure)
        if (
            streak is not None
            and self.year is not None
            and self._last_time(self.shape.sentence_at(figure.start).start, figure.start) is None
            and self._first_time(figure.end, self.shape.sentence_at(figure.start).end) is None
        ):
            label = str(self.year)  # 已连续3年, with no time in its sentence: up to this year
        if label and figure.as_written.startswith("同比"):
            years = _WHOLE_YEARS.fullmatch(label)
            if years and years.group(1) != years.group(2):
                # year on year: the last year of a longer period, not the period itself
                label = years.group(2)
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
        index = bisect.bisect_left(self._streak_at, figure.start) - 1
        if index < 0 or self._streak_at[index] < clause.start:
            return None
        found = _STREAK.match(self.text, self._streak_at[index], figure.start)
        if found is None:
            return None
        return int(plain(scaled(found.group(1), None))), found.group(2)

    def _context_period(self, figure: TextFigure) -> str | None:
        """The period of the nearest time expression: before the figure in its sentence, after
        it in its sentence, before it in its paragraph, then in its section, then anywhere
        before; else the year the title or lead names, else the article's year."""
        at = figure.start
        paragraph = self.shape.paragraph_at(at)
        sentence = self.shape.sentence_at(at)
        basis = self._basis(figure) if self._bases else None
        if basis is not None:
            return basis.label
        own = self._last_time(sentence.start, at)
        if (own is None or own.now) and _holds(self._now_at, sentence.start, at):
            campaign = self._campaign()
            if campaign is not None:
                return campaign  # 目前全市立案查处215人: so far in the campaign told about
        if own is not None and own.now:
            # 自6月25日……以来，截至目前: the span that 截至目前 closes
            earlier = self._last_time(sentence.start, own.start)
            if earlier is not None and earlier.label is not None and ".." in earlier.label:
                own = earlier
        if own is not None and own.duration:
            # 2023年……创五年来最好成绩……安全感达98.68%: the year named wins over the duration
            explicit = self._explicit_before(sentence.start, own.start)
            own = explicit or own
        found = (
            own
            or self._first_time(figure.end, self.shape.clause_at(figure.start).end)
            or self._last_time(paragraph.start, sentence.start, general=True, at=at)
            or self._first_time(figure.end, sentence.end)
        )
        if found is None:
            section_start, section_end = self._section(paragraph)
            found = self._last_time(section_start, paragraph.start, shared=True, at=at)
            if found is None:
                # 一条4米宽的道路……（next paragraph）自2022年4月成立以来: a state told without a
                # time is of the span that the section goes on to open; a later year is not
                later = self._first_time(paragraph.end, section_end, shared=True)
                if later is not None and _OPEN_SPAN.search(later.label or ""):
                    found = later
            found = found or self._last_time(0, section_start, shared=True, at=at)
        if found is not None:
            return self._of_rate(found, figure)
        # Nothing in the article dates the figure: the year its title or lead names, else the
        # year the article reports in.
        if self._lead is not None:
            return self._lead
        return str(self.year) if self.year is not None else None

    def base(self, figure: TextFigure) -> str | None:
        """What a change is measured against, when its sentence names it before the figure
        (较2019年, 与2021年同期相比, 比去年): the base's period label; None otherwise."""
        if not self._bases or figure.reading.kind is not IndicatorKind.change:
            return None
        sentence = self.shape.sentence_at(figure.start)
        index = bisect.bisect_left(self._base_starts, figure.start) - 1
        if index >= 0 and self._bases[index].start >= sentence.start:
            return self._bases[index].label
        return None

    def _explicit_before(self, start: int, end: int) -> TimeMention | None:
        """The last time in [start, end) that names its year."""
        index = bisect.bisect_left(self._time_starts, end) - 1
        while index >= 0 and self.times[index].start >= start:
            if self.times[index].explicit:
                return self.times[index]
            index -= 1
        return None

    def _of_rate(self, found: TimeMention, figure: TextFigure) -> str | None:
        """第三季度，……；群众安全感达98%: a quarter or months of an earlier clause are not the
        period of a year's survey rate, which is of the whole year."""
        label = found.label
        if (
            label is None
            or found.year is None
            or not _PART_OF_YEAR.fullmatch(label)
            or self.shape.clause_at(found.start) == self.shape.clause_at(figure.start)
        ):
            return label
        clause = self.shape.clause_at(figure.start)
        if _YEAR_RATE.search(self.text, max(clause.start, figure.start - 40), figure.start):
            return str(found.year)
        return label

    def _lead_period(self) -> str | None:
        """The year the title or the lead names (2024年甘肃公安…, 通报2024年以来…)."""
        paragraphs = self.shape.paragraphs[:_LEAD_PARAGRAPHS]
        if not paragraphs:
            return None
        end = paragraphs[-1].end
        for mention in self.times:
            if mention.start >= end:
                break
            if (
                mention.explicit
                and mention.label is not None
                and not (mention.clause_only or mention.local)
                and mention.start not in self._sentence_local
            ):
                return mention.label
        return None

    def _campaign(self) -> str | None:
        """The period of the campaign the article tells of (专项斗争开展以来: since 2018), if
        it names one as a period; a campaign named in passing (常态化推进扫黑除恶) is not."""
        if self._campaign_label is None:
            found = next(
                (t for t in self.times if t.label and _CAMPAIGN.match(self.text, t.start)), None
            )
            self._campaign_label = found.label if found is not None and found.label else ""
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


def _holds(starts: list[int], start: int, end: int) -> bool:
    """True when a figure starts in [start, end)."""
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def _span(label: str, count: int, unit: str) -> str | None:
    """A streak of count years or months that ends where the period label ends."""
    if unit == "年":
        years = _YEARS.findall(label)
        if not years or count < 1 or label.endswith("..") or label.startswith("since"):
            return None
        end = int(years[-1])
        return f"{end - count + 1}-01..{end}-12"
    months = _MONTHS.findall(label)
    if not months and re.fullmatch(r"\d{4}", label):
        months = [(label, "12")]  # 2021年……连续四个月: to the end of 2021
    if not months or count < 1 or label.endswith(".."):
        return None
    year, month = int(months[-1][0]), int(months[-1][1])
    first = year * 12 + month - 1 - (count - 1)
    return f"{first // 12}-{first % 12 + 1:02d}..{year}-{month:02d}"
