"""The HTML report: self-contained; each figure with qualifier and source; each conflict noted."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pingan_cli.atomic import write_text
from pingan_cli.records.charts import Chart, ChartValue, Disagreement, Profile, Report, SourceLink
from pingan_cli.records.numbers import Qualifier
from pingan_cli.render.htmlreport import render_report

from .chart_samples import ARTICLE, DAILY, REPORT


class _Collect(HTMLParser):
    """Tags, attributes and text of a page, checking that every element is closed."""

    VOID = frozenset({"meta", "br", "img", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    parser.close()
    assert parser.open == []
    return parser


def test_the_page_fetches_nothing() -> None:
    html = render_report(REPORT)
    page = _parse(html)
    # Links to source pages are fine (they are followed, not fetched); nothing is loaded.
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed")
        assert "src" not in attrs
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("http://", "https://", "#"))
    assert "@import" not in html
    assert "@font-face" not in html
    assert not re.search(r"url\(", html)


def test_sections_in_order_with_charts_inline() -> None:
    html = render_report(REPORT)
    ids = [attrs.get("id") for tag, attrs in _parse(html).tags if tag == "section"]
    assert ids == ["profiles", "rankings", "trends", "honours", "notes", "sources"]
    assert html.count("<svg ") == 2
    assert '<meta name="viewport"' in html
    assert "@media print" in html
    assert "size: A4" in html


def test_every_figure_has_its_qualifier_and_its_source_link() -> None:
    html = render_report(REPORT)
    text = "".join(_parse(html).text)
    assert "≥52,000(at least)" in text
    assert "≈13,000(approximately)" in text
    links = [attrs.get("href") for tag, attrs in _parse(html).tags if tag == "a"]
    assert ARTICLE.url in links
    assert DAILY.url in links


def test_missing_figures_are_words() -> None:
    text = "".join(_parse(render_report(REPORT)).text)
    assert "not reported" in text
    assert "unknown" in text
    zh = "".join(_parse(render_report(Report("t", rankings=REPORT.rankings, lang="zh"))).text)
    assert "未报告" in zh
    assert "不详" in zh


def test_every_conflict_has_a_numbered_note_and_a_way_back() -> None:
    html = render_report(REPORT)
    marks = re.findall(r'<a href="#note-(\d+)" id="ref-\1">\1</a>', html)
    conflicts = sum(f.conflict is not None for p in REPORT.profiles for f in p.figures) + sum(
        f.conflict is not None for c in (*REPORT.rankings, *REPORT.trends) for f in c.figures
    )
    assert len(marks) == conflicts == 2
    for n in marks:
        assert f'<li id="note-{n}">' in html
        assert f'href="#ref-{n}"' in html
    assert "示例日报 writes 3.2万 (32,000)" in html


def test_no_notes_section_without_conflicts() -> None:
    report = Report("t", rankings=(Chart("c", (ChartValue("a", 1),)),))
    assert 'id="notes"' not in render_report(report)


def test_partial_honour_lists_say_so() -> None:
    text = "".join(_parse(render_report(REPORT)).text)
    assert "partial list: others unknown" in text
    assert "5 in all; names not given" in text


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "a\"b'c&d",
        "\x00\x1b[31m\ufffe\ud800",
        "</style><b>",
        "\u202eabc",
    ],
)
def test_hostile_text_stays_text(hostile: str) -> None:
    link = SourceLink(hostile, "javascript:alert(1)")
    report = Report(
        hostile,
        profiles=(Profile(hostile, (ChartValue(hostile, 1, text=hostile, source=link),)),),
        rankings=(
            Chart(hostile, (ChartValue(hostile, 2, conflict=Disagreement(hostile, (link,))),)),
        ),
        subtitle=hostile,
    )
    html = render_report(report)
    page = _parse(html)
    assert all(tag not in ("script", "b") for tag, _ in page.tags)
    assert "javascript:" not in html
    assert "\x1b" not in html
    assert "\ufffe" not in html
    assert "\u202e" not in html


@pytest.mark.cold_cache
def test_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text(target, render_report(REPORT))
    assert target.read_text(encoding="utf-8") == render_report(REPORT)
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_qualifier_words_follow_the_language() -> None:
    chart = Chart("c", (ChartValue("a", 5, Qualifier.at_least),))
    assert "(至少)" in render_report(Report("t", rankings=(chart,), lang="zh"))
