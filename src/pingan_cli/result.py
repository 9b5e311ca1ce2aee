"""What a command hands to rendering, and the text formats that need no terminal library.

A command builds a Result: ``data`` (the JSON contract), ``tables`` (what a person reads) and
``records`` (flat rows for CSV). Renderers turn a Result into text; only the CLI prints it. The
terminal tables are drawn by tables.py; render.py picks the renderer for a format.
"""

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, NamedTuple


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


class Layout(StrEnum):
    """How a table is laid out on a terminal."""

    auto = "auto"  # a table if every column fits whole, else vertical
    table = "table"  # rows and columns, wider than the terminal if it must be
    vertical = "vertical"  # one field a line per row: psql's expanded display, MySQL's \\G


class Breaks(StrEnum):
    """Where a cell's text may be broken across lines.

    Each kind but never is kept whole where its column allows and breaks only as far as it must:
    a name at spaces and between Chinese characters, a URL after a /, and a word wider than the
    whole terminal after any character (tables.py: pieces and wrap).
    """

    never = "never"  # numbers, figures, ids, dates, status words: always whole
    name = "name"  # a name or label: whole if it fits, else at spaces, between Chinese characters
    url = "url"  # whole if it fits, else after a / ? & # or a hyphen between letters
    figures = "figures"  # figures, each whole, and the name in brackets after one ("14个 (…)")
    words = "words"  # prose: at spaces and between Chinese characters, never inside a number
    items = "items"  # a list ("a, b, c"): after the comma between two items; an item as a name


class Column(NamedTuple):
    """A table column: the row key it shows, its header, and where its text may break."""

    key: str
    header: str
    numeric: bool = False
    breaks: Breaks = Breaks.never
    header_breaks: Breaks = Breaks.words
    # Cell text -> Rich style name, used only where colour is shown (a terminal, an SVG).
    styles: tuple[tuple[str, str], ...] = ()


class Table(NamedTuple):
    """Rows of text cells with a title, for people to read.

    ``bars`` holds a value a row for a column keyed "bar": rendering draws the bars as long as the
    width leaves (or drops the column). ``sparkline`` holds values drawn after the title where
    they fit.
    """

    title: str | None
    columns: list[Column]
    rows: list[dict[str, str]]
    show_header: bool = True
    bars: tuple[float | None, ...] = ()
    sparkline: tuple[float | None, ...] = ()


class Result(NamedTuple):
    """A command's answer in the three shapes renderers need."""

    data: Any
    tables: list[Table]
    records: Sequence[dict[str, Any]] = ()
    empty_note: str | None = None
    record_keys: tuple[str, ...] = ()
    # Said on stderr whatever the format: what a mark means, what the answer leaves out.
    notes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to show."""
        return all(not t.rows for t in self.tables)


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


def _escape_hidden(text: str, escape: Callable[[str], str], keep: str = "") -> str:
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
    return _escape_hidden(text, _visible_escape, "\t\n" if keep_newlines else "")


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
    """Strict JSON (no NaN), UTF-8, with invisible characters as \\u escapes that read back."""
    text = json.dumps(result.data, ensure_ascii=False, indent=2, allow_nan=False)
    return _escape_hidden(text, _json_escape, "\n") + "\n"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _yaml_escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def render_yaml(result: Result) -> str:
    """YAML that reads back to the same data, with invisible characters as escapes.

    A string with a control, bidi or invisible character is written double-quoted: the emitter
    escapes control characters there (\\e, \\x9B), and the invisible characters it would print
    raw are escaped after it (\\u200b, \\U000e0001), which only double quotes read as escapes.
    """
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        style = '"' if has_hidden(data, "\n") else None
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
    return _escape_hidden(text, _yaml_escape, "\n")


# Compiled on first use, through re's own cache: only CSV output needs it.
_NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"


def spreadsheet_safe(value: Any, terminal: bool = False) -> Any:
    """Neutralise a CSV cell a spreadsheet would run as a formula; numbers stay numbers.

    Text is otherwise given back exactly (emoji sequences, joiners, controls), unless the CSV is
    going to a terminal, which gets visible escapes instead of invisible characters.
    """
    if value is None or isinstance(value, bool | int | float):
        return value
    raw = str(value)
    text = safe_text(raw) if terminal else raw
    if raw and (raw[0] in "=+@\t\r" or (raw[0] == "-" and not re.match(_NUMBER, raw))):
        return "'" + text
    return text


def render_csv(
    result: Result, bom: bool = False, headers: bool = True, terminal: bool = False
) -> str:
    """CSV of the flat records; a UTF-8 BOM on request so Excel reads Chinese correctly."""
    import csv
    import io

    buffer = io.StringIO()
    records = result.records
    keys = _record_keys(result)
    writer = csv.writer(buffer, lineterminator="\r\n")
    if headers:
        writer.writerow([spreadsheet_safe(key, terminal) for key in keys])
    for record in records:
        writer.writerow([_csv_value(record.get(key), terminal) for key in keys])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def _csv_value(value: Any, terminal: bool) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return spreadsheet_safe(json.dumps(value, ensure_ascii=False), terminal)
    return spreadsheet_safe(value, terminal)


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
        _escape_hidden(json.dumps(record, ensure_ascii=False, allow_nan=False), _json_escape, "\n")
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
        from .suggest import did_you_mean

        hint = did_you_mean(unknown[0], known, limit=1)
        raise ColumnError(f"no column {unknown[0]!r}{hint}; columns are: {', '.join(known)}")
    records = [{n: record.get(n) for n in names} for record in result.records]
    columns = [Column(n, n) for n in names]
    rows = [{n: cell(r[n]) for n in names} for r in records]
    return result._replace(
        data=records,
        tables=[Table(None, columns, rows)],
        records=records,
        record_keys=tuple(names),
    )


def without_headers(result: Result) -> Result:
    """The result with its tables drawn without header rows."""
    return result._replace(tables=[t._replace(show_header=False) for t in result.tables])


def ascii_only_text(text: str) -> str:
    """Text with every non-ASCII character as a visible \\uXXXX escape."""
    return text if text.isascii() else text.encode("ascii", "backslashreplace").decode("ascii")
