"""Time expressions: 2023年, 2023年以来, 2024年1-7月, 今年上半年, 自2022年4月成立以来.

Each is resolved to a period label in the form the rest of pingan writes periods (2023,
since 2023, 2024-01..2024-07, 2022-04..), with 今年, 去年 and the like resolved against the
article's date; a comparison's base year (较2019年) is marked so that it is not taken for the
figure's own period.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
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

# 一年来, 过去一年, 近一年: a duration of one year.
_ONE_YEAR = re.compile(r"(?:近|过去|这)?[一1]年(?:来|以来)?")
# 是2017年的12.57倍: the year a multiple is of is the base.
_TIMES_OF = re.compile(r"的[\d.．]+倍")
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
_TIME_FIRST = rf"[\d{CHINESE_NUMERAL_CHARS}今本当去上前自截近过这专常“全第下目至]"
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
            rf"截至(?P<upto>{_MONTH})月(?:底|末|份|[上中下]旬)?",
            rf"(?P<sincem>{_MONTH})月(?:\d{{1,2}}日)?(?:以来|至今)",
            rf"(?P<event>{_MONTH})月(?P<eventday>\d{{1,2}})日(?![电讯至到\-—~～])",
            r"(?P<now>截至目前|至目前|目前|至今|当前)",
            rf"(?P<single>{_MONTH})月(?![\d份初底末中上下日号])",
            rf"前(?P<first>{_MONTH})个月",
            rf"(?:(?:近|过去|这)?(?P<back>{_COUNT})年(?:来|以来)|(?:近|过去)(?P<last>{_COUNT})年"
            rf"|(?P<span>{_COUNT})年(?=共|累计|间|里))",
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
    # A duration (五年来, 5年共): an explicit year in the same sentence wins over it.
    duration: bool = False
    # A day (1月13日): the day of an event, dating its clause only.
    sentence_only: bool = False
    # 目前, 至今: the article's date.
    now: bool = False


def _month(text: str) -> int:
    number = int(text) if text.isdigit() else chinese_integer(text)
    if not 1 <= number <= 12:
        raise NumberError(f"no month {number}")
    return number


def _range(year: int, first: int, last: int) -> str:
    return f"{year}-{first:02d}..{year}-{last:02d}"


def time_mentions(
    text: str,
    published: date | None,
    start: int = 0,
    end: int | None = None,
    year: int | None = None,
) -> list[TimeMention]:
    """The time expressions of text[start:end], resolved against the article's date (or only
    its year, when that is all that is known)."""
    found: list[TimeMention] = []
    known = published.year if published else year
    context_year = known
    told: int | None = None  # the year last named: 全年 is that year
    stop = len(text) if end is None else end
    for match in TIME.finditer(text, start, stop):
        if match.group("whole"):
            whole = told if told is not None else context_year
            if whole is not None:
                found.append(TimeMention(match.start(), match.end(), str(whole), whole))
            continue
        try:
            mention = _resolve(match, published, context_year, known)
        except NumberError:
            continue
        if mention is None:
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        if (
            mention.duration
            and mention.label is None
            and told is not None
            and known is None
            and _ONE_YEAR.fullmatch(match.group(0))
        ):
            # 回顾了2018年的工作……一年来: an undated review's past year is the year it names
            mention = mention._replace(label=str(told), year=told)
        if (
            before.endswith(BASE_BEFORE)
            or _ON_BASIS.match(text, match.end())
            or _TIMES_OF.match(text, match.end())
        ):
            mention = mention._replace(base=True)
        elif text.startswith("的", match.end()) and mention.explicit:
            # 由最高点2015年的12起下降至2022年的2起: a year of one figure, not of the sentence
            mention = mention._replace(clause_only=True)
        elif mention.explicit and mention.year is not None:
            told = mention.year
            if known is None:
                context_year = mention.year
        elif mention.label is not None and mention.label.isdigit():
            told = mention.year  # 去年……全年: the year 去年 is
        elif mention.label is None and known is None:
            # 今年 with no date: the months after it are of an unknown year too, not of a year
            # named before it (2020年底启用……今年第一季度……一季度 is not 2020's)
            context_year = None
        found.append(mention)
    return found


def _since(published: date | None, year: int, month: int) -> str:
    """From a month to the article's date, or open-ended when the date is unknown."""
    if published is None:
        return f"{year}-{month:02d}.."
    return f"{year}-{month:02d}..{published.year}-{published.month:02d}"


