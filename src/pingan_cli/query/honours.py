"""Honours as the questions need them: who holds one, and yes, no or unknown for any region."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, NamedTuple

from .. import records
from .fetch import column_names, fetch, marks


class HonourScope(NamedTuple):
    """A designation with what is needed to say yes, no or unknown for any region."""

    record: records.Designation
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

    def within(self, region: str) -> tuple[records.Named, ...]:
        """The recipients that lie inside the region (its sub-units holding the honour)."""
        return tuple(
            records.Named(recipient, self.recipient_names[recipient])
            for recipient in self.record.recipients
            if region in self.recipient_ancestors[recipient]
        )


def honour_scopes(
    db: sqlite3.Connection, lang: str, year: int | None = None, names: bool = False
) -> list[HonourScope]:
    name, title = column_names(lang)
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
            f"SELECT ancestor, region FROM region_tree WHERE ancestor IN ({marks(scopes)})",
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
            HonourScope(
                record,
                None if scope is None else frozenset(in_scopes[scope]),
                frozenset(levels),
                {r[0]: r[1] for r in named},
                {r[0]: frozenset(ancestors.get(r[0], ())) for r in named},
            )
        )
    return out
