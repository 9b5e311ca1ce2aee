"""Bulk observations from CSV files, validated row by row and streamed into the store.

A CSV file named under ``observation_files`` has a header row naming its columns: region,
indicator, period, value and unit are required; qualifier, as_written, source, quote and note are
optional. Periods are written 2023, "since 2023", 2022-01..2023-06 or 2022-04.. .
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from .checks import suggest
from .loader import friendly
from .models import IndicatorKind, Observation
from .problems import DataError, Problem
from .store import ObservationRow, observation_row
from .yamlread import decode, resolve_plain

if TYPE_CHECKING:
    from .loader import Loaded

REQUIRED = ("region", "indicator", "period", "value", "unit")
OPTIONAL = ("qualifier", "as_written", "source", "quote", "note")
MAX_PROBLEMS = 50
MAX_CSV_BYTES = 4 * 1024 * 1024 * 1024
_ADAPTER: TypeAdapter[Observation] = TypeAdapter(Observation)
_RANGE = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)\.\.(\d{4}-\d{2}(?:-\d{2})?)?$")
_SINCE = re.compile(r"^since (\d{4})$")


def parse_period(text: str) -> Any:
    """A period as written in a CSV cell, as the value the Period model takes."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if match := _SINCE.match(text):
        return {"year": int(match.group(1)), "since": True}
    if match := _RANGE.match(text):
        start, end = match.groups()
        return {"start": start} if end is None else {"start": start, "end": end}
    return text


def _open_text(path: Path) -> io.TextIOBase:
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw = path.read_bytes()
        return io.StringIO(decode(raw, str(path)), newline="")
    return open(path, encoding="utf-8-sig", newline="", errors="strict")


def read_csv(path: Path, default_source: str | None, loaded: Loaded) -> Iterator[ObservationRow]:
    """Yield store rows for every valid row; raise DataError at the end if any row was bad."""
    name = str(path)
    regions = {e.model.id for e in loaded.entries["regions"]}
    indicators = {e.model.id: e.model for e in loaded.entries["indicators"]}
    sources = {e.model.id for e in loaded.entries["sources"]}
    problems: list[Problem] = []
    bad_rows = 0

    def report(line: int, column: int | None, message: str) -> None:
        nonlocal bad_rows
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(name, line, column, message))

    try:
        handle = _open_text(path)
    except OSError as error:
        raise DataError([Problem(name, None, None, f"cannot read: {error.strerror}")]) from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as error:
            raise DataError(
                [Problem(name, 1, None, f"is not a readable CSV file: {error}")]
            ) from None
        if header is None:
            raise DataError([Problem(name, None, None, "is empty; it needs a header row")])
        header = [h.strip() for h in header]
        unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
        missing = [h for h in REQUIRED if h not in header]
        if unknown or missing:
            parts = []
            if missing:
                parts.append(f"missing column(s) {', '.join(missing)}")
            if unknown:
                parts.append(f"unknown column(s) {', '.join(unknown)}")
            raise DataError(
                [
                    Problem(
                        name,
                        1,
                        None,
                        "; ".join(parts) + f"; columns are {', '.join(REQUIRED + OPTIONAL)}",
                    )
                ]
            )
        columns = {h: i for i, h in enumerate(header)}
        width = len(header)
        line = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                report(reader.line_num, None, f"is not valid CSV here: {error}")
                bad_rows += 1
                break
            except UnicodeDecodeError:
                raise DataError(
                    [
                        *problems,
                        Problem(
                            name, reader.line_num, None, "is not UTF-8 text; re-save it as UTF-8"
                        ),
                    ]
                ) from None
            line = reader.line_num
            if not cells:
                continue
            if len(cells) != width:
                report(line, None, f"has {len(cells)} cells; the header has {width}")
                bad_rows += 1
                continue
            item: dict[str, Any] = {}
            for key, index in columns.items():
                cell = cells[index]
                if cell == "" and key not in REQUIRED:
                    continue
                if key == "value":
                    item[key] = resolve_plain(cell.strip())
                elif key == "period":
                    item[key] = parse_period(cell)
                else:
                    item[key] = cell
            if "source" not in item and default_source is not None:
                item["source"] = default_source
            try:
                obs = _ADAPTER.validate_python(item)
            except ValidationError as error:
                for detail in error.errors(include_url=False):
                    inner, message = friendly(dict(detail), item)
                    field = str(inner[0]) if inner else None
                    column = columns[field] + 1 if field in columns else None
                    report(line, column, f"{field}: {message}" if field else message)
                bad_rows += 1
                continue
            ok = True
            for field, value, known, what in (
                ("region", obs.region, regions, "region"),
                ("indicator", obs.indicator, indicators, "indicator"),
                ("source", obs.source, sources, "source"),
            ):
                if value not in known:
                    report(
                        line,
                        columns.get(field, -1) + 1,
                        f"unknown {what} '{value}'{suggest(value, known)}",
                    )
                    ok = False
            indicator = indicators.get(obs.indicator)
            if indicator is not None:
                if obs.unit != indicator.unit:
                    report(
                        line,
                        columns["unit"] + 1,
                        f"unit '{obs.unit}' does not match indicator "
                        f"'{indicator.id}', measured in '{indicator.unit}'",
                    )
                    ok = False
                elif indicator.kind is IndicatorKind.level and obs.value < 0:
                    report(
                        line,
                        columns["value"] + 1,
                        f"indicator '{indicator.id}' is a level and cannot be negative",
                    )
                    ok = False
            if not ok:
                bad_rows += 1
                continue
            yield observation_row(obs)
    if bad_rows:
        if bad_rows > len(problems):
            problems.append(Problem(name, None, None, f"{bad_rows:,} rows in all are invalid"))
        raise DataError(problems)


def read_observation_files(loaded: Loaded) -> Iterator[ObservationRow]:
    """Rows of every CSV file the dataset names, in order."""
    for path, spec, _entry in loaded.observation_files:
        yield from read_csv(path, spec.source, loaded)
