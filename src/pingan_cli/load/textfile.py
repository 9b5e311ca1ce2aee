"""Data files as text: refuse what is not a regular, reasonably sized UTF-8 or UTF-16 file.

YAML files are read whole (read_text); CSV files are opened as a text stream (open_csv_text).
Every refusal is a DataError naming the file, and the line and column where they are known.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from .limits import MAX_CSV_BYTES, MAX_FILE_BYTES
from .problems import DataError

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


def read_text(path: Path, display: str | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """Read a file as text; refuse what is not a regular, reasonably sized UTF-8/UTF-16 file.

    Special files are refused from their status alone, without opening them: opening a FIFO would
    wait for a writer, and reading /dev/zero would never end.
    """
    name = display or str(path)

    def fail(message: str) -> DataError:
        return DataError.at(name, message)

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


def decode(raw: bytes, name: str, kind: str = "YAML") -> str:
    """Decode UTF-8 (a BOM allowed) or BOM-marked UTF-16; refuse binary and other encodings.

    kind (YAML or CSV) is what the file should be, for the messages.
    """

    def fail(message: str, line: int | None = None, column: int | None = None) -> DataError:
        return DataError.at(name, message, line, column)

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
            return _refuse_nul(text, name, kind)
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
    return _refuse_nul(text, name, kind)


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


def position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of the character at index."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


# A NUL byte in a CSV file, even inside quotes: text never holds one.
NUL_IN_CSV = (
    "holds a NUL byte, which no text holds (YAML files are refused for it too); remove it, "
    "or re-save the file as UTF-8 text"
)


def _refuse_nul(text: str, name: str, kind: str = "YAML") -> str:
    index = text.find("\0")
    if index >= 0:
        line, column = position(text, index)
        message = (
            NUL_IN_CSV
            if kind == "CSV"
            else "contains a NUL byte: this is a binary file, not YAML text; name the .yaml "
            "data file"
        )
        raise DataError.at(name, message, line, column)
    return text


class CsvText(NamedTuple):
    """A CSV file open as text, and the hash of the bytes read from it so far."""

    stream: io.TextIOBase
    digest: Any  # hashlib's sha256 object


class _Checked(io.RawIOBase):
    """A file's bytes as they are read: hashed on the way, and a NUL byte refused (no text holds
    one; YAML files are refused for it too)."""

    def __init__(self, raw: io.FileIO, digest: Any) -> None:
        super().__init__()
        self._raw = raw
        self._digest = digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._raw.readinto(buffer)
        if count:
            chunk = bytes(memoryview(buffer)[:count])
            self._digest.update(chunk)
            at = chunk.find(b"\0")
            if at >= 0:
                raise UnicodeDecodeError("utf-8", chunk, at, at + 1, "a NUL byte")
        return count or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_csv_text(path: Path, name: str) -> CsvText:
    """The file as text: UTF-8 (a BOM allowed), or UTF-16 with a BOM; a NUL byte is an error
    (UnicodeDecodeError) when it is read. The digest is of the bytes read, exactly."""
    import hashlib

    digest = hashlib.sha256()
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise DataError.at(name, "is not a regular file; name a CSV file")
        if info.st_size > MAX_CSV_BYTES:
            raise DataError.at(
                name,
                f"is {info.st_size:,} bytes, over the {MAX_CSV_BYTES:,}-byte limit; "
                "split it into several files",
            )
        raw = open(path, "rb", buffering=0)  # noqa: SIM115 - closed with the text stream
        head = raw.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            with raw:
                data = head + raw.read()
            digest.update(data)
            return CsvText(io.StringIO(decode(data, name, "CSV"), newline=""), digest)
        raw.seek(0)
        checked = io.BufferedReader(_Checked(raw, digest), 1 << 20)
        text = io.TextIOWrapper(checked, encoding="utf-8-sig", newline="", errors="strict")
        return CsvText(text, digest)
    except OSError as error:
        raise DataError.at(name, f"cannot read: {error.strerror}") from None


def first_bad_text(path: Path) -> tuple[int, int | None, str]:
    """Line, column (in characters) and message for the first bytes of a CSV file that are not
    text: a byte that is not UTF-8, or a NUL byte."""
    line, column = 1, 1

    def advance(done: bytes) -> None:
        nonlocal line, column
        newline = done.rfind(b"\n")
        if newline >= 0:
            line += done.count(b"\n")
            column = len(done[newline + 1 :].decode("utf-8")) + 1
        else:
            column += len(done.decode("utf-8"))

    carry = b""
    decoder: Callable[[bytes, str, bool], tuple[str, int]] = codecs.utf_8_decode
    with open(path, "rb") as handle:
        first = True
        while True:
            chunk = handle.read(1 << 20)
            data = carry + chunk
            if first and data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8) :]
            first = False
            nul = data.find(b"\0")
            try:
                # Up to a NUL at most: bytes that are not UTF-8 before it come first.
                _text, used = decoder(data if nul < 0 else data[: nul + 1], "strict", not chunk)
            except UnicodeDecodeError as error:
                advance(data[: error.start])
                return (
                    line,
                    column,
                    f"is not UTF-8 text here (byte 0x{data[error.start]:02X}); it may be GBK or "
                    "Latin-1: re-save the file as UTF-8",
                )
            if nul >= 0:
                advance(data[:nul])
                return line, column, NUL_IN_CSV
            advance(data[:used])
            carry = data[used:]
            if not chunk:
                break
    return line, None, "is not UTF-8 text; re-save the file as UTF-8"
