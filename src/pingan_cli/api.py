"""The Python API: open a dataset, ask it questions, get frozen records back.

    import pingan_cli
    with pingan_cli.open() as data:          # the bundled dataset (or open(["a.yaml", …]))
        for figure in data.figures(region="fuping", category="mediation"):
            print(figure.indicator_name, figure.display)

Every record has ``as_dict()``, so ``pandas.DataFrame([f.as_dict() for f in data.figures()])``
gives a table. The command line is a thin layer over this module.
"""

from __future__ import annotations

import operator
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from .load.problems import DataError, QueryError
from .records.base import Records
from .store import cache as store_cache
from .store.cache import OpenedStore, Reporter, Settings, bundled_data, default_cache_dir

if TYPE_CHECKING:
    from pathlib import Path

    from .query.figures import FigureFilter
    from .records import (
        ArithmeticConflict,
        Comparison,
        Conflict,
        Counts,
        Designation,
        Entry,
        Figure,
        FigureCount,
        Indicator,
        Practice,
        Region,
        RegionProfile,
        SearchHit,
        Source,
        Total,
    )
    from .records.charts import Report
    from .records.rankings import Ranking, Trend
    from .store.pipeline import Progress

__all__ = [
    "DataError",
    "Dataset",
    "QueryError",
    "cache_folder",
    "check_conditions",
    "clear_cache",
    "data_files",
    "filter_fields",
    "open",
    "validate",
]

T = TypeVar("T")
Names = str | Sequence[str]
PathLike = str | os.PathLike[str]


