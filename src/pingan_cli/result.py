"""What a command hands to rendering: a Result, its tables and columns, and the formats.

A command builds a Result: ``data`` (the JSON contract), ``tables`` (what a person reads) and
``records`` (flat rows for CSV). Renderers (render/) turn a Result into text; only the CLI prints
it.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from .visible import safe_text


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


def cell(value: Any, missing: str = "") -> str:
    """A value as a safe table cell."""
    if value is None:
        return missing
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return safe_text(", ".join(str(v) for v in value))
    return safe_text(str(value))


def record_keys(result: Result) -> list[str]:
    keys: list[str] = list(result.record_keys)
    for record in result.records:
        for key in record:
            if key not in keys:
                keys.append(key)
    return keys


class ColumnError(ValueError):
    """--columns named a field the result does not have."""


# Where a field's text may break when --columns shows it (fields not named: never, as ids,
# figures and dates): prose at words, names as names, lists between items, a URL after a /.
FIELD_BREAKS = {
    **dict.fromkeys(
        (
            "note",
            "quote",
            "other_quote",
            "definition",
            "description",
            "snippet",
            "title",
            "publisher",
            "original_publisher",
            "conflicts_with",
            "reported_changes",
            "parts",
        ),
        Breaks.words,
    ),
    **dict.fromkeys(
        (
            "name",
            "name_zh",
            "name_en",
            "region_name",
            "indicator_name",
            "parent_name",
            "sub_unit_name",
            "title_zh",
            "title_en",
            "other_region_name",
        ),
        Breaks.name,
    ),
    **dict.fromkeys(
        ("aliases", "authors", "contributors", "recipients", "related", "region_names", "within"),
        Breaks.items,
    ),
    "url": Breaks.url,
}


def field_breaks(name: str, values: Sequence[Any] = ()) -> Breaks:
    """Where the text of a record field may break in a table (FIELD_BREAKS); a field of lists or
    objects that is not named there breaks at words, as its JSON text has spaces."""
    if name in FIELD_BREAKS:
        return FIELD_BREAKS[name]
    if any(isinstance(value, list | tuple | dict) for value in values):
        return Breaks.words
    return Breaks.never


def select_columns(result: Result, names: list[str]) -> Result:
    """The result with only these fields of its flat records, in this order, in every format.

    Tables are then drawn from the records, one column per field, so every format shows the same
    fields.
    """
    known = record_keys(result)
    unknown = [n for n in names if n not in known]
    if unknown:
        from .suggest import did_you_mean

        hint = did_you_mean(unknown[0], known, limit=1)
        raise ColumnError(f"no column {unknown[0]!r}{hint}; columns are: {', '.join(known)}")
    records = [{n: record.get(n) for n in names} for record in result.records]
    columns = [
        Column(n, n, breaks=field_breaks(n, [r[n] for r in records]), header_breaks=Breaks.never)
        for n in names
    ]
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
