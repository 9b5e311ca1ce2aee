"""Places named in an article: the dataset's regions and a gazetteer of China's divisions."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from ..load.models import RegionEntry
from . import lexicon as lx

# Suffixes a province's or a prefecture's short name leaves out: 陕西 for 陕西省, 渭南 for 渭南市.
_PROVINCE_SUFFIXES = (
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "自治区",
    "特别行政区",
    "省",
    "市",
)
_GROUPINGS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Short names that are also ordinary words: 长治久安, 平安顺畅, 白银, 来宾, 中山路.
_NOT_SHORT_NAMES = frozenset(
    {"长治", "安顺", "安康", "白银", "来宾", "中山", "普洱", "朝阳", "白山", "大同", "吉安", "三明"}
)
NATIONAL_NAME = "全国"


@dataclass(frozen=True)
class Place:
    """A place as the dataset or the gazetteer knows it."""

    name: str
    level: str
    region_id: str | None = None
    parent: str | None = None
    province: str | None = None


class Mention(NamedTuple):
    """A place named at [start, end) of a text; collective for 全市, 全省, 全国 and the like."""

    start: int
    end: int
    written: str
    place: Place | None
    collective: str | None = None
    body: bool = False


class Gazetteer:
    """Every place name extraction recognises, and the place each one means."""

    def __init__(self, places: dict[str, Place], written: dict[str, str]) -> None:
        self.places = places
        self.written = written
        self._collectives: dict[str, str] = {}
        self._bodies: set[str] = set()
        for kind, words, bodies in (
            ("national", lx.NATIONAL, lx.NATIONAL_BODIES),
            ("province", lx.WHOLE_PROVINCE, lx.PROVINCE_BODIES),
            ("city", lx.WHOLE_CITY, lx.CITY_BODIES),
            ("county", lx.WHOLE_COUNTY, lx.COUNTY_BODIES),
        ):
            self._collectives.update(dict.fromkeys((*words, *bodies), kind))
            self._bodies.update(bodies)
        self._with: dict[tuple[object, ...], Gazetteer] = {}
        self._meaning = self._meanings()
        self._pattern = bucketed_pattern((*written, *self._collectives, *lx.NOT_PLACE_WORDS))

    def place(self, name: str) -> Place | None:
        """The place a name (full or short) means."""
        full = self.written.get(name)
        return self.places.get(full) if full else None

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Places named in text[start:end], longest name first where names overlap."""
        stop = len(text) if end is None else end
        meaning = self._meaning
        found = []
        for match in self._pattern.finditer(text, start, stop):
            word = match.group(0)
            place, kind, body = meaning[word]
            if place is not None or kind is not None:
                found.append(Mention(match.start(), match.end(), word, place, kind, body))
        return found

    def _meanings(self) -> dict[str, tuple[Place | None, str | None, bool]]:
        """What each name means: a place, or a kind of whole (全市: city), or nothing."""
        meaning: dict[str, tuple[Place | None, str | None, bool]] = {}
        for word in lx.NOT_PLACE_WORDS:
            meaning[word] = (None, None, False)
        for word in self.written:
            meaning.setdefault(word, (self.place(word), None, False))
        for word, kind in self._collectives.items():
            meaning[word] = (None, kind, word in self._bodies)
        return meaning

    def with_regions(self, regions: Iterable[RegionEntry]) -> Gazetteer:
        """This gazetteer with a dataset's regions, which win over the gazetteer's own names."""
        regions = tuple(regions)
        if not regions:
            return self
        key = tuple((r.id, r.name_zh, r.parent, r.level, *r.aliases) for r in regions)
        cached = self._with.get(key)
        if cached is None:
            cached = self._build_with(regions)
            self._with[key] = cached
        return cached

    def _build_with(self, regions: tuple[RegionEntry, ...]) -> Gazetteer:
        by_id = {region.id: region for region in regions}
        places = dict(self.places)
        written = dict(self.written)
        for region in regions:
            parent = by_id.get(region.parent) if region.parent else None
            known = self.places.get(region.name_zh)
            province = known.province if known else None
            ancestor = parent
            while province is None and ancestor is not None:
                found = self.places.get(ancestor.name_zh)
                province = found.province if found else None
                if found is not None and found.level == "province":
                    province = found.name
                ancestor = by_id.get(ancestor.parent) if ancestor.parent else None
            level = region.level.value
            places[region.name_zh] = Place(
                region.name_zh,
                level,
                region.id,
                parent.name_zh if parent else (known.parent if known else None),
                province,
            )
            for name in (region.name_zh, *region.aliases):
                if not name.isascii():
                    written[name] = region.name_zh
        return Gazetteer(places, written)


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with pingan (data/gazetteer.tsv)."""
    source = resources.files(__package__).joinpath("data", "gazetteer.tsv")
    return parse_gazetteer(source.read_text(encoding="utf-8"))


def parse_gazetteer(text: str) -> Gazetteer:
    """Read gazetteer lines: province <TAB> prefecture <TAB> counties separated by spaces."""
    places: dict[str, Place] = {NATIONAL_NAME: Place(NATIONAL_NAME, "national")}
    written: dict[str, str] = {}

    def add(place: Place, *short: str) -> None:
        places.setdefault(place.name, place)
        if place.name not in lx.NOT_PLACES:
            written.setdefault(place.name, place.name)
        for name in short:
            if len(name) >= 2 and name not in _NOT_SHORT_NAMES and name not in lx.NOT_PLACES:
                written.setdefault(name, place.name)

    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        province, prefecture, counties = [*line.split("\t"), "", ""][:3]
        add(Place(province, "province", province=province), _short(province))
        if prefecture and prefecture not in _GROUPINGS:
            add(Place(prefecture, "city", parent=province, province=province), _short(prefecture))
        parent = prefecture if prefecture and prefecture not in _GROUPINGS else province
        city_short = _short(prefecture) if prefecture not in _GROUPINGS else ""
        for county in counties.split():
            # 江门新会 is 新会区: a county's short name right after its city's.
            county_short = _county_short(county)
            compound = (city_short + county_short,) if city_short and county_short else ()
            add(Place(county, "county", parent=parent, province=province), *compound)
    return Gazetteer(places, written)


def _county_short(name: str) -> str:
    """新会 for 新会区, 富平 for 富平县; empty when too short to stand alone."""
    for suffix in ("自治县", "区", "县", "市", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def _short(name: str) -> str:
    for suffix in _PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    for suffix in ("地区", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


Trie = dict[str, "Trie"]


def trie_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of words, longest first, built as a trie so it stays fast."""
    root: Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: Trie) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        if len(branches) == 1 and len(body) > 1:
            return "(?:" + body + ")?"
        return body + "?"

    return re.compile(build(root))


def bucketed_pattern(words: Iterable[str], size: int = 128) -> re.Pattern[str]:
    """A regex matching any of words, longest first, fast on a megabyte of text.

    The regex engine tries the branches of an alternation one by one at every position; words are
    grouped by first character into buckets of about ``size`` characters, each behind a lookahead
    of its characters (128 measured fastest on a megabyte of Chinese text).
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word)
    firsts = sorted(by_first)
    branches = []
    for index in range(0, len(firsts), size):
        chunk = firsts[index : index + size]
        charset = "".join(re.escape(ch) for ch in chunk)
        inner = trie_pattern(word for ch in chunk for word in by_first[ch]).pattern
        branches.append(f"(?=[{charset}])(?:{inner})")
    every = "".join(re.escape(ch) for ch in firsts)
    return re.compile(f"(?=[{every}])(?:" + "|".join(branches) + ")")
