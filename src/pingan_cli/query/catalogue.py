"""The catalogues: regions, indicators, sources, honours, practices, conflicts, counts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from .. import records
from ..load.problems import QueryError
from ..suggest import did_you_mean
from .fetch import column_names, fetch, fetch_records, marks
from .honours import honour_scopes
from .lookup import check_category, find_region, loose_key


def region_record(row: dict[str, Any]) -> records.Region:
    return records.Region(**{**row, "aliases": tuple(json.loads(row["aliases"]))})


def region_select(lang: str) -> str:
    name, _ = column_names(lang)
    return (
        f"SELECT id, {name} AS name, name_zh, name_en, aliases, level, parent, code, note "
        "FROM regions"
    )


def regions(
    db: sqlite3.Connection, lang: str = "zh", level: str | None = None, within: str | None = None
) -> list[records.Region]:
    """The region catalogue, optionally one level or one region's subtree."""
    sql = region_select(lang)
    params: list[Any] = []
    where = []
    if level:
        where.append("level = ?")
        params.append(level)
    if within:
        where.append("id IN (SELECT region FROM region_tree WHERE ancestor = ?)")
        params.append(find_region(db, within))
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY position"
    return fetch(db, sql, params, region_record)  # type: ignore[return-value]


def region_ids(db: sqlite3.Connection) -> list[str]:
    """Every region's id, in dataset order."""
    return [r[0] for r in db.execute("SELECT id FROM regions ORDER BY position")]


def indicator_ids(db: sqlite3.Connection) -> list[str]:
    """Every indicator's id, in dataset order."""
    return [r[0] for r in db.execute("SELECT id FROM indicators ORDER BY position")]


def indicators(
    db: sqlite3.Connection, lang: str = "zh", category: str | None = None
) -> list[records.Indicator]:
    """The indicator catalogue, with how many figures each has."""
    name, _ = column_names(lang)
    sql = (
        f"SELECT id, {name} AS name, name_zh, name_en, unit, category, kind, measure, definition, "
        "figures, note "
        "FROM indicators"
    )
    params: list[Any] = []
    if category:
        sql += " WHERE category = ?"
        params.append(check_category(db, category))
    sql += " ORDER BY position"
    # Related both ways: an indicator lists its near neighbours, and is listed by them.
    related: dict[str, list[str]] = {}
    for indicator, others in db.execute("SELECT id, related FROM indicators ORDER BY position"):
        for other in json.loads(others):
            related.setdefault(indicator, []).append(other)
            related.setdefault(other, []).append(indicator)
    names = dict(db.execute(f"SELECT id, {name} FROM indicators").fetchall())

    def make(row: dict[str, Any]) -> records.Indicator:
        near = tuple(dict.fromkeys(related.get(row["id"], [])))
        return records.Indicator(**row, related=near, related_names=tuple(names[i] for i in near))

    return fetch(db, sql, params, make)  # type: ignore[return-value]


def _source(row: dict[str, Any]) -> records.Source:
    return records.Source(
        **{
            **row,
            "authors": tuple(json.loads(row["authors"])),
            "contributors": tuple(json.loads(row["contributors"])),
        }
    )


def sources(db: sqlite3.Connection) -> list[records.Source]:
    """The documents figures come from, with how many figures each gave."""
    return fetch(  # type: ignore[return-value]
        db,
        "SELECT id, title, publisher, url, published, standing, original_publisher, "
        "original_published, dated, dated_from, authors, contributors, note, figures "
        "FROM sources ORDER BY id",
        (),
        _source,
    )


def designations(
    db: sqlite3.Connection, lang: str = "zh", year: int | None = None
) -> list[records.Designation]:
    """The designations, optionally of one year, with their recipients (ids and names)."""
    return [h.record for h in honour_scopes(db, lang, year, names=True)]


def practices(
    db: sqlite3.Connection, region_ids: Sequence[str], lang: str = "zh"
) -> list[records.Practice]:
    """The practices and reforms of the given regions."""
    name, _ = column_names(lang)
    return fetch_records(
        db,
        f"SELECT p.id, p.{name} AS name, p.name_zh, p.name_en, p.kind, p.region, "
        f"r.{name} AS region_name, p.since, p.description, p.source, p.quote "
        f"FROM practices p JOIN regions r ON r.id = p.region WHERE p.region IN "
        f"({marks(region_ids)}) ORDER BY r.position, p.position",
        list(region_ids),
        records.Practice,
    )


def conflicts(db: sqlite3.Connection, lang: str = "zh") -> list[records.Conflict]:
    """Every pair of sources giving different figures for one region, indicator and period."""
    name, _ = column_names(lang)
    return fetch_records(
        db,
        f"SELECT a.region, r.{name} AS region_name, a.indicator, i.{name} AS indicator_name, "
        "a.period, a.unit, a.value, a.qualifier, a.display, a.source, a.quote, "
        "b.value AS other_value, b.qualifier AS other_qualifier, b.display AS other_display, "
        "b.source AS other_source, b.quote AS other_quote "
        "FROM conflicts c JOIN observations a ON a.id = c.observation "
        "JOIN observations b ON b.id = c.other JOIN regions r ON r.id = a.region "
        "JOIN indicators i ON i.id = a.indicator WHERE a.id < b.id "
        "ORDER BY r.position, i.position, a.id, b.id",
        (),
        records.Conflict,
    )


def counts(db: sqlite3.Connection) -> records.Counts:
    """How many entries of each kind the store holds."""
    return records.Counts(
        **{
            table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in records.Counts._fields
        }
    )


def all_practices(
    db: sqlite3.Connection, lang: str = "zh", region: str | None = None
) -> list[records.Practice]:
    """The practices catalogue: every practice, or a region's and its sub-units'."""
    if region is None:
        ids = region_ids(db)
    else:
        ids = [
            r[0]
            for r in db.execute(
                "SELECT region FROM region_tree WHERE ancestor = ?", (find_region(db, region),)
            )
        ]
    return practices(db, ids, lang)


def entry(db: sqlite3.Connection, entry_id: str, lang: str = "zh") -> records.Entry:
    """One practice, designation or indicator by id, in full (description, quote, source)."""
    wanted = entry_id.strip()
    for practice in all_practices(db, lang):
        if practice.id == wanted:
            return records.Entry("practice", practice.id, practice.name, practice.as_dict())
    for designation in designations(db, lang):
        if designation.id == wanted:
            return records.Entry(
                "designation", designation.id, designation.title, designation.as_dict()
            )
    for indicator in indicators(db, lang):
        if indicator.id == wanted:
            return records.Entry("indicator", indicator.id, indicator.name, indicator.as_dict())
    known = [
        r[0]
        for r in db.execute(
            "SELECT id FROM practices UNION ALL SELECT id FROM designations "
            "UNION ALL SELECT id FROM indicators"
        )
    ]
    held = [k for k in known if loose_key(wanted) and loose_key(wanted) in loose_key(k)]
    hint = f"; did you mean {' or '.join(held[:5])}?" if held else did_you_mean(wanted, known)
    raise QueryError(
        f"no practice, designation or indicator {entry_id!r}{hint} "
        "(see `pingan practices`, `designations`, `indicators`)"
    )
