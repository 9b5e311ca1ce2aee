"""Questions asked of the compiled store: parameterised SQL in, frozen records out.

Every function takes an open store and returns records (records/); none prints or formats text.
Annotations naming records other than figures are strings: evaluated when this module is
imported, they would define every family of records, which only some questions need.
"""

import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

from .. import records
from ..load.problems import QueryError
from ..records.figures import FIGURE_FIELDS, Figure, other_figures
from ..store.build import name_key
from ..suggest import did_you_mean

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
    "url": "s.url",
    "quote": "o.quote",
    "note": "o.note",
    # Other sources' different figures for the same cell (the store's conflicts view), as JSON.
    "conflicts_with": "(SELECT json_group_array(json_object('source', b.source, 'value', "
    "b.value, 'qualifier', b.qualifier, 'display', b.display, 'quote', b.quote)) "
    "FROM conflicts c JOIN observations b ON b.id = c.other WHERE c.observation = o.id)",
}
assert tuple(FIGURE_COLUMNS) == FIGURE_FIELDS, "FIGURE_COLUMNS must follow records.Figure"

FIGURE_SELECT = (
    "SELECT "
    + ", ".join(f"{sql} AS {name}" for name, sql in FIGURE_COLUMNS.items())
    + " FROM observations o JOIN regions r ON r.id = o.region"
    " JOIN indicators i ON i.id = o.indicator JOIN sources s ON s.id = o.source"
)


def _filter_fields() -> dict[str, str]:
    """Fields users filter and sort figures on (--where, --sort), and the SQL of each."""
    out: dict[str, str] = {}
    for name, sql in FIGURE_COLUMNS.items():
        if name in ("note", "conflicts_with"):
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
# Levels compared in their own right: their figures are never folded into a parent's in compare.
COMPARED_LEVELS = ("province", "city", "county")
IN_ONE_YEAR = "(o.year_end IS NULL OR o.year_end = o.year)"
OPERATORS = {">=": ">=", "<=": "<=", "!=": "!=", "=": "=", "<": "<", ">": ">", "~": "LIKE"}
# Compiled by re when first used (most commands take no --where).
_WHERE = r"^\s*([a-z_]+)\s*(>=|<=|!=|=|<|>|~)\s*(.*?)\s*$"


class Condition(NamedTuple):
    """One --where comparison: field, operator, value."""

    field: str
    operator: str
    value: str | float | int


def parse_condition(text: str) -> Condition:
    """Parse 'value>=1000', 'unit=户' or 'quote~纠纷' into a Condition."""
    match = re.match(_WHERE, text)
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


