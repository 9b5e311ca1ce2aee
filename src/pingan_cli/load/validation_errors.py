"""Pydantic's validation errors in words a data author can act on: what is wrong, how to fix it.

``explain`` turns one error of a model into the path inside the entry it is about and a message;
the loader (YAML entries) and bulk_rows (CSV rows) word their errors through it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from ..suggest import did_you_mean
from .models import SECTIONS, Period
from .problems import Path_
from .scalars import resolve_plain


def describe(value: Any, written: str | None = None) -> str:
    """Say briefly what a wrong value was, for messages; ``written`` is the text as typed."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a true/false value)"
    if isinstance(value, int | float):
        return f"the number {written or repr(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_YES_NO = {
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "y": "true",
    "n": "false",
}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?$")
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_PLAIN_NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


def _number_hint(value: Any) -> str:
    """What to write instead of a value that is not a number."""
    if isinstance(value, bool):
        return "; true/false is not a number"
    if not isinstance(value, str):
        return ""
    text = value.strip()
    digits = text.lstrip("+-")
    lower = text.lower()
    if digits.isdigit() and len(digits) > 30:
        return f"; the number has {len(digits)} digits, too many to be a figure (at most 30)"
    if digits.isdigit() and len(digits) > 1 and digits.startswith("0"):
        return f"; a leading zero is ambiguous (octal in YAML 1.1): write {int(text)}"
    if _PLAIN_NUMBER.match(text):
        try:
            number = float(text)
        except ValueError:  # pragma: no cover - the pattern only matches floats
            number = 0.0
        if not math.isfinite(number):
            return "; it is too large to be a finite number"
        if text == value and resolve_plain(text, yaml=True) == number:
            return f"; remove the quotes: a quoted number is text (write {text})"
        if number.is_integer() and abs(number) < 1e16:
            return f"; write it out in full: {int(number)}"
        if resolve_plain(repr(number), yaml=True) == number:
            return f"; write it as {number!r}"
        return f"; write it with a point and a signed exponent: {number:.6e}"
    if lower.lstrip("+-") in {".nan", ".inf", "nan", "inf", "infinity"}:
        return "; NaN and infinity are not figures: leave the figure out if it is unknown"
    if lower in _YES_NO:
        return "; a yes/no word is not a number"
    if lower.startswith(("0x", "-0x", "+0x", "0o", "0b")):
        try:
            return f"; write it in decimal: {int(text, 0)}"
        except ValueError:
            return "; write it in decimal"
    if "_" in text and text.replace("_", "").lstrip("+-").isdigit():
        return f"; write it without separators: {text.replace('_', '')}"
    if "," in text and text.replace(",", "").lstrip("+-").replace(".", "", 1).isdigit():
        return f"; write it without thousands separators: {text.replace(',', '')}"
    if _SEXAGESIMAL.match(text):
        return "; a time or a base-60 number (12:30) is not a figure: write a plain number"
    if _DATE.match(text):
        return "; a date is not a figure: dates belong in period"
    if any(ch in value for ch in "万亿千百"):
        return (
            "; write the value in base units as a plain number (6336万元 is 63360000) and "
            "keep the original in as_written"
        )
    if text.endswith("%"):
        return "; write the number without % (the unit says %)"
    return "; write a plain number such as 52000 or 10.6"


def _all_fields() -> set[str]:
    names: set[str] = set(Period.model_fields)
    for model in SECTIONS.values():
        names.update(model.model_fields)
    return names


_FIELDS = _all_fields()


def _value_error_hint(message: str) -> str:
    """How to fix what a model's own check found."""
    if message.endswith("is not a real date"):
        return ": check the day of the month"
    if "has no month" in message:
        return ": months are 01 to 12"
    if "before it starts" in message:
        return ": swap start and end"
    return ""


def _model_value_error(message: str, item: Any, path: list[str | int]) -> tuple[Path_, str]:
    """Point a model-level check (about several fields) at the field it is really about."""
    if path or not isinstance(item, dict):
        return tuple(path), message
    if "partial list" in message or "complete list" in message:
        if "complete list" in message:
            message += "; set complete: false if the list names only some of them, or correct total"
        return ("total",) if "total" in item else (), message
    if message.startswith("no recipients named"):
        return ("recipients",) if "recipients" in item else (), message
    if "listed twice" in message:
        recipients = item.get("recipients")
        if isinstance(recipients, list):
            seen: set[Any] = set()
            for index, recipient in enumerate(recipients):
                if recipient in seen:
                    return (
                        ("recipients", index),
                        f"recipient '{recipient}' is listed twice; keep one",
                    )
                seen.add(recipient)
    return (), message


