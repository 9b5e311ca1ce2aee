"""Questions asked of the store: parameterised SQL in, plain rows (dicts) out.

Every function takes an open store and returns JSON-ready values; none prints or formats text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .store import fold

Row = dict[str, Any]


class QueryError(ValueError):
    """A question that cannot be asked: an unknown name, a bad filter."""


# Fields users may filter and sort observations on, and the SQL each stands for.
OBSERVATION_FIELDS: dict[str, str] = {
    "region": "o.region",
    "region_name": "r.name_zh",
    "indicator": "o.indicator",
    "indicator_name": "i.name_zh",
    "category": "i.category",
    "kind": "i.kind",
    "period": "o.period",
    "year": "o.year",
    "value": "o.value",
    "unit": "o.unit",
    "qualifier": "o.qualifier",
    "display": "COALESCE(o.as_written, '')",
    "source": "o.source",
    "quote": "COALESCE(o.quote, '')",
}
NUMERIC_FIELDS = {"year", "value"}
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
    if name not in OBSERVATION_FIELDS:
        raise QueryError(
            f"unknown field {name!r} in {text!r}{_suggest(name, OBSERVATION_FIELDS)}; "
            f"fields are: {', '.join(OBSERVATION_FIELDS)}"
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
class ObservationFilter:
    """What `pingan list` narrows figures by. Region filters include the region's sub-units."""

    regions: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    qualifiers: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    sort: str | None = None
    descending: bool = False
    limit: int | None = None


def _suggest(name: str, choices: Any) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else ""


def _names(lang: str) -> tuple[str, str]:
    return ("name_en", "title_en") if lang == "en" else ("name_zh", "title_zh")


def contains(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching text anywhere, its % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


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
        (fold(name),),
    ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if len(rows) > 1:
        raise QueryError(
            f"{name!r} names several regions: {', '.join(r[0] for r in rows)}; use an id"
        )
    known = [row[0] for row in db.execute("SELECT name FROM region_names")]
    import difflib

    close = difflib.get_close_matches(fold(name), known, n=5, cutoff=0.5)
    ids: list[str] = []
    for candidate in close:
        ids.extend(
            r[0] for r in db.execute("SELECT region FROM region_names WHERE name = ?", (candidate,))
        )
    hint = f"; did you mean {', '.join(dict.fromkeys(ids))}?" if ids else ""
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
        f"no indicator called {name!r}{_suggest(name.lower(), known)} (see `pingan indicators`)"
    )


def check_category(db: sqlite3.Connection, name: str) -> str:
    """The category name, if any indicator has it."""
    known = [r[0] for r in db.execute("SELECT DISTINCT category FROM indicators")]
    if name in known:
        return name
    raise QueryError(
        f"no category {name!r}{_suggest(name, known)}; categories: {', '.join(sorted(known))}"
    )


def display(value: Any, unit: str, qualifier: str, kind: str, as_written: str | None) -> str:
    """The figure as the source wrote it, or as pingan writes it when no original is kept."""
    if as_written:
        return as_written
    number = f"{value:+,}" if kind == "change" else f"{value:,}"
    mark = {"at_least": "≥", "approx": "≈"}.get(qualifier, "")
    return f"{mark}{number}{'' if unit == '%' else ' '}{unit}"


OBSERVATION_SELECT = """
SELECT o.region, r.{name} AS region_name, o.indicator, i.{name} AS indicator_name, i.category,
       i.kind, o.period, o.year, o.value, o.unit, o.qualifier, o.as_written, o.source, o.quote,
       o.note, o.id
FROM observations o
JOIN regions r ON r.id = o.region
JOIN indicators i ON i.id = o.indicator
"""


def _observation(row: sqlite3.Row) -> Row:
    return {
        "region": row["region"],
        "region_name": row["region_name"],
        "indicator": row["indicator"],
        "indicator_name": row["indicator_name"],
        "category": row["category"],
        "kind": row["kind"],
        "period": row["period"],
        "year": row["year"],
        "value": row["value"],
        "unit": row["unit"],
        "qualifier": row["qualifier"],
        "display": display(
            row["value"], row["unit"], row["qualifier"], row["kind"], row["as_written"]
        ),
        "source": row["source"],
        "quote": row["quote"],
        "note": row["note"],
    }


