"""Bulk observations from CSV files, validated row by row and streamed into the store.

A CSV file named under ``observation_files`` has a header row naming its columns: region,
indicator, period, value and unit are required; qualifier, as_written, source, quote and note are
optional. Periods are written as their labels: 2023, "since 2023", 2022-01..2023-06, 2018..2020,
2022-04.., "to 2022" or "recent years to 2024".

Every row obeys the rules of the Observation model, and the checks a YAML observation gets
(known region, indicator and source; the indicator's unit; no negative level). A million rows
through pydantic one by one would take most of a minute, so rows take one of two paths:

- the fast path accepts a row only when every cell is plainly right: ids that are known (and so
  valid), a period it has seen validated by the model before, a plain finite number, the
  indicator's own unit, a known qualifier, texts within their lengths. It builds no model.
- any row it does not accept goes through the model itself, which decides, and words the errors
  with the CSV file, line and column.

tests/test_bulk_csv.py proves that the two paths accept and reject the same rows and give the same
store rows. A (region, indicator, period, source) seen twice, in the CSV files or in the YAML, is
an error naming both places.
"""

from __future__ import annotations

import csv
import json
import math
import operator
import re
from collections import Counter
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError

from ..load.checks import against_indicator
from ..load.entries import Loaded
from ..load.limits import SHORT_TEXT_MAX, TEXT_MAX
from ..load.models import INT_LIMIT, IndicatorKind, Observation, Period
from ..load.problems import DataError, Problem
from ..load.scalars import resolve_plain
from ..load.textfile import first_bad_text, open_csv_text
from ..load.validation_errors import explain
from ..records.base import MARKS as _MARKS
from ..records.numbers import Qualifier
from ..suggest import did_you_mean
from .build import BATCH_ROWS, ObservationRow, observation_row, period_columns

REQUIRED = ("region", "indicator", "period", "value", "unit")
OPTIONAL = ("qualifier", "as_written", "source", "quote", "note")
COLUMNS = REQUIRED + OPTIONAL
MAX_PROBLEMS = 100
PERIOD_FORMS = (
    "2023, since 2023, 2022-01..2023-06, 2018..2020, 2022-04.., to 2022, to 2024-12-23 or "
    "recent years to 2024"
)
_ADAPTER: TypeAdapter[Observation] = TypeAdapter(Observation)
_PERIOD: TypeAdapter[Period] = TypeAdapter(Period)
_RANGE = re.compile(
    r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)\.\.([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)?"
)
_SINCE = re.compile(r"since ([0-9]{4})")
_UNTIL = re.compile(r"(recent years )?to ([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)")
_QUALIFIERS = {q.value: q.value for q in Qualifier}
_PERIOD_CACHE = 10_000

PeriodParts = tuple[str, "int | None", "int | None", int, str, str]
# An indicator as the fast path sees it: unit, level (never negative), its part of a figure's
# key, change (written with a sign), the number format and the text after the number.
Unit = tuple[str, bool, int, bool, str, str]
_NUMBER_CHARACTERS = frozenset("0123456789-.,")
_QUALIFIER_CELLS = {"": "exact", **{q.value: q.value for q in Qualifier}}


def parse_period(text: str) -> Any:
    """A period as written in a CSV cell, as the value the Period model takes.

    An unrecognised form is returned as the text, which the model refuses.
    """
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    if match := _SINCE.fullmatch(text):
        return {"year": int(match.group(1)), "since": True}
    if match := _RANGE.fullmatch(text):
        start, end = match.groups()
        return {"start": start} if end is None else {"start": start, "end": end}
    if match := _UNTIL.fullmatch(text):
        until = match.group(2)
        return {
            "until": int(until) if len(until) == 4 else until,
            "recent": match.group(1) is not None,
        }
    return text


def _figure_text(number: int | float, how: str, expected: Unit) -> str:
    """The figure as records.display writes it when the source's wording is not kept."""
    # NOTE: format(number, ",") costs five times str(number); the figures of most rows are
    # grouped here instead, as records.display writes them (proved equal by tests).
    kind = number.__class__
    if (kind is int and -1_000_000 < number < 1_000_000) or (
        kind is float and -1000.0 < number < 1000.0
    ):
        digits = str(number)
        if kind is int and len(digits) > 3 and digits[-4] != "-":
            digits = f"{digits[:-3]},{digits[-3:]}"
        if expected[3] and digits[0] != "-":
            digits = "+" + digits
    else:
        digits = format(number, expected[4])
    return f"{_MARKS[how]}{digits}{expected[5]}" if how in _MARKS else digits + expected[5]


