"""Numbers written the way readers of these reports expect: 52,000 or 5.2万, 98.50%, 2.56亿元.

Pure functions on plain values; no terminal, no data store. Every conversion is exact (decimal
arithmetic): a figure is never rounded unless the caller asks for a number of decimals, so what is
shown can always be traced back to the value stored. Qualifiers are kept: "≥52,000" for at_least,
"≈1" for approx.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import assert_never

from .base import MARKS


class Qualifier(StrEnum):
    """How exactly the source states a figure: 5.2万余户 is at_least, 1米左右 is approx."""

    exact = "exact"
    at_least = "at_least"
    approx = "approx"


class Units(StrEnum):
    """How large counts are written: 52,000 (plain) or 5.2万 (wan, with 亿 where exact)."""

    plain = "plain"
    wan = "wan"


class MoneyUnit(StrEnum):
    """The unit money is shown in; auto picks 亿元, 万元 or 元 by size."""

    yuan = "yuan"
    wan_yuan = "wan_yuan"
    yi_yuan = "yi_yuan"
    auto = "auto"


class ChangeKind(StrEnum):
    """What a change is measured in: percent of the earlier level, percentage points, or units."""

    percent = "percent"
    points = "points"
    level = "level"


Number = int | float

_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)
_MONEY_FACTOR = {MoneyUnit.yuan: Decimal(1), MoneyUnit.wan_yuan: _WAN, MoneyUnit.yi_yuan: _YI}
_MONEY_NAME = {MoneyUnit.yuan: "元", MoneyUnit.wan_yuan: "万元", MoneyUnit.yi_yuan: "亿元"}
# The first number written in a source's text: 5.2万余户, 同比上升15.49%, 1,200件.
_WRITTEN_NUMBER = re.compile(r"\d[\d,，]*(?:\.(\d+))?")


def decimal_of(value: Number) -> Decimal:
    """The value as a decimal, exactly as Python writes it: 0.1 is 0.1, not 0.100000000000000005…"""
    if isinstance(value, bool):
        raise TypeError("a figure is a number, not a truth value")
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def plain(value: Number | Decimal, decimals: int | None = None) -> str:
    """52000 -> 52,000; decimals fixes the places (98.5, 2 -> 98.50), otherwise as few as exact."""
    number = value if isinstance(value, Decimal) else decimal_of(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
        return f"{number:,.{decimals}f}"
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def count(
    value: Number,
    qualifier: Qualifier = Qualifier.exact,
    units: Units = Units.plain,
    decimals: int | None = None,
) -> str:
    """A count: ≥52,000 (plain) or ≥5.2万 (wan; 亿 where it needs 4 places or fewer)."""
    return MARKS.get(qualifier, "") + _scaled(decimal_of(value), units, decimals)


def _scaled(number: Decimal, units: Units, decimals: int | None) -> str:
    if units is Units.plain:
        return plain(number, decimals)
    if units is Units.wan:
        size = abs(number)
        if size >= _YI and _places(number / _YI) <= 4:
            return plain(number / _YI, decimals) + "亿"
        if size >= _WAN:
            return plain(number / _WAN, decimals) + "万"
        return plain(number, decimals)
    assert_never(units)


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite decimals only: figures are finite
    return max(0, -exponent)


def percent(
    value: Number, qualifier: Qualifier = Qualifier.exact, decimals: int | None = None
) -> str:
    """A percentage with the source's decimals: 98.50% when the source wrote 98.50%."""
    return f"{MARKS.get(qualifier, '')}{plain(value, decimals)}%"


def money(
    value: Number,
    unit: MoneyUnit = MoneyUnit.auto,
    qualifier: Qualifier = Qualifier.exact,
    decimals: int | None = None,
) -> str:
    """Money given in 元, shown in 元, 万元 or 亿元: 256000000 -> 2.56亿元 (auto or yi_yuan)."""
    number = decimal_of(value)
    chosen = _money_unit(number) if unit is MoneyUnit.auto else unit
    shown = plain(number / _MONEY_FACTOR[chosen], decimals)
    return f"{MARKS.get(qualifier, '')}{shown}{_MONEY_NAME[chosen]}"


def _money_unit(number: Decimal) -> MoneyUnit:
    size = abs(number)
    if size >= _YI:
        return MoneyUnit.yi_yuan
    if size >= _WAN:
        return MoneyUnit.wan_yuan
    return MoneyUnit.yuan


def change(
    value: Number,
    kind: ChangeKind,
    qualifier: Qualifier = Qualifier.exact,
    units: Units = Units.plain,
    decimals: int | None = None,
    lang: str = "en",
) -> str:
    """A signed change: +15.49% (percent), -2.1 pp / -2.1个百分点 (points), -2,331 (level)."""
    number = decimal_of(value)
    sign = "+" if number > 0 else "-" if number < 0 else ""
    size = abs(number)
    if kind is ChangeKind.percent:
        body = plain(size, decimals) + "%"
    elif kind is ChangeKind.points:
        body = plain(size, decimals) + ("个百分点" if lang == "zh" else " pp")
    elif kind is ChangeKind.level:
        body = _scaled(size, units, decimals)
    else:
        assert_never(kind)
    return f"{MARKS.get(qualifier, '')}{sign}{body}"


# Units in English words, for English output (--lang en, --ascii): 5.2万余户 is at least 52,000
# households. 个 (a bare count) has none: 580 个 is 580.
UNIT_WORDS = {
    "个": "", "個": "", "%": "%", "户": "households", "人次": "visits", "人": "people",
    "名": "people", "份": "copies", "起": "cases", "件": "cases", "处": "sites", "元": "yuan",
    "平方公里": "sq km", "平方米": "sq m", "米": "m", "克": "g", "年": "years",
    "场次": "events", "場次": "events", "项": "items", "項": "items", "张": "pieces",
    "張": "pieces", "套": "sets", "百分点": "points", "个百分点": "points", "戶": "households",
    "天": "days", "公斤": "kg", "次": "times", "家": "organisations", "台": "machines",
    "臺": "machines", "条": "items", "條": "items", "辆": "vehicles", "组": "groups",
    "案": "cases", "篇": "articles",
}  # fmt: skip


def unit_in(unit: str, lang: str) -> str:
    """A unit as a figure's text in lang: Chinese as it is; in English its word where it has one
    (户: households; 个: none), else as it is."""
    if lang != "en":
        return unit
    return UNIT_WORDS.get(unit, unit)


def figure(
    value: Number,
    unit: str,
    qualifier: Qualifier = Qualifier.exact,
    units: Units = Units.plain,
    money_unit: MoneyUnit = MoneyUnit.auto,
    decimals: int | None = None,
) -> str:
    """A level in its unit as a reader expects it: ≥5.2万户, 98.5%, 2.56亿元, 122人."""
    if unit == "%":
        return percent(value, qualifier, decimals)
    if unit == "元":
        return money(value, money_unit, qualifier, decimals)
    return count(value, qualifier, units, decimals) + unit


def written_decimals(as_written: str | None) -> int | None:
    """The decimals the source wrote its figure with: 同比上升15.49% -> 2; None without a number."""
    if not as_written:
        return None
    match = _WRITTEN_NUMBER.search(as_written)
    if match is None:
        return None
    return len(match.group(1)) if match.group(1) else 0
