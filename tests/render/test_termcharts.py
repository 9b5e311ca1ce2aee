"""Terminal charts: golden output at fixed widths, and the rules every chart keeps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from pingan_cli.records.charts import Chart, ChartValue, Disagreement, Missing
from pingan_cli.records.numbers import Qualifier, Units
from pingan_cli.render.termcharts import bar_chart, sparkline

from ..helpers import GOLDEN, assert_golden
from .chart_samples import CHANGES, RANKING, TREND

CHARTS = GOLDEN / "charts"

CASES = {
    "ranking-100": lambda: bar_chart(RANKING, 100),
    "ranking-60": lambda: bar_chart(RANKING, 60),
    "ranking-24-stacked": lambda: bar_chart(RANKING, 24),
    "ranking-ascii-zh": lambda: bar_chart(RANKING, 60, lang="zh", ascii_only=True),
    "trend-60": lambda: bar_chart(TREND, 60),
    "changes-60": lambda: bar_chart(CHANGES, 60),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_golden(name: str) -> None:
    text = CASES[name]()
    path = CHARTS / f"{name}.txt"
    assert_golden(path, text)


@pytest.mark.parametrize("width", [20, 30, 45, 60, 80, 100, 160])
def test_every_line_fits_and_every_figure_is_whole(width: int) -> None:
    text = bar_chart(RANKING, width)
    for line in text.splitlines():  # the title and the footnotes too
        assert cell_len(line) <= width, line
    for figure in RANKING.figures:
        if figure.value is not None:
            assert figure.text in text


def _bar_cells(line: str) -> float:
    whole = line.count("█")
    eighths = " ▏▎▍▌▋▊▉"
    return whole + sum(eighths.index(c) / 8 for c in line if c in eighths[1:])


def test_bars_are_scaled_to_the_largest_figure() -> None:
    lines = bar_chart(RANKING, 100).splitlines()
    by_label = {f.label: next(line for line in lines if f.label in line) for f in RANKING.figures}
    longest = _bar_cells(by_label["临渭区"])
    assert longest > 50
    assert _bar_cells(by_label["富平县"]) / longest == pytest.approx(31 / 52, abs=1 / 8 / longest)
    assert _bar_cells(by_label["华州区"]) / longest == pytest.approx(13 / 52, abs=1 / 8 / longest)
    # A small figure still gets a sliver: no bar that reads as 0 unless the figure is 0.
    assert 0 < _bar_cells(by_label["韩城市"]) <= 1


def test_missing_figures_are_words_never_empty_bars() -> None:
    text = bar_chart(RANKING, 60)
    assert "白水县" in text
    assert next(line for line in text.splitlines() if "白水县" in line).endswith("not reported")
    assert next(line for line in text.splitlines() if "蒲城县" in line).endswith("unknown")
    zh = bar_chart(RANKING, 60, lang="zh")
    assert "未报告" in zh
    assert "不详" in zh


def test_a_zero_is_a_zero_not_a_missing_figure() -> None:
    chart = Chart("t", (ChartValue("a", 0), ChartValue("b", None), ChartValue("c", 5)))
    lines = bar_chart(chart, 40).splitlines()
    assert lines[1].split() == ["a", "0"]
    assert lines[2].split() == ["b", "not", "reported"]


def test_conflicts_are_marked_and_footnoted() -> None:
    lines = bar_chart(RANKING, 100).splitlines()
    assert next(line for line in lines if "富平县" in line).endswith("31,000 *")
    assert "* 富平县: sources disagree: 示例日报 writes 3.2万 (32,000)" in lines


def test_qualifiers_are_kept_when_the_text_is_left_to_the_chart() -> None:
    chart = Chart(
        "t", (ChartValue("a", 52000, Qualifier.at_least), ChartValue("b", 1, Qualifier.approx))
    )
    assert "≥5.2万" in bar_chart(chart, 40, units=Units.wan)
    assert "≈1" in bar_chart(chart, 40)


def test_hostile_labels_are_shown_as_escapes() -> None:
    chart = Chart("t\x1b[31m", (ChartValue("a\u202eb", 1), ChartValue("x\ny", 2)))
    text = bar_chart(chart, 40)
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "x\\ny" in text


def test_negative_figures_get_a_fill_of_their_own() -> None:
    text = bar_chart(CHANGES, 60)
    assert "▒" in text
    assert "below zero" in text.splitlines()[-1]


def test_sparkline() -> None:
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([96.19, 98.35, None, 98.38]) == "▁█·█"
    assert sparkline([5, 5]) == "▄▄"
    assert sparkline([None, None]) == "··"
    assert sparkline([]) == ""


def test_a_chart_with_no_figures_draws_its_title() -> None:
    assert bar_chart(Chart("empty", ()), 40) == "empty\n"


def test_missing_reasons_have_words_in_both_languages() -> None:
    from pingan_cli.records.charts import words

    for lang in ("en", "zh"):
        said = words(lang)
        assert all(said[m] for m in Missing)


# Issue 20: values were right-aligned with str.rjust, which counts 万 as one cell where a terminal
# draws two: the docs' width-100 chart of 2.33万起 beside 1855起 had a line of 102 cells.
WIDE_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789,.万亿余约起件户%≥≈ 渭南市富平县Ｆ😀ab")),
    min_size=1,
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(
    title=WIDE_TEXT,
    figures=st.lists(
        st.tuples(
            WIDE_TEXT,
            st.one_of(st.none(), st.integers(-(10**12), 10**12), st.floats(-1e9, 1e9)),
            WIDE_TEXT,
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    ),
    width=st.integers(20, 200),
    ascii_only=st.booleans(),
)
def test_no_line_is_wider_than_the_terminal(
    title: str,
    figures: list[tuple[str, float | None, str, bool]],
    width: int,
    ascii_only: bool,
) -> None:
    chart = Chart(
        title=title,
        unit="万元",
        figures=tuple(
            ChartValue(
                label,
                value,
                text=text,
                rank=n + 1 if ranked else None,
                conflict=Disagreement("另一来源 writes 3.2万 (32,000)", ()) if n == 0 else None,
            )
            for n, (label, value, text, ranked) in enumerate(figures)
        ),
        note="注：" + title * 3,
    )
    for line in bar_chart(chart, width, ascii_only=ascii_only).splitlines():
        assert cell_len(line) <= width, (width, line)


def test_the_docs_width_100_chart_of_wan_figures_fits() -> None:
    chart = Chart(
        title="化解矛盾纠纷起数",
        unit="起",
        figures=(
            ChartValue("渭南市", 23300, text="2.33万起"),
            ChartValue("临渭区", 1855, text="1855起"),
        ),
    )
    lines = bar_chart(chart, 100).splitlines()
    assert max(cell_len(line) for line in lines) == 100
