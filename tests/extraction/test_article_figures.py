"""Every figure of the founding article, written out by hand, checked against the bundled data.

The list below was typed from the article (sxzf-140874, 夯实平安基石 提升幸福成色), not generated
from the YAML, so that a figure lost, changed or invented in data/indicators.yaml shows up here.
The dataset holds other sources too (tests/test_fact_sheet.py checks those): the checks below are
about the entries cited to the article.
The file is read with yaml.safe_load so that these tests do not depend on the project's loader.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

import pytest

from ..helpers import BUNDLED_DATA, bundled_yaml, shared_file

DATA = BUNDLED_DATA
SOURCE = "sxzf-140874"


class Figure(NamedTuple):
    """One figure as the article states it."""

    region: str
    indicator: str
    period: str
    value: int | float
    unit: str
    qualifier: str
    as_written: str


Y = "2023"  # 2023年
S = "since 2023"  # 2023年以来
JX = "2022-04.."  # 自2022年4月成立以来 (聚心源会客厅)
GONGLI = "fuping-gongli-police-station"
GONGNONG = "baishui-gongnong-community"
COURT_CASES_CHANGE = "first-instance-civil-admin-cases-change"

FIGURES: list[Figure] = [
    # 富平: 宫里派出所 (背包警务), and 富平县公安局 / 全县 2023年以来
    Figure(GONGLI, "villages-surveyed", S, 14, "个", "exact", "14个"),
    Figure(GONGLI, "prevention-map-area", S, 78, "平方公里", "exact", "78平方公里"),
    Figure("fuping", "police-village-stays", S, 3281, "人次", "exact", "3281人次"),
    Figure("fuping", "police-home-visits", S, 52000, "户", "at_least", "5.2万余户"),
    Figure("fuping", "publicity-leaflets-distributed", S, 68000, "份", "at_least", "6.8万余份"),
    # The police's count (富平县公安局民警…化解), not the county's of every channel (issue 19).
    Figure("fuping", "police-disputes-resolved", S, 823, "起", "exact", "823起"),
    Figure("fuping", "villages-zero-cases", S, 159, "个", "exact", "159个"),
    Figure("fuping", "public-order-case-rate-change", S, -10.6, "%", "exact", "同比下降10.6%"),
    Figure("fuping", "preventable-case-rate-change", S, -16.27, "%", "exact", "同比下降16.27%"),
    # 渭南: 法治化营商环境, 两包一解, 涉企案件 (2023年)
    Figure("weinan", "key-projects-stability-assessed", Y, 243, "个", "exact", "243个"),
    Figure("weinan", "liangbao-yijie-cadres", Y, 300, "名", "at_least", "300多名"),
    Figure("weinan", "enterprise-projects-paired", Y, 400, "个", "at_least", "400多个"),
    Figure("weinan", "enterprise-problems-resolved", Y, 58, "个", "exact", "58个"),
    Figure("weinan", "enterprise-public-order-cases", Y, 25, "件", "exact", "25件"),
    Figure("weinan", "enterprise-criminal-cases-filed", Y, 26, "件", "exact", "26件"),
    Figure("weinan", "enterprise-suspects-arrested", Y, 122, "人", "exact", "122人"),
    Figure("weinan", "enterprise-losses-recovered", Y, 256000000, "元", "exact", "2.56亿元"),
    # 渭南: 电信网络诈骗, 扫黑除恶, 防控体系 (2023)
    Figure("weinan", "telecom-fraud-cases-solved-change", Y, 15.49, "%", "exact", "同比上升15.49%"),
    Figure("weinan", "fraud-losses-recovered", Y, 63360000, "元", "exact", "6336万元"),
    Figure("weinan", "evil-force-crime-groups-dismantled", Y, 1, "个", "exact", "1个"),
    Figure("weinan", "evil-force-gangs-dismantled", Y, 7, "个", "exact", "7个"),
    Figure("weinan", "gang-related-cases-solved", Y, 289, "起", "exact", "289起"),
    Figure("weinan", "patrol-zones", Y, 56, "个", "exact", "56个"),
    Figure("weinan", "patrol-sections", Y, 580, "个", "exact", "580个"),
    Figure("weinan", "mandatory-patrol-points", Y, 620, "个", "exact", "620个"),
    Figure("weinan", "key-sites-inspected", Y, 41500, "个", "exact", "4.15万个"),
    Figure("weinan", "safety-hazards-rectified", Y, 1563, "处", "exact", "1563处"),
    # 白水县城关街道工农社区 (聚心源会客厅, 自2022年4月成立以来)
    Figure(GONGNONG, "main-road-width-before-renovation", JX, 1, "米", "approx", "1米左右"),
    Figure(GONGNONG, "new-road-width", JX, 4, "米", "exact", "4米"),
    Figure(GONGNONG, "access-problem-duration", JX, 30, "年", "at_least", "30多年"),
    Figure(GONGNONG, "long-standing-problems-resolved", JX, 28, "起", "exact", "28起"),
    # 渭南: 矛盾纠纷, 法院 (2023年)
    Figure("weinan", "disputes-mediated", Y, 21000, "件", "at_least", "2.1万余件"),
    Figure("weinan", COURT_CASES_CHANGE, Y, -2331, "件", "exact", "同比减少2331件"),
    # 渭南: 基层阵地, 警务, 网格, 宣传 (2023年以来)
    Figure("weinan", "township-governance-centres", S, 136, "个", "exact", "136个"),
    Figure("weinan", "village-governance-stations", S, 2124, "个", "exact", "2124个"),
    Figure("weinan", "police-chiefs-in-township-leadership", S, 136, "个", "exact", "136个"),
    Figure("weinan", "village-police-in-village-leadership", S, 2173, "个", "exact", "2173个"),
    Figure("weinan", "legal-literacy-residents-trained", S, 10000, "人", "at_least", "1万余人"),
    Figure("weinan", "national-democracy-law-model-villages", S, 20, "个", "exact", "20个"),
    Figure("weinan", "grid-workers-mobilised", S, 72000, "名", "at_least", "7.2万余名"),
    Figure("weinan", "publicity-events", S, 512, "场次", "exact", "512场次"),
    Figure("weinan", "households-visited", S, 1381000, "户", "at_least", "138.1万余户"),
    # 渭南: 政法改革, 检察建议 (2023年以来)
    Figure("weinan", "reforms-advanced", S, 7, "项", "exact", "7项"),
    Figure("weinan", "pilot-mechanism-documents", S, 6, "个", "exact", "6个"),
    Figure("weinan", "procuratorial-suggestions-rated-excellent", S, 2, "件", "exact", "2件"),
]

COUNTIES: dict[str, tuple[str, str]] = {
    "linwei": ("临渭区", "610502"),
    "huazhou": ("华州区", "610503"),
    "tongguan": ("潼关县", "610522"),
    "dali": ("大荔县", "610523"),
    "heyang": ("合阳县", "610524"),
    "chengcheng": ("澄城县", "610525"),
    "pucheng": ("蒲城县", "610526"),
    "baishui": ("白水县", "610527"),
    "fuping": ("富平县", "610528"),
    "hancheng": ("韩城市", "610581"),
    "huayin": ("华阴市", "610582"),
}

_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


def figure_id(figure: Figure) -> str:
    """A readable test id: region/indicator."""
    return f"{figure.region}/{figure.indicator}"


def period_label(raw: Any) -> str:
    """The label of a period as written in the YAML: 2023, since 2023, 2022-04.. ."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    assert isinstance(raw, dict), f"a period is a year or a mapping, not {raw!r}"
    if raw.get("year") is not None:
        return f"since {raw['year']}" if raw.get("since") else str(raw["year"])
    if raw.get("until") is not None:
        return f"recent years to {raw['until']}" if raw.get("recent") else f"to {raw['until']}"
    return f"{raw['start']}..{raw.get('end') or ''}"


