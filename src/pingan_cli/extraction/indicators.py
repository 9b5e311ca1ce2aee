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
    _names: tuple[frozenset[str], ...] = ()
    _by_id: Mapping[str, IndicatorEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = tuple(frozenset(_pairs(i.name_zh)) for i in self.indicators)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_by_id", {i.id: i for i in self.indicators})

    @classmethod
    def of(cls, indicators: Iterable[IndicatorEntry]) -> IndicatorMatcher:
        """A matcher for these indicators."""
        return cls(tuple(indicators))

    def match(self, clause: str, unit: str, kind: IndicatorKind) -> str | None:
        """The id of the indicator the clause clearly speaks of, else None."""
        names = [
            (name, indicator.id)
            for indicator, name in zip(self.indicators, self._names, strict=True)
            if name and indicator.kind is kind and _same_unit(indicator.unit, unit)
        ]
        if not names:
            return None
        rate = _RATE.findall(clause)
        if rate:
            # 调解成功率 is its own measure, not 调解率: a rate matches only a rate of its name.
            names = [
                (name, ident)
                for name, ident in names
                if not self._by_id[ident].name_zh.endswith("率")
                or self._by_id[ident].name_zh.endswith(rate[-1])
            ]
        context = _pairs(clause)
        scored = [(len(name & context) / len(name), ident) for name, ident in names]
        scored.sort(reverse=True)
        if not scored or scored[0][0] < MIN_SCORE:
            return None
        if len(scored) > 1 and scored[0][0] - scored[1][0] < MIN_LEAD:
            return None
        return scored[0][1]


def _same_unit(indicator_unit: str, unit: str) -> bool:
    return indicator_unit == unit or {indicator_unit, unit} <= {"元", "万元", "亿元"}
