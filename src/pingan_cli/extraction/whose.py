"""Whose a figure is: the place its sentence names as subject, else its paragraph's, else the
article's own (the first place its title or lead names).

A place after 在, 低于 or 与 is where or against what, not whose; 全市 and 我省 stand for the city
or province last named; 公安部 and 最高检 speak for the whole country; a place within a list
(广东、四川等19个省份) or after 其中 is part of a larger whole.
"""

from __future__ import annotations

import bisect
import re

from . import lexicon as lx
from .figures import TextFigure
from .layout import Paragraph, Span, TextLayout
from .places import COLLECTIVE_SUFFIX, NATIONAL_NAME, Gazetteer, Mention, Place

_COLLECTIVE_LEAD = ("年", "以来", "月", "日", "来", "同时", "此外", "其中", "目前", "共", "“")
# A place after these is an example within a larger whole: 其中天长市同比上升25.95个百分点.
EXAMPLE_LEAD = ("其中", "如")
_RANKING = ("第", "前", "排", "之首", "最", "首位")
# In a clause after a place: the place is where a record or a rank is counted, not whose.
_RECORD = re.compile("新高|新低|之最|首例|首位|前列|第[一二三四五六七八九十1-9]")
_RECORD_REACH = 30
_VENUE = re.compile(r"[^，,。；;\n]{0,12}?(?:等地|境内)")
_DATELINE = re.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")
# After a place's name: it names the paper or station that reports, 河北法制报讯, 日照日报社.
_OUTLET = re.compile(
    r"[^，,。；;：:\s]{0,4}?(?:报|电视台|广播电视台|新闻网|日报社|晚报社)(?:讯|社|记者|消息)"
)
# Paragraphs read for the article's own place: the title and the lead.
_LEAD_PARAGRAPHS = 4


