"""The text formats that need no terminal library: JSON, YAML, CSV, TSV, NDJSON, Markdown."""

from __future__ import annotations

import json
import re
from typing import Any

from ..result import Result, record_keys
from ..visible import escape_hidden, has_hidden, safe_text


def render_json(result: Result) -> str:
    """Strict JSON (no NaN), UTF-8, with invisible characters as \\u escapes that read back."""
    text = json.dumps(result.data, ensure_ascii=False, indent=2, allow_nan=False)
    return escape_hidden(text, _json_escape, "\n") + "\n"


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
    return escape_hidden(text, _yaml_escape, "\n")


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
    keys = record_keys(result)
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


# Markdown renderers pass raw HTML through (<script>, <a href="javascript:…">) and make links and
# images of [text](url): in data they are text, written so that it renders as written, as the
# HTML outputs escape it. A ] just before ( is escaped, which leaves no inline link or image;
# [x] alone stays as written (a reference needs a definition, which no table row can hold).
_MARKDOWN = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "\n": " ", "&": "&amp;", "<": "&lt;", ">": "&gt;"}
)


def _markdown_cell(text: str) -> str:
    return text.translate(_MARKDOWN).replace("](", "\\](")


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


def render_ndjson(result: Result) -> str:
    """One JSON object a line (newline-delimited JSON), one per flat record."""
    lines = [
        escape_hidden(json.dumps(record, ensure_ascii=False, allow_nan=False), _json_escape, "\n")
        for record in result.records
    ]
    return "".join(f"{line}\n" for line in lines)


def render_tsv(result: Result, headers: bool = True) -> str:
    """Tab-separated values of the flat records; tabs and line breaks in a value as \\t, \\n."""
    keys = record_keys(result)
    lines = ["\t".join(_tsv_value(k) for k in keys)] if headers else []
    for record in result.records:
        lines.append("\t".join(_tsv_value(record.get(key)) for key in keys))
    return "".join(f"{line}\n" for line in lines)


def _tsv_value(value: Any) -> str:
    """A cell: a spreadsheet opens TSV as it opens CSV, so a formula start is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return safe_text(str(spreadsheet_safe(value)).replace("\\", "\\\\"))
