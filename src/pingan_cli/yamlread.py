"""Read a YAML file into plain values safely, remembering where every value stood.

PyYAML's loaders construct objects from tags, resolve ``no`` to False and ``010`` to 8, keep the
last of two duplicate keys, and recurse once per nesting level. This reader composes the document
itself from PyYAML's event stream instead, so that:

- no tag is ever honoured: any explicit tag is an error;
- only ``true``/``false``, ``null``/``~``, decimal integers and decimal floats are resolved; every
  other plain scalar (``no``, ``010``, ``0x1F``, ``12:30``, ``.nan``) stays the text it was;
- duplicate keys are errors, at any depth;
- nesting depth, the number of values (aliases included, counted as expanded) and aliases that
  point into themselves are limited, so hostile files fail fast with a message.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import DataError, Path_, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 2_000_000
MAX_INT_DIGITS = 30

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass
class Document:
    """A parsed file: its plain value and the line and column where each value began."""

    file: str
    value: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at path, or of its nearest recorded ancestor."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark is not None:
                return mark
        return None, None

    def problem(self, path: Path_, message: str) -> Problem:
        """A problem at path inside this document."""
        line, column = self.locate(path)
        return Problem(self.file, line, column, message, path)


def resolve_plain(text: str) -> Any:
    """Turn an unquoted scalar into None, a bool, an int, a float, or leave it as text."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            return text
        return int(text)
    if _FLOAT.match(text):
        number = float(text)
        return number if math.isfinite(number) else text
    return text