def written_value(as_written: str, unit: str) -> Decimal:
    """The base-unit value of a figure as printed: 5.2万余户 -> 52000, 同比下降10.6% -> -10.6."""
    text = as_written
    sign = Decimal(1)
    for word in ("同比下降", "同比减少", "同比上升", "同比增加"):
        if text.startswith(word):
            text = text[len(word) :]
            sign = Decimal(-1) if word in ("同比下降", "同比减少") else Decimal(1)
    text = text.removesuffix("左右")
    assert text.endswith(unit), f"{as_written!r} does not end in its unit {unit!r}"
    text = text[: -len(unit)]
    for word in ("余", "多"):
        text = text.removesuffix(word)
    factor = Decimal(1)
    if text and text[-1] in _MULTIPLIERS:
        factor = _MULTIPLIERS[text[-1]]
        text = text[:-1]
    return sign * Decimal(text) * factor


def written_qualifier(as_written: str) -> str:
    """The qualifier a printed figure implies: 余/多/以上 at_least, 约/左右 approx."""
    if any(word in as_written for word in ("余", "多", "以上")):
        return "at_least"
    if any(word in as_written for word in ("约", "左右")):
        return "approx"
    return "exact"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded = bundled_yaml()
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def article() -> str:
    return shared_file("weinan-pingan-2023.txt").read_text(encoding="utf-8")


