"""Periods that are not calendar years, sources' standing, honours known only as a count, related
indicators and conflicting sources: the models, the store columns and what --year selects."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from pingan_cli.load.models import DesignationEntry, Period, SourceEntry
from pingan_cli.store.build import period_columns

from ..helpers import pingan, pingan_json

# --- periods -----------------------------------------------------------------------------------

FORMS: list[tuple[Any, str, int | None, int | None]] = [
    (2023, "2023", 2023, 2023),
    ({"year": 2023, "since": True}, "since 2023", 2023, None),
    ({"start": "2022-01", "end": "2023-06"}, "2022-01..2023-06", 2022, 2023),
    ({"start": "2024-01-01", "end": "2024-12-23"}, "2024-01-01..2024-12-23", 2024, 2024),
    ({"start": "2018", "end": "2020"}, "2018..2020", 2018, 2020),
    ({"start": "2022-04"}, "2022-04..", 2022, None),
    ({"until": 2022}, "to 2022", None, 2022),
    ({"until": 2024, "recent": True}, "recent years to 2024", None, 2024),
    ({"until": "2024-12-23"}, "to 2024-12-23", None, 2024),
    ({"until": "2025-03"}, "to 2025-03", None, 2025),
]


@pytest.mark.parametrize(("raw", "label", "first", "last"), FORMS, ids=[f[1] for f in FORMS])
def test_period_forms(raw: Any, label: str, first: int | None, last: int | None) -> None:
    period = Period.model_validate(raw)
    assert period.label == label
    assert (period.first_year, period.last_year) == (first, last)
    columns = period_columns(period)
    assert columns[:3] == (label, first, last)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"until": 2022, "year": 2022}, "not several"),
        ({"recent": True, "year": 2022}, "'recent' goes with until"),
        ({"end": "2020"}, "needs a year"),
        ({"start": "2020", "end": "2018"}, "ends (2018) before it starts (2020)"),
        ({"start": "2018-13"}, "has no month 13"),
        ({"until": "2024"}, "is not a month"),
        ({"until": "2024-02-30"}, "is not a real date"),
        ({}, "needs a year"),
    ],
)
def test_bad_periods(raw: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Period.model_validate(raw)


@pytest.mark.parametrize(("raw", "label", "first", "last"), FORMS, ids=[f[1] for f in FORMS])
def test_a_label_reads_back_in_csv(
    raw: Any, label: str, first: int | None, last: int | None
) -> None:
    from pingan_cli.store.csvrows import parse_period

    assert Period.model_validate(parse_period(label)) == Period.model_validate(raw)


def test_a_total_to_a_day_keeps_the_day() -> None:
    """to 2024-12-23 stores its day as the period's end; to 2022 has no end but its year."""
    assert period_columns(Period.model_validate({"until": "2024-12-23"}))[3:] == (
        0,
        "",
        "2024-12-23",
    )
    assert period_columns(Period.model_validate({"until": 2022}))[3:] == (0, "", "")


def test_a_year_end_means_its_last_day() -> None:
    assert Period.model_validate({"start": "2018-06", "end": "2018"}).label == "2018-06..2018"


# --- sources -----------------------------------------------------------------------------------

BASE_SOURCE = {"id": "s", "title": "t", "publisher": "p", "url": "http://example.org/"}


def test_source_standing() -> None:
    copy = SourceEntry.model_validate(
        {
            **BASE_SOURCE,
            "standing": "republished",
            "original_publisher": "渭南日报",
            "published": "2022-02-18",
        }
    )
    assert copy.standing == "republished"
    with pytest.raises(ValidationError, match="needs a standing"):
        SourceEntry.model_validate({**BASE_SOURCE, "original_publisher": "渭南日报"})
    with pytest.raises(ValidationError, match="cannot come before its original"):
        SourceEntry.model_validate(
            {
                **BASE_SOURCE,
                "standing": "republished",
                "published": "2021-01-01",
                "original_published": "2021-02-01",
            }
        )


