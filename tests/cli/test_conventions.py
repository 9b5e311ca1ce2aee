"""Conventions people bring from sqlite-utils, csvkit and psql: formats from file names, columns,
counts and sums, and the small things a newcomer trips on."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import pingan_cli
from pingan_cli.load.problems import QueryError

from ..conftest import DATA
from ..helpers import pingan, pingan_json


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", lambda t: isinstance(json.loads(t), list)),
        ("out.csv", lambda t: t.startswith("\ufeffregion,region_name")),
        ("out.md", lambda t: t.startswith("| region |")),
        ("out.yaml", lambda t: isinstance(yaml.safe_load(t), list)),
        ("out.yml", lambda t: isinstance(yaml.safe_load(t), list)),
        ("out.svg", lambda t: t.lstrip().startswith("<svg")),
        ("out.tsv", lambda t: t.startswith("region\tregion_name")),
        ("out.ndjson", lambda t: json.loads(t.splitlines()[0])["region"] == "weinan"),
        ("out.jsonl", lambda t: json.loads(t.splitlines()[0])["region"] == "weinan"),
        ("out.txt", lambda t: t.startswith("region ")),
    ],
)
def test_output_format_from_the_extension(tmp_path: Path, name: str, check: Any) -> None:
    target = tmp_path / name
    result = pingan(["list", "-c", "fraud", "--limit", "3", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert check(target.read_text(encoding="utf-8"))


def test_a_format_given_wins_over_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert pingan(["list", "--format", "csv", "--output", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("\ufeffregion,")


def test_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # were '-' a file name, it would be written here, not the checkout
    result = pingan("list --limit 2 --format json --output -")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2
    assert not (tmp_path / "-").exists()


def test_columns_choose_and_order_fields() -> None:
    result = pingan("list -c fraud --limit 2 --format csv --no-bom --columns value,region")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["value", "region"]
    assert rows[1][1] == "weinan"
    assert [list(r) for r in pingan_json("list --limit 1 --columns region,display")] == [
        ["region", "display"]
    ]
    table = pingan("list --limit 1 --columns region,display").stdout.splitlines()
    assert table[0].split() == ["region", "display"]


def test_an_unknown_column_is_a_usage_error() -> None:
    result = pingan("list --columns region,valeu")
    assert result.exit_code == 2
    assert "valeu" in result.stderr
    assert "value" in result.stderr


def test_no_headers() -> None:
    result = pingan("list -c fraud --limit 2 --format csv --no-bom --no-headers --columns region")
    assert result.stdout.splitlines() == ["weinan", "weinan"]
    table = pingan("list -c fraud --limit 1 --no-headers --columns region,display").stdout
    assert table.split() == ["weinan", "同比上升15.49%"]


def test_ndjson_and_tsv() -> None:
    ndjson = pingan("list --category fraud --format ndjson").stdout.splitlines()
    every = pingan_json("list --category fraud")
    assert [json.loads(line) for line in ndjson] == every
    tsv = pingan("list --category fraud --format tsv").stdout
    rows = list(csv.reader(io.StringIO(tsv), delimiter="\t"))
    assert rows[0][:3] == ["region", "region_name", "indicator"]
    assert len(rows) == len(every) + 1
    assert not tsv.startswith("\ufeff")


def test_tsv_never_breaks_a_row() -> None:
    tsv = pingan("list --format tsv --columns note").stdout
    lines = tsv.splitlines()
    assert len(lines) == len(pingan_json("list")) + 1
    assert all("\t" not in line for line in lines)


@pytest.mark.parametrize("by", ["region", "indicator", "category", "year", "source"])
def test_count_by(by: str) -> None:
    figures = pingan_json("list")
    counts = pingan_json(f"list --count-by {by}")
    assert sum(c["figures"] for c in counts) == len(figures)
    assert all(set(c) == {by, "name", "figures"} for c in counts)


def test_count_by_region_with_filters_and_names() -> None:
    counts = pingan_json("list --category mediation --count-by region")
    weinan = next(c for c in counts if c["region"] == "weinan")
    assert weinan == {"region": "weinan", "name": "渭南市", "figures": 8}
    table = pingan("list --category mediation --count-by category").stdout
    assert "矛盾纠纷调解" in table


EXTRA = """\
format: 1
sources:
  - id: test-sums
    title: "Made-up figures for testing sums"
    publisher: "tests"
    url: "http://example.org/sums"
