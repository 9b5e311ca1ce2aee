"""Figures in text: each number with its unit, qualifier, sign and kind, and not what only looks
like one (years, dates, times, ordinals, names, phone and licence numbers)."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ..load.models import IndicatorKind
from ..records.numbers import Qualifier
from . import lexicon as lx
from .layout import TextLayout
from .numerals import CHINESE_NUMERAL_CHARS, NumberError, plain, scaled, value_of


def _alternatives(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_MULTIPLIER = r"万亿|千万|百万|亿|万|千(?![米克])|百(?!分)"
_PREFIX = (
    rf"(?:(?P<cmp>{_alternatives(lx.COMPARATORS)})?"
    rf"(?P<verb>{_alternatives(lx.FALLING + lx.RISING)})"
    rf"(?:{_alternatives(lx.AFTER_VERB)})?(?P<to>{_alternatives(lx.TO_WORDS)})?)?"
    rf"(?P<pre>{_alternatives(lx.AT_LEAST_BEFORE + lx.APPROX_BEFORE)})?"
)
# A number starts where a run of digits or numerals starts: the lookbehind keeps the search from
# trying every position inside a long run again (10,000 digits with no unit took 15 s).
_CORE = (
    rf"(?<![\d{CHINESE_NUMERAL_CHARS}])(?<!\d[,.．])"
    rf"(?P<num>\d+(?:,\d{{3}})*(?:[.．]\d+)?|[{CHINESE_NUMERAL_CHARS}]+)"
    rf"(?P<q0>{_alternatives(lx.AT_LEAST_INSIDE)})?(?P<mult>{_MULTIPLIER})?"
    rf"(?P<q1>{_alternatives(lx.AT_LEAST_INSIDE)})?[ \u00a0]?"
    rf"(?P<unit>{_alternatives(lx.UNITS)})"
    rf"(?P<post>{_alternatives(lx.AT_LEAST_AFTER + lx.APPROX_AFTER)})?"
)
# A whole figure as written, for reading as_written.
FIGURE = re.compile(_PREFIX + _CORE)
# Scanning looks for the number and its unit first (a fast search that skips text without
# digits), then reads the words before it: a verb, a comparison, a qualifier.
_CORE_PATTERN = re.compile(_CORE)
_PREFIX_PATTERN = re.compile(_PREFIX + "$")
_PREFIX_WINDOW = 12
# The last characters of the words that may stand before a number: most numbers have none, and
# are read without searching for one.
_PREFIX_LAST = frozenset(
    w[-1] for w in (*lx.FALLING, *lx.RISING, *lx.AFTER_VERB, *lx.TO_WORDS)
) | frozenset(w[-1] for w in (*lx.AT_LEAST_BEFORE, *lx.APPROX_BEFORE))
# After a figure: it names a service or a meeting, or sets a deadline.
_NOT_AFTER = lx.NAME_AFTER + lx.MEETING_AFTER
_CONTACT = re.compile(_alternatives(lx.CONTACT_LABELS))
_APPROX_IN_CLAUSE = re.compile(_alternatives(lx.APPROX_IN_CLAUSE))
_LIST_GLUE = re.compile(r"[、，,和与及以\s分别为是]*")
_COMMA_GLUE = re.compile(r"\s*[、，,]\s*")
# The lower bound of a range and its dash: the 3至 of 3至5起, the 3万~ of 3万~5万元.
_RANGE_LOW = re.compile(
    rf"(?P<num>\d+(?:[.．]\d+)?|[{CHINESE_NUMERAL_CHARS}]+)(?P<mult>万亿|亿|万|千)?"
    r"\s*(?:至|到|~|～|－|—|-)\s*"
)
_RANGE_BEFORE = re.compile(_RANGE_LOW.pattern + "$")
_RANGE_WITH_PREFIX = re.compile(_PREFIX + _RANGE_LOW.pattern)
# 分别提升1.83和1.86个百分点: a bare number before the last item of a pair takes its unit.
_BARE_PAIR = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<glue>和|与|及|、)$")
_YEAR_NEXT = ("年", "-", "—", "–", "至", "到", "/", ".")
# A qualifier word that is part of another word: 预约3次 is not about 3 times.
_NOT_QUALIFIER_AFTER = {"约": "预节签邀制合特条公", "近": "最附临亲靠邻"}


class _Parts:
    """A figure's parts: one match of FIGURE, or a core match and the prefix match before it."""

    __slots__ = (
        "cmp",
        "cmp_start",
        "end",
        "lead",
        "mult",
        "num",
        "num_start",
        "post",
        "pre",
        "pre_start",
        "q0",
        "q1",
        "to",
        "unit",
        "verb",
        "verb_start",
    )

    def __init__(self, core: re.Match[str], prefix: re.Match[str] | None) -> None:
        num, q0, mult, q1, unit, post = core.group("num", "q0", "mult", "q1", "unit", "post")
        self.num: str = num
        self.q0: str | None = q0
        self.mult: str | None = mult
        self.q1: str | None = q1
        self.unit: str = unit
        self.post: str | None = post
        self.num_start = core.start("num")
        self.end = core.end()
        if prefix is not None and prefix.start() < self.num_start:
            self.cmp, self.verb, self.to, self.pre = prefix.group("cmp", "verb", "to", "pre")
            self.cmp_start = prefix.start("cmp")
            self.verb_start = prefix.start("verb")
            self.pre_start = prefix.start("pre")
            self.lead = prefix.start()
        else:
            self.cmp = self.verb = self.to = self.pre = None
            self.cmp_start = self.verb_start = self.pre_start = -1
            self.lead = self.num_start


