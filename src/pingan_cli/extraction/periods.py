"""Time expressions: 2023年, 2023年以来, 2024年1-7月, 今年上半年, 自2022年4月成立以来.

Each is resolved to a period label in the form the rest of pingan writes periods (2023,
since 2023, 2024-01..2024-07, 2022-04..), with 今年, 去年 and the like resolved against the
article's date; a comparison's base year (较2019年) is marked so that it is not taken for the
figure's own period.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from .numerals import CHINESE_NUMERAL_CHARS, NumberError, chinese_integer

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

# Campaigns whose start is known: 专项斗争以来 is since the 扫黑除恶 campaign began in 2018,
# 常态化以来 since it was made permanent in 2021.
CAMPAIGN_STARTS: dict[str, int] = {"专项斗争": 2018, "常态化": 2021}
# Five-year plans: “十四五”期间 is 2021 to 2025.
FIVE_YEAR_PLANS: dict[str, int] = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021}

# 在去年下降36.75%的基础上: a time inside 在……的基础上 is the base, not the figure's period.
_ON_BASIS = re.compile(r"[^，,。；;\n]{0,24}?的基础上")
_PARTS = "|".join(sorted(YEAR_PARTS, key=len, reverse=True))
_RELATIVE = "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True))
_CAMPAIGNS = "|".join(CAMPAIGN_STARTS)
_PLANS = "|".join(FIVE_YEAR_PLANS)
_SINCE = r"(?P<since>[^，,。；;、\n]{0,12}?以来|至今)?"
_DASH = r"\s*[-—–~～至到]\s*"
_MONTH = rf"(?:\d{{1,2}}|[{CHINESE_NUMERAL_CHARS}]{{1,3}})"
_COUNT = rf"(?:\d{{1,2}}|[{CHINESE_NUMERAL_CHARS}]{{1,3}})"
# Every time expression starts with one of these: the lookahead lets the regex engine skip the
# rest of the text quickly (measured in docs/performance.md).
_TIME_FIRST = rf"[\d{CHINESE_NUMERAL_CHARS}今本当去上前自截近过这专常“全第下]"
TIME = re.compile(
    f"(?={_TIME_FIRST})(?:"
    + "|".join(
        (
            rf"(?P<y1>\d{{4}})年?{_DASH}(?P<y2>\d{{4}})年(?:度)?",
            rf"(?P<ry>\d{{4}})年(?P<rm1>{_MONTH})月?(?:份)?{_DASH}(?P<rm2>{_MONTH})月(?:份)?",
            rf"(?P<py>\d{{4}})年(?:度)?(?P<part>{_PARTS})",
            rf"(?P<my>\d{{4}})年(?P<m>{_MONTH})月(?:(?P<d>\d{{1,2}})日)?{_SINCE}",
            r"(?P<y>\d{4})年(?:度)?(?P<ysince>以来|至今)?",
            rf"(?P<rel>{_RELATIVE})(?:(?P<relm1>{_MONTH})月?(?:份)?{_DASH}(?P<relm2>{_MONTH})月(?:份)?"
            rf"|(?P<relpart>{_PARTS})|(?P<relmonth>{_MONTH})月份?)?(?P<relsince>以来|至今)?",
            rf"(?P<dm1>{_MONTH})月(?:\d{{1,2}}日)?{_DASH}(?P<dm2>{_MONTH})月(?:\d{{1,2}}日)?",
            rf"(?P<om1>{_MONTH})月?(?:份)?{_DASH}(?P<om2>{_MONTH})月(?:份)?",
            rf"自(?P<sm>{_MONTH})月(?:\d{{1,2}}日)?[^，,。；;\n]{{0,24}}?以来",
            rf"截至(?P<upto>{_MONTH})月(?:底|末|份)?",
            rf"(?P<single>{_MONTH})月(?![\d份初底末中上下日号])",
            rf"前(?P<first>{_MONTH})个月",
            rf"(?:(?:近|过去|这)?(?P<back>{_COUNT})年(?:来|以来)|(?:近|过去)(?P<last>{_COUNT})年)",
            rf"(?P<campaign>{_CAMPAIGNS})[^，,。；;\n]{{0,12}}?以来",
            rf"“?(?P<plan>{_PLANS})”?(?:期间|时期|以来)",
            rf"(?P<opart>{_PARTS})",
            r"(?P<whole>全年)",
        )
    )
    + ")"
)


class TimeMention(NamedTuple):
    """A time expression at [start, end) and the period it names (None when unresolved)."""

    start: int
    end: int
    label: str | None
    year: int | None
    base: bool = False
    explicit: bool = False
    # A span of days (7月11日至8月31日): an operation's dates, not a period later paragraphs share.
    local: bool = False
    # A bare month (8月悬赏的50名): it dates its own clause only.
    clause_only: bool = False


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
    told: int | None = None  # the year last named: 全年 is that year
    stop = len(text) if end is None else end
    for match in TIME.finditer(text, start, stop):
        if match.group("whole"):
            year = told if told is not None else context_year
            if year is not None:
                found.append(TimeMention(match.start(), match.end(), str(year), year))
            continue
        try:
            mention = _resolve(match, published, context_year)
        except NumberError:
            continue
        if mention is None:
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        if before.endswith(BASE_BEFORE) or _ON_BASIS.match(text, match.end()):
            mention = mention._replace(base=True)
        elif mention.explicit and mention.year is not None:
            told = mention.year
            if published is None:
                context_year = mention.year
        found.append(mention)
    return found


def _since(published: date | None, year: int, month: int) -> str:
    """From a month to the article's date, or open-ended when the date is unknown."""
    if published is None:
        return f"{year}-{month:02d}.."
    return f"{year}-{month:02d}..{published.year}-{published.month:02d}"


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
        label = _range(year, _month(group("rm1")), _month(group("rm2")))
        return TimeMention(s, e, label, year, explicit=True)
    if group("py"):
        year = int(group("py"))
        return TimeMention(s, e, _range(year, *YEAR_PARTS[group("part")]), year, explicit=True)
    if group("my"):
        year, month = int(group("my")), _month(group("m"))
        if group("since"):
            return TimeMention(s, e, _since(published, year, month), year, explicit=True)
        return TimeMention(s, e, _range(year, month, month), year, explicit=True)
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
        if group("relm1"):
            return TimeMention(
                s, e, _range(year, _month(group("relm1")), _month(group("relm2"))), year
            )
        if group("relpart"):
            return TimeMention(s, e, _range(year, *YEAR_PARTS[group("relpart")]), year)
        if group("relmonth"):
            month = _month(group("relmonth"))
            if group("relsince"):
                return TimeMention(s, e, _since(published, year, month), year)
            return TimeMention(s, e, _range(year, month, month), year)
        label = f"since {year}" if group("relsince") else str(year)
        return TimeMention(s, e, label, year)
    if group("campaign"):
        year = CAMPAIGN_STARTS[group("campaign")]
        return TimeMention(s, e, f"since {year}", year)
    if group("plan"):
        year = FIVE_YEAR_PLANS[group("plan")]
        return TimeMention(s, e, f"{year}-01..{year + 4}-12", year)
    if group("back") or group("last"):
        back = group("back") or group("last")
        count = int(back) if back.isdigit() else chinese_integer(back)
        if published is None or not 1 <= count <= 50:
            return TimeMention(s, e, None, None)
        # 五年来 counts back from the article's date; at the turn of a year it means whole
        # years: a report of the first quarter looks back on the five years before, one of the
        # last quarter on five years with this one.
        if count > 1 and published.month <= 3:
            last = published.year - 1
        elif count > 1 and published.month >= 10:
            last = published.year
        else:
            year = published.year - count
            return TimeMention(s, e, _since(published, year, published.month), year)
        return TimeMention(s, e, f"{last - count + 1}-01..{last}-12", last - count + 1)
    if group("sm"):
        if published is None:
            return TimeMention(s, e, None, None)
        return TimeMention(
            s, e, _since(published, published.year, _month(group("sm"))), published.year
        )
    known = published.year if published else context
    if known is None:
        return TimeMention(s, e, None, None)
    return _in_year(match, known)


