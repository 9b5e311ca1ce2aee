"""The extraction rules one by one: numbers, qualifiers, signs, units, lists, and non-figures."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_cli.extraction import Candidate, extract, read
from pingan_cli.extraction.numerals import chinese_integer, plain, scaled
from pingan_cli.extraction.periods import date_line, time_mentions
from pingan_cli.load.models import IndicatorKind
from pingan_cli.records.numbers import Qualifier


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("立案查处505件701人。", [("505件", 505, "件"), ("701人", 701, "人")]),
        ("其中20年以上的就占到了六成以上。", [("六成以上", 60, "%")]),
        ("走访群众20 人，录入信息10768 条。", [("20 人", 20, "人"), ("10768 条", 10768, "条")]),
        ("长江沿线15省市公安机关。", [("15省市", 15, "省市")]),
        ("连续三年实现“双提升”。", [("三年", 3, "年")]),
        ("现行命案五年连降。", [("五年", 5, "年")]),
        ("拨打劝阻电话22万余个。", [("22万余个", 220000, "个")]),
    ],
)
def test_figures_of_many_shapes(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "24小时报料热线400-800-0088。",
        "请在15个工作日内告知。",
        "50天内打掉黑社会性质组织。",
        "全面贯彻党的十九大和十九届二中三中四中全会精神。",
        "从“打防管治”四条战线发起攻势。",
    ],
)
def test_thresholds_deadlines_and_names_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_threshold_is_not_the_count() -> None:
    assert figures("全市135起财产损失30万元以上案件全部破获。") == [("135起", 135, "起")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("公安部通报，全国共破获案件300起。", "全国"),
        ("公安部部长助理表示，会战以来共破获案件300起。", "全国"),
        ("甘肃省公安部门常态化推进扫黑除恶，办结线索937件。", "甘肃省"),
        ("安徽省公安厅召开会议。会议通报，我省破获案件300起。", "安徽省"),
        ("新华社北京8月7日电 最高人民法院发布数据，全国法院受理案件1.2万件。", "全国"),
        ("全国共破获案件2万起。其中，广东、四川、广西等19个省份共破获案件118起。", "全国"),
        ("江门新会蒋某达等人被打掉后，猪肉价格每斤下降约5元。", "新会区"),
    ],
)
def test_whose_figure(text: str, place: str) -> None:
    found = extract(text)
    assert found[-1].place == place


def test_figure_of_a_subset_keeps_the_whole() -> None:
    text = (
        "滁州市召开会议。\n民意调查中有64.98%的群众满意，其中天长市同比上升25.95个百分点。\n"
        "有86%的群众认为纠纷得到处理。\n"
    )
    found = {c.as_written: c.place for c in extract(text)}
    assert found["同比上升25.95个百分点"] == "天长市"
    assert found["86%"] == "滁州市"


def test_respectively_list_of_places() -> None:
    found = extract("天长市、定远县同比分别上升15.92个百分点和15.71个百分点。")
    assert [(c.value, c.place) for c in found] == [(15.92, "天长市"), (15.71, "定远县")]


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("五年来，全国共破获案件300起。", date(2024, 5, 27), "2019-05..2024-05"),
        ("五年来，全省共破获案件300起。", date(2025, 10, 29), "2021-01..2025-12"),
        ("五年来，全国检察机关办理案件300件。", date(2023, 3, 7), "2018-01..2022-12"),
        ("一年来，全国共破获案件300起。", date(2022, 4, 14), "2021-04..2022-04"),
        ("专项斗争开展以来，全市打掉团伙9个。", None, "since 2018"),
        ("常态化以来，累计打掉团伙42个。", None, "since 2021"),
        ("“十四五”期间，全省打掉涉黑组织8个。", None, "2021-01..2025-12"),
        ("2023年全国群众安全指数达98.2%，连续4年保持98%以上。", None, "2020-01..2023-12"),
        ("今年1—7月，发案数已连续14个月同比下降。", date(2024, 8, 27), "2023-06..2024-07"),
        ("7月11日至8月31日开展收网行动，打掉组织25个。", date(2018, 9, 21), "2018-07..2018-08"),
        ("截至4月，劝阻群众14名。", date(2023, 5, 11), "2023-01..2023-04"),
        ("今年1月份，合肥警方破获案件1000余起。", date(2016, 2, 3), "2016-01..2016-01"),
    ],
)
def test_more_periods(text: str, published: date | None, period: str) -> None:
    assert extract(text, published=published)[-1].period == period


def test_a_part_dates_only_itself() -> None:
    text = (
        "2018年至2022年，共办理案件1733.6万件；其中，2022年受理审查逮捕83.7万人。"
        "制定司法解释170件。"
    )
    found = {c.as_written: c.period for c in extract(text)}
    assert found["83.7万人"] == "2022"
    assert found["170件"] == "2018-01..2022-12"


def test_comparison_basis_dates_its_own_figure() -> None:
    text = "截至4月，我市在去年全市电诈发案率下降36.75%的基础上，电诈警情同比下降12.5%。"
    found = {c.as_written: c.period for c in extract(text, published=date(2023, 5, 11))}
    assert found["下降36.75%"] == "2022"
    assert found["同比下降12.5%"] == "2023-01..2023-04"


_PIECES = st.sampled_from(
    [
        "2023年",
        "今年",
        "去年",
        "1-7月",
        "以来",
        "同比",
        "下降",
        "上升",
        "分别",
        "、",
        "和",
        "，",
        "。",
        "\n",
        "“",
        "”",
        "《",
        "》",
        "(",
        ")",
        "第",
        "约",
        "近",
        "余",
        "多",
        "以上",
        "左右",
        "万",
        "亿",
        "起",
        "件",
        "人",
        "%",
        "个百分点",
        "全市",
        "全省",
        "全国",
        "渭南市",
        "富平县",
        "公安部",
        "连续",
        "年",
        "个月",
        "十二",
        "两",
        "5.2",
        "300",
        "16.27",
        "2,331",
        "电话",
        "12345",
        "-",
        ":",
        " ",
        "\u00a0",
        "a",
        "G",
        "成",
        "届",
        "其中",
        "的基础上",
    ]
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_extract_never_fails_and_points_at_its_figures(text: str) -> None:
    for found in extract(text, published=date(2024, 5, 1)):
        assert text[found.start : found.end] == found.as_written
        assert read(found.as_written) is not None or found.kind is IndicatorKind.change


def test_where_the_work_was_done() -> None:
    text = "公安部组织云南等7个省份在云南临沧、玉溪等地开展公开查缉，共破获毒品刑事案件167起。"
    assert extract(text)[-1].place == "云南省"
    assert one("渭南市推进工作，在全省率先完成136个派出所改革。").place == "渭南市"
