"""Honours told apart by year, honours of sub-units, figures that keep their qualifier in every
format, and conflicting sources kept and marked (issues 8 and 10), on a small dataset made here.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from ..helpers import pingan, pingan_json

DATA = """\
format: 1
sources:
  - id: paper-a
    title: "甲报"
    publisher: "甲报社"
    url: "http://example.org/a.html"
    standing: official
  - id: paper-b
    title: "乙报"
    publisher: "乙网"
    url: "http://example.org/b.html"
    standing: republished
    original_publisher: "甲报社"
    original_published: "2024-01-02"
regions:
  - id: city
    name_zh: "甲市"
    name_en: "Jia City"
    level: city
  - id: ca
    name_zh: "乙县"
    name_en: "Yi County"
    level: county
    parent: city
  - id: cb
    name_zh: "丙县"
    name_en: "Bing County"
    level: county
    parent: city
  - id: ca-town
    name_zh: "乙镇"
    name_en: "Yi Town"
    level: township
    parent: ca
indicators:
  - id: home-visits
    name_zh: "入户走访户数"
    name_en: "Households visited"
    unit: "户"
    category: community_policing
    kind: level
    definition: "Households visited."
  - id: villages-surveyed
    name_zh: "实地调研村数"
    name_en: "Villages surveyed"
    unit: "个"
    category: community_policing
    kind: level
    definition: "Villages surveyed."
observations:
  - region: ca
    indicator: home-visits
    period: 2023
    value: 52000
    unit: "户"
    qualifier: at_least
    as_written: "5.2万余户"
    source: paper-a
    quote: "入户走访5.2万余户"
  - region: ca
    indicator: home-visits
    period: 2023
    value: 53000
    unit: "户"
    as_written: "5.3万户"
    source: paper-b
    quote: "走访5.3万户"
  - region: cb
    indicator: home-visits
    period: 2023
    value: 41000
    unit: "户"
    as_written: "4.1万户"
    source: paper-a
    quote: "走访4.1万户"
  - region: ca-town
    indicator: villages-surveyed
    period: 2023
    value: 14
    unit: "个"
    as_written: "14个"
    source: paper-a
    quote: "实地调研村14个"
  - region: cb
    indicator: villages-surveyed
    period: 2023
    value: 20
    unit: "个"
    as_written: "20个"
    source: paper-a
    quote: "调研村20个"
designations:
  - id: silver-2023
    title_zh: "平安银鼎"
    title_en: "Silver Ding"
    year: 2023
    level: provincial
    scope: city
    recipients: [ca]
    complete: true
    source: paper-a
    quote: "乙县获平安银鼎"
  - id: silver-2024
    title_zh: "平安银鼎"
    title_en: "Silver Ding"
    year: 2024
    level: provincial
    scope: city
    recipients: [cb]
    complete: true
    source: paper-a
    quote: "丙县获平安银鼎"
  - id: fengqiao
    title_zh: "枫桥式工作法"
    title_en: "Fengqiao method"
    level: national
    recipients: [ca-town, cb]
    complete: false
    source: paper-a
    quote: "乙镇、丙县获评"
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "honours.yaml"
    path.write_text(DATA, encoding="utf-8")
    return path


def run(data: Path, args: str) -> str:
    result = pingan(["--data", str(data), *args.split()])
    assert result.exit_code == 0, result.output
    return result.stdout


def as_json(data: Path, args: str) -> Any:
    return json.loads(run(data, f"{args} --format json"))


def as_csv(data: Path, args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(data, f"{args} --format csv --no-bom"))))


# --- issue 8.2: honours told apart by year ------------------------------------------------------


def test_compare_keeps_two_honours_that_share_a_title(data: Path) -> None:
    rows = {r["region"]: r["designations"] for r in as_json(data, "compare ca cb")["regions"]}
    assert rows["ca"]["silver-2023"]["status"] is True
    assert rows["ca"]["silver-2024"]["status"] is False
    assert rows["cb"]["silver-2023"]["status"] is False
    assert rows["cb"]["silver-2024"]["status"] is True
    assert rows["ca"]["silver-2023"]["title"] == "平安银鼎"
    assert rows["ca"]["silver-2023"]["year"] == 2023


def test_honour_keys_are_ids_in_every_language(data: Path) -> None:
    zh = as_json(data, "compare ca cb")["regions"][0]["designations"]
    en = json.loads(run(data, "--lang en compare ca cb --format json"))["regions"][0]
    assert set(zh) == set(en["designations"]) == {"silver-2023", "silver-2024", "fengqiao"}
    assert en["designations"]["silver-2023"]["title"] == "Silver Ding"


