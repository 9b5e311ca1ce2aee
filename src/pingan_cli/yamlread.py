"""Read a YAML file into plain values safely, remembering where every value stood.

PyYAML's loaders construct objects from tags, resolve ``no`` to False and ``010`` to 8, keep the
last of two duplicate keys, and recurse once per nesting level. This reader composes the document
itself from PyYAML's event stream instead, so that:

- no tag is ever honoured: any explicit tag is an error;
- only ``true``/``false``, ``null``/``~``, decimal integers and decimal floats with a point (and
  a signed exponent, if any: ``1.5e+9``) are resolved; every other plain scalar (``no``, ``010``,
  ``0x1F``, ``12:30``, ``.nan``, ``1e3``) stays the text it was;
- duplicate keys are errors, at any depth;
- nesting depth, the number of values (aliases included, counted as expanded) and aliases that
  point into themselves are limited, so hostile files fail fast with a message;
- the file itself must be a regular file under MAX_FILE_BYTES, in UTF-8 (a BOM allowed) or UTF-16
  with a BOM, holding only characters YAML allows.

Every refusal is a DataError naming the file, the line and column, and what to do about it.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import DataError, Path_, Problem

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 1_000_000
MAX_INT_DIGITS = 30

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")
# A float in YAML 1.1 and 1.2 alike: a point, and a sign in any exponent. 1e3 and 1.5e3 are
# floats in YAML 1.2 but text in YAML 1.1, so PyYAML writes the text "1e3" unquoted.
_YAML_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+][0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# What YAML 1.1 allows in a stream (PyYAML's Reader and libyaml refuse anything else).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHAR_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x1B: "ESC",
    0x7F: "DEL",
    0x9B: "CSI",
    0xFFFE: "a non-character",
    0xFFFF: "a non-character",
}
_ESCAPES = {0x00: "\\0", 0x07: "\\a", 0x08: "\\b", 0x0B: "\\v", 0x0C: "\\f", 0x1B: "\\e"}
# File signatures that say what a binary file really is.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx or Word .docx file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.xls or .doc)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\x7fELF", "a program (ELF executable)"),
)
_HOW_TO_RESAVE = "re-save it as UTF-8 (in an editor: Save As, encoding UTF-8)"

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_SCALAR = yaml.ScalarEvent
_ALIAS = yaml.AliasEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_SKIP = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


class Marks:
    """Where a container and each of its children began; children that are containers have their
    own Marks. Scalars are (line, column) or, when read as something other than text, (line,
    column, text as written)."""

    __slots__ = ("at", "children", "keys")

    def __init__(self, at: tuple[int, int]) -> None:
        self.at = at
        self.children: dict[str | int, Any] = {}
        self.keys: dict[str, tuple[int, int]] = {}


@dataclass
class Document:
    """A parsed file: its plain value and the line and column where each value began.

    ``marks`` holds where each value (and each mapping key, so that a message about an unknown
    field points at the field's name) started, and the text as written of every unquoted scalar
    read as something other than text (``1.10`` read as 1.1).
    """

    file: str
    value: Any
    marks: Any = None
    problems: list[Problem] = field(default_factory=list)

    def _walk(self, path: Path_) -> tuple[Any, Any, int]:
        """The mark of the deepest value on path, its parent Marks, and how far it got."""
        node = self.marks
        parent = None
        depth = 0
        for part in path:
            if not isinstance(node, Marks) or part not in node.children:
                break
            parent = node
            node = node.children[part]
            depth += 1
        return node, parent, depth

    def locate(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at path, or of its nearest recorded ancestor."""
        node, _, _ = self._walk(path)
        if node is None:
            return None, None
        line, column = node.at if isinstance(node, Marks) else node[:2]
        return line, column

    def locate_key(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column of the key that ends path (a field's name), else of its value."""
        if path:
            holder, _, depth = self._walk(path[:-1])
            if depth == len(path) - 1 and isinstance(holder, Marks):
                mark = holder.keys.get(str(path[-1]))
                if mark is not None:
                    return mark
        return self.locate(path)

    def as_written(self, path: Path_) -> str | None:
        """The text of an unquoted scalar at path that was read as a number, bool or null."""
        node, _, depth = self._walk(path)
        if depth == len(path) and isinstance(node, tuple) and len(node) == 3:
            return str(node[2])
        return None

    def problem(self, path: Path_, message: str) -> Problem:
        """A problem at path inside this document."""
        line, column = self.locate(path)
        return Problem(self.file, line, column, message, path)

    def key_problem(self, path: Path_, message: str) -> Problem:
        """A problem about the key at path itself (an unknown field): located at the key."""
        line, column = self.locate_key(path)
        return Problem(self.file, line, column, message, path)


def resolve_plain(text: str, yaml: bool = False) -> Any:
    """Turn an unquoted scalar into None, a bool, an int, a float, or leave it as text.

    With ``yaml``, only what YAML 1.1 and 1.2 agree on is a float (see _YAML_FLOAT), so that
    text written by a YAML 1.1 tool such as PyYAML is read back as text.
    """
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            return text
        return int(text)
    if (_YAML_FLOAT if yaml else _FLOAT).match(text):
        number = float(text)
        return number if math.isfinite(number) else text
    return text


def read_text(path: Path, display: str | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """Read a file as text; refuse what is not a regular, reasonably sized UTF-8/UTF-16 file.

    Special files are refused from their status alone, without opening them: opening a FIFO would
    wait for a writer, and reading /dev/zero would never end.
    """
    name = display or str(path)

    def fail(message: str) -> DataError:
        return DataError([Problem(name, None, None, message)])

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise fail("no such file; check the path and the current folder") from None
    except PermissionError:
        raise fail("cannot be read: permission denied; check the file's permissions") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    _check_kind(info, limit, fail)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise fail("cannot be read: permission denied; check the file's permissions") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    try:
        # The file may have been swapped for something else since os.stat: check what was opened.
        _check_kind(os.fstat(descriptor), limit, fail)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise fail(
            f"grew past the {limit:,}-byte limit while being read; is it still being written?"
        )
    return decode(b"".join(chunks), name)


def _check_kind(info: os.stat_result, limit: int, fail: Callable[[str], DataError]) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise fail("is a folder, not a data file; name a .yaml file inside it")
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
        raise fail(f"is {kind}, not a regular file; name a .yaml file (save piped data first)")
    if info.st_size > limit:
        raise fail(
            f"is {info.st_size:,} bytes, over the {limit:,}-byte limit for a YAML file; "
            "put bulk figures in a CSV file named under observation_files"
        )


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM allowed) or BOM-marked UTF-16; refuse binary and other encodings."""

    def fail(message: str, line: int | None = None, column: int | None = None) -> DataError:
        return DataError([Problem(name, line, column, message)])

    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise fail(f"is UTF-32 text; {_HOW_TO_RESAVE}")
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise fail(
                    f"has a UTF-16 byte-order mark but is not valid UTF-16; {_HOW_TO_RESAVE}"
                ) from None
            return _refuse_nul(text, name)
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise fail(f"is {what}, not YAML text; name the .yaml data file")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    nul = raw.find(b"\0")
    if nul >= 0:
        if _looks_like_utf16(raw[:8192]):
            raise fail(f"looks like UTF-16 text without a byte-order mark; {_HOW_TO_RESAVE}")
        before = raw[:nul]
        line, column = _byte_position(before)
        raise fail(
            "contains a NUL byte: this is a binary file, not YAML text; name the .yaml data file",
            line,
            column,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw[: error.start])
        byte = raw[error.start]
        if _looks_like_gbk(raw):
            message = (
                f"is not UTF-8 text (byte 0x{byte:02X}): it looks like GBK (the Chinese Windows "
                f"encoding); {_HOW_TO_RESAVE}, or run: iconv -f GBK -t UTF-8"
            )
        else:
            message = (
                f"is not UTF-8 text (byte 0x{byte:02X}): it may be Latin-1 or Windows-1252; "
                f"{_HOW_TO_RESAVE}"
            )
        raise fail(message, line, column) from None
    return _refuse_nul(text, name)


def _looks_like_utf16(head: bytes) -> bool:
    """Many NULs at every other byte and hardly anywhere else: UTF-16 text without its BOM."""
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (
        max(even.count(0), odd.count(0)) >= len(head) // 4
        and min(even.count(0), odd.count(0)) <= len(head) // 64
    )


def _looks_like_gbk(raw: bytes) -> bool:
    """True when the bytes decode as GB18030 into mostly Chinese characters."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    chinese = [ch for ch in wide if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"]
    return bool(wide) and len(chinese) * 10 >= len(wide) * 9


def _byte_position(before: bytes) -> tuple[int, int]:
    """Line and column (in characters) just after the valid UTF-8 bytes ``before``."""
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _refuse_nul(text: str, name: str) -> str:
    index = text.find("\0")
    if index >= 0:
        line, column = _position(text, index)
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    column,
                    "contains a NUL byte: this is a binary file, not YAML text; name the .yaml "
                    "data file",
                )
            ]
        )
    return text