def explain(
    error: dict[str, Any],
    item: Any,
    written: Callable[[Path_], str | None] | None = None,
) -> tuple[Path_, str]:
    """Turn one pydantic error into (path inside the item, message a data author can act on).

    ``written`` gives the text as typed of an unquoted scalar at a path inside the item (so a
    message says 1.10, as written, not 1.1).
    """
    loc: tuple[Any, ...] = tuple(error["loc"])
    path: list[str | int] = []
    node = item
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
            path.append(part)
        else:
            break
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    as_written = written(tuple(path)) if written is not None else None
    what = describe(value, as_written)
    last = str(loc[-1]) if loc else ""
    if kind == "missing":
        field_name = str(loc[len(path)]) if len(loc) > len(path) else last
        return (*path, field_name), f"missing required field '{field_name}'; add it"
    if kind == "extra_forbidden":
        if last == "<<":
            return tuple(path), "YAML merge keys (<<) are not supported; write the fields out"
        hint = did_you_mean(last, _FIELDS, limit=2) or "; check the spelling"
        return tuple(path), f"unknown field '{last}'{hint} (see `pingan schema`)"
    if kind in {"int_type", "int_parsing"} and isinstance(value, float):
        return tuple(path), f"expected a whole number, got {what}"
    if kind in {"int_type", "float_type", "int_parsing", "float_parsing", "finite_number"}:
        return tuple(path), f"expected a number, got {what}{_number_hint(value)}"
    if kind in {"string_type", "str_type"}:
        hint = ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            hint = f'; put it in quotes to keep it as written: "{as_written or value}"'
        elif isinstance(value, bool):
            hint = f'; put it in quotes if you mean the word: "{as_written or value}"'
        return tuple(path), f"expected text, got {what}{hint}"
    if kind in {"bool_type", "bool_parsing"}:
        hint = ""
        if isinstance(value, str) and value.strip().lower() in _YES_NO:
            hint = f"; write {_YES_NO[value.strip().lower()]}"
        return tuple(path), f"expected true or false, got {what}{hint}"
    if kind in {"list_type"}:
        hint = (
            "; write one item per line starting with '- ', or [a, b]"
            if isinstance(value, str)
            else ""
        )
        return tuple(path), f"expected a list, got {what}{hint}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        if last == "period" or (len(loc) > 1 and loc[-1] == "period"):
            hint = (
                "; a period is a year (2023, unquoted), {year: 2023, since: true} or "
                "{start: 2022-01, end: 2023-06}"
            )
            if isinstance(value, str) and value.strip().isdigit():
                hint = f"; remove the quotes: write period: {value.strip()}"
            return tuple(path), f"expected a period, got {what}{hint}"
        return tuple(path), f"expected a mapping of fields (name: value), got {what}"
    if kind in {"enum", "literal_error"}:
        expected = str(ctx.get("expected", ""))
        choices = re.findall(r"'([^']*)'", expected)
        hint = ""
        if isinstance(value, str):
            lowered = [c for c in choices if c == value.strip().lower()]
            hint = (
                f"; write it in lower case: {lowered[0]}"
                if lowered
                else did_you_mean(value, choices, limit=2)
            )
        return tuple(path), f"{what} is not one of {expected}{hint}"
    if kind == "string_pattern_mismatch":
        return tuple(path), f"{what} is not in the expected form ({_pattern_hint(loc, value)})"
    if kind == "string_too_short":
        return tuple(path), "must not be empty; write the text, or leave the field out"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        size = len(value) if isinstance(value, str) else 0
        return tuple(path), f"is {size:,} characters long, over the limit of {limit}; shorten it"
    if kind == "too_short":
        return tuple(path), "must not be empty: list at least one"
    if kind in {"greater_than_equal", "greater_than"}:
        bound = ctx.get("ge", ctx.get("gt"))
        word = "at least" if kind == "greater_than_equal" else "more than"
        return tuple(path), f"must be {word} {bound}, got {what}"
    if kind in {"less_than_equal", "less_than"}:
        bound = ctx.get("le", ctx.get("lt"))
        word = "at most" if kind == "less_than_equal" else "less than"
        return tuple(path), f"must be {word} {bound}, got {what}"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    if kind == "value_error":
        return _model_value_error(message + _value_error_hint(message), item, path)
    return tuple(path), message


def as_id(text: str, joiner: str = "-") -> str:
    """The id a mistyped one most likely meant: Fu Ping -> fu-ping (or fuping)."""
    return re.sub(r"[^a-z0-9_-]+", joiner, text.strip().lower()).strip("-")


def _pattern_hint(loc: tuple[Any, ...], value: Any) -> str:
    name = str(loc[-1]) if loc else ""
    if name == "code":
        return 'a 6-digit division code in quotes, such as "610528"'
    if name == "url":
        return "an http:// or https:// address"
    if isinstance(value, str) and not value.isascii():
        return "an id, such as fuping: entries are referred to by id, not by name"
    if isinstance(value, str) and as_id(value) and as_id(value) != value:
        return f"ids are lower-case letters, digits, '-' and '_': {as_id(value)}?"
    return "lower-case letters, digits, '-' and '_', such as fuping or case-rate-change"