def list_observations(
    db: sqlite3.Connection, query: ObservationFilter, lang: str = "zh"
) -> list[Row]:
    """Figures matching every filter, in dataset order unless sorted."""
    name, _ = _names(lang)
    where: list[str] = []
    params: list[Any] = []
    if query.regions:
        ids = [find_region(db, r) for r in query.regions]
        marks = ", ".join("?" * len(ids))
        where.append(f"o.region IN (SELECT region FROM region_tree WHERE ancestor IN ({marks}))")
        params.extend(ids)
    for values, column, resolve in (
        (query.indicators, "o.indicator", find_indicator),
        (query.categories, "i.category", check_category),
    ):
        if values:
            resolved = [resolve(db, v) for v in values]
            where.append(f"{column} IN ({', '.join('?' * len(resolved))})")
            params.extend(resolved)
    if query.years:
        where.append(f"o.year IN ({', '.join('?' * len(query.years))})")
        params.extend(query.years)
    if query.qualifiers:
        where.append(f"o.qualifier IN ({', '.join('?' * len(query.qualifiers))})")
        params.extend(query.qualifiers)
    for condition in query.conditions:
        column = OBSERVATION_FIELDS[condition.field].replace("name_zh", name)
        if condition.operator == "~":
            where.append(f"{column} LIKE ? ESCAPE '\\'")
            params.append(contains(str(condition.value)))
        else:
            where.append(f"{column} {OPERATORS[condition.operator]} ?")
            params.append(condition.value)
    sql = OBSERVATION_SELECT.format(name=name)
    if where:
        sql += " WHERE " + " AND ".join(where)
    if query.sort:
        if query.sort not in OBSERVATION_FIELDS:
            raise QueryError(
                f"cannot sort by {query.sort!r}{_suggest(query.sort, OBSERVATION_FIELDS)}; "
                f"fields are: {', '.join(OBSERVATION_FIELDS)}"
            )
        column = OBSERVATION_FIELDS[query.sort].replace("name_zh", name)
        sql += f" ORDER BY {column} {'DESC' if query.descending else 'ASC'}, o.id"
    else:
        sql += f" ORDER BY o.id {'DESC' if query.descending else 'ASC'}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    db.row_factory = sqlite3.Row
    return [_observation(row) for row in db.execute(sql, params)]


def _region(row: sqlite3.Row, lang: str) -> Row:
    return {
        "id": row["id"],
        "name": row["name_en"] if lang == "en" else row["name_zh"],
        "name_zh": row["name_zh"],
        "name_en": row["name_en"],
        "aliases": json.loads(row["aliases"]),
        "level": row["level"],
        "parent": row["parent"],
        "code": row["code"],
        "note": row["note"],
    }


def region_row(db: sqlite3.Connection, region_id: str, lang: str = "zh") -> Row:
    """One region's catalogue entry."""
    db.row_factory = sqlite3.Row
    return _region(db.execute("SELECT * FROM regions WHERE id = ?", (region_id,)).fetchone(), lang)


def list_regions(
    db: sqlite3.Connection, lang: str = "zh", level: str | None = None, within: str | None = None
) -> list[Row]:
    """The region catalogue, optionally one level or one region's subtree."""
    sql = "SELECT * FROM regions"
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
    db.row_factory = sqlite3.Row
    return [_region(row, lang) for row in db.execute(sql, params).fetchall()]


