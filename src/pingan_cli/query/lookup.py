"""Names as people type them resolved to ids: regions, indicators, categories."""

from __future__ import annotations

import json
import sqlite3

from ..load.problems import QueryError
from ..store.format import name_key
from ..suggest import did_you_mean


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
    wanted = loose_key(name)
    catalogue = db.execute("SELECT id, name_zh, name_en FROM indicators ORDER BY position")
    found = [
        (iid, zh)
        for iid, zh, en in catalogue
        if wanted and any(wanted in loose_key(form) for form in (iid, zh, en))
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
    raise QueryError(
        f"no indicator called {name!r}{indicator_hint(db, name)} (see `pingan indicators`)"
    )


def indicator_hint(db: sqlite3.Connection, name: str) -> str:
    """'; did you mean …?' for a name no indicator has: the ids whose id, Chinese or English
    name is nearest to it, whole or in part (调节率: dispute-mediation-rate (矛盾纠纷调解率))."""
    from ..suggest import closest

    forms = [
        (loose_key(form), f"{iid} ({zh})")
        for iid, zh, en in db.execute(
            "SELECT id, name_zh, name_en FROM indicators ORDER BY position"
        )
        for form in (iid, zh, en)
    ]
    near = closest(loose_key(name), forms)
    return f"; did you mean {' or '.join(near)}?" if near else ""


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


def loose_key(text: str) -> str:
    """Text as lookups compare it: case-folded, without spaces, hyphens or underscores."""
    return "".join(text.split()).replace("-", "").replace("_", "").casefold()


def region_hint(db: sqlite3.Connection, name: str) -> str:
    """'; did you mean …?' for a name no region has.

    Pinyin ids are made of syllables (baishui-gongnong-community): a name held within a
    region's id, English name, Chinese name or alias is offered first; only then are whole
    names compared by spelling, which alone prefers a short id of similar letters (gongnong
    reads like tongguan) to the long id that holds the very syllables typed.
    """
    wanted = loose_key(name)
    held = []
    for region_id, zh, en, aliases in db.execute(
        "SELECT id, name_zh, name_en, aliases FROM regions ORDER BY position"
    ):
        forms = (region_id, zh, en, *json.loads(aliases))
        if wanted and any(wanted in loose_key(form) for form in forms):
            held.append(f"{region_id} ({zh})")
    if held:
        shown = held[:5]
        more = f" (and {len(held) - 5} more)" if len(held) > 5 else ""
        return f"; did you mean {' or '.join(shown)}{more}?"
    known = dict(db.execute("SELECT name, region FROM region_names").fetchall())
    return did_you_mean(name_key(name), known, limit=5, offered=known)
