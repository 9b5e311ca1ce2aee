"""Places named in an article: the dataset's regions and a gazetteer of China's divisions.

Names match as whole names: the longest name or listed word at each point wins, so 范县 is not
found inside 示范县 (a word of lexicon.NOT_PLACE_WORDS), and a county whose name is one character
and 县 (范县, 和县, 高县) is taken only where a word can start before it (after punctuation, its
city's or province's name, or a word such as 在), not inside 提高县级 or 市和县两级.
"""

from __future__ import annotations

import bisect
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
    "地区",
    "盟",
)
# China's ethnic groups as autonomous areas name them: 阿坝藏族羌族自治州 is written 阿坝州.
ETHNIC_GROUPS = lx.words(
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 "
    "佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 "
    "仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 "
    "独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
)
_AUTONOMOUS = re.compile(
    "^(?P<stem>.+?)(?:(?:" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True)) + ")族?)+"
    "自治(?P<suffix>州|县|旗)$"
)
# Short names that are also ordinary words, taken only in full: 长治久安, 平安顺畅, 白银, 来宾.
_NOT_SHORT_NAMES = frozenset(
    {"安顺", "安康", "白银", "来宾", "中山", "普洱", "朝阳", "白山", "大同", "吉安", "三明", "长治"}
)
# After 山东, 河南 and the like: a side of a mountain or a river, not the province.
_SIDE = tuple("麓岸坡侧")
# A character that cannot end a word before a place's name: the place starts a word there.
_WORD_BEFORE = frozenset("在于到赴至与和及同对向是为从由往")
NATIONAL_NAME = "全国"
# How collective words name their place: by the suffix of the place they stand for.
COLLECTIVE_SUFFIX = {"city": "市", "county": "县", "district": "区", "prefecture": "州"}


@dataclass(frozen=True)
class Place:
    """A place as the dataset or the gazetteer knows it."""

    name: str
    level: str
    region_id: str | None = None
    parent: str | None = None
    province: str | None = None
    code: str | None = None


class Mention(NamedTuple):
    """A place named at [start, end) of a text; collective for 全市, 全省, 全国 and the like.

    ``place`` is None for a collective word, and for a name that several places bear (朝阳区 in
    Beijing and in Changchun): ``alternatives`` then lists them.
    """

    start: int
    end: int
    written: str
    place: Place | None
    collective: str | None = None
    body: bool = False
    alternatives: tuple[Place, ...] = ()


