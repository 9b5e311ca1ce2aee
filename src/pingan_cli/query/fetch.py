"""One typed fetch: parameterised SQL in, rows as dicts or records out."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

R = TypeVar("R")


def fetch(
    db: sqlite3.Connection,
    sql: str,
    params: Sequence[Any] = (),
    make: Callable[[dict[str, Any]], R] | None = None,
) -> list[dict[str, Any]] | list[R]:
    """Run a query; each row as a dict keyed by column name, or as ``make(row)``."""
    cursor = db.execute(sql, params)
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, values, strict=True)) for values in cursor]
    if make is None:
        return rows
    return [make(row) for row in rows]


def fetch_records(
    db: sqlite3.Connection, sql: str, params: Sequence[Any], kind: Callable[..., R]
) -> list[R]:
    """Run a query whose columns are named as the record's fields; one record a row."""
    return fetch(db, sql, params, lambda row: kind(**row))  # type: ignore[return-value]


def column_names(lang: str) -> tuple[str, str]:
    return ("name_en", "title_en") if lang == "en" else ("name_zh", "title_zh")


def contains(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching text anywhere, its % and _ taken literally.

    Text longer than any field may hold is refused: it can match nothing, and SQLite refuses a
    pattern of more than 50,000 bytes ("LIKE or GLOB pattern too complex").
    """
    from ..load.limits import TEXT_MAX
    from ..load.problems import QueryError

    if len(text) > TEXT_MAX:
        raise QueryError(
            f"the text to look for is {len(text):,} characters long, and no field holds more "
            f"than {TEXT_MAX:,}: look for a part of it"
        )
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))