def _strings(value: Names | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _year(value: object) -> int:
    """A year given as 2023 (or 2023.0, as a spreadsheet or pandas may give it), else an error.

    A year no dataset may hold (1900-2100) is an error too: 99999999999999999999 would not even
    fit SQLite's integers.
    """
    from .load.limits import YEAR_MAX, YEAR_MIN

    year = _whole(value)
    if year is None:
        raise QueryError(f"a year is a whole number such as 2023, not {value!r}")
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise QueryError(f"{year} is not a year of data: years run from {YEAR_MIN} to {YEAR_MAX}")
    return year


def _whole(value: object) -> int | None:
    """An int, numpy's ints, or a float with no fraction, as an int; None for anything else."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)  # type: ignore[arg-type]  # an int, or numpy's ints
    except TypeError:
        return None


def _one_year(value: object | None) -> int | None:
    return None if value is None else _year(value)


def _years(value: object | Sequence[object] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        return (_year(value),)
    return tuple(_year(item) for item in value)


def _figure_filter(
    region: Names | None,
    indicator: Names | None,
    category: Names | None,
    year: int | Sequence[int] | None,
    qualifier: Names | None,
    where: Names | None,
) -> FigureFilter:
    """The filters figures() and counts_by() share, each given as one value or several."""
    from .query.figures import FigureFilter, parse_condition

    return FigureFilter(
        regions=_strings(region),
        indicators=_strings(indicator),
        categories=_strings(category),
        years=_years(year),
        qualifiers=_strings(qualifier),
        conditions=tuple(parse_condition(c) for c in _strings(where)),
    )


class Dataset:
    """An open dataset: a compiled store and the questions pingan asks of it.

    A cached store found damaged inside by a query is removed, rebuilt and asked again, once.
    """

    def __init__(
        self,
        settings: Settings,
        lang: str = "zh",
        progress: Progress | None = None,
        reporter: Reporter | None = None,
    ) -> None:
        self.settings = settings
        self.lang = lang
        self._progress = progress
        self._reporter = reporter
        self._store: OpenedStore = store_cache.open_store(settings, progress, reporter)
        self._rebuilt = False
        self._closed = False

    def __repr__(self) -> str:
        names = ", ".join(os.path.basename(p) for p in self.settings.paths)
        state = ", closed" if self._closed else ""
        return f"<pingan_cli.Dataset {names} lang={self.lang}{state}>"

    @property
    def paths(self) -> tuple[Path, ...]:
        """The data files this dataset was read from."""
        from pathlib import Path  # not at the top: a warm run has no other use for pathlib

        return tuple(Path(p) for p in self.settings.paths)

    def _ask(self, question: Callable[[sqlite3.Connection], T]) -> T:
        if self._closed:
            raise ValueError(
                f"this dataset is closed ({self!r}): open it again with pingan_cli.open()"
            )
        try:
            return question(self._store.connection)
        except sqlite3.DatabaseError:
            damaged = self._store.path
            if damaged is None or self._rebuilt:
                raise
            self._rebuilt = True
            self._store.connection.close()
            store_cache.discard(damaged)
            self._store = store_cache.open_store(self.settings, self._progress, self._reporter)
            return question(self._store.connection)

    def figures(
        self,
        region: Names | None = None,
        indicator: Names | None = None,
        category: Names | None = None,
        year: int | Sequence[int] | None = None,
        qualifier: Names | None = None,
        where: Names | None = None,
        sort: str | None = None,
        descending: bool = False,
        limit: int | None = None,
    ) -> Records[Figure]:
        """Figures matching every filter; a region includes its sub-units.

        ``where`` holds conditions such as ``"value>=1000"`` or ``"quote~纠纷"``.
        """
        from .load.limits import SQL_INT_MAX
        from .query.figures import figures

        if limit is not None and not 0 <= limit <= SQL_INT_MAX:
            raise QueryError(f"limit is a count from 0 to {SQL_INT_MAX:,}, not {limit}")
        query = _figure_filter(region, indicator, category, year, qualifier, where)
        query = query._replace(sort=sort, descending=descending, limit=limit)
        return Records(self._ask(lambda db: figures(db, query, self.lang)))

    def counts_by(
        self,
        field: str,
        region: Names | None = None,
        indicator: Names | None = None,
        category: Names | None = None,
        year: int | Sequence[int] | None = None,
        qualifier: Names | None = None,
        where: Names | None = None,
    ) -> Records[FigureCount]:
        """How many figures (matching the filters of figures()) share each value of a field.

        ``field`` is region, indicator, category, year or source; the most frequent first.
        """
        from .query.figures import count_figures

        query = _figure_filter(region, indicator, category, year, qualifier, where)
        return Records(self._ask(lambda db: count_figures(db, query, field, self.lang)))

    def sum(
        self,
        indicator: str,
        regions: Names | None = None,
        year: int | None = None,
        period: str | None = None,
        source: str | None = None,
    ) -> Total:
        """One indicator's figures added over regions (every region reporting it if none named).

        ``source`` picks one source's figures where a region has several. Only figures of one
        period and one unit are added, never a change, a rate in % or a
        region together with one it includes (QueryError says why); the total is at least when
        a part is, approximate when a part is.
        """
        from .query.totals import total

        return self._ask(
            lambda db: total(
                db, indicator, _strings(regions), _one_year(year), period, self.lang, source
            )
        )

    def region(self, name: str) -> RegionProfile:
        """A region's profile, by id, Chinese or English name or alias."""
        from .query.profile import profile

        return self._ask(lambda db: profile(db, name, self.lang))

    def compare(
        self,
        *regions: str,
        year: int | None = None,
        indicator: Names | None = None,
        category: Names | None = None,
    ) -> Comparison:
        """Regions side by side (every city and county when none are named) in a year."""
        from .query.compare import compare

        if not regions and year is None:
            raise QueryError("name regions to compare, or give a year")
        return self._ask(
            lambda db: compare(
                db, _one_year(year), regions, _strings(indicator), _strings(category), self.lang
            )
        )

    def rank(
        self,
        indicator: str,
        year: int | None = None,
        level: str = "county",
        within: str | None = None,
    ) -> Ranking:
        """Regions of a level ordered by an indicator; those not reporting it come last."""
        from .query.rankings import rank

        return self._ask(lambda db: rank(db, indicator, _one_year(year), level, within, self.lang))

    def trend(self, region: str, *indicators: str) -> Records[Trend]:
        """A region's figures over the periods, per indicator (those named, or every one)."""
        from .query.rankings import trend

        return Records(self._ask(lambda db: trend(db, region, indicators, self.lang)))

    def conflicts(self) -> Records[Conflict]:
        """Every pair of sources that give different figures for one region, indicator, period."""
        from .query.catalogue import conflicts

        return Records(self._ask(lambda db: conflicts(db, self.lang)))

    def arithmetic_conflicts(self) -> Records[ArithmeticConflict]:
        """Stated figures that arithmetic shows cannot all be right: a reported change against
        the two stated levels, parts against their whole, a period against a longer one that
        holds it. The result of the arithmetic is shown, never stored as a figure."""
        from .query.arithmetic import arithmetic_conflicts

        return Records(self._ask(lambda db: arithmetic_conflicts(db, self.lang)))

    def report(self, *regions: str, year: int | None = None) -> Report:
        """A report's profiles, rankings, trends and honours (the first city and its counties
        when no regions are named; the year with most figures when none is given)."""
        from .views.report import build_report

        chosen = [self.region(name).region for name in regions]
        return build_report(self, chosen, _one_year(year))

    def designations(self, year: int | None = None) -> Records[Designation]:
        """Honours and their recipients, optionally of one year."""
        from .query.catalogue import designations

        return Records(self._ask(lambda db: designations(db, self.lang, _one_year(year))))

    def regions(self, level: str | None = None, within: str | None = None) -> Records[Region]:
        """The region catalogue, optionally one level or one region's subtree."""
        from .query.catalogue import regions

        return Records(self._ask(lambda db: regions(db, self.lang, level, within)))

    def indicators(self, category: str | None = None) -> Records[Indicator]:
        """The indicator catalogue, optionally one category."""
        from .query.catalogue import indicators

        return Records(self._ask(lambda db: indicators(db, self.lang, category)))

    def sources(self) -> Records[Source]:
        """The documents figures come from."""
        from .query.catalogue import sources

        return Records(self._ask(sources))

    def search(self, text: str) -> Records[SearchHit]:
        """Regions, indicators, honours, practices and quotes containing text (or pinyin)."""
        from .query.search import search

        return Records(self._ask(lambda db: search(db, text, self.lang)))

    def practices(self, region: str | None = None) -> Records[Practice]:
        """The named practices and reforms, optionally of one region and its sub-units."""
        from .query.catalogue import all_practices

        return Records(self._ask(lambda db: all_practices(db, self.lang, region)))

    def info(self, entry_id: str) -> Entry:
        """One practice, designation or indicator by id, in full (description, quote, source)."""
        from .query.catalogue import entry

        return self._ask(lambda db: entry(db, entry_id, self.lang))

    def region_ids(self) -> list[str]:
        """Every region's id."""
        from .query.catalogue import region_ids

        return self._ask(region_ids)

    def indicator_ids(self) -> list[str]:
        """Every indicator's id."""
        from .query.catalogue import indicator_ids

        return self._ask(indicator_ids)

    def counts(self) -> Counts:
        """How many regions, indicators, figures, honours, practices and sources there are."""
        from .query.catalogue import counts

        return self._ask(counts)

    def export(self, target: PathLike) -> None:
        """Write a SQLite database for Datasette or any SQLite client, atomically.

        The tables are linked by foreign keys and searchable (FTS5); no path of this machine is
        kept inside.
        """
        from .atomic import replacing
        from .export.sqlite import write_sqlite

        def write(db: sqlite3.Connection) -> None:
            with replacing(target) as temp:
                write_sqlite(db, temp)

        self._ask(write)

    def export_datapackage(self, folder: PathLike) -> list[str]:
        """Write a Frictionless Data Package (CSV files, datapackage.json); list its files."""
        from pathlib import Path

        from .export.datapackage import write_datapackage

        return self._ask(lambda db: write_datapackage(db, Path(folder)))

    def datasette_metadata(self, database: str) -> dict[str, Any]:
        """Datasette metadata (titles, descriptions, units, links) for DATABASE.sqlite."""
        from .export.metadata import datasette_metadata

        return self._ask(lambda db: datasette_metadata(db, database, self.lang))

    def query(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
    ) -> Records[dict[str, Any]]:
        """Rows of one read-only SQL statement on the compiled store, each a dict by column.

        As sqlite-utils' ``db.query``: ``data.query("SELECT region, value FROM observations
        WHERE value > ?", [1000])``. Only reading is allowed (SELECT, WITH, and PRAGMAs that
        read): a statement that would write, attach a file or change a setting raises
        QueryError, and the store is left as it was. The tables are described in
        docs/data-format.md ("The store").
        """
        from .query.raw import read_only

        return Records(self._ask(lambda db: read_only(db, sql, params)))

    def close(self) -> None:
        """Close the store; questions asked after this raise ValueError."""
        self._closed = True
        self._store.connection.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def data_files(paths: PathLike | Sequence[PathLike] | None = None) -> tuple[str, ...]:
    """The data files to read: those given, else the bundled dataset."""
    if paths is None:
        return (bundled_data(),)
    if isinstance(paths, str | os.PathLike):
        return (os.fspath(paths),)
    return tuple(os.fspath(p) for p in paths) or (bundled_data(),)


def cache_folder(
    cache_dir: PathLike | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """Where compiled stores are kept: the folder given, else PINGAN_CACHE_DIR, else
    $XDG_CACHE_HOME/pingan, else ~/.cache/pingan."""
    environ = os.environ if environ is None else environ
    folder = os.fspath(cache_dir or environ.get("PINGAN_CACHE_DIR") or "")
    return folder or default_cache_dir(environ)


def clear_cache(cache_dir: PathLike | None = None) -> int:
    """Remove every compiled store from the cache folder; say how many were removed."""
    return store_cache.clear(cache_folder(cache_dir))


def filter_fields() -> tuple[str, ...]:
    """The fields figures are filtered and sorted on (``where``, ``sort``; --where, --sort)."""
    from .query.figures import FILTER_FIELDS

    return tuple(FILTER_FIELDS)


def check_conditions(conditions: Names) -> None:
    """Raise QueryError for a condition of ``where`` that cannot be read (before any store is
    opened)."""
    from .query.figures import parse_condition

    for condition in _strings(conditions):
        parse_condition(condition)


def _settings(
    paths: PathLike | Sequence[PathLike] | None,
    cache: bool,
    cache_dir: PathLike | None,
    allow_paths: Sequence[PathLike] = (),
) -> Settings:
    allowed: tuple[str, ...] = ()
    if allow_paths:  # (a warm run without them imports nothing more)
        from .load.containment import allowed_folders

        allowed = allowed_folders(allow_paths)
    return Settings(data_files(paths), cache_folder(cache_dir), cache, allowed)


def open(
    paths: PathLike | Sequence[PathLike] | None = None,
    *,
    lang: str = "zh",
    cache: bool = True,
    cache_dir: PathLike | None = None,
    progress: Progress | None = None,
    reporter: Reporter | None = None,
    allow_paths: Sequence[PathLike] = (),
) -> Dataset:
    """Open the bundled dataset, or the data files given (they merge), ready for questions.

    The compiled store is kept in ``cache_dir`` (default: PINGAN_CACHE_DIR, else the user's cache
    folder) and reused while the files are unchanged; ``cache=False`` builds it in memory.
    ``lang`` ("zh" or "en") picks the language of names. Invalid data raises DataError, listing
    every problem with its file, line and column. A data file may name CSV files only inside its
    own folder, or inside a folder of ``allow_paths`` (the command line's --allow-path).
    """
    settings = _settings(paths, cache, cache_dir, allow_paths)
    return Dataset(settings, lang, progress, reporter)


def validate(
    paths: PathLike | Sequence[PathLike] | None = None, allow_paths: Sequence[PathLike] = ()
) -> Counts:
    """Check data files (in memory, bypassing the cache); raise DataError naming every problem."""
    with open(paths, cache=False, allow_paths=allow_paths) as data:
        return data.counts()