class ValueReading(NamedTuple):
    """What a figure as written says: value in base units (a change signed), unit, qualifier."""

    value: int | float
    unit: str
    qualifier: Qualifier
    kind: IndicatorKind
    # The upper bound of a range (3至5起: value 3 at least, upper 5); None for one number.
    upper: int | float | None = None


class TextFigure(NamedTuple):
    """A figure found in a text: where as_written is, and what it says."""

    start: int
    end: int
    as_written: str
    reading: ValueReading
    number_start: int


def read(as_written: str, falling: bool | None = None) -> ValueReading | None:
    """What as_written says, or None if it is not one figure with its unit.

    ``falling`` gives the sign of a figure whose verb stands before it in its clause (the 8.5% of
    分别下降12%、8.5%和3%): True for a fall, False for a rise, None for a level.
    """
    full = FIGURE.fullmatch(as_written.strip())
    if full is None:
        return _read_range(as_written.strip())
    match = _Parts(full, full)
    try:
        reading, _ = _reading(match, "")
    except NumberError:
        return None
    if falling is not None and reading.kind is IndicatorKind.level and not match.to:
        value = -abs(reading.value) if falling else abs(reading.value)
        return ValueReading(value, reading.unit, reading.qualifier, IndicatorKind.change)
    return reading


def _read_range(as_written: str) -> ValueReading | None:
    """3至5起, 3~5起, 3万至5万元: at least the lower bound, with the upper one."""
    low = _RANGE_WITH_PREFIX.match(as_written)
    if low is None:
        return None
    rest = FIGURE.fullmatch(as_written, low.end())
    if rest is None or rest.group("verb") or rest.group("pre"):
        return None
    try:
        upper, _ = _reading(_Parts(rest, rest), "")
        reading = _range_reading(low, rest.group("mult"), upper)
    except NumberError:
        return None
    verb = low.group("verb")
    if not verb or low.group("to"):
        return reading
    falling = verb in lx.FALLING
    bound = reading.upper
    return ValueReading(
        -abs(reading.value) if falling else abs(reading.value),
        reading.unit,
        reading.qualifier,
        IndicatorKind.change,
        (-abs(bound) if falling else abs(bound)) if bound is not None else None,
    )


