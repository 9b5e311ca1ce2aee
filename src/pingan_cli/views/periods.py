"""What a figure's period says beside a heading: a short mark in its cell, and a legend line.

A figure under a year it does not exactly cover (since 2023, part of a year), a figure running on
to the report (2022-04..), and a total standing at a date (a stock) each get a mark, ``[a]``, and
the legend says in the run's language what the period is, where it ends and where that end came
from. The same note gets the same mark in one table or chart. Nothing here reads a store.
"""

from __future__ import annotations

import re
from typing import Literal

from ..result import Breaks, Column, Table

Lang = Literal["zh", "en"]

_SINCE = re.compile(r"since (\d{4})")
_RANGE = re.compile(r"(\d{4}(?:-\d{2}){0,2})\.\.(\d{4}(?:-\d{2}){0,2})?")

_ORIGIN = {
    "en": {
        "original": "the original's date",
        "published": "the date the page shows",
        "address": "the date in the page's address",
        "content": "the latest date the page reports",
        "copy": "the date of another copy of the page",
    },
    "zh": {
        "original": "原文发布日期",
        "published": "页面所载日期",
        "address": "页面网址所含日期",
        "content": "页面所述最晚日期",
        "copy": "同文另一副本的日期",
    },
}

# Why --year took a figure in, by the kind of its note.
_TOOK = {
    "en": {
        "since": "a figure since {year} runs on past it, as its source headlines it",
        "part": "a part of {year} is not the whole year",
        "stock": "a stock is a total standing at a date in {year}, not a count of the year",
        "open": "a figure from a month to the report runs on past it",
    },
    "zh": {
        "since": "“以来”的数字延续到{year}年以后，来源按{year}年的数字发布",
        "part": "{year}年的一部分不是全年",
        "stock": "存量是{year}年内某一日期的总数，不是全年的数量",
        "open": "自某月起至报告时的数字延续到{year}年以后",
    },
}


def language(lang: str) -> Lang:
    """zh or en (anything else reads en)."""
    return "zh" if lang == "zh" else "en"


def _whole_year(start: str, end: str | None, year: int) -> bool:
    return start in (f"{year}", f"{year}-01", f"{year}-01-01") and end in (
        f"{year}",
        f"{year}-12",
        f"{year}-12-31",
    )


def period_kind(period: str, measure: str, year: int | None) -> str | None:
    """Why a figure is marked: stock, since, open (from a month to the report) or part (of the
    heading's year); None when its period says all there is (the heading's year, or a closed
    period shown with its label)."""
    if measure == "stock":
        return "stock"
    if _SINCE.fullmatch(period):
        return "since"
    found = _RANGE.fullmatch(period)
    if found is None:
        return None
    start, end = found.groups()
    if end is None:
        return "open"
    if year is not None and not _whole_year(start, end, year):
        return "part"
    return None


def period_note(
    period: str,
    measure: str,
    end: str | None,
    end_from: str | None,
    year: int | None = None,
    lang: str = "zh",
) -> str | None:
    """The legend's words for a figure's period beside a heading year (None: no heading), or
    None where the figure needs no mark."""
    said = language(lang)
    kind = period_kind(period, measure, year)
    if kind is None:
        return None
    origin = _ORIGIN[said].get(end_from or "", "")
    if kind == "stock":
        if end is None:
            return (
                "一个日期的总数（存量），页面未载日期"
                if said == "zh"
                else "a total standing at a date its page does not give"
            )
        if said == "zh":
            return f"截至{end}的总数（存量），不是一段时间内的数量" + (
                f"；日期取自{origin}" if origin else ""
            )
        return f"as of {end}: a total standing at that date, not a count over a period" + (
            f" (the date is {origin})" if origin else ""
        )
    if kind == "part":
        found = _RANGE.fullmatch(period)
        assert found is not None
        start, stop = found.groups()
        if said == "zh":
            return f"{start}至{stop}：{year}年的一部分，不是全年"
        return f"{start}..{stop}: part of {year}, not the whole year"
    if kind == "since":
        match = _SINCE.fullmatch(period)
        assert match is not None
        first = match.group(1)
        alone = year is not None and str(year) == first
        if end is None:
            if said == "zh":
                return f"自{first}年以来，截止日期页面未载" + (
                    f"，不只是{first}年" if alone else ""
                )
            return f"since {first}, to a date its page does not give" + (
                f", not {first} alone" if alone else ""
            )
        if said == "zh":
            return (
                f"自{first}年以来：{first}-01至{end}"
                + (f"（截止日期取自{origin}）" if origin else "")
                + (f"，不只是{first}年" if alone else "")
            )
        return (
            f"since {first}: {first}-01..{end}"
            + (f" (the end is {origin})" if origin else "")
            + (f", not {first} alone" if alone else "")
        )
    found = _RANGE.fullmatch(period)
    assert found is not None
    start = found.group(1)
    if end is None:
        return (
            f"自{start}起至报告时，报告日期页面未载"
            if said == "zh"
            else (f"from {start} to the report, whose date its page does not give")
        )
    if said == "zh":
        return f"自{start}至{end}" + (f"（截止日期取自{origin}）" if origin else "")
    return f"from {start} to {end}" + (f" (the end is {origin})" if origin else "")


