"""The query commands through CliRunner: every command, filter, format and error path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from pingan_cli.cli.root import cli
from pingan_cli.result import Format

from ..helpers import GOLDEN, assert_golden, bundled_yaml, pingan, pingan_json

GOLDEN_COMMANDS = {
    "list": "list",
    "list-fuping-mediation": "list --region fuping --category mediation",
    "show-fuping": "show fuping",
    "show-baishui-en": "--lang en show baishui",
    "compare-2023": "compare --year 2023",
    "compare-named": "compare fuping baishui --category mediation",
    "regions": "regions",
    "indicators-cases": "indicators --category cases",
    "designations-2023": "designations --year 2023",
    "sources": "sources",
    "search": "search 调解",
}


@pytest.mark.parametrize("name", sorted(GOLDEN_COMMANDS))
def test_table_golden(name: str) -> None:
    result = pingan(GOLDEN_COMMANDS[name])
    assert result.exit_code == 0, result.output
    path = GOLDEN / f"{name}.txt"
    assert_golden(path, result.stdout)


def _bundled(section: str) -> list[Any]:
    """A section of the bundled data file, read without the project's loader."""
    loaded = bundled_yaml()
    return list(loaded[section])


# --- the JSON contract -------------------------------------------------------------------------


def test_list_json_is_an_array_of_observations() -> None:
    rows = pingan_json("list")
    assert len(rows) == len(_bundled("observations"))
    keys = {
        "region",
        "indicator",
        "indicator_name",
        "period",
        "value",
        "unit",
        "qualifier",
        "display",
        "source",
        "quote",
    }
    assert all(keys <= set(row) for row in rows)
    visits = next(r for r in rows if r["indicator"] == "police-home-visits")
    assert visits["value"] == 52000
    assert visits["qualifier"] == "at_least"
    assert visits["display"] == "5.2万余户"
    assert visits["quote"] == "入户走访5.2万余户"


def test_show_json_has_region_observations_and_designations() -> None:
    data = pingan_json("show fuping")
    assert data["id"] == "fuping"
    assert data["code"] == "610528"
    assert {o["region"] for o in data["observations"]} == {"fuping", "fuping-gongli-police-station"}
    statuses = {d["title"]: d["status"] for d in data["designations"]}
    assert statuses["2023年度平安县(市、区)"] is None
    assert statuses["平安银鼎"] is False
    assert all({"title", "year", "status"} <= set(d) for d in data["designations"])


def test_compare_2023_designations_yes_no_unknown() -> None:
    data = pingan_json("compare --year 2023")
    assert data["year"] == 2023
    regions = [r["region"] for r in data["regions"]]
    assert regions[0] == "weinan"
    assert set(regions[1:12]) == {
        r["id"]
        for r in _bundled("regions")
        if r.get("parent") == "weinan" and r["level"] == "county"
    }
    assert len(regions) == sum(r["level"] in ("city", "county") for r in _bundled("regions"))
    by_id = {
        r["region"]: {key: d["status"] for key, d in r["designations"].items()}
        for r in data["regions"]
    }
    county = "pingan-county-2023"
    for named in ("hancheng", "linwei", "baishui"):
        assert by_id[named][county] is True
    for unnamed in (
        "huazhou",
        "tongguan",
        "dali",
        "heyang",
        "chengcheng",
        "pucheng",
        "fuping",
        "huayin",
    ):
        assert by_id[unnamed][county] is None
    assert by_id["hancheng"]["pingan-bronze-ding-2023"] is False
    assert by_id["hancheng"]["pingan-silver-ding-2023"] is True
    assert by_id["weinan"]["pingan-city-2023"] is True


def test_compare_named_regions_report_missing_as_null_never_zero() -> None:
    data = pingan_json("compare fuping baishui")
    fuping, baishui = data["regions"]
    assert fuping["region"] == "fuping"
    assert any(v is not None for v in fuping["indicators"].values())
    # Baishui itself reports one figure; the others in its column are its community's, so marked.
    own = [
        k for k, v in baishui["indicators"].items() if v is not None and v["region"] == "baishui"
    ]
    assert own == ["stolen-money-returned@2018-01-04..2018-01"]
    table = pingan("compare fuping baishui").stdout
    assert "not reported" in table
    assert " 0 " not in table


