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

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .limits import MAX_DEPTH, MAX_VALUES
from .problems import DataError, Path_, Problem
from .scalars import resolve_plain
from .textfile import decode, position, read_text
from .yaml_errors import NESTING_MESSAGE, explain

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
try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


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


def _refuse_unprintable(text: str, name: str) -> None:
    """YAML allows no control characters but tab and line breaks, even inside quotes."""
    match = _NOT_YAML.search(text)
    if match is None:
        return
    code = ord(match.group(0))
    line, column = position(text, match.start())
    label = _CHAR_NAMES.get(code)
    shown = f"U+{code:04X}" + (f" ({label})" if label else "")
    escape = _ESCAPES.get(code, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    raise DataError.at(
        name,
        f"contains the control character {shown}, which YAML does not allow; delete it, or if "
        f"it is meant to be there write it as the escape {escape} inside double quotes",
        line,
        column,
    )


def _show_tag(tag: str) -> str:
    """A tag the way its author wrote it: !!python/object rather than tag:yaml.org,2002:..."""
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag[len("tag:yaml.org,2002:") :]
    return tag if tag.startswith("!") else f"!<{tag}>"


class _Frame:
    """A mapping or sequence being composed; ``weight`` counts the values in it, itself
    included, aliases counted as expanded (what an alias to it will add to the total)."""

    __slots__ = ("anchor", "is_map", "key", "marks", "path", "value", "wants_key", "weight")

    def __init__(
        self, value: dict[str, Any] | list[Any], path: Path_, anchor: str | None, marks: Marks
    ) -> None:
        self.value: Any = value
        self.is_map = isinstance(value, dict)
        self.path = path
        self.anchor = anchor
        # A mapping alternates: it wants a key, then that key's value.
        self.wants_key = self.is_map
        self.key = ""
        self.marks = marks
        self.weight = 1


def _here(event: Any) -> tuple[int, int]:
    """Line and column (1-based) where an event starts."""
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _nothing(event: Any) -> None:
    """Events that carry nothing for the document (stream start and end, document end)."""


class _Composer:
    """Builds one document's plain values and marks from PyYAML's events: one step per kind.

    ``stack`` holds the mappings and sequences still open, innermost last; a value that is
    complete goes into the innermost one, or becomes the document's value when none is open.
    ``anchors`` maps each anchor defined so far to its value and weight; ``open_anchors`` are
    those of containers not yet closed (an alias to one would be a loop); ``total`` counts
    every value so far, for MAX_VALUES.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.document = Document(name, None)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.total = 0
        self.documents = 0
        self.last: Any = None

    def compose(self, events: Iterator[Any]) -> Document:
        """Read every event in turn; the document, with its duplicate-key problems."""
        steps: dict[type, Callable[[Any], None]] = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.start_mapping,
            yaml.SequenceStartEvent: self.start_sequence,
            yaml.MappingEndEvent: self.end_collection,
            yaml.SequenceEndEvent: self.end_collection,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.start_document,
            yaml.DocumentEndEvent: _nothing,
            yaml.StreamStartEvent: _nothing,
            yaml.StreamEndEvent: _nothing,
        }
        event = None
        try:
            for event in events:
                steps[type(event)](event)
        finally:
            self.last = event
        self.document.problems = self.problems
        return self.document

    def fail(self, event: Any, message: str) -> DataError:
        """An error at the event's start, after the duplicate keys found so far."""
        return DataError([*self.problems, Problem(self.name, *_here(event), message)])

    def start_document(self, event: Any) -> None:
        """One document per file: a second one is an error."""
        self.documents += 1
        if self.documents > 1:
            raise self.fail(
                event,
                "holds several YAML documents (a second one starts here, after '---' or "
                "'...'); keep one document per file, or split it into files",
            )

    def scalar(self, event: Any) -> None:
        """A mapping key, or a value: plain scalars resolved, quoted ones kept as text."""
        if event.tag is not None:
            raise self.refuse_tag(event)
        stack = self.stack
        frame = stack[-1] if stack else None
        if frame is not None and frame.wants_key:
            self.key(frame, event)
            return
        mark = event.start_mark
        here = (mark.line + 1, mark.column + 1)
        written = event.value
        if event.style:
            value: Any = written
            at: tuple[Any, ...] = here
        else:
            value = resolve_plain(written, yaml=True)
            at = here if value is None or value.__class__ is str else (*here, written)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.place(frame, event, value, at, 1)

    def key(self, frame: _Frame, event: Any) -> None:
        """A mapping key: plain text only, never resolved; a second use is a problem."""
        key = event.value
        mark = event.start_mark
        here = (mark.line + 1, mark.column + 1)
        first = frame.marks.keys.get(key)
        if first is not None:
            where = f"line {first[0]}" if first[0] != here[0] else f"column {first[1]}"
            self.problems.append(
                Problem(
                    self.name,
                    *here,
                    f"duplicate key '{key}' (first at {where}); keep one: YAML would "
                    "silently use the last",
                    (*frame.path, key),
                )
            )
        else:
            frame.marks.keys[key] = here
        if event.anchor:
            self.anchors[event.anchor] = (key, 1)
        frame.key = key
        frame.wants_key = False
        self.total += 1

    def alias(self, event: Any) -> None:
        """A reuse of an anchored value, counted as expanded; loops and bombs refused."""
        anchor = event.anchor
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.wants_key:
            raise self.fail(event, "a key cannot be an alias (*name); write the key out")
        if anchor in self.open_anchors:
            raise self.fail(
                event,
                f"alias *{anchor} refers to a value it is inside (a loop); "
                "write the value out instead",
            )
        if anchor not in self.anchors:
            raise self.fail(
                event,
                f"alias *{anchor} has no anchor &{anchor} before it; define "
                f"&{anchor} first, or put text starting with * in quotes",
            )
        value, weight = self.anchors[anchor]
        if self.total + weight > MAX_VALUES:
            raise self.fail(
                event,
                f"expands to more than {MAX_VALUES:,} values through aliases (an alias "
                "bomb?); write the values out instead of nesting aliases",
            )
        self.place(frame, event, value, _here(event), weight)

    def place(
        self, frame: _Frame | None, event: Any, value: Any, at: tuple[Any, ...], weight: int
    ) -> None:
        """Put a complete scalar or alias into the open container, or make it the document."""
        self.total += weight
        if self.total > MAX_VALUES:
            raise self.fail(event, f"holds more than {MAX_VALUES:,} values; split the file")
        if frame is None:
            self.document.value = value
            self.document.marks = at
        elif frame.is_map:
            frame.marks.children[frame.key] = at
            frame.value[frame.key] = value
            frame.wants_key = True
            frame.weight += weight
        else:
            frame.marks.children[len(frame.value)] = at
            frame.value.append(value)
            frame.weight += weight

    def start_mapping(self, event: Any) -> None:
        """Open a mapping."""
        self.open_container(event, {})

    def start_sequence(self, event: Any) -> None:
        """Open a sequence."""
        self.open_container(event, [])

    def open_container(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        """Push a new container, within the nesting limit; it cannot be a mapping key."""
        if event.tag is not None:
            raise self.refuse_tag(event)
        stack = self.stack
        frame = stack[-1] if stack else None
        slot: str | int = 0
        if frame is not None:
            if not frame.is_map:
                slot = len(frame.value)
            elif not frame.wants_key:
                slot = frame.key
            else:
                raise self.fail(
                    event,
                    "a key must be plain text, not a list or a mapping; remove the '?' "
                    "or the brackets",
                )
        if len(stack) >= MAX_DEPTH:
            raise self.fail(event, NESTING_MESSAGE)
        node = Marks(_here(event))
        if frame is None:
            self.document.marks = node
            path: Path_ = ()
        else:
            frame.marks.children[slot] = node
            path = (*frame.path, slot)
        stack.append(_Frame(container, path, event.anchor, node))
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.total += 1
        if self.total > MAX_VALUES:
            raise self.fail(event, f"holds more than {MAX_VALUES:,} values; split the file")

    def end_collection(self, event: Any) -> None:
        """Close the innermost container and put it into its parent, or make it the document."""
        done = self.stack.pop()
        if done.anchor:
            self.open_anchors.discard(done.anchor)
            self.anchors[done.anchor] = (done.value, done.weight)
        if not self.stack:
            self.document.value = done.value
            return
        parent = self.stack[-1]
        if parent.is_map:
            parent.value[parent.key] = done.value
            parent.wants_key = True
        else:
            parent.value.append(done.value)
        parent.weight += done.weight

    def refuse_tag(self, event: Any) -> DataError:
        """Tags are never honoured: the error that says so."""
        return self.fail(
            event,
            f"the YAML tag {_show_tag(event.tag)} is not allowed: data files hold plain "
            "values only and pingan never converts or runs tags; remove the tag",
        )


def parse(text: str, name: str, loader: type | None = None) -> Document:
    """Compose a single YAML document into plain values; raise DataError if it cannot be read.

    Duplicate keys do not stop the reading: they are kept in ``Document.problems``. ``loader``
    picks PyYAML's parser (the libyaml one by default; tests pass ``yaml.SafeLoader`` to check
    the pure-Python fallback).
    """
    _refuse_unprintable(text, name)
    composer = _Composer(name)
    try:
        return composer.compose(yaml.parse(text, Loader=loader or _Loader))
    except yaml.MarkedYAMLError as error:
        line, column, message = explain(error, text)
        if message == NESTING_MESSAGE and error.problem_mark is not None:
            # libyaml scans ahead and stops at its own limit (1000 levels), far past ours: find
            # where ours was crossed, as the pure-Python parser reports it.
            last = composer.last
            start = last.end_mark.index if last is not None else 0
            found = _flow_too_deep(text, start, error.problem_mark.index, len(composer.stack))
            if found is not None:
                line, column = position(text, found)
        problem = Problem(name, line, column, message)
        raise DataError([*composer.problems, problem]) from None
    except yaml.YAMLError as error:
        problem = Problem(name, None, None, f"is not valid YAML: {error}")
        raise DataError([*composer.problems, problem]) from None
    except RecursionError:  # pragma: no cover - the parser is not recursive; belt and braces
        raise DataError([*composer.problems, Problem(name, None, None, NESTING_MESSAGE)]) from None


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


def read_yaml(
    path: Path, display: str | None = None, loader: type | None = None, data: bytes | None = None
) -> Document:
    """Read and parse one YAML file (or its bytes as read already), or raise DataError naming
    what is wrong and where."""
    name = display or str(path)
    return parse(read_text(path, name) if data is None else decode(data, name), name, loader)