class Gazetteer:
    """Every place name extraction recognises, and the places each one means."""

    def __init__(
        self,
        places: dict[str, Place],
        written: dict[str, tuple[Place, ...]],
        base: Gazetteer | None = None,
    ) -> None:
        self.places = places
        self.written = written
        self._collectives: dict[str, str] = {}
        self._bodies: set[str] = set()
        for kind, words, bodies in (
            ("national", lx.NATIONAL, lx.NATIONAL_BODIES),
            ("province", lx.WHOLE_PROVINCE, lx.PROVINCE_BODIES),
            ("city", lx.WHOLE_CITY, lx.CITY_BODIES),
            ("prefecture", lx.WHOLE_PREFECTURE, ()),
            ("district", lx.WHOLE_DISTRICT, lx.DISTRICT_BODIES),
            ("county", lx.WHOLE_COUNTY, lx.COUNTY_BODIES),
        ):
            self._collectives.update(dict.fromkeys((*words, *bodies), kind))
            self._bodies.update(bodies)
        self._with: dict[tuple[object, ...], Gazetteer] = {}
        self._meaning = self._meanings()
        self._extra: re.Pattern[str] | None = None
        if base is None:
            self._pattern = bucketed_pattern((*written, *self._collectives, *lx.NOT_PLACE_WORDS))
        else:
            # A dataset's regions on top of the shipped names: the shipped pattern is kept (it
            # takes a quarter of a second to build) and the names it lacks get a small one.
            self._pattern = base._pattern
            extra = [w for w in written if w not in base._meaning]
            self._extra = trie_pattern(extra) if extra else None

    def place(self, name: str) -> Place | None:
        """The place a name (full or short) means, when only one place bears it."""
        found = self.written.get(name)
        return found[0] if found and len(found) == 1 else None

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Places named in text[start:end], longest name first where names overlap."""
        found = self._mentions(self._pattern, text, start, end)
        if self._extra is None:
            return found
        extra = self._mentions(self._extra, text, start, end)
        if not extra:
            return found
        # Where a dataset's name and a shipped one overlap, the longer is the one meant.
        merged: list[Mention] = []
        for mention in sorted([*found, *extra], key=lambda m: (m.start, -(m.end - m.start))):
            if merged and mention.start < merged[-1].end:
                if mention.end - mention.start > merged[-1].end - merged[-1].start:
                    merged[-1] = mention
                continue
            merged.append(mention)
        return merged

    def _mentions(
        self, pattern: re.Pattern[str], text: str, start: int, end: int | None
    ) -> list[Mention]:
        stop = len(text) if end is None else end
        meaning = self._meaning
        found = []
        at = start
        while True:
            match = pattern.search(text, at, stop)
            if match is None:
                break
            first, last = match.start(), match.end()
            word = match.group(0)
            at = last
            while word in self.written and not self._whole(text, first, last, word):
                # 渭南市场 is 渭南 and 市场; 示范县 holds no 范县: try the shorter names here
                shorter = pattern.match(text, first, last - 1)
                if shorter is None:
                    word = ""
                    break
                last = shorter.end()
                word = shorter.group(0)
            if not word:
                at = first + 1
                continue
            places, kind, body = meaning[word]
            if places or kind is not None:
                single = places[0] if len(places) == 1 else None
                others = places if len(places) > 1 else ()
                found.append(Mention(first, last, word, single, kind, body, others))
            at = last
        return found

    def local_shorts(self, text: str, found: list[Mention]) -> list[Mention]:
        """Short names (西昌 for 西昌市) of the counties a text names in full: an article that
        says 西昌市 may go on with 西昌公安. Stems that are ordinary words (公安 of 公安县) are left
        out; so are stems that name another place."""
        shorts: dict[str, Place] = {}
        for mention in found:
            place = mention.place
            if place is None or place.level != "county" or mention.written != place.name:
                continue
            stem = _county_short(place.name)
            if stem and stem not in lx.COMMON_STEMS and stem not in self.written:
                shorts[stem] = place
        if not shorts:
            return found
        taken = [(m.start, m.end) for m in found]
        extra = []
        for match in trie_pattern(shorts).finditer(text):
            first, last = match.start(), match.end()
            index = bisect.bisect_right(taken, (first, len(text)))
            if index and taken[index - 1][1] > first:
                continue  # inside a name found already
            if index < len(taken) and taken[index][0] < last:
                continue
            if not self._whole(text, first, last, match.group(0)):
                continue
            place = shorts[match.group(0)]
            extra.append(Mention(first, last, match.group(0), place))
        return sorted([*found, *extra])

    def _whole(self, text: str, start: int, end: int, word: str) -> bool:
        """True when a name found at [start, end) is a whole name, not part of other words."""
        if len(word) == 2 and word[1] in "东西南北" and text.startswith(_SIDE, end):
            return False  # 六盘山东麓 is no 山东; 黄河南岸 no 河南
        if text.startswith(lx.NOT_AFTER_PLACE, end - 1) and word[-1] in "市县区":
            for after in lx.NOT_AFTER_PLACE:
                if after[0] == word[-1] and text.startswith(after, end - 1):
                    return False  # 东方市场: 东方 and 市场
        if len(word) == 2 and word[1] in "县区市旗" and start > 0:
            before = text[start - 1]
            if _is_ideograph(before) and before not in _WORD_BEFORE:
                return self._after_ancestor(text, start, word)
        return True

    def _after_ancestor(self, text: str, start: int, word: str) -> bool:
        """True when the name right before a place is its city's or province's: 濮阳市范县."""
        for place in self.written.get(word, ()):
            for ancestor in (place.parent, place.province):
                if not ancestor:
                    continue
                names = [ancestor, _short(ancestor)]
                if any(n and text.endswith(n, max(0, start - len(n)), start) for n in names):
                    return True
        return False

    def _meanings(self) -> dict[str, tuple[tuple[Place, ...], str | None, bool]]:
        """What each name means: places, or a kind of whole (全市: city), or nothing."""
        meaning: dict[str, tuple[tuple[Place, ...], str | None, bool]] = {}
        for word in lx.NOT_PLACE_WORDS:
            meaning[word] = ((), None, False)
        for word, places in self.written.items():
            meaning.setdefault(word, (places, None, False))
        for word, kind in self._collectives.items():
            meaning[word] = ((), kind, word in self._bodies)
        return meaning

    def with_regions(self, regions: Iterable[RegionEntry]) -> Gazetteer:
        """This gazetteer with a dataset's regions, which win over the gazetteer's own names."""
        regions = tuple(regions)
        if not regions:
            return self
        key = tuple(
            (r.id, r.name_zh, r.parent, r.level.value, r.code, tuple(r.aliases)) for r in regions
        )
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
            place = Place(
                region.name_zh,
                region.level.value,
                region.id,
                parent.name_zh if parent else (known.parent if known else None),
                province,
                known.code if known else None,
            )
            places[region.name_zh] = place
            for name in (region.name_zh, *region.aliases):
                if not name.isascii():
                    written[name] = (place,)
        return Gazetteer(places, written, base=self)


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with pingan (data/gazetteer.tsv). It holds no state of an article:
    every article is read against the same names."""
    source = resources.files(__package__).joinpath("data", "gazetteer.tsv")
    return parse_gazetteer(source.read_text(encoding="utf-8"))