class FigureFilter(NamedTuple):
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
    if not rows:
        # A sub-unit by its own name, without its county's: 城关街道 for 白水县城关街道.
        rows = db.execute(
            "SELECT r.id FROM regions r JOIN regions p ON p.id = r.parent "
            "WHERE r.name_zh = p.name_zh || ? ORDER BY r.position",
            (name.strip(),),
        ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if len(rows) > 1:
        raise QueryError(
            f"{name!r} names several regions: {', '.join(r[0] for r in rows)}; use an id"
        )
    raise QueryError(f"no region called {name!r}{region_hint(db, name)} (see `pingan regions`)")


def find_indicator(db: sqlite3.Connection, name: str) -> str:
    """The id of the indicator called name (id, Chinese or English name; any case).

    A name that is no indicator's whole name selects the one indicator whose id or name holds
    it (巡段 for 巡段数); one held by several is an error listing them.
    """
    rows = db.execute(
        "SELECT id FROM indicators WHERE id = ? OR name_zh = ? OR lower(name_en) = lower(?)",
        (name.strip().lower(), name.strip(), name.strip()),
    ).fetchall()
    if rows:
        return str(rows[0][0])
    wanted = _loose_key(name)
    catalogue = db.execute("SELECT id, name_zh, name_en FROM indicators ORDER BY position")
    found = [
        (iid, zh)
        for iid, zh, en in catalogue
        if wanted and any(wanted in _loose_key(form) for form in (iid, zh, en))
    ]
    if len(found) == 1:
        return str(found[0][0])
    if found:
        listed = ", ".join(f"{iid} ({zh})" for iid, zh in found[:12])
        more = f" and {len(found) - 12} more" if len(found) > 12 else ""
        raise QueryError(
            f"{name!r} is part of the names of several indicators: {listed}{more}; "
            "give one of these ids or a longer name"
        )
    known = [r[0] for r in db.execute("SELECT id FROM indicators")]
    raise QueryError(
        f"no indicator called {name!r}{did_you_mean(name.lower(), known)} (see `pingan indicators`)"
    )


def check_category(db: sqlite3.Connection, name: str) -> str:
    """The category's id, given its id or its Chinese or English name (or a unique part of one)."""
    from ..records.categories import CATEGORY_NAMES, category_matches

    used = {r[0] for r in db.execute("SELECT DISTINCT category FROM indicators")}
    if name in used:
        return name
    found = category_matches(name)
    if len(found) == 1:
        return found[0]
    listed = ", ".join(
        f"{cid} ({CATEGORY_NAMES[cid][0]}, {CATEGORY_NAMES[cid][1]})" for cid in CATEGORY_NAMES
    )
    if found:
        raise QueryError(f"{name!r} is part of several categories' names: {', '.join(found)}")
    hint = did_you_mean(name, list(CATEGORY_NAMES) + sorted(used - set(CATEGORY_NAMES)))
    raise QueryError(f"no category {name!r}{hint}; categories: {listed}")


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
        if condition.field == "region" and condition.operator in ("=", "!="):
            # As --region does, a name or alias stands for the region's id.
            condition = Condition(
                "region", condition.operator, find_region(db, str(condition.value))
            )
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
    return fetch(db, sql, params, Figure.from_row)  # type: ignore[return-value]


def _region(row: dict[str, Any]) -> "records.Region":
    return records.Region(**{**row, "aliases": tuple(json.loads(row["aliases"]))})


def _region_select(lang: str) -> str:
    name, _ = _names(lang)
    return (
        f"SELECT id, {name} AS name, name_zh, name_en, aliases, level, parent, code, note "
        "FROM regions"
    )


def regions(
    db: sqlite3.Connection, lang: str = "zh", level: str | None = None, within: str | None = None
) -> "list[records.Region]":
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
) -> "list[records.Indicator]":
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
    names = dict(db.execute(f"SELECT id, {name} FROM indicators").fetchall())

    def make(row: dict[str, Any]) -> "records.Indicator":
        near = tuple(dict.fromkeys(related.get(row["id"], [])))
        return records.Indicator(**row, related=near, related_names=tuple(names[i] for i in near))

    return fetch(db, sql, params, make)  # type: ignore[return-value]


def _source(row: dict[str, Any]) -> "records.Source":
    return records.Source(
        **{
            **row,
            "authors": tuple(json.loads(row["authors"])),
            "contributors": tuple(json.loads(row["contributors"])),
        }
    )


def sources(db: sqlite3.Connection) -> "list[records.Source]":
    """The documents figures come from, with how many figures each gave."""
    return fetch(  # type: ignore[return-value]
        db,
        "SELECT id, title, publisher, url, published, standing, original_publisher, "
        "original_published, authors, contributors, note, figures FROM sources ORDER BY id",
        (),
        _source,
    )