def _range_reading(low: re.Match[str], upper_mult: str | None, upper: ValueReading) -> ValueReading:
    """The reading of a range from its lower bound's match and the upper bound's reading."""
    unit = upper.unit
    magnitude = scaled(low.group("num"), low.group("mult") or upper_mult)
    for written, (scaled_unit, factor) in lx.UNIT_SCALES.items():
        if scaled_unit == unit and low.string.endswith(written, 0, len(low.string)):
            magnitude *= factor
    value = plain(magnitude)
    if upper.kind is IndicatorKind.change and upper.value < 0:
        value = -value
    if abs(value) > abs(upper.value):
        raise NumberError("the lower bound is above the upper one")
    return ValueReading(value, unit, Qualifier.at_least, upper.kind, upper.value)


def _reading(match: _Parts, before: str) -> tuple[ValueReading, int]:
    """The reading of a match and where its as_written starts."""
    verb = match.verb
    pre = match.pre
    if pre and pre in _NOT_QUALIFIER_AFTER:
        previous = before[-1:] if match.pre_start == match.lead else ""
        if previous and previous in _NOT_QUALIFIER_AFTER[pre]:
            pre = None
    sign = 0
    if verb and not match.to and not before.endswith(lx.NOT_CHANGE_BEFORE):
        sign = -1 if verb in lx.FALLING else 1
    if sign:
        start = match.cmp_start if match.cmp else match.verb_start
    else:
        start = match.pre_start if pre else match.num_start
    qualifier = Qualifier.exact
    post = match.post
    if pre in lx.AT_LEAST_BEFORE:
        qualifier = Qualifier.at_least
    elif pre in lx.APPROX_BEFORE:
        qualifier = Qualifier.approx
    elif match.q0 or match.q1 or post in lx.AT_LEAST_AFTER:
        qualifier = Qualifier.at_least
    elif post in lx.APPROX_AFTER:
        qualifier = Qualifier.approx
    magnitude = value_of(match.num, match.mult)
    unit = match.unit
    if unit in lx.UNIT_SCALES:
        unit, factor = lx.UNIT_SCALES[unit]
        magnitude = plain(scaled(match.num, match.mult) * factor)
    unit = lx.UNIT_ALIASES.get(unit, unit)
    kind = IndicatorKind.change if sign else IndicatorKind.level
    value = -magnitude if sign < 0 else magnitude
    return ValueReading(value, unit, qualifier, kind), start


def scan(text: str, shape: TextLayout) -> list[TextFigure]:
    """Every figure of the text, in order."""
    figures: list[TextFigure] = []
    previous: TextFigure | None = None
    # Where 约占 stands: a figure after it in its clause is about (约占全市案件的35%).
    approx_share = [m.start() for m in _APPROX_IN_CLAUSE.finditer(text)]
    for core in _CORE_PATTERN.finditer(text):
        at = core.start()
        prefix = None
        if at and text[at - 1] in _PREFIX_LAST:
            prefix = _PREFIX_PATTERN.search(text, max(0, at - _PREFIX_WINDOW), at)
        match = _Parts(core, prefix)
        figure = _accept(text, shape, match, approx_share)
        if figure is None:
            continue
        if (
            previous is not None
            and figure.reading.kind is IndicatorKind.level
            and previous.reading.kind is IndicatorKind.change
            and not match.verb
            and _LIST_GLUE.fullmatch(text, previous.end, figure.start)
            and (
                shape.clause_at(previous.start) == shape.clause_at(figure.start)
                or (
                    # 分别下降32.8%,40.5%,52.5%: a list across commas, in one unit
                    figure.reading.unit == previous.reading.unit
                    and _COMMA_GLUE.fullmatch(text, previous.end, figure.start) is not None
                )
            )
        ):
            # 分别下降12%、8.5%和3%: the later items share the first one's verb.
            reading = figure.reading
            value = -abs(reading.value) if previous.reading.value < 0 else abs(reading.value)
            figure = TextFigure(
                figure.start,
                figure.end,
                figure.as_written,
                ValueReading(value, reading.unit, reading.qualifier, IndicatorKind.change),
                figure.number_start,
            )
        if figure.start == figure.number_start:
            ranged = _range(text, figure, previous)
            if ranged is not None:
                figure = ranged
        if figure.start == figure.number_start and (
            previous is None or previous.end <= figure.start - 2
        ):
            pair = _bare_pair(text, figure, previous)
            if pair is not None:
                figures.append(pair)
                reading = figure.reading
                value = -abs(reading.value) if pair.reading.value < 0 else abs(reading.value)
                figure = figure._replace(
                    reading=ValueReading(value, reading.unit, reading.qualifier, pair.reading.kind)
                )
        figures.append(figure)
        previous = figure
    return figures


