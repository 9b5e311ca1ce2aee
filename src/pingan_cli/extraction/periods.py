"""Time expressions: 2023年, 2023年以来, 2024年1-7月, 今年上半年, 自2022年4月成立以来.

Each is resolved to a period label in the form the rest of pingan writes periods (2023,
since 2023, 2024-01..2024-07, 2022-04..), with 今年, 去年 and the like resolved against the
article's date; a comparison's base year (较2019年) is marked so that it is not taken for the
figure's own period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .numbers import CHINESE_NUMERAL_CHARS, NumberError, chinese_integer

# Parts of a year, as months.
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "上半年": (1, 6),
    "下半年": (7, 12),
    "第一季度": (1, 3),
    "一季度": (1, 3),
    "第二季度": (4, 6),
    "二季度": (4, 6),
    "第三季度": (7, 9),
    "三季度": (7, 9),
    "第四季度": (10, 12),
    "四季度": (10, 12),
    "前三季度": (1, 9),
    "前两个季度": (1, 6),
}
# Years relative to the article's date.
RELATIVE_YEARS: dict[str, int] = {
    "今年": 0,
    "本年": 0,
    "本年度": 0,
    "当年": 0,
    "去年": -1,
    "上年": -1,
    "上一年": -1,
    "前年": -2,
}
# Before a time expression: it is the base a change is measured against, not the figure's period.
BASE_BEFORE: tuple[str, ...] = ("较", "比", "与", "同", "对比", "相比", "低于", "高于", "超过")

_PARTS = "|".join(sorted(YEAR_PARTS, key=len, reverse=True))
_RELATIVE = "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True))
_SINCE = r"(?P<since>[^，,。；;、\n]{0,8}?以来|至今)?"
_DASH = r"\s*[-—–~～至到]\s*"
_MONTH = rf"(?:\d{{1,2}}|[{CHINESE_NUMERAL_CHARS}]{{1,3}})"
TIME = re.compile(
    "|".join(
        (
            rf"(?P<y1>\d{{4}})年?{_DASH}(?P<y2>\d{{4}})年(?:度)?",
            rf"(?P<ry>\d{{4}})年(?P<rm1>{_MONTH})月?(?:份)?{_DASH}(?P<rm2>{_MONTH})月(?:份)?",
            rf"(?P<py>\d{{4}})年(?:度)?(?P<part>{_PARTS})",
            rf"(?P<my>\d{{4}})年(?P<m>{_MONTH})月(?:(?P<d>\d{{1,2}})日)?{_SINCE}",
            r"(?P<y>\d{4})年(?:度)?(?P<ysince>以来|至今)?",
            rf"(?P<rel>{_RELATIVE})(?P<relpart>{_PARTS})?(?P<relsince>以来)?",
            rf"(?P<om1>{_MONTH})月?(?:份)?{_DASH}(?P<om2>{_MONTH})月(?:份)?",
            rf"前(?P<first>{_MONTH})个月",
            rf"(?P<opart>{_PARTS})",
            r"(?P<whole>全年)",
        )
    )
)


@dataclass(frozen=True)
class TimeMention:
    """A time expression at [start, end) and the period it names (None when unresolved)."""

    start: int
    end: int
    label: str | None
    year: int | None
    base: bool = False
    explicit: bool = False


def _month(text: str) -> int:
    number = int(text) if text.isdigit() else chinese_integer(text)
    if not 1 <= number <= 12:
        raise NumberError(f"no month {number}")
    return number


def _range(year: int, first: int, last: int) -> str:
    return f"{year}-{first:02d}..{year}-{last:02d}"


def time_mentions(
    text: str, published: date | None, start: int = 0, end: int | None = None
) -> list[TimeMention]:
    """The time expressions of text[start:end], resolved against the article's date."""
    found: list[TimeMention] = []
    context_year = published.year if published else None
    stop = len(text) if end is None else end
    for match in TIME.finditer(text, start, stop):
        try:
            mention = _resolve(match, published, context_year)
        except NumberError:
            continue
        if mention is None:
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        if before.endswith(BASE_BEFORE):
            mention = TimeMention(mention.start, mention.end, mention.label, mention.year, True)
        elif mention.explicit and mention.year is not None:
            context_year = mention.year
        found.append(mention)
    return found


def _resolve(
    match: re.Match[str], published: date | None, context: int | None
) -> TimeMention | None:
    group = match.group
    s, e = match.start(), match.end()
    if group("y1"):
        first, last = int(group("y1")), int(group("y2"))
        if not 1900 <= first <= last <= 2100:
            return None
        return TimeMention(s, e, f"{first}-01..{last}-12", first, explicit=True)
    if group("ry"):
        year = int(group("ry"))
        return TimeMention(
            s, e, _range(year, _month(group("rm1")), _month(group("rm2"))), year, explicit=True
        )
    if group("py"):
        year = int(group("py"))
        return TimeMention(s, e, _range(year, *YEAR_PARTS[group("part")]), year, explicit=True)
    if group("my"):
        year, month = int(group("my")), _month(group("m"))
        if group("since"):
            return TimeMention(s, e, f"{year}-{month:02d}..", year, explicit=True)
        return TimeMention(s, e, str(year), year, explicit=True)
    if group("y"):
        year = int(group("y"))
        if not 1900 <= year <= 2100:
            return None
        label = f"since {year}" if group("ysince") else str(year)
        return TimeMention(s, e, label, year, explicit=True)
    if group("rel"):
        if published is None:
            return TimeMention(s, e, None, None)
        year = published.year + RELATIVE_YEARS[group("rel")]
        if group("relpart"):
            return TimeMention(s, e, _range(year, *YEAR_PARTS[group("relpart")]), year)
        label = f"since {year}" if group("relsince") else str(year)
        return TimeMention(s, e, label, year)
    if group("om1"):
        first, last = _month(group("om1")), _month(group("om2"))
        if context is None or first > last:
            return TimeMention(s, e, None, None)
        return TimeMention(s, e, _range(context, first, last), context)
    if group("first"):
        if context is None:
            return TimeMention(s, e, None, None)
        return TimeMention(s, e, _range(context, 1, _month(group("first"))), context)
    if group("opart"):
        if context is None:
            return TimeMention(s, e, None, None)
        return TimeMention(s, e, _range(context, *YEAR_PARTS[group("opart")]), context)
    # 全年: the year being told about.
    if context is None:
        return None
    return TimeMention(s, e, str(context), context)


_DATE_LINE = re.compile(
    r"(?P<y>20\d{2}|19\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
)


def date_line(text: str, head: int = 400) -> date | None:
    """The article's date from its date line: the first full date near the top, or a 发布 line."""
    labelled = re.search(r"(?:发布|时间|日期)[^\n\d]{0,8}" + _DATE_LINE.pattern, text)
    match = labelled or _DATE_LINE.search(text, 0, head)
    if match is None:
        return None
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None
