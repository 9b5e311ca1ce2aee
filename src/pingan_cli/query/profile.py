"""One region's profile: names, place in the tree, honours, figures, practices, sources."""

from __future__ import annotations

import sqlite3

from .. import records
from .catalogue import practices, region_record, region_select, sources
from .fetch import column_names, fetch, fetch_records
from .figures import FigureFilter, figures
from .honours import honour_scopes
from .lookup import find_region


def profile(db: sqlite3.Connection, name: str, lang: str = "zh") -> records.RegionProfile:
    """Everything known about one region: names, place in the tree, honours, figures, practices."""
    region_id = find_region(db, name)
    select = region_select(lang)
    region: records.Region = fetch(db, f"{select} WHERE id = ?", (region_id,), region_record)[0]  # type: ignore[assignment]
    name_col, _ = column_names(lang)
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
        for h in honour_scopes(db, lang)
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
