"""The extraction rules one by one: numbers, qualifiers, signs, units, lists, and non-figures."""

from __future__ import annotations

from datetime import date

import pytest

from pingan_cli.extraction import Candidate, extract, read
from pingan_cli.extraction.numbers import chinese_integer, plain, scaled
from pingan_cli.extraction.periods import date_line, time_mentions
from pingan_cli.models import IndicatorKind, Qualifier


def figures(text: str, published: date | None = None) -> list[tuple[str, int | float, str]]:
    """(as_written, value, unit) of every figure extract finds."""
    return [(c.as_written, c.value, c.unit) for c in extract(text, published=published)]


def one(text: str, published: date | None = None) -> Candidate:
    (found,) = extract(text, published=published)
    return found


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十二", 12),
        ("十", 10),
        ("二十", 20),
        ("两千", 2000),
        ("三百零五", 305),
        ("十二万", 120_000),
        ("一亿二千万", 120_000_000),
        ("二〇二三", 2023),
        ("两", 2),
    ],
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_integer(numeral) == value


@pytest.mark.parametrize(
    ("digits", "multiplier", "value"),
    [
        ("5.2", "万", 52000),
        ("2.56", "亿", 256000000),
        ("138.1", "万", 1381000),
        ("4,150", None, 4150),
        ("1.2", "万亿", 1_200_000_000_000),
        ("10.6", None, 10.6),
    ],
)
def test_multipliers_give_base_units(digits: str, multiplier: str | None, value: float) -> None:
    assert plain(scaled(digits, multiplier)) == value


@pytest.mark.parametrize(
    ("as_written", "value", "unit", "qualifier", "kind"),
    [
        ("5.2万余户", 52000, "户", "at_least", "level"),
        ("300多名", 300, "名", "at_least", "level"),
        ("1米左右", 1, "米", "approx", "level"),
        ("约3000人", 3000, "人", "approx", "level"),
        ("近40万起", 400000, "起", "approx", "level"),
        ("超过9亿元", 900000000, "元", "at_least", "level"),
        ("98%以上", 98, "%", "at_least", "level"),
        ("1200余万元", 12000000, "元", "at_least", "level"),
        ("6336万元", 63360000, "元", "exact", "level"),
        ("同比下降10.6%", -10.6, "%", "exact", "change"),
        ("同比减少2331件", -2331, "件", "exact", "change"),
        ("同比上升15.49%", 15.49, "%", "exact", "change"),
        ("下降了30.1%", -30.1, "%", "exact", "change"),
        ("拉升15.1个百分点", 15.1, "百分点", "exact", "change"),
        ("提高3个百分点", 3, "百分点", "exact", "change"),
        ("增长1.5倍", 1.5, "倍", "exact", "change"),
        ("降幅超过30%", -30, "%", "at_least", "change"),
        ("3281人次", 3281, "人次", "exact", "level"),
        ("512场次", 512, "场次", "exact", "level"),
        ("78平方公里", 78, "平方公里", "exact", "level"),
        ("两起", 2, "起", "exact", "level"),
        ("十二名", 12, "名", "exact", "level"),
    ],
)
def test_read_as_written(
    as_written: str, value: float, unit: str, qualifier: str, kind: str
) -> None:
    reading = read(as_written)
    assert reading is not None
    assert reading.value == value
    assert reading.unit == unit
    assert reading.qualifier is Qualifier(qualifier)
    assert reading.kind is IndicatorKind(kind)


def test_read_refuses_what_is_not_one_figure() -> None:
    assert read("2023") is None
    assert read("渭南市") is None
    assert read("5.2万余户和6.8万余份") is None


def test_fenbie_list_is_three_signed_changes() -> None:
    found = extract("今年以来，盗窃、抢劫、诈骗案件分别下降12%、8.5%和3%。")
    assert [(c.as_written, c.value, c.kind.value) for c in found] == [
        ("下降12%", -12, "change"),
        ("8.5%", -8.5, "change"),
        ("3%", -3, "change"),
    ]
    assert {c.quote for c in found} == {"盗窃、抢劫、诈骗案件分别下降12%、8.5%和3%"}


def test_list_item_with_its_own_verb_keeps_its_sign() -> None:
    found = extract("刑事案件、治安案件分别下降38.6%、上升2.8%。")
    assert [(c.as_written, c.value) for c in found] == [("下降38.6%", -38.6), ("上升2.8%", 2.8)]