def test_standing_news_and_dates_a_page_does_not_show() -> None:
    report = SourceEntry.model_validate({**BASE_SOURCE, "standing": "news"})
    assert report.standing == "news"
    with pytest.raises(ValidationError, match="a news report is itself the original"):
        SourceEntry.model_validate(
            {**BASE_SOURCE, "standing": "news", "original_publisher": "渭南日报"}
        )
    dated = SourceEntry.model_validate(
        {**BASE_SOURCE, "dated": "2024-12-18", "dated_from": "address"}
    )
    assert (dated.dated, dated.dated_from) == ("2024-12-18", "address")
    with pytest.raises(ValidationError, match="dated and dated_from go together"):
        SourceEntry.model_validate({**BASE_SOURCE, "dated": "2024-12-18"})
    with pytest.raises(ValidationError, match="give one of them"):
        SourceEntry.model_validate(
            {**BASE_SOURCE, "published": "2024-12", "dated": "2024-12", "dated_from": "content"}
        )
    with pytest.raises(ValidationError, match="dated_from"):
        SourceEntry.model_validate({**BASE_SOURCE, "dated": "2024-12", "dated_from": "guess"})


# --- honours known only as a count ---------------------------------------------------------------

BASE_HONOUR = {
    "id": "bronze-2022",
    "title_zh": "平安铜鼎",
    "title_en": "Bronze",
    "year": 2022,
    "level": "provincial",
    "source": "s",
    "quote": "q",
}


def test_a_count_without_names() -> None:
    honour = DesignationEntry.model_validate(
        {
            **BASE_HONOUR,
            "scope": "weinan",
            "recipients": [],
            "recipient_level": "county",
            "total": 5,
            "complete": False,
        }
    )
    assert honour.recipients == []
    for missing in ("total", "scope", "recipient_level"):
        raw = {
            **BASE_HONOUR,
            "scope": "weinan",
            "recipients": [],
            "recipient_level": "county",
            "total": 5,
            "complete": False,
        }
        del raw[missing]
        with pytest.raises(ValidationError, match="no recipients named"):
            DesignationEntry.model_validate(raw)
    with pytest.raises(ValidationError, match="no recipients named"):
        DesignationEntry.model_validate(
            {
                **BASE_HONOUR,
                "scope": "weinan",
                "recipients": [],
                "recipient_level": "county",
                "total": 5,
                "complete": True,
            }
        )


# --- a small data file exercising --year, counts, related indicators and conflicts -------------