def by_id(data: dict[str, Any], section: str) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in data[section]}


def from_article(data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    """The entries of a section cited to the founding article."""
    return [item for item in data[section] if item["source"] == SOURCE]


# --- the hand list itself ----------------------------------------------------------------------


def test_hand_list_has_no_duplicates() -> None:
    keys = [(f.region, f.indicator, f.period) for f in FIGURES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("figure", FIGURES, ids=figure_id)
def test_hand_list_agrees_with_as_written(figure: Figure) -> None:
    assert written_value(figure.as_written, figure.unit) == Decimal(str(figure.value))
    assert written_qualifier(figure.as_written) == figure.qualifier


# --- the data file against the hand list -------------------------------------------------------


def test_validates_through_models(data: dict[str, Any]) -> None:

    from pingan_cli.load.models import DataFile

    dataset = DataFile.model_validate(data)
    assert dataset.sources[0].id == SOURCE
    assert dataset.sources[0].published is None
    assert sum(o.source == SOURCE for o in dataset.observations) == len(FIGURES)
    for observation, raw in zip(dataset.observations, data["observations"], strict=True):
        assert observation.period.label == period_label(raw["period"])


@pytest.mark.parametrize("figure", FIGURES, ids=figure_id)
def test_figure_present_exactly_once(data: dict[str, Any], figure: Figure) -> None:
    matches = [
        obs
        for obs in from_article(data, "observations")
        if obs["indicator"] == figure.indicator
        and obs["region"] == figure.region
        and period_label(obs["period"]) == figure.period
    ]
    assert len(matches) == 1, f"{figure.as_written}: {len(matches)} observations"
    obs = matches[0]
    assert obs["value"] == figure.value
    assert type(obs["value"]) is type(figure.value), "integers must be written as integers"
    assert obs["unit"] == figure.unit
    assert obs.get("qualifier", "exact") == figure.qualifier
    assert obs["as_written"] == figure.as_written
    assert obs["source"] == SOURCE
    assert figure.as_written in obs["quote"]


def test_no_observation_beyond_the_hand_list(data: dict[str, Any]) -> None:
    observations = from_article(data, "observations")
    assert len(observations) == len(FIGURES)
    for indicator in {f.indicator for f in FIGURES}:
        wanted = sum(1 for f in FIGURES if f.indicator == indicator)
        held = sum(1 for obs in observations if obs["indicator"] == indicator)
        assert held == wanted, indicator


def test_changes_are_signed(data: dict[str, Any]) -> None:
    indicators = by_id(data, "indicators")
    for obs in from_article(data, "observations"):
        kind = indicators[obs["indicator"]].get("kind", "level")
        written = obs["as_written"]
        if any(word in written for word in ("下降", "减少")):
            assert kind == "change", written
            assert obs["value"] < 0, written
        elif any(word in written for word in ("上升", "增加")):
            assert kind == "change", written
            assert obs["value"] > 0, written
        else:
            assert kind == "level", written
            assert obs["value"] >= 0, written


# --- references, units, ids ----------------------------------------------------------------------


def test_ids_are_unique(data: dict[str, Any]) -> None:
    for section in ("sources", "regions", "indicators", "designations", "practices"):
        ids = [item["id"] for item in data[section]]
        assert len(ids) == len(set(ids)), section


def test_references_resolve_and_units_match(data: dict[str, Any]) -> None:
    regions = by_id(data, "regions")
    indicators = by_id(data, "indicators")
    practices = by_id(data, "practices")
    for region in regions.values():
        assert region.get("parent") is None or region["parent"] in regions, region["id"]
    sources = by_id(data, "sources")
    for obs in data["observations"]:
        assert obs["region"] in regions
        assert obs["source"] in sources
        assert obs["unit"] == indicators[obs["indicator"]]["unit"], obs["indicator"]
    used = {obs["indicator"] for obs in data["observations"]}
    assert used == set(indicators), "every indicator in the catalogue has a figure"
    for designation in data["designations"]:
        assert set(designation["recipients"]) <= set(regions), designation["id"]
        assert set(designation.get("practices", [])) <= set(practices), designation["id"]
        assert designation.get("scope") is None or designation["scope"] in regions
        assert designation["source"] in sources
    for practice in practices.values():
        assert practice["region"] in regions, practice["id"]
        assert practice["source"] == SOURCE


def test_regions_and_codes(data: dict[str, Any]) -> None:
    regions = by_id(data, "regions")
    weinan = regions["weinan"]
    assert (weinan["name_zh"], weinan["code"], weinan["level"]) == ("渭南市", "610500", "city")
    assert weinan["parent"] == "shaanxi"
    assert (regions["shaanxi"]["code"], regions["shaanxi"]["level"]) == ("610000", "province")
    for region_id, (name_zh, code) in COUNTIES.items():
        region = regions[region_id]
        assert region["name_zh"] == name_zh
        assert isinstance(region["code"], str)
        assert region["code"] == code
        assert (region["level"], region["parent"]) == ("county", "weinan")
        assert name_zh[:2] in region["aliases"]
    assert regions["fuping-gongli-police-station"]["parent"] == "fuping"
    assert regions["hancheng-jincheng-subdistrict"]["parent"] == "hancheng"
    assert regions["baishui-chengguan-subdistrict"]["parent"] == "baishui"
    assert regions["baishui-gongnong-community"]["parent"] == "baishui-chengguan-subdistrict"


# --- designations ------------------------------------------------------------------------------


def test_designation_facts(data: dict[str, Any]) -> None:
    designations = by_id(data, "designations")

    county = designations["pingan-county-2023"]
    assert county["recipients"] == ["hancheng", "linwei", "baishui"]
    assert county["total"] == 10
    assert county["complete"] is False
    assert county["scope"] == "weinan"

    silver = designations["pingan-silver-ding-2023"]
    assert silver["recipients"] == ["hancheng", "linwei", "heyang"]
    assert silver["complete"] is True

    bronze = designations["pingan-bronze-ding-2023"]
    assert bronze["recipients"] == ["chengcheng", "pucheng"]
    assert bronze["complete"] is True

    city = designations["pingan-city-2023"]
    assert city["recipients"] == ["weinan"]
    assert city["complete"] is False

    for key in ("pingan-city-2023", "pingan-county-2023", "pingan-silver-ding-2023"):
        honour = designations[key]
        assert honour["year"] == 2023
        assert honour["conferred_on"] == "2024-03-21"
        assert honour["conferred_by"] == "平安陕西建设工作会议"
    assert bronze["conferred_on"] == "2024-03-21"

    fengqiao = designations["fengqiao-method-national"]
    assert fengqiao["level"] == "national"
    assert fengqiao["recipients"] == ["hancheng-jincheng-subdistrict", "fuping"]
    assert fengqiao["complete"] is False
    assert "year" not in fengqiao


# --- quotes are verbatim -------------------------------------------------------------------------


def test_quotes_are_verbatim(data: dict[str, Any], article: str) -> None:
    for section in ("observations", "designations", "practices"):
        for index, item in enumerate(from_article(data, section)):
            quote = item["quote"]
            assert quote in article, f"{section}[{index}] quote not in the article: {quote!r}"
    for obs in from_article(data, "observations"):
        assert obs["as_written"] in article, obs["as_written"]
    assert data["sources"][0]["title"] == article.splitlines()[0]