def _range(text: str, figure: TextFigure, previous: TextFigure | None) -> TextFigure | None:
    """3至5起: the figure 5起 with the 3至 before it, read as a range (at least 3, at most 5)."""
    low_limit = max(0, figure.start - 24, previous.end if previous is not None else 0)
    low = _RANGE_BEFORE.search(text, low_limit, figure.start)
    if low is None:
        return None
    at = low.start()
    if at and (text[at - 1].isdigit() or text[at - 1] in "年.．/:："):
        return None  # 2019-2023年, 10:00-12:00
    number = text[figure.number_start : figure.end]
    upper = _CORE_PATTERN.match(number)
    if upper is None:
        return None
    try:
        reading = _range_reading(
            _RANGE_LOW.match(text, at, figure.start) or low, upper.group("mult"), figure.reading
        )
    except NumberError:
        return None
    start = at
    prefix = _PREFIX_PATTERN.search(text, max(0, at - _PREFIX_WINDOW), at) if at else None
    if prefix is not None and prefix.group("verb") and not prefix.group("to"):
        # 下降3至5个百分点: a change of between 3 and 5
        falling = prefix.group("verb") in lx.FALLING
        value = -abs(reading.value) if falling else abs(reading.value)
        bound = reading.upper
        bound = -abs(bound) if falling and bound is not None else bound
        reading = ValueReading(value, reading.unit, reading.qualifier, IndicatorKind.change, bound)
        start = prefix.start("cmp") if prefix.group("cmp") else prefix.start("verb")
    return TextFigure(start, figure.end, text[start : figure.end], reading, at)


def _bare_pair(text: str, figure: TextFigure, previous: TextFigure | None) -> TextFigure | None:
    """分别提升1.83和1.86个百分点: the bare 1.83 before a figure, a change of the same unit with
    the verb before it; None when the text is not such a pair."""
    low = max(0, figure.start - 16, previous.end if previous is not None else 0)
    bare = _BARE_PAIR.search(text, low, figure.start)
    if bare is None:
        return None
    at = bare.start("num")
    if at and (text[at - 1].isdigit() or text[at - 1] in ".．,"):
        return None
    prefix = _PREFIX_PATTERN.search(text, max(0, at - _PREFIX_WINDOW), at)
    verb = prefix.group("verb") if prefix is not None else None
    if not verb or prefix is None or prefix.group("to"):
        return None
    number = bare.group("num")
    try:
        magnitude = value_of(number, None)
    except NumberError:
        return None
    value = -magnitude if verb in lx.FALLING else magnitude
    reading = ValueReading(value, figure.reading.unit, Qualifier.exact, IndicatorKind.change)
    return TextFigure(at, bare.end("num"), number, reading, at)


def _holds_any(positions: list[int], start: int, end: int) -> bool:
    """True when one of the sorted positions is in [start, end)."""
    index = bisect.bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