def test_from_to_phrase_is_two_levels() -> None:
    found = extract("群众安全感从80分提高到86分。")
    assert [(c.as_written, c.value, c.kind.value) for c in found] == [
        ("80分", 80, "level"),
        ("86分", 86, "level"),
    ]


def test_reached_level_is_not_a_change() -> None:
    assert one("发案率下降至5%。").kind is IndicatorKind.level
    assert one("全市新增120起。").kind is IndicatorKind.level


def test_about_share_is_approximate() -> None:
    found = one("电信诈骗约占全部案件的35%。")
    assert (found.value, found.qualifier) == (35, Qualifier.approx)


@pytest.mark.parametrize(
    "text",
    [
        "2023年以来，全市持续推进。",
        "3月21日，在平安陕西建设工作会议上。",
        "发布时间：2021-07-09 10:20",
        "位居全省第一方阵，排名第3位。",
        "在市委六届四次全会上进行部署。",
        "推出了临渭“5312”运行模式和“东秦锐士·2023”集中执行行动。",
        "联系电话：029-86123456，举报热线12345，邮箱abc123@qq.com。",
        "陕ICP备05003121号，陕公网安备61010402000123号。",
        "坚决做到两个维护，开展“两包一解”活动，打掉十类涉恶案件。",
        "统一部署，一批案件，一张网。",
        "近三年来，全市5G网络覆盖。",
        "每10万人口中。",
        "十分重要，千家万户。",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


def test_headline_repeat_is_left_out() -> None:
    text = "全市电诈案件下降12.5%\n\n2023年，全市电信诈骗案件同比下降12.5%，破获案件300起。\n"
    assert figures(text) == [("同比下降12.5%", -12.5, "%"), ("300起", 300, "起")]


def test_headline_figure_alone_is_kept() -> None:
    text = "全市破获案件300起\n\n2023年，全市公安机关持续发力。\n"
    assert figures(text) == [("300起", 300, "起")]


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("2023年，全市破获案件300起。", None, "2023"),
        ("2023年以来，全市破获案件300起。", None, "since 2023"),
        ("今年以来，全市破获案件300起。", date(2024, 5, 1), "since 2024"),
        ("今年上半年，全市破获案件300起。", date(2024, 8, 1), "2024-01..2024-06"),
        ("去年，全市破获案件300起。", date(2024, 8, 1), "2023"),
        ("2024年1-7月，全市破获案件300起。", None, "2024-01..2024-07"),
        ("今年1至7月，全市破获案件300起。", date(2024, 8, 1), "2024-01..2024-07"),
        ("自2022年4月成立以来，已解决问题28起。", None, "2022-04.."),
        ("2019年至2023年，全市破获案件300起。", None, "2019-01..2023-12"),
        ("全市破获案件300起。", None, None),
        ("今年以来，全市破获案件300起。", None, None),
    ],
)
def test_period(text: str, published: date | None, period: str | None) -> None:
    assert one(text, published).period == period


def test_base_year_is_not_the_period() -> None:
    assert one("2023年，刑事案件较2019年下降30%。").period == "2023"
    mentions = time_mentions("较2019年下降", None)
    assert [m.base for m in mentions] == [True]


def test_date_line() -> None:
    assert date_line("标题\n发布时间：2024-01-15 10:20 来源：市公安局\n正文") == date(2024, 1, 15)
    assert date_line("标题\n2023年12月31日\n正文") == date(2023, 12, 31)
    assert date_line("没有日期的文章。") is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("2023年，富平县公安局破获案件300起。", "富平县"),
        ("2023年，全国公安机关破获案件300起。", "全国"),
        ("渭南市扎实推进平安建设。2023年，全市破获案件300起。", "渭南市"),
        ("陕西省公安厅召开会议。2023年，全省破获案件300起。", "陕西省"),
        ("2023年，西安市雁塔区破获案件300起。", "雁塔区"),
        ("“我们走访了300户。”韩城市公安局局长说。", "韩城市"),
        ("渭南市推进工作，预警后群众被骗率低于全国平均水平，破获案件300起。", "渭南市"),
    ],
)
def test_place(text: str, place: str) -> None:
    assert one(text).place == place


def test_place_unknown_is_null() -> None:
    assert one("破获案件300起。").place is None


def test_offsets_point_at_as_written() -> None:
    text = "标题\n\n2023年，全市入户走访5.2万余户，化解矛盾纠纷823起。\n"
    for found in extract(text):
        assert text[found.start : found.end] == found.as_written