class _Honour(NamedTuple):
    """A designation with what is needed to say yes, no or unknown for any region."""

    record: "records.Designation"
    in_scope: frozenset[str] | None
    recipient_levels: frozenset[str]
    # Each recipient's name and the regions it lies inside (its ancestors, not itself).
    recipient_names: dict[str, str]
    recipient_ancestors: dict[str, frozenset[str]]

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

    def within(self, region: str) -> "tuple[records.Named, ...]":
        """The recipients that lie inside the region (its sub-units holding the honour)."""
        return tuple(
            records.Named(recipient, self.recipient_names[recipient])
            for recipient in self.record.recipients
            if region in self.recipient_ancestors[recipient]
        )


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
    rows = fetch(db, sql, params)
    wanted = f"SELECT id FROM designations{' WHERE year = ?' if year is not None else ''}"
    recipients: dict[str, list[tuple[str, str, str]]] = {row["id"]: [] for row in rows}
    for designation, region, region_name, level in db.execute(
        f"SELECT d.designation, d.region, r.{name}, r.level FROM designation_recipients d "
        f"JOIN regions r ON r.id = d.region WHERE d.designation IN ({wanted}) "
        "ORDER BY d.designation, d.position",
        params,
    ):
        recipients[designation].append((region, region_name, level))
    ancestors: dict[str, set[str]] = {}
    for region, ancestor in db.execute(
        "SELECT t.region, t.ancestor FROM region_tree t WHERE t.distance > 0 AND t.region IN "
        f"(SELECT region FROM designation_recipients WHERE designation IN ({wanted}))",
        params,
    ):
        ancestors.setdefault(region, set()).add(ancestor)
    scopes = sorted({row["scope"] for row in rows if row["scope"] is not None})
    in_scopes: dict[str, set[str]] = {scope: set() for scope in scopes}
    if scopes:
        for ancestor, region in db.execute(
            f"SELECT ancestor, region FROM region_tree WHERE ancestor IN ({_marks(scopes)})",
            list(scopes),
        ):
            in_scopes[ancestor].add(region)
    out = []
    for row in rows:
        named = recipients[row["id"]]
        record = records.Designation(
            **{
                **row,
                "complete": bool(row["complete"]),
                "practices": tuple(json.loads(row["practices"])),
                "recipients": tuple(r[0] for r in named),
                "recipient_names": tuple(r[1] for r in named) if names else (),
            }
        )
        levels = {r[2] for r in named}
        if row["recipient_level"]:
            levels.add(row["recipient_level"])
        scope = row["scope"]
        out.append(
            _Honour(
                record,
                None if scope is None else frozenset(in_scopes[scope]),
                frozenset(levels),
                {r[0]: r[1] for r in named},
                {r[0]: frozenset(ancestors.get(r[0], ())) for r in named},
            )
        )
    return out


def designations(
    db: sqlite3.Connection, lang: str = "zh", year: int | None = None
) -> "list[records.Designation]":
    """The designations, optionally of one year, with their recipients (ids and names)."""
    return [h.record for h in _honours(db, lang, year, names=True)]


def practices(
    db: sqlite3.Connection, region_ids: Sequence[str], lang: str = "zh"
) -> "list[records.Practice]":
    """The practices and reforms of the given regions."""
    name, _ = _names(lang)
    return fetch_records(
        db,
        f"SELECT p.id, p.{name} AS name, p.name_zh, p.name_en, p.kind, p.region, "
        f"r.{name} AS region_name, p.since, p.description, p.source, p.quote "
        f"FROM practices p JOIN regions r ON r.id = p.region WHERE p.region IN "
        f"({_marks(region_ids)}) ORDER BY r.position, p.position",
        list(region_ids),
        records.Practice,
    )