def _accept(
    text: str, shape: TextLayout, match: _Parts, approx_share: list[int]
) -> TextFigure | None:
    """The figure a match is, or None when it is something else."""
    unit = match.unit
    number = match.num
    number_start = match.num_start
    lead = match.lead
    end = match.end
    before = text[max(0, lead - 8) : lead]
    after = text[end : end + 6]
    if _glued(before, after):
        return None
    if before.endswith(lx.NOT_BEFORE):
        return None
    if len(number) >= 5 and not match.mult and _CONTACT.search(before[-4:]):
        return None  # 电话12345
    chinese = number[0] in CHINESE_NUMERAL_CHARS
    if chinese:
        streak = before.endswith("连续") or after.startswith(("连", "持续"))
        if not (streak and unit in ("年", "个月")) and not _chinese_figure(text, match, unit):
            return None
    elif _is_year(number, text, number_start + len(number)):
        return None
    if unit in lx.DURATION_UNITS and (
        after.startswith(lx.PERIOD_AFTER) or match.pre == "近" or before.endswith(lx.PERIOD_BEFORE)
    ):
        return None  # 三年来, 50天内, 近5年: periods, not figures
    if after.startswith(_NOT_AFTER):
        return None  # 24小时报料热线, 15个工作日内, 六届四次全会
    if match.post in lx.AT_LEAST_AFTER and (
        after.startswith(lx.THRESHOLD_AFTER) or (after.startswith("的") and unit != "%")
    ):
        return None  # 财产损失30万元以上案件, 20年以上的积案: a threshold that defines a category
    if unit == "分" and before[-1:] in ("时", "点"):
        return None
    if unit == "周" and after.startswith(lx.ANNIVERSARY_AFTER):
        return None  # 成立70周年
    if before.endswith("届"):
        return None
    quotation = shape.quotation_at(number_start)
    if quotation is not None and shape.is_name_quote(quotation):
        return None
    try:
        reading, start = _reading(match, text[max(0, lead - 2) : lead])
    except NumberError:
        return None
    if approx_share and _holds_any(approx_share, shape.clause_at(start).start, start):
        reading = ValueReading(reading.value, reading.unit, Qualifier.approx, reading.kind)
    return TextFigure(start, end, text[start:end], reading, number_start)


def _glued(before: str, after: str) -> bool:
    """True when the number is part of a code, an address, a date or a time: G20, 5G, 10:20,
    or the exponent of 1E+5."""
    last = before[-1:]
    if last and (last.isascii() and (last.isalnum() or last in "-/.#@_")):
        return True
    if last in "+-" and before[-2:-1] in ("E", "e"):
        return True
    first = after[:1]
    return bool(first) and first.isascii() and (first.isalpha() or first in "@_")


def _is_year(number: str, text: str, end: int) -> bool:
    """True for 2023 in 2023年, 2023 年, 2023-2025, 2023.01: a year, not a figure."""
    if not (len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100):
        return False
    while text.startswith((" ", "\u00a0"), end):
        end += 1
    return text.startswith(_YEAR_NEXT, end)


def _chinese_figure(text: str, match: _Parts, unit: str) -> bool:
    """True when a Chinese numeral counts something: 两起 yes; 一批, 十分, 两个维护 no."""
    number = match.num
    if len(number) == 1 and number in "百千万亿":
        return False
    if unit in lx.ARABIC_ONLY_UNITS or unit in lx.NAME_COUNTERS:
        return False
    if text.startswith(lx.NAME_PARTS_AFTER, match.end):
        return False
    try:
        if scaled(number, None) < 2:
            return False
    except NumberError:
        return False
    window_start = max(0, match.num_start - 6)
    window = text[window_start : match.end + 6]
    for name in lx.NAME_NUMERALS:
        position = window.find(name)
        while position >= 0:
            if window_start + position <= match.num_start < window_start + position + len(name):
                return False
            position = window.find(name, position + 1)
    return True