def test_table_header_says_the_year_when_titles_repeat(data: Path) -> None:
    lines = run(data, "compare ca cb").splitlines()
    silver = [line.split() for line in lines if line.startswith("平安银鼎")]
    assert silver == [["平安银鼎", "(2023)", "yes", "no"], ["平安银鼎", "(2024)", "no", "yes"]]
    yearly = run(data, "compare --year 2023")
    assert "平安银鼎" in yearly and "(2023)" not in yearly  # one year: the title is enough


def test_csv_keeps_both_honours_that_share_a_title(data: Path) -> None:
    rows = [r for r in as_csv(data, "compare ca cb") if r["kind"] == "honour"]
    status = {(r["region"], r["id"]): r["status"] for r in rows}
    assert status[("ca", "silver-2023")] == "yes"
    assert status[("ca", "silver-2024")] == "no"
    assert {r["name"] for r in rows if r["id"].startswith("silver")} == {"平安银鼎"}


# --- issue 8.3: honours of a region's sub-units -------------------------------------------------


def test_compare_shows_an_honour_held_inside_a_region(data: Path) -> None:
    ca = as_json(data, "compare ca cb")["regions"][0]
    assert ca["designations"]["fengqiao"]["status"] is None
    assert ca["designations"]["fengqiao"]["within"] == [{"id": "ca-town", "name": "乙镇"}]
    assert ca["designations"]["silver-2023"]["within"] == []
    line = next(x for x in run(data, "compare ca cb").splitlines() if x.startswith("枫桥"))
    assert "unknown · 乙镇 yes" in line


def test_show_shows_an_honour_held_inside_the_region(data: Path) -> None:
    shown = {d["id"]: d for d in as_json(data, "show ca")["designations"]}
    assert shown["fengqiao"]["status"] is None
    assert shown["fengqiao"]["within"] == [{"id": "ca-town", "name": "乙镇"}]
    line = next(x for x in run(data, "show ca").splitlines() if x.startswith("枫桥"))
    assert "· 乙镇 yes" in line


def test_show_lists_honours_only_units_inside_the_region_can_hold() -> None:
    shown = {
        d["id"]: d for d in json.loads(pingan("show baishui --format json").stdout)["designations"]
    }
    community = shown["gongnong-harmonious-model-community"]
    assert (community["applies"], community["status"]) == (False, None)
    assert [u["id"] for u in community["within"]] == ["baishui-gongnong-community"]
    line = next(x for x in pingan("show baishui").stdout.splitlines() if "和谐示范社区" in x)
    assert line.endswith("n/a · 白水县城关街道工农社区 yes")


# --- issue 8.4: every format keeps value, qualifier and display ---------------------------------


def test_compare_csv_keeps_qualifier_and_display(data: Path) -> None:
    figures = [r for r in as_csv(data, "compare ca cb") if r["kind"] == "figure"]
    visits = [r for r in figures if r["region"] == "ca" and r["id"] == "home-visits"]
    assert {r["name"] for r in visits} == {"入户走访户数"}
    assert {(r["value"], r["qualifier"], r["display"], r["source"]) for r in visits} == {
        ("52000", "at_least", "5.2万余户", "paper-a"),
        ("53000", "exact", "5.3万户", "paper-b"),
    }


def test_compare_includes_sub_unit_figures_as_show_does(data: Path) -> None:
    ca = as_json(data, "compare ca cb")["regions"][0]
    (surveyed,) = [c for k, c in ca["indicators"].items() if k.startswith("villages-surveyed")]
    assert surveyed["value"] == 14
    assert surveyed["region"] == "ca-town"
    assert surveyed["region_name"] == "乙镇"
    line = next(x for x in run(data, "compare ca cb").splitlines() if x.startswith("实地调研"))
    assert "14个 (乙镇)" in line
    shown = {(o["region"], o["indicator"]) for o in as_json(data, "show ca")["observations"]}
    assert ("ca-town", "villages-surveyed") in shown


def test_a_city_does_not_take_its_counties_figures_in_compare(data: Path) -> None:
    city = as_json(data, "compare city cb")["regions"][0]
    assert all(cell is None for cell in city["indicators"].values())


# --- issue 10: conflicts kept and marked --------------------------------------------------------


def test_list_marks_figures_another_source_contradicts(data: Path) -> None:
    rows = {(r["region"], r["source"]): r for r in as_json(data, "list --indicator home-visits")}
    assert rows[("ca", "paper-a")]["conflicts_with"] == [
        {
            "source": "paper-b",
            "value": 53000,
            "qualifier": "exact",
            "display": "5.3万户",
            "quote": "走访5.3万户",
        }
    ]
    assert rows[("cb", "paper-a")]["conflicts_with"] == []
    table = run(data, "list --indicator home-visits")
    assert "5.2万余户 †" in table and "5.3万户 †" in table and "4.1万户 †" not in table
    flat = as_csv(data, "list --indicator home-visits")
    assert [r["conflicts_with"] != "[]" for r in flat] == [True, True, False]


