"""Which indicator of a dataset a figure is about, when one clearly is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..load.models import IndicatorEntry, IndicatorKind

# A match needs this share of the indicator name's character pairs in the clause, and must lead
# the next indicator by this much.
MIN_SCORE = 0.5
MIN_LEAD = 0.15
# Character pairs that say nothing about what is counted.
_GENERIC = frozenset({"数量", "人数", "件数", "起数", "户数", "个数", "同比", "变化", "比变"})


# A rate as a clause names it: the two characters before 率 (成功率, 调解率, 破案率).
_RATE = re.compile(r"[\u4e00-\u9fff]{2}率")


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} - _GENERIC


@dataclass(frozen=True)
class IndicatorMatcher:
    """Matches a figure's clause against the names of a dataset's indicators."""

    indicators: Sequence[IndicatorEntry]
    # The indicators a figure may be of, by its unit (money in any multiple as 元) and kind:
    # (name's character pairs, id, name), worked out once, not again for every figure.
    _by_unit: Mapping[tuple[str, IndicatorKind], list[tuple[frozenset[str], str, str]]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        by_unit: dict[tuple[str, IndicatorKind], list[tuple[frozenset[str], str, str]]] = {}
        for indicator in self.indicators:
            name = frozenset(_pairs(indicator.name_zh))
            if name:
                key = (_money(indicator.unit), indicator.kind)
                by_unit.setdefault(key, []).append((name, indicator.id, indicator.name_zh))
        object.__setattr__(self, "_by_unit", by_unit)

    @classmethod
    def of(cls, indicators: Iterable[IndicatorEntry]) -> IndicatorMatcher:
        """A matcher for these indicators."""
        return cls(tuple(indicators))

    def could_match(self, unit: str, kind: IndicatorKind) -> bool:
        """True when an indicator of the dataset is in this unit and of this kind."""
        return (_money(unit), kind) in self._by_unit

    def match(self, clause: str, unit: str, kind: IndicatorKind) -> str | None:
        """The id of the indicator the clause clearly speaks of, else None."""
        names = self._by_unit.get((_money(unit), kind))
        if not names:
            return None
        rate = _RATE.findall(clause)
        if rate:
            # 调解成功率 is its own measure, not 调解率: a rate matches only a rate of its name.
            names = [n for n in names if not n[2].endswith("率") or n[2].endswith(rate[-1])]
        context = _pairs(clause)
        scored = [
            (len(name & context) / len(name), ident)
            for name, ident, _ in names
            if not name.isdisjoint(context)
        ]
        scored.sort(reverse=True)
        if not scored or scored[0][0] < MIN_SCORE:
            return None
        if len(scored) > 1 and scored[0][0] - scored[1][0] < MIN_LEAD:
            return None
        return scored[0][1]


_MONEY = frozenset({"元", "万元", "亿元"})


def _money(unit: str) -> str:
    """元 for any unit of money, so that 万元 and 亿元 indicators match figures in 元."""
    return "元" if unit in _MONEY else unit
