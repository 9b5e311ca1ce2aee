"""Reading an article from a file: plain text, or an HTML page saved from a browser."""

from __future__ import annotations

from pathlib import Path

from .htmltext import MainText, main_text

HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".mhtml"})
# A page larger than this is not an article.
MAX_BYTES = 64 * 1024 * 1024


class ArticleError(ValueError):
    """An article file that cannot be read."""


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a BOM), else GB18030, which Chinese pages often use."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ArticleError("is neither UTF-8 nor GB18030 text")


def is_html(path: Path, text: str) -> bool:
    """True for a saved web page: by its suffix, or by starting with a tag."""
    return path.suffix.lower() in HTML_SUFFIXES or text.lstrip()[:1] == "<"


def read_article(path: Path) -> MainText:
    """The article in a file: a text file as it is, a page's main text without boilerplate."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"is {size:,} bytes, more than an article ({MAX_BYTES:,} at most)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such file; check the path") from None
    except IsADirectoryError:
        raise ArticleError("is a folder, not an article file") from None
    except OSError as error:
        raise ArticleError(f"cannot be read: {error.strerror or error}") from None
    text = decode(raw).replace("\r\n", "\n").replace("\r", "\n")
    if is_html(path, text):
        return main_text(text)
    return MainText(None, None, text)
