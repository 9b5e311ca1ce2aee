"""The SQLite store that queries run against, built once from a validated dataset.

The tables are those of schema.py's column maps; ``pingan export`` hands users a copy with
foreign keys and full-text indexes added (export/sqlite.py).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from ..records.base import display
from .format import SCHEMA_VERSION, name_key
from .schema import (
    DESIGNATIONS,
    INDICATORS,
    OBSERVATIONS,
    PRACTICES,
    REGIONS,
    SCHEMA,
    SOURCES,
)

if TYPE_CHECKING:
    from ..load.entries import Loaded


# One index on observations, unique: a figure given twice (the same region, indicator, period
# and source) stops the build (bulk_rows.report_repeats names both places). A region's figures
# are found by its first column (a region holds a few hundred: the year is read from the row);
# an indicator's, by a skip-scan over the regions (ANALYZE tells the planner they are few):
# fast at a million figures, where an index of its own slowed every first run (docs/performance.md).
INDEXES = """
CREATE UNIQUE INDEX observations_cell ON observations (region, indicator, period, source);
CREATE INDEX region_tree_region ON region_tree (region);
CREATE INDEX regions_parent ON regions (parent);
CREATE INDEX designation_recipients_region ON designation_recipients (region);
CREATE INDEX practices_region ON practices (region);
"""

ObservationRow = tuple[Any, ...]
SORT_CACHE_KIB = 256 * 1024
ROWS_PER_STATEMENT = 32
# Rows are read, checked and stored this many at a time: a batch's columns stay in the CPU's
# cache (larger batches read slower: docs/performance.md).
BATCH_ROWS = 256
# The progress display is told the count every so many rows.
PROGRESS_ROWS = 8192
# The columns of a store row of the observations table, in the order observation_row gives them
# (and bulk_rows' fast path, proved equal to it by tests/test_bulk_csv.py).
OBSERVATION_COLUMNS = tuple(c.name for c in OBSERVATIONS.columns if c.name != "id")


# Optional texts (and the month or day bounds of a ranged period): a row holds "" where there is
# none, and the insert stores NULL for it.
# NOTE: binding None costs the sqlite3 module an adapter lookup per value, "" does not: a third
# of the insert time of a million figures.
OPTIONAL = ("period_start", "period_end", "as_written", "quote", "note")
# Positions in an observation row of the columns whose values are counted while storing.
SOURCE = OBSERVATION_COLUMNS.index("source")
INDICATOR = OBSERVATION_COLUMNS.index("indicator")


def period_columns(period: Any) -> tuple[str, int | None, int | None, int, str, str]:
    """The observations columns a period fills: label, year, year_end, since, start, end.

    year is the first calendar year (None for "to 2022", whose start is not stated), year_end
    the last (None while open: "since 2023"). 2018..2020 is (2018, 2020); to 2022 is (None, 2022);
    to 2024-12-23 is (None, 2024) with end 2024-12-23. start and end are "" where the period has
    none: stored as NULL (see OPTIONAL).
    """
    until = period.until
    return (
        period.label,
        period.first_year,
        period.last_year,
        int(period.since),
        period.start or "",
        period.end or (until if isinstance(until, str) else ""),
    )


def observation_row(obs: Any, kind: str) -> ObservationRow:
    """One observation model as a row of the observations table; kind is its indicator's.

    An absent optional text (as_written, quote, note) is "": stored as NULL (see OPTIONAL).
    """
    qualifier = str(obs.qualifier)
    return (
        obs.region,
        obs.indicator,
        *period_columns(obs.period),
        obs.value,
        obs.unit,
        qualifier,
        obs.as_written or "",
        display(obs.value, obs.unit, qualifier, kind, obs.as_written),
        obs.source,
        obs.quote or "",
        obs.note or "",
    )


def _region_names(region: Any) -> Iterator[str]:
    yield region.id
    yield region.name_zh
    yield region.name_en
    yield from region.aliases
    for suffix in ("市", "区", "县", "街道", "镇", "乡", "社区", "村"):
        if region.name_zh.endswith(suffix) and len(region.name_zh) > len(suffix) + 1:
            yield region.name_zh[: -len(suffix)]
            break


def build(
    connection: sqlite3.Connection,
    loaded: Loaded,
    meta: dict[str, str],
    extra_batches: Iterable[list[ObservationRow]] = (),
    progress: Callable[[int], None] | None = None,
    finishing: Callable[[], None] | None = None,
) -> None:
    """Create the tables and fill them from a validated dataset (and batches of bulk rows);
    progress is told the figures stored so far, finishing when every one is (indexes next)."""
    data = loaded.dataset
    connection.executescript(SCHEMA)
    with connection:
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", sorted({**meta, "schema": SCHEMA_VERSION}.items())
        )
        for table, entries in (
            (SOURCES, data.sources),
            (REGIONS, data.regions),
            (INDICATORS, data.indicators),
            (DESIGNATIONS, data.designations),
            (PRACTICES, data.practices),
        ):
            connection.executemany(table.insert(), table.rows(list(entries)))
        parents = {r.id: r.parent for r in data.regions}
        tree: list[tuple[str, str, int]] = []
        for region_id in parents:
            current: str | None = region_id
            distance = 0
            while current is not None:
                tree.append((current, region_id, distance))
                current = parents.get(current)
                distance += 1
        connection.executemany("INSERT INTO region_tree VALUES (?, ?, ?)", tree)
        connection.executemany(
            "INSERT OR IGNORE INTO region_names VALUES (?, ?)",
            ((name_key(name), r.id) for r in data.regions for name in _region_names(r)),
        )
        connection.executemany(
            "INSERT INTO designation_recipients VALUES (?, ?, ?)",
            ((d.id, r, n) for d in data.designations for n, r in enumerate(d.recipients)),
        )
        kinds = {i.id: str(i.kind) for i in data.indicators}
        counts = StoredCounts()
        insert_observations(
            connection,
            batched(observation_row(o, kinds[o.indicator]) for o in data.observations),
            counts=counts,
        )
        insert_observations(connection, extra_batches, progress, counts)
        if finishing is not None:
            finishing()
        # NOTE: an index is built by sorting its entries; in a cache this large the sort of a
        # million figures' entries stays in memory instead of being merged from temporary files.
        (cache_size,) = connection.execute("PRAGMA cache_size").fetchone()
        connection.execute(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
        connection.executescript(INDEXES)
        connection.execute(f"PRAGMA cache_size = {int(cache_size)}")
        # Counts asked for on every `show`, `sources` and `indicators`: kept, counted while the
        # rows were stored rather than by a scan afterwards.
        for name, counted in (("sources", counts.sources), ("indicators", counts.indicators)):
            connection.executemany(
                f"UPDATE {name} SET figures = ? WHERE id = ?",
                ((n, key) for key, n in counted.items()),
            )
        # Statistics for the query planner from a sample of each index, not a full scan.
        connection.execute("PRAGMA analysis_limit = 1000")
        connection.execute("ANALYZE")


class StoredCounts:
    """Figures stored so far by source and by indicator."""

    def __init__(self) -> None:
        self.sources: Counter[str] = Counter()
        self.indicators: Counter[str] = Counter()

    def add(self, flat: list[Any]) -> None:
        """Count the observation rows of a batch laid end to end (see insert_observations)."""
        width = len(OBSERVATION_COLUMNS)
        self.sources.update(flat[SOURCE::width])
        self.indicators.update(flat[INDICATOR::width])


def batched(rows: Iterable[ObservationRow]) -> Iterator[list[ObservationRow]]:
    """Rows in lists of BATCH_ROWS."""
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_ROWS)):
        yield batch


def insert_observations(
    connection: sqlite3.Connection,
    batches: Iterable[list[ObservationRow]],
    progress: Callable[[int], None] | None = None,
    counts: StoredCounts | None = None,
) -> int:
    """Insert batches of observation rows, many to a statement; report the running count; return
    it.

    NOTE: binding parameters is most of the cost of a bulk insert from Python; a statement of
    ROWS_PER_STATEMENT rows binds the same values with less overhead than one per row
    (docs/performance.md).
    """
    columns = ", ".join(OBSERVATION_COLUMNS)
    marks = (
        "("
        + ", ".join("NULLIF(?, '')" if c in OPTIONAL else "?" for c in OBSERVATION_COLUMNS)
        + ")"
    )
    single = f"INSERT INTO observations ({columns}) VALUES {marks}"
    multiple = (
        f"INSERT INTO observations ({columns}) VALUES {', '.join([marks] * ROWS_PER_STATEMENT)}"
    )
    width = len(OBSERVATION_COLUMNS)
    step = ROWS_PER_STATEMENT * width
    count = 0
    reported = -1
    for batch in batches:
        whole = len(batch) - len(batch) % ROWS_PER_STATEMENT
        # The batch's values laid end to end: a statement's parameters are one slice of them.
        flat = list(chain.from_iterable(batch))
        connection.executemany(
            multiple, (flat[start : start + step] for start in range(0, whole * width, step))
        )
        connection.executemany(single, batch[whole:])
        if counts is not None:
            counts.add(flat)
        count += len(batch)
        if progress is not None and count - reported >= PROGRESS_ROWS:
            progress(count)
            reported = count
    if progress is not None and count != reported:
        progress(count)
    return count
