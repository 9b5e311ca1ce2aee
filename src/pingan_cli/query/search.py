"""Search: regions, indicators, honours, practices and quotes holding some text (or pinyin)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from .. import records
from ..load.problems import QueryError
from ..store.format import name_key
from .fetch import column_names, contains, fetch

SNIPPET_SIDE = 8


def snippet(text: str, start: int, length: int) -> str:
    """The matched text with a little of what surrounds it, '…' where text is cut."""
    begin = max(0, start - SNIPPET_SIDE)
    end = min(len(text), start + length + SNIPPET_SIDE)
    return f"{'…' if begin else ''}{text[begin:end]}{'…' if end < len(text) else ''}"


def _match(needle: str, fields: Sequence[tuple[str, str | None]]) -> tuple[str, str] | None:
    """The first field holding needle (any case), and a snippet around it."""
    folded = needle.casefold()
    for field, value in fields:
        if not value:
            continue
        at = value.casefold().find(folded)
        if at >= 0:
            return field, snippet(value, at, len(needle))
    return None


# What each kind of entry is searched in, in order: the first field that holds the text is named.
_SEARCH_SOURCES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("region", "regions", "{name}", ("id", "name_zh", "name_en", "aliases")),
    ("indicator", "indicators", "{name}", ("id", "name_zh", "name_en", "definition")),
    ("designation", "designations", "{title}", ("id", "title_zh", "title_en", "quote", "note")),
    ("practice", "practices", "{name}", ("id", "name_zh", "name_en", "description", "quote")),
)


# Words the data writes in Chinese and, in its English text and ids, in pinyin: a search for one
# is a search for all (枫桥 finds the practices whose English description says 'Fengqiao-style').
# Region names need no entry: a region's Chinese names, id and English name are one group.
TERMS: tuple[tuple[str, ...], ...] = (
    ("枫桥", "fengqiao"),
    ("平安", "pingan", "ping'an"),
    ("聚心源", "juxinyuan"),
)


def variants(db: sqlite3.Connection, needle: str) -> list[str]:
    """The needle, then what else names the same: a term's other script, a region's other names
    (富平: 富平县, fuping, Fuping County)."""
    key = name_key(needle)
    found = [needle]
    for group in TERMS:
        if key in group:
            found += [term for term in group if term != key]
    rows = db.execute(
        "SELECT r.id, r.name_zh, r.name_en, r.aliases FROM region_names n "
        "JOIN regions r ON r.id = n.region WHERE n.name = ? ORDER BY r.position",
        (key,),
    ).fetchall()
    for region, name_zh, name_en, aliases in rows:
        found += [region, name_zh, *json.loads(aliases)]
        english = name_en.split(",")[0].removesuffix(" County").removesuffix(" District")
        found.append(english.removesuffix(" City"))
    unique: dict[str, str] = {}
    for item in found:
        unique.setdefault(name_key(item), item)
    return list(unique.values())


def search(db: sqlite3.Connection, text: str, lang: str = "zh") -> list[records.SearchHit]:
    """Regions, indicators, designations, practices and figures whose text holds text, or
    another name of it (variants): 枫桥 and fengqiao find the same.

    Each field is searched as the text it is (an alias, not the JSON list aliases are stored
    in), and each hit names the field that matched with a snippet around the match.
    """
    needle = text.strip()
    if not needle:
        raise QueryError("search needs some text")
    results: list[records.SearchHit] = []
    seen: set[tuple[str, str]] = set()
    for variant in variants(db, needle):
        for hit in _search(db, variant, lang):
            if (hit.kind, hit.id) not in seen:
                seen.add((hit.kind, hit.id))
                results.append(hit)
    return results


def _search(db: sqlite3.Connection, needle: str, lang: str) -> list[records.SearchHit]:
    like = contains(needle)
    name, title = column_names(lang)
    results: list[records.SearchHit] = []
    for kind, table, shown, fields in _SEARCH_SOURCES:
        tests = [
            "EXISTS (SELECT 1 FROM json_each(aliases) WHERE value LIKE ? ESCAPE '\\')"
            if field == "aliases"
            else f"{field} LIKE ? ESCAPE '\\'"
            for field in fields
        ]
        sql = (
            f"SELECT {', '.join(fields)}, {shown.format(name=name, title=title)} AS shown "
            f"FROM {table} WHERE {' OR '.join(tests)} ORDER BY position"
        )
        for row in fetch(db, sql, [like] * len(fields)):
            values: list[tuple[str, str | None]] = []
            for field in fields:
                if field == "aliases":
                    values += [("aliases", alias) for alias in json.loads(row["aliases"])]
                else:
                    values.append((field, row[field]))
            matched = _match(needle, values)
            if matched is not None:  # LIKE folds ASCII only; _match decides
                results.append(records.SearchHit(kind, row["id"], row["shown"], *matched))
    sql = (
        "SELECT region || '/' || indicator || '/' || period AS id, quote, note FROM observations "
        "WHERE quote LIKE ? ESCAPE '\\' OR note LIKE ? ESCAPE '\\' ORDER BY id"
    )
    for row in fetch(db, sql, (like, like)):
        matched = _match(needle, [("quote", row["quote"]), ("note", row["note"])])
        if matched is not None:
            results.append(records.SearchHit("quote", row["id"], row["quote"] or "", *matched))
    if not results:
        # Pinyin without tones: match ids and English names ignoring spaces and case.
        folded = name_key(needle)
        for hit_id, hit_name in db.execute(
            f"SELECT id, {name} AS name FROM regions ORDER BY position"
        ):
            if folded in name_key(hit_id.replace("-", "")):
                results.append(records.SearchHit("region", hit_id, hit_name, "id", hit_id))
    return results
