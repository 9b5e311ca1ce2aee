"""Hostile data on the way out: markup, terminal escapes, bidi overrides and formula starts.

A dataset whose every text field holds Rich markup, ESC sequences (clipboard write OSC 52, clear
screen, hyperlinks), C1 controls, BEL and bidi overrides goes through every read command in every
format. Nothing may reach the output raw, markup is shown as written, JSON and YAML read back to
the original strings, and CSV never starts a cell with a formula.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from pingan_cli.render.dispatch import render
from pingan_cli.render.text import spreadsheet_safe
from pingan_cli.result import Column, Format, Result, Table
from pingan_cli.visible import safe_text

from ..helpers import first_hidden, pingan
from ..load.bad_inputs.runner import run_main

# Written with YAML double-quoted escapes: \e is ESC, \a BEL, \x9b a C1 CSI, \u202e RIGHT-TO-LEFT
# OVERRIDE, \u200b ZERO WIDTH SPACE; the loader refuses these characters raw.
EVIL = r"""
format: 1
sources:
  - id: src
    title: "[bold]Title[/bold] \e]52;c;ZXZpbA==\a"
    publisher: "=HYPERLINK(\"http://evil.example\",\"click\")"
    url: "http://example.com/\e[2J"
    authors: ["+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
    contributors: ["\t=1+2", "\r=1+2"]
    note: "\u202etxt.exe"
regions:
  - id: weinan
    name_zh: "渭南市[/bold]"
    name_en: "[red]x[/red]\e[2J"
    aliases: ["\u202eevil", "\x9b31mred", "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"]
    level: city
    code: "610500"
    note: "\a\a\a"
  - id: fuping
    name_zh: "-2+3"
    name_en: "\tTabbed\rCR evil"
    aliases: ["=cmd|' /C calc'!A0", "-1", "- 1"]
    level: county
    parent: weinan
    code: "610528"
indicators:
  - id: cases
    name_zh: "=1+1"
    name_en: "\aBell\e[31mRed evil"
    unit: "件"
    category: cases
    kind: change
    definition: "-cmd evil \u2066isolate\u2069"
observations:
  - region: fuping
    indicator: cases
    period: 2023
    value: -12.5
    unit: "件"
    as_written: "@-12.5件"
    source: src
    quote: "\u202e\u200bevil quote \e[2J"
    note: "+note"
  - region: weinan
    indicator: cases
    period: 2023
    value: -3
    unit: "件"
    source: src
    quote: "=evil(1)"
designations:
  - id: des
    title_zh: "[link=http://evil.example]平安[/link] evil"
    title_en: "\e]8;;http://evil.example\e\\click\e]8;;\e\\"
    year: 2023
    level: city
    scope: weinan
    conferred_by: "@evil"
    recipients: [fuping]
    complete: true
    source: src
    quote: "\x85next line evil"
practices:
  - id: prac
    name_zh: "=cmd evil"
    name_en: "\x9b2J evil"
    kind: practice
    region: fuping
    description: "-d \u202e \u061c \u2028 \u2029"
    source: src
    quote: "[/]"
"""

# What must never reach the output raw: C0 controls but tab and newline, DEL, C1 controls,
# bidi embeddings, overrides and isolates, zero-width characters.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
COMMANDS = [
    "list",
    "show fuping",
    "show weinan",
    "compare fuping weinan",
    "compare --year 2023",
    "regions",
    "search evil",
    "designations",
    "indicators",
    "sources",
    "practices",
    "info prac",
    "list --count-by region",
]
FORMATS = [f.value for f in Format]
# Data that reads as Rich markup, and a command whose table shows it (names are Chinese there).
MARKUP_SHOWN = {
    "regions": "渭南市[/bold]",
    "show weinan": "渭南市[/bold]",
    "compare fuping weinan": "渭南市[/bold]",
    "designations": "[link=http://evil.example]平安[/link]",
}
FORMULA_START = ("=", "+", "@", "\t", "\r")
NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


@pytest.fixture(scope="module")
def evil_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("evil") / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    return path


def _run(evil: Path, command: str, fmt: str, *extra: str) -> str:
    result = pingan(["--data", str(evil), *command.split(), "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert not RAW.search(result.stderr)
    return result.stdout


def _originals() -> dict[str, Any]:
    """The dataset as a plain YAML parser reads it: the strings outputs must give back."""
    data: dict[str, Any] = yaml.safe_load(EVIL)
    return data


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


def test_the_dataset_is_valid(evil_file: Path) -> None:
    result = pingan(["validate", str(evil_file)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_no_raw_control_or_bidi_character(evil_file: Path, command: str, fmt: str) -> None:
    out = _run(evil_file, command, fmt)
    if fmt == "csv":
        assert not out.startswith("\ufeff")  # a pipe: no BOM (a file gets the one Excel needs)
        return  # CSV to a pipe is data: test_csv_gives_back_every_string
    found = RAW.search(out)
    assert found is None, f"raw {found.group(0)!r} in {command} --format {fmt}"
    if fmt in {"table", "markdown"} and command in MARKUP_SHOWN:
        # Rich markup in data is text, shown as written.
        assert MARKUP_SHOWN[command] in out


@pytest.mark.parametrize("command", COMMANDS)
def test_json_is_strict_and_gives_back_the_original_strings(evil_file: Path, command: str) -> None:
    out = _run(evil_file, command, "json")

    def refuse(constant: str) -> Any:
        raise ValueError(f"non-standard JSON constant {constant}")

    data = json.loads(out, parse_constant=refuse)
    found = set(_strings(data))
    # Every hostile string the command shows comes back exactly, control characters and all.
    hostile = {s for s in _strings(_originals()) if RAW.search(s) or "[/" in s}
    assert hostile & found, f"{command}: no hostile string shown"


@pytest.mark.parametrize("command", COMMANDS)
def test_yaml_reads_back_to_the_json_data(evil_file: Path, command: str) -> None:
    as_yaml = yaml.safe_load(_run(evil_file, command, "yaml"))
    as_json = json.loads(_run(evil_file, command, "json"))
    assert as_yaml == as_json


def test_round_trip_of_particular_strings(evil_file: Path) -> None:
    regions = {r["id"]: r for r in json.loads(_run(evil_file, "regions", "json"))}
    assert regions["weinan"]["name_en"] == "[red]x[/red]\x1b[2J"
    assert regions["weinan"]["aliases"][0] == "\u202eevil"
    assert regions["weinan"]["aliases"][1] == "\x9b31mred"
    assert regions["fuping"]["name_en"] == "\tTabbed\rCR evil"
    sources = json.loads(_run(evil_file, "sources", "json"))
    assert sources[0]["title"] == "[bold]Title[/bold] \x1b]52;c;ZXZpbA==\x07"
    from_yaml = yaml.safe_load(_run(evil_file, "regions", "yaml"))
    assert from_yaml[0]["aliases"][0] == "\u202eevil"


def test_table_shows_escapes_visibly(evil_file: Path) -> None:
    out = _run(evil_file, "sources", "table", "--width", "1000")
    assert "[bold]Title[/bold] \\e]52;c;ZXZpbA==\\x07" in out
    assert "http://example.com/\\e[2J" in out
    result = pingan(["--lang", "en", "--data", str(evil_file), "regions", "--width", "1000"])
    assert "[red]x[/red]\\e[2J" in result.stdout
    assert "\\tTabbed\\rCR evil" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_tsv_never_starts_a_formula(evil_file: Path, command: str) -> None:
    """A spreadsheet opens TSV as it opens CSV: the same cells are neutralised (issue 20)."""
    out = _run(evil_file, command, "tsv")
    for line in out.splitlines():
        for cell in line.split("\t"):
            assert not cell.startswith(FORMULA_START), f"{cell!r} starts a formula"
            if cell.startswith("-"):
                assert NUMBER.match(cell), f"{cell!r} starts a formula"


def test_tsv_keeps_numbers_numbers_and_marks_formulas_as_csv_does(evil_file: Path) -> None:
    rows = [line.split("\t") for line in _run(evil_file, "list", "tsv").splitlines()]
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert sorted(r["value"] for r in records) == ["-12.5", "-3"]
    assert {r["region_name"] for r in records} == {"'-2+3", "渭南市[/bold]"}
    assert "'=evil(1)" in {r["quote"] for r in records}


# Raw HTML, links and images in data: a Markdown renderer would run, follow or load them.
HTML_EVIL = """
format: 1
sources:
  - id: src
    title: "<script>alert('title')</script>"
    publisher: "<img src=x onerror=alert(1)>"
    url: "http://example.com/"
regions:
  - id: weinan
    name_zh: '<a href="javascript:alert(1)">渭南市</a>'
    name_en: "[click](javascript:alert(1))"
    aliases: ["![pixel](http://evil.example/track.png)", "<http://evil.example/auto>"]
    level: city
    note: "&lt;script&gt; as written"
"""


def test_markdown_renders_html_links_and_images_from_data_as_text(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    data = tmp_path / "html.yaml"
    data.write_text(HTML_EVIL, encoding="utf-8")
    renderer = MarkdownIt("commonmark").enable("table")
    originals = _strings(yaml.safe_load(HTML_EVIL))
    for command in ("regions", "sources", "--lang en regions", "search alert"):
        out = _run(data, command, "markdown")
        html = renderer.render(out)
        assert "<script" not in html and "<img" not in html and "<a " not in html, html
        # Rendered, the text is the data as written: the escapes only keep it text.
        shown = "".join(ElementTree.fromstring(f"<body>{html}</body>").itertext())
        assert any(text in shown for text in originals if "<" in text or "[" in text), shown


@pytest.mark.parametrize("command", COMMANDS)
def test_csv_never_starts_a_formula(evil_file: Path, command: str) -> None:
    out = _run(evil_file, command, "csv", "--no-bom")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START), f"{cell!r} starts a formula"
            if cell.startswith("-"):
                assert NUMBER.match(cell), f"{cell!r} starts a formula"


def test_csv_keeps_negative_numbers_numbers(evil_file: Path) -> None:
    out = _run(evil_file, "list", "csv", "--no-bom")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    values = sorted(float(r["value"]) for r in rows)
    assert values == [-12.5, -3.0]
    assert {r["value"] for r in rows} == {"-12.5", "-3"}
    names = {r["region_name"] for r in rows}
    assert "'-2+3" in names  # a name that only looks like arithmetic is neutralised
    regions = list(csv.DictReader(io.StringIO(_run(evil_file, "regions", "csv", "--no-bom"))))
    fuping = next(r for r in regions if r["id"] == "fuping")
    assert fuping["name_zh"] == "'-2+3"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-1+2", "'-1+2"),
        ("-cmd", "'-cmd"),
        ("- 1", "'- 1"),
        ("-", "'-"),
        ("-1", "-1"),
        ("-12.5", "-12.5"),
        ("-.5", "-.5"),
        ("-1e3", "-1e3"),
        (-12.5, -12.5),
        (-3, -3),
        ("渭南", "渭南"),
        ("a=b", "a=b"),
        ("\x1b[2J", "\x1b[2J"),
        ("👨\u200d🦰", "👨\u200d🦰"),
        (None, None),
    ],
)
def test_spreadsheet_safe(value: Any, expected: Any) -> None:
    assert spreadsheet_safe(value) == expected


def test_spreadsheet_safe_on_a_terminal_escapes() -> None:
    assert spreadsheet_safe("\t=1", terminal=True) == "'\\t=1"
    assert spreadsheet_safe("\x1b[2J", terminal=True) == "\\e[2J"


# Strings CSV once broke by escaping: emoji sequences, Telugu with its joiners, and the rest.
EXACT = [
    "👨\u200d🦰",
    "👩\u200d❤\ufe0f\u200d👨",
    "క్\u200cష",
    "ఉద\u200dయ్",
    "\u00ad\u0600\u180e\u206a\U000e0001",
    "tab\tnew\nline",
    "\x1b[2J\u202e",
]


@pytest.mark.parametrize("fmt", ["csv", "json", "yaml"])
def test_csv_json_yaml_give_back_every_string(fmt: str) -> None:
    """To a file or a pipe, text comes back exactly (JSON and YAML through their escapes)."""
    records = [{"name": text, "n": index} for index, text in enumerate(EXACT)]
    result = Result(data=records, tables=[], records=records)
    out = render(result, Format(fmt), None, False)
    if fmt == "csv":
        back = [row["name"] for row in csv.DictReader(io.StringIO(out, newline=""))]
    elif fmt == "json":
        back = [row["name"] for row in json.loads(out)]
        assert first_hidden(out) is None  # safe on a terminal too, through escapes
    else:
        back = [row["name"] for row in yaml.safe_load(out)]
        assert first_hidden(out) is None
    assert back == EXACT


def test_csv_on_a_terminal_shows_invisible_characters_as_escapes() -> None:
    records = [{"name": text} for text in EXACT]
    out = render(
        Result(data=records, tables=[], records=records), Format.csv, 80, True, terminal=True
    )
    assert "\\xad\\u0600\\u180e\\u206a\\U000e0001" in out
    assert "👨\u200d🦰" in out  # an emoji sequence stays readable
    assert "\x1b" not in out and "\u202e" not in out


def test_the_command_line_escapes_csv_only_for_a_terminal(evil_file: Path, tmp_path: Path) -> None:
    """CSV to a terminal shows escapes; to a pipe, or to --output even from a terminal, exact."""
    from click.testing import CliRunner

    from pingan_cli.cli.environment import Environment
    from pingan_cli.cli.root import cli

    def csv_text(tty: bool, *extra: str) -> str:
        env = Environment(stdout=io.StringIO(), stderr=io.StringIO(), stdout_isatty=tty)
        args = ["--data", str(evil_file), "regions", "-o", "csv", "--no-bom", *extra]
        result = CliRunner().invoke(cli, args, obj=env)
        assert result.exit_code == 0, result.output
        assert isinstance(env.stdout, io.StringIO)
        return env.stdout.getvalue()

    piped, shown = csv_text(False), csv_text(True)
    assert "\x1b" in piped and "\u202e" in piped  # the data, exactly
    assert not RAW.search(shown.replace("\r\n", "\n"))  # CSV's own line ends aside
    assert "\\e[2J" in shown and "\\u202e" in shown
    written = tmp_path / "regions.csv"
    assert csv_text(True, "--output", str(written)) == ""
    assert written.read_bytes().decode("utf-8") == piped


def test_csv_gives_back_every_hostile_string(evil_file: Path) -> None:
    for command in ("regions", "sources", "list"):
        out = _run(evil_file, f"--lang en {command}", "csv", "--no-bom")
        cells = {cell for row in csv.reader(io.StringIO(out, newline="")) for cell in row}
        shown = set(_strings(json.loads(_run(evil_file, command, "json"))))
        lists = " ".join(cell for cell in cells if cell.startswith(("[", "'[")))
        for text in shown:
            if RAW.search(text):
                # A list is a JSON array in its cell, which reads back to the same strings.
                in_list = json.dumps(text, ensure_ascii=False) in lists
                assert text in cells or "'" + text in cells or in_list, text


def test_safe_text_escapes_every_dangerous_character() -> None:
    text = "a\x1b]52;c;x\x07b\x9bc\u202ed\u200be\x00f\x7fg\ufeffh\u061ci\u2028j"
    shown = safe_text(text)
    assert not RAW.search(shown)
    assert shown == ("a\\e]52;c;x\\x07b\\x9bc\\u202ed\\u200be\\x00f\\x7fg\\ufeffh\\u061ci\\u2028j")
    assert safe_text("line\nnext", keep_newlines=True) == "line\nnext"
    assert safe_text("line\nnext") == "line\\nnext"


def test_markup_is_never_interpreted_even_in_colour() -> None:
    """With colour on (a terminal), Rich styles the headers; data stays text."""
    result = Result(
        data=[],
        tables=[
            Table(
                "[bold]title[/bold]",
                [Column("name", "name")],
                [{"name": safe_text("[red]x[/red] [/bold] [link=http://e]y[/link] \x1b[2J")}],
            )
        ],
    )
    out = render(result, Format.table, width=80, color=True)
    assert "[red]x[/red] [/bold] [link=http://e]y[/link] \\e[2J" in out
    assert "[bold]title[/bold]" in out
    assert "\x1b[2J" not in out
    assert "\x1b]8;" not in out  # no hyperlink was made from data


# `compare` makes column headers of designation titles, indicator names and (transposed)
# region names: headers are data too.
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
@pytest.mark.parametrize("command", ["compare fuping weinan", "compare --year 2023"])
def test_compare_headers_are_escaped(evil_file: Path, command: str, fmt: str) -> None:
    out = _run(evil_file, f"--lang en {command}", fmt, "--no-bom" if fmt == "csv" else "--ascii")
    if fmt != "csv":
        assert not RAW.search(out), out
    else:
        header = next(csv.reader(io.StringIO(out)))
        assert not any(cell.startswith(FORMULA_START) for cell in header)


def test_error_messages_escape_hostile_text(evil_file: Path) -> None:
    for args in (
        ["--data", str(evil_file), "show", "\x1b]52;c;ZXZpbA==\x07\u202e"],
        ["--data", str(evil_file), "list", "--region", "\x9b2J"],
        ["--data", str(evil_file), "search", "\x1b[2J\u202e-nothing-"],
    ):
        result = pingan(args)
        assert not RAW.search(result.stderr), result.stderr
        assert "Traceback" not in result.output


def test_hostile_text_in_a_bad_file_is_escaped_in_the_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad\u202e.yaml"
    text = "format: 1\nregions:\n  - id: x\n    name_zh: x\n    name_en: x\n"
    bad.write_text(text + '    level: "\\e]52;c;x\\a"\n', encoding="utf-8")
    result = pingan(["validate", str(bad)])
    assert result.exit_code == 1
    assert not RAW.search(result.stderr), result.stderr
    assert "\\x1b]52;c;x\\x07" in result.stderr
    assert "bad\\u202e.yaml:6:12: regions[0].level:" in result.stderr


# --- writing files: interrupted writes leave the old file, pipes and Ctrl-C end quietly ------


def _stray(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize(
    ("target", "failure"),
    [
        ("replace", KeyboardInterrupt()),
        ("fsync", KeyboardInterrupt()),
        ("fsync", OSError(28, "No space left on device")),
        ("replace", OSError(13, "Permission denied")),
    ],
)
def test_interrupted_output_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, failure: BaseException
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = out / "figures.csv"
    old.write_text("the old file\n", encoding="utf-8")
    reached: list[str] = []

    def fail(*args: Any) -> None:
        reached.append(target)
        # The temporary file is there, written, when the interruption comes.
        assert _stray(out, {"figures.csv"})
        raise failure

    monkeypatch.setattr(os, target, fail)
    outcome = run_main(["--no-cache", "list", "--format", "csv", "--output", str(old)], tmp_path)
    assert reached == [target]
    assert old.read_text(encoding="utf-8") == "the old file\n"
    assert _stray(out, {"figures.csv"}) == []
    assert "Traceback" not in outcome.stderr
    if isinstance(failure, KeyboardInterrupt):
        assert outcome.exit == 130
        assert outcome.stderr == "interrupted\n"
    else:
        assert outcome.exit == 1
        assert outcome.stderr.startswith("error: ")


def test_output_file_is_replaced_whole(tmp_path: Path) -> None:
    old = tmp_path / "figures.json"
    old.write_text("the old file\n", encoding="utf-8")
    outcome = run_main(["list", "--format", "json", "--output", str(old)], tmp_path)
    assert outcome.exit == 0, outcome.stderr
    assert len(json.loads(old.read_text(encoding="utf-8"))) > 40
    assert _stray(tmp_path, {"figures.json", "cache"}) == []


def test_interrupted_export_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "store.sqlite"
    old.write_bytes(b"the old file")
    run_main(["regions"], tmp_path)  # build the cache first: only the export is interrupted

    def interrupt(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    outcome = run_main(["export", str(old)], tmp_path)
    assert outcome.exit == 130
    assert outcome.stderr == "interrupted\n"
    assert old.read_bytes() == b"the old file"
    assert _stray(tmp_path, {"store.sqlite", "cache"}) == []


def test_keyboard_interrupt_during_a_query_is_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from pingan_cli.query import figures as queries

    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(queries, "figures", interrupt)
    outcome = run_main(["list"], Path.cwd())
    assert (outcome.exit, outcome.stdout, outcome.stderr) == (130, "", "interrupted\n")


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset whose `list` output (150 KB and more) is far larger than a pipe's buffer."""
    regions = "".join(
        f"  - {{id: r{n}, name_zh: 区{n}, name_en: Region {n}, level: county, parent: city}}\n"
        for n in range(2000)
    )
    observations = "".join(
        f"  - {{region: r{n}, indicator: cases, period: 2023, value: {n}, unit: 件, "
        f"source: src, quote: 第{n}条}}\n"
        for n in range(2000)
    )
    text = (
        "format: 1\n"
        "sources:\n  - {id: src, title: T, publisher: P, url: 'http://example.com/'}\n"
        "regions:\n  - {id: city, name_zh: 市, name_en: City, level: city}\n"
        f"{regions}"
        "indicators:\n  - {id: cases, name_zh: 案件, name_en: Cases, unit: 件, category: cases,"
        " definition: d}\n"
        f"observations:\n{observations}"
    )
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _process(argv: list[str], folder: Path, **kwargs: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PINGAN_CACHE_DIR": str(folder / "cache"), "COLUMNS": "100"}
    return subprocess.Popen(
        [sys.executable, "-m", "pingan_cli", *argv],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_pipe_closed_early_ends_quietly(big_dataset: Path, tmp_path: Path, fmt: str) -> None:
    """`pingan list | head -1`: no traceback, no 'Broken pipe' noise, exit 0."""
    if fmt != "table":  # (the table, slower to render, is larger still: 139 KB)
        whole = run_main(["--data", str(big_dataset), "list", "--format", fmt], tmp_path).stdout
        assert len(whole.encode()) > 2 * 65536  # more than a pipe holds: the writer must block
    process = _process(["--data", str(big_dataset), "list", "--format", fmt], tmp_path)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # what head does after its line
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=30) == 0, stderr
    assert first
    assert stderr == ""


def _ctrl_c_as_at_a_terminal() -> None:
    """In the child before exec: SIGINT back to its default action.

    A shell without job control (`bash -c 'pytest … & wait'`, CI scripts) starts background jobs
    with SIGINT ignored; the child would inherit that, Python would then install no
    KeyboardInterrupt handler, and the test's SIGINT would be lost. A user's Ctrl-C reaches a
    process whose SIGINT is at its default, so that is what the child gets.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_ctrl_c_while_writing_output(big_dataset: Path, tmp_path: Path) -> None:
    """SIGINT while the output file is being written: exit 130, a short message, old file kept.

    The child's os.fsync is made to wait, so the signal lands deterministically while the
    temporary file exists and before it replaces the old one.
    """
    out = tmp_path / "out"
    out.mkdir()
    old = out / "figures.json"
    old.write_text("the old file\n", encoding="utf-8")
    driver = (
        "import os, sys, time\n"
        "def slow_fsync(fd):\n"
        "    sys.stderr.write('writing\\n'); sys.stderr.flush(); time.sleep(60)\n"
        "os.fsync = slow_fsync\n"
        "from pingan_cli.cli.root import main\n"
        "main(sys.argv[1:])\n"
    )
    env = {**os.environ, "PINGAN_CACHE_DIR": str(tmp_path / "cache")}
    argv = ["--data", str(big_dataset), "list", "--format", "json", "--output", str(old)]
    process = subprocess.Popen(
        [sys.executable, "-c", driver, *argv],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )
    try:
        assert process.stderr is not None
        assert process.stderr.readline() == b"writing\n"
        assert len(_stray(out, {"figures.json"})) == 1  # the temporary file, written
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    assert stderr.decode() == "interrupted\n"
    assert stdout == b""
    assert old.read_text(encoding="utf-8") == "the old file\n"
    assert _stray(out, {"figures.json"}) == []


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_ctrl_c_test_passes_in_a_background_job(tmp_path: Path) -> None:
    """The Ctrl-C test passes when pytest itself starts with SIGINT ignored, as `cmd &` does."""

    def as_background_job() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    test = f"{Path(__file__).resolve()}::test_ctrl_c_while_writing_output"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--basetemp",
            str(tmp_path / "t"),
            test,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=as_background_job,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


# Invisible characters issue 8 found reaching a table raw, and their kin.
INVISIBLE = ["\u00ad", "\u0600", "\u0605", "\u061c", "\u180e", "\u200b", "\u206a", "\u206f",
             "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\x85", "\U000e0001",
             "\U000e007f"]  # fmt: skip


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_terminal_views_escape_invisible_characters(char: str) -> None:
    shown = safe_text(f"a{char}b")
    assert char not in shown
    assert shown.startswith("a\\") and shown.endswith("b")


def test_every_control_and_format_character_is_escaped() -> None:
    """By Unicode category, not a hand-made list: Cc, Cf, Zl, Zp (joiners in words too)."""
    for code in range(0x110000):
        char = chr(code)
        if char not in "\t\n" and unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
            assert first_hidden(safe_text(f"a{char}b")) is None, f"U+{code:04X}"


def test_joiners_that_only_shape_what_is_seen_stay_readable() -> None:
    for text in ("👨\u200d🦰", "👩\u200d❤\ufe0f\u200d👨", "క్\u200cష", "क्\u200dष"):
        assert safe_text(text) == text
    assert safe_text("ad\u200dmin") == "ad\\u200dmin"  # a joiner hiding in a word
    assert safe_text("\u200d👨") == "\\u200d👨"


def test_svg_stays_well_formed_for_any_text() -> None:
    from xml.etree import ElementTree

    names = ["渭南\ufffe市", "\uffff", "a\x00b", "\U000e0001", "<&>]]>", "\ud800"]
    table = Table("t\ufffe", [Column("name", "name\ufffe")], [{"name": n} for n in names])
    svg = render(Result(data=None, tables=[table]), Format.svg, 80, True)
    ElementTree.fromstring(svg)
    assert "\\ufffe" in "".join(ElementTree.fromstring(svg).itertext())


def test_svg_of_a_dataset_holding_a_noncharacter(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    data = tmp_path / "data.yaml"
    data.write_text(
        'format: 1\nregions:\n  - id: weinan\n    name_zh: "渭南\\uFFFE市"\n'
        '    name_en: "Wei\\u00ADnan"\n    level: city\n',
        encoding="utf-8",
    )
    result = pingan(["--data", str(data), "regions", "-o", "svg"])
    assert result.exit_code == 0, result.output
    ElementTree.fromstring(result.stdout)
