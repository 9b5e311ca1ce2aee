"""Bulk observations from CSV: a good file, bad rows named by line and column, bad files.

The datasets are small ones from benchmarks/generate.py (the benchmark's own generator), so the
format the benchmark measures is the format tested here. The fast path of bulk_rows is checked
against the model (pydantic) path: both must accept and reject the same rows, with the same result.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pingan_cli.load.entries import Loaded
from pingan_cli.load.loader import load_paths
from pingan_cli.store.csvrows import COLUMNS, MAX_PROBLEMS, Catalogue, RowChecker

from ..helpers import pingan

HEADER = ",".join(COLUMNS)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _first(dataset: Path) -> dict[str, str]:
    return _csv_rows(dataset.with_name("observations.csv"))[0]


def _line(row: dict[str, str], **changes: str) -> str:
    values = {**row, **changes}
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([values.get(c, "") for c in COLUMNS])
    return buffer.getvalue()


# --- a good file ---------------------------------------------------------------------------------


def test_generated_dataset_validates(small_dataset: Path) -> None:
    result = pingan(["validate", str(small_dataset)])
    assert result.exit_code == 0, result.output
    assert "2000 observations" in result.stdout


def test_every_csv_row_reaches_the_store_as_written(small_dataset: Path) -> None:
    result = pingan(["--data", str(small_dataset), "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    stored = json.loads(result.stdout)
    written = _csv_rows(small_dataset.with_name("observations.csv"))
    assert len(stored) == len(written) == 2000
    by_key = {(o["region"], o["indicator"], o["period"], o["source"]): o for o in stored}
    for row in written:
        source = row["source"] or "synthetic-national-survey"
        got = by_key[(row["region"], row["indicator"], row["period"], source)]
        expected_value: Any = float(row["value"]) if "." in row["value"] else int(row["value"])
        assert got["value"] == expected_value
        assert type(got["value"]) is type(expected_value)
        assert got["unit"] == row["unit"]
        assert got["qualifier"] == (row["qualifier"] or "exact")
        assert got["quote"] == (row["quote"] or None)
        if row["as_written"]:
            assert got["display"] == row["as_written"]


def test_optional_columns_may_be_left_out(dataset: Path) -> None:
    row = _first(dataset)
    csv_path = dataset.with_name("observations.csv")
    _write(
        csv_path,
        [
            "unit,value,period,indicator,region",
            f"{row['unit']},{row['value']},{row['period']},{row['indicator']},{row['region']}",
        ],
    )
    result = pingan(["--data", str(dataset), "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    [stored] = json.loads(result.stdout)
    assert stored["source"] == "synthetic-national-survey"
    assert stored["qualifier"] == "exact"


@pytest.mark.parametrize(
    ("period", "label", "year"),
    [
        ("2021", "2021", 2021),
        ("since 2021", "since 2021", 2021),
        ("2022-01..2023-06", "2022-01..2023-06", 2022),
        ("2022-04..", "2022-04..", 2022),
    ],
)
def test_period_forms(dataset: Path, period: str, label: str, year: int) -> None:
    row = _first(dataset)
    _write(dataset.with_name("observations.csv"), [HEADER, _line(row, period=period)])
    result = pingan(["--data", str(dataset), "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    [stored] = json.loads(result.stdout)
    assert stored["period"] == label


def test_utf8_bom_and_utf16_are_read(dataset: Path) -> None:
    csv_path = dataset.with_name("observations.csv")
    text = csv_path.read_text(encoding="utf-8")
    for encoded in (
        codecs.BOM_UTF8 + text.encode(),
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    ):
        csv_path.write_bytes(encoded)
        result = pingan(["validate", str(dataset)])
        assert result.exit_code == 0, result.output
        assert "2000 observations" in result.stdout


# --- bad rows, named by line and column ----------------------------------------------------------


def _errors(dataset: Path) -> str:
    result = pingan(["validate", str(dataset)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.stderr


def test_bad_rows_are_named_by_line_and_column(dataset: Path) -> None:
    row = _first(dataset)
    csv_path = dataset.with_name("observations.csv")
    name = str(csv_path)
    level_indicator = "criminal-cases"
    _write(
        csv_path,
        [
            HEADER,
            _line(row),  # line 2: fine
            _line(row, region=row["region"] + "x", period="2017"),  # 3: unknown region
            _line(row, value="12万", period="2018"),  # 4: not a number
            _line(row, indicator=level_indicator, unit="件", value="-5", period="2019"),  # 5
            _line(row, unit="kg", period="2020"),  # 6: wrong unit
            _line(row, period="2023年"),  # 7: not a period
            _line(row, qualifier="about", period="2021"),  # 8: bad qualifier
            _line(row, source="no-such-source", period="2022"),  # 9: unknown source
            _line(row, period="2022-13.."),  # 10: no month 13
            _line(row, value="99999999999999999999", period="2023"),  # 11: too big to store
            row["region"] + ",too,few",  # 12: wrong number of cells
            _line(row, region="", period="2019"),  # 13: empty required cell
        ],
    )
    err = _errors(dataset)
    assert f"{name}:3:1: unknown region '{row['region']}x'; did you mean {row['region']}" in err
    assert f"{name}:4:4: value: expected a number, got the text '12万'" in err
    assert err.count(f"{name}:4:") == 1
    assert f"{name}:5:4: indicator '{level_indicator}' is a level and cannot be negative" in err
    assert f"{name}:6:5: unit 'kg' does not match indicator" in err
    assert f"{name}:7:3: period: '2023年' is not a period: write 2023, since 2023" in err
    assert f"{name}:8:6: qualifier:" in err
    assert f"{name}:9:8: unknown source 'no-such-source'" in err
    assert f"{name}:10:3: period: '2022-13' has no month 13" in err
    assert f"{name}:11:4: value: 99999999999999999999 is too large to store" in err
    assert f"{name}:12: has 3 cells; the header has 10" in err
    assert f"{name}:13:1: region:" in err
    assert f"{name}:2" not in err


def test_a_file_of_one_row_with_an_empty_value_is_a_located_problem(dataset: Path) -> None:
    """A last batch of one row whose value is empty used to end in a traceback (min of [])."""
    csv_path = dataset.with_name("observations.csv")
    _write(csv_path, [HEADER, _line(_first(dataset), value="")])
    result = pingan(["validate", str(dataset)])
    assert result.exit_code == 1, result.output
    assert f"{csv_path}:2:4: value:" in result.stderr
    assert "Traceback" not in result.output


def test_line_numbers_count_quoted_newlines(dataset: Path) -> None:
    row = _first(dataset)
    csv_path = dataset.with_name("observations.csv")
    _write(
        csv_path,
        [HEADER, _line(row, quote="第一行\n第二行\n第三行", period="2017"), _line(row, value="x")],
    )
    assert f"{csv_path}:5:4: value: expected a number" in _errors(dataset)


def test_duplicate_rows_name_both_lines(dataset: Path) -> None:
    row = _first(dataset)
    csv_path = dataset.with_name("observations.csv")
    _write(csv_path, [HEADER, _line(row), _line(row, period="2019"), _line(row, value="7")])
    err = _errors(dataset)
    assert f"{csv_path}:4: repeats the figure at line 2: the same region, indicator" in err
    assert "1 problem in the data" in err


def test_a_repeated_figure_and_a_bad_row_are_both_named_in_line_order(dataset: Path) -> None:
    row = _first(dataset)
    csv_path = dataset.with_name("observations.csv")
    lines = [HEADER, _line(row), _line(row, period="2019"), _line(row), _line(row, value="x")]
    _write(csv_path, lines)
    err = _errors(dataset)
    repeat = err.index(f"{csv_path}:4: repeats the figure at line 2")
    assert repeat < err.index(f"{csv_path}:5:4: value: expected a number")
    assert "2 problems in the data" in err


def test_a_repeat_far_into_a_large_file_is_named_and_no_store_is_kept(
    dataset: Path, tmp_path: Path
) -> None:
    row = _first(dataset)
    csv_path = dataset.with_name("observations.csv")
    rows = _csv_rows(csv_path)
    _write(csv_path, [HEADER, *(_line(r) for r in rows), _line(row)])
    cache = tmp_path / "cache"
    result = pingan(["--cache-dir", str(cache), "--data", str(dataset), "list"])
    assert result.exit_code == 1
    assert f"{csv_path}:{len(rows) + 2}: repeats the figure at line 2" in result.stderr
    assert not list(cache.glob("*.sqlite"))


def test_a_csv_row_may_not_repeat_a_yaml_observation(dataset: Path) -> None:
    row = _first(dataset)
    source = row["source"] or "synthetic-national-survey"
    with open(dataset, "a", encoding="utf-8") as handle:
        handle.write(
            "observations:\n"
            f"- region: {row['region']}\n  indicator: {row['indicator']}\n"
            f"  period: {row['period']}\n  value: {row['value']}\n  unit: '{row['unit']}'\n"
            f"  source: {source}\n"
        )
    err = _errors(dataset)
    assert f"observations.csv:2: repeats the figure at {dataset}:" in err


def test_rows_may_not_repeat_across_csv_files(dataset: Path) -> None:
    row = _first(dataset)
    other = dataset.with_name("more.csv")
    _write(other, [HEADER, _line(row)])
    files = "observation_files:\n- path: observations.csv\n  source: synthetic-national-survey\n"
    text = dataset.read_text(encoding="utf-8")
    assert files in text
    dataset.write_text(text.replace(files, files + "- path: more.csv\n"), encoding="utf-8")
    err = _errors(dataset)
    assert f"{other}:2: repeats the figure at {dataset.with_name('observations.csv')}:2" in err


def test_many_bad_rows_are_counted_not_all_shown(dataset: Path) -> None:
    row = _first(dataset)
    csv_path = dataset.with_name("observations.csv")
    bad = [_line(row, value="bad", period=str(2017 + n % 7)) for n in range(MAX_PROBLEMS + 20)]
    _write(csv_path, [HEADER, *bad])
    err = _errors(dataset)
    assert f"{MAX_PROBLEMS + 20:,} rows in all are invalid" in err


# --- bad files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("region,indicator,period,value", "missing column(s) unit"),
        (HEADER + ",colour", "unknown column(s) colour"),
        (HEADER + ",unit", "column(s) named twice: unit"),
    ],
)
def test_bad_headers(dataset: Path, header: str, message: str) -> None:
    csv_path = dataset.with_name("observations.csv")
    _write(csv_path, [header])
    err = _errors(dataset)
    assert f"{csv_path}:1: " in err
    assert message in err


def test_empty_file_and_header_only(dataset: Path) -> None:
    csv_path = dataset.with_name("observations.csv")
    csv_path.write_bytes(b"")
    assert f"{csv_path}:1:1: is empty; it needs a header row" in _errors(dataset)
    _write(csv_path, [HEADER])
    result = pingan(["validate", str(dataset)])
    assert result.exit_code == 0, result.output
    assert "0 observations" in result.stdout


def test_bad_encoding_names_the_line(dataset: Path) -> None:
    csv_path = dataset.with_name("observations.csv")
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    lines[1500] = lines[1500].split(",")[0] + ",备注"
    raw = ("\n".join(lines[:1500]) + "\n").encode() + (lines[1500] + "\n").encode("gbk")
    csv_path.write_bytes(raw + ("\n".join(lines[1501:]) + "\n").encode())
    err = _errors(dataset)
    column = len(lines[1500].split(",")[0]) + 2
    assert f"{csv_path}:1501:{column}: is not UTF-8 text here (byte 0xB1)" in err


def test_broken_quoting_is_reported(dataset: Path) -> None:
    row = _first(dataset)
    csv_path = dataset.with_name("observations.csv")
    _write(csv_path, [HEADER, _line(row), _line(row, period="2019") + ',"x"y'])
    assert f"{csv_path}:3: is not valid CSV here" in _errors(dataset)


def test_a_folder_named_as_csv_is_refused(dataset: Path) -> None:
    csv_path = dataset.with_name("observations.csv")
    csv_path.unlink()
    csv_path.mkdir()
    result = pingan(["validate", str(dataset)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


# --- the fast path and the model agree -----------------------------------------------------------


@pytest.fixture(scope="session")
def loaded(small_dataset: Path) -> Loaded:
    return load_paths([small_dataset])


def _checker(loaded: Loaded, header: tuple[str, ...] = COLUMNS) -> RowChecker:
    return RowChecker(Catalogue(loaded), list(header), "synthetic-national-survey")


def _typed(row: Any) -> list[tuple[type, Any]]:
    return [(type(v), v) for v in row]


def _agree(checker: RowChecker, cells: list[str]) -> None:
    fast = checker.fast(list(cells))
    fast_key = checker.key
    slow = checker.slow(list(cells))
    if fast is None:
        assert isinstance(slow, list), f"the fast path refused a valid row: {cells}"
        assert slow, cells
    else:
        assert not isinstance(slow, list), f"the fast path took a bad row: {cells}: {slow}"
        assert _typed(fast) == _typed(slow)
        assert fast_key == checker.key


EDGE_CASES: list[dict[str, str]] = [
    {},
    {"value": " 12 "},
    {"value": "+12"},
    {"value": "012"},
    {"value": "1_000"},
    {"value": "1e3"},
    {"value": "1.5e-3"},
    {"value": "1e999"},
    {"value": "-0"},
    {"value": "-0.0"},
    {"value": ".5"},
    {"value": "5."},
    {"value": "NaN"},
    {"value": "inf"},
    {"value": "true"},
    {"value": "null"},
    {"value": "~"},
    {"value": ""},
    {"value": "١٢"},
    {"value": "１２"},
    {"value": "9" * 19},
    {"value": "9" * 20},
    {"value": "-9223372036854775808"},
    {"value": "9223372036854775807"},
    {"value": "9223372036854775808"},
    {"value": "9" * 31},
    {"period": " 2020 "},
    {"period": "02020"},
    {"period": "1899"},
    {"period": "2101"},
    {"period": "2020\n"},
    {"period": "since 2020"},
    {"period": "Since 2020"},
    {"period": "since  2020"},
    {"period": "2020-02..2020-01"},
    {"period": "2020-02-30.."},
    {"period": "2020-02-29.."},
    {"period": "2021-02-29.."},
    {"period": "2020-00.."},
    {"period": "２０２０"},
    {"period": "٢٠٢٠"},
    {"period": "2020..2021"},
    {"period": "99999999999999999999"},
    {"period": ""},
    {"region": ""},
    {"region": " x"},
    {"region": "X"},
    {"unit": ""},
    {"unit": " %"},
    {"qualifier": "exact"},
    {"qualifier": "at_least"},
    {"qualifier": "approx"},
    {"qualifier": "Exact"},
    {"qualifier": " exact"},
    {"as_written": "x" * 200},
    {"as_written": "x" * 201},
    {"as_written": " "},
    {"quote": "q" * 2000},
    {"quote": "q" * 2001},
    {"note": "n" * 2001},
    {"source": ""},
    {"source": "yearbook-2017"},
    {"source": "Yearbook-2017"},
    {"source": "nope"},
]


@pytest.mark.parametrize(
    "changes", EDGE_CASES, ids=[json.dumps(c, ensure_ascii=False) for c in EDGE_CASES]
)
def test_fast_path_and_model_agree_on_edge_cases(
    loaded: Loaded, small_dataset: Path, changes: dict[str, str]
) -> None:
    checker = _checker(loaded)
    for row in _csv_rows(small_dataset.with_name("observations.csv"))[:40]:
        _agree(checker, [{**row, **changes}.get(c, "") for c in COLUMNS])


def _plain_row(loaded: Loaded) -> list[str]:
    region = loaded.entries["regions"][-1].model.id
    indicator = loaded.entries["indicators"][0].model
    return [region, indicator.id, "2020", "12", indicator.unit, "", "", "", "", ""]


def test_without_a_default_source_an_empty_source_is_refused_by_both(loaded: Loaded) -> None:
    checker = RowChecker(Catalogue(loaded), list(COLUMNS), None)
    row = _plain_row(loaded)
    assert checker.fast(list(row)) is None
    assert isinstance(checker.slow(list(row)), list)


def _cells(loaded: Loaded) -> st.SearchStrategy[list[str]]:
    """Rows that are valid, then have up to two cells replaced by anything, often wrong."""
    regions = [e.model.id for e in loaded.entries["regions"]]
    indicators = [e.model for e in loaded.entries["indicators"]]
    sources = [e.model.id for e in loaded.entries["sources"]]
    valid_period = st.one_of(
        st.integers(1900, 2100).map(str),
        st.integers(1900, 2100).map(lambda y: f"since {y}"),
        st.tuples(st.integers(2020, 2021), st.integers(1, 12), st.integers(1, 28)).map(
            lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}.."
        ),
        st.tuples(st.integers(2020, 2021), st.integers(1, 12)).map(
            lambda t: f"2019-{t[1]:02d}..{t[0]}-{t[1]:02d}"
        ),
    )
    valid = st.builds(
        lambda r, i, p, v, q, a, s, quote, note: [
            r,
            i.id,
            p,
            str(abs(v) if i.kind == "level" else v),
            i.unit,
            q,
            a,
            s,
            quote,
            note,
        ],
        st.sampled_from(regions),
        st.sampled_from(indicators),
        valid_period,
        st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6)),
        st.sampled_from(["", "exact", "at_least", "approx"]),
        st.text(max_size=5),
        st.one_of(st.just(""), st.sampled_from(sources)),
        st.text(max_size=5),
        st.text(max_size=5),
    )
    wrong: dict[int, st.SearchStrategy[str]] = {
        0: st.one_of(st.text(max_size=6), st.sampled_from(regions).map(str.upper)),
        1: st.one_of(st.text(max_size=6), st.sampled_from([i.id for i in indicators])),
        2: st.one_of(
            st.integers(1850, 2150).map(str),
            st.integers(1850, 2150).map(lambda y: f"since {y}"),
            st.tuples(
                st.integers(1999, 2001), st.integers(0, 13), st.integers(0, 32), st.booleans()
            ).map(lambda t: f"{t[0]}-{t[1]:02d}" + (f"-{t[2]:02d}" if t[3] else "") + ".."),
            st.text(max_size=12),
        ),
        3: st.one_of(
            st.integers(-(2**64), 2**64).map(str),
            st.floats(allow_nan=True, allow_infinity=True).map(repr),
            st.sampled_from(["", " 1", "1 ", "0x10", "1,000", "12万", "true", "-0", "1e400"]),
            # Edges of the fast path's plain decimals: leading zeros, bare points, non-ASCII
            # digits, lengths near the 64-bit limit.
            st.sampled_from(["0", "00", "007", "0.5", "00.5", "1.", ".5", "1.2.3", "١٢", "²"]),
            st.sampled_from(["-0", "-0.0", "-00", "-", "--1", "-.5", "-1.", "-007", "+7", "-１"]),
            st.sampled_from(["12.５", "9" * 18, "9" * 19, "9" * 20, "1" * 17 + ".5", "1" * 30]),
            st.text(alphabet="0123456789.-+eE _", max_size=8),
        ),
        4: st.one_of(st.text(max_size=3), st.sampled_from([i.unit for i in indicators])),
        5: st.one_of(st.text(max_size=8), st.sampled_from(["EXACT", " exact", "about"])),
        6: st.text(min_size=195, max_size=205),
        7: st.one_of(st.text(max_size=6), st.sampled_from(sources).map(str.upper)),
        8: st.text(min_size=1995, max_size=2005),
        9: st.one_of(st.just(" "), st.text(min_size=1995, max_size=2005)),
    }

    def spoil(row: list[str], changes: list[tuple[int, str]]) -> list[str]:
        out = list(row)
        for index, cell in changes:
            out[index] = cell
        return out

    change = st.integers(0, 9).flatmap(lambda n: wrong[n].map(lambda cell: (n, cell)))
    return st.builds(spoil, valid, st.lists(change, max_size=2))


@pytest.mark.slow
def test_fast_path_and_model_agree_on_random_rows(loaded: Loaded) -> None:
    checker = _checker(loaded)

    @given(_cells(loaded))
    def check(cells: list[str]) -> None:
        _agree(checker, cells)

    check()


def test_fast_path_and_model_agree_with_columns_reordered_and_left_out(loaded: Loaded) -> None:
    header = ("value", "unit", "region", "period", "indicator", "source")
    checker = _checker(loaded, header)
    region, indicator, period, _value, unit, *_ = _plain_row(loaded)
    for number in ("12", "-12", "1.5"):
        for source in ("", "nope", "yearbook-2017"):
            cells = [number, unit, region, period, indicator, source]
            _agree(checker, cells)
            assert checker.fast(cells) is not None or number == "-12" or source == "nope"


# --- a batch checked column by column agrees with the rows checked one by one ---------------------


def _batch_agrees(checker: RowChecker, batch: list[list[str]]) -> bool:
    """True when fast_batch took the batch; it must then give what fast gives row by row."""
    checked = checker.fast_batch([list(cells) for cells in batch])
    if checked is None:
        return False
    rows, keys = checked
    assert len(rows) == len(keys) == len(batch)
    for cells, row, key in zip(batch, rows, keys, strict=True):
        one = checker.fast(list(cells))
        assert one is not None, f"the batch took a row the fast path refuses: {cells}"
        assert _typed(row) == _typed(one)
        assert key == checker.key
    return True


def test_a_batch_of_the_generated_rows_is_taken_whole(loaded: Loaded, small_dataset: Path) -> None:
    rows = _csv_rows(small_dataset.with_name("observations.csv"))
    batch = [[row.get(c, "") for c in COLUMNS] for row in rows]
    assert _batch_agrees(_checker(loaded), batch)


@pytest.mark.parametrize(
    "changes", EDGE_CASES, ids=[json.dumps(c, ensure_ascii=False) for c in EDGE_CASES]
)
def test_a_batch_with_an_edge_case_agrees_or_goes_row_by_row(
    loaded: Loaded, small_dataset: Path, changes: dict[str, str]
) -> None:
    checker = _checker(loaded)
    rows = _csv_rows(small_dataset.with_name("observations.csv"))[:40]
    plain = [[row.get(c, "") for c in COLUMNS] for row in rows]
    changed = [[{**row, **changes}.get(c, "") for c in COLUMNS] for row in rows[:1]]
    _batch_agrees(checker, changed + plain[1:])


def test_a_batch_with_rows_of_other_lengths_or_empty_lines_goes_row_by_row(
    loaded: Loaded, small_dataset: Path
) -> None:
    checker = _checker(loaded)
    rows = _csv_rows(small_dataset.with_name("observations.csv"))[:5]
    plain = [[row.get(c, "") for c in COLUMNS] for row in rows]
    assert checker.fast_batch([*plain, []]) is None
    assert checker.fast_batch([*plain, plain[0][:-1]]) is None
    assert checker.fast_batch([*plain, [*plain[0], ""]]) is None
    assert checker.fast_batch([]) is None
    empty_value = [*plain[0][:3], "", *plain[0][4:]]
    assert checker.fast_batch([empty_value]) is None
    reordered = RowChecker(Catalogue(loaded), list(reversed(COLUMNS)), None)
    assert reordered.fast_batch([list(reversed(p)) for p in plain]) is None


@pytest.mark.slow
def test_a_batch_of_random_rows_agrees_or_goes_row_by_row(loaded: Loaded) -> None:
    checker = _checker(loaded)
    taken = 0

    @given(st.lists(_cells(loaded), min_size=1, max_size=12))
    def check(batch: list[list[str]]) -> None:
        nonlocal taken
        taken += _batch_agrees(checker, batch)

    check()
    assert taken, "no random batch was taken whole"


# --- nothing quadratic (issue 20): benchmarks/hostile_sizes.py times the same shapes ------------


def _hostile_sizes() -> Any:
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "hostile_sizes.py"
    spec = importlib.util.spec_from_file_location("hostile_sizes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "shape", ["header of distinct columns", "header of one column repeated", "a row of many cells"]
)
def test_a_hostile_csv_file_ten_times_larger_takes_about_ten_times_longer(shape: str) -> None:
    """1 MB against 100 KB: linear work is about 10 times; the quadratic header check was 100
    (a megabyte of header never finished). A wide margin, and no absolute time."""
    import signal

    bench = _hostile_sizes()

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError("a megabyte of hostile CSV took more than 60 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        small, _ = bench.best(bench.SHAPES[shape], 100_000, 5)
        large, message = bench.best(bench.SHAPES[shape], 1_000_000, 3)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert large / max(small, 0.002) < 40
    assert len(message) < 400  # one line, not every column named