def list_indicators(
    db: sqlite3.Connection, lang: str = "zh", category: str | None = None
) -> list[Row]:
    """The indicator catalogue, with how many figures each has."""
    db.row_factory = sqlite3.Row
    sql = "SELECT i.* FROM indicators i"
    params: list[Any] = []
    if category:
        sql += " WHERE i.category = ?"
        params.append(check_category(db, category))
    sql += " ORDER BY i.position"
    return [
        {
            "id": r["id"],
            "name": r["name_en"] if lang == "en" else r["name_zh"],
            "name_zh": r["name_zh"],
            "name_en": r["name_en"],
            "unit": r["unit"],
            "category": r["category"],
            "kind": r["kind"],
            "definition": r["definition"],
            "figures": r["figures"],
        }
        for r in db.execute(sql, params)
    ]


def list_sources(db: sqlite3.Connection) -> list[Row]:
    """The documents figures come from, with how many figures each gave."""
    db.row_factory = sqlite3.Row
    return [
        {
            "id": r["id"],
            "title": r["title"],
            "publisher": r["publisher"],
            "url": r["url"],
            "published": r["published"],
            "authors": json.loads(r["authors"]),
            "contributors": json.loads(r["contributors"]),
            "note": r["note"],
            "figures": r["figures"],
        }
        for r in db.execute("SELECT s.* FROM sources s ORDER BY s.id")
    ]


@dataclass(frozen=True)
class DesignationInfo:
    """A designation with what is needed to say yes, no or unknown for any region."""

    row: Row
    recipients: tuple[str, ...]
    in_scope: frozenset[str] | None
    recipient_levels: frozenset[str]


def _designations(
    db: sqlite3.Connection, lang: str, year: int | None = None
) -> list[DesignationInfo]:
    db.row_factory = sqlite3.Row
    sql = "SELECT * FROM designations"
    params: list[Any] = []
    if year is not None:
        sql += " WHERE year = ?"
        params.append(year)
    sql += " ORDER BY position"
    out = []
    for d in db.execute(sql, params).fetchall():
        recipients = tuple(
            r[0]
            for r in db.execute(
                "SELECT region FROM designation_recipients WHERE designation = ? ORDER BY position",
                (d["id"],),
            )
        )
        in_scope = None
        if d["scope"] is not None:
            in_scope = frozenset(
                r[0]
                for r in db.execute(
                    "SELECT region FROM region_tree WHERE ancestor = ?", (d["scope"],)
                )
            )
        levels = frozenset(
            r[0]
            for r in db.execute(
                "SELECT DISTINCT r.level FROM designation_recipients d JOIN regions r "
                "ON r.id = d.region WHERE d.designation = ?",
                (d["id"],),
            )
        )
        row = {
            "id": d["id"],
            "title": d["title_en"] if lang == "en" else d["title_zh"],
            "title_zh": d["title_zh"],
            "title_en": d["title_en"],
            "year": d["year"],
            "conferred_on": d["conferred_on"],
            "conferred_by": d["conferred_by"],
            "level": d["level"],
            "scope": d["scope"],
            "total": d["total"],
            "complete": bool(d["complete"]),
            "recipients": list(recipients),
            "practices": json.loads(d["practices"]),
            "source": d["source"],
            "quote": d["quote"],
        }
        out.append(DesignationInfo(row, recipients, in_scope, levels))
    return out


def status(info: DesignationInfo, region: str) -> bool | None:
    """True if designated, False only where a complete list leaves the region out, else None."""
    if region in info.recipients:
        return True
    if info.row["complete"] and (info.in_scope is None or region in info.in_scope):
        return False
    return None


def applies(info: DesignationInfo, level: str) -> bool:
    """Whether a region of this level is the kind of unit the designation goes to."""
    return level in info.recipient_levels


def list_designations(
    db: sqlite3.Connection, lang: str = "zh", year: int | None = None
) -> list[Row]:
    """The designations, optionally of one year, with their recipients."""
    infos = _designations(db, lang, year)
    for info in infos:
        info.row["recipient_names"] = [region_row(db, r, lang)["name"] for r in info.recipients]
    return [info.row for info in infos]