def parse_gazetteer(text: str) -> Gazetteer:
    """Read gazetteer lines: code <TAB> name <TAB> level <TAB> the code of its parent."""
    national = Place(NATIONAL_NAME, "national")
    places: dict[str, Place] = {NATIONAL_NAME: national}
    by_code: dict[str, tuple[str, str, str, str]] = {}
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, level, parent_code = [*line.split("\t"), "", "", ""][:4]
        lines.append((code, name, level, parent_code))
        if code != "-":
            by_code[code] = (code, name, level, parent_code)
    written: dict[str, list[Place]] = {}
    shorts: dict[str, list[Place]] = {}

    def add(words: dict[str, list[Place]], word: str, place: Place) -> None:
        if word in lx.NOT_PLACES or len(word) < 2:
            return
        bucket = words.setdefault(word, [])
        if place not in bucket:
            bucket.append(place)

    for code, name, level, parent_code in lines:
        parent = by_code.get(parent_code)
        province = name if level == "province" else None
        row = parent
        while province is None and row is not None:
            province = row[1] if row[2] == "province" else None
            row = by_code.get(row[3])
        parent_name = parent[1] if parent else None
        place = Place(
            name,
            level,
            parent=parent_name,
            province=province,
            code=None if code == "-" else code,
        )
        if level != "county" or name not in places:
            places.setdefault(name, place)
        add(written, name, place)
        autonomous = _AUTONOMOUS.match(name)
        if autonomous:
            # 阿坝藏族羌族自治州: 阿坝州 and 阿坝; 木里藏族自治县: 木里县
            add(written, autonomous.group("stem") + autonomous.group("suffix"), place)
            if level != "county":
                add(shorts, autonomous.group("stem"), place)
        if level in ("province", "city"):
            short = _short(name)
            if short != name and short not in _NOT_SHORT_NAMES:
                add(shorts, short, place)
        elif parent is not None and parent[2] == "city":
            # 江门新会 is 新会区: a county's short name right after its city's.
            city_short = _short(parent[1])
            county_short = _county_short(name)
            if city_short != parent[1] and county_short:
                add(written, city_short + county_short, place)
    final: dict[str, tuple[Place, ...]] = {word: tuple(found) for word, found in written.items()}
    for word, found in shorts.items():
        # A short name is a full name's only where no division bears it in full (和田: 和田地区,
        # not 和田县); a prefecture's short name wins over a county's (大理: 大理州).
        if word not in final:
            wider = [p for p in found if p.level != "county"] or found
            final[word] = tuple(wider)
    return Gazetteer(places, final)


def _county_short(name: str) -> str:
    """新会 for 新会区, 富平 for 富平县; empty when too short to stand alone."""
    for suffix in ("自治县", "区", "县", "市", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def _short(name: str) -> str:
    """陕西 for 陕西省, 渭南 for 渭南市, 广西 for 广西壮族自治区; the name when too short."""
    for suffix in _PROVINCE_SUFFIXES:
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
