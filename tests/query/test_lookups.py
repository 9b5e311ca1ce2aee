"""Lookups that find what a person types: partial names, categories by name, pinyin, search."""

from __future__ import annotations

from pathlib import Path

import pytest

import pingan_cli
from pingan_cli.load.models import Category
from pingan_cli.records.categories import CATEGORY_NAMES

from ..helpers import bundled_yaml, pingan, pingan_json, write_yaml


def test_a_unique_partial_name_selects_the_indicator() -> None:
    rows = pingan_json("list -i 巡段")
    assert {r["indicator"] for r in rows} == {"patrol-sections"}
    # English and id fragments too, any case.
    assert {r["indicator"] for r in pingan_json("list -i 'PATROL SECTIONS'")} == {"patrol-sections"}


def test_an_ambiguous_partial_name_lists_the_candidates() -> None:
    result = pingan("list -i 调解")
    assert result.exit_code == 2
    assert "several indicators" in result.stderr
    for candidate in ("dispute-mediation-rate", "mediators", "disputes-mediated"):
        assert candidate in result.stderr
    assert "Traceback" not in result.output


def test_an_exact_name_wins_over_partial_matches() -> None:
    # 刑事立案数 is also part of 刑事立案数同比变化 and 涉企刑事立案数.
    assert {r["indicator"] for r in pingan_json("list -i 刑事立案数")} == {"criminal-cases-filed"}


def test_every_category_has_a_chinese_and_an_english_name() -> None:
    assert set(CATEGORY_NAMES) == {c.value for c in Category}
    for zh, en in CATEGORY_NAMES.values():
        assert zh and not zh.isascii()
        assert en and en.isascii()


@pytest.mark.parametrize("name", ["营商环境", "Business environment", "business_environment"])
def test_a_category_by_its_chinese_or_english_name(name: str) -> None:
    rows = pingan_json(f"list -c '{name}'")
    assert rows
    assert {r["category"] for r in rows} == {"business_environment"}


def test_indicators_and_compare_take_category_names() -> None:
    assert {r["category"] for r in pingan_json("indicators -c 调解")} == {"mediation"}
    result = pingan("compare weinan --category 矛盾纠纷调解")
    assert result.exit_code == 0, result.output


def test_help_lists_the_categories() -> None:
    result = pingan("list --help")
    assert "business_environment" in result.stdout
    assert "mediation" in result.stdout


def test_completion_offers_the_categories() -> None:
    from click.shell_completion import ShellComplete

    from pingan_cli.cli.root import cli

    complete = ShellComplete(cli, {}, "pingan", "_PINGAN_COMPLETE")
    offered = [c.value for c in complete.get_completions(["list", "--category"], "med")]
    assert offered == ["mediation"]


def test_an_unknown_category_says_what_there_is() -> None:
    result = pingan("list -c nonsense")
    assert result.exit_code == 2
    assert "营商环境" in result.stderr
    assert "business_environment" in result.stderr


def test_where_region_takes_names_as_region_does() -> None:
    by_name = pingan_json("list --where region=渭南市")
    by_id = pingan_json("list --where region=weinan")
    assert by_name == by_id
    assert by_name
    assert pingan_json("list --where 'region!=渭南市'") == pingan_json(
        "list --where region!=weinan"
    )


def test_pinyin_suggests_the_region_whose_id_holds_it() -> None:
    result = pingan("show gongnong")
    assert result.exit_code == 2
    assert "baishui-gongnong-community" in result.stderr
    assert "tongguan" not in result.stderr


def test_a_sub_unit_by_its_name_without_the_county() -> None:
    assert pingan_json("show 城关街道")["id"] == "baishui-chengguan-subdistrict"
    assert pingan_json("show 金城街道")["id"] == "hancheng-jincheng-subdistrict"


def test_search_matches_ids_it_prints() -> None:
    for kind in ("practice", "designation"):
        hits = pingan_json("search 枫桥")
        for hit in (h for h in hits if h["kind"] == kind):
            again = pingan_json(f"search {hit['id']}")
            assert any(h["kind"] == kind and h["id"] == hit["id"] for h in again), hit