class Catalogue:
    """The ids rows may name, and a compact identity for every figure of the dataset."""

    def __init__(self, loaded: Loaded) -> None:
        self.regions = {e.model.id: n for n, e in enumerate(loaded.entries["regions"])}
        self.indicators = {e.model.id: e.model for e in loaded.entries["indicators"]}
        self.sources = {e.model.id: n for n, e in enumerate(loaded.entries["sources"])}
        # unit, whether it is a level (never negative), position, kind, and how its figures are
        # written when the source's wording is not kept (records.display, proved equal by tests)
        self.units = {
            i.id: (
                i.unit,
                i.kind is IndicatorKind.level,
                n,
                str(i.kind),
                "+," if i.kind is IndicatorKind.change else ",",
                i.unit if i.unit == "%" else f" {i.unit}",
            )
            for n, i in enumerate(self.indicators.values())
        }
        self.labels: dict[str, int] = {}
        self.sizes = (len(self.regions), len(self.units), len(self.sources))

    def key(self, region: str, indicator: str, label: str, source: str) -> int | None:
        """(region, indicator, period, source) as one int; None if an id is unknown."""
        r = self.regions.get(region)
        i = self.units.get(indicator)
        s = self.sources.get(source)
        if r is None or i is None or s is None:
            return None
        return self.combine(self.label(label), r, i[2], s)

    def label(self, label: str) -> int:
        """A number for a period label, the same every time it is asked."""
        return self.labels.setdefault(label, len(self.labels))

    def combine(self, period: int, region: int, indicator: int, source: int) -> int:
        """One int from the positions of the four parts of a figure's identity."""
        regions, indicators, sources = self.sizes
        return ((period * regions + region) * indicators + indicator) * sources + source