def _in_year(match: re.Match[str], year: int) -> TimeMention | None:
    """Months named without a year (1-7月, 截至4月, 上半年), in the year they belong to."""
    group = match.group
    s, e = match.start(), match.end()
    if group("dm1") or group("om1"):
        first = _month(group("dm1") or group("om1"))
        last = _month(group("dm2") or group("om2"))
        if first > last:
            return TimeMention(s, e, None, None)
        days = bool(group("dm1"))
        return TimeMention(s, e, _range(year, first, last), year, local=days)
    if group("upto"):
        return TimeMention(s, e, _range(year, 1, _month(group("upto"))), year)
    if group("single"):
        month = _month(group("single"))
        return TimeMention(s, e, _range(year, month, month), year, local=True, clause_only=True)
    if group("first"):
        return TimeMention(s, e, _range(year, 1, _month(group("first"))), year)
    return TimeMention(s, e, _range(year, *YEAR_PARTS[group("opart")]), year)


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


_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def date_of(match: re.Match[str] | None) -> date | None:
    """The date a match's first three groups give (year, month, day); None if none or invalid."""
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def date_from_url(url: str) -> date | None:
    """The date a page's address carries: /2018/0921/, /202408/28/, t20240827_, /2013-09/26/."""
    return date_of(_URL_DATE.search(url))


_DATELINE = re.compile(r"(\d{1,2})月(\d{1,2})日(?:电|讯)")
_URL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def article_date(text: str, url: str | None = None, head: int = 600) -> date | None:
    """The article's date: its date line, else its address's date, else the dateline's month and
    day (北京11月18日讯) with the year its address names (/2014/news/)."""
    found = date_line(text)
    if found is not None or not url:
        return found
    found = date_from_url(url)
    if found is not None:
        return found
    dateline = _DATELINE.search(text, 0, head)
    year = _URL_YEAR.search(url)
    if dateline is None or year is None:
        return None
    try:
        return date(int(year.group(1)), int(dateline.group(1)), int(dateline.group(2)))
    except ValueError:
        return None
