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


# Digits a figure may have: a longer number is not a figure an article states (and past 4,300
# digits Python refuses to read it). The data files' integers have at most 30.
MAX_DIGITS = 30


class NumberError(ValueError):
    """Text that is not a number this module reads."""


def chinese_integer(text: str) -> int:
    """十二 -> 12, 两千 -> 2000, 三百零五 -> 305, 一亿二千万 -> 120000000, 二〇二三 -> 2023.

    A numeral that is not one (十万万, 百百, 五三十) raises NumberError rather than adding up to
    a number nobody wrote: 十万万 is not 110000.
    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise NumberError(f"{text!r} is not a Chinese numeral")
    if len(text) > MAX_DIGITS:
        raise NumberError(f"{text!r} is longer than a figure ({MAX_DIGITS} characters at most)")
    if all(ch in CHINESE_DIGITS for ch in text):
        if len(text) == 1:
            return CHINESE_DIGITS[text]
        # Read digit by digit, as years are: 二〇二三.
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    result = section = number = 0
    below = 10_000  # a small unit must be smaller than the one before it in its section
    previous = ""
    for ch in text:
        if ch in CHINESE_DIGITS:
            if previous in CHINESE_DIGITS and previous not in "零〇":
                raise NumberError(f"{text!r}: two digits in a row")
            number = CHINESE_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            # 十二 and 百万 may leave out their 一; 五十十 and 百百 are no numbers
            if unit >= below or (number == 0 and previous and not (unit == 10 and section == 0)):
                raise NumberError(f"{text!r}: {ch} out of place")
            section += (number or 1) * unit
            number = 0
            below = unit
        elif ch == "万":
            if section + number == 0:
                raise NumberError(f"{text!r}: 万 with nothing to multiply")
            result += (section + number) * 10_000
            section = number = 0
            below = 10_000
        else:  # 亿
            if result + section + number == 0:
                raise NumberError(f"{text!r}: 亿 with nothing to multiply")
            result = (result + section + number) * 100_000_000
            section = number = 0
            below = 10_000
        previous = ch
    return result + section + number


def decimal_of(digits: str) -> Decimal:
    """An Arabic or Chinese number as a Decimal: '4,150' -> 4150, '10.6' -> 10.6, '十二' -> 12."""
    text = digits.replace(",", "").replace("．", ".")
    if text and text[0] in CHINESE_NUMERAL_CHARS:
        return Decimal(chinese_integer(text))
    if len(text) > MAX_DIGITS + 1:
        raise NumberError(f"{digits[:20]!r}… is longer than a figure ({MAX_DIGITS} digits at most)")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise NumberError(f"{digits!r} is not a number") from None


def value_of(digits: str, multiplier: str | None) -> int | float:
    """The plain number (int when whole) of digits times a multiplier: ('5.2', '万') -> 52000."""
    if multiplier is None and digits.isascii() and digits.isdigit():
        if len(digits) > MAX_DIGITS:
            raise NumberError(f"{digits[:20]!r}… is longer than a figure ({MAX_DIGITS} digits)")
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