class RowChecker:
    """Checks the rows of one CSV file against a dataset's catalogues.

    ``fast`` and ``slow`` take the cells of one row, in the file's column order. ``fast`` returns
    the store row or None, and leaves the row's identity in ``key``; ``slow`` returns the store
    row or the problems, as (column, message).
    """

    def __init__(self, catalogue: Catalogue, header: list[str], default_source: str | None) -> None:
        self.catalogue = catalogue
        self.columns = {name: index for index, name in enumerate(header)}
        self.width = len(header)
        self.default_source = default_source
        self.key = 0
        # The parts of a figure's key (Catalogue.combine) multiplied out: the fast path adds them.
        regions, indicators, sources = catalogue.sizes
        self._label_step = regions * indicators * sources
        self._regions = {r: n * indicators * sources for r, n in catalogue.regions.items()}
        self._units: dict[str, Unit] = {
            i: (unit, level, n * sources, kind == "change", spec, suffix)
            for i, (unit, level, n, kind, spec, suffix) in catalogue.units.items()
        }
        self._sources = catalogue.sources
        # A source cell as the source it cites: itself if known, the file's default if empty.
        self._cited: dict[str, str] = {name: name for name in catalogue.sources}
        if default_source is not None and default_source in catalogue.sources:
            self._cited[""] = default_source
        self._periods: dict[str, tuple[*PeriodParts, int] | None] = {}
        # Cells of absent optional columns read as empty: they are looked up past the end.
        self._get = operator.itemgetter(*(self.columns.get(name, self.width) for name in COLUMNS))
        self._pad = any(name not in self.columns for name in COLUMNS)
        self._plain = list(header) == list(COLUMNS)

    def _period(self, text: str) -> tuple[*PeriodParts, int] | None:
        """The period's store columns and its part of a figure's key; None if not plainly valid."""
        cached = self._periods.get(text, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        parsed = parse_period(text)
        result = None
        if not isinstance(parsed, str):
            try:
                parts = period_columns(_PERIOD.validate_python(parsed))
            except ValidationError:
                pass
            else:
                result = (*parts, self.catalogue.label(parts[0]) * self._label_step)
        if len(self._periods) < _PERIOD_CACHE:
            self._periods[text] = result
        return result

    def fast(self, cells: list[str]) -> ObservationRow | None:
        """The store row if the row is plainly valid; None means "ask the model"."""
        if len(cells) != self.width:
            return None
        if self._plain:
            region, indicator, period, value, unit, qualifier, as_written, source, quote, note = (
                cells
            )
        else:
            if self._pad:
                cells = [*cells, ""]
            (region, indicator, period, value, unit, qualifier, as_written, source, quote, note) = (
                self._get(cells)
            )
        region_part = self._regions.get(region)
        if region_part is None:
            return None
        expected = self._units.get(indicator)
        if expected is None or unit != expected[0]:
            return None
        found = self._periods.get(period) or self._period(period)
        if found is None:
            return None
        # NOTE: most figures are plain decimals: int() or float() of ASCII digits (a minus sign
        # at most, no leading zero, short enough to be finite) reads exactly what resolve_plain
        # would, without its regular expressions.
        number: int | float
        if value.isdigit() and value.isascii() and len(value) < 19 and value[0] != "0":
            number = int(value)
        else:
            whole, point, fraction = (value[1:] if value[:1] == "-" else value).partition(".")
            if (
                whole.isdigit()
                and whole.isascii()
                and (whole[0] != "0" or len(whole) == 1)
                and len(value) < 19
                and (not point or (fraction.isdigit() and fraction.isascii()))
            ):
                number = float(value) if point else int(value)
            else:
                number = resolve_plain(value.strip())
                kind = type(number)
                if kind is int:
                    if not -INT_LIMIT <= number < INT_LIMIT:
                        return None
                elif kind is not float or not math.isfinite(number):
                    return None
            if expected[1] and number < 0:
                return None
        how = _QUALIFIERS.get(qualifier) if qualifier else "exact"
        if how is None:
            return None
        if (as_written or quote or note) and (
            len(as_written) > SHORT_TEXT_MAX or len(quote) > TEXT_MAX or len(note) > TEXT_MAX
        ):
            return None
        cited = source or self.default_source
        source_index = self._sources.get(cited) if cited is not None else None
        if source_index is None:
            return None
        self.key = found[6] + region_part + expected[2] + source_index
        shown = as_written or _figure_text(number, how, expected)
        # Absent optional texts stay "": the insert stores them as NULL (store.OPTIONAL). The
        # unit is the indicator's own string (equal to the cell): SQLite is given its UTF-8 once.
        return (
            region,
            indicator,
            found[0],
            found[1],
            found[2],
            found[3],
            found[4],
            found[5],
            number,
            expected[0],
            how,
            as_written,
            shown,
            cited,
            quote,
            note,
        )

    def fast_batch(
        self, batch: list[list[str]], keyed: bool = True
    ) -> tuple[list[ObservationRow], list[int]] | None:
        """The store rows and keys of a batch whose every row is plainly valid, else None.

        Without ``keyed`` the keys are left out (an empty list).

        The same rows and keys as ``fast`` row by row (tests prove it), checked column by column
        by C loops (map, zip, min, max) instead of a Python step per row. None means "row by row".
        """
        if not self._plain or not batch:
            return None
        try:
            region, indicator, period, value, unit, qualifier, as_written, source, quote, note = (
                zip(*batch, strict=True)
            )
        except ValueError:  # rows of other lengths, or empty lines
            return None
        found_regions = list(map(self._regions.get, region))
        found_units = list(map(self._units.get, indicator))
        if None in found_regions or None in found_units:
            return None
        region_parts = cast(list[int], found_regions)
        units = cast(list[Unit], found_units)
        own_units = list(map(itemgetter(0), units))
        if not all(map(operator.eq, unit, own_units)):
            return None
        found = {text: self._periods.get(text) or self._period(text) for text in set(period)}
        if None in found.values():
            return None
        periods = cast(list[tuple[*PeriodParts, int]], list(map(found.__getitem__, period)))
        # Plain decimals only (as fast reads them): digits, a minus and a point, no leading zero,
        # under 19 characters. In that alphabet JSON's number is exactly that form, and json
        # reads it as int() or float() would, all the batch's numbers in one C call.
        joined = ",".join(value)
        if (
            max(map(len, value)) >= 19
            or not all(value)  # an empty cell: one row's "" would join to "[]", no number
            or joined.count(",") != len(value) - 1
            or not _NUMBER_CHARACTERS.issuperset(joined)
        ):
            return None
        try:
            numbers: list[int | float] = json.loads(f"[{joined}]")
        except ValueError:
            return None
        if min(numbers) < 0 and any(
            map(operator.and_, map(itemgetter(1), units), map(operator.lt, numbers, repeat(0)))
        ):
            return None  # a negative level
        found_hows = list(map(_QUALIFIER_CELLS.get, qualifier))
        if None in found_hows:
            return None
        hows = cast(list[str], found_hows)
        if max(map(len, as_written)) > SHORT_TEXT_MAX or max(map(len, quote + note)) > TEXT_MAX:
            return None
        found_cited = list(map(self._cited.get, source))
        if None in found_cited:
            return None
        cited = cast(list[str], found_cited)
        keys: list[int] = []
        if keyed:
            source_parts = map(self._sources.__getitem__, cited)
            keys = list(
                map(
                    operator.add,
                    map(operator.add, map(itemgetter(6), periods), region_parts),
                    map(operator.add, map(itemgetter(2), units), source_parts),
                )
            )
        shown = [
            a or _figure_text(n, h, u)
            for a, n, h, u in zip(as_written, numbers, hows, units, strict=True)
        ]
        labels, years, year_ends, sinces, starts, ends, _ = zip(*periods, strict=True)
        rows: list[ObservationRow] = list(
            zip(
                region,
                indicator,
                labels,
                years,
                year_ends,
                sinces,
                starts,
                ends,
                numbers,
                own_units,
                hows,
                as_written,
                shown,
                cited,
                quote,
                note,
                strict=True,
            )
        )
        return rows, keys

    def item(self, cells: list[str]) -> dict[str, Any]:
        """The row as the plain values the Observation model is given."""
        item: dict[str, Any] = {}
        for key, index in self.columns.items():
            cell = cells[index]
            if cell == "" and key not in REQUIRED:
                continue
            if key == "value":
                item[key] = resolve_plain(cell.strip())
            elif key == "period":
                item[key] = parse_period(cell)
            else:
                item[key] = cell
        if "source" not in item and self.default_source is not None:
            item["source"] = self.default_source
        return item

    def slow(self, cells: list[str]) -> ObservationRow | list[tuple[int | None, str]]:
        """Validate the row with the model; the store row, or every problem found."""
        if len(cells) != self.width:
            return [(None, f"has {len(cells):,} cells; the header has {self.width}")]
        item = self.item(cells)
        try:
            obs = _ADAPTER.validate_python(item)
        except ValidationError as error:
            by_field: dict[str | None, tuple[int | None, str]] = {}
            for detail in error.errors(include_url=False):
                inner, message = explain(dict(detail), item)
                field = str(inner[0]) if inner else None
                if field == "period" and isinstance(item.get("period"), str):
                    message = f"'{item['period']}' is not a period: write {PERIOD_FORMS}"
                # One message a field: a number that is neither int nor float is one problem.
                by_field.setdefault(
                    field, (self._column(field), f"{field}: {message}" if field else message)
                )
            return list(by_field.values())
        found = []
        for field, value, known, what in (
            ("region", obs.region, self.catalogue.regions, "region"),
            ("indicator", obs.indicator, self.catalogue.indicators, "indicator"),
            ("source", obs.source, self.catalogue.sources, "source"),
        ):
            if value not in known:
                found.append(
                    (self._column(field), f"unknown {what} '{value}'{did_you_mean(value, known)}")
                )
        indicator = self.catalogue.indicators.get(obs.indicator)
        if indicator is not None:
            for field, message in against_indicator(obs, indicator):
                found.append((self._column(field), message))
        if found:
            return found
        self.key = self.catalogue.key(obs.region, obs.indicator, obs.period.label, obs.source) or 0
        assert indicator is not None  # a known indicator, checked above
        return observation_row(obs, str(indicator.kind))

    def check(self, cells: list[str]) -> ObservationRow | list[tuple[int | None, str]]:
        """The store row by the quickest check that can decide, or every problem found."""
        row = self.fast(cells)
        return self.slow(cells) if row is None else row

    def _column(self, field: str | None) -> int | None:
        index = self.columns.get(field) if field is not None else None
        return None if index is None else index + 1


class BulkReader:
    """Reads every CSV file of a dataset, sharing what duplicate checks need across files."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []
        # The hash of each file's bytes, in order, as its rows were read (see _opened).
        self.digests: list[str] = []
        self.bad_rows = 0
        self.unshown = 0
        self._files: list[str] = [str(path) for path, _spec, _entry in loaded.observation_files]
        self.catalogue = Catalogue(loaded)
        # NOTE: one int per figure, not a tuple of four strings: a million stay near 100 MB.
        # A value is where the figure was first seen: line * files + file, or -1 - YAML entry.
        self._seen: dict[int, int] = {}
        self._yaml_places: list[str] = []
        for entry in loaded.entries["observations"]:
            obs = entry.model
            key = self.catalogue.key(obs.region, obs.indicator, obs.period.label, obs.source)
            if key is not None and key not in self._seen:
                self._seen[key] = -1 - len(self._yaml_places)
                self._yaml_places.append(entry.place())

    def _place(self, origin: int, file_index: int) -> str:
        if origin < 0:
            return self._yaml_places[-1 - origin]
        line, index = divmod(origin, len(self._files))
        return f"line {line}" if index == file_index else f"{self._files[index]}:{line}"

    def quick_batches(self) -> Iterator[list[ObservationRow]]:
        """Store rows of every file, a batch at a time, checked but for repeated figures.

        A repeat is found by the store's unique index on (region, indicator, period, source),
        and named by ``report_repeats``. At the first bad row every file is read again by
        ``batches``, which names every problem (DataError).
        """
        for path, spec, _entry in self.loaded.observation_files:
            clean = yield from self._read_quick(path, spec.source)
            if not clean:
                for _ in BulkReader(self.loaded).batches():
                    pass
                raise RuntimeError(f"{path}: a bad row that a full check did not find")

    def _read_quick(
        self, path: Path, default_source: str | None
    ) -> Generator[list[ObservationRow], None, bool]:
        """The file's rows a batch at a time; False at the first problem, True at the end."""
        with self._opened(path, default_source) as (reader, checker):
            while True:
                try:
                    read = list(islice(reader, BATCH_ROWS))
                except (csv.Error, UnicodeDecodeError):
                    return False
                if not read:
                    return True
                checked = checker.fast_batch(read, keyed=False)
                if checked is not None:
                    yield checked[0]
                    continue
                batch: list[ObservationRow] = []
                for cells in read:
                    if not cells:
                        continue
                    row = checker.check(cells)
                    if isinstance(row, list):
                        return False
                    batch.append(row)
                if batch:
                    yield batch

    def batches(self) -> Iterator[list[ObservationRow]]:
        """Store rows of every file, in order, a batch at a time; DataError at the end if any row
        was bad."""
        for index, (path, spec, _entry) in enumerate(self.loaded.observation_files):
            yield from self._read(path, spec.source, index)
        if self.problems:
            if self.unshown:
                self.problems.append(
                    Problem(
                        self._files[0] if len(self._files) == 1 else "observation files",
                        None,
                        None,
                        f"{self.bad_rows:,} rows in all are invalid; the first are shown",
                    )
                )
            raise DataError(self.problems)

    def _read(
        self, path: Path, default_source: str | None, file_index: int
    ) -> Iterator[list[ObservationRow]]:
        name = str(path)
        with self._opened(path, default_source) as (reader, checker):
            seen = self._seen
            first_place = seen.setdefault
            files = len(self._files)
            count = 0

            def report(line: int, column: int | None, message: str) -> None:
                nonlocal count
                if count < MAX_PROBLEMS:
                    self.problems.append(Problem(name, line, column, message))
                else:
                    self.unshown += 1
                count += 1

            end = reader.line_num
            more = True
            while more:
                read: list[list[str]] = []
                ends: list[int] = []  # the line each row ends on
                failure: tuple[int, int | None, str] | None = None
                try:
                    for cells in islice(reader, BATCH_ROWS):
                        read.append(cells)
                        ends.append(reader.line_num)
                except csv.Error as error:
                    failure = (
                        ends[-1] + 1 if ends else end + 1,
                        None,
                        f"is not valid CSV here: {error}",
                    )
                except UnicodeDecodeError:
                    failure = first_bad_text(path)
                more = len(read) == BATCH_ROWS and failure is None
                checked = checker.fast_batch(read)
                if checked is not None and seen.keys().isdisjoint(checked[1]):
                    rows, keys = checked
                    if len(set(keys)) == len(keys):
                        # Where each row starts: the line after the one the row before ends on.
                        lines = [end + 1, *map(operator.add, ends[:-1], repeat(1))]
                        places = lines if files == 1 else [n * files + file_index for n in lines]
                        seen.update(zip(keys, places, strict=True))
                        end = ends[-1]
                        yield rows
                        read = []
                batch: list[ObservationRow] = []
                for cells, row_end in zip(read, ends, strict=False):
                    line = end + 1
                    end = row_end
                    if not cells:
                        continue
                    row = checker.check(cells)
                    if isinstance(row, list):
                        for column, message in row:
                            report(line, column, message)
                        self.bad_rows += 1
                        continue
                    here = line * files + file_index
                    first = first_place(checker.key, here)
                    if first != here:
                        report(
                            line,
                            None,
                            f"repeats the figure at {self._place(first, file_index)}: the "
                            f"same region, indicator, period and source ({row[0]}/{row[1]}/"
                            f"{row[2]}/{row[13]}); keep one",
                        )
                        self.bad_rows += 1
                        continue
                    batch.append(row)
                if batch:
                    yield batch
                if failure is not None:
                    report(*failure)
                    self.bad_rows += 1

    @contextmanager
    def _opened(self, path: Path, default_source: str | None) -> Iterator[tuple[Any, RowChecker]]:
        """The file's CSV reader, past its header row, and the checker of its rows; once it has
        been read to the end, the hash of its bytes is added to ``digests``."""
        name = str(path)
        opened = open_csv_text(path, name)
        with opened.stream as handle:
            reader = csv.reader(handle, strict=True)
            header = self._header(reader, path, name)
            yield reader, RowChecker(self.catalogue, header, default_source)
        self.digests.append(opened.digest.hexdigest())

    def _header(self, reader: Any, path: Path, name: str) -> list[str]:
        try:
            header = next(reader, None)
        except UnicodeDecodeError:
            # Text is decoded a block at a time: the bad byte may be many lines down.
            line, column, message = first_bad_text(path)
            raise DataError.at(name, message, line, column) from None
        except csv.Error as error:
            raise DataError.at(name, f"is not a readable CSV file: {error}", 1) from None
        if header is None:
            raise DataError.at(name, "is empty; it needs a header row", 1, 1)
        header = [h.strip() for h in header]
        # NOTE: counted once, not header.count() per column: a header of a million columns is
        # a hostile file's, and must cost a million steps, not a million squared.
        counts = Counter(header)
        unknown = [h for h in counts if h not in COLUMNS]
        missing = [h for h in REQUIRED if h not in counts]
        twice = sorted(h for h, n in counts.items() if n > 1)
        if unknown or missing or twice:
            parts = []
            if len(header) > len(COLUMNS):
                parts.append(f"{len(header):,} columns, where {len(COLUMNS)} are known")
            if missing:
                parts.append(f"missing column(s) {', '.join(missing)}")
            if unknown:
                parts.append(f"unknown column(s) {_some(unknown)}")
            if twice:
                parts.append(f"column(s) named twice: {_some(twice)}")
            raise DataError.at(name, "; ".join(parts) + f"; columns are {', '.join(COLUMNS)}", 1)
        return header


def _some(names: list[str], shown: int = 5, longest: int = 40) -> str:
    """A few names, each cut short, and how many more: a message stays a line."""
    cut = [n if len(n) <= longest else n[: longest - 1] + "…" for n in names[:shown]]
    more = f" and {len(names) - shown:,} more" if len(names) > shown else ""
    return ", ".join(cut) + more


def read_observation_files(loaded: Loaded) -> Iterator[list[ObservationRow]]:
    """Rows of every CSV file the dataset names, a batch at a time; DataError names every bad
    row. A figure given twice is left to the store's unique index (see report_repeats)."""
    return BulkReader(loaded).quick_batches()


def report_repeats(loaded: Loaded) -> None:
    """Read every CSV file with every check, repeated figures too: DataError names each problem.

    Called when the store's unique index refused a figure given twice; returns only if no file
    repeats a figure (so the index refused something else).
    """
    for _ in BulkReader(loaded).batches():
        pass
