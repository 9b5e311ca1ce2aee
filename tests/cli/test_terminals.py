"""Narrow terminals (60, 80, 100 columns) in both languages: layouts that keep to the width,
notes and errors wrapped, one vocabulary a run, lookups, completion and the build's progress.

The sweeps over widths and languages are slow (a few hundred runs); the quick loop keeps one
check of each kind."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pingan_cli.cli.environment import Environment
from pingan_cli.cli.options import command_fields
from pingan_cli.cli.root import cli
from pingan_cli.render.measure import cell_len

from ..helpers import pingan

WIDTHS = (60, 80, 100)
LANGS = ("zh", "en")
URL = re.compile(r"^\S*https?://\S+$")
CJK = re.compile(r"[\u3400-\u9fff]")


def _over(text: str, width: int) -> list[str]:
    """Lines wider than width, but for a URL alone on its line (the one thing that may be)."""
    return [
        line
        for line in text.splitlines()
        if cell_len(line) > width and not URL.match(line.split("│")[-1].strip())
    ]


def _terminal(width: int, **extra: Any) -> Environment:
    return Environment(
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdout_isatty=False,
        stderr_isatty=True,
        variables={"COLUMNS": str(width)},
        **extra,
    )


def _run(env: Environment, args: list[str], code: int = 0) -> tuple[str, str]:
    result = CliRunner().invoke(cli, args, obj=env)
    out, err = env.stdout, env.stderr
    assert isinstance(out, io.StringIO)
    assert isinstance(err, io.StringIO)
    assert result.exit_code == code, (result.output, err.getvalue())
    return out.getvalue(), err.getvalue()


# --- layouts keep to the width ------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "command",
    [
        "list --columns region,indicator,period,display,note",
        "practices --columns id,name,description",
        "sources --columns id,title,url,note",
        "list --columns region_name,indicator_name,quote,conflicts_with --limit 20",
    ],
)
def test_vertical_records_wrap_long_text_to_the_width(command: str, width: int, lang: str) -> None:
    """`list --columns …,note --width 80` printed 31 lines over 80 (up to 245 cells)."""
    result = pingan(f"--lang {lang} {command} --width {width}")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") > 10
    assert _over(result.stdout, width) == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "command",
    ["list", "list --columns region,indicator,period,display,note", "regions", "search 综治中心"],
)
def test_layout_table_draws_at_the_width_or_says_it_cannot(
    command: str, width: int, lang: str
) -> None:
    """`--layout table --width 80` drew a rule of more than 300 cells."""
    result = pingan(f"--lang {lang} {command} --layout table --width {width}")
    if result.exit_code == 0:
        assert _over(result.stdout, width) == []
        assert "─" * 10 in result.stdout  # a table, not records
    else:
        assert result.exit_code == 2
        found = re.search(r"the table needs (\d+) columns", result.stderr)
        assert found, result.stderr
        needed = int(found[1])
        assert needed > width
        assert f"--width {needed}" in result.stderr
        wide = pingan(f"--lang {lang} {command} --layout table --width {needed}")
        assert wide.exit_code == 0, wide.output
        assert max(cell_len(line) for line in wide.stdout.splitlines()) <= needed


def test_a_table_that_fits_is_drawn_at_the_width() -> None:
    result = pingan("list --columns region,indicator,period --layout table --width 100")
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 100


def test_short_names_are_not_broken_when_the_table_has_room() -> None:
    """`show baishui --width 60` showed “聚心源”会客/厅 and “交所合一”警/务改革."""
    shown = pingan("show baishui --width 60").stdout
    assert re.search(r"^“交所合一”警务改革 ", shown, re.M)
    assert re.search(r"^“聚心源”会客厅 ", shown, re.M)
    found = pingan("search 综治中心 --width 100").stdout
    for name in (
        "镇级综治中心数",
        "综治中心事业编制数",
        "综治中心财政专项投入",
        "“信访门诊+综治中心”",
    ):
        assert re.search(rf"\s{re.escape(name)}\s", found), name
    assert _over(found, 100) == []


# --- notes and errors wrap to the terminal -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_notes_on_stderr_wrap_to_the_terminal(width: int) -> None:
    """`COLUMNS=60 pingan compare --year 2023` printed a 129-character note."""
    _, err = _run(_terminal(width), ["compare", "--year", "2023"])
    assert "note: " in err
    assert max(cell_len(line) for line in err.splitlines()) <= width
    joined = " ".join(line.strip() for line in err.splitlines())
    assert re.match(r"note: \d+ more indicators of 2023 are reported by one region alone", joined)


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["show", "nowhere-at-all-in-shaanxi-province"], "no region called"),
        (["list", "-i", "平安建设满意度调查结果之外的一个很长的名字"], "no indicator called"),
        (["list", "--layout", "table", "--width", "60"], "the table needs"),
        (["list", "--colour"], "No such option"),
    ],
)
def test_errors_wrap_to_the_terminal(width: int, args: list[str], said: str) -> None:
    _, err = _run(_terminal(width), args, code=2)
    assert said in err
    assert max(cell_len(line) for line in err.splitlines()) <= width


def test_stderr_that_is_no_terminal_gets_one_line_a_message() -> None:
    env = Environment(
        stdout=io.StringIO(), stderr=io.StringIO(), stderr_isatty=False, variables={"COLUMNS": "60"}
    )
    _, err = _run(env, ["compare", "--year", "2023"])
    # Two notes (one region alone; what the year took in, issue 19), each whole on its line.
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("note: ") for line in lines)
    assert all(len(line) > 60 for line in lines)


# --- one language a run --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("fmt", ["table", "svg"])
def test_charts_say_what_the_tables_say(width: int, fmt: str) -> None:
    """Charts said 未报告 where the tables of the same run say not reported."""
    table = pingan(f"rank police-home-visits --width {width}").stdout
    chart = pingan(f"rank police-home-visits --chart --format {fmt} --width {width}").stdout
    assert "not reported" in table
    assert "not reported" in chart
    assert "未报告" not in chart


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_english_output_keeps_no_chinese_counters(width: int) -> None:
    """`--lang en sum` said 580 个."""
    text = pingan(f"--lang en sum 巡段 --year 2023 --width {width}").stdout
    sums = [line for line in text.splitlines() if line.startswith("sum ") and "of" not in line]
    assert sums
    assert sums[0].split()[1:] == ["580"]
    visits = pingan(f"--lang en sum police-home-visits --width {width}").stdout
    assert "at least 52,000 households" in visits
    assert "52,000 户" not in visits


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "command",
    [
        "sum police-home-visits",
        "sum 巡段 --year 2023",
        "indicators -c mediation",
        "indicators -c community_policing",
        "trend weinan pingan-satisfaction",
    ],
)
def test_ascii_leaves_no_escapes(command: str, width: int) -> None:
    """--ascii left \\u6237 in sum, escaped units in indicators and \\u2260 in trend."""
    text = pingan(f"{command} --ascii --width {width}").stdout
    assert text.isascii()
    assert "\\u" not in text
    assert "\\x" not in text


def test_ascii_trend_marks_a_disagreement_in_ascii() -> None:
    text = pingan("trend weinan pingan-satisfaction --ascii").stdout
    assert "+1.52 pp !=" in text
    assert "!= the change computed from the levels" in text


# --- lookups -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chinese", "pinyin"),
    [("枫桥", "fengqiao"), ("富平", "fuping"), ("白水", "baishui"), ("平安", "pingan")],
)
def test_a_word_finds_the_same_in_chinese_and_pinyin(chinese: str, pinyin: str) -> None:
    """`search 枫桥` found 2 things and `search fengqiao` 4."""

    def hits(text: str) -> set[tuple[str, str]]:
        found = json.loads(pingan(["search", text, "-o", "json"]).stdout)
        return {(hit["kind"], hit["id"]) for hit in found}

    assert hits(chinese) == hits(pinyin)
    assert len(hits(chinese)) >= 4


@pytest.mark.slow
@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("调节率", "dispute-mediation-rate (矛盾纠纷调解率)"),
        ("化解率x", "dispute-resolution-rate (矛盾纠纷化解率)"),
        ("dispute resolutoin rate", "dispute-resolution-rate"),
        ("Satisfacton", "pingan-satisfaction (平安建设满意度)"),
        ("disputes-resolvd", "disputes-resolved"),
    ],
)
@pytest.mark.parametrize("command", ["list -i", "rank", "trend weinan"])
def test_an_unknown_indicator_gets_a_did_you_mean(command: str, typed: str, offered: str) -> None:
    result = pingan([*command.split(), typed])
    assert result.exit_code == 2
    assert f"no indicator called {typed!r}; did you mean " in result.stderr
    assert offered in result.stderr


# --- shell completion ----------------------------------------------------------------------------


def _complete(words: str) -> list[str]:
    """What bash completion offers for the last of words (click's bash_complete protocol)."""
    argv = words.split(" ")
    result = CliRunner().invoke(
        cli,
        [],
        env={
            "_PINGAN_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(argv) - 1),
        },
        prog_name="pingan",
    )
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_completion_offers_field_names() -> None:
    assert _complete("pingan list --columns reg") == ["region", "region_name"]
    assert _complete("pingan list --columns region,ind") == [
        "region,indicator",
        "region,indicator_name",
    ]
    assert _complete("pingan rank --columns sh") == ["share_percent"]
    assert _complete("pingan list --sort va") == ["value"]
    assert "year" in _complete("pingan list --where y")
    assert _complete("pingan show fupi") == ["fuping", "fuping-gongli-police-station"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        "list",
        "show fuping",
        "compare --year 2023",
        "rank disputes-resolved",
        "trend weinan",
        "sum 巡段 --year 2023",
        "regions",
        "indicators",
        "designations",
        "practices",
        "sources",
        "search 枫桥",
        "conflicts",
    ],
)
def test_completion_knows_each_commands_fields(command: str) -> None:
    """The fields completion offers are what --columns itself lists for one it does not know."""
    said = pingan(f"{command} --columns no-such-field").stderr
    listed = " ".join(said.split()).split("columns are: ")[1].split(", ")
    assert command_fields(command.split()[0]) == tuple(listed)