def profile(db: sqlite3.Connection, name: str, lang: str = "zh") -> "records.RegionProfile":
    """Everything known about one region: names, place in the tree, honours, figures, practices."""
    region_id = find_region(db, name)
    select = _region_select(lang)
    region: records.Region = fetch(db, f"{select} WHERE id = ?", (region_id,), _region)[0]  # type: ignore[assignment]
    name_col, _ = _names(lang)
    parent_name = None
    if region.parent:
        parent_name = db.execute(
            f"SELECT {name_col} FROM regions WHERE id = ?", (region.parent,)
        ).fetchone()[0]
    children = fetch_records(
        db,
        f"SELECT id, {name_col} AS name FROM regions WHERE parent = ? ORDER BY position",
        (region_id,),
        records.Named,
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
        records.DesignationStatus(
            h.record.id,
            h.record.title,
            h.record.year,
            h.status(region_id) if h.applies(region_id, region.level) else None,
            h.record.complete,
            h.record.source,
            h.within(region_id),
            h.applies(region_id, region.level),
        )
        for h in _honours(db, lang)
        if h.applies(region_id, region.level) or h.within(region_id)
    ]
    done = practices(db, subtree, lang)
    cited = {f.source for f in found} | {p.source for p in done} | {d.source for d in statuses}
    return records.RegionProfile(
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
) -> "records.Comparison":
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
    # A region's figures are its own and, as in `show`, those of the units inside it that are
    # not compared in their own right (townships, communities, police stations) and lie in no
    # county or city below it: a city never takes its counties' figures, nor their townships'.
    owners: dict[str, list[tuple[str, int]]] = {r: [(r, 0)] for r in region_ids}
    units = db.execute(
        f"SELECT EXISTS (SELECT 1 FROM regions WHERE level NOT IN ({_marks(COMPARED_LEVELS)}))",
        COMPARED_LEVELS,
    ).fetchone()[0]
    for ancestor, unit, distance in (
        ()
        if not units
        else db.execute(
            "SELECT t.ancestor, t.region, t.distance FROM region_tree t "
            f"WHERE t.ancestor IN ({_marks(region_ids)}) AND t.distance > 0 AND NOT EXISTS ("
            "SELECT 1 FROM region_tree n JOIN regions m ON m.id = n.ancestor "
            "WHERE n.region = t.region AND n.distance < t.distance "
            f"AND m.level IN ({_marks(COMPARED_LEVELS)}))",
            [*region_ids, *COMPARED_LEVELS],
        )
    ):
        owners.setdefault(unit, []).append((ancestor, distance))
    params: list[Any] = list(owners)
    sql = (
        f"SELECT o.region, u.{name_col}, o.indicator, o.period, o.value, o.unit, "
        "o.qualifier, o.display, o.source, "
        + FIGURE_COLUMNS["conflicts_with"]
        + " FROM observations o JOIN regions u ON u.id = o.region "
        "JOIN indicators i ON i.id = o.indicator "
        f"WHERE o.region IN ({_marks(params)})"
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
    found_cells: dict[tuple[str, str], list[tuple[int, records.Cell]]] = {}
    reporters: dict[str, set[str]] = {}
    for row in db.execute(sql, params):
        unit, unit_name, indicator, period, value, unit_of, qualifier, shown, source = row[:9]
        column = indicator if year is not None else f"{indicator}@{period}"
        figure = records.Cell(
            value, unit_of, qualifier, period, shown, source, unit, unit_name, other_figures(row[9])
        )
        for ancestor, distance in owners[unit]:
            found_cells.setdefault((ancestor, column), []).append((distance, figure))
            reporters.setdefault(column, set()).add(ancestor)
    # The region's own figure first, then its units' (a stable sort keeps the period order).
    cells = {
        key: [c for _, c in sorted(found, key=lambda pair: pair[0])]
        for key, found in found_cells.items()
    }
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
            h.record.id: records.HonourCell(
                h.record.title, h.record.year, h.status(region_id), h.within(region_id)
            )
            for h in honours
            if h.applies(region_id, level)
        }
        shown_cells: dict[str, records.Cell | None] = {}
        for column in columns:
            found = cells.get((region_id, column))
            if not found:
                shown_cells[column] = None
            elif len(found) > 1:
                shown_cells[column] = found[0]._replace(alternatives=tuple(found[1:]))
            else:
                shown_cells[column] = found[0]
        rows.append(records.ComparisonRow(region_id, region_name, statuses, shown_cells))
    relevant = [h.record for h in honours if any(h.record.id in row.designations for row in rows)]
    return records.Comparison(
        year=year,
        designations=_honour_headings(relevant),
        indicators=tuple(records.Named(c, _column_name(c, headings)) for c in columns),
        rows=tuple(rows),
        single_reporter=len(reporters) - len(columns),
    )


def _honour_headings(honours: "Sequence[records.Designation]") -> "tuple[records.Named, ...]":
    """Each honour's id and heading: where honours of several years are shown, a title that does
    not state its year gets it (平安银鼎 (2023)), so that two years' honours never read alike."""
    years = {h.year for h in honours if h.year is not None}
    return tuple(
        records.Named(
            h.id,
            f"{h.title} ({h.year})"
            if len(years) > 1 and h.year is not None and str(h.year) not in h.title
            else h.title,
        )
        for h in honours
    )


