"""Reading an article: a text file, an HTML page saved from a browser, or standard input.

Articles are read as data files are (load/textfile.py): only regular files, at most
MAX_BYTES, opened without waiting (a FIFO is refused from its status, never opened; /dev/zero is
a device, not an article), read no further than the limit even when the file grows meanwhile.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..load.limits import MAX_FILE_BYTES
from .htmltext import MainText, main_text

HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".mhtml"})
# Files a folder of articles is read for.
ARTICLE_SUFFIXES = HTML_SUFFIXES | {".txt", ".text", ".md"}
# An article larger than this is not an article: the limit of a data file.
MAX_BYTES = MAX_FILE_BYTES
STDIN = "-"


class ArticleError(ValueError):
    """An article file that cannot be read."""


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with its BOM, else GB18030, which Chinese pages
    often use; a NUL byte outside UTF-16 says the file is not text."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise ArticleError(
                    "has a UTF-16 byte-order mark but is not UTF-16 text; save it as UTF-8"
                ) from None
    if b"\0" in raw:
        raise ArticleError("holds NUL bytes: it is not a text file; name a .txt or .html file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ArticleError("is neither UTF-8, UTF-16 (with a BOM) nor GB18030 text; save it as UTF-8")


def is_html(path: Path, text: str) -> bool:
    """True for a saved web page: by its suffix, or by starting with a tag."""
    return path.suffix.lower() in HTML_SUFFIXES or text.lstrip()[:1] == "<"


def read_article(path: Path, stdin: BinaryIO | None = None) -> MainText:
    """The article in a file (or standard input for ``-``): a text file as it is, a page's main
    text without boilerplate."""
    if str(path) == STDIN:
        if stdin is None:
            raise ArticleError("standard input is not open")
        raw = _read_stream(stdin)
    else:
        raw = _read_file(path)
    text = decode(raw).replace("\r\n", "\n").replace("\r", "\n")
    if is_html(path, text):
        return main_text(text)
    return MainText(None, None, text)


def _read_stream(stream: BinaryIO) -> bytes:
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ArticleError(f"is more than {MAX_BYTES:,} bytes: more than an article")
    return raw


def _read_file(path: Path) -> bytes:
    try:
        info = os.stat(path)
        _check_kind(info)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ArticleError("no such file; check the path") from None
    except PermissionError:
        raise ArticleError("cannot be read: permission denied") from None
    except OSError as error:
        raise ArticleError(f"cannot be read: {error.strerror or error}") from None
    try:
        # The file may have been swapped since os.stat: check what was opened.
        _check_kind(os.fstat(descriptor))
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(descriptor, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise ArticleError(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if size > MAX_BYTES:
        raise ArticleError(f"grew past {MAX_BYTES:,} bytes while being read")
    return b"".join(chunks)


def _check_kind(info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError("is a folder, not an article file")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket"
            if stat.S_ISSOCK(info.st_mode)
            else "not a regular file"
        )
        raise ArticleError(
            f"is {kind}, not a regular file; save the article to a file, or pipe it to "
            "`pingan extract -`"
        )
    if info.st_size > MAX_BYTES:
        raise ArticleError(
            f"is {info.st_size:,} bytes, more than an article ({MAX_BYTES:,} at most)"
        )


def articles_in(paths: list[Path]) -> Iterator[Path]:
    """The articles that paths name: each file as given (and ``-``), and for each folder the
    text and HTML files in it and its subfolders, in name order, hidden ones left out."""
    for path in paths:
        if str(path) != STDIN and path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.is_file()
            )
            yield from found
        else:
            yield path