def test_compare_indicator_filter() -> None:
    data = pingan_json("compare --year 2023 --indicator fraud-losses-recovered")
    columns = {key for r in data["regions"] for key in r["indicators"]}
    assert columns == {"fraud-losses-recovered"}
    weinan = data["regions"][0]["indicators"]["fraud-losses-recovered"]
    assert weinan["value"] == 63360000
    assert data["regions"][1]["indicators"]["fraud-losses-recovered"] is None


# --- filters -----------------------------------------------------------------------------------


def _ids(args: str) -> list[tuple[str, str]]:
    return [(r["region"], r["indicator"]) for r in pingan_json(f"list {args}")]


def test_region_filter_includes_sub_units() -> None:
    regions = {r for r, _ in _ids("--region baishui")}
    assert regions == {"baishui", "baishui-gongnong-community"}
    assert {r for r, _ in _ids("--region fuping")} == {"fuping", "fuping-gongli-police-station"}
    parents = {r["id"]: r.get("parent") for r in _bundled("regions")}

    def within_weinan(region: str | None) -> bool:
        while region is not None and region != "weinan":
            region = parents[region]
        return region == "weinan"

    wanted = sum(within_weinan(o["region"]) for o in _bundled("observations"))
    assert len(_ids("--region weinan")) == wanted
    assert wanted < len(_bundled("observations"))


@pytest.mark.parametrize("name", ["fuping", "富平", "富平县", "Fuping", "FUPING", "Fuping County"])
def test_region_found_by_any_name(name: str) -> None:
    assert pingan_json(f"show '{name}'")["id"] == "fuping"


def test_filters_combine() -> None:
    rows = pingan_json("list --category mediation --year 2023 --qualifier at_least")
    assert [r["indicator"] for r in rows] == ["disputes-mediated"]
    assert pingan_json("list --indicator disputes-mediated")[0]["value"] == 21000


def test_where_comparisons() -> None:
    big = pingan_json("list --where 'value>=100000'")
    assert big and all(r["value"] >= 100000 for r in big)
    negative = pingan_json("list --where 'value<0'")
    assert {r["kind"] for r in negative} == {"change"}
    assert pingan_json("list --where unit=户 --where 'value!=52000'")[0]["value"] == 1381000
    contains = pingan_json("list --where 'quote~纠纷'")
    assert contains and all("纠纷" in r["quote"] for r in contains)
    percent = pingan_json("list --where 'quote~%'")
    assert len(percent) == sum("%" in (o.get("quote") or "") for o in _bundled("observations"))
    assert all("%" in r["quote"] for r in percent)


def test_sort_desc_limit() -> None:
    rows = pingan_json("list --sort value --desc --limit 3")
    values = sorted((o["value"] for o in _bundled("observations")), reverse=True)
    assert [r["value"] for r in rows] == values[:3]
    assert rows[0]["value"] == 2240000000  # 22.4億元 of fraud payments stopped (zhoubiango-4619)


def test_year_filter_takes_periods_within_the_year() -> None:
    found = pingan_json("list --year 2022")
    flows = {r["period"] for r in found if r["measure"] == "flow"}
    # since 2022: the courts' fast-track figures of 今年以来 on a page of 2022 (whysw-74264).
    assert flows == {"2022", "2022-01..2022-10", "2022-04..", "since 2022"}
    # A stock is the year's where it stands: 连续9年 to 2022 is a total as of 2022 (issue 19).
    stocks = {(r["indicator"], r["period"]) for r in found if r["measure"] == "stock"}
    assert ("political-legal-committee-excellent-years", "to 2022") in stocks
    # Spanning years: 2022-01..2023-06 (fraud) is under no --year; a stock is under no other.
    every = {r["period"] for r in pingan_json("list")}
    assert {"2022-01..2023-06", "to 2022"} <= every
    assert not {"2022-01..2023-06", "to 2022"} & {
        r["period"] for r in pingan_json("list --year 2023")
    }
    # The founding article's totals (its section says 2023年以来) stand at its date, 2024-03.
    stocks_2024 = {
        r["indicator"]
        for r in pingan_json("list --year 2024 -r weinan")
        if r["measure"] == "stock" and r["period"] == "since 2023"
    }
    assert "township-governance-centres" in stocks_2024