def _refuse_unprintable(text: str, name: str) -> None:
    """YAML allows no control characters but tab and line breaks, even inside quotes."""
    match = _NOT_YAML.search(text)
    if match is None:
        return
    code = ord(match.group(0))
    line, column = _position(text, match.start())
    label = _CHAR_NAMES.get(code)
    shown = f"U+{code:04X}" + (f" ({label})" if label else "")
    escape = _ESCAPES.get(code, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    raise DataError(
        [
            Problem(
                name,
                line,
                column,
                f"contains the control character {shown}, which YAML does not allow; delete it, "
                f"or if it is meant to be there write it as the escape {escape} inside double "
                "quotes",
            )
        ]
    )


def _show_tag(tag: str) -> str:
    """A tag the way its author wrote it: !!python/object rather than tag:yaml.org,2002:..."""
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag[len("tag:yaml.org,2002:") :]
    return tag if tag.startswith("!") else f"!<{tag}>"


class _Frame:
    """A mapping or sequence being composed."""

    __slots__ = ("anchor", "is_map", "key", "marks", "path", "value", "weight")

    def __init__(
        self, value: dict[str, Any] | list[Any], path: Path_, anchor: str | None, marks: Marks
    ) -> None:
        self.value: Any = value
        self.is_map = isinstance(value, dict)
        self.path = path
        self.anchor = anchor
        self.key: str | None = None
        self.marks = marks
        self.weight = 1


NESTING_MESSAGE = (
    f"nests deeper than {MAX_DEPTH} levels: a data file needs only a few; look for brackets "
    "[ { that are never closed, or flatten the structure"
)


def parse(text: str, name: str, loader: type | None = None) -> Document:
    """Compose a single YAML document into plain values; raise DataError if it cannot be read.

    Duplicate keys do not stop the reading: they are kept in ``Document.problems``. ``loader``
    picks PyYAML's parser (the libyaml one by default; tests pass ``yaml.SafeLoader`` to check
    the pure-Python fallback).
    """
    _refuse_unprintable(text, name)
    document = Document(name, None)
    problems: list[Problem] = []
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    total = 0
    documents = 0
    last: Any = None

    def fail(event: Any, message: str) -> DataError:
        mark = event.start_mark
        return DataError([*problems, Problem(name, mark.line + 1, mark.column + 1, message)])

    try:
        events: Iterator[Any] = yaml.parse(text, Loader=loader or _Loader)
        for event in events:
            last = event
            kind = type(event)
            if kind in _SKIP:
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(
                        event,
                        "holds several YAML documents (a second one starts here, after '---' or "
                        "'...'); keep one document per file, or split it into files",
                    )
                continue
            if kind in _COLLECTION_END:
                done = stack.pop()
                if done.anchor:
                    open_anchors.discard(done.anchor)
                    anchors[done.anchor] = (done.value, done.weight)
                if not stack:
                    document.value = done.value
                    continue
                parent = stack[-1]
                if parent.is_map:
                    parent.value[parent.key] = done.value
                    parent.key = None
                else:
                    parent.value.append(done.value)
                parent.weight += done.weight
                continue
            if kind is not _ALIAS and event.tag is not None:
                raise fail(
                    event,
                    f"the YAML tag {_show_tag(event.tag)} is not allowed: data files hold plain "
                    "values only and pingan never converts or runs tags; remove the tag",
                )
            mark = event.start_mark
            here = (mark.line + 1, mark.column + 1)
            frame = stack[-1] if stack else None
            slot: str | int = 0
            if frame is not None:
                if not frame.is_map:
                    slot = len(frame.value)
                elif frame.key is not None:
                    slot = frame.key
                else:
                    # A mapping key: plain text only, never resolved, never twice.
                    if kind is not _SCALAR:
                        if kind is _ALIAS:
                            raise fail(event, "a key cannot be an alias (*name); write the key out")
                        raise fail(
                            event,
                            "a key must be plain text, not a list or a mapping; remove the '?' "
                            "or the brackets",
                        )
                    key = event.value
                    first = frame.marks.keys.get(key)
                    if first is not None:
                        where = f"line {first[0]}" if first[0] != here[0] else f"column {first[1]}"
                        problems.append(
                            Problem(
                                name,
                                *here,
                                f"duplicate key '{key}' (first at {where}); keep one: YAML would "
                                "silently use the last",
                                (*frame.path, key),
                            )
                        )
                    else:
                        frame.marks.keys[key] = here
                    if event.anchor:
                        anchors[event.anchor] = (key, 1)
                    frame.key = key
                    total += 1
                    continue
            if kind is _SCALAR:
                written = event.value
                if event.style:
                    value: Any = written
                    at: tuple[Any, ...] = here
                else:
                    value = resolve_plain(written, yaml=True)
                    at = here if value is None or value.__class__ is str else (*here, written)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                weight = 1
            elif kind is _ALIAS:
                anchor = event.anchor
                if anchor in open_anchors:
                    raise fail(
                        event,
                        f"alias *{anchor} refers to a value it is inside (a loop); "
                        "write the value out instead",
                    )
                if anchor not in anchors:
                    raise fail(
                        event,
                        f"alias *{anchor} has no anchor &{anchor} before it; define "
                        f"&{anchor} first, or put text starting with * in quotes",
                    )
                value, weight = anchors[anchor]
                if total + weight > MAX_VALUES:
                    raise fail(
                        event,
                        f"expands to more than {MAX_VALUES:,} values through aliases (an alias "
                        "bomb?); write the values out instead of nesting aliases",
                    )
                at = here
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if len(stack) >= MAX_DEPTH:
                    raise fail(event, NESTING_MESSAGE)
                container: dict[str, Any] | list[Any] = {} if kind is _MAPPING_START else []
                node = Marks(here)
                if frame is None:
                    document.marks = node
                    path: Path_ = ()
                else:
                    frame.marks.children[slot] = node
                    path = (*frame.path, slot)
                stack.append(_Frame(container, path, event.anchor, node))
                if event.anchor:
                    open_anchors.add(event.anchor)
                total += 1
                if total > MAX_VALUES:
                    raise fail(event, f"holds more than {MAX_VALUES:,} values; split the file")
                continue
            else:  # pragma: no cover - PyYAML has no other events
                continue
            # A scalar or an alias: a complete value.
            total += weight
            if total > MAX_VALUES:
                raise fail(event, f"holds more than {MAX_VALUES:,} values; split the file")
            if frame is None:
                document.value = value
                document.marks = at
                continue
            frame.marks.children[slot] = at
            frame.weight += weight
            if frame.is_map:
                frame.value[slot] = value
                frame.key = None
            else:
                frame.value.append(value)
    except yaml.MarkedYAMLError as error:
        line, column, message = _explain(error, text)
        if message == NESTING_MESSAGE and error.problem_mark is not None:
            # libyaml scans ahead and stops at its own limit (1000 levels), far past ours: find
            # where ours was crossed, as the pure-Python parser reports it.
            start = last.end_mark.index if last is not None else 0
            found = _flow_too_deep(text, start, error.problem_mark.index, len(stack))
            if found is not None:
                line, column = _position(text, found)
        raise DataError([*problems, Problem(name, line, column, message)]) from None
    except yaml.YAMLError as error:
        raise DataError(
            [*problems, Problem(name, None, None, f"is not valid YAML: {error}")]
        ) from None
    except RecursionError:  # pragma: no cover - the parser is not recursive; belt and braces
        raise DataError([*problems, Problem(name, None, None, NESTING_MESSAGE)]) from None
    document.problems = problems
    return document


def _flow_too_deep(text: str, start: int, end: int, depth: int) -> int | None:
    """Index of the bracket in text[start:end] that opens level MAX_DEPTH + 1, or None.

    ``depth`` is the nesting at ``start``. Quoted text and comments are skipped; plain text in
    flow collections cannot hold brackets.
    """
    index = start
    while index <= min(end, len(text) - 1):
        char = text[index]
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return index
        elif char in "]}":
            depth -= 1
        elif char in "'\"":
            close = text.find(char, index + 1)
            while char == '"' and close > 0 and text[close - 1] == "\\":
                close = text.find(char, close + 1)
            if close < 0:
                return None
            index = close
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            newline = text.find("\n", index)
            if newline < 0:
                return None
            index = newline
        index += 1
    return None


_CLOSERS = {"[": "]", "{": "}"}
_OPENERS = {"]": "[", "}": "{"}


def _explain(error: yaml.MarkedYAMLError, text: str) -> tuple[int | None, int | None, str]:
    """Turn PyYAML's or libyaml's parser error into one place and a message saying what to do.

    The two parsers word their errors differently; both are mapped to the same messages here.
    """
    problem = error.problem or ""
    context = error.context or ""
    at = error.problem_mark or error.context_mark
    opened = error.context_mark
    lines = text.splitlines()

    def char_at(mark: Any) -> str:
        if mark is None or not 0 <= mark.line < len(lines):
            return ""
        row = lines[mark.line]
        return row[mark.column] if 0 <= mark.column < len(row) else ""

    def place(mark: Any) -> tuple[int | None, int | None]:
        return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)

    line, column = place(at)
    char = char_at(at)
    if at is not None and 0 <= at.line < len(lines):
        indent = lines[at.line][: at.column + 1]
        if char == "\t" or "tab" in problem or ("\t" in indent and not indent.strip(" \t")):
            return line, column, "a tab is used for indentation here; YAML indents with spaces only"
    if "nesting depth" in problem:
        return line, column, NESTING_MESSAGE
    if "escape" in problem:
        if char != "\\" and at is not None and at.column > 0:
            column = at.column  # libyaml points at the backslash, PyYAML after it: use the former
        return (
            line,
            column,
            "unknown escape in double-quoted text; write \\\\ for a backslash, or use single "
            "quotes, where a backslash is plain text",
        )
    if "quoted scalar" in context and opened is not None:
        quote = char_at(opened) or '"'
        line, column = place(opened)
        return (
            line,
            column,
            f"the quoted text that starts here never ends: add the closing {quote} (a quote "
            'inside the text must be doubled in \'...\' or written \\" in "...")',
        )
    if ("flow sequence" in context or "flow mapping" in context) and opened is not None:
        bracket = char_at(opened) or ("[" if "sequence" in context else "{")
        closer = _CLOSERS.get(bracket, "]")
        found = (
            "the file ends first"
            if at is None or not text[at.index :].strip()
            else f"found {char!r} at line {at.line + 1}, column {at.column + 1}"
            if char
            else f"a line ends at line {at.line + 1}"
        )
        line, column = place(opened)
        return (
            line,
            column,
            f"the {bracket} that starts here is not closed properly ({found}): separate its items "
            f"with ',' and end it with {closer}",
        )
    if char in _OPENERS and "block" in context:
        return (
            line,
            column,
            f"this {char} closes nothing: remove it, or add the {_OPENERS[char]} it should close",
        )
    if "mapping values are not allowed" in problem:
        return (
            line,
            column,
            "a ': ' inside an unquoted value starts a new key here; put the whole value in "
            'quotes ("...")',
        )
    if "simple key" in context and opened is not None:
        line, column = place(opened)
        return (
            line,
            column,
            "this line is neither 'key: value' nor '- item': add ': ' after the key, or indent "
            "it as the continuation of the value above",
        )
    if "block mapping" in context or "block collection" in context or "block end" in problem:
        if char == "-":
            hint = "a '- ' list item is not indented under its key; indent it below 'key:'"
        else:
            hint = (
                "this line is not indented like its neighbours; line it up with the keys (or "
                "the '- ' items) of the same level"
            )
        return line, column, hint
    if "alias" in context or "anchor" in context:
        line, column = place(opened or at)
        return (
            line,
            column,
            "'*' and '&' start an alias or an anchor in YAML; put text that starts with them in "
            "quotes",
        )
    if "directive" in context:
        line, column = place(opened or at)
        return (
            line,
            column,
            "a line starting with '%' is a YAML directive: put text that starts with % in quotes",
        )
    if "cannot start any token" in problem:
        shown = repr(char) if char else "this character"
        return (
            line,
            column,
            f"{shown} cannot start unquoted text in YAML; put the text in quotes",
        )
    if "document start" in problem:
        return (
            line,
            column,
            "this text is outside the document's top-level mapping: indent it, remove it, or "
            "remove the '...' before it",
        )
    if "block node" in context or "node content" in problem:
        return line, column, "a value is expected here; put the text in quotes if it is text"
    reason = problem or context or "this is not valid YAML"
    return line, column, f"{reason}: this is not valid YAML here"


def read_yaml(path: Path, display: str | None = None, loader: type | None = None) -> Document:
    """Read and parse one YAML file, or raise DataError naming what is wrong and where."""
    name = display or str(path)
    return parse(read_text(path, name), name, loader)