SMALL = """\
format: 1
sources:
  - id: a
    title: A
    publisher: A
    url: http://example.org/a
    standing: official
  - id: b
    title: B
    publisher: B
    url: http://example.org/b
    standing: republished
    original_publisher: 渭南日报
    published: "2022-02-18"
regions:
  - id: city
    name_zh: 城市
    name_en: City
    level: city
  - id: one
    name_zh: 一县
    name_en: One
    level: county
    parent: city
  - id: two
    name_zh: 二县
    name_en: Two
    level: county
    parent: city
indicators:
  - id: cases
    name_zh: 案件
    name_en: Cases
    unit: 起
    category: cases
    definition: Cases.
  - id: rate-a
    name_zh: 调解率
    name_en: Mediation rate
    unit: "%"
    category: mediation
    definition: Mediation rate.
    related: [rate-b]
  - id: rate-b
    name_zh: 化解率
    name_en: Resolution rate
    unit: "%"
    category: mediation
    definition: Resolution rate.
observations:
  - {region: one, indicator: cases, period: 2022, value: 1, unit: 起, source: a}
  - {region: two, indicator: cases, period: 2022, value: 2, unit: 起, source: a}
  - {region: two, indicator: cases, period: 2022, value: 3, unit: 起, source: b}
  - {region: one, indicator: cases, period: {year: 2022, since: true}, value: 4, unit: 起,
     source: a}
  - {region: one, indicator: cases, period: {start: "2022-01", end: "2023-06"}, value: 5,
     unit: 起, source: a}
  - {region: one, indicator: cases, period: {start: "2022-01-01", end: "2022-12-23"}, value: 6,
     unit: 起, source: a}
  - {region: one, indicator: cases, period: {until: 2022}, value: 7, unit: 起, source: a}
  - {region: one, indicator: cases, period: {start: "2018", end: "2022"}, value: 8, unit: 起,
     source: a}
  - {region: two, indicator: rate-a, period: 2022, value: 97, unit: "%", source: a}
designations:
  - id: bronze-2022
    title_zh: 平安铜鼎
    title_en: Bronze ding
    year: 2022
    level: provincial
    scope: city
    recipients: []
    recipient_level: county
    total: 1
    complete: false
    source: b
    quote: 有1个县夺得平安铜鼎
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_year_takes_periods_within_the_year_only(small: Path) -> None:
    values = sorted(
        o["value"] for o in pingan_json(data=small, args="list --year 2022 --indicator cases")
    )
    # 2022 (1, 2, 3), since 2022 (4), 2022-01-01..2022-12-23 (6); not 2022-01..2023-06 (5),
    # to 2022 (7) or 2018..2022 (8), which span years.
    assert values == [1, 2, 3, 4, 6]
    assert pingan_json(data=small, args="list --year 2023 --indicator cases") == []
    every = sorted(o["value"] for o in pingan_json(data=small, args="list --indicator cases"))
    assert every == [1, 2, 3, 4, 5, 6, 7, 8]


def test_compare_year_follows_the_same_rule(small: Path) -> None:
    comparison = pingan_json(data=small, args="compare --year 2022 --indicator cases")
    one = next(r for r in comparison["regions"] if r["region"] == "one")
    periods = {
        c["period"]
        for c in [one["indicators"]["cases"], *one["indicators"]["cases"].get("alternatives", [])]
    }
    assert periods <= {"2022", "since 2022", "2022-01-01..2022-12-23"}


def test_a_count_is_unknown_for_every_county(small: Path) -> None:
    comparison = pingan_json(data=small, args="compare --year 2022")
    statuses = {r["region"]: r["designations"] for r in comparison["regions"]}
    unknown = {"title": "平安铜鼎", "year": 2022, "status": None, "within": []}
    assert statuses["one"] == {"bronze-2022": unknown}
    assert statuses["two"] == {"bronze-2022": unknown}
    assert statuses["city"] == {}
    table = pingan(["--data", str(small), "compare", "--year", "2022"]).stdout
    assert "unknown" in table and "yes" not in table and " no " not in table


def test_sources_show_standing(small: Path) -> None:
    sources = {s["id"]: s for s in pingan_json(data=small, args="sources")}
    assert sources["a"]["standing"] == "official"
    assert (sources["b"]["standing"], sources["b"]["original_publisher"]) == (
        "republished",
        "渭南日报",
    )


def test_related_indicators_are_shown_both_ways(small: Path) -> None:
    related = {i["id"]: i["related"] for i in pingan_json(data=small, args="indicators")}
    assert related == {"cases": [], "rate-a": ["rate-b"], "rate-b": ["rate-a"]}


def test_related_must_resolve(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("related: [rate-b]", "related: [rate-c]"), encoding="utf-8")
    result = pingan(["validate", str(bad)])
    assert result.exit_code == 1
    assert "indicators[1].related[0]: unknown indicator 'rate-c'; did you mean" in result.stderr


def test_different_sources_may_disagree_and_are_found_as_conflicts(
    small: Path, tmp_path: Path
) -> None:
    export = tmp_path / "store.db"
    result = pingan(["--data", str(small), "export", str(export)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(export) as db:
        pairs = db.execute(
            "SELECT a.region, a.value, b.value FROM conflicts c "
            "JOIN observations a ON a.id = c.observation JOIN observations b ON b.id = c.other "
            "ORDER BY a.value"
        ).fetchall()
    assert pairs == [("two", 2, 3), ("two", 3, 2)]


def test_the_same_source_may_not_disagree_with_itself(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SMALL.replace("value: 3, unit: 起, source: b", "value: 3, unit: 起, source: a"),
        encoding="utf-8",
    )
    result = pingan(["validate", str(bad)])
    assert result.exit_code == 1
    assert "the observation two/cases/2022/a is defined again with different content" in (
        result.stderr
    )


# --- where a period open to the report ends, and stocks ------------------------------------------

ENDS = """\
format: 1
sources:
  - {id: shown, title: S, publisher: S, url: http://example.org/s, published: "2024-05-20"}
  - {id: copy, title: C, publisher: C, url: http://example.org/c, published: "2024-06-01",
     standing: republished, original_publisher: 渭南日报, original_published: "2024-05-30"}
  - {id: addressed, title: A, publisher: A, url: http://example.org/2024/1218/a,
     dated: "2024-12-18", dated_from: address}
  - {id: undated, title: U, publisher: U, url: http://example.org/u}
regions:
  - {id: city, name_zh: 城市, name_en: City, level: city}
indicators:
  - {id: cases, name_zh: 案件, name_en: Cases, unit: 起, category: cases, definition: Cases.}
  - {id: posts, name_zh: 编制, name_en: Posts, unit: 名, category: grassroots_governance,
     measure: stock, definition: Staff posts in place.}
observations:
  - {region: city, indicator: cases, period: {year: 2023, since: true}, value: 1, unit: 起,
     source: shown}
  - {region: city, indicator: cases, period: {year: 2023, since: true}, value: 2, unit: 起,
     source: copy}
  - {region: city, indicator: cases, period: {year: 2023, since: true}, value: 3, unit: 起,
     source: addressed}
  - {region: city, indicator: cases, period: {year: 2023, since: true}, value: 4, unit: 起,
     source: undated}
  - {region: city, indicator: cases, period: {start: "2022-04"}, value: 5, unit: 起,
     source: addressed}
  - {region: city, indicator: cases, period: 2022, value: 6, unit: 起, source: addressed}
  - {region: city, indicator: posts, period: {until: "2025-03"}, value: 11, unit: 名,
     source: addressed}
"""


def test_an_open_period_ends_at_the_date_of_its_page(tmp_path: Path) -> None:
    """since 2023 reaches the page's date: the original's for a copy, else the page's, else the
    one its address gives; a closed period ends where it says; an undated page gives no end."""
    data = tmp_path / "ends.yaml"
    data.write_text(ENDS, encoding="utf-8")
    shown = {
        f["value"]: (f["period"], f["period_end"], f["period_end_from"], f["measure"])
        for f in pingan_json("list", data=data)
    }
    assert shown == {
        1: ("since 2023", "2024-05-20", "published", "flow"),
        2: ("since 2023", "2024-05-30", "original", "flow"),
        3: ("since 2023", "2024-12-18", "address", "flow"),
        4: ("since 2023", None, None, "flow"),
        5: ("2022-04..", "2024-12-18", "address", "flow"),
        6: ("2022", "2022", None, "flow"),
        11: ("to 2025-03", "2025-03", None, "stock"),
    }


def test_catalogues_give_measure_and_dates(tmp_path: Path) -> None:
    data = tmp_path / "ends.yaml"
    data.write_text(ENDS, encoding="utf-8")
    measures = {i["id"]: i["measure"] for i in pingan_json("indicators", data=data)}
    assert measures == {"cases": "flow", "posts": "stock"}
    dated = {s["id"]: (s["dated"], s["dated_from"]) for s in pingan_json("sources", data=data)}
    assert dated["addressed"] == ("2024-12-18", "address")
    assert dated["shown"] == (None, None)


def test_every_open_figure_of_the_bundled_data_has_an_end() -> None:
    """A figure "since 2023" (or from a month to the report) reads as a span only where its page
    is dated: every source of one in the bundled data gives a date (published, original or
    dated), so each such figure gets an end and says where it came from."""
    figures = pingan_json("list")
    open_ended = [f for f in figures if f["period_end_from"] is not None or f["period_end"] is None]
    assert open_ended, "the bundled data has figures since a year"
    assert [f for f in open_ended if f["period_end"] is None] == []
    founding = {
        (f["indicator"], f["period"], f["period_end"], f["period_end_from"])
        for f in figures
        if f["source"] == "sxzf-140874" and f["region"] == "fuping"
    }
    assert ("police-home-visits", "since 2023", "2024-03", "content") in founding


SPANS = """\
format: 1
sources:
  - {id: a, title: A, publisher: A, url: http://example.org/a, published: "2023-07-01"}
regions:
  - {id: city, name_zh: 城市, name_en: City, level: city}
  - {id: one, name_zh: 一县, name_en: One, level: county, parent: city}
  - {id: two, name_zh: 二县, name_en: Two, level: county, parent: city}
indicators:
  - {id: cases, name_zh: 案件, name_en: Cases, unit: 起, category: cases, definition: Cases.}
  - {id: posts, name_zh: 编制, name_en: Posts, unit: 名, category: grassroots_governance,
     measure: stock, definition: Staff posts in place.}
observations:
  - {region: one, indicator: cases, period: {start: "2022-01", end: "2023-06"}, value: 50,
     unit: 起, source: a}
  - {region: two, indicator: cases, period: 2022, value: 2, unit: 起, source: a}
  - {region: one, indicator: posts, period: {year: 2022, since: true}, value: 9, unit: 名,
     source: a}
"""


def test_rank_takes_a_year_as_list_does(tmp_path: Path) -> None:
    """A span of two years is ranked under neither (it ranked under its first year before issue
    19), and a stock ranks in the year it stands at (since 2022 on a page of 2023-07: 2023)."""
    data = tmp_path / "spans.yaml"
    data.write_text(SPANS, encoding="utf-8")
    ranked = pingan_json("rank cases --year 2022 --within city", data=data)["regions"]
    assert [(r["region"], r["value"]) for r in ranked] == [("two", 2), ("one", None)]
    assert (
        pingan_json("rank posts --year 2022 --within city", data=data)["regions"][0]["value"]
        is None
    )
    assert pingan_json("rank posts --within city", data=data)["year"] == 2023