def _resolve(
    match: re.Match[str], published: date | None, context: int | None, known: int | None
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
        return _relative(match, published, known)
    if group("campaign"):
        year = CAMPAIGN_STARTS[group("campaign")]
        return TimeMention(s, e, f"since {year}", year)
    if group("plan"):
        year = FIVE_YEAR_PLANS[group("plan")]
        return TimeMention(s, e, f"{year}-01..{year + 4}-12", year)
    if group("back") or group("last") or group("span"):
        return _duration(match, published)
    if group("sm") or group("sincem"):
        month = _month(group("sm") or group("sincem"))
        if published is None:
            if known is None:
                return TimeMention(s, e, None, None)
            return TimeMention(s, e, f"{known}-{month:02d}..", known)
        return TimeMention(s, e, _since(published, published.year, month), published.year)
    if group("now"):
        if published is None:
            return TimeMention(s, e, None, None, now=True)
        label = f"{published.year}-{published.month:02d}"
        return TimeMention(s, e, label, published.year, now=True)
    in_year = published.year if published else context
    if in_year is None:
        return TimeMention(s, e, None, None)
    return _in_year(match, in_year)


def _relative(match: re.Match[str], published: date | None, known: int | None) -> TimeMention:
    """今年, 去年, 今年1-7月, 今年以来: from the article's date (or year), else unresolved."""
    group = match.group
    s, e = match.start(), match.end()
    if known is None:
        return TimeMention(s, e, None, None)
    year = known + RELATIVE_YEARS[group("rel")]
    if group("relm1"):
        return TimeMention(s, e, _range(year, _month(group("relm1")), _month(group("relm2"))), year)
    if group("relpart"):
        return TimeMention(s, e, _range(year, *YEAR_PARTS[group("relpart")]), year)
    if group("relmonth"):
        month = _month(group("relmonth"))
        if group("relsince"):
            return TimeMention(s, e, _since(published, year, month), year)
        return TimeMention(s, e, _range(year, month, month), year)
    label = f"since {year}" if group("relsince") else str(year)
    return TimeMention(s, e, label, year)


def _duration(match: re.Match[str], published: date | None) -> TimeMention:
    """五年来, 近3年, 5年共: a span that ends at the article's date; unresolved when the article
    is undated."""
    group = match.group
    s, e = match.start(), match.end()
    back = group("back") or group("last") or group("span")
    count = int(back) if back.isdigit() else chinese_integer(back)
    if not 1 <= count <= 50:
        return TimeMention(s, e, None, None, duration=True)
    if published is None:
        # the article's year unknown: the span is left open, not guessed from a year named
        return TimeMention(s, e, None, None, duration=True)
    # 五年来 counts back from the article's date; at the turn of a year it means whole years:
    # a report of the first quarter looks back on the five years before, one of the last
    # quarter on five years with this one.
    if count > 1 and published.month <= 3:
        last = published.year - 1
    elif count > 1 and published.month >= 10:
        last = published.year
    else:
        year = published.year - count
        label = _since(published, year, published.month)
        return TimeMention(s, e, label, year, duration=True)
    return TimeMention(s, e, f"{last - count + 1}-01..{last}-12", last - count + 1, duration=True)


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
    if group("event"):
        month = _month(group("event"))
        label = _range(year, month, month)
        return TimeMention(s, e, label, year, local=True, clause_only=True, sentence_only=True)
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
# A month without its day: /202512/, /2022/05/, /2013-09/.
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])/")
# A MongoDB ObjectId (24 hexadecimal digits) starts with the second it was made.
_OBJECT_ID = re.compile(r"(?<![0-9a-f])([0-9a-f]{8})[0-9a-f]{16}(?![0-9a-f])")
_URL_YEAR = re.compile(r"/((?:19|20)\d{2})/")


def date_of(match: re.Match[str] | None) -> date | None:
    """The date a match's first three groups give (year, month, day); None if none or invalid."""
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def date_from_url(url: str) -> date | None:
    """The date a page's address carries: /2018/0921/, /202408/28/, t20240827_, /2013-09/26/;
    a month alone (/202512/, /2022/05/) as its first day; the time an ObjectId was made
    (key=66c6a44e7fcb17c6008b456f)."""
    found = date_of(_URL_DATE.search(url))
    if found is not None:
        return found
    month = _URL_MONTH.search(url)
    if month is not None:
        return date(int(month.group(1)), int(month.group(2)), 1)
    for stamp in _OBJECT_ID.finditer(url.lower()):
        made = datetime.fromtimestamp(int(stamp.group(1), 16), tz=UTC).date()
        if 2009 <= made.year <= 2100:  # ObjectIds began in 2009
            return made
    return None


def year_from_url(url: str) -> int | None:
    """A year the page's address names alone (/2023/difang/…): the article's year."""
    found = _URL_YEAR.search(url)
    return int(found.group(1)) if found else None


_DATELINE = re.compile(r"(\d{1,2})月(\d{1,2})日(?:电|讯)")
_EXPLICIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


def article_date(text: str, url: str | None = None, head: int = 600) -> date | None:
    """The article's date: its date line, else its address's date, else the dateline's month and
    day (北京11月18日讯) with the year its address names (/2014/news/).

    An address's date is not taken for a page that repeats an older text: when every year the
    text names is two years or more before it (a 2012 report at /system/2018/05/03/).
    """
    found = date_line(text)
    if found is not None or not url:
        return found
    found = date_from_url(url)
    if found is None:
        dateline = _DATELINE.search(text, 0, head)
        year = year_from_url(url)
        if dateline is None or year is None:
            return None
        try:
            found = date(year, int(dateline.group(1)), int(dateline.group(2)))
        except ValueError:
            return None
    return found if _fits(text, found.year) else None


def article_year(text: str, url: str | None) -> int | None:
    """The article's year when only its address's year is known (/2023/difang/1356/1121/)."""
    year = year_from_url(url) if url else None
    return year if year is not None and _fits(text, year) else None


def _fits(text: str, year: int) -> bool:
    """True unless the text names years and all of them are two or more before ``year``."""
    years = [int(y) for y in _EXPLICIT_YEAR.findall(text)]
    return not years or max(years) >= year - 1
