"""Plain (unquoted) scalars read as values: only what YAML 1.1 and 1.2 and a CSV cell agree on.

``true``/``false``, ``null``/``~``, decimal integers and decimal floats with a point are values;
every other plain scalar (``no``, ``010``, ``0x1F``, ``12:30``, ``.nan``, ``1e3``) stays text.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .limits import MAX_INT_DIGITS

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")
# A float in YAML 1.1 and 1.2 alike: a point, and a sign in any exponent. 1e3 and 1.5e3 are
# floats in YAML 1.2 but text in YAML 1.1, so PyYAML writes the text "1e3" unquoted.
_YAML_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+][0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# What YAML 1.1 allows in a stream (PyYAML's Reader and libyaml refuse anything else).


def resolve_plain(text: str, yaml: bool = False) -> Any:
    """Turn an unquoted scalar into None, a bool, an int, a float, or leave it as text.

    With ``yaml``, only what YAML 1.1 and 1.2 agree on is a float (see _YAML_FLOAT), so that
    text written by a YAML 1.1 tool such as PyYAML is read back as text.
    """
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            return text
        return int(text)
    if (_YAML_FLOAT if yaml else _FLOAT).match(text):
        number = float(text)
        return number if math.isfinite(number) else text
    return text
