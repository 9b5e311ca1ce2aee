"""Text made safe to show: control, bidi and other invisible characters as visible escapes."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# Unicode categories a terminal must never get raw: controls, format characters (soft hyphen,
# bidi marks and overrides, zero-width characters, tags, Arabic number signs …), surrogates, and
# the line and paragraph separators. Noncharacters (U+FFFE …) are never text either. Other
# unassigned code points are shown: a terminal newer than Python's tables may draw them (emoji).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


_JOINERS = ("\u200c", "\u200d")  # zero-width non-joiner and joiner


_EMOJI_TAIL = ("\ufe0f", "\u20e3")  # emoji presentation selector, keycap


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _emoji_end(char: str) -> bool:
    """A character an emoji sequence's zero-width joiner may follow or precede."""
    return unicodedata.category(char) == "So" or 0x1F3FB <= ord(char) <= 0x1F3FF


def _joins_visibly(text: str, index: int) -> bool:
    """True for a joiner that only shapes its neighbours: inside an emoji sequence (👨\u200d🦰)
    or after a virama (Telugu, Devanagari conjuncts). Anywhere else it hides in a word."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    if before in _EMOJI_TAIL and index >= 2:
        before = text[index - 2]
    if text[index] == "\u200d" and _emoji_end(before) and _emoji_end(after):
        return True
    return unicodedata.combining(before) == 9 and unicodedata.category(after).startswith("L")


def _hidden_at(text: str, index: int, keep: str) -> bool:
    char = text[index]
    if char == " " or char in keep:
        return False
    if unicodedata.category(char) in _HIDDEN_CATEGORIES:
        return not (char in _JOINERS and _joins_visibly(text, index))
    return _is_noncharacter(ord(char))


def escape_hidden(text: str, escape: Callable[[str], str], keep: str = "") -> str:
    """text with every hidden character replaced by escape(char); printable lines cost one check."""
    if text.isprintable():
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.isprintable():
            continue
        lines[number] = "".join(
            escape(char) if _hidden_at(line, index, keep) else char
            for index, char in enumerate(line)
        )
    return ("\n" if "\n" in keep else escape("\n")).join(lines)


def has_hidden(text: str, keep: str = "") -> bool:
    """True if text holds a character a terminal would hide or act on."""
    return not text.isprintable() and any(
        _hidden_at(text, index, keep) for index in range(len(text))
    )


def _visible_escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe_text(text: str, keep_newlines: bool = False) -> str:
    """Show control, bidi and other invisible characters as visible escapes (\\e, \\u200b)."""
    return escape_hidden(text, _visible_escape, "\t\n" if keep_newlines else "")


def ascii_only_text(text: str) -> str:
    """Text with every non-ASCII character as a visible \\uXXXX escape."""
    return text if text.isascii() else text.encode("ascii", "backslashreplace").decode("ascii")
