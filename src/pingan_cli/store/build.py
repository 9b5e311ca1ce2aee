"""The SQLite store that queries run against, built once from a validated dataset.

The columns are documented in docs/data-format.md ("The store"); ``pingan export`` hands users
a copy with foreign keys and full-text indexes added (export_sqlite.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from ..records.base import display

if TYPE_CHECKING:
    from ..load.entries import Loaded

SCHEMA_VERSION = "7"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL, url TEXT NOT NULL,
    published TEXT, authors TEXT NOT NULL, contributors TEXT NOT NULL, language TEXT NOT NULL,
    note TEXT, figures INTEGER NOT NULL DEFAULT 0, standing TEXT, original_publisher TEXT,
    original_published TEXT
);
CREATE TABLE regions (
    id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, aliases TEXT NOT NULL,
    level TEXT NOT NULL, parent TEXT, code TEXT, note TEXT, position INTEGER NOT NULL
);
CREATE TABLE region_tree (
    ancestor TEXT NOT NULL, region TEXT NOT NULL, distance INTEGER NOT NULL,
    PRIMARY KEY (ancestor, region)
) WITHOUT ROWID;
CREATE TABLE region_names (name TEXT NOT NULL, region TEXT NOT NULL, PRIMARY KEY (name, region))
    WITHOUT ROWID;
CREATE TABLE indicators (
    id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, unit TEXT NOT NULL,
    category TEXT NOT NULL, kind TEXT NOT NULL, definition TEXT NOT NULL, position INTEGER NOT NULL,
    figures INTEGER NOT NULL DEFAULT 0, related TEXT NOT NULL DEFAULT '[]',
    change_of TEXT
);
CREATE TABLE observations (
    id INTEGER PRIMARY KEY, region TEXT NOT NULL, indicator TEXT NOT NULL,
    period TEXT NOT NULL, year INTEGER, year_end INTEGER, since INTEGER NOT NULL,
    period_start TEXT, period_end TEXT,
    value NOT NULL, unit TEXT NOT NULL, qualifier TEXT NOT NULL, as_written TEXT,
    display TEXT NOT NULL, source TEXT NOT NULL, quote TEXT, note TEXT
);
CREATE TABLE designations (
    id TEXT PRIMARY KEY, title_zh TEXT NOT NULL, title_en TEXT NOT NULL, year INTEGER,
    conferred_on TEXT, conferred_by TEXT, level TEXT NOT NULL, scope TEXT, total INTEGER,
    complete INTEGER NOT NULL, practices TEXT NOT NULL, source TEXT NOT NULL, quote TEXT NOT NULL,
    position INTEGER NOT NULL, recipient_level TEXT, note TEXT
);
CREATE TABLE designation_recipients (
    designation TEXT NOT NULL, region TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (designation, region)
) WITHOUT ROWID;
CREATE TABLE practices (
    id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, kind TEXT NOT NULL,
    region TEXT NOT NULL, since TEXT, description TEXT NOT NULL, source TEXT NOT NULL,
    quote TEXT NOT NULL, position INTEGER NOT NULL
);
-- Two sources giving different figures for the same region, indicator and period: both are
-- kept, and each finds the other here.
CREATE VIEW conflicts AS
SELECT a.id AS observation, b.id AS other
FROM observations a JOIN observations b
  ON b.region = a.region AND b.indicator = a.indicator AND b.period = a.period
 AND b.id != a.id AND b.source != a.source
 AND (b.value != a.value OR b.qualifier != a.qualifier);
"""

# One index on observations, unique: a figure given twice (the same region, indicator, period
# and source) stops the build (bulk_rows.report_repeats names both places). A region's figures
# are found by its first column (a region holds a few hundred: the year is read from the row);
# an indicator's, by a skip-scan over the regions (ANALYZE tells the planner they are few):
# at a million figures 0.03 s a query, where an index of its own cost every first run 0.9 s.
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
# cache (a batch of 8192 rows read a fifth slower).
BATCH_ROWS = 256
# The progress display is told the count every so many rows.
PROGRESS_ROWS = 8192
# The columns of a store row of the observations table, in the order observation_row gives them
# (and bulk_rows' fast path, proved equal to it by tests/test_bulk_csv.py).
OBSERVATION_COLUMNS = (
    "region",
    "indicator",
    "period",
    "year",
    "year_end",
    "since",
    "period_start",
    "period_end",
    "value",
    "unit",
    "qualifier",
    "as_written",
    "display",
    "source",
    "quote",
    "note",
)


