"""What a command hands to rendering, and the text formats that need no terminal library.

A command builds a Result: ``data`` (the JSON contract), ``tables`` (what a person reads) and
``records`` (flat rows for CSV). Renderers turn a Result into text; only the CLI prints it. The
terminal tables are drawn by tables.py; render.py picks the renderer for a format.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    """Output formats of every read command."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"
    svg = "svg"
    tsv = "tsv"
    ndjson = "ndjson"
    html = "html"


# The format an --output file's name asks for when no --format is given.
FORMAT_BY_EXTENSION = {
    ".json": Format.json,
    ".csv": Format.csv,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".yaml": Format.yaml,
    ".yml": Format.yaml,
    ".svg": Format.svg,
    ".html": Format.html,
    ".htm": Format.html,
    ".tsv": Format.tsv,
    ".tab": Format.tsv,
    ".ndjson": Format.ndjson,
    ".jsonl": Format.ndjson,
}


def format_for(name: str | None) -> Format:
    """The format for an output file's name: by its extension, else a table."""
    if name is None:
        return Format.table
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return FORMAT_BY_EXTENSION.get(suffix, Format.table)


@dataclass(frozen=True)
class Column:
    """A table column: the row key it shows and its header."""

    key: str
    header: str
    numeric: bool = False
    no_wrap: bool = False
    # Cell text -> Rich style name, used only where colour is shown (a terminal, an SVG).
    styles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Table:
    """Rows of text cells with a title, for people to read."""

    title: str | None
    columns: list[Column]
    rows: list[dict[str, str]]
    show_header: bool = True


@dataclass(frozen=True)
class Result:
    """A command's answer in the three shapes renderers need."""

    data: Any
    tables: list[Table]
    records: list[dict[str, Any]] = field(default_factory=list)
    empty_note: str | None = None
    record_keys: tuple[str, ...] = ()
    # Said on stderr whatever the format: what a mark means, what the answer leaves out.
    notes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to show."""
        return all(not t.rows for t in self.tables)


# Characters that must never reach a terminal raw, besides the C0 controls: DEL, C1 controls,
# bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A-E, U+2066-9), line
# and paragraph separators, zero-width and BOM characters.
_INVISIBLE = "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]")  # tab and newline kept
_UNSAFE_WITH_LINES = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str, keep_newlines: bool = False) -> str:
    """Show control, bidi and invisible characters as visible escapes."""
    pattern = _UNSAFE if keep_newlines else _UNSAFE_WITH_LINES
    return pattern.sub(_escape_char, text)


def cell(value: Any, missing: str = "") -> str:
    """A value as a safe table cell."""
    if value is None:
        return missing
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return safe_text(", ".join(str(v) for v in value))
    return safe_text(str(value))


def render_json(result: Result) -> str:
    """Strict JSON (no NaN), UTF-8, with terminal-unsafe characters as \\u escapes."""
    text = json.dumps(result.data, ensure_ascii=False, indent=2, allow_nan=False)
    return _as_unicode_escapes(text) + "\n"


# Strings holding any of these are written double-quoted in YAML, the only style with escapes.
_NEEDS_ESCAPES = re.compile(f"[\x00-\x09\x0b-\x1f{_INVISIBLE}]")


def _as_unicode_escapes(text: str) -> str:
    """Unsafe characters left in JSON or YAML text as \\uXXXX, which both read back."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def render_yaml(result: Result) -> str:
    """YAML that reads back to the same data, with unsafe characters as escapes.

    A string with a control, bidi or invisible character is written double-quoted: the emitter
    escapes control characters there (\\e, \\x9B), and the bidi and invisible characters it would
    print raw are escaped after it as \\uXXXX, which only double quotes read as escapes.
    """
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        style = '"' if _NEEDS_ESCAPES.search(data) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, represent_str)
    text: str = yaml.dump(
        result.data,
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1000,
    )
    return _as_unicode_escapes(text)