class Whose:
    """Finds the place each figure of one article belongs to."""

    def __init__(self, text: str, shape: TextLayout, places: Gazetteer, starts: list[int]) -> None:
        self.text = text
        self.shape = shape
        self.places = places
        self._starts = starts
        self._respectively = "分别" in text
        self._respectively_at = [m.start() for m in re.finditer("分别", text)]
        self._mentions: dict[int, list[Mention]] = {}
        self._every: list[Mention] | None = None
        self._ordered: list[tuple[int, Place]] | None = None
        self._by_suffix: dict[str | None, tuple[list[int], list[Place]]] = {}
        self._ends: dict[int, int] | None = None
        self._nearest_memo: dict[tuple[int, bool, int], dict[int, Mention | None]] = {}
        self._every_starts: list[int] = []
        self._main: Place | None = None
        self._main_found = False
        self._subjects: dict[tuple[int, int], bool] = {}
        self._named_places: set[str] | None = None
        self._only_found: dict[str, Place | None] = {}
        self._mention_starts: dict[int, list[int]] = {}
        self._places_at: dict[tuple[int, int, int], Place | None] = {}

    def _mentions_in(self, paragraph: Paragraph) -> list[Mention]:
        if self._every is None:
            every = self.places.local_shorts(self.text, self.places.mentions(self.text))
            self._every = every
            self._every_starts = [m.start for m in every]
        found = self._mentions.get(paragraph.index)
        if found is None:
            low = bisect.bisect_left(self._every_starts, paragraph.start)
            high = bisect.bisect_left(self._every_starts, paragraph.end)
            found = self._every[low:high]
            self._mentions[paragraph.index] = found
        return found

    def place(self, figure: TextFigure) -> Place | None:
        """Whose the figure is: the place its sentence, paragraph or article names."""
        paragraph = self.shape.paragraph_at(figure.start)
        mentions = self._mentions_in(paragraph)
        quotation = self.shape.quotation_at(figure.start)
        if quotation is not None:
            speaker = self._speaker(quotation, mentions)
            if speaker is not None:
                return self._resolve(speaker, figure.start)
        if self._respectively:
            listed = self._listed_place(figure, mentions)
            if listed is not None:
                return self._resolve(listed, figure.start)
        sentence = self.shape.sentence_at(figure.start)
        # Figures with the same places named before them in their sentence get the same answer.
        key = (
            sentence.start,
            bisect.bisect_left(self._starts_of(mentions), figure.start),
            quotation.start if quotation is not None else -1,
        )
        if key in self._places_at:
            return self._places_at[key]
        mention = self._nearest(mentions, sentence, figure.start, quotation)
        if mention is None:
            mention = self._nearest(mentions, paragraph, sentence.start, quotation, examples=False)
        place = self._resolve(mention, figure.start) if mention is not None else self._main_place()
        self._places_at[key] = place
        return place

    def _starts_of(self, mentions: list[Mention]) -> list[int]:
        """Where the mentions of a paragraph start (cached by the paragraph they are of, never
        by the list's id(), which a later list may reuse)."""
        if not mentions:
            return []
        paragraph = self.shape.paragraph_at(mentions[0].start).index
        starts = self._mention_starts.get(paragraph)
        if starts is None:
            starts = [m.start for m in mentions]
            self._mention_starts[paragraph] = starts
        return starts

    def _listed_place(self, figure: TextFigure, mentions: list[Mention]) -> Mention | None:
        """天长市、定远县分别上升15.92个百分点和15.71个百分点: the i-th figure, the i-th place."""
        clause = self.shape.clause_at(figure.start)
        index = bisect.bisect_left(self._respectively_at, figure.start) - 1
        if index < 0 or self._respectively_at[index] < clause.start:
            return None
        respectively = self._respectively_at[index]
        starts = self._starts_of(mentions)
        low = bisect.bisect_left(starts, clause.start)
        high = bisect.bisect_left(starts, respectively)
        listed = [m for m in mentions[low:high] if m.place is not None]
        if len(listed) < 2:
            return None
        low = bisect.bisect_right(self._starts, respectively)
        high = bisect.bisect_left(self._starts, clause.end)
        order = self._starts[low:high]
        if len(order) != len(listed) or figure.start not in order:
            return None
        return listed[order.index(figure.start)]

    def _speaker(self, quotation: Span, mentions: list[Mention]) -> Mention | None:
        """The place of whoever said a quotation: “……”富平县公安局宫里派出所所长王宁说."""
        sentence = self.shape.sentence_at(quotation.end)
        tail = self.text[quotation.end : sentence.end + 1]
        said = [tail.find(word) for word in lx.SAID if word in tail]
        if not said:
            return None
        stop = quotation.end + min(said)
        for mention in mentions:
            if quotation.end <= mention.start < stop and mention.place is not None:
                return mention
        return None

    def _nearest(
        self,
        mentions: list[Mention],
        scope: Span,
        before: int,
        quotation: Span | None,
        examples: bool = True,
    ) -> Mention | None:
        """The place named last before a point in scope that can be whose a figure is. What is
        found for a mention is remembered for the scope, so that a long sentence of figures and
        places is read once, not once a figure."""
        starts = self._starts_of(mentions)
        key = (scope.start, examples, quotation.start if quotation is not None else -1)
        memo = self._nearest_memo.setdefault(key, {})
        visited: list[int] = []
        found: Mention | None = None
        for index in range(bisect.bisect_left(starts, before) - 1, -1, -1):
            mention = mentions[index]
            if mention.start < scope.start:
                break
            if mention.start in memo:
                found = memo[mention.start]
                break
            visited.append(mention.start)
            if not examples and self.text.endswith(EXAMPLE_LEAD, 0, mention.start):
                continue
            # 兰州市红古区、天水市清水县等20个县区: a place named within a longer name is listed
            # when the name it begins is.
            end = mention.end
            following = index + 1
            while following < len(mentions) and mentions[following].start == end:
                end = mentions[following].end
                following += 1
            if self.text.startswith(("、", "等"), end):
                if self._venue(mention):
                    found = mention  # 在云南临沧、玉溪等地: the list is where the work was done
                    break
                continue
            if self._subject(mention, quotation):
                found = mention
                break
        for start in visited:
            memo[start] = found
        return found

    def _subject(self, mention: Mention, quotation: Span | None) -> bool:
        """True when a place named here can be whose a figure is."""
        key = (mention.start, quotation.start if quotation is not None else -1)
        found = self._subjects.get(key)
        if found is None:
            found = self._is_subject(mention, quotation)
            self._subjects[key] = found
        return found

    def _is_subject(self, mention: Mention, quotation: Span | None) -> bool:
        if self.shape.in_name(mention.start):
            return False
        inside = self.shape.quotation_at(mention.start)
        if inside is not None and inside != quotation:
            return False
        head = mention.start
        # 隶属甘肃省平凉市: a name right after another is read with what stands before the first.
        ending = self._ending_at()
        while head in ending:
            head = ending[head]
        before = self.text[max(0, head - 2) : head]
        after = self.text[mention.end : mention.end + 12]
        if before.endswith(lx.NOT_SUBJECT_BEFORE):
            return self._venue(mention)
        if _DATELINE.match(after) or after.startswith(("、", "等")) or before.endswith("、"):
            return False  # 新华社北京8月7日电; 广东、四川、广西等19个省份
        if _OUTLET.match(after):
            return False  # 河北法制报讯: the paper, not whose the figures are
        clause = self.shape.clause_at(mention.start)
        if _RECORD.search(self.text, mention.end, min(clause.end, mention.end + _RECORD_REACH)):
            return False  # 创建国以来贵州单案缴毒量新高: the place a record is counted in
        if mention.collective is None or mention.body:
            return True
        if after.startswith(_RANKING):
            return False  # 全省第1位, 全市前两位
        lead = self.text[max(clause.start, mention.start - 12) : mention.start].strip()
        if not lead and mention.start - clause.start > 12:
            lead = self.text[clause.start : mention.start].strip()
        return not lead or lead.endswith(_COLLECTIVE_LEAD)

    def _venue(self, mention: Mention) -> bool:
        """在云南境内, 在云南临沧、玉溪等地: where the work was done is whose its figures are."""
        return (
            mention.collective is None
            and self.text.endswith("在", 0, mention.start)
            and _VENUE.match(self.text, mention.end) is not None
        )

    def _resolve(self, mention: Mention, at: int) -> Place | None:
        """The place a mention means. 全国 is national; 全省 the province named last before it
        (or the province of the place named last); 全市, 全州, 全区 and 全县 the place named last
        before them whose name ends in 市, 州, 区 or 县 (华阴市 for 全市 after 华阴市公安局, even
        though 华阴 lies in 渭南市); None when the text names none."""
        if mention.collective is None:
            return mention.place or self._choose(mention)
        if mention.collective == "national":
            return self.places.places.get(NATIONAL_NAME)
        if mention.collective == "province":
            last = self._last_place(at, None)
            if last is not None:
                return (
                    last
                    if last.level == "province"
                    else self.places.places.get(last.province or "")
                )
            return self._only(mention.collective)
        found = self._last_place(at, COLLECTIVE_SUFFIX[mention.collective])
        return found or self._only(mention.collective)

    def _only(self, collective: str) -> Place | None:
        """全市 with no 市 named before it: the one such place that the article's places are or
        lie in (独山子区 names 克拉玛依市), else None."""
        if collective not in self._only_found:
            suffix = COLLECTIVE_SUFFIX.get(collective, "")
            found: set[str] = set()
            for name in self._named():
                place = self.places.places.get(name)
                while place is not None and place.level != "national":
                    if collective == "province" and place.level == "province":
                        found.add(place.name)
                    elif suffix and place.level != "province" and place.name.endswith(suffix):
                        found.add(place.name)
                        break
                    place = self.places.places.get(place.parent or "")
            only = self.places.places.get(found.pop()) if len(found) == 1 else None
            self._only_found[collective] = only
        return self._only_found[collective]

    def _choose(self, mention: Mention) -> Place | None:
        """Of the places that bear one name (朝阳区), the one whose city or province the article
        names; None when it names none or several."""
        named = self._named()
        fitting = [
            p
            for p in mention.alternatives
            if (p.parent and p.parent in named) or (p.province and p.province in named)
        ]
        return fitting[0] if len(fitting) == 1 else None

    def _named(self) -> set[str]:
        if self._named_places is None:
            self._named_places = {
                m.place.name
                for paragraph in self.shape.paragraphs
                for m in self._mentions_in(paragraph)
                if m.place is not None
            }
        return self._named_places

    def _last_place(self, at: int, suffix: str | None) -> Place | None:
        """The place named last before a point (whose name ends in suffix, when given)."""
        if suffix not in self._by_suffix:
            if self._ordered is None:
                self._mentions_in(self.shape.paragraphs[0])
                ordered = []
                for mention in self._every or []:
                    place = mention.place or (
                        self._choose(mention) if mention.alternatives else None
                    )
                    if place is not None and place.level != "national":
                        ordered.append((mention.start, place))
                self._ordered = ordered
            chosen = [
                (start, place)
                for start, place in self._ordered
                if suffix is None or place.name.endswith(suffix)
            ]
            self._by_suffix[suffix] = ([start for start, _ in chosen], [p for _, p in chosen])
        starts, places = self._by_suffix[suffix]
        index = bisect.bisect_left(starts, at) - 1
        return places[index] if index >= 0 else None

    def _ending_at(self) -> dict[int, int]:
        """Where each named place that ends at an offset starts (collective words left out)."""
        if self._ends is None:
            self._mentions_in(self.shape.paragraphs[0])
            self._ends = {m.end: m.start for m in self._every or [] if m.collective is None}
        return self._ends

    def _main_place(self) -> Place | None:
        """Whose figures the article reports by default: the first place its title or lead names
        as a subject, else the first place it names at all."""
        if not self._main_found:
            self._main_found = True
            self._main = self._first_place(subjects=True) or self._first_place(subjects=False)
        return self._main

    def _first_place(self, subjects: bool) -> Place | None:
        for paragraph in self.shape.paragraphs[:_LEAD_PARAGRAPHS]:
            mentions = self._mentions_in(paragraph)
            for index, mention in enumerate(mentions):
                if subjects and not self._subject(mention, self.shape.quotation_at(mention.start)):
                    continue
                # 四川省凉山州西昌市公安局: the last of a chain of names is the one meant.
                while (
                    index + 1 < len(mentions)
                    and mentions[index + 1].start == mention.end
                    and mentions[index + 1].collective is None
                ):
                    index += 1
                    mention = mentions[index]
                place = self._resolve_main(mention)
                if place is not None:
                    return place
        return None

    def _resolve_main(self, mention: Mention) -> Place | None:
        return self._resolve(mention, mention.start)