# --- catalogues --------------------------------------------------------------------------------


def test_catalogues() -> None:
    assert len(pingan_json("regions")) == len(_bundled("regions"))
    assert [r["id"] for r in pingan_json("regions --level county")][:2] == ["linwei", "huazhou"]
    assert {r["id"] for r in pingan_json("regions --within baishui")} == {
        "baishui",
        "baishui-chengguan-subdistrict",
        "baishui-gongnong-community",
    }
    assert len(pingan_json("indicators")) == len(_bundled("indicators"))
    assert len(pingan_json("designations --year 2023")) == 4
    sources = {s["id"]: s for s in pingan_json("sources")}
    assert sources["sxzf-140874"]["url"] == "http://sxzf.gov.cn/html/364/140874.html"


def test_search_chinese_english_pinyin() -> None:
    hit = {"kind": "region", "id": "fuping", "name": "富平县", "field": "name_zh"}
    assert any(hit.items() <= h.items() for h in pingan_json("search 富平"))
    assert any(r["id"] == "hancheng" for r in pingan_json("search Hancheng"))
    assert any(r["kind"] == "practice" for r in pingan_json("search 背包"))
    assert pingan_json("search huayin")[0]["id"] == "huayin"


def test_english_names() -> None:
    assert pingan_json("--lang en show fuping")["observations"][2]["region_name"] == "Fuping County"
    result = pingan("regions --format json", env={"PINGAN_LANG": "en"})
    assert [r["name"] for r in json.loads(result.stdout)][:2] == ["Shaanxi", "Weinan"]


# --- formats -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [f.value for f in Format])
@pytest.mark.parametrize(
    "command",
    [
        "list",
        "show fuping",
        "compare --year 2023",
        "regions",
        "indicators",
        "designations",
        "sources",
        "search 平安",
    ],
)
def test_every_command_in_every_format(command: str, fmt: str) -> None:
    result = pingan(f"{command} --format {fmt}")
    assert result.exit_code == 0, result.output
    assert result.stdout
    if fmt == "json":
        json.loads(result.stdout)
    if fmt == "yaml":
        yaml.safe_load(result.stdout)
    if fmt == "csv":
        assert not result.stdout.startswith("\ufeff")  # not a file: no byte-order mark
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len({len(r) for r in rows}) == 1
    if fmt == "markdown":
        assert "| --- |" in result.stdout or "| ---" in result.stdout


def test_csv_keeps_numbers_and_chinese() -> None:
    result = pingan("list --format csv --no-bom --indicator public-order-case-rate-change")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["value"] == "-10.6"
    assert rows[0]["display"] == "同比下降10.6%"


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "out.json"
    target.parent.mkdir()
    result = pingan(f"list --format json --output {target}")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == len(_bundled("observations"))
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]