def _column_name(column: str, names: dict[str, str]) -> str:
    indicator, _, period = column.partition("@")
    return f"{names[indicator]} ({period})" if period else names[indicator]


def conflicts(db: sqlite3.Connection, lang: str = "zh") -> "list[records.Conflict]":
    """Every pair of sources giving different figures for one region, indicator and period."""
    name, _ = _names(lang)
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


def counts(db: sqlite3.Connection) -> "records.Counts":
    """How many entries of each kind the store holds."""
    return records.Counts(
        **{
            table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in records.Counts._fields
        }
    )


def _loose_key(text: str) -> str:
    """Text as lookups compare it: case-folded, without spaces, hyphens or underscores."""
    return "".join(text.split()).replace("-", "").replace("_", "").casefold()


def region_hint(db: sqlite3.Connection, name: str) -> str:
    """'; did you mean …?' for a name no region has.

    Pinyin ids are made of syllables (baishui-gongnong-community): a name held within a
    region's id, English name, Chinese name or alias is offered first; only then are whole
    names compared by spelling, which alone prefers a short id of similar letters (gongnong
    reads like tongguan) to the long id that holds the very syllables typed.
    """
    wanted = _loose_key(name)
    held = []
    for region_id, zh, en, aliases in db.execute(
        "SELECT id, name_zh, name_en, aliases FROM regions ORDER BY position"
    ):
        forms = (region_id, zh, en, *json.loads(aliases))
        if wanted and any(wanted in _loose_key(form) for form in forms):
            held.append(f"{region_id} ({zh})")
    if held:
        shown = held[:5]
        more = f" (and {len(held) - 5} more)" if len(held) > 5 else ""
        return f"; did you mean {' or '.join(shown)}{more}?"
    known = dict(db.execute("SELECT name, region FROM region_names").fetchall())
    return did_you_mean(name_key(name), known, limit=5, offered=known)


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


def search(db: sqlite3.Connection, text: str, lang: str = "zh") -> "list[records.SearchHit]":
    """Regions, indicators, designations, practices and figures whose text holds text.

    Each field is searched as the text it is (an alias, not the JSON list aliases are stored
    in), and each hit names the field that matched with a snippet around the match.
    """
    needle = text.strip()
    if not needle:
        raise QueryError("search needs some text")
    like = contains(needle)
    name, title = _names(lang)
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


def all_practices(
    db: sqlite3.Connection, lang: str = "zh", region: str | None = None
) -> "list[records.Practice]":
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


def entry(db: sqlite3.Connection, entry_id: str, lang: str = "zh") -> "records.Entry":
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
    held = [k for k in known if _loose_key(wanted) and _loose_key(wanted) in _loose_key(k)]
    hint = f"; did you mean {' or '.join(held[:5])}?" if held else did_you_mean(wanted, known)
    raise QueryError(
        f"no practice, designation or indicator {entry_id!r}{hint} "
        "(see `pingan practices`, `designations`, `indicators`)"
    )


COUNT_FIELDS = ("region", "indicator", "category", "year", "source")
_FIRST_YEAR = r"^(?:since )?(\d{4})"


def period_year(period: str) -> int | None:
    """The year a period label starts in (as --where year reads it); None for "to 2022"."""
    match = re.match(_FIRST_YEAR, period)
    return int(match.group(1)) if match else None