def _letter(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


class Legend:
    """Marks in order of first use, one per distinct note, and why --year took figures in."""

    def __init__(self, lang: str = "zh", year: int | None = None) -> None:
        self.lang = language(lang)
        self.year = year
        self._marks: dict[str, str] = {}
        self._kinds: dict[str, int] = {}
        # NOTE: a listing of many figures has few distinct periods: each is read once.
        self._read: dict[
            tuple[str, str, str | None, str | None], tuple[str | None, str | None]
        ] = {}

    def mark(
        self,
        period: str,
        measure: str,
        end: str | None,
        end_from: str | None,
    ) -> str:
        """The mark for a figure ("[a]"), or "" where it needs none."""
        key = (period, measure, end, end_from)
        read = self._read.get(key)
        if read is None:
            read = (
                period_kind(period, measure, self.year),
                period_note(period, measure, end, end_from, self.year, self.lang),
            )
            self._read[key] = read
        kind, note = read
        if note is None:
            return ""
        if kind is not None:
            self._kinds[kind] = self._kinds.get(kind, 0) + 1
        found = self._marks.get(note)
        if found is None:
            found = f"[{_letter(len(self._marks))}]"
            self._marks[note] = found
        return found

    def marked(
        self, text: str, period: str, measure: str, end: str | None, end_from: str | None
    ) -> str:
        """text with its figure's mark after it (a space between), if it has one."""
        mark = self.mark(period, measure, end, end_from)
        return f"{text} {mark}" if mark else text

    def lines(self) -> list[str]:
        """Each mark with its note, in order of first use."""
        return [f"{mark} {note}" for note, mark in self._marks.items()]

    def took_in(self) -> str | None:
        """What a year's table took in that is not the calendar year (--year, or the year a
        ranking chose), and why; None without a year or where every figure is the year's own."""
        if self.year is None or not self._kinds:
            return None
        count = sum(self._kinds.values())
        why = "；".join if self.lang == "zh" else "; ".join
        reasons = why(
            _TOOK[self.lang][kind].format(year=self.year)
            for kind in ("since", "open", "part", "stock")
            if kind in self._kinds
        )
        if self.lang == "zh":
            return (
                f"作为{self.year}年的数字收入了{count}个期间不等于{self.year}年全年的数字"
                f"（已标注）：{reasons}"
            )
        figures = "figure" if count == 1 else "figures"
        return (
            f"Taken as {self.year}'s: {count} {figures} whose period is not the calendar year "
            f"{self.year} (marked): {reasons}"
        )

    def tables(self) -> list[Table]:
        """The legend, and what --year took in, as lines under a table (every human format)."""
        lines = self.lines()
        took = self.took_in()
        if took:
            lines.append(took)
        if not lines:
            return []
        column = Column("note", "", breaks=Breaks.words)
        return [Table(None, [column], [{"note": line} for line in lines], show_header=False)]