# --- a long first build --------------------------------------------------------------------------


def test_a_slow_build_says_so_on_stderr_when_no_bar_is_drawn(tmp_path: Path) -> None:
    quick = {"PINGAN_BUILD_NOTE_AFTER": "0"}  # any build is slow enough to say so
    env = Environment(
        stdout=io.StringIO(), stderr=io.StringIO(), stderr_isatty=False, variables=quick
    )
    _, err = _run(env, ["--cache-dir", str(tmp_path), "list", "--limit", "1"])
    assert err.startswith("note: building the store of the data files (")
    assert err.count("\n") == 1
    _, again = _run(
        Environment(stdout=io.StringIO(), stderr=io.StringIO(), variables=quick),
        ["--cache-dir", str(tmp_path), "list", "--limit", "1"],
    )
    assert again == ""  # built once, reused: nothing to say


# --- the quick loop's one check of each kind of the sweeps above ---------------------------------


def test_quick_a_note_and_a_vertical_record_keep_to_60_columns() -> None:
    _, err = _run(_terminal(60), ["compare", "--year", "2023"])
    assert max(cell_len(line) for line in err.splitlines()) <= 60
    shown = pingan("list --columns region,indicator,period,display,note --width 60").stdout
    assert _over(shown, 60) == []


def test_quick_chinese_and_english_names_get_a_did_you_mean() -> None:
    assert "dispute-mediation-rate (矛盾纠纷调解率)" in pingan("list -i 调节率").stderr
    assert "pingan-satisfaction (平安建设满意度)" in pingan("list -i Satisfacton").stderr


def test_quick_charts_and_sums_speak_the_runs_vocabulary() -> None:
    assert "not reported" in pingan("rank police-home-visits --chart").stdout
    assert "\\u" not in pingan("sum police-home-visits --ascii").stdout
