"""Questions asked of the compiled store: parameterised SQL in, frozen records out.

Every function takes an open store and returns records (records.py); none prints or formats text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .records import (
    FIGURE_FIELDS,
    Cell,
    Comparison,
    ComparisonRow,
    Counts,
    Designation,
    DesignationStatus,
    Figure,
    Indicator,
    Named,
    Practice,
    Record,
    Region,
    RegionProfile,
    SearchHit,
    Source,
)
from .store import name_key
from .suggest import did_you_mean

R = TypeVar("R", bound=Record)


class QueryError(ValueError):
    """A question that cannot be asked: an unknown name, a bad filter."""


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


def records(db: sqlite3.Connection, sql: str, params: Sequence[Any], kind: type[R]) -> list[R]:
    """Run a query whose columns are named as the record's fields; one record a row."""
    return fetch(db, sql, params, kind.from_row)  # type: ignore[return-value]


# The SQL each field of a Figure comes from ({name}: name_zh or name_en).
FIGURE_COLUMNS: dict[str, str] = {
    "region": "o.region",
    "region_name": "r.{name}",
    "indicator": "o.indicator",
    "indicator_name": "i.{name}",
    "category": "i.category",
    "kind": "i.kind",
    "period": "o.period",
    "value": "o.value",
    "unit": "o.unit",
    "qualifier": "o.qualifier",
    "display": "o.display",
    "source": "o.source",
    "quote": "o.quote",
    "note": "o.note",
}
assert tuple(FIGURE_COLUMNS) == FIGURE_FIELDS, "FIGURE_COLUMNS must follow records.Figure"

FIGURE_SELECT = (
    "SELECT "
    + ", ".join(f"{sql} AS {name}" for name, sql in FIGURE_COLUMNS.items())
    + " FROM observations o JOIN regions r ON r.id = o.region"
    " JOIN indicators i ON i.id = o.indicator"
)


def _filter_fields() -> dict[str, str]:
    """Fields users filter and sort figures on (--where, --sort), and the SQL of each."""
    out: dict[str, str] = {}
    for name, sql in FIGURE_COLUMNS.items():
        if name == "note":
            continue
        out[name] = "COALESCE(o.quote, '')" if name == "quote" else sql
        if name == "period":
            out["year"] = "o.year"
    return out


FILTER_FIELDS = _filter_fields()
NUMERIC_FIELDS = {"year", "value"}
# `--year Y` takes the figures of calendar year Y: a period that lies within Y (2023,
# 2024-01-01..2024-12-23) or runs on from Y to the report ("since 2023", 2022-04..). A period
# spanning years (2022-01..2023-06, 2018..2020, "to 2022", "recent years to 2024") is no one
# year's figure: it is listed without --year, never under each year it touches.
IN_ONE_YEAR = "(o.year_end IS NULL OR o.year_end = o.year)"
OPERATORS = {">=": ">=", "<=": "<=", "!=": "!=", "=": "=", "<": "<", ">": ">", "~": "LIKE"}
_WHERE = re.compile(r"^\s*([a-z_]+)\s*(>=|<=|!=|=|<|>|~)\s*(.*?)\s*$")


@dataclass(frozen=True)
class Condition:
    """One --where comparison: field, operator, value."""

    field: str
    operator: str
    value: str | float | int


def parse_condition(text: str) -> Condition:
    """Parse 'value>=1000', 'unit=户' or 'quote~纠纷' into a Condition."""
    match = _WHERE.match(text)
    if not match:
        raise QueryError(
            f"cannot read the condition {text!r}: write FIELD OP VALUE, such as value>=1000, "
            "with OP one of = != < <= > >= ~ (contains)"
        )
    name, operator, raw = match.groups()
    if name not in FILTER_FIELDS:
        raise QueryError(
            f"unknown field {name!r} in {text!r}{did_you_mean(name, FILTER_FIELDS)}; "
            f"fields are: {', '.join(FILTER_FIELDS)}"
        )
    value: str | float | int = raw.strip("'\"")
    if name in NUMERIC_FIELDS and operator != "~":
        try:
            number = float(value)
        except ValueError:
            raise QueryError(f"{name} compares with a number, not {raw!r}") from None
        value = int(number) if number.is_integer() else number
    return Condition(name, operator, value)


@dataclass(frozen=True)
class FigureFilter:
    """What figures are narrowed by. Region filters include the region's sub-units."""

    regions: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    qualifiers: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    sort: str | None = None
    descending: bool = False
    limit: int | None = None


