"""Whose a figure is: the place its sentence names as subject, else its paragraph's, else the
article's own (the first place its title or lead names).

A place after 在, 低于 or 与 is where or against what, not whose; 全市 and 我省 stand for the city
or province last named; 公安部 and 最高检 speak for the whole country; a place within a list
(广东、四川等19个省份) or after 其中 is part of a larger whole.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from . import lexicon as lx
from .figures import TextFigure
from .layout import Paragraph, Span, TextLayout
from .places import NATIONAL_NAME, Gazetteer, Mention, Place

_COLLECTIVE_LEAD = ("年", "以来", "月", "日", "来", "同时", "此外", "其中", "目前", "共", "“")
# A place after these is an example within a larger whole: 其中天长市同比上升25.95个百分点.
EXAMPLE_LEAD = ("其中", "如")
_RANKING = ("第", "前", "排", "之首", "最", "首位")
_VENUE = re.compile(r"[^，,。；;\n]{0,12}?(?:等地|境内)")
_DATELINE = re.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")
# How many paragraphs back 全市 looks for the city it means, before the article's own place.
_LOOK_BACK = 12
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
        self._mentions: dict[int, list[Mention]] = {}
        self._main: Place | None = None
        self._main_found = False
        self._subjects: dict[tuple[int, int], bool] = {}
        self._at_levels: dict[str, Place | None] = {}
        self._mention_starts: dict[int, list[int]] = {}
        self._places_at: dict[tuple[int, int, int], Place | None] = {}

    def _mentions_in(self, paragraph: Paragraph) -> list[Mention]:
        found = self._mentions.get(paragraph.index)
        if found is None:
            found = list(self.places.mentions(self.text, paragraph.start, paragraph.end))
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
        starts = self._mention_starts.get(id(mentions))
        if starts is None:
            starts = [m.start for m in mentions]
            self._mention_starts[id(mentions)] = starts
        return starts

    def _listed_place(self, figure: TextFigure, mentions: list[Mention]) -> Mention | None:
        """天长市、定远县分别上升15.92个百分点和15.71个百分点: the i-th figure, the i-th place."""
        clause = self.shape.clause_at(figure.start)
        respectively = self.text.find("分别", clause.start, figure.start)
        if respectively < 0:
            return None
        listed = [
            m for m in mentions if clause.start <= m.start < respectively and m.place is not None
        ]
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
        """The place named last before a point in scope that can be whose a figure is."""
        starts = self._starts_of(mentions)
        for index in range(bisect.bisect_left(starts, before) - 1, -1, -1):
            mention = mentions[index]
            if mention.start < scope.start:
                break
            if not examples and self.text.endswith(EXAMPLE_LEAD, 0, mention.start):
                continue
            # 兰州市红古区、天水市清水县等20个县区: a place named within a longer name is listed
            # when the name it begins is.
            end = mention.end
            for following in mentions[index + 1 :]:
                if following.start != end:
                    break
                end = following.end
            if self.text.startswith(("、", "等"), end):
                if self._venue(mention):
                    return mention  # 在云南临沧、玉溪等地: the list is where the work was done
                continue
            if self._subject(mention, quotation):
                return mention
        return None

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
        before = self.text[max(0, mention.start - 2) : mention.start]
        after = self.text[mention.end : mention.end + 12]
        if before.endswith(lx.NOT_SUBJECT_BEFORE):
            return self._venue(mention)
        if _DATELINE.match(after) or after.startswith(("、", "等")) or before.endswith("、"):
            return False  # 新华社北京8月7日电; 广东、四川、广西等19个省份
        if mention.collective is None or mention.body:
            return True
        if after.startswith(_RANKING):
            return False  # 全省第1位, 全市前两位
        clause = self.shape.clause_at(mention.start)
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
        """The place a mention means; 全市 is the city last named, 全国 is national."""
        if mention.collective is None:
            return mention.place
        if mention.collective == "national":
            return self.places.places.get(NATIONAL_NAME)
        level = mention.collective
        for place in self._places_before(at):
            found = self._at_level(place, level)
            if found is not None:
                return found
        main = self._main_place()
        found = self._at_level(main, level) if main is not None else None
        return found or self._anywhere_at_level(level)

    def _anywhere_at_level(self, level: str) -> Place | None:
        """The first place the article names that is at a level or lies within one."""
        if level not in self._at_levels:
            self._at_levels[level] = self._find_at_level(level)
        return self._at_levels[level]

    def _find_at_level(self, level: str) -> Place | None:
        for paragraph in self.shape.paragraphs:
            for mention in self._mentions_in(paragraph):
                if mention.place is not None:
                    found = self._at_level(mention.place, level)
                    if found is not None:
                        return found
        return None

    def _at_level(self, place: Place, level: str) -> Place | None:
        """The place itself or the ancestor of it at a level (city, county, province)."""
        if level == "province":
            return self.places.places.get(place.province or "") if place.province else None
        current: Place | None = place
        for _ in range(6):
            if current is None:
                return None
            if current.level == level:
                return current
            current = self.places.places.get(current.parent or "")
        return None

    def _places_before(self, at: int) -> Iterator[Place]:
        """Places named before a point, nearest first, within the last few paragraphs."""
        paragraph = self.shape.paragraph_at(at)
        for index in range(paragraph.index, max(-1, paragraph.index - _LOOK_BACK), -1):
            for mention in reversed(self._mentions_in(self.shape.paragraphs[index])):
                if mention.start < at and mention.place is not None:
                    yield mention.place

    def _main_place(self) -> Place | None:
        """Whose figures the article reports by default: the first place its title or lead names
        as a subject, else the first place it names at all."""
        if not self._main_found:
            self._main_found = True
            self._main = self._first_place(subjects=True) or self._first_place(subjects=False)
        return self._main

    def _first_place(self, subjects: bool) -> Place | None:
        for paragraph in self.shape.paragraphs[:_LEAD_PARAGRAPHS]:
            for mention in self._mentions_in(paragraph):
                if subjects and not self._subject(mention, self.shape.quotation_at(mention.start)):
                    continue
                place = self._resolve_main(mention)
                if place is not None:
                    return place
        return None

    def _resolve_main(self, mention: Mention) -> Place | None:
        if mention.collective is None:
            return mention.place
        if mention.collective == "national":
            return self.places.places.get(NATIONAL_NAME)
        return self._anywhere_at_level(mention.collective)