_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def spreadsheet_safe(value: Any) -> Any:
    """Neutralise a CSV cell a spreadsheet would run as a formula; numbers stay numbers."""
    if value is None or isinstance(value, bool | int | float):
        return value
    raw = str(value)
    text = safe_text(raw)
    if raw and (raw[0] in "=+@\t\r" or (raw[0] == "-" and not _NUMBER.match(raw))):
        return "'" + text
    return text


def render_csv(result: Result, bom: bool = False, headers: bool = True) -> str:
    """CSV of the flat records; a UTF-8 BOM on request so Excel reads Chinese correctly."""
    buffer = io.StringIO()
    records = result.records
    keys = _record_keys(result)
    writer = csv.writer(buffer, lineterminator="\r\n")
    if headers:
        writer.writerow([spreadsheet_safe(key) for key in keys])
    for record in records:
        writer.writerow([_csv_value(record.get(key)) for key in keys])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return spreadsheet_safe(json.dumps(value, ensure_ascii=False))
    return spreadsheet_safe(value)


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(result: Result) -> str:
    """GitHub-flavoured Markdown tables, one per section."""
    parts: list[str] = []
    for table in result.tables:
        if table.title:
            parts.append(f"### {_markdown_cell(safe_text(table.title))}\n")
        headers = [_markdown_cell(safe_text(c.header)) for c in table.columns]
        lines = ["| " + " | ".join(headers) + " |"]
        lines.append(
            "| " + " | ".join("---:" if c.numeric else "---" for c in table.columns) + " |"
        )
        for row in table.rows:
            lines.append(
                "| " + " | ".join(_markdown_cell(row.get(c.key, "")) for c in table.columns) + " |"
            )
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _record_keys(result: Result) -> list[str]:
    keys: list[str] = list(result.record_keys)
    for record in result.records:
        for key in record:
            if key not in keys:
                keys.append(key)
    return keys


def render_ndjson(result: Result) -> str:
    """One JSON object a line (newline-delimited JSON), one per flat record."""
    lines = [
        _as_unicode_escapes(json.dumps(record, ensure_ascii=False, allow_nan=False))
        for record in result.records
    ]
    return "".join(f"{line}\n" for line in lines)


def render_tsv(result: Result, headers: bool = True) -> str:
    """Tab-separated values of the flat records; tabs and line breaks in a value as \\t, \\n."""
    keys = _record_keys(result)
    lines = ["\t".join(safe_text(k) for k in keys)] if headers else []
    for record in result.records:
        lines.append("\t".join(_tsv_value(record.get(key)) for key in keys))
    return "".join(f"{line}\n" for line in lines)


def _tsv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return safe_text(str(value).replace("\\", "\\\\"))


class ColumnError(ValueError):
    """--columns named a field the result does not have."""


def select_columns(result: Result, names: list[str]) -> Result:
    """The result with only these fields of its flat records, in this order, in every format.

    Tables are then drawn from the records, one column per field, so every format shows the same
    fields.
    """
    known = _record_keys(result)
    unknown = [n for n in names if n not in known]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], known, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise ColumnError(f"no column {unknown[0]!r}{hint}; columns are: {', '.join(known)}")
    records = [{n: record.get(n) for n in names} for record in result.records]
    columns = [Column(n, n) for n in names]
    rows = [{n: cell(r[n]) for n in names} for r in records]
    return replace(
        result,
        data=records,
        tables=[Table(None, columns, rows)],
        records=records,
        record_keys=tuple(names),
    )


def without_headers(result: Result) -> Result:
    """The result with its tables drawn without header rows."""
    return replace(result, tables=[replace(t, show_header=False) for t in result.tables])


def ascii_only_text(text: str) -> str:
    """Text with every non-ASCII character as a visible \\uXXXX escape."""
    return text if text.isascii() else text.encode("ascii", "backslashreplace").decode("ascii")


def ascii_result(result: Result) -> Result:
    """The result's tables with only ASCII text: what --ascii draws."""
    tables = [
        replace(
            t,
            title=ascii_only_text(t.title) if t.title else t.title,
            columns=[replace(c, header=ascii_only_text(c.header)) for c in t.columns],
            rows=[{k: ascii_only_text(v) for k, v in row.items()} for row in t.rows],
        )
        for t in result.tables
    ]
    return replace(result, tables=tables)