def _names(lang: str) -> tuple[str, str]:
    return ("name_en", "title_en") if lang == "en" else ("name_zh", "title_zh")


def contains(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching text anywhere, its % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def find_region(db: sqlite3.Connection, name: str) -> str:
    """The id of the region called name (id, Chinese or English name, alias; any case).

    An exact id wins over another region's name or alias that happens to read the same.
    """
    exact = db.execute("SELECT id FROM regions WHERE id = ?", (name.strip().lower(),)).fetchone()
    if exact is not None:
        return str(exact[0])
    rows = db.execute(
        "SELECT DISTINCT n.region FROM region_names n JOIN regions r ON r.id = n.region "
        "WHERE n.name = ? ORDER BY r.position",
        (name_key(name),),
    ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if len(rows) > 1:
        raise QueryError(
            f"{name!r} names several regions: {', '.join(r[0] for r in rows)}; use an id"
        )
    known = dict(db.execute("SELECT name, region FROM region_names").fetchall())
    hint = did_you_mean(name_key(name), known, limit=5, offered=known)
    raise QueryError(f"no region called {name!r}{hint} (see `pingan regions`)")


def find_indicator(db: sqlite3.Connection, name: str) -> str:
    """The id of the indicator called name (id, Chinese or English name; any case)."""
    rows = db.execute(
        "SELECT id FROM indicators WHERE id = ? OR name_zh = ? OR lower(name_en) = lower(?)",
        (name.strip().lower(), name.strip(), name.strip()),
    ).fetchall()
    if rows:
        return str(rows[0][0])
    known = [r[0] for r in db.execute("SELECT id FROM indicators")]
    raise QueryError(
        f"no indicator called {name!r}{did_you_mean(name.lower(), known)} (see `pingan indicators`)"
    )


def check_category(db: sqlite3.Connection, name: str) -> str:
    """The category name, if any indicator has it."""
    known = [r[0] for r in db.execute("SELECT DISTINCT category FROM indicators")]
    if name in known:
        return name
    raise QueryError(
        f"no category {name!r}{did_you_mean(name, known)}; categories: {', '.join(sorted(known))}"
    )


def figures(db: sqlite3.Connection, query: FigureFilter, lang: str = "zh") -> list[Figure]:
    """Figures matching every filter, in dataset order unless sorted."""
    name, _ = _names(lang)
    where: list[str] = []
    params: list[Any] = []
    if query.regions:
        ids = [find_region(db, r) for r in query.regions]
        where.append(
            f"o.region IN (SELECT region FROM region_tree WHERE ancestor IN ({_marks(ids)}))"
        )
        params.extend(ids)
    for values, column, resolve in (
        (query.indicators, "o.indicator", find_indicator),
        (query.categories, "i.category", check_category),
    ):
        if values:
            resolved = [resolve(db, v) for v in values]
            where.append(f"{column} IN ({_marks(resolved)})")
            params.extend(resolved)
    if query.years:
        where.append(f"o.year IN ({_marks(query.years)}) AND {IN_ONE_YEAR}")
        params.extend(query.years)
    if query.qualifiers:
        where.append(f"o.qualifier IN ({_marks(query.qualifiers)})")
        params.extend(query.qualifiers)
    for condition in query.conditions:
        column = FILTER_FIELDS[condition.field].format(name=name)
        if condition.operator == "~":
            where.append(f"{column} LIKE ? ESCAPE '\\'")
            params.append(contains(str(condition.value)))
        else:
            where.append(f"{column} {OPERATORS[condition.operator]} ?")
            params.append(condition.value)
    sql = FIGURE_SELECT.format(name=name)
    if where:
        sql += " WHERE " + " AND ".join(where)
    if query.sort:
        if query.sort not in FILTER_FIELDS:
            raise QueryError(
                f"cannot sort by {query.sort!r}{did_you_mean(query.sort, FILTER_FIELDS)}; "
                f"fields are: {', '.join(FILTER_FIELDS)}"
            )
        column = FILTER_FIELDS[query.sort].format(name=name)
        sql += f" ORDER BY {column} {'DESC' if query.descending else 'ASC'}, o.id"
    else:
        sql += f" ORDER BY o.id {'DESC' if query.descending else 'ASC'}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    return records(db, sql, params, Figure)


def _region(row: dict[str, Any]) -> Region:
    return Region(**{**row, "aliases": tuple(json.loads(row["aliases"]))})


def _region_select(lang: str) -> str:
    name, _ = _names(lang)
    return (
        f"SELECT id, {name} AS name, name_zh, name_en, aliases, level, parent, code, note "
        "FROM regions"
    )


def regions(
    db: sqlite3.Connection, lang: str = "zh", level: str | None = None, within: str | None = None
) -> list[Region]:
    """The region catalogue, optionally one level or one region's subtree."""
    sql = _region_select(lang)
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
    return fetch(db, sql, params, _region)  # type: ignore[return-value]


def region_ids(db: sqlite3.Connection) -> list[str]:
    """Every region's id, in dataset order."""
    return [r[0] for r in db.execute("SELECT id FROM regions ORDER BY position")]


def indicator_ids(db: sqlite3.Connection) -> list[str]:
    """Every indicator's id, in dataset order."""
    return [r[0] for r in db.execute("SELECT id FROM indicators ORDER BY position")]


def indicators(
    db: sqlite3.Connection, lang: str = "zh", category: str | None = None
) -> list[Indicator]:
    """The indicator catalogue, with how many figures each has."""
    name, _ = _names(lang)
    sql = (
        f"SELECT id, {name} AS name, name_zh, name_en, unit, category, kind, definition, figures "
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
    return fetch(  # type: ignore[return-value]
        db,
        sql,
        params,
        lambda row: Indicator(**row, related=tuple(dict.fromkeys(related.get(row["id"], [])))),
    )


def _source(row: dict[str, Any]) -> Source:
    return Source(
        **{
            **row,
            "authors": tuple(json.loads(row["authors"])),
            "contributors": tuple(json.loads(row["contributors"])),
        }
    )


def sources(db: sqlite3.Connection) -> list[Source]:
    """The documents figures come from, with how many figures each gave."""
    return fetch(  # type: ignore[return-value]
        db,
        "SELECT id, title, publisher, url, published, standing, original_publisher, "
        "original_published, authors, contributors, note, figures FROM sources ORDER BY id",
        (),
        _source,
    )


@dataclass(frozen=True)
class _Honour:
    """A designation with what is needed to say yes, no or unknown for any region."""

    record: Designation
    in_scope: frozenset[str] | None
    recipient_levels: frozenset[str]

    def status(self, region: str) -> bool | None:
        """True if designated, False only where a complete list leaves the region out."""
        if region in self.record.recipients:
            return True
        if self.record.complete and (self.in_scope is None or region in self.in_scope):
            return False
        return None

    def applies(self, region: str, level: str) -> bool:
        """Whether the region is named, or is the kind of unit the designation goes to."""
        return region in self.record.recipients or level in self.recipient_levels


def _honours(
    db: sqlite3.Connection, lang: str, year: int | None = None, names: bool = False
) -> list[_Honour]:
    name, title = _names(lang)
    sql = (
        f"SELECT id, {title} AS title, title_zh, title_en, year, conferred_on, conferred_by, "
        "level, scope, total, complete, recipient_level, note, practices, source, quote "
        "FROM designations"
    )
    params: list[Any] = []
    if year is not None:
        sql += " WHERE year = ?"
        params.append(year)
    sql += " ORDER BY position"
    out = []
    for row in fetch(db, sql, params):
        recipients = db.execute(
            f"SELECT d.region, r.{name}, r.level FROM designation_recipients d "
            "JOIN regions r ON r.id = d.region WHERE d.designation = ? ORDER BY d.position",
            (row["id"],),
        ).fetchall()
        in_scope = None
        if row["scope"] is not None:
            in_scope = frozenset(
                r[0]
                for r in db.execute(
                    "SELECT region FROM region_tree WHERE ancestor = ?", (row["scope"],)
                )
            )
        record = Designation(
            **{
                **row,
                "complete": bool(row["complete"]),
                "practices": tuple(json.loads(row["practices"])),
                "recipients": tuple(r[0] for r in recipients),
                "recipient_names": tuple(r[1] for r in recipients) if names else (),
            }
        )
        levels = {r[2] for r in recipients}
        if row["recipient_level"]:
            levels.add(row["recipient_level"])
        out.append(_Honour(record, in_scope, frozenset(levels)))
    return out


def designations(
    db: sqlite3.Connection, lang: str = "zh", year: int | None = None
) -> list[Designation]:
    """The designations, optionally of one year, with their recipients (ids and names)."""
    return [h.record for h in _honours(db, lang, year, names=True)]


def practices(
    db: sqlite3.Connection, region_ids: Sequence[str], lang: str = "zh"
) -> list[Practice]:
    """The practices and reforms of the given regions."""
    name, _ = _names(lang)
    return records(
        db,
        f"SELECT p.id, p.{name} AS name, p.name_zh, p.name_en, p.kind, p.region, "
        f"r.{name} AS region_name, p.since, p.description, p.source, p.quote "
        f"FROM practices p JOIN regions r ON r.id = p.region WHERE p.region IN "
        f"({_marks(region_ids)}) ORDER BY r.position, p.position",
        list(region_ids),
        Practice,
    )


def profile(db: sqlite3.Connection, name: str, lang: str = "zh") -> RegionProfile:
    """Everything known about one region: names, place in the tree, honours, figures, practices."""
    region_id = find_region(db, name)
    select = _region_select(lang)
    region: Region = fetch(db, f"{select} WHERE id = ?", (region_id,), _region)[0]  # type: ignore[assignment]
    name_col, _ = _names(lang)
    parent_name = None
    if region.parent:
        parent_name = db.execute(
            f"SELECT {name_col} FROM regions WHERE id = ?", (region.parent,)
        ).fetchone()[0]
    children = records(
        db,
        f"SELECT id, {name_col} AS name FROM regions WHERE parent = ? ORDER BY position",
        (region_id,),
        Named,
    )
    subtree = [
        r[0]
        for r in db.execute(
            "SELECT t.region FROM region_tree t JOIN regions r ON r.id = t.region "
            "WHERE t.ancestor = ? ORDER BY t.distance, r.position",
            (region_id,),
        )
    ]
    found = figures(db, FigureFilter(regions=(region_id,)), lang)
    statuses = [
        DesignationStatus(
            h.record.id,
            h.record.title,
            h.record.year,
            h.status(region_id),
            h.record.complete,
            h.record.source,
        )
        for h in _honours(db, lang)
        if h.applies(region_id, region.level)
    ]
    done = practices(db, subtree, lang)
    cited = {f.source for f in found} | {p.source for p in done} | {d.source for d in statuses}
    return RegionProfile(
        region=region,
        parent_name=parent_name,
        children=tuple(children),
        figures=tuple(found),
        designations=tuple(statuses),
        practices=tuple(done),
        sources=tuple(s for s in sources(db) if s.id in cited),
    )


def compare(
    db: sqlite3.Connection,
    year: int | None,
    names: Sequence[str] = (),
    indicator_names: Sequence[str] = (),
    categories: Sequence[str] = (),
    lang: str = "zh",
) -> Comparison:
    """Regions side by side: designation status and each figure, or None where not reported."""
    name_col, _ = _names(lang)
    if names:
        region_ids = list(dict.fromkeys(find_region(db, n) for n in names))
    else:
        # Each city first, then its county-level divisions, in dataset order.
        region_ids = [
            r[0]
            for r in db.execute(
                """
                SELECT r.id FROM regions r
                LEFT JOIN regions p ON p.id = r.parent
                WHERE r.level IN ('city', 'county')
                ORDER BY CASE WHEN r.level = 'city' THEN r.position ELSE p.position END,
                         r.level != 'city', r.position
                """
            )
        ]
    chosen = [find_indicator(db, i) for i in indicator_names]
    chosen_categories = [check_category(db, c) for c in categories]
    params: list[Any] = list(region_ids)
    sql = (
        "SELECT o.region, o.indicator, o.period, o.value, o.unit, o.qualifier, o.display, "
        "o.source FROM observations o JOIN indicators i ON i.id = o.indicator "
        f"WHERE o.region IN ({_marks(region_ids)})"
    )
    if year is not None:
        sql += f" AND o.year = ? AND {IN_ONE_YEAR}"
        params.append(year)
    if chosen:
        sql += f" AND o.indicator IN ({_marks(chosen)})"
        params.extend(chosen)
    if chosen_categories:
        sql += f" AND i.category IN ({_marks(chosen_categories)})"
        params.extend(chosen_categories)
    # Within an indicator, earlier periods first (a period with no stated start, "to 2022", last).
    sql += " ORDER BY i.position, o.year IS NULL, o.year, o.year_end IS NULL, o.year_end, o.id"
    cells: dict[tuple[str, str], list[Cell]] = {}
    reporters: dict[str, set[str]] = {}
    for region, indicator, period, value, unit, qualifier, shown, source in db.execute(sql, params):
        column = indicator if year is not None else f"{indicator}@{period}"
        cells.setdefault((region, column), []).append(
            Cell(value, unit, qualifier, period, shown, source)
        )
        reporters.setdefault(column, set()).add(region)
    minimum = 1 if (names or chosen or chosen_categories) else 2
    columns = [c for c, who in reporters.items() if len(who) >= minimum]
    headings = dict(db.execute(f"SELECT id, {name_col} FROM indicators").fetchall())
    # Asked for figures (an indicator or a category): honours are not what was asked.
    honours = [] if chosen or chosen_categories else _honours(db, lang, year)
    # NOTE: one query for every region's name and level: one per region costs 0.1 s at 3,000.
    known = {r[0]: r for r in db.execute(f"SELECT id, {name_col}, level FROM regions")}
    rows = []
    for region_id in region_ids:
        _, region_name, level = known[region_id]
        statuses = {
            h.record.title: h.status(region_id) for h in honours if h.applies(region_id, level)
        }
        shown_cells: dict[str, Cell | None] = {}
        for column in columns:
            found = cells.get((region_id, column))
            if not found:
                shown_cells[column] = None
            elif len(found) > 1:
                first = found[0]
                shown_cells[column] = Cell(
                    first.value,
                    first.unit,
                    first.qualifier,
                    first.period,
                    first.display,
                    first.source,
                    tuple(found[1:]),
                )
            else:
                shown_cells[column] = found[0]
        rows.append(ComparisonRow(region_id, region_name, statuses, shown_cells))
    relevant = tuple(
        h.record.title for h in honours if any(h.record.title in row.designations for row in rows)
    )
    return Comparison(
        year=year,
        designations=relevant,
        indicators=tuple(Named(c, _column_name(c, headings)) for c in columns),
        rows=tuple(rows),
    )


def _column_name(column: str, names: dict[str, str]) -> str:
    indicator, _, period = column.partition("@")
    return f"{names[indicator]} ({period})" if period else names[indicator]


def search(db: sqlite3.Connection, text: str, lang: str = "zh") -> list[SearchHit]:
    """Regions, indicators, designations, practices and quotes containing text (any language)."""
    needle = text.strip()
    if not needle:
        raise QueryError("search needs some text")
    like = contains(needle)
    name, title = _names(lang)
    queries = (
        (
            "region",
            f"SELECT id, {name} AS name, name_zh || ' ' || name_en || ' ' || aliases || ' ' || "
            "id AS hay FROM regions ORDER BY position",
        ),
        (
            "indicator",
            f"SELECT id, {name} AS name, name_zh || ' ' || name_en || ' ' || id || ' ' || "
            "definition AS hay FROM indicators ORDER BY position",
        ),
        (
            "designation",
            f"SELECT id, {title} AS name, title_zh || ' ' || title_en || ' ' || quote AS hay "
            "FROM designations ORDER BY position",
        ),
        (
            "practice",
            f"SELECT id, {name} AS name, name_zh || ' ' || name_en || ' ' || description || "
            "' ' || quote AS hay FROM practices ORDER BY position",
        ),
        (
            "quote",
            "SELECT region || '/' || indicator || '/' || period AS id, quote AS name, "
            "quote AS hay FROM observations WHERE quote IS NOT NULL ORDER BY id",
        ),
    )
    results: list[SearchHit] = []
    for kind, sql in queries:
        for hit_id, hit_name in db.execute(
            f"SELECT id, name FROM ({sql}) WHERE hay LIKE ? ESCAPE '\\'", (like,)
        ):
            results.append(SearchHit(kind, hit_id, hit_name))
    if not results:
        # Pinyin without tones: match ids and English names ignoring spaces and case.
        folded = name_key(needle)
        for hit_id, hit_name in db.execute(
            f"SELECT id, {name} AS name FROM regions ORDER BY position"
        ):
            if folded in name_key(hit_id.replace("-", "")):
                results.append(SearchHit("region", hit_id, hit_name))
    return results


def counts(db: sqlite3.Connection) -> Counts:
    """How many entries of each kind the store holds."""
    return Counts(
        **{
            table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in Counts.field_names()
        }
    )
