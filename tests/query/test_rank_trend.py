"""`pingan rank` and `pingan trend` on a small invented dataset: goldens and the rules they keep."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from ..helpers import GOLDEN, TESTS, assert_golden, pingan, pingan_json

DATA = TESTS / "data" / "ranking.yaml"
CHARTS = GOLDEN / "charts"

COMMANDS = {
    "rank-en": "--lang en rank disputes",
    "rank-chart-zh": "rank disputes --chart",
    "rank-ascii": "--lang en rank disputes --ascii",
    "trend-en": "--lang en trend east",
    "trend-chart-60": "trend east disputes --chart --width 60",
}


def _run(args: str) -> Any:
    return pingan(f"--data {DATA} {args}")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_golden(name: str) -> None:
    result = _run(COMMANDS[name])
    assert result.exit_code == 0, result.output
    path = CHARTS / f"{name}.txt"
    assert_golden(path, result.stdout)


def test_ties_share_a_rank_and_silent_regions_come_last_as_not_reported() -> None:
    ranking = pingan_json(data=DATA, args="rank disputes")
    assert ranking["year"] == 2023
    assert [(r["region"], r["rank"]) for r in ranking["regions"]] == [
        ("east", 1),
        ("west", 2),
        ("north", 2),
        ("south", 4),
        ("middle", None),
    ]
    middle = ranking["regions"][-1]
    assert middle["value"] is None
    assert middle["display"] is None


def test_share_only_where_both_figures_are_exact() -> None:
    shares = {
        r["region"]: r["share_percent"]
        for r in pingan_json(data=DATA, args="rank disputes")["regions"]
    }
    assert shares == {"east": None, "west": 20.0, "north": 20.0, "south": 8.0, "middle": None}
    # A rate is not a part of a total.
    assert all(
        r["share_percent"] is None
        for r in pingan_json(data=DATA, args="rank satisfaction")["regions"]
    )


def test_a_second_figure_for_the_same_period_is_a_conflict() -> None:
    north = next(
        r for r in pingan_json(data=DATA, args="rank disputes")["regions"] if r["region"] == "north"
    )
    assert north["conflict"] is True
    table = _run("--lang en rank disputes").stdout
    assert "21,000 件 (example-b)" in table


def test_an_earlier_year_can_be_ranked() -> None:
    ranking = pingan_json(data=DATA, args="rank disputes --year 2022")
    places = [(r["region"], r["rank"]) for r in ranking["regions"]]
    assert places[:2] == [("east", 1), ("west", None)]


def test_percent_change_and_percentage_points_are_not_confused() -> None:
    trends = {t["indicator"]: t for t in pingan_json(data=DATA, args="trend east")}
    disputes = {p["period"]: p for p in trends["disputes"]["points"]}
    assert disputes["2022"]["change"] == 25.0
    assert disputes["2022"]["change_kind"] == "percent"
    # 2023 is "5.2万余件", at least: no change is computed from it.
    assert disputes["2023"]["change"] is None
    assert disputes["2022-01..2023-06"]["calendar_year"] is False
    assert disputes["2022-01..2023-06"]["change"] is None
    satisfaction = {p["period"]: p for p in trends["satisfaction"]["points"]}
    assert satisfaction["2023"]["change"] == pytest.approx(-1.88)
    assert satisfaction["2023"]["change_kind"] == "points"
    text = _run("--lang en trend east").stdout
    assert "+25%" in text
    assert "-1.88 pp" in text


def test_trend_of_named_indicators_only() -> None:
    assert [t["indicator"] for t in pingan_json(data=DATA, args="trend east satisfaction")] == [
        "satisfaction"
    ]


def test_chart_as_svg_is_one_well_formed_picture(tmp_path: Path) -> None:
    target = tmp_path / "trend.svg"
    result = _run(f"trend east --chart --format svg --output {target}")
    assert result.exit_code == 0, result.output
    root = ElementTree.fromstring(target.read_text(encoding="utf-8"))
    texts = "".join(root.itertext())
    assert "化解纠纷数" in texts
    assert "满意度" in texts
    ranking = _run("rank disputes --chart --format svg")
    # The tables' words: a chart of the same run says not reported, in both languages.
    assert "not reported" in "".join(ElementTree.fromstring(ranking.stdout).itertext())


def test_unknown_names_are_usage_errors() -> None:
    result = _run("rank no-such-thing")
    assert result.exit_code == 2
    assert "no indicator called 'no-such-thing'" in result.stderr
    result = _run("trend nowhere")
    assert result.exit_code == 2
    assert "no region called 'nowhere'" in result.stderr


def test_csv_has_a_row_per_region() -> None:
    result = _run("rank disputes --format csv")
    assert result.exit_code == 0
    lines = result.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("rank,region,name,indicator,indicator_name,year,period,value,unit,")
    assert len(lines) == 6


def test_the_bundled_data_ranks_too() -> None:
    result = pingan("--lang en rank police-home-visits")
    assert result.exit_code == 0, result.output
    assert "not reported" in result.stdout


def test_units_write_every_figure_the_same_way() -> None:
    """As written, figures mix 5.2万余件 and 20,000 件; --units writes them all alike."""
    wan = _run("--lang en rank disputes --units wan").stdout
    assert "≥5.2万件" in wan
    assert "2万件" in wan
    plain = _run("--lang en rank disputes --units plain --chart").stdout
    assert "≥52,000件" in plain
    assert "20,000件" in plain
    assert "个百分点" in _run("trend east satisfaction --units plain").stdout
    # The JSON keeps the figure as written whatever the units.
    east = pingan_json(data=DATA, args="rank disputes --units wan")["regions"][0]
    assert east["display"] == "5.2万余件"


@pytest.mark.parametrize("width", ["40", "60", "80"])
@pytest.mark.parametrize("command", ["--lang en rank disputes", "--lang en trend east"])
def test_tables_fit_and_show_every_figure_whole(command: str, width: str) -> None:
    """Bars take what the width leaves; figures are never cut."""
    from rich.cells import cell_len

    result = pingan(f"--data {DATA} {command}", env={"COLUMNS": width})
    assert result.exit_code == 0, result.output
    assert all(cell_len(line) <= int(width) for line in result.stdout.splitlines())
    for shown in ("5.2万余件", "20,000 件", "8,000 件", "not reported"):
        if "rank" in command or shown == "5.2万余件":
            assert shown in result.stdout


# --- growth no decimal context holds (issue 20) --------------------------------------------------

BASE = TESTS / "load" / "bad_inputs" / "files" / "base.yaml"


def _grown(tmp_path: Path, rows: str) -> Path:
    """The corpus's small dataset, with Fuping's and Hancheng's disputes of 2021-2022 in a CSV."""
    data = tmp_path / "grown.yaml"
    data.write_text(
        BASE.read_text(encoding="utf-8")
        + "observation_files:\n  - path: grown.csv\n    source: article\n",
        encoding="utf-8",
    )
    (tmp_path / "grown.csv").write_text(
        "region,indicator,period,value,unit\n" + rows, encoding="utf-8"
    )
    return data


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ("1", "1e26", 1e28),  # 10^26-fold: 29 digits before the point, 2 after
        ("0.0001", "1e22", 1e28),  # a fraction to a level: 28 digits before the point
        ("1e-300", "1.7e308", None),  # a change no float holds: none given
        ("3", "4", 33.33),  # and an ordinary one, rounded half-even as before
    ],
)
def test_a_level_grown_past_any_context_has_a_change_or_none(
    tmp_path: Path, old: str, new: str, change: float | None
) -> None:
    data = _grown(
        tmp_path,
        f"fuping,disputes-resolved,2021,{old},起\nfuping,disputes-resolved,2022,{new},起\n"
        f"hancheng,disputes-resolved,2022,{old},起\n",
    )
    [trend] = pingan_json(data=data, args="trend fuping disputes-resolved")
    points = {p["period"]: p for p in trend["points"]}
    assert points["2022"]["change"] == change
    for args in ("trend fuping disputes-resolved --chart", "rank disputes-resolved --year 2022"):
        for fmt in ("table", "json", "csv", "svg", "html", "markdown"):
            result = pingan(["--data", str(data), *args.split(), "--format", fmt])
            assert result.exit_code == 0, result.output
    result = pingan(["--data", str(data), "report", "fuping"])
    assert result.exit_code == 0, result.output


def test_a_sum_past_the_largest_float_is_refused_in_words(tmp_path: Path) -> None:
    data = _grown(
        tmp_path,
        "fuping,disputes-resolved,2022,1.7e308,起\nhancheng,disputes-resolved,2022,1.7e308,起\n",
    )
    argv = ["--data", str(data), "sum", "disputes-resolved", "fuping", "hancheng", "-y", "2022"]
    for fmt in ("table", "json"):
        result = pingan([*argv, "--format", fmt])
        assert result.exit_code == 2, result.output
        assert "past the largest number a float holds" in result.stderr
