"""What the exported tables mean: titles, column descriptions, keys and searchable columns.

Shared by the SQLite export, its Datasette metadata and the Frictionless Data Package, so the
three describe the data in the same words: the store's own (store/schema.py), with what exporting
adds (foreign keys, full-text search, the column a linked row is labelled by).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.schema import TABLES as STORE_TABLES


@dataclass(frozen=True)
class TableInfo:
    """One exported table: its title, what a row is, and its columns' meaning."""

    title: str
    description: str
    columns: dict[str, str]
    # column -> (table, column) it refers to
    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    # columns indexed for full-text search (names, quotes, descriptions)
    searchable: tuple[str, ...] = ()
    # the column Datasette shows for a row linked to from another table, by --lang
    label: dict[str, str] = field(default_factory=dict)
    # column -> the SQL type it is declared with in the export, where not the store's
    types: dict[str, str] = field(default_factory=dict)


def _exported(
    table: str,
    references: dict[str, tuple[str, str]] | None = None,
    searchable: tuple[str, ...] = (),
    label: dict[str, str] | None = None,
    types: dict[str, str] | None = None,
) -> TableInfo:
    stored = STORE_TABLES[table]
    return TableInfo(
        stored.title,
        stored.description,
        stored.descriptions,
        references or {},
        searchable,
        label or {},
        types or {},
    )


REGION = ("regions", "id")
SOURCE = ("sources", "id")
TABLES: dict[str, TableInfo] = {
    "sources": _exported(
        "sources", searchable=("title", "publisher"), label={"zh": "title", "en": "title"}
    ),
    "regions": _exported(
        "regions",
        references={"parent": REGION},
        searchable=("name_zh", "name_en", "aliases"),
        label={"zh": "name_zh", "en": "name_en"},
    ),
    "region_tree": _exported("region_tree", references={"ancestor": REGION, "region": REGION}),
    "region_names": _exported("region_names", references={"region": REGION}),
    "indicators": _exported(
        "indicators",
        searchable=("name_zh", "name_en", "definition"),
        label={"zh": "name_zh", "en": "name_en"},
    ),
    "observations": _exported(
        "observations",
        references={"region": REGION, "indicator": ("indicators", "id"), "source": SOURCE},
        searchable=("quote", "as_written", "note"),
        # NOTE: the store leaves value untyped; other readers need a type. NUMERIC keeps an integer
        # an integer (REAL would write 580 as 580.0 and round a 19-digit one) and a decimal with a
        # fraction a decimal; DuckDB reads it as DOUBLE, Datasette and sqlite3 as stored. Only a
        # decimal with a zero fraction (5.0) is stored as the integer it equals.
        types={"value": "NUMERIC"},
    ),
    "designations": _exported(
        "designations",
        references={"scope": REGION, "source": SOURCE},
        searchable=("title_zh", "title_en", "quote"),
        label={"zh": "title_zh", "en": "title_en"},
    ),
    "designation_recipients": _exported(
        "designation_recipients",
        references={"designation": ("designations", "id"), "region": REGION},
    ),
    "practices": _exported(
        "practices",
        references={"region": REGION, "source": SOURCE},
        searchable=("name_zh", "name_en", "description", "quote"),
        label={"zh": "name_zh", "en": "name_en"},
    ),
    "meta": _exported("meta"),
}


def fts_name(table: str) -> str:
    """The full-text index of a table, named as Datasette and sqlite-utils name it."""
    return f"{table}_fts"


def grams_name(table: str) -> str:
    """The index of a table's text as short pieces, for words of one to four characters."""
    return f"{table}_grams"