def name_key(name: str) -> str:
    """The form region names are looked up in: case-folded, spaces dropped."""
    return "".join(name.split()).casefold()


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
    the last (None while open: "since 2023"). 2018..2020 is (2018, 2020); to 2022 is (None, 2022).
    start and end are "" where the period has none: stored as NULL (see OPTIONAL).
    """
    return (
        period.label,
        period.first_year,
        period.last_year,
        int(period.since),
        period.start or "",
        period.end or "",
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
) -> None:
    """Create the tables and fill them from a validated dataset (and batches of bulk rows)."""
    data = loaded.dataset
    connection.executescript(SCHEMA)
    with connection:
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", sorted({**meta, "schema": SCHEMA_VERSION}.items())
        )
        connection.executemany(
            "INSERT INTO sources (id, title, publisher, url, published, authors, contributors, "
            "language, note, standing, original_publisher, original_published) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    s.id,
                    s.title,
                    s.publisher,
                    s.url,
                    s.published,
                    _json(s.authors),
                    _json(s.contributors),
                    s.language,
                    s.note,
                    None if s.standing is None else str(s.standing),
                    s.original_publisher,
                    s.original_published,
                )
                for s in data.sources
            ),
        )
        connection.executemany(
            "INSERT INTO regions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    r.id,
                    r.name_zh,
                    r.name_en,
                    _json(r.aliases),
                    str(r.level),
                    r.parent,
                    r.code,
                    r.note,
                    i,
                )
                for i, r in enumerate(data.regions)
            ),
        )
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
            "INSERT INTO indicators (id, name_zh, name_en, unit, category, kind, definition, "
            "position, related, change_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    i.id,
                    i.name_zh,
                    i.name_en,
                    i.unit,
                    str(i.category),
                    str(i.kind),
                    i.definition,
                    n,
                    _json(i.related),
                    i.change_of,
                )
                for n, i in enumerate(data.indicators)
            ),
        )
        connection.executemany(
            "INSERT INTO designations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    d.id,
                    d.title_zh,
                    d.title_en,
                    d.year,
                    d.conferred_on,
                    d.conferred_by,
                    d.level,
                    d.scope,
                    d.total,
                    int(d.complete),
                    _json(d.practices),
                    d.source,
                    d.quote,
                    n,
                    None if d.recipient_level is None else str(d.recipient_level),
                    d.note,
                )
                for n, d in enumerate(data.designations)
            ),
        )
        connection.executemany(
            "INSERT INTO designation_recipients VALUES (?, ?, ?)",
            ((d.id, r, n) for d in data.designations for n, r in enumerate(d.recipients)),
        )
        connection.executemany(
            "INSERT INTO practices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    p.id,
                    p.name_zh,
                    p.name_en,
                    p.kind,
                    p.region,
                    p.since,
                    p.description,
                    p.source,
                    p.quote,
                    n,
                )
                for n, p in enumerate(data.practices)
            ),
        )
        kinds = {i.id: str(i.kind) for i in data.indicators}
        counts = StoredCounts()
        insert_observations(
            connection,
            batched(observation_row(o, kinds[o.indicator]) for o in data.observations),
            counts=counts,
        )
        insert_observations(connection, extra_batches, progress, counts)
        # NOTE: an index is built by sorting its entries; in a cache this large the sort of a
        # million figures' entries stays in memory instead of being merged from temporary files.
        (cache_size,) = connection.execute("PRAGMA cache_size").fetchone()
        connection.execute(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
        connection.executescript(INDEXES)
        connection.execute(f"PRAGMA cache_size = {int(cache_size)}")
        # Counts asked for on every `show`, `sources` and `indicators`: kept, counted while the
        # rows were stored rather than by a scan afterwards.
        for table, counted in (("sources", counts.sources), ("indicators", counts.indicators)):
            connection.executemany(
                f"UPDATE {table} SET figures = ? WHERE id = ?",
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
    ROWS_PER_STATEMENT rows binds the same values with a fifth less overhead than one per row.
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


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