def test_empty_result_prints_empty_table_and_note() -> None:
    result = pingan("list --year 1999 --format json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "no figures match" in result.stderr
    table = pingan("list --year 1999")
    assert table.exit_code == 0
    assert "region" in table.stdout


def test_pipe_output_is_not_cut_at_80_columns() -> None:
    result = pingan("list", env={"COLUMNS": ""})
    assert max(len(line) for line in result.stdout.splitlines()) > 100
    assert "…" not in result.stdout


def test_narrow_terminal_never_crops_numbers() -> None:
    result = pingan("list --width 60")
    assert "138.1万余户" in result.stdout
    assert "…" not in result.stdout


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("show fupin", "no region called 'fupin'; did you mean fuping"),
        ("list --region 北京", "no region called '北京'"),
        ("list --indicator nope", "no indicator called 'nope'"),
        ("list --category crimes", "no category 'crimes'"),
        ("list --where 'valu>3'", "unknown field 'valu'"),
        ("list --where 'value>abc'", "value compares with a number"),
        ("list --where 'value'", "cannot read the condition"),
        ("list --sort nope", "cannot sort by 'nope'"),
        ("compare", "name regions to compare, or give --year YEAR"),
        ("list --format xml", "Invalid value for '-o' / '--format'"),
        ("nonsense", "No such command 'nonsense'"),
    ],
)
def test_usage_errors_exit_2(args: str, message: str) -> None:
    result = pingan(args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_bad_data_exits_1_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("regions:\n  - id: Bad Id\n", encoding="utf-8")
    result = pingan(["--data", str(bad), "list"])
    assert result.exit_code == 1
    assert f"{bad}:2:9: regions[0].id:" in result.stderr
    assert "Traceback" not in result.output


# --- help and completion ---------------------------------------------------------------------


def _subcommand(group: click.Group, name: str) -> click.Command:
    command = group.get_command(click.Context(group), name)
    assert command is not None, name
    return command


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name in group.list_commands(click.Context(group)):
        found.append((*prefix, name))
        command = _subcommand(group, name)
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids="-".join)
def test_every_command_and_option_has_help(path: tuple[str, ...]) -> None:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = _subcommand(command, name)
    assert command.help and command.help.strip()
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{' '.join(path)} {param.name} has no help"
    assert pingan([*path, "--help"]).exit_code == 0


def test_an_unknown_command_is_a_usage_error_offering_the_nearest() -> None:
    result = pingan("lsit")
    assert result.exit_code == 2
    assert "No such command 'lsit'; did you mean list?" in result.stderr
    assert "did you mean" not in pingan("frobnicate").stderr
    assert "No such command 'frobnicate'" in pingan("frobnicate").stderr


def test_root_help_documents_exit_codes() -> None:
    text = pingan("--help").stdout
    assert "Exit codes: 0 success; 1 invalid data" in text


def test_shell_completion_of_region_and_indicator_ids() -> None:
    env = {"_PINGAN_COMPLETE": "bash_complete", "COMP_WORDS": "pingan show fu", "COMP_CWORD": "2"}
    result = pingan([], env=env)
    assert "fuping" in result.stdout, result.output
    env = {
        "_PINGAN_COMPLETE": "bash_complete",
        "COMP_WORDS": "pingan list --indicator fraud",
        "COMP_CWORD": "3",
    }
    assert "fraud-losses-recovered" in pingan([], env=env).stdout


def test_empty_csv_keeps_its_header() -> None:
    result = pingan("list --year 1999 --format csv --no-bom")
    assert result.stdout.splitlines() == [
        "region,region_name,indicator,indicator_name,category,kind,period,value,unit,qualifier,"
        "display,source,url,quote,note,conflicts_with,measure,period_end,period_end_from"
    ]


def test_output_file_keeps_the_old_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    assert pingan(f"list --format csv --output {target}").exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o644
    assert target.read_text(encoding="utf-8-sig").startswith("region,")


def test_ctrl_c_while_loading_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pingan_cli.cli import root as cli_module
    from pingan_cli.cli.entry import main

    def interrupted(argv: list[str] | None = None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "main", interrupted)
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_svg_is_a_coloured_picture_of_the_table() -> None:
    from xml.etree import ElementTree

    result = pingan("compare --year 2023 --format svg")
    assert result.exit_code == 0, result.output
    root = ElementTree.fromstring(result.stdout)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = "".join(root.itertext()).replace("\xa0", " ")
    assert "韩城市" in text
    assert "unknown" in text
    # yes, no, unknown and n/a each get a colour of their own.
    colour = {
        text.text: text.get("fill")
        for text in root.iter("{http://www.w3.org/2000/svg}text")
        if text.text in ("yes", "no", "unknown", "n/a")
    }
    assert len(set(colour.values())) == 4, colour


def test_readme_picture_is_current() -> None:
    """docs/images/compare-2023.svg is what `pingan compare --year 2023 -o svg` draws today."""
    picture = Path(__file__).resolve().parents[2] / "docs" / "images" / "compare-2023.svg"
    result = pingan("compare --year 2023 --format svg", env={"COLUMNS": ""})
    assert result.stdout == picture.read_text(encoding="utf-8")
