"""Numbers as Chinese articles write them: 3281, 2.56亿, 十二, 两千, 一亿二千万, 4,150."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .lexicon import MULTIPLIERS

CHINESE_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "十百千万亿"


class NumberError(ValueError):
    """Text that is not a number this module reads."""


def chinese_integer(text: str) -> int:
    """十二 -> 12, 两千 -> 2000, 三百零五 -> 305, 一亿二千万 -> 120000000, 二〇二三 -> 2023."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise NumberError(f"{text!r} is not a Chinese numeral")
    if all(ch in CHINESE_DIGITS for ch in text):
        if len(text) == 1:
            return CHINESE_DIGITS[text]
        # Read digit by digit, as years are: 二〇二三.
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    result = section = number = 0
    for ch in text:
        if ch in CHINESE_DIGITS:
            number = CHINESE_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[ch]
            number = 0
        elif ch == "万":
            result += (section + number or 1) * 10_000
            section = number = 0
        else:  # 亿
            result = (result + section + number or 1) * 100_000_000
            section = number = 0
    return result + section + number


def decimal_of(digits: str) -> Decimal:
    """An Arabic or Chinese number as a Decimal: '4,150' -> 4150, '10.6' -> 10.6, '十二' -> 12."""
    text = digits.replace(",", "").replace("．", ".")
    if text and text[0] in CHINESE_NUMERAL_CHARS:
        return Decimal(chinese_integer(text))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise NumberError(f"{digits!r} is not a number") from None


def value_of(digits: str, multiplier: str | None) -> int | float:
    """The plain number (int when whole) of digits times a multiplier: ('5.2', '万') -> 52000."""
    if multiplier is None and digits.isascii() and digits.isdigit():
        return int(digits)  # the common case, without Decimal arithmetic
    return plain(scaled(digits, multiplier))


def scaled(digits: str, multiplier: str | None) -> Decimal:
    """The number times its multiplier: ('5.2', '万') -> 52000."""
    value = decimal_of(digits)
    if multiplier:
        value *= MULTIPLIERS[multiplier]
    return value


def plain(value: Decimal) -> int | float:
    """A Decimal as the plain number the dataset stores: an int when it is whole."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
