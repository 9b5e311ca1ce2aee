"""The SQLite export: the compiled store, with foreign keys and full-text indexes, for Datasette.

The store is copied page by page, then each table is rebuilt with REFERENCES clauses (which
Datasette turns into links), the meta table keeps only what names no path of this machine, and
every table with names, quotes or descriptions gets an FTS5 index in the form Datasette detects
(``content="table"``), so its search box works.

NOTE: two indexes a table, since FTS5 takes one tokenizer a table. ``TABLE_fts`` uses the
trigram tokenizer (Chinese is written without spaces, so a word tokenizer would see a whole clause
as one word): it finds any text of three or more characters (双下降, 枫桥经验化解矛盾, fraud), and
it is the one Datasette finds by itself (``content="TABLE"``). ``TABLE_grams`` indexes the same
columns written as their short pieces (ngrams.py) with the unicode61 tokenizer: it finds words of
one to four characters (调解, 枫桥) and any whole phrase between punctuation, and the Datasette
metadata names it as the table's ``fts_table``, so the search box finds two-character words.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from .._version import __version__
from .ngrams import searchable
from .tables import TABLES, fts_name, grams_name

# Keys of the store's meta table that are kept: the others name files by their absolute paths.
KEPT_META = ("schema", "version")


# SQLite's result codes (their low byte) for a database it could not write, as OSError numbers:
# the target's trouble, never a damaged store.
_WRITE_FAILURES = {
    sqlite3.SQLITE_FULL: errno.ENOSPC,
    sqlite3.SQLITE_IOERR: errno.EIO,
    sqlite3.SQLITE_CANTOPEN: errno.EACCES,
    sqlite3.SQLITE_READONLY: errno.EROFS,
    sqlite3.SQLITE_PERM: errno.EPERM,
}


def write_sqlite(store: sqlite3.Connection, target: Path) -> None:
    """Write the export database to target (a new or empty file; the caller makes it atomic).

    A failure to write target (a full disk) is an OSError naming target; only a failure to read
    the store is a sqlite3 error.
    """
    try:
        _write(store, target)
    except sqlite3.Error as error:
        code = getattr(error, "sqlite_errorcode", None)
        if code is None or code & 0xFF not in _WRITE_FAILURES:
            raise
        number = _WRITE_FAILURES[code & 0xFF]
        raise OSError(number, os.strerror(number), str(target)) from None
    with open(target, "rb") as written:
        os.fsync(written.fileno())


def _write(store: sqlite3.Connection, target: Path) -> None:
    # NOTE: no journal: the file is a temporary one, replaced whole or thrown away, and a
    # journal would be one more file to leave behind (beside the user's) if the run were killed.
    with closing(sqlite3.connect(target, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=OFF")
        store.backup(db)
        db.execute("PRAGMA foreign_keys=OFF")
        db.execute("BEGIN")
        _rebuild_tables(db)
        _rewrite_meta(db, store)
        db.execute("COMMIT")
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise sqlite3.IntegrityError(f"the store breaks its foreign keys: {problems[:5]}")
        # Drops the freed pages (and whatever they held) before the indexes are built: VACUUM
        # may renumber the rowids that the full-text indexes point at, so it must come first.
        db.execute("VACUUM")
        db.execute("BEGIN")
        _add_full_text(db)
        db.execute("ANALYZE")
        db.execute("COMMIT")


def _tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid"
    ).fetchall()
    return [str(name) for (name,) in rows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _rebuild_tables(db: sqlite3.Connection) -> None:
    """Recreate each described table with its foreign keys (SQLite cannot add them in place)."""
    indexes = db.execute(
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    # A view naming a table would stop that table's rename: set aside, made again at the end.
    views = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall()
    for name, _ in views:
        db.execute(f"DROP VIEW {_quote(name)}")
    present = set(_tables(db))
    for table in [t for t in _tables(db) if t in TABLES]:
        info = TABLES[table]
        columns = db.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
        names = [str(c[1]) for c in columns]
        keys = [str(c[1]) for c in sorted(columns, key=lambda c: c[5]) if c[5]]
        inline_key = len(keys) == 1 and _is_integer(columns, keys[0])
        definitions = []
        for _, name, kind, not_null, _, _ in columns:
            parts = [_quote(name)]
            kind = info.types.get(name, kind)
            if kind:
                parts.append(kind)
            if inline_key and name == keys[0]:
                parts.append("PRIMARY KEY")  # an INTEGER PRIMARY KEY is the rowid: ids kept
            if not_null:
                parts.append("NOT NULL")
            target = info.references.get(name)
            if target and target[0] in present:
                parts.append(f"REFERENCES {_quote(target[0])} ({_quote(target[1])})")
            definitions.append(" ".join(parts))
        if keys and not inline_key:
            definitions.append(f"PRIMARY KEY ({', '.join(_quote(k) for k in keys)})")
        new = f"_export_{table}"
        db.execute(f"CREATE TABLE {_quote(new)} ({', '.join(definitions)})")
        column_list = ", ".join(_quote(n) for n in names)
        db.execute(
            f"INSERT INTO {_quote(new)} ({column_list}) SELECT {column_list} FROM {_quote(table)}"
        )
        db.execute(f"DROP TABLE {_quote(table)}")
        db.execute(f"ALTER TABLE {_quote(new)} RENAME TO {_quote(table)}")
    for table, sql in indexes:
        if table in TABLES:
            db.execute(sql)
    for _, sql in views:
        db.execute(sql)


def _is_integer(columns: list[tuple[object, ...]], name: str) -> bool:
    return any(c[1] == name and str(c[2]).upper() == "INTEGER" for c in columns)


def _rewrite_meta(db: sqlite3.Connection, store: sqlite3.Connection) -> None:
    """Keep the schema and version; name the data files by their names alone."""
    meta = dict(store.execute("SELECT key, value FROM meta").fetchall())
    try:
        inputs = [Path(str(p)).name for p in json.loads(meta.get("inputs", "[]"))]
    except (TypeError, ValueError):
        inputs = []
    db.execute("DELETE FROM meta")
    rows = [(k, str(meta[k])) for k in KEPT_META if k in meta]
    rows.append(("inputs", json.dumps(inputs, ensure_ascii=False)))
    rows.append(("exported_by", f"pingan {__version__}"))
    db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows)


def _add_full_text(db: sqlite3.Connection) -> None:
    """Two FTS5 indexes over each table's names, quotes and descriptions, kept beside it."""
    present = set(_tables(db))
    for table, info in TABLES.items():
        if table not in present or not info.searchable:
            continue
        names = {str(c[1]) for c in db.execute(f"PRAGMA table_info({_quote(table)})")}
        columns = [c for c in info.searchable if c in names]
        if not columns:
            continue
        rowid = "id" if table == "observations" else "rowid"
        fts = fts_name(table)
        # Written out in the form Datasette looks for: content="TABLE".
        db.execute(
            f"CREATE VIRTUAL TABLE {_quote(fts)} USING fts5("
            f"{', '.join(_quote(c) for c in columns)}, "
            f'content="{table}", content_rowid="{rowid}", tokenize="trigram")'
        )
        db.execute(f"INSERT INTO {_quote(fts)} ({_quote(fts)}) VALUES ('rebuild')")
        _add_grams(db, table, columns, rowid)


def _add_grams(db: sqlite3.Connection, table: str, columns: list[str], rowid: str) -> None:
    """A contentless unicode61 index of the columns' text written as its short pieces."""
    grams = grams_name(table)
    db.execute(
        f"CREATE VIRTUAL TABLE {_quote(grams)} USING fts5(text, content='', tokenize='unicode61')"
    )
    texts = db.execute(
        f"SELECT {_quote(rowid)}, {', '.join(_quote(c) for c in columns)} FROM {_quote(table)}"
    )
    rows = (
        (key, searchable(" ".join(str(value) for value in values if value)))
        for key, *values in texts
    )
    db.executemany(
        f"INSERT INTO {_quote(grams)} (rowid, text) VALUES (?, ?)",
        ((key, text) for key, text in rows if text),
    )