observations:
"""


def _extra(tmp_path: Path, rows: list[str]) -> list[str]:
    path = tmp_path / "extra.yaml"
    path.write_text(EXTRA + "".join(f"  - {r}\n" for r in rows), encoding="utf-8")
    return ["--data", str(DATA), "--data", str(path)]


def _figure(region: str, value: float, qualifier: str = "exact", period: str = "2023") -> str:
    return (
        f"{{region: {region}, indicator: patrol-sections, period: {period}, value: {value}, "
        f'unit: "个", qualifier: {qualifier}, source: test-sums}}'
    )


def test_a_sum_of_exact_figures_is_exact(tmp_path: Path) -> None:
    data = _extra(tmp_path, [_figure("fuping", 10), _figure("baishui", 20)])
    result = pingan([*data, "sum", "patrol-sections", "fuping", "baishui", "--format", "json"])
    assert result.exit_code == 0, result.output
    total = json.loads(result.stdout)
    assert (total["value"], total["qualifier"], total["period"]) == (30, "exact", "2023")
    assert total["regions"] == ["fuping", "baishui"]


@pytest.mark.parametrize(
    ("qualifiers", "expected"),
    [(("exact", "at_least"), "at_least"), (("approx", "exact"), "approx")],
)
def test_a_sum_keeps_the_qualifier_honest(
    tmp_path: Path, qualifiers: tuple[str, str], expected: str
) -> None:
    data = _extra(
        tmp_path, [_figure("fuping", 10, qualifiers[0]), _figure("baishui", 20, qualifiers[1])]
    )
    result = pingan([*data, "sum", "patrol-sections", "fuping", "baishui", "--format", "json"])
    assert json.loads(result.stdout)["qualifier"] == expected
    table = pingan([*data, "sum", "patrol-sections", "fuping", "baishui"]).stdout
    assert ("at least 30" if expected == "at_least" else "about 30") in table


def test_figures_of_different_periods_are_never_added(tmp_path: Path) -> None:
    data = _extra(tmp_path, [_figure("fuping", 10), _figure("baishui", 20, period="2022")])
    result = pingan([*data, "sum", "patrol-sections", "fuping", "baishui"])
    assert result.exit_code == 2
    assert "different periods" in result.stderr
    assert "2022" in result.stderr


def test_a_region_and_its_sub_unit_are_never_added(tmp_path: Path) -> None:
    data = _extra(tmp_path, [_figure("fuping", 10)])
    result = pingan([*data, "sum", "patrol-sections", "weinan", "fuping"])
    assert result.exit_code == 2
    assert "includes" in result.stderr


def test_percentages_are_never_added() -> None:
    result = pingan("sum pingan-satisfaction weinan ankang --year 2021")
    assert result.exit_code == 2
    assert "%" in result.stderr


def test_api_counts_by_and_sum(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        EXTRA + f"  - {_figure('fuping', 10, 'at_least')}\n  - {_figure('baishui', 2)}\n",
        encoding="utf-8",
    )
    with pingan_cli.open([DATA, extra], cache=False) as data:
        total = data.sum("patrol-sections", ["fuping", "baishui"], year=2023)
        assert (total.value, total.qualifier) == (12, "at_least")
        counts = data.counts_by("category")
        assert sum(c.figures for c in counts) == len(data.figures())
        with pytest.raises(QueryError):
            data.sum("patrol-sections", ["weinan", "fuping"], year=2023)


def test_lang_after_the_subcommand() -> None:
    assert pingan_json("list -c fraud --limit 1 --lang en")[0]["region_name"] == "Weinan"
    assert pingan_json("show fuping --lang en")["name"] == "Fuping County"


def test_pingan_lang_fr_is_an_error_as_lang_fr_is() -> None:
    by_option = pingan("--lang fr list")
    by_variable = pingan("list", env={"PINGAN_LANG": "fr"})
    assert by_option.exit_code == by_variable.exit_code == 2
    assert "fr" in by_variable.stderr
    assert "PINGAN_LANG" in by_variable.stderr  # not the --lang nobody typed
    assert "--lang" in by_option.stderr


def test_show_names_the_region_in_its_unit_column() -> None:
    table = pingan("show fuping").stdout
    assert "·" not in table
    figures = table[table.index("figures: publicity") :].splitlines()
    assert figures[3].startswith("富平县 ")


def test_an_empty_compare_says_so() -> None:
    result = pingan("compare --year 1999")
    assert result.exit_code == 0
    assert "note:" in result.stderr


ASCII_COMMANDS = [
    "list",
    "list --count-by category",
    "show fuping",
    "compare --year 2023",
    "compare fuping baishui",
    "regions",
    "indicators",
    "designations",
    "practices",
    "sources",
    "search 调解",
    "info beibao-policing",
]


@pytest.mark.parametrize("command", ASCII_COMMANDS)
def test_ascii_output_is_pure_ascii(command: str) -> None:
    result = pingan(f"{command} --ascii")
    assert result.exit_code == 0, result.output
    assert result.stdout.isascii(), [
        line for line in result.stdout.splitlines() if not line.isascii()
    ][:3]


def test_validate_says_1_indicator(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(
        'format: 1\nindicators:\n  - {id: a, name_zh: "甲", name_en: "A", unit: "个", '
        'category: cases, definition: "A thing."}\n',
        encoding="utf-8",
    )
    result = pingan(["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 indicator," in result.stdout
    assert "0 regions" in result.stdout


def test_a_missing_output_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.csv"
    result = pingan(["list", "--output", str(target)])
    assert result.exit_code != 0
    assert "no-such-folder" in result.stderr
    assert ".tmp" not in result.stderr and "tmp" not in result.stderr.replace(str(tmp_path), "")


def test_a_region_with_two_sources_is_never_added_twice(tmp_path: Path) -> None:
    extra = tmp_path / "second.yaml"
    extra.write_text(
        EXTRA.replace("test-sums", "test-other")
        + f"  - {_figure('fuping', 10).replace('test-sums', 'test-other')}\n",
        encoding="utf-8",
    )
    data = [*_extra(tmp_path, [_figure("fuping", 10), _figure("baishui", 2)]), "--data", str(extra)]
    twice = pingan([*data, "sum", "patrol-sections", "fuping", "baishui"])
    assert twice.exit_code == 2
    assert "test-other" in twice.stderr and "test-sums" in twice.stderr
    one = pingan(
        [*data, "sum", "patrol-sections", "fuping", "baishui", "-s", "test-sums", "-o", "json"]
    )
    assert json.loads(one.stdout)["value"] == 12


def test_a_named_region_that_reports_nothing_is_not_zero(tmp_path: Path) -> None:
    data = _extra(tmp_path, [_figure("fuping", 10)])
    result = pingan([*data, "sum", "patrol-sections", "fuping", "baishui"])
    assert result.exit_code == 2
    assert "baishui reports no figure" in result.stderr


# --- CSV: a byte-order mark for files, none in a pipe; every row reads alone -------------------


def _csv_through(destination: str, tmp_path: Path, *extra: str) -> bytes:
    """`pingan list --limit 2 -o csv` run as a process, its standard output a pipe or a file."""
    import subprocess
    import sys

    argv = [sys.executable, "-m", "pingan_cli", "list", "--limit", "2", "-o", "csv", *extra]
    if destination == "pipe":
        return subprocess.run(argv, capture_output=True, check=True).stdout
    target = tmp_path / "redirected.csv"
    with target.open("wb") as file:
        subprocess.run(argv, stdout=file, check=True)
    return target.read_bytes()


@pytest.mark.slow
def test_csv_has_a_byte_order_mark_in_a_file_and_none_in_a_pipe(tmp_path: Path) -> None:
    """`pingan list -o csv | python3 -c 'csv.DictReader…'` read the first key as '\\ufeffregion'."""
    piped = _csv_through("pipe", tmp_path)
    assert piped.startswith(b"region,")
    assert next(csv.DictReader(io.StringIO(piped.decode()))).keys() >= {"region", "value"}
    assert _csv_through("file", tmp_path).startswith(b"\xef\xbb\xbfregion,")  # `> out.csv`
    assert _csv_through("pipe", tmp_path, "--bom").startswith(b"\xef\xbb\xbf")
    assert _csv_through("file", tmp_path, "--no-bom").startswith(b"region,")


def test_csv_output_file_has_a_byte_order_mark(tmp_path: Path) -> None:
    target = tmp_path / "figures.csv"
    assert pingan(["list", "--limit", "1", "--output", str(target)]).exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfregion,")
    assert not pingan("list --limit 1 -o csv").stdout.startswith("\ufeff")


@pytest.mark.parametrize(
    ("command", "wanted"),
    [
        ("rank pingan-satisfaction --year 2021", {"indicator", "year", "period", "unit"}),
        ("rank police-home-visits", {"indicator", "year", "period", "unit"}),
        ("trend weinan pingan-satisfaction", {"region", "indicator", "period", "unit"}),
        ("list", {"region", "indicator", "period", "unit"}),
        ("compare weinan linwei --year 2024", {"region", "id", "period", "unit"}),
    ],
)
def test_every_csv_row_reads_alone(command: str, wanted: set[str]) -> None:
    """Each row names what it measures, the period and the unit: a row cut out still reads."""
    rows = list(csv.DictReader(io.StringIO(pingan(f"{command} -o csv").stdout)))
    assert rows
    assert wanted <= set(rows[0])
    reported = [row for row in rows if row.get("value")]
    assert reported
    assert all(row["unit"] and row["period"] for row in reported)
    if command.startswith("rank"):
        assert {row["indicator"] for row in rows} == {command.split()[1]}
        assert all(row["year"] for row in rows)  # the year ranked, in a not-reported row too
