"""SVG charts: valid XML for any text, no network, bars to scale, missing figures in words."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from pingan_cli.records.charts import Chart, ChartValue, Disagreement, Missing
from pingan_cli.records.numbers import Qualifier
from pingan_cli.render.svgcharts import BAR_COLOUR, bar_chart_svg, text_width, xml_text

from ..helpers import pingan
from .chart_samples import CHANGES, RANKING

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg: str) -> list[float]:
    root = ElementTree.fromstring(svg)
    return [
        float(r.get("width", "0")) for r in root.iter(f"{SVG}rect") if r.get("fill") == BAR_COLOUR
    ]


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_bars_are_to_scale() -> None:
    widths = _bars(bar_chart_svg(RANKING, 640))
    assert len(widths) == 4  # the two missing figures have no bar
    assert widths[1] / widths[0] == pytest.approx(31 / 52, rel=1e-3)
    assert widths[2] / widths[0] == pytest.approx(13 / 52, rel=1e-3)
    assert widths[3] >= 1


def test_missing_figures_are_words_and_conflicts_footnoted() -> None:
    texts = _texts(bar_chart_svg(RANKING, 640))
    assert "not reported" in texts
    assert "unknown" in texts
    assert "≥52,000" in texts
    assert "≈13,000" in texts
    assert "*" in texts
    assert any("sources disagree" in t and "32,000" in t for t in texts)
    zh = _texts(bar_chart_svg(RANKING, 640, lang="zh"))
    assert "未报告" in zh
    assert "不详" in zh


def test_negative_figures_have_a_legend() -> None:
    assert "below zero" in _texts(bar_chart_svg(CHANGES, 640))


@pytest.mark.parametrize("width", [240, 320, 640, 1000])
def test_nothing_is_drawn_past_the_right_edge(width: int) -> None:
    """Estimated text ends stay inside the picture (the browser test checks real pixels)."""
    root = ElementTree.fromstring(bar_chart_svg(RANKING, width))
    assert root.get("width") == str(width)
    for text in root.iter(f"{SVG}text"):
        size = float(text.get("font-size", "14"))
        assert float(text.get("x", "0")) + text_width(text.text or "", size) <= width, text.text
    for rect in root.iter(f"{SVG}rect"):
        assert float(rect.get("x", "0")) + float(rect.get("width", "0")) <= width


def test_no_network_no_style_no_ids() -> None:
    """Inlined into HTML many times over, a chart must not restyle the page or clash on ids."""
    svg = bar_chart_svg(RANKING, 640)
    assert re.findall(r"https?://[^\"' ]+", svg) == ["http://www.w3.org/2000/svg"]
    assert "<style" not in svg
    assert " id=" not in svg


_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)


@pytest.mark.slow
@settings(max_examples=300)
@given(title=_ANY_TEXT, label=_ANY_TEXT, text=_ANY_TEXT, note=_ANY_TEXT)
def test_any_text_makes_well_formed_xml(title: str, label: str, text: str, note: str) -> None:
    chart = Chart(
        title,
        (
            ChartValue(label, 3, Qualifier.at_least, text, conflict=Disagreement(note)),
            ChartValue(label, None, missing=Missing.unknown),
        ),
        unit=text,
    )
    ElementTree.fromstring(bar_chart_svg(chart, 320))


def test_xml_text_escapes_and_strips() -> None:
    assert xml_text("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;"
    assert xml_text("x\ufffey\x01z\ud800") == "x\\ufffey\\x01z\\ud800"
    assert xml_text("a\u202eb") == "a\\u202eb"


def test_table_svg_names_no_web_font() -> None:
    """--format svg drew Fira Code from cdnjs; now it names installed fonts only, CJK ones too."""
    result = pingan("compare --year 2023 --format svg")
    assert result.exit_code == 0, result.output
    assert "@font-face" not in result.stdout
    assert "url(http" not in result.stdout
    assert "cdnjs" not in result.stdout
    assert "WenQuanYi Zen Hei" in result.stdout
    assert "Noto Sans CJK SC" in result.stdout
    ElementTree.fromstring(result.stdout)


def svg_as_text(svg: str) -> list[str]:
    """The table picture read back as terminal lines: each text element put at the cells its x
    names (a right-aligned one ending there), each rule as ─ over the cells it spans."""
    from pingan_cli.render.svgtables import CELL, LINE, PAD

    rows: dict[int, dict[int, str]] = {}
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        if tag == "text":
            text = element.text or ""
            row = round((float(element.get("y", 0)) - PAD + 6) / LINE) - 1
            at = (float(element.get("x", 0)) - PAD) / CELL
            start = at - cell_len(text) if element.get("text-anchor") == "end" else at
            assert abs(start - round(start)) < 1e-6, (text, start)
            rows.setdefault(row, {})[round(start)] = text
        elif tag == "line":
            row = round((float(element.get("y1", 0)) - PAD - LINE / 2) / LINE)
            first = round((float(element.get("x1", 0)) - PAD) / CELL)
            last = round((float(element.get("x2", 0)) - PAD) / CELL)
            rows.setdefault(row, {})[first] = "─" * (last - first)
    lines = []
    for row in range(max(rows) + 1):
        line = ""
        for start, text in sorted(rows.get(row, {}).items()):
            line += " " * (start - cell_len(line)) + text
        lines.append(line)
    return lines


@pytest.mark.parametrize(
    "command",
    [
        "compare --year 2023 --width 100",
        "list -c mediation --width 80",
        "show baishui --width 60",
        "--lang en regions --within baishui --width 60",
        "rank police-home-visits --width 80",
        "list -c fraud --width 60 --layout vertical",
    ],
)
def test_table_svg_puts_each_cell_at_its_cells(command: str) -> None:
    """One text element a cell, at the x of its cells: the picture reads back as the terminal's
    lines (a row was one text run: rsvg collapsed its spaces, Chromium drifted after Chinese)."""
    table = pingan(command)
    picture = pingan(f"{command} --format svg")
    assert picture.exit_code == 0, picture.output
    bars = re.compile("[█▉▊▋▌▍▎▏]+")  # drawn as rectangles
    expected = [bars.sub("", line).rstrip() for line in table.stdout.splitlines()]
    assert [line.rstrip() for line in svg_as_text(picture.stdout)] == expected
    texts = ElementTree.fromstring(picture.stdout).iter(f"{SVG}text")
    assert all("  " not in (t.text or "") for t in texts)  # no run of spaces left to collapse