def list_practices(
    db: sqlite3.Connection, region_ids: Sequence[str], lang: str = "zh"
) -> list[Row]:
    """The practices and reforms of the given regions."""
    db.row_factory = sqlite3.Row
    marks = ", ".join("?" * len(region_ids))
    name, _ = _names(lang)
    return [
        {
            "id": p["id"],
            "name": p[name],
            "name_zh": p["name_zh"],
            "name_en": p["name_en"],
            "kind": p["kind"],
            "region": p["region"],
            "region_name": p["region_name"],
            "since": p["since"],
            "description": p["description"],
            "source": p["source"],
            "quote": p["quote"],
        }
        for p in db.execute(
            f"SELECT p.*, r.{name} AS region_name FROM practices p "
            f"JOIN regions r ON r.id = p.region WHERE p.region IN ({marks}) "
            "ORDER BY r.position, p.position",
            list(region_ids),
        )
    ]


def profile(db: sqlite3.Connection, name: str, lang: str = "zh") -> Row:
    """Everything known about one region: names, place in the tree, honours, figures, practices."""
    region_id = find_region(db, name)
    region = region_row(db, region_id, lang)
    subtree = [
        r[0]
        for r in db.execute(
            "SELECT t.region FROM region_tree t JOIN regions r ON r.id = t.region "
            "WHERE t.ancestor = ? ORDER BY t.distance, r.position",
            (region_id,),
        )
    ]
    region["parent_name"] = (
        region_row(db, region["parent"], lang)["name"] if region["parent"] else None
    )
    region["children"] = [
        {"id": r[0], "name": region_row(db, r[0], lang)["name"]}
        for r in db.execute(
            "SELECT id FROM regions WHERE parent = ? ORDER BY position", (region_id,)
        )
    ]
    observations = list_observations(db, ObservationFilter(regions=(region_id,)), lang)
    designations = []
    for info in _designations(db, lang):
        if not (region_id in info.recipients or applies(info, region["level"])):
            continue
        designations.append(
            {
                "id": info.row["id"],
                "title": info.row["title"],
                "year": info.row["year"],
                "status": status(info, region_id),
                "complete": info.row["complete"],
                "source": info.row["source"],
            }
        )
    practices = list_practices(db, subtree, lang)
    cited = sorted(
        {o["source"] for o in observations}
        | {p["source"] for p in practices}
        | {d["source"] for d in designations}
    )
    sources = [s for s in list_sources(db) if s["id"] in cited]
    return {
        "region": region,
        "observations": observations,
        "designations": designations,
        "practices": practices,
        "sources": sources,
    }


def compare(
    db: sqlite3.Connection,
    year: int | None,
    names: Sequence[str] = (),
    indicators: Sequence[str] = (),
    categories: Sequence[str] = (),
    lang: str = "zh",
) -> Row:
    """Regions side by side: designation status and each figure, or None where not reported."""
    db.row_factory = sqlite3.Row
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
    chosen = [find_indicator(db, i) for i in indicators]
    chosen_categories = [check_category(db, c) for c in categories]
    params: list[Any] = []
    sql = (
        "SELECT o.region, o.indicator, o.period, o.value, o.unit, o.qualifier, o.as_written, "
        f"o.source, i.kind FROM observations o JOIN indicators i ON i.id = o.indicator "
        f"WHERE o.region IN ({', '.join('?' * len(region_ids))})"
    )
    params.extend(region_ids)
    if year is not None:
        sql += " AND o.year = ?"
        params.append(year)
    if chosen:
        sql += f" AND o.indicator IN ({', '.join('?' * len(chosen))})"
        params.extend(chosen)
    if chosen_categories:
        sql += f" AND i.category IN ({', '.join('?' * len(chosen_categories))})"
        params.extend(chosen_categories)
    sql += " ORDER BY i.position, o.id"
    cells: dict[tuple[str, str], list[Row]] = {}
    reporters: dict[str, set[str]] = {}
    for o in db.execute(sql, params):
        column = o["indicator"] if year is not None else f"{o['indicator']}@{o['period']}"
        cells.setdefault((o["region"], column), []).append(
            {
                "value": o["value"],
                "unit": o["unit"],
                "qualifier": o["qualifier"],
                "period": o["period"],
                "display": display(
                    o["value"], o["unit"], o["qualifier"], o["kind"], o["as_written"]
                ),
                "source": o["source"],
            }
        )
        reporters.setdefault(column, set()).add(o["region"])
    minimum = 1 if (names or chosen or chosen_categories) else 2
    columns = [c for c, who in reporters.items() if len(who) >= minimum]
    indicator_names = {
        r["id"]: r[name_col] for r in db.execute(f"SELECT id, {name_col} FROM indicators")
    }
    # Asked for figures (an indicator or a category): honours are not what was asked.
    designations = [] if chosen or chosen_categories else _designations(db, lang, year)
    # NOTE: one query for every region's name and level: one per region costs 0.1 s at 3,000.
    regions = {r["id"]: r for r in db.execute(f"SELECT id, {name_col} AS name, level FROM regions")}
    rows = []
    for region_id in region_ids:
        region = regions[region_id]
        statuses = {
            info.row["title"]: status(info, region_id)
            for info in designations
            if region_id in info.recipients or applies(info, region["level"])
        }
        figures: dict[str, Row | None] = {}
        for column in columns:
            found = cells.get((region_id, column))
            if not found:
                figures[column] = None
            else:
                first = dict(found[0])
                if len(found) > 1:
                    first["alternatives"] = found[1:]
                figures[column] = first
        rows.append(
            {
                "region": region_id,
                "name": region["name"],
                "designations": statuses,
                "indicators": figures,
            }
        )
    relevant = [
        info.row["title"]
        for info in designations
        if any(info.row["title"] in row["designations"] for row in rows)
    ]
    return {
        "year": year,
        "designations": relevant,
        "indicators": [{"id": c, "name": _column_name(c, indicator_names)} for c in columns],
        "regions": rows,
    }


