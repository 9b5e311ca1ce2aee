"""PyYAML's and libyaml's parser errors reworded: one place, and a message saying what to do."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .limits import MAX_DEPTH

NESTING_MESSAGE = (
    f"nests deeper than {MAX_DEPTH} levels: a data file needs only a few; look for brackets "
    "[ { that are never closed, or flatten the structure"
)


_CLOSERS = {"[": "]", "{": "}"}
_OPENERS = {"]": "[", "}": "{"}


_KEY = re.compile(r"^[^\s:#'\"\[\]{}&*!|>%@`,-][^:#]*$")


def _key_start(text: str) -> int:
    """Where a line's key starts (0-based), past its indentation and any '- ' item marks."""
    column = len(text) - len(text.lstrip(" "))
    while text[column : column + 2] == "- ":
        column += 2
        column += len(text[column:]) - len(text[column:].lstrip(" "))
    return column


def _over_indented_key(lines: list[str], at: Any) -> tuple[int, int, int] | None:
    """(key column, line above, its key column), all 1-based, when the ': ' PyYAML stopped at
    ends a plain key indented deeper than the key on the line above; None otherwise (a ': '
    inside an unquoted value, which quoting fixes)."""
    if at is None or not 0 < at.line < len(lines):
        return None
    text = lines[at.line]
    start = _key_start(text)
    if not _KEY.match(text[start : at.column].rstrip()):
        return None
    for above in range(at.line - 1, -1, -1):
        previous = lines[above]
        if previous.strip() and not previous.lstrip().startswith("#"):
            above_start = _key_start(previous)
            if start > above_start and ":" in previous:
                return start + 1, above + 1, above_start + 1
            return None
    return None


def explain(error: yaml.MarkedYAMLError, text: str) -> tuple[int | None, int | None, str]:
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
        deeper = _over_indented_key(lines, at)
        if deeper is not None:
            key_column, above_line, above_column = deeper
            return (
                line,
                key_column,
                f"this key is indented deeper than the key above it (line {above_line}, column "
                f"{above_column}); line it up with the other keys of its entry (if it continues "
                "the text above, put that whole text in quotes)",
            )
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