def read_text(path: Path, display: str | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """Read a file as text; refuse what is not a regular, reasonably sized UTF-8/UTF-16 file."""
    name = display or str(path)

    def fail(message: str, line: int | None = None, column: int | None = None) -> DataError:
        return DataError([Problem(name, line, column, message)])

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise fail("no such file; check the path") from None
    except OSError as error:
        raise fail(f"cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise fail("is a folder, not a data file; name a .yaml file inside it") from None
    if not stat.S_ISREG(info.st_mode):
        raise fail("is not a regular file (a device, FIFO or socket); name a .yaml file") from None
    if info.st_size > limit:
        raise fail(
            f"is {info.st_size:,} bytes, over the {limit:,}-byte limit for a YAML file; "
            "put bulk figures in a CSV file named under observation_files"
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise fail(f"cannot read: {error.strerror}") from None
    if len(raw) > limit:
        raise fail(f"grew past the {limit:,}-byte limit while being read")
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM allowed) or BOM-marked UTF-16; refuse binary and other encodings."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise DataError(
                    [Problem(name, None, None, "has a UTF-16 byte-order mark but is not UTF-16")]
                ) from None
            return _refuse_nul(text, name)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        if b"\0" in raw[:8192]:
            message = "is a binary file, not YAML text"
        else:
            message = (
                f"is not UTF-8 text (byte 0x{raw[error.start]:02X}); it may be GBK or Latin-1: "
                "re-save it as UTF-8"
            )
        raise DataError([Problem(name, line, column, message)]) from None
    return _refuse_nul(text, name)


def _refuse_nul(text: str, name: str) -> str:
    index = text.find("\0")
    if index >= 0:
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise DataError([Problem(name, line, column, "contains a NUL byte: a binary file?")])
    return text


class _Frame:
    """A mapping or sequence being composed."""

    __slots__ = ("anchor", "key", "path", "seen", "value")

    def __init__(self, value: dict[str, Any] | list[Any], path: Path_, anchor: str | None) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.key: str | None = None
        self.seen: dict[str, int] = {}


def parse(text: str, name: str) -> Document:
    """Compose a single YAML document into plain values; raise DataError if it cannot be read.

    Duplicate keys do not stop the reading: they are kept in ``Document.problems``.
    """
    document = Document(name, None)
    problems: list[Problem] = []
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    weights: list[int] = []
    total = 0
    documents = 0

    def here(event: Any) -> tuple[int, int]:
        return event.start_mark.line + 1, event.start_mark.column + 1

    def fail(event: Any, message: str) -> DataError:
        line, column = here(event)
        return DataError([*problems, Problem(name, line, column, message)])

    def place(value: Any, event: Any, weight: int) -> None:
        nonlocal total
        if not stack:
            document.value = value
            document.marks[()] = here(event)
            return
        frame = stack[-1]
        if isinstance(frame.value, list):
            path = (*frame.path, len(frame.value))
            frame.value.append(value)
        else:
            if frame.key is None:
                if not isinstance(value, str) or not hasattr(event, "value"):
                    raise fail(event, "a key must be plain text, not a list or a mapping")
                key = event.value
                first = frame.seen.get(key)
                if first is not None:
                    problems.append(
                        Problem(
                            name,
                            *here(event),
                            f"duplicate key '{key}' (first at line {first}); keep one",
                            (*frame.path, key),
                        )
                    )
                frame.seen.setdefault(key, here(event)[0])
                frame.key = key
                return
            path = (*frame.path, frame.key)
            frame.value[frame.key] = value
            document.marks[path] = here(event)
            frame.key = None
            weights[-1] += weight
            return
        document.marks[path] = here(event)
        weights[-1] += weight

    def child_path() -> Path_:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.value, list):
            return (*frame.path, len(frame.value))
        return (*frame.path, frame.key if frame.key is not None else "?")

    try:
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
        for event in events:
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(event, "holds several YAML documents ('---'); keep one per file")
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise fail(
                    event,
                    f"YAML tag {tag} is not allowed: data files hold plain values only; "
                    "remove the tag",
                )
            if kind is yaml.ScalarEvent:
                is_key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].key is None
                if not event.style and not is_key:
                    value: Any = resolve_plain(event.value)
                else:
                    value = event.value
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                total += 1
                place(value, event, 1)
            elif kind is yaml.AliasEvent:
                if event.anchor in open_anchors:
                    raise fail(event, f"alias *{event.anchor} refers to a value it is inside")
                if event.anchor not in anchors:
                    raise fail(
                        event, f"alias *{event.anchor} has no anchor &{event.anchor} before it"
                    )
                value, weight = anchors[event.anchor]
                total += weight
                if total > MAX_VALUES:
                    raise fail(
                        event,
                        f"expands to more than {MAX_VALUES:,} values through aliases "
                        "(an alias bomb?); write the values out",
                    )
                place(value, event, weight)
            elif kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise fail(event, f"nests deeper than {MAX_DEPTH} levels")
                if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
                    raise fail(event, "a key must be plain text, not a list or a mapping")
                container: dict[str, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
                path = child_path()
                stack.append(_Frame(container, path, event.anchor))
                weights.append(1)
                total += 1
                if event.anchor:
                    open_anchors.add(event.anchor)
                document.marks.setdefault(path, here(event))
            elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                frame = stack.pop()
                weight = weights.pop()
                if frame.anchor:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (frame.value, weight)
                if stack:
                    parent = stack[-1]
                    if isinstance(parent.value, list):
                        parent.value.append(frame.value)
                    else:
                        assert parent.key is not None
                        parent.value[parent.key] = frame.value
                        parent.key = None
                    weights[-1] += weight
                else:
                    document.value = frame.value
            if total > MAX_VALUES:
                raise fail(event, f"holds more than {MAX_VALUES:,} values")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = error.problem or error.context or "is not valid YAML"
        raise DataError(
            [*problems, Problem(name, line, column, _explain(reason, text, mark))]
        ) from None
    except yaml.YAMLError as error:
        raise DataError(
            [*problems, Problem(name, None, None, f"is not valid YAML: {error}")]
        ) from None
    document.problems = problems
    return document


def _explain(reason: str, text: str, mark: Any) -> str:
    """Add a hint to PyYAML's terse parser messages."""
    if "\t" in reason or "tab" in reason:
        return f"{reason}: indent with spaces, not tabs"
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            return f"{reason}: a tab is used for indentation here; indent with spaces"
    if "unclosed" in reason or "end of the stream" in reason or "quoted scalar" in reason:
        return f"{reason}: a quote or bracket is not closed"
    return reason


def read_yaml(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file, or raise DataError naming what is wrong and where."""
    name = display or str(path)
    return parse(read_text(path, name), name)
