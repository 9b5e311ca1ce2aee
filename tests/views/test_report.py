"""`pingan report`, `compare --chart`, the reported changes of `trend` and `--format html`.

Goldens at a fixed width (tests/golden/charts/, rewritten with PINGAN_UPDATE_GOLDEN=1) on the
invented data of tests/data/ranking.yaml (with tests/data/changes.yaml for reported changes), and
structural checks of the report of the bundled data.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Sequence
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import click
import pytest

import pingan_cli
from pingan_cli.cli.root import cli
from pingan_cli.result import Format
from pingan_cli.store.cache import bundled_data

from ..helpers import GOLDEN, TESTS, assert_golden, pingan

RANKING = TESTS / "data" / "ranking.yaml"
CHANGES = TESTS / "data" / "changes.yaml"
INVENTED = f"--data {RANKING} --data {CHANGES}"
CHARTS = GOLDEN / "charts"

GOLDEN_COMMANDS = {
    "compare-chart-zh-70.txt": f"{INVENTED} compare --year 2023 --chart --width 70",
    "compare-chart-en-units-60.txt": f"{INVENTED} --lang en compare --year 2023 --chart "
    "--units plain --width 60",
    "compare-chart-ascii-50.txt": f"{INVENTED} --lang en compare east west middle "
    "--indicator disputes --chart --ascii --width 50",
    "trend-reported-en-80.txt": f"{INVENTED} --lang en trend east disputes satisfaction --width 80",
    "trend-reported-chart-zh-60.txt": f"{INVENTED} trend east satisfaction --chart --width 60",
    "rank-en.html": f"{INVENTED} --lang en rank disputes --format html",
    "compare-chart-en.html": f"{INVENTED} --lang en compare --year 2023 --chart --format html",
    "report-en.html": f"{INVENTED} --lang en report",
    "report-zh-named.html": f"{INVENTED} report east west north south --year 2023",
}


@pytest.mark.parametrize("name", sorted(GOLDEN_COMMANDS))
def test_golden(name: str) -> None:
    result = pingan(GOLDEN_COMMANDS[name])
    assert result.exit_code == 0, result.output
    assert_golden(CHARTS / name, result.stdout)


# --- the page -------------------------------------------------------------------------------------


class Page(HTMLParser):
    """A page's elements (checking each is closed), text, and the rows of its tables."""

    VOID = frozenset({"meta", "br", "img", "link"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        # Per section id: its table rows, each a list of (cell text, hrefs, marks).
        self.rows: dict[str, list[list[tuple[str, list[str], list[str]]]]] = {}
        self._section = ""
        self._cell: tuple[list[str], list[str], list[str]] | None = None
        self.feed(html)
        self.close()
        assert self.open == [], self.open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag not in self.VOID:
            self.open.append(tag)
        if tag == "section":
            self._section = found.get("id") or ""
        elif tag == "tr" and "svg" not in self.open:
            self.rows.setdefault(self._section, []).append([])
        elif tag == "td":
            self._cell = ([], [], [])
        elif tag == "a" and self._cell is not None:
            href = found.get("href") or ""
            (self._cell[2] if href.startswith("#note-") else self._cell[1]).append(href)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()
        if tag == "td" and self._cell is not None:
            text, hrefs, marks = self._cell
            self.rows[self._section][-1].append(("".join(text).strip(), hrefs, marks))
            self._cell = None
        if tag == "tr" and self._section in self.rows and not self.rows[self._section][-1]:
            self.rows[self._section].pop()  # a row of headers

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell[0].append(data)


def _report(args: str = "report") -> str:
    result = pingan(args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def bundled() -> str:
    """The report of the bundled data, as `pingan report` prints it."""
    return _report()


def test_the_bundled_report_defaults_to_the_city_and_its_counties_in_its_busiest_year(
    bundled: str,
) -> None:
    with pingan_cli.open(cache=False) as data:
        counties = data.regions("county", "weinan")
        ids = ["weinan", *(c.id for c in counties)]
        counts = {y: len(data.figures(ids, year=y)) for y in range(2018, 2026)}
    busiest = max(counts, key=lambda y: (counts[y], y))
    assert busiest == 2023
    page = Page(bundled)
    title = next(i for i, (tag, _) in enumerate(page.tags) if tag == "h1")
    assert "渭南市及所辖县（市、区）平安建设 2023" in "".join(page.text)
    assert title
    # Every county is in the report: with its figures, or named as having none for 2023.
    text = "".join(page.text)
    for county in counties:
        assert county.name in text


def test_every_profile_figure_has_its_source_page_and_qualifier(bundled: str) -> None:
    page = Page(bundled)
    rows = page.rows["profiles"]
    with pingan_cli.open(cache=False) as data:
        city = data.figures("weinan", year=2023)
        urls = {s.id: s.url for s in data.sources()}
    # One row per region, indicator and period of the year (the counties' own figures under them).
    keys = {(f.region, f.indicator, f.period) for f in city}
    assert len(rows) == len(keys)
    cited = _cited(bundled)
    for row in rows:
        label, value, source = row
        assert label[0]
        assert value[0]
        assert len(source[1]) == 1 and source[1][0] in cited  # a numbered note: [1]
        assert source[0] == f"[{source[1][0].removeprefix('#source-')}]"
    assert {cited[r[2][1][0]] for r in rows} <= set(urls.values())
    at_least = [r for r in rows if "(至少)" in r[1][0]]
    assert len(at_least) == sum(f.qualifier == "at_least" for f in city)


def _cited(html: str) -> dict[str, str]:
    """The report's numbered source notes: '#source-N' -> the page's address."""
    found = re.findall(r'<li id="source-(\d+)"><a href="([^"]+)">', html)
    return {f"#source-{n}": url for n, url in found}


@pytest.mark.parametrize("args", ["report", "--lang en report", "report fuping --year 2023"])
def test_sources_are_numbered_notes_listed_once(args: str) -> None:
    """The same long title and URL repeated in every row (45 times), squeezing the columns."""
    html = _report(args)
    page = Page(html)
    cited = _cited(html)
    assert cited
    assert list(cited) == [f"#source-{n}" for n in range(1, len(cited) + 1)]
    for url in cited.values():
        assert html.count(f'href="{url}"') == 1  # in the list of sources, nowhere else
    marks = [
        href
        for section, rows in page.rows.items()
        if section not in ("sources", "notes")
        for row in rows
        for _, hrefs, _ in row
        for href in hrefs
    ]
    assert set(marks) == set(cited)  # every source listed is cited, every mark is listed
    assert len(marks) > len(cited)


def test_a_one_region_report_has_its_honours() -> None:
    """`pingan report fuping --year 2023` had no honours section; the city's do concern it."""
    page = Page(_report("report fuping --year 2023"))
    honours = {row[0][0]: row[2][0] for row in page.rows["honours"]}
    assert {"2023年度平安县(市、区)", "平安银鼎", "平安铜鼎"} <= set(honours)
    assert "韩城市、临渭区、合阳县" in honours["平安银鼎"]
    english = Page(_report("--lang en report fuping --year 2023"))
    assert len(english.rows["honours"]) == len(page.rows["honours"])


def _visible_words(html: str) -> list[str]:
    """Latin words a reader sees in the page (not its addresses)."""
    body = html[html.index("<body>") :]
    body = re.sub(r'<span class="url">.*?</span>|<svg.*?</svg>', "", body, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", body))
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.mark.parametrize("args", ["report", "report fuping --year 2023", "report weinan"])
def test_a_chinese_report_has_no_english_fragments(args: str) -> None:
    """It said (since 2023) 25 times, (our title), (untitled copy), a source by its id."""
    html = _report(args)
    assert _visible_words(html) == []
    assert "2023年以来" in html
    assert _visible_words(_report(f"--lang en {args}"))  # the English report is in English


@pytest.mark.parametrize(("lang", "attribute"), [("zh", "zh-Hans"), ("en", "en")])
@pytest.mark.parametrize(
    "command",
    [
        "list -c mediation --format html",
        "show fuping --format html",
        "rank police-home-visits --chart --format html",
        "report",
    ],
)
def test_every_page_says_its_language(lang: str, attribute: str, command: str) -> None:
    """--format html pages had no lang attribute (a browser then guesses the font)."""
    html = _report(f"--lang {lang} {command}")
    assert f'<html lang="{attribute}">' in html


def test_the_bundled_report_has_its_trend_with_the_disagreeing_reported_change(
    bundled: str,
) -> None:
    page = Page(bundled)
    assert [r[0][0] for r in page.rows["trends"]] == ["2020", "2021", "2022"]
    text = "".join(page.text)
    assert "由96.19%（2020）和98.35%（2021）算得+2.16个百分点" in text
    assert "报告+1.52个百分点" in text
    # Too few counties report any one indicator for a ranking: the report says so.
    assert "故无排名" in text
    assert 'id="rankings"' not in bundled


def test_a_report_trend_lines_up_calendar_years_only(tmp_path: Path) -> None:
    """Issue 22: figures of other spans (a campaign of weeks, a total since a year) are not
    lined up with a series of years; a series of fewer than three years is no trend at all."""
    spans = tmp_path / "spans.yaml"
    spans.write_text(
        "format: 1\n"
        "indicators:\n"
        "  - {id: raids, name_zh: 清查次数, name_en: Raids, unit: 次, category: cases, kind: level,"
        " definition: Raids held.}\n"
        "  - {id: leaflets, name_zh: 宣传单份数, name_en: Leaflets, unit: 份, category: publicity,"
        " kind: level, definition: Leaflets handed out.}\n"
        "observations:\n"
        "  - {region: east, indicator: raids, period: 2021, value: 10, unit: 次,"
        " source: example-a}\n"
        "  - {region: east, indicator: raids, period: 2022, value: 12, unit: 次,"
        " source: example-a}\n"
        "  - {region: east, indicator: raids, period: 2023, value: 9, unit: 次,"
        " source: example-b}\n"
        "  - {region: east, indicator: raids, period: {start: '2023-02', end: '2023-03'},"
        " value: 4, unit: 次, source: example-b}\n"
        "  - {region: east, indicator: raids, period: {year: 2021, since: true}, value: 40,"
        " unit: 次, source: example-b}\n"
        "  - {region: east, indicator: leaflets, period: 2022, value: 500, unit: 份,"
        " source: example-a}\n"
        "  - {region: east, indicator: leaflets, period: {start: '2022-01', end: '2022-08'},"
        " value: 300, unit: 份, source: example-b}\n"
        "  - {region: east, indicator: leaflets, period: {year: 2020, since: true}, value: 900,"
        " unit: 份, source: example-b}\n",
        encoding="utf-8",
    )
    html = _report(f"--data {RANKING} --data {spans} --lang en report east --year 2023")
    page = Page(html)
    assert all(re.fullmatch(r"\d{4}", row[0][0]) for row in page.rows["trends"])
    trends = html[html.index('id="trends"') :]
    assert "Raids" in trends  # its three years, without the campaign or the total since 2021
    assert "2023-02..2023-03" not in trends and "since 2021" not in trends
    assert "Leaflets" not in trends  # one year and two other spans: no trend
    assert "calendar years reported" in "".join(page.text)
    # `pingan trend` itself still lists every period, saying which are not calendar years.
    listed = pingan(f"--data {RANKING} --data {spans} trend east raids --width 100").stdout
    assert "2023-02..2023-03" in listed and "since 2021" in listed


def test_the_report_fetches_nothing(bundled: str) -> None:
    page = Page(bundled)
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed")
        assert "src" not in attrs
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("http://", "https://", "#"))
    assert "@font-face" not in bundled
    assert not re.search(r"url\(", bundled)


def _conflicts(
    paths: Sequence[Path | str], year: int, regions: set[str]
) -> set[tuple[str, str, str]]:
    """(region, indicator, period) of the store's conflicts view, in a year, for regions."""
    with pingan_cli.open(paths, cache=False) as data:
        found = data.figures(list(regions), year=year)
        in_year = {(f.region, f.indicator, f.period) for f in found}
        target = Path(os.environ["PINGAN_CACHE_DIR"]) / "export.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        data.export(target)
    with sqlite3.connect(target) as db:
        rows = db.execute(
            "SELECT o.region, o.indicator, o.period FROM conflicts c "
            "JOIN observations o ON o.id = c.observation"
        ).fetchall()
    return {(r[0], r[1], r[2]) for r in rows} & in_year


def test_every_conflict_of_the_store_has_a_footnote() -> None:
    html = _report(f"{INVENTED} --lang en report")
    page = Page(html)
    conflicts = _conflicts(
        [RANKING, CHANGES], 2023, {"city", "east", "west", "north", "south", "middle"}
    )
    assert conflicts == {("north", "disputes", "2023")}
    marked = {
        section: [[c[0] for c in row] for row in rows if any(c[2] for c in row)]
        for section, rows in page.rows.items()
    }
    # North County's disputes: its profile line and its bar in the ranking, each with a note.
    assert [row[0] for row in marked["profiles"]].count("Disputes resolved") == 1
    assert [row[1] for row in marked["rankings"]] == ["North County"]
    notes = re.findall(r'<li id="note-(\d+)">([^<]*)', html)
    two_sources = [n for _, n in notes if "21,000 件" in n]
    assert len(two_sources) == 2
    # The rest are what `pingan conflicts` finds by arithmetic (issue 19), in the same list.
    computed = [n for _, n in notes if "by arithmetic" in n]
    assert len(computed) == len(notes) - 2
    listed = pingan(f"{INVENTED} --lang en conflicts --kind arithmetic -o json").stdout
    assert bool(computed) == bool(json.loads(listed))


def test_the_bundled_report_notes_only_what_arithmetic_shows(bundled: str) -> None:
    """No two sources of the bundled data disagree; the report's notes are the disagreement
    `pingan conflicts` finds by arithmetic (2020's satisfaction, issue 19), sources apart."""
    with pingan_cli.open(cache=False) as data:
        ids = ["weinan", *(r.id for r in data.regions("county", "weinan"))]
    assert _conflicts([bundled_data()], 2023, set(ids)) == set()
    notes = re.findall(r'<li id="note-(\d+)">([^<]*)', bundled)
    assert notes and all("按算术" in n for _, n in notes)
    assert all("平安建设满意度" in n for _, n in notes)


def test_named_regions_are_ranked_among_themselves() -> None:
    page = Page(_report(f"{INVENTED} --lang en report east west north middle --year 2023"))
    ranking = [(r[0][0], r[1][0]) for r in page.rows["rankings"]]
    # South (8,000) is not named; ties share a rank; Middle does not report: last, unranked.
    assert ranking == [
        ("1", "East County"),
        ("2", "West County"),
        ("2", "North County"),
        ("", "Middle County"),
    ]


def test_written_atomically_or_printed(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.html"
    target.write_text("old", encoding="utf-8")
    result = pingan(f"{INVENTED} report --output {target}")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "wrote" in result.stderr
    assert target.read_text(encoding="utf-8") == _report(f"{INVENTED} report")
    assert [p.name for p in folder.iterdir()] == ["report.html"]
    assert pingan(f"{INVENTED} report --output -").stdout == _report(f"{INVENTED} report")


def test_an_unknown_region_is_a_usage_error() -> None:
    result = pingan("report nowhere")
    assert result.exit_code == 2
    assert "no region called 'nowhere'" in result.stderr


def test_the_api_returns_the_typed_report() -> None:
    from pingan_cli.records.charts import Report

    with pingan_cli.open([RANKING, CHANGES], cache=False, lang="en") as data:
        report = data.report("east", "west", "north", year=2023)
    assert isinstance(report, Report)
    assert [p.title for p in report.profiles] == ["East County", "West County", "North County"]
    assert [f.label for f in report.rankings[0].figures] == [
        "East County",
        "West County",
        "North County",
    ]
    assert {c.title for c in report.trends} == {
        "East County · Disputes resolved",
        "East County · Satisfaction",
    }


# --- compare --chart ------------------------------------------------------------------------------


def test_compare_chart_keeps_qualifiers_and_writes_missing_figures_as_words() -> None:
    text = pingan(f"{INVENTED} --lang en compare --year 2023 --chart --units plain").stdout
    assert "≥52,000件" in text
    assert re.search(r"Middle County +not reported", text)
    assert re.search(r"North County .*20,000件 \*", text)
    assert "* North County: sources disagree: 21,000 件 (Example source B)" in text


def test_units_without_a_chart_is_a_usage_error() -> None:
    result = pingan("compare --year 2023 --units wan")
    assert result.exit_code == 2
    assert "--units writes the figures of a chart: add --chart" in result.stderr


def test_compare_chart_bars_are_scaled_per_indicator() -> None:
    from pingan_cli.views.report import comparison_charts

    with pingan_cli.open([RANKING, CHANGES], cache=False) as data:
        charts = comparison_charts(data.compare(year=2023))
    assert [c.title for c in charts] == ["化解纠纷数"]
    text = pingan(f"{INVENTED} compare --year 2023 --chart --width 70").stdout
    eighths = " ▏▎▍▌▋▊▉"

    def length(line: str) -> int:
        """A bar's length in eighths of a cell."""
        return 8 * line.count("█") + max(eighths.find(c) for c in line[-30:] + " ")

    bars = {line.split()[0]: length(line) for line in text.splitlines() if "█" in line}
    whole = bars["示例市"]  # 100,000: the longest bar
    assert whole >= 8 * 40
    for name, value in (("东县", 52_000), ("西县", 20_000), ("北县", 20_000), ("南县", 8_000)):
        assert abs(bars[name] - whole * value / 100_000) <= 1, name


def test_compare_chart_as_svg_and_html(tmp_path: Path) -> None:
    target = tmp_path / "compare.svg"
    result = pingan(f"{INVENTED} compare --year 2023 --chart --format svg --output {target}")
    assert result.exit_code == 0, result.output
    texts = "".join(ElementTree.fromstring(target.read_text(encoding="utf-8")).itertext())
    # The words of the tables of the same run, in both languages: not reported, never 未报告.
    assert "not reported" in texts
    assert "未报告" not in texts
    html = pingan(f"{INVENTED} compare --year 2023 --chart --format html").stdout
    assert html.count("<svg ") == 1  # one indicator reported by two or more regions: one chart
    assert '<html lang="zh-Hans">' in html
    Page(html)


# --- trend: the change reported beside the change computed ---------------------------------------


def test_a_reported_change_that_disagrees_is_noted() -> None:
    result = pingan(f"{INVENTED} trend east satisfaction --format json")
    points = {p["period"]: p for p in json.loads(result.stdout)[0]["points"]}
    [said] = points["2023"]["reported_changes"]
    assert said["kind"] == "points"
    assert said["value"] == -1.5
    assert said["computed"] == pytest.approx(-1.88)
    assert said["disagrees"] is True
    assert points["2023"]["change"] == pytest.approx(-1.88)
    assert points["2023"]["change_kind"] == "points"


def test_a_reported_change_that_agrees_is_not_noted() -> None:
    result = pingan(f"{INVENTED} --lang en trend east disputes")
    assert "+25%" in result.stdout
    assert "≠" not in result.stdout
    points = json.loads(pingan(f"{INVENTED} trend east disputes --format json").stdout)[0]
    said = {p["period"]: p["reported_changes"] for p in points["points"]}["2022"][0]
    assert (said["kind"], said["computed"], said["disagrees"]) == ("percent", 25.0, False)


def test_percent_and_points_are_never_confused() -> None:
    text = pingan(f"{INVENTED} --lang en trend east").stdout
    assert "-1.88 pp" in text  # a rate's change: percentage points
    assert "+25%" in text  # a count's change: percent of the year before
    assert "-1.5 pp" in text  # the source's 下降1.5个百分点, still points


def test_the_bundled_satisfaction_change_disagrees() -> None:
    """渭南 2021: 98.35% − 96.19% is +2.16 points; the source says +1.52 (the fact sheet's trap)."""
    text = pingan("--lang en trend weinan pingan-satisfaction").stdout
    assert "+2.16 pp" in text
    assert "+1.52 pp ≠" in text
    assert "changanyouth-36273 reports +1.52 pp" in text


def test_non_calendar_periods_are_named_as_such() -> None:
    text = pingan(f"{INVENTED} --lang en trend east disputes").stdout
    assert "not calendar years, so no change is computed: 2022-01..2023-06" in text


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("kind: change\n    change_of: disputes", None),
        ("kind: level\n    change_of: disputes", "only a change indicator is the change of"),
        ("kind: change\n    change_of: nothing", "unknown indicator 'nothing'"),
        ("kind: change\n    change_of: satisfaction-change", "is not a level indicator"),
    ],
)
def test_change_of_names_a_level(tmp_path: Path, edit: str, message: str | None) -> None:
    text = CHANGES.read_text(encoding="utf-8").replace(
        "kind: change\n    change_of: disputes", edit
    )
    changed = tmp_path / "changes.yaml"
    changed.write_text(text, encoding="utf-8")
    result = pingan(f"--data {RANKING} --data {changed} validate {RANKING} {changed}")
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert re.search(r"changes\.yaml:\d+:\d+: indicators\[1\]\.change_of: ", result.stderr)
    assert message in result.stderr


# --- every format through every command -----------------------------------------------------------

# Each command with a --format option, with arguments; a new command must be added here.
ARGUMENTS = {
    "list": ["list --limit 3"],
    "show": ["show fuping"],
    "compare": ["compare --year 2023", "compare weinan linwei --year 2024 --chart"],
    "regions": ["regions"],
    "indicators": ["indicators"],
    "designations": ["designations"],
    "sources": ["sources"],
    "search": ["search 平安"],
    "rank": ["rank police-home-visits", "rank police-home-visits --chart"],
    "trend": ["trend weinan pingan-satisfaction", "trend weinan pingan-satisfaction --chart"],
    "conflicts": ["conflicts"],
    "practices": ["practices"],
    "info": ["info beibao-policing"],
    "sum": ["sum 巡段 --year 2023"],
}


def _commands_with_formats() -> set[str]:
    found = set()
    for name in cli.list_commands(click.Context(cli)):
        command = cli.get_command(click.Context(cli), name)
        if isinstance(command, click.Command) and any(p.name == "fmt" for p in command.params):
            choices = next(p for p in command.params if p.name == "fmt").type
            every = {f.value for f in Format}
            if isinstance(choices, click.Choice) and set(choices.choices) == every:
                found.add(name)
    return found


def test_every_command_with_formats_is_listed() -> None:
    assert _commands_with_formats() == set(ARGUMENTS)


def _check(fmt: Format, text: str) -> None:
    """The output is what its format promises (each member is handled here)."""
    body = text.lstrip("\ufeff")
    if fmt is Format.table or fmt is Format.markdown or fmt is Format.csv:
        assert body.strip()
    elif fmt is Format.json:
        json.loads(body)
    elif fmt is Format.ndjson:
        for line in body.splitlines():
            json.loads(line)
    elif fmt is Format.tsv:
        widths = {len(line.split("\t")) for line in body.splitlines()}
        assert len(widths) <= 1, widths
    elif fmt is Format.yaml:
        import yaml

        yaml.safe_load(body)
    elif fmt is Format.svg:
        ElementTree.fromstring(body)
    elif fmt is Format.html:
        assert body.startswith("<!DOCTYPE html>")
        page = Page(body)
        assert any(tag in ("table", "svg") for tag, _ in page.tags)
    else:
        raise AssertionError(f"no check for {fmt}: wire it into the formats test")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("command", [a for args in ARGUMENTS.values() for a in args])
def test_every_format_through_every_command(command: str, fmt: Format) -> None:
    result = pingan(f"{command} --format {fmt.value}")
    assert result.exit_code == 0, result.output
    _check(fmt, result.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("command", ["show fuping", "trend weinan pingan-satisfaction --chart"])
def test_every_format_is_written_to_a_file_as_printed(
    command: str, fmt: Format, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"out.{fmt.value}"
    written = pingan(f"{command} --format {fmt.value} --output {target}")
    assert written.exit_code == 0, written.output
    assert [p.name for p in folder.iterdir()] == [target.name]
    printed = pingan(f"{command} --format {fmt.value}", env={"COLUMNS": ""}).stdout
    if fmt not in (Format.table, Format.svg):  # drawn to a terminal's width; a file's has none
        # A CSV file starts with the byte-order mark Excel needs; a pipe gets none.
        mark = "\ufeff" if fmt is Format.csv else ""
        assert target.read_text(encoding="utf-8") == mark + printed
    _check(fmt, target.read_text(encoding="utf-8"))


# --- the committed examples -----------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
EXAMPLE_COMMANDS = {
    "report.html": "report",
    # One measure, one survey, one year (issue 19 replaced a chart of disputes resolved that put
    # a city committee's all-channel count beside a district centre's: two measures).
    "compare-2021-satisfaction.svg": "compare weinan ankang baoji --year 2021 "
    "-i pingan-satisfaction --chart --format svg",
    "trend-weinan-satisfaction.svg": "trend weinan pingan-satisfaction --chart --format svg",
}


def test_the_examples_are_all_listed() -> None:
    assert {p.name for p in EXAMPLES.iterdir()} == set(EXAMPLE_COMMANDS)


@pytest.mark.parametrize("name", sorted(EXAMPLE_COMMANDS))
def test_the_committed_examples_are_what_the_commands_produce_today(name: str) -> None:
    """docs/examples/ (linked from the README) is what the commands write from the bundled data.

    After a deliberate change: PINGAN_UPDATE_GOLDEN=1 rewrites them.
    """
    result = pingan(EXAMPLE_COMMANDS[name], env={"COLUMNS": ""})
    assert result.exit_code == 0, result.output
    assert_golden(EXAMPLES / name, result.stdout)


@pytest.mark.parametrize(
    "hostile", ["<script>alert(1)</script>", "a\"b'c&d", "\x00\x1b[31m\ufffe", "\u202eabc"]
)
def test_html_pages_keep_hostile_text_as_text(hostile: str) -> None:
    from pingan_cli.records.charts import Chart
    from pingan_cli.records.charts import ChartValue as Bar
    from pingan_cli.render.htmlpage import render_charts_html, render_html
    from pingan_cli.result import Column, Result, Table

    table = Table(hostile, [Column("a", hostile, numeric=True)], [{"a": hostile}])
    for html in (
        render_html(Result(data=None, tables=[table])),
        render_charts_html([Chart(hostile, (Bar(hostile, 1, text=hostile),))]),
    ):
        page = Page(html)
        assert all(tag != "script" for tag, _ in page.tags)
        for raw in ("\x1b", "\ufffe", "\u202e", "\x00"):
            assert raw not in html
