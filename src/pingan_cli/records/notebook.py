"""Records in a notebook: an HTML table for Jupyter's display, and a pandas DataFrame.

Loaded only when a notebook (or a caller) asks for ``_repr_html_()`` or ``to_pandas()``: the
command line never imports it, nor pandas, which pingan does not depend on.
"""

import html
import json
from collections.abc import Iterable, Mapping
from typing import Any

# A longer list shows its first rows and says how many more there are (as pandas does).
MAX_ROWS = 200
STYLE = "text-align:left;vertical-align:top"


def _plain(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    as_dict = getattr(item, "as_dict", None)
    if as_dict is not None:
        found: dict[str, Any] = as_dict()
        return found
    return {"value": item}


def _text(value: Any) -> str:
    """A value as the escaped text of one cell: lists and objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | dict):
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return html.escape(", ".join(value))
        return html.escape(json.dumps(value, ensure_ascii=False))
    return html.escape(str(value))


def _cell(value: Any) -> str:
    """A value of a record shown alone: a list of objects as a table of its own."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return table(value)
    if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
        return table([{"": key, **item} for key, item in value.items()])
    return _text(value)


def record_html(record: Any) -> str:
    """One record as a two-column table: each field and its value."""
    data = _plain(record)
    rows = "".join(
        f'<tr><th style="{STYLE}">{html.escape(key)}</th>'
        f'<td style="{STYLE}">{_cell(value)}</td></tr>'
        for key, value in data.items()
    )
    name = html.escape(type(record).__name__)
    return f'<table class="pingan-record"><caption>{name}</caption>{rows}</table>'


def table(items: Iterable[Any]) -> str:
    """Records (or dicts) as one table, a row each, a column per field."""
    rows = [_plain(item) for item in items]
    keys: list[str] = []
    for row in rows[:MAX_ROWS]:
        keys.extend(key for key in row if key not in keys)
    head = "".join(f'<th style="{STYLE}">{html.escape(key)}</th>' for key in keys)
    body = "".join(
        "<tr>"
        + "".join(f'<td style="{STYLE}">{_text(row.get(key))}</td>' for key in keys)
        + "</tr>"
        for row in rows[:MAX_ROWS]
    )
    more = len(rows) - MAX_ROWS
    tail = f"<p>… {more:,} more rows ({len(rows):,} in all)</p>" if more > 0 else ""
    return f'<table class="pingan-records"><tr>{head}</tr>{body}</table>{tail}'


def frame_rows(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Each record as the row of a DataFrame: its plain fields, with a figure's ``year``."""
    rows = []
    for item in items:
        row = _plain(item)
        year = getattr(item, "year", None)
        if "period" in row and "year" not in row and hasattr(item, "year"):
            at = list(row).index("period") + 1
            row = dict([*list(row.items())[:at], ("year", year), *list(row.items())[at:]])
        rows.append(row)
    return rows


def to_pandas(items: Iterable[Any]) -> Any:
    """A pandas DataFrame of the records; pandas must be installed (pingan does not need it)."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "to_pandas() needs pandas, which pingan does not install: pip install pandas "
            "(or build a table from [r.as_dict() for r in records])"
        ) from None
    frame = pandas.DataFrame(frame_rows(items))
    if "year" in frame.columns:  # whole years, and <NA> where there is none (not NaN, a float)
        frame["year"] = frame["year"].astype("Int64")
    return frame
