"""An article's shape: title, headings, paragraphs, sentences, clauses and quotations.

Everything is kept as character offsets into the article's own text, so that what is found can be
pointed at exactly (start and end of as_written, line and column in messages).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

SENTENCE_END = "。！？!?"
CLAUSE_END = SENTENCE_END + "，,；;：:\n"
# A line this short without sentence punctuation is a heading, not a paragraph.
HEADING_MAX = 40
TITLE_MAX = 80
_SENTENCE_PUNCT = re.compile(f"[{SENTENCE_END}]")
_HEADING_PUNCT = re.compile(r"[。！？!?，,；;]")
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_END)}\n]")
_CLAUSE_END = re.compile(f"[{re.escape(CLAUSE_END)}]")
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", "【": "】"}
# Quotations within quotations followed outwards before giving up.
_MAX_NESTING = 64
# A quotation this short without sentence punctuation is a name: “5312”运行模式, “平安银鼎”.
NAME_QUOTE_MAX = 24


@dataclass(slots=True)
class Span:
    """A stretch of the text, [start, end)."""

    start: int
    end: int


@dataclass(slots=True)
class Paragraph(Span):
    """A line of the article: a title, a heading or a paragraph of sentences."""

    index: int
    heading: bool
    title: bool


@dataclass(slots=True)
class Quotation(Span):
    """Text between quotation marks, with the marks: “……” or 《……》."""

    opener: str

    @property
    def inner(self) -> Span:
        """The quoted text without its marks."""
        return Span(self.start + 1, self.end - 1)


@dataclass
class TextLayout:
    """The article's paragraphs, sentence and clause boundaries and quotations."""

    text: str
    paragraphs: list[Paragraph]
    quotations: list[Quotation]
    sentence_ends: list[int] = field(default_factory=list)
    clause_ends: list[int] = field(default_factory=list)
    _paragraph_starts: list[int] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)
    _reach: list[int] = field(default_factory=list)
    # For each quotation, the one around it (-1: none).
    _outer: list[int] = field(default_factory=list)
    _paragraph_of: dict[int, Paragraph] = field(default_factory=dict)
    _sentences: dict[int, Span] = field(default_factory=dict)
    _clauses: dict[int, Span] = field(default_factory=dict)

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph holding offset."""
        found = self._paragraph_of.get(offset)
        if found is None:
            index = bisect.bisect_right(self._paragraph_starts, offset) - 1
            found = self.paragraphs[max(index, 0)]
            self._paragraph_of[offset] = found
        return found

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding offset, within its paragraph."""
        found = self._sentences.get(offset)
        if found is None:
            found = _between(self.sentence_ends, offset, self.paragraph_at(offset))
            self._sentences[offset] = found
        return found

    def clause_at(self, offset: int) -> Span:
        """The clause holding offset: between commas, semicolons, colons or sentence ends."""
        found = self._clauses.get(offset)
        if found is None:
            found = _between(self.clause_ends, offset, self.paragraph_at(offset))
            self._clauses[offset] = found
        return found

    def quotation_at(self, offset: int) -> Quotation | None:
        """The innermost quotation whose text holds offset, if any: from the last quotation
        that starts before it, out through the quotations around that one (a few steps, however
        many quotations stand before it)."""
        position = bisect.bisect_left(self._quote_starts, offset) - 1
        steps = 0
        while position >= 0:
            quotation = self.quotations[position]
            if quotation.start < offset < quotation.end - 1:
                return quotation
            if self._reach[position] <= offset:
                return None  # no quotation this early reaches the offset
            position = self._outer[position]
            steps += 1
            if steps > _MAX_NESTING:
                return None
        return None

    def in_name(self, offset: int) -> bool:
        """True when offset is inside a quotation that names something: “5312”运行模式."""
        quotation = self.quotation_at(offset)
        return quotation is not None and self.is_name_quote(quotation)

    def is_name_quote(self, quotation: Quotation) -> bool:
        """True when a quotation names something (a model, a campaign, a title)."""
        if quotation.opener in "《〈【":
            return True
        inner = self.text[quotation.start + 1 : quotation.end - 1]
        return len(inner) <= NAME_QUOTE_MAX and not _HEADING_PUNCT.search(inner)


def _between(ends: list[int], offset: int, paragraph: Paragraph) -> Span:
    """The span between the boundary before offset and the one at or after it."""
    index = bisect.bisect_left(ends, offset)
    start = ends[index - 1] + 1 if index > 0 else paragraph.start
    end = ends[index] if index < len(ends) else paragraph.end
    return Span(max(start, paragraph.start), min(end, paragraph.end))


def layout(text: str) -> TextLayout:
    """Find the paragraphs, boundaries and quotations of an article."""
    paragraphs: list[Paragraph] = []
    offset = 0
    seen_title = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            end = start + len(stripped)
            short = len(stripped) <= HEADING_MAX and not _HEADING_PUNCT.search(stripped)
            # The first line is a title unless it reads as a paragraph: long, or with a full stop.
            is_title = not seen_title and (
                len(stripped) <= TITLE_MAX and not _SENTENCE_PUNCT.search(stripped)
            )
            seen_title = True
            paragraphs.append(Paragraph(start, end, len(paragraphs), short or is_title, is_title))
        offset += len(line) + 1
    if not paragraphs:
        paragraphs.append(Paragraph(0, len(text), 0, False, False))
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    clause_ends = [m.start() for m in _CLAUSE_END.finditer(text)]
    result = TextLayout(text, paragraphs, _quotations(text), sentence_ends, clause_ends)
    result._paragraph_starts = [p.start for p in paragraphs]
    result._quote_starts = [q.start for q in result.quotations]
    reach = 0
    open_ones: list[int] = []
    for index, quotation in enumerate(result.quotations):
        reach = max(reach, quotation.end)
        result._reach.append(reach)
        while open_ones and result.quotations[open_ones[-1]].end <= quotation.start:
            open_ones.pop()
        result._outer.append(open_ones[-1] if open_ones else -1)
        open_ones.append(index)
    return result


_QUOTE_MARK = re.compile(
    "[" + re.escape("".join(QUOTE_PAIRS) + "".join(QUOTE_PAIRS.values())) + '"\n]'
)


def _quotations(text: str) -> list[Quotation]:
    """Matched pairs of quotation marks and book-title marks, outermost first at each start."""
    found: list[Quotation] = []
    stack: list[tuple[str, int]] = []
    closers = {closer: opener for opener, closer in QUOTE_PAIRS.items()}
    straight_open: int | None = None
    for mark in _QUOTE_MARK.finditer(text):
        ch = mark.group(0)
        index = mark.start()
        if ch == "\n":
            stack.clear()
            straight_open = None
        elif ch in QUOTE_PAIRS:
            stack.append((ch, index))
        elif ch in closers:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == closers[ch]:
                    opener, start = stack[depth]
                    del stack[depth:]
                    found.append(Quotation(start, index + 1, opener))
                    break
        elif straight_open is None:
            straight_open = index
        else:
            found.append(Quotation(straight_open, index + 1, '"'))
            straight_open = None
    found.sort(key=lambda q: (q.start, -q.end))
    return found
