"""Candidates as people and programs read them: a table, a JSON array, dataset YAML to paste."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..result import Breaks, Column, Result, Table, cell
from ..visible import escape_hidden
from .extract import Candidate

FILE_COLUMN = Column("file", "file")
COLUMNS = [
    Column("n", "#", numeric=True),
    Column("as_written", "as written"),
    Column("value", "value", numeric=True),
    Column("unit", "unit"),
    Column("qualifier", "qualifier"),
    Column("region", "region"),
    Column("period", "period"),
    Column("indicator", "indicator"),
    Column("held", "held"),
    Column("quote", "quote", breaks=Breaks.words),
]
_PERIOD_YEAR = re.compile(r"^(?P<since>since )?(?P<year>\d{4})$")
_PERIOD_RANGE = re.compile(r"^(?P<start>\d{4}-\d{2})\.\.(?P<end>\d{4}-\d{2})?$")
TODO = "TODO"
# Characters a terminal would not show as themselves: controls, bidi marks and overrides,
# zero-width characters, and the no-break space, which looks like a space.
_INVISIBLE = re.compile(
    "[\x7f-\xa0\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def table_result(candidates: Sequence[Candidate], files: Sequence[str] | None = None) -> Result:
    """The candidates as a table: one row each, 'yes' where the dataset already holds it; with
    ``files`` (one per candidate), a column naming each one's article."""
    rows = [
        {
            "n": str(index),
            "file": cell(files[index - 1]) if files else "",
            "as_written": cell(c.as_written),
            "value": cell(c.value),
            "unit": c.unit,
            "qualifier": c.qualifier.value,
            "region": cell(c.region, "?"),
            "period": cell(c.period, "?"),
            "indicator": cell(c.indicator, "?"),
            "held": "yes" if c.in_dataset else "",
            "quote": cell(c.quote),
        }
        for index, c in enumerate(candidates, 1)
    ]
    data = [c.as_json() for c in candidates]
    columns = [COLUMNS[0], FILE_COLUMN, *COLUMNS[1:]] if files else COLUMNS
    return Result(data, [Table("figures", columns, rows)], empty_note="no figures found")


def json_text(candidates: Sequence[Candidate], files: Sequence[str] | None = None) -> str:
    """The candidates as a JSON array, one object a line (with ``file`` when given), invisible
    characters as \\u escapes: json's C encoder, a tenth of the time an indented dump takes
    for the ten thousand figures of a megabyte of articles."""
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    lines = []
    for index, candidate in enumerate(candidates):
        data = candidate.as_json()
        if files is not None:
            data = {"file": files[index], **data}
        lines.append("  " + escape_hidden(encode(data), _json_escape))
    if not lines:
        return "[]\n"
    return "[\n" + ",\n".join(lines) + "\n]\n"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def yaml_text(
    candidates: Sequence[Candidate], source: str | None, files: Sequence[str] | None = None
) -> str:
    """Observations in the dataset's format, with TODO where a person must decide; with
    ``files``, a comment naming the article before each one's first figure."""
    lines = ["observations:"]
    previous = None
    for index, candidate in enumerate(candidates):
        lines.append("")
        if files and files[index] != previous:
            previous = files[index]
            lines.append(f"  # from {_INVISIBLE.sub(_escaped, previous)}")
        if candidate.in_dataset:
            lines.append("  # already in the dataset")
        lines.extend(_entry(candidate, source))
    if not candidates:
        lines[0] = "observations: []"
    return "\n".join(lines) + "\n"


def _entry(c: Candidate, source: str | None) -> list[str]:
    region = c.region if c.region and c.region.isascii() else TODO
    region_note = "" if region != TODO else f"  # {c.place or 'unknown'}: not a region of the data"
    indicator = c.indicator or TODO
    lines = [
        f"  - region: {region}{region_note}",
        f"    indicator: {indicator}",
        *_period(c.period),
        f"    value: {c.value}",
        f"    unit: {_quoted(c.unit)}",
        f"    qualifier: {c.qualifier.value}",
        f"    as_written: {_quoted(c.as_written)}",
        f"    source: {source or TODO}",
        f"    quote: {_quoted(c.quote)}",
    ]
    if c.base:
        lines.append(f"    # a change against {c.base}, not the period's own level")
    if c.upper is not None:
        lines.append(f"    # a range: at least {c.value}, at most {c.upper}")
    return lines


def _period(label: str | None) -> list[str]:
    if label is None:
        return [f"    period: {TODO}"]
    if match := _PERIOD_YEAR.match(label):
        if match.group("since"):
            return ["    period:", f"      year: {match.group('year')}", "      since: true"]
        return [f"    period: {match.group('year')}"]
    if match := _PERIOD_RANGE.match(label):
        lines = ["    period:", f'      start: "{match.group("start")}"']
        if match.group("end"):
            lines.append(f'      end: "{match.group("end")}"')
        return lines
    return [f"    period: {TODO}  # {label}"]


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def _quoted(text: str) -> str:
    """A double-quoted YAML string; control, bidi and invisible characters and the no-break
    space are written as \\u escapes, so that they show and cannot reorder a terminal's text."""
    return _INVISIBLE.sub(
        lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False)
    )
