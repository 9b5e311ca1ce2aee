"""The API in a notebook: records shown as tables, DataFrames, years, raw SQL, a closed dataset."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import pingan_cli
from pingan_cli.records.base import Records
from pingan_cli.records.figures import period_year

from .helpers import bundled_yaml, write_yaml


@pytest.fixture(scope="module")
def bundled() -> pingan_cli.Dataset:
    return pingan_cli.open(cache=False)


class _Cells(HTMLParser):
    """The rows of an HTML table, each a list of its cells' text (header rows too)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
        elif tag == "tr" and self.depth == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self.depth == 1:
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth >= 1 and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def _cells(html: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(html)
    return parser.rows


# --- shown as tables in Jupyter -------------------------------------------------------------------


def test_a_list_of_figures_is_an_html_table_a_row_each(bundled: pingan_cli.Dataset) -> None:
    figures = bundled.figures(region="fuping", category="mediation")
    rows = _cells(figures._repr_html_())
    assert rows[0][:4] == ["region", "region_name", "indicator", "indicator_name"]
    assert len(rows) == len(figures) + 1
    assert rows[1][rows[0].index("display")] == "823起"


def test_a_record_is_an_html_table_of_its_fields(bundled: pingan_cli.Dataset) -> None:
    figure = bundled.figures(region="fuping", category="mediation")[0]
    rows = _cells(figure._repr_html_())
    assert dict(rows)["display"] == "823起"
    assert [key for key, _ in rows] == list(figure.as_dict())
    # A nested record: the profile's figures in a table of their own, inside its cell.
    profile = bundled.region("fuping")._repr_html_()
    assert profile.count("<table") > 1
    assert "823起" in profile


def test_text_in_a_record_is_escaped_not_markup(tmp_path: Path) -> None:
    data = bundled_yaml()
    data["regions"][0]["name_en"] = "<script>alert(1)</script> & co"
    source = write_yaml(tmp_path / "markup.yaml", data)
    with pingan_cli.open(source, cache=False, lang="en") as opened:
        shown = opened.regions()._repr_html_() + opened.regions()[0]._repr_html_()
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in shown


@pytest.mark.parametrize(
    "ask",
    [
        lambda d: d.figures(),
        lambda d: d.regions(),
        lambda d: d.indicators(),
        lambda d: d.sources(),
        lambda d: d.designations(),
        lambda d: d.practices(),
        lambda d: d.search("枫桥"),
        lambda d: d.counts_by("category"),
        lambda d: d.trend("weinan"),
        lambda d: d.conflicts(),
    ],
)
def test_every_list_the_api_returns_shows_as_a_table(bundled: pingan_cli.Dataset, ask: Any) -> None:
    answer = ask(bundled)
    assert isinstance(answer, Records)
    shown = answer._repr_html_()
    assert shown.startswith('<table class="pingan-records">')
    assert len(_cells(shown)) == min(len(answer), 200) + 1
    for record in answer[:3]:
        assert record._repr_html_().startswith('<table class="pingan-record">')


def test_every_record_shows_as_a_table(bundled: pingan_cli.Dataset) -> None:
    for record in (
        bundled.rank("police-home-visits"),
        bundled.trend("weinan")[0],
        bundled.sum("police-home-visits", ["fuping"]),
        bundled.counts(),
        bundled.region("fuping"),
        bundled.compare(year=2023),
        bundled.info("beibao-policing"),
        bundled.report("fuping", year=2023),
    ):
        rows = _cells(record._repr_html_())
        assert rows, type(record)
        assert [row[0] for row in rows] == list(record.as_dict()), type(record)


def test_a_long_list_shows_its_first_rows_and_says_how_many_more(
    bundled: pingan_cli.Dataset,
) -> None:
    many = Records(bundled.figures() * 3)
    shown = many._repr_html_()
    assert len(_cells(shown)) == 201
    assert f"… {len(many) - 200:,} more rows ({len(many):,} in all)" in shown


# --- DataFrames -----------------------------------------------------------------------------------


@pytest.mark.slow  # imports pandas: a second or more
def test_to_pandas_gives_a_row_a_figure_with_its_year(bundled: pingan_cli.Dataset) -> None:
    pandas = pytest.importorskip("pandas")
    figures = bundled.figures()
    frame = figures.to_pandas()
    assert len(frame) == len(figures)
    assert list(frame.columns) == [*figures[0]._fields[:7], "year", *figures[0]._fields[7:]]
    by_period = dict(zip(frame["period"], frame["year"], strict=True))
    assert by_period["2023"] == 2023
    assert by_period["2024-01-01..2024-12-23"] == 2024
    assert by_period["since 2023"] is pandas.NA
    assert str(frame["year"].dtype) == "Int64"
    assert frame["value"].sum() > 0


@pytest.mark.slow  # imports pandas: a second or more
def test_pandas_takes_the_records_themselves(bundled: pingan_cli.Dataset) -> None:
    pandas = pytest.importorskip("pandas")
    figures = bundled.figures(region="fuping")
    frame = pandas.DataFrame(figures)
    assert list(frame.columns) == list(figures[0]._fields)
    assert list(frame["display"]) == [f.display for f in figures]
    ranking = bundled.rank("police-home-visits")
    assert len(pandas.DataFrame(ranking.regions)) == len(ranking.regions)


def test_to_pandas_without_pandas_says_how_to_get_it(
    bundled: pingan_cli.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError, match="pip install pandas"):
        bundled.regions().to_pandas()


@pytest.mark.slow
def test_the_command_line_loads_neither_the_notebook_code_nor_pandas() -> None:
    probe = (
        "import sys\n"
        "from pingan_cli.cli.root import main\n"
        "for args in (['list'], ['show', 'fuping'], ['compare', '--year', '2023']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as stop:\n"
        "        assert not stop.code, stop.code\n"
        "print('LOADED', 'pingan_cli.records.notebook' in sys.modules, 'pandas' in sys.modules,"
        " file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stderr.splitlines()[-1] == "LOADED False False"


# --- years ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "year"),
    [
        ("2023", 2023),
        ("2024-01-01..2024-12-23", 2024),
        ("2023-01..2023-11", 2023),
        ("since 2023", None),
        ("2022-01..2023-06", None),
        ("2022-04..", None),
        ("2018..2020", None),
        ("to 2022", None),
        ("recent years to 2024", None),
    ],
)
def test_a_figure_has_a_year_where_its_period_is_one(period: str, year: int | None) -> None:
    assert period_year(period) == year


def test_figures_carry_their_year(bundled: pingan_cli.Dataset) -> None:
    figures = bundled.figures(year=2024)
    assert {f.year for f in figures if f.period in ("2024", "2024-01-01..2024-12-23")} == {2024}
    assert "year" not in figures[0].as_dict()  # the JSON contract is unchanged


def test_a_year_given_as_a_float_works_and_a_fraction_is_a_clear_error(
    bundled: pingan_cli.Dataset,
) -> None:
    """year=2023.0 (as pandas hands a year over) raised TypeError: 'float' is not iterable."""
    assert bundled.figures(year=2023.0) == bundled.figures(year=2023)  # type: ignore[arg-type]
    assert bundled.compare(year=2023.0) == bundled.compare(year=2023)  # type: ignore[arg-type]
    assert bundled.designations(year=2023.0) == bundled.designations(year=2023)  # type: ignore[arg-type]
    for wrong in (2023.5, "2023", True):
        with pytest.raises(pingan_cli.QueryError, match="a year is a whole number such as 2023"):
            bundled.figures(year=wrong)  # type: ignore[arg-type]
    with pytest.raises(pingan_cli.QueryError, match=r"not 2023\.5"):
        bundled.rank("police-home-visits", year=2023.5)  # type: ignore[arg-type]


# --- a closed dataset, and raw SQL that only reads -----------------------------------------------


def test_a_closed_dataset_says_it_is_closed() -> None:
    data = pingan_cli.open(cache=False)
    assert "closed" not in repr(data)
    data.close()
    assert repr(data).endswith(", closed>")
    with pytest.raises(ValueError, match="this dataset is closed"):
        data.figures()
    with pytest.raises(ValueError, match=r"open it again with pingan_cli\.open\(\)"):
        data.query("SELECT 1")


def test_query_gives_rows_as_dicts(bundled: pingan_cli.Dataset) -> None:
    rows = bundled.query(
        "SELECT region, value FROM observations WHERE value >= :least ORDER BY value DESC",
        {"least": 200_000_000},
    )
    assert rows == [
        {"region": "weinan", "value": 2240000000},
        {"region": "weinan", "value": 1340000000},
        {"region": "weinan", "value": 256000000},
        {"region": "shaanxi", "value": 210000000},
    ]
    assert rows._repr_html_().startswith("<table")
    columns = bundled.query("PRAGMA table_info(observations)")
    assert "value" in {c["name"] for c in columns}


@pytest.mark.slow  # a store built for each statement
@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM observations",
        "UPDATE observations SET value = 0",
        "INSERT INTO meta (key, value) VALUES ('x', 'y')",
        "DROP TABLE meta",
        "CREATE TABLE t (x)",
        "CREATE TEMP TABLE t (x)",
        "ALTER TABLE meta RENAME TO m",
        "ATTACH 'other.sqlite' AS other",
        "PRAGMA query_only = 0",
        "PRAGMA writable_schema = 1",
        "PRAGMA journal_mode = WAL",
        "BEGIN",
        "VACUUM",
        "REINDEX",
        "ANALYZE",
        "WITH x AS (SELECT 1) DELETE FROM observations",
        "SELECT 1; DELETE FROM observations",
    ],
)
def test_query_cannot_write(tmp_path: Path, sql: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store is the same bytes, and holds the same rows, after any of these was refused."""
    monkeypatch.chdir(tmp_path)  # where ATTACH would create its file
    with pingan_cli.open(cache_dir=tmp_path / "cache") as data:
        data.counts()
        (store,) = (tmp_path / "cache").rglob("*.sqlite")
        before = hashlib.sha256(store.read_bytes()).hexdigest()
        with pytest.raises(pingan_cli.QueryError, match=r"only reads|one statement"):
            data.query(sql)
        assert (
            data.query("SELECT count(*) AS n FROM observations")[0]["n"]
            == data.counts().observations
        )
        assert data.query("SELECT count(*) AS n FROM meta")[0]["n"] > 0
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    assert not (tmp_path / "other.sqlite").exists()


def test_query_refuses_a_delete(bundled: pingan_cli.Dataset) -> None:
    """The quick loop's check; test_query_cannot_write tries every kind of writing statement."""
    before = bundled.counts().observations
    with pytest.raises(pingan_cli.QueryError, match=r"only reads.*DELETE observations"):
        bundled.query("DELETE FROM observations")
    assert bundled.counts().observations == before