def _column_name(column: str, names: dict[str, str]) -> str:
    indicator, _, period = column.partition("@")
    return f"{names[indicator]} ({period})" if period else names[indicator]


def search(db: sqlite3.Connection, text: str, lang: str = "zh") -> list[Row]:
    """Regions, indicators, designations, practices and quotes containing text (any language)."""
    db.row_factory = sqlite3.Row
    needle = text.strip()
    if not needle:
        raise QueryError("search needs some text")
    like = contains(needle)
    name, title = _names(lang)
    regions_sql = (
        f"SELECT id, {name} AS name, name_zh || ' ' || name_en || ' ' || aliases || ' ' || id "
        "AS hay FROM regions ORDER BY position"
    )
    indicators_sql = (
        f"SELECT id, {name} AS name, name_zh || ' ' || name_en || ' ' || id || ' ' || definition "
        "AS hay FROM indicators ORDER BY position"
    )
    designations_sql = (
        f"SELECT id, {title} AS name, title_zh || ' ' || title_en || ' ' || quote AS hay "
        "FROM designations ORDER BY position"
    )
    practices_sql = (
        f"SELECT id, {name} AS name, name_zh || ' ' || name_en || ' ' || description || ' ' || "
        "quote AS hay FROM practices ORDER BY position"
    )
    quotes_sql = (
        "SELECT region || '/' || indicator || '/' || period AS id, quote AS name, quote AS hay "
        "FROM observations WHERE quote IS NOT NULL ORDER BY id"
    )
    queries = (
        ("region", regions_sql),
        ("indicator", indicators_sql),
        ("designation", designations_sql),
        ("practice", practices_sql),
        ("quote", quotes_sql),
    )
    results: list[Row] = []
    for kind, sql in queries:
        for r in db.execute(f"SELECT * FROM ({sql}) WHERE hay LIKE ? ESCAPE '\\'", (like,)):
            results.append({"kind": kind, "id": r["id"], "name": r["name"]})
    if not results:
        # Pinyin without tones: match ids and English names ignoring spaces and case.
        folded = fold(needle)
        for r in db.execute(f"SELECT id, {name} AS name FROM regions ORDER BY position"):
            if folded in fold(r["id"].replace("-", "")):
                results.append({"kind": "region", "id": r["id"], "name": r["name"]})
    return results
