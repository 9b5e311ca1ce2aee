"""Datasette metadata for the SQLite export: titles, descriptions, units, labels, source links."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from .ngrams import LONGEST
from .tables import TABLES, grams_name

TITLE = "渭南市平安建设统计 · Weinan public-safety statistics"
DESCRIPTION = (
    "Public-safety (平安建设) figures of Weinan (渭南市, Shaanxi) and its counties, each with "
    "the clause of the source it comes from. A qualifier of at_least means the figure is a floor "
    "(5.2万余户 is at least 52,000); a figure not listed was not reported, which is not zero. "
    f"The search box finds words of one to {LONGEST} characters (调解, 矛盾纠纷) and whole phrases "
    "between punctuation; for any other text use a column's 'contains' filter or the find query."
)

# Any text of any length, as LIKE finds it (the search box finds words and whole phrases).
FIND_SQL = """
select 'region' as kind, id, name_zh as name, name_en as detail, aliases as text from regions
  where name_zh like '%' || :text || '%' or name_en like '%' || :text || '%'
    or aliases like '%' || :text || '%'
union all
select 'indicator', id, name_zh, name_en, definition from indicators
  where name_zh like '%' || :text || '%' or name_en like '%' || :text || '%'
    or definition like '%' || :text || '%'
union all
select 'honour', id, title_zh, title_en, quote from designations
  where title_zh like '%' || :text || '%' or title_en like '%' || :text || '%'
    or quote like '%' || :text || '%'
union all
select 'practice', id, name_zh, name_en, description from practices
  where name_zh like '%' || :text || '%' or name_en like '%' || :text || '%'
    or description like '%' || :text || '%' or quote like '%' || :text || '%'
union all
select 'figure', o.id, r.name_zh || ' · ' || i.name_zh, o.display, o.quote
  from observations o join regions r on r.id = o.region join indicators i on i.id = o.indicator
  where o.quote like '%' || :text || '%' or o.note like '%' || :text || '%'
"""


def datasette_metadata(store: sqlite3.Connection, database: str, lang: str) -> dict[str, Any]:
    """Metadata for `datasette DATABASE.sqlite --metadata FILE`; labels follow lang (zh or en)."""
    sources = store.execute("SELECT title, url FROM sources ORDER BY rowid").fetchall()
    units = [str(u) for (u,) in store.execute("SELECT DISTINCT unit FROM indicators ORDER BY 1")]
    present = {
        str(n)
        for (n,) in store.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    }
    tables: dict[str, Any] = {}
    for table, info in TABLES.items():
        if table not in present:
            continue
        columns = dict(info.columns)
        entry: dict[str, Any] = {
            "title": info.title,
            "description": info.description,
            "columns": columns,
        }
        if info.label:
            entry["label_column"] = info.label.get(lang, info.label["zh"])
        if info.searchable:
            entry["fts_table"] = grams_name(table)
            entry["fts_pk"] = "id" if table == "observations" else "rowid"
        tables[table] = entry
    observations = tables.get("observations")
    if observations is not None:
        observations["columns"]["value"] += " Units in use: " + ", ".join(units) + "."
        observations["facets"] = ["indicator", "region", "qualifier", "year"]
    database_entry: dict[str, Any] = {
        "title": TITLE,
        "description": DESCRIPTION,
        "tables": tables,
        "queries": {
            "find": {
                "title": "Find any text (names, quotes, descriptions)",
                "description": "Substring search of any length, Chinese or English.",
                "sql": FIND_SQL.strip(),
            }
        },
    }
    metadata: dict[str, Any] = {"title": TITLE, "description": DESCRIPTION}
    if len(sources) == 1:
        metadata["source"], metadata["source_url"] = str(sources[0][0]), str(sources[0][1])
    elif sources:
        metadata["source"] = f"{len(sources)} sources: see the sources table"
        # Datasette links the source line: to the table that lists them, in this database.
        metadata["source_url"] = f"/{_tilde(database)}/sources"
    metadata["databases"] = {database: database_entry}
    return metadata


def _tilde(name: str) -> str:
    """A database name as Datasette writes it in a URL (its tilde encoding: ~2E for a point)."""
    return re.sub(
        r"[^A-Za-z0-9_\-]",
        lambda m: "+" if m.group() == " " else "".join(f"~{b:02X}" for b in m.group().encode()),
        name,
    )