def test_show_and_compare_mark_conflicts(data: Path) -> None:
    assert "5.2万余户 †" in run(data, "show ca")
    assert "†" in next(x for x in run(data, "compare ca cb").splitlines() if x.startswith("入户"))
    cell = as_json(data, "compare ca cb")["regions"][0]["indicators"]["home-visits@2023"]
    assert cell["conflicts_with"][0]["source"] == "paper-b"


def test_conflicts_command_lists_both_sides_in_every_format(data: Path) -> None:
    (pair,) = as_json(data, "conflicts")
    assert (pair["region"], pair["indicator"], pair["period"]) == ("ca", "home-visits", "2023")
    assert (pair["value"], pair["source"], pair["quote"]) == (52000, "paper-a", "入户走访5.2万余户")
    assert (pair["other_value"], pair["other_source"], pair["other_quote"]) == (
        53000,
        "paper-b",
        "走访5.3万户",
    )
    assert pair["qualifier"] == "at_least" and pair["other_display"] == "5.3万户"
    (row,) = as_csv(data, "conflicts")
    assert (row["display"], row["other_display"]) == ("5.2万余户", "5.3万户")
    table = run(data, "conflicts")
    for text in ("5.2万余户", "5.3万户", "paper-a", "paper-b", "乙县"):
        assert text in table
    assert "5.3万户" in run(data, "conflicts --format markdown")


def test_no_two_sources_of_the_bundled_data_give_different_values() -> None:
    """Two sources never state different values in the bundled data: the disagreements it holds
    are the arithmetic ones (tests/query/test_arithmetic.py)."""
    result = pingan("conflicts --kind sources --format json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


# --- issue 10: sources traceable, years compared ------------------------------------------------


def test_every_listed_figure_names_its_page(data: Path) -> None:
    rows = as_json(data, "list")
    assert {r["url"] for r in rows} == {"http://example.org/a.html", "http://example.org/b.html"}
    assert "paper-b" in run(data, "show ca")


def test_sources_table_shows_standing_and_the_original(data: Path) -> None:
    table = " ".join(run(data, "sources --width 300").split())
    assert "republished (甲报社, 2024-01-02)" in table


def test_compare_2021_shows_figures_not_only_honours() -> None:
    data = json.loads(pingan("compare --year 2021 --format json").stdout)
    reported = [c for r in data["regions"] for c in r["indicators"].values() if c is not None]
    assert len(reported) >= 4


def test_compare_2024_no_longer_sets_three_dispute_counts_side_by_side() -> None:
    """Weinan's 2.33万 (the committee, every channel) and Linwei's 1855 (given with its
    governance centre) were one indicator, so compare --year 2024 set them side by side; since
    issue 19 they are two measures, each reported by one region."""
    data = json.loads(pingan("compare --year 2024 --format json").stdout)
    columns = {key for r in data["regions"] for key in r["indicators"]}
    assert not columns & {"disputes-resolved", "dispute-resolution-rate"}


def test_compare_2022_says_where_its_figures_are() -> None:
    # No figure of 2022 is reported by two regions: the table says so and how to see them.
    listed = json.loads(pingan("list --year 2022 --format json").stdout)
    count = len({f["indicator"] for f in listed})
    result = pingan("compare --year 2022")
    assert result.stdout.startswith("2022\n")
    # No honour is of 2022 either since issue 19 (the five bronze dings are 2021's).
    assert result.stderr == (
        "note: no honours or figures to compare for 2022\n"
        f"note: {count} more indicators of 2022 are reported by one region alone: see "
        "`pingan list --year 2022`, or name regions to compare them\n"
    )
    named = json.loads(pingan("compare weinan dali yulin --year 2022 --format json").stdout)
    reported = [c for r in named["regions"] for c in r["indicators"].values() if c is not None]
    assert len(reported) >= 10


def test_compare_2021_bronze_ding_is_unknown_in_table_and_csv() -> None:
    """Five counties' bronze dings reported in the review of 2022 (2023-01-17) are the honours
    of 2021, conferred in spring 2022 (issue 19): unknown for each county, under 2021."""
    table = pingan("compare --year 2021").stdout
    fuping = next(line for line in table.splitlines() if line.startswith("富平县"))
    assert "unknown" in fuping
    rows = list(csv.DictReader(io.StringIO(pingan("compare --year 2021 -o csv --no-bom").stdout)))
    bronze = {r["region"]: r["status"] for r in rows if r["id"] == "pingan-bronze-ding-2021"}
    weinan = {r["region"] for r in rows if r["region_name"] in table} & set(bronze)
    assert {"fuping", "linwei", "hancheng", "baishui", "huayin"} <= weinan
    assert set(bronze.values()) == {"unknown"}
    assert "pingan-bronze-ding-2021" not in pingan("compare --year 2022 -o csv").stdout


# --- issue 10: related indicators readable ------------------------------------------------------


def test_indicators_name_the_related_measures_in_the_language_asked() -> None:
    table = pingan("indicators --category satisfaction --width 400").stdout
    row = next(line for line in table.splitlines() if line.startswith("pingan-satisfaction "))
    assert row.split("   ")[-1].startswith("平安建设满意率, 社会治安满意率")
    english = pingan("--lang en indicators --category satisfaction --width 400").stdout
    assert "pingan-satisfaction-rate," not in english and "平安建设满意率" not in english
    data = json.loads(pingan("indicators --category satisfaction --format json").stdout)
    related = {i["id"]: i["related"] for i in data}["pingan-satisfaction"]
    assert related[:2] == ["pingan-satisfaction-rate", "public-order-satisfaction-rate"]
    assert "related_names" not in data[0]


def test_a_cells_json_is_every_field_of_the_cell(data: Path) -> None:
    import pingan_cli

    with pingan_cli.open(data, cache=False) as opened:
        row = opened.compare("ca", "cb").rows[0]
    cell = row.indicators["home-visits@2023"]
    assert cell is not None
    fields = [name for name in type(cell)._fields if name != "alternatives"]
    assert list(cell.as_dict()) == [*fields, "alternatives"]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "yaml", "svg"])