def test_search_punctuation_does_not_match_stored_json() -> None:
    regions = pingan_json("regions")
    commas = [h for h in pingan_json("search ,") if h["kind"] == "region"]
    assert 0 < len(commas) < len(regions)
    assert all("," in h["snippet"] for h in commas)  # names with a comma, not the alias list
    assert not any(h["kind"] == "region" for h in pingan_json("search '\"'"))


def test_search_says_which_field_matched() -> None:
    hits = pingan_json("search 巡段")
    indicator = next(h for h in hits if h["kind"] == "indicator")
    assert indicator["field"] == "name_zh"
    assert "巡段" in indicator["snippet"]
    quote = next(h for h in hits if h["kind"] == "quote")
    assert quote["field"] == "quote"
    table = pingan("search 巡段").stdout
    assert "matched" in table


def _with_practice_and_alias(tmp_path: Path, alias: str, description: str) -> Path:

    data = bundled_yaml()
    data["regions"][0]["aliases"].append(alias)
    data["practices"][0]["description"] = description
    return write_yaml(tmp_path / "data.yaml", data)


@pytest.mark.parametrize("alias", ['quoted "name"', "back\\slash", "tab\there"])
def test_a_region_is_found_by_an_alias_with_quotes_or_controls(tmp_path: Path, alias: str) -> None:
    path = _with_practice_and_alias(tmp_path, alias, "A description.")
    with pingan_cli.open(path, cache=False) as data:
        hits = data.search(alias)
    assert any(h.kind == "region" and h.field == "aliases" for h in hits), hits


def test_search_matches_chinese_descriptions(tmp_path: Path) -> None:
    path = _with_practice_and_alias(tmp_path, "x", "全年刑事立案、治安受案实现双下降。")
    with pingan_cli.open(path, cache=False) as data:
        hits = data.search("双下降")
    assert [(h.kind, h.field) for h in hits] == [("practice", "description")]


def test_search_matches_notes_of_figures() -> None:
    hits = pingan_json("search 'never add or subtract'")
    assert any(h["kind"] == "quote" and h["field"] == "note" for h in hits)


def test_practices_catalogue() -> None:
    rows = pingan_json("practices")
    assert len(rows) == 36
    assert {"id", "name", "kind", "region", "description", "quote", "source"} <= set(rows[0])
    fuping = pingan_json("practices --region fuping")
    assert {p["id"] for p in fuping} >= {"beibao-policing"}
    assert all(p["region"].startswith("fuping") for p in fuping)


@pytest.mark.parametrize(
    ("entry", "kind", "text"),
    [
        ("beibao-policing", "practice", "背包警务"),
        ("fengqiao-method-national", "designation", "全国“枫桥式”工作法"),
        ("patrol-sections", "indicator", "巡段数"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "yaml"])
def test_info_shows_one_entry_in_full(entry: str, kind: str, text: str, fmt: str) -> None:
    result = pingan(f"info {entry} --format {fmt}")
    assert result.exit_code == 0, result.output
    assert text in result.stdout
    assert kind in result.stdout
    if kind != "indicator":
        assert "quote" in result.stdout


def test_info_of_an_unknown_entry_suggests() -> None:
    result = pingan("info beibao")
    assert result.exit_code == 2
    assert "beibao-policing" in result.stderr


def test_api_info_and_practices() -> None:
    with pingan_cli.open() as data:
        entry = data.info("beibao-policing")
        assert entry.kind == "practice"
        assert entry.fields["quote"]
        assert len(data.practices()) == 36


def test_completion_offers_entry_ids() -> None:
    from click.shell_completion import ShellComplete

    from pingan_cli.cli.root import cli

    complete = ShellComplete(cli, {}, "pingan", "_PINGAN_COMPLETE")
    offered = [c.value for c in complete.get_completions(["info"], "beibao")]
    assert offered == ["beibao-policing"]
