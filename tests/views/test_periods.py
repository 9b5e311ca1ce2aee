"""A figure's period beside a heading (issue 19, §1): marks and legends in every human format.

Weinan's 2061.54万元 of funds returned is "since 2023" on a page its address dates 2024-12-18;
Xi'an's 1.08亿元 is the year 2023. Under the heading 2023 the first is marked, the legend says
2023-01..2024-12-18 and where the end came from, in the run's language, and a line says what the
year took in; JSON and CSV keep the period fields. Stocks (totals at a date) are marked "as of".
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from rich.cells import cell_len

from pingan_cli.views.periods import Legend, period_kind, period_note

from ..helpers import pingan

FUNDS = "compare weinan xian -i fraud-funds-returned --year 2023"
LEGEND = {
    "en": "since 2023: 2023-01..2024-12-18 (the end is the date in the page's address), "
    "not 2023 alone",
    "zh": "自2023年以来：2023-01至2024-12-18（截止日期取自页面网址所含日期），不只是2023年",
}
TOOK = {"en": "Taken as 2023's: 1 figure whose period", "zh": "作为2023年的数字收入了1个"}


# --- the notes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "measure", "year", "kind"),
    [
        ("2023", "flow", 2023, None),
        ("since 2023", "flow", 2023, "since"),
        ("since 2023", "flow", None, "since"),
        ("2024-01-01..2024-12-23", "flow", 2024, "part"),
        ("2024-01-01..2024-12-31", "flow", 2024, None),
        ("2024-01..2024-12", "flow", 2024, None),
        ("2024-01-01..2024-12-23", "flow", None, None),
        ("2022-04..", "flow", None, "open"),
        ("to 2024-12-23", "stock", 2024, "stock"),
        ("2023", "stock", 2023, "stock"),
        ("recent years to 2024", "flow", None, None),
    ],
)
def test_which_figures_are_marked(period: str, measure: str, year: int | None, kind: str) -> None:
    assert period_kind(period, measure, year) == kind


def test_notes_say_the_span_its_end_and_where_the_end_came_from() -> None:
    for lang, words in LEGEND.items():
        assert period_note("since 2023", "flow", "2024-12-18", "address", 2023, lang) == words
    assert period_note("since 2023", "flow", None, None, 2023, "en") == (
        "since 2023, to a date its page does not give, not 2023 alone"
    )
    assert period_note("to 2024-12-23", "stock", "2024-12-23", None, 2024, "zh") == (
        "截至2024-12-23的总数（存量），不是一段时间内的数量"
    )
    assert period_note("since 2023", "stock", "2024-03", "content", None, "en") == (
        "as of 2024-03: a total standing at that date, not a count over a period (the date is "
        "the latest date the page reports)"
    )
    assert period_note("2023-01..2023-11", "flow", None, None, 2023, "en") == (
        "2023-01..2023-11: part of 2023, not the whole year"
    )


def test_one_note_one_mark_in_order_of_use() -> None:
    legend = Legend("en", 2023)
    assert legend.mark("since 2023", "flow", "2024-12", "published") == "[a]"
    assert legend.mark("2023", "flow", "2023", None) == ""
    assert legend.mark("to 2023-06", "stock", "2023-06", None) == "[b]"
    assert legend.mark("since 2023", "flow", "2024-12", "published") == "[a]"
    assert [line[:4] for line in legend.lines()] == ["[a] ", "[b] "]
    took = legend.took_in()
    assert took is not None and took.startswith("Taken as 2023's: 3 figures")
    assert Legend("en").took_in() is None


# --- compare, in every human format, both languages, two widths ------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 100])
def test_compare_marks_the_span_in_a_table(lang: str, width: int) -> None:
    result = pingan(f"--lang {lang} {FUNDS} --width {width}")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines), lines
    assert any(re.search(r"2061\.54万元 \[a\]", line) for line in lines), lines
    assert any(re.search(r"1\.08亿元(?! \[)", line) for line in lines), lines
    text = " ".join(" ".join(lines).split())
    wanted = " ".join(("[a] " + LEGEND[lang]).split())
    assert wanted.replace(" ", "") in text.replace(" ", "")
    assert TOOK[lang] in result.stderr


def _text(drawn: str) -> str:
    """What an SVG or HTML page says, tags and entities aside, without spaces."""
    text = re.sub(r"<[^>]+>", "", drawn)
    text = html.unescape(text)
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_marks_the_span_in_markdown_svg_and_html(lang: str) -> None:
    for fmt in ("markdown", "svg", "html"):
        out = pingan(f"--lang {lang} {FUNDS} --format {fmt}").stdout
        said = _text(out)
        assert "2061.54万元[a]" in said, fmt
        assert "".join(("[a] " + LEGEND[lang]).split()) in said, fmt
        assert "".join(TOOK[lang].split()) in said, fmt


def test_json_and_csv_keep_the_period_fields() -> None:
    data = json.loads(pingan(f"{FUNDS} --format json").stdout)
    weinan = data["regions"][0]["indicators"]["fraud-funds-returned"]
    assert (weinan["period"], weinan["period_end"], weinan["period_end_from"]) == (
        "since 2023",
        "2024-12-18",
        "address",
    )
    rows = list(csv.DictReader(io.StringIO(pingan(f"{FUNDS} --format csv --no-bom").stdout)))
    (row,) = [r for r in rows if r["region"] == "weinan"]
    assert (row["period"], row["period_end"], row["period_end_from"]) == (
        "since 2023",
        "2024-12-18",
        "address",
    )


# --- charts, in the terminal, as SVG and as a page -----------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 100])
def test_compare_chart_marks_the_span(lang: str, width: int) -> None:
    out = pingan(f"--lang {lang} {FUNDS} --chart --width {width}").stdout
    lines = out.splitlines()
    assert all(cell_len(line) <= width for line in lines), lines
    bar = next(line for line in lines if "2061.54万元" in line)
    assert bar.rstrip().endswith("2061.54万元 [a]")
    assert "".join(LEGEND[lang].split()) in "".join("".join(lines).split())
    for fmt in ("svg", "html"):
        drawn = _text(pingan(f"--lang {lang} {FUNDS} --chart --format {fmt}").stdout)
        assert "2061.54万元[a]" in drawn
        assert "".join(("[a] " + LEGEND[lang]).split()) in drawn


def test_rank_marks_the_span_and_says_what_it_took_in() -> None:
    result = pingan("--lang en rank fraud-funds-returned --level city --year 2023 --width 100")
    assert "2061.54万元 [a]" in result.stdout
    assert "[a] " + LEGEND["en"] in " ".join(result.stdout.split("\n"))
    assert TOOK["en"] in result.stderr
    chart = pingan("--lang en rank fraud-funds-returned --level city --year 2023 --chart").stdout
    assert "2061.54万元 [a]" in chart


def test_a_stock_is_marked_as_of_its_date_in_trend_and_its_change_is_not_a_sum() -> None:
    out = pingan("--lang en trend weinan national-democracy-law-model-villages --width 100")
    text = out.stdout
    assert "20个 [a]" in text and "20个 [b]" in text
    assert "[a] as of 2024-03: a total standing at that date" in text
    assert "[b] as of 2024-12-23: a total standing at that date" in text
    assert "never added up" in text
    data = json.loads(
        pingan("trend weinan national-democracy-law-model-villages --format json").stdout
    )
    (trend,) = data
    assert trend["measure"] == "stock"
    assert [p["change"] for p in trend["points"]] == [None, 0.0]
    chart = pingan("--lang en trend weinan national-democracy-law-model-villages --chart").stdout
    assert "20个 [a]" in chart and "as of 2024-12-23" in chart


def test_list_and_show_mark_stocks_and_ends() -> None:
    listed = pingan("--lang en list -r weinan -i mediators --width 100").stdout
    assert "7716名 [a]" in listed
    assert "[a] as of 2024-12-23" in listed
    shown = pingan("show fuping").stdout
    assert "823起 [a]" in shown
    assert "[a] 自2023年以来：2023-01至2024-03（截止日期取自页面所述最晚日期）" in shown
    year = pingan("--lang en list --year 2023 -c fraud")
    assert "Taken as 2023's" in year.stdout and "Taken as 2023's" in year.stderr


def test_the_report_marks_spans_and_stocks() -> None:
    page = pingan("report --year 2024 weinan").stdout
    assert re.search(r"7716名 \[[a-z]\]", page)
    assert 'class="legend period"' in page
    assert "截至2024-12-23的总数（存量）" in page
    english = pingan("--lang en report --year 2023 weinan").stdout
    assert "not 2023 alone" in english
