"""What a figure is (issue 21, §3): lists keep their verb, more change verbs, counters whole."""

from __future__ import annotations

import pytest

from pingan_cli.extraction import extract

Row = tuple[str, float, str, str, str]


def rows(text: str) -> list[Row]:
    """(as_written, value, unit, qualifier, kind) of every figure."""
    return [(c.as_written, c.value, c.unit, c.qualifier.value, c.kind.value) for c in extract(text)]


@pytest.mark.parametrize("comma", ["、", "，", ",", ", "])
def test_respectively_list_keeps_verb_and_sign(comma: str) -> None:
    text = f"与2021年同期相比分别下降32.8%{comma}40.5%{comma}52.5%。"
    assert [(r[1], r[4]) for r in rows(text)] == [
        (-32.8, "change"),
        (-40.5, "change"),
        (-52.5, "change"),
    ]


def test_a_comma_does_not_carry_a_verb_to_another_unit() -> None:
    found = rows("发案同比下降5%，3000人参加活动。")
    assert found[1] == ("3000人", 3000, "人", "exact", "level")


def test_a_pair_with_its_unit_once() -> None:
    found = rows("满意度分别提升1.83和1.86个百分点。")
    assert found == [
        ("1.83", 1.83, "百分点", "exact", "change"),
        ("1.86个百分点", 1.86, "百分点", "exact", "change"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平均时长缩短60%以上。", ("缩短60%以上", -60, "%", "at_least", "change")),
        ("发案减少12起。", ("减少12起", -12, "起", "exact", "change")),
        ("警情压降15%。", ("压降15%", -15, "%", "exact", "change")),
        ("破案数增长8%。", ("增长8%", 8, "%", "exact", "change")),
        ("破案率提高2.5个百分点。", ("提高2.5个百分点", 2.5, "百分点", "exact", "change")),
        ("发案率回落3%。", ("回落3%", -3, "%", "exact", "change")),
        ("损失降低20%。", ("降低20%", -20, "%", "exact", "change")),
    ],
)
def test_change_verbs(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("车流达93.47万辆次。", ("93.47万辆次", 934700, "辆次", "exact", "level")),
        ("开展15轮治安集中清查。", ("15轮", 15, "轮", "exact", "level")),
        ("联合6部门开展行动。", ("6部门", 6, "部门", "exact", "level")),
        ("培训1800余期。", ("1800余期", 1800, "期", "at_least", "level")),
    ],
)
def test_counters_kept_whole(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "创新四项管理，落实五项制度。",
        "推出四个方面的举措，报告用八个部分回顾工作。",
        "新中国成立70周年。",
        "全国公安工作会议时隔5年再次召开。",
        "云南公安5年共侦办案件。",
        "攻克10年以上命案积案。",
        "一次死亡3人以上较大道路交通事故。",
    ],
)
def test_names_intervals_and_thresholds_are_not_figures(text: str) -> None:
    assert rows(text) == []
