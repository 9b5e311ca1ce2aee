"""Disagreements that arithmetic shows (issue 19, §4): listed by `pingan conflicts`, computed, with
every quote, never stored as a figure."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ..helpers import pingan, pingan_json


def test_the_2020_satisfaction_is_listed_by_default() -> None:
    """98.35% (2021) less 96.19% (2020) is +2.16 points; the 2021 page says +1.52."""
    found = pingan_json("--lang en conflicts")
    (change,) = [c for c in found if c["kind"] == "change"]
    assert (change["region"], change["indicator"], change["period"]) == (
        "weinan",
        "pingan-satisfaction-change",
        "2021",
    )
    assert change["computed"] == pytest.approx(2.16)
    assert change["computed_display"] == "+2.16 pp"
    assert (change["stated"]["value"], change["stated"]["source"]) == (1.52, "changanyouth-36273")
    quoted = {(f["value"], f["source"], f["quote"]) for f in change["figures"]}
    assert quoted == {
        (96.19, "huanyuhai4-794720", "平安建設滿意度為96.19%"),
        (98.35, "changanyouth-36273", "我市2021年度平安建设满意度98.35%"),
    }
    assert "changanyouth-36273 reports +1.52 pp" in change["explanation"]


def test_parts_that_exceed_their_whole_are_listed() -> None:
    """Dali's 625 g and Hancheng's 10.11 g of drugs seized, in the same campaign and page, add
    up to more than the city's own 367.61 g."""
    (parts,) = [c for c in pingan_json("conflicts") if c["kind"] == "parts"]
    assert (parts["region"], parts["indicator"], parts["stated"]["value"]) == (
        "weinan",
        "drugs-seized",
        367.61,
    )
    assert parts["computed"] == pytest.approx(635.11)
    assert {f["region"] for f in parts["figures"]} == {"dali", "hancheng"}


def test_nothing_computed_is_stored() -> None:
    values = {f["value"] for f in pingan_json("list")}
    assert not {2.16, 96.83, 635.11} & values


def test_the_table_shows_what_was_computed_and_both_quotes() -> None:
    for lang, words in (("en", "+2.16 pp"), ("zh", "+2.16个百分点")):
        table = pingan(f"--lang {lang} conflicts --width 100").stdout
        flat = "".join(table.replace("│", "").split())
        assert "".join(words.split()) in flat
        assert "平安建設滿意度為96.19%" in flat and "较2020年提升1.52个百分点" in flat
        assert "disagreebyarithmetic" in flat
    assert pingan("conflicts --kind arithmetic --format markdown").stdout.count("\n| ") >= 2
    rows = list(csv.DictReader(io.StringIO(pingan("conflicts --format csv --no-bom").stdout)))
    assert {r["kind"] for r in rows} == {"change", "parts"}
    assert pingan_json("conflicts --kind sources") == []


def test_trend_and_report_point_to_the_list() -> None:
    assert "pingan conflicts" in pingan("--lang en trend weinan pingan-satisfaction").stdout
    page = pingan("report weinan").stdout
    assert "与命令行列出的不一致清单相同" in page and "按算术" in page
    english = pingan("--lang en report weinan").stdout
    assert "pingan conflicts" in english and "by arithmetic" in english


SERIES = """\
format: 1
sources:
  - {id: a, title: A, publisher: A, url: http://example.org/a, published: "2024-12-20"}
  - {id: b, title: B, publisher: B, url: http://example.org/b, published: "2024-03-01"}
regions:
  - {id: city, name_zh: 城市, name_en: City, level: city}
  - {id: one, name_zh: 一县, name_en: One, level: county, parent: city}
  - {id: two, name_zh: 二县, name_en: Two, level: county, parent: city}
indicators:
  - {id: villages, name_zh: 示范村, name_en: Model villages created, unit: 个,
     category: grassroots_governance, definition: Created.}
  - {id: provincial-rank, name_zh: 排名, name_en: Place, unit: 名, category: assessment,
     definition: A place.}
  - {id: rate, name_zh: 化解率, name_en: Rate, unit: "%", category: mediation,
     definition: A rate.}
  - {id: posts, name_zh: 编制, name_en: Posts, unit: 名, category: grassroots_governance,
     measure: stock, definition: Posts in place.}
observations:
  - {region: city, indicator: villages, period: {until: "2024-12-20"}, value: 20, unit: 个,
     source: a, quote: 共创建20个}
  - {region: city, indicator: villages, period: {year: 2023, since: true}, value: 25,
     unit: 个, source: b, quote: 2023年以来创建25个}
  - {region: city, indicator: provincial-rank, period: 2023, value: 2, unit: 名, source: a}
  - {region: one, indicator: provincial-rank, period: 2023, value: 3, unit: 名, source: a}
  - {region: city, indicator: rate, period: 2023, value: 90, unit: "%", source: a}
  - {region: one, indicator: rate, period: 2023, value: 95, unit: "%", source: a}
  - {region: city, indicator: posts, period: {until: "2024-12"}, value: 10, unit: 名,
     source: a}
  - {region: city, indicator: posts, period: {until: "2023-12"}, value: 30, unit: 名,
     source: b}
"""


def test_a_since_count_more_than_the_cumulative_total_is_listed(tmp_path: Path) -> None:
    """25 created since 2023 (to 2024-03) cannot be more than the 20 created in all to
    2024-12-20; a place or a rate is never added, and a stock that falls is no conflict."""
    data = tmp_path / "series.yaml"
    data.write_text(SERIES, encoding="utf-8")
    found = pingan_json("--lang en conflicts", data=data)
    assert [(c["kind"], c["indicator"]) for c in found] == [("within", "villages")]
    (within,) = found
    assert within["stated"]["value"] == 20 and within["figures"][0]["value"] == 25
    assert within["computed"] == 5
    assert "a period that holds it" in within["explanation"]
    result = pingan(["--data", str(data), "sum", "provincial-rank", "--year", "2023"])
    assert result.exit_code != 0 and "places are not added" in result.output
    assert json.loads(pingan(["--data", str(data), "conflicts", "-o", "json"]).stdout)
