"""Which figures may be added: counts and amounts, never a change, a rate, a place or years."""

from __future__ import annotations


def not_added(indicator: str, unit: str, kind: str) -> str | None:
    """Why an indicator's figures are never added (None: they may be): a change, a rate, a place
    in a ranking, a count of years."""
    if kind == "change":
        return "a change from the year before: changes are not added"
    if unit in ("%", "百分点"):
        return "a rate in %: rates of regions are not added"
    if indicator.endswith("-rank"):
        return "a place in a ranking: places are not added"
    if unit == "年":
        return "a count of years: years running are not added"
    return None
