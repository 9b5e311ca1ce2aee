"""The article in an HTML page saved from a browser: title, date and body, without the page's
menus, share buttons, related links and footers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from .periods import date_line, date_of

# Elements whose text is never the article.
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "button",
        "select",
        "option",
        "textarea",
        "head",
    }
)
_VOID = frozenset(
    {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "tr",
        "table",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "center",
        "br",
    }
)
# class or id words of boilerplate blocks, and of the block that holds the article.
_BOILERPLATE = re.compile(
    r"nav|menu|footer|foot|header|sidebar|side-|breadcrumb|crumb|share|comment|copyright|"
    r"related|recommend|login|search|banner|advert|toolbar|pagination|pager|topbar|links?\b|"
    r"friend|hot|rank|qrcode|erweima",
    re.I,
)
_CONTENT = re.compile(
    r"article|content|main|detail|text|zoom|trs_editor|post|body|news_?con|con_?text|neirong",
    re.I,
)
_META_DATE = re.compile(
    r"pubdate|publishdate|published_time|firstpublishedtime|releasedate|date", re.I
)
# Browsers write the page's address into a saved copy: <!-- saved from url=(0055)https://... -->
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
_TITLE_SEPARATOR = re.compile(r"\s*[_|｜—–-]{1,2}\s*")
# A paragraph of an article: at least this many characters, with sentence punctuation.
_MIN_PARAGRAPH = 12
_SENTENCE_PUNCTUATION = re.compile(r"[，。；！？,;]")


@dataclass(frozen=True)
class MainText:
    """What a page says: its title, its date if it gives one, and the article's paragraphs."""

    title: str | None
    published: date | None
    text: str
    url: str | None = None


class _Blocks(HTMLParser):
    """Text blocks of a page, each with whether it sits in boilerplate or in the content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, content
        self.blocks: list[tuple[str, bool]] = []
        self.current: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self.meta_date: str | None = None
        self.url: str | None = None
        self._in_title = False
        self._in_h1 = False

    def _state(self) -> tuple[bool, bool]:
        return (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "") == "canonical" and values.get("href"):
            self.url = self.url or values["href"]
        if tag == "meta":
            name = (values.get("name") or values.get("property") or "").strip()
            if name == "og:url" and values.get("content"):
                self.url = self.url or values["content"]
            if _META_DATE.search(name) and values.get("content") and self.meta_date is None:
                self.meta_date = values["content"]
            return
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _BLOCK:
            self._flush()
        if tag in _VOID:
            return
        skipped, content = self._state()
        marks = " ".join(v for k, v in attrs if k in ("class", "id") and v)
        if tag in _SKIP or (marks and _BOILERPLATE.search(marks) and not _CONTENT.search(marks)):
            skipped = True
        if tag == "article" or (marks and _CONTENT.search(marks) and not skipped):
            content = True
        self.stack.append((tag, skipped, content))

    def handle_comment(self, data: str) -> None:
        saved = _SAVED_FROM.search(data)
        if saved and self.url is None:
            self.url = saved.group(1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _BLOCK:
            self._flush()
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        skipped, _ = self._state()
        if self._in_h1 and not skipped:
            self.h1.append(data)
        if not skipped:
            self.current.append(data)

    def _flush(self) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append((text, self._state()[1]))
        self.current = []

    def close(self) -> None:
        super().close()
        self._flush()


def main_text(html: str) -> MainText:
    """The article a page holds: title line, then its paragraphs, one per line."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    title = _title("".join(parser.h1).strip(), "".join(parser.title).strip())
    in_content = [text for text, content in parser.blocks if content]
    chosen = in_content if _looks_like_article(in_content) else [t for t, _ in parser.blocks]
    paragraphs = [text for text in chosen if _is_paragraph(text)]
    lines = [title] if title else []
    lines += [p for p in paragraphs if p != title]
    published = _meta_date(parser.meta_date) or date_line("\n".join(t for t, _ in parser.blocks))
    return MainText(title or None, published, "\n".join(lines) + "\n", parser.url)


def _title(h1: str, title: str) -> str:
    if h1:
        return re.sub(r"\s+", " ", h1)
    parts = [p for p in _TITLE_SEPARATOR.split(title) if p]
    return max(parts, key=len) if parts else ""


def _looks_like_article(blocks: list[str]) -> bool:
    return sum(len(b) for b in blocks if _is_paragraph(b)) >= 60


def _is_paragraph(text: str) -> bool:
    return len(text) >= _MIN_PARAGRAPH and bool(_SENTENCE_PUNCTUATION.search(text))


def _meta_date(value: str | None) -> date | None:
    if not value:
        return None
    return date_of(re.search(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})", value))
