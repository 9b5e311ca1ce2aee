"""Raw SQL for those who want it, as sqlite-utils' ``db.query`` offers, but only to read.

SQLite's authorizer is asked about every action a statement takes while it is prepared: only
reading tables, calling functions and the PRAGMAs that describe the schema pass, so a statement
that would write, create, drop, attach a file, begin a transaction or change a setting is
refused before it runs, and the store is left as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from ..load.problems import QueryError

# Actions a reading statement takes.
_READING = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}
# PRAGMAs that only describe the store (their argument names a table or an index).
_DESCRIBING = {
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "database_list",
    "collation_list",
    "function_list",
}


def _action(code: int) -> str:
    """An authorizer action's name (DELETE, ATTACH …)."""
    results = {"SQLITE_OK", "SQLITE_DENY", "SQLITE_IGNORE"}
    for name in dir(sqlite3):
        if name.startswith("SQLITE_") and name not in results and getattr(sqlite3, name) == code:
            return name.removeprefix("SQLITE_")
    return str(code)


def read_only(
    db: sqlite3.Connection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> list[dict[str, Any]]:
    """The rows of one statement that only reads, each a dict keyed by column name."""
    refused: list[str] = []

    def authorize(
        action: int, first: str | None, second: str | None, database: str | None, _: str | None
    ) -> int:
        if action in _READING:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_PRAGMA and (first or "").lower() in _DESCRIBING:
            return sqlite3.SQLITE_OK
        refused.append(" ".join(str(part) for part in (_action(action), first, second) if part))
        return sqlite3.SQLITE_DENY

    db.set_authorizer(authorize)
    try:
        cursor = db.execute(sql, params)
        keys = [str(column[0]) for column in cursor.description or ()]
        return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]
    except sqlite3.Warning as error:  # more than one statement
        raise QueryError(f"query() runs one statement at a time: {error}") from None
    except sqlite3.DatabaseError as error:
        if refused:
            raise QueryError(
                f"query() only reads; this statement would change the store or the connection "
                f"({refused[0]}): {sql.strip()[:200]}"
            ) from None
        raise QueryError(f"{error}: {sql.strip()[:200]}") from None
    finally:
        db.set_authorizer(None)