def count_figures(
    db: sqlite3.Connection, query: FigureFilter, by: str, lang: str = "zh"
) -> "list[records.FigureCount]":
    """How many of the figures matching query share each value of a field, most first."""
    from ..records.categories import category_name

    if by not in COUNT_FIELDS:
        raise QueryError(
            f"cannot count by {by!r}{did_you_mean(by, COUNT_FIELDS)}; "
            f"fields are: {', '.join(COUNT_FIELDS)}"
        )
    titles = dict(db.execute("SELECT id, title FROM sources").fetchall())
    tally: dict[str | int | None, int] = {}
    names: dict[str | int | None, str | None] = {}
    for figure in figures(db, query, lang):
        key: str | int | None
        name: str | None
        if by == "region":
            key, name = figure.region, figure.region_name
        elif by == "indicator":
            key, name = figure.indicator, figure.indicator_name
        elif by == "category":
            key, name = figure.category, category_name(figure.category, lang)
        elif by == "year":
            key = period_year(figure.period)
            name = str(key) if key is not None else "no single start year"
        else:
            key, name = figure.source, titles.get(figure.source)
        tally[key] = tally.get(key, 0) + 1
        names[key] = name
    ordered = sorted(tally, key=lambda k: -tally[k])  # stable: first seen first among equals
    return [records.FigureCount(by, key, names[key], tally[key]) for key in ordered]


def total(
    db: sqlite3.Connection,
    indicator: str,
    region_names: Sequence[str] = (),
    year: int | None = None,
    period: str | None = None,
    lang: str = "zh",
    source: str | None = None,
) -> "records.Total":
    """The sum of one indicator's figures over regions for one period, its qualifier honest.

    Never adds figures of different periods or units, a change or a percentage, or a region
    together with a region it includes.
    """
    indicator_id = find_indicator(db, indicator)
    ids = list(dict.fromkeys(find_region(db, r) for r in region_names))
    conditions = [Condition("period", "=", period)] if period else []
    if source:
        conditions.append(Condition("source", "=", source))
    found = [
        f
        for f in figures(
            db,
            FigureFilter(
                indicators=(indicator_id,),
                years=(year,) if year else (),
                conditions=tuple(conditions),
            ),
            lang,
        )
        if not ids or f.region in ids
    ]
    if not found:
        raise QueryError(f"no figures of {indicator_id} to add for those regions and period")
    first = found[0]
    if first.kind == "change":
        raise QueryError(f"{indicator_id} is a change from the year before: changes are not added")
    periods = sorted({f.period for f in found})
    if len(periods) > 1:
        raise QueryError(
            f"figures of different periods are never added ({', '.join(periods)}); "
            "choose one with --year or --period"
        )
    units = sorted({f.unit for f in found})
    if len(units) > 1:
        raise QueryError(f"figures in different units are never added ({', '.join(units)})")
    if first.unit == "%":
        raise QueryError(f"{indicator_id} is a rate in %: rates of regions are not added")
    regions = list(dict.fromkeys(f.region for f in found))
    if len(regions) != len(found):
        twice = next(r for r in regions if sum(f.region == r for f in found) > 1)
        raise QueryError(
            f"{twice} has more than one figure of {indicator_id} for {periods[0]} "
            f"(sources: {', '.join(sorted({f.source for f in found if f.region == twice}))}): "
            "choose one source"
        )
    missing = [r for r in ids if r not in regions]
    if missing:
        raise QueryError(
            f"{', '.join(missing)} reports no figure of {indicator_id} for {periods[0]}: "
            "not reported is not zero, so there is no sum"
        )
    overlap = db.execute(
        f"SELECT ancestor, region FROM region_tree WHERE distance > 0 "
        f"AND ancestor IN ({_marks(regions)}) AND region IN ({_marks(regions)})",
        [*regions, *regions],
    ).fetchone()
    if overlap is not None:
        ancestor, region = overlap
        raise QueryError(
            f"{ancestor} includes {region}: adding them would count {region} twice; "
            "name the regions to add"
        )
    qualifiers = {f.qualifier for f in found}
    qualifier = (
        "approx" if "approx" in qualifiers else "at_least" if "at_least" in qualifiers else "exact"
    )
    value = sum(f.value for f in found)
    if isinstance(value, float):
        value = round(value, 9)  # 0.1 + 0.2 is 0.3
    return records.Total(
        indicator=indicator_id,
        indicator_name=first.indicator_name,
        period=periods[0],
        unit=first.unit,
        value=value,
        qualifier=qualifier,
        regions=tuple(regions),
        region_names=tuple(dict.fromkeys(f.region_name for f in found)),
        parts=tuple(found),
    )