@pytest.mark.parametrize("command", ["conflicts", "compare ca cb", "compare --year 2023"])
def test_conflicts_and_comparisons_in_every_format(data: Path, command: str, fmt: str) -> None:
    text = run(data, f"{command} --format {fmt}")
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        assert len({len(r) for r in rows}) == 1 and len(rows) > 1
    if command == "conflicts" or command == "compare ca cb":
        assert "5.3万户" in text


def test_the_conflict_mark_is_explained_where_it_is_shown(data: Path) -> None:
    note = (
        "note: †: another source gives a different figure for the same region, indicator and "
        "period (both are kept): see `pingan conflicts`\n"
    )
    for command in ("list", "show ca", "compare ca cb", "list -o json"):
        assert pingan(["--data", str(data), *command.split()]).stderr == note, command
    assert pingan(["--data", str(data), "list", "--region", "cb"]).stderr == ""


# --- issue 19: one indicator, one measure --------------------------------------------------------

SPLITS = {
    # kept id: (the measures split from it, who reported each figure now)
    "disputes-resolved": ("police-disputes-resolved", "governance-centre-disputes-resolved"),
    "dispute-resolution-rate": ("governance-centre-dispute-resolution-rate",),
    "drug-cases-solved": ("drug-trafficking-cases-solved",),
    "telecom-fraud-cases-filed-change": ("telecom-fraud-cases-change",),
}


def test_split_measures_are_apart_and_named_as_related() -> None:
    """Each measure split in issue 19 has its own figures, names the others as related (both
    ways in `pingan indicators`) and says why in its note."""
    catalogue = {i["id"]: i for i in pingan_json("indicators")}
    for kept, split in SPLITS.items():
        for other in split:
            assert other in catalogue[kept]["related"], (kept, other)
            assert kept in catalogue[other]["related"], (other, kept)
            assert "issue 19" in (catalogue[other]["note"] or ""), other
        assert "issue 19" in (catalogue[kept]["note"] or ""), kept
    reporters = {
        indicator: {f["region"] for f in pingan_json(f"list -i {indicator}")}
        for indicator in (
            "disputes-resolved",
            "police-disputes-resolved",
            "governance-centre-disputes-resolved",
            "drug-cases-solved",
            "drug-trafficking-cases-solved",
            "telecom-fraud-cases-filed-change",
            "telecom-fraud-cases-change",
        )
    }
    assert reporters == {
        "disputes-resolved": {"weinan"},
        "police-disputes-resolved": {"fuping"},
        "governance-centre-disputes-resolved": {"linwei"},
        "drug-cases-solved": {"weinan"},
        "drug-trafficking-cases-solved": {"hancheng"},
        "telecom-fraud-cases-filed-change": {"shaanxi"},
        "telecom-fraud-cases-change": {"xian"},
    }


def test_satisfaction_rate_and_index_stay_apart_and_say_why() -> None:
    catalogue = {i["id"]: i for i in pingan_json("indicators --category satisfaction")}
    assert "no page says they are one survey" in catalogue["pingan-satisfaction-rate"]["note"]
    assert "pingan conflicts" in catalogue["pingan-satisfaction"]["note"]
    assert "pingan-satisfaction" in catalogue["pingan-satisfaction-rate"]["related"]


def test_indicators_say_flow_or_stock() -> None:
    table = pingan("--lang en indicators --category mediation --width 200").stdout
    header = table.splitlines()[0]
    assert "measure" in header
    mediators = next(line for line in table.splitlines() if line.startswith("mediators "))
    assert " stock " in mediators
