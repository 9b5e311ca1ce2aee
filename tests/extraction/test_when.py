"""When a figure is of (issue 21, §1): the lead's year, 今年 from the article's date, durations,
comparison bases, and periods that stay where they are said."""

from __future__ import annotations

from datetime import date

import pytest

from pingan_cli.extraction import Candidate, extract
from pingan_cli.extraction.periods import article_date, article_year, date_from_url


def found(text: str, published: date | None = None, year: int | None = None) -> list[Candidate]:
    return extract(text, published=published, year=year)


def periods(text: str, published: date | None = None) -> dict[str, str | None]:
    return {c.as_written: c.period for c in found(text, published)}


def test_the_lead_s_year_dates_figures_without_time_words() -> None:
    text = "2024年甘肃公安工作综述\n全省破获刑事案件2.5万起，抓获犯罪嫌疑人1.2万人。"
    assert set(periods(text, date(2025, 1, 10)).values()) == {"2024"}


def test_this_year_is_the_publication_year_not_the_year_reviewed() -> None:
    text = "2024年工作回顾\n今年以来，全市破获案件300起。"
    assert periods(text, date(2025, 3, 1))["300起"] == "since 2025"


def test_this_year_from_the_date_line_else_the_address() -> None:
    text = "平安建设通报\n发布时间：2023-05-04\n今年1至4月，全市破获案件300起。"
    assert article_date(text, "http://example.cn/2021/0101/1.html") == date(2023, 5, 4)
    undated = "平安建设通报\n今年1至4月，全市破获案件300起。"
    day = article_date(undated, "http://example.cn/2022/0507/1.html")
    assert periods(undated, day)["300起"] == "2022-01..2022-04"
    assert periods(undated)["300起"] is None  # neither: left open


def test_address_dates_of_many_shapes() -> None:
    assert date_from_url("http://a.cn/hzszf/xwzx/202512/e916ef7a.shtml") == date(2025, 12, 1)
    assert date_from_url("http://a.cn/article/detail/2022/05/id/6684281.shtml") == date(2022, 5, 1)
    # a MongoDB ObjectId holds the second it was made
    assert date_from_url("https://a.cn/detail?key=66c6a44e7fcb17c6008b456f") == date(2024, 8, 22)
    assert article_year("正文。", "http://a.cn/2023/difang/1356/1121/513826.html") == 2023


def test_an_old_text_on_a_newer_page_takes_no_date_from_the_address() -> None:
    text = "2011年，群众安全感满意度高达98.6%。今年8月1日，警方抓获嫌疑人。"
    assert article_date(text, "http://a.cn/system/2018/05/03/010129633.shtml") is None
    assert article_year(text, "http://a.cn/system/2018/news.html") is None


def test_an_explicit_year_beats_a_duration_in_its_sentence() -> None:
    text = "2023年，全市创五年来最好成绩，群众安全感达98.68%。"
    assert periods(text, date(2024, 2, 1))["98.68%"] == "2023"


def test_a_duration_alone_ends_in_the_article_s_year() -> None:
    assert periods("五年来，全省破获案件300起。", date(2025, 10, 29))["300起"] == "2021-01..2025-12"
    assert periods("近3年，全省破获案件300起。", date(2024, 12, 1))["300起"] == "2022-01..2024-12"
    assert periods("云南公安5年共侦办案件473起。", date(2024, 7, 2))["473起"] == "2019-07..2024-07"
    assert periods("五年来，全省破获案件300起。")["300起"] is None  # undated: open


def test_a_comparison_base_is_recorded_not_the_period() -> None:
    text = (
        "2022年全省治安形势通报\n与2021年同期相比，全省刑事案件、治安案件分别下降32.8%、40.5%，"
        "与2019年相比分别下降82.4%、70.1%。"
    )
    got = [(c.value, c.period, c.base) for c in found(text, date(2022, 12, 1))]
    assert got == [
        (-32.8, "2022", "2021"),
        (-40.5, "2022", "2021"),
        (-82.4, "2022", "2019"),
        (-70.1, "2022", "2019"),
    ]


def test_a_multiple_of_a_year_is_of_the_base() -> None:
    text = "2022年查处酒驾醉驾1.4万起，是2017年的12.57倍。"
    assert {c.as_written: (c.period, c.base) for c in found(text)}["12.57倍"] == ("2022", None)


def test_a_quarter_of_an_earlier_clause_is_not_a_year_s_rate_s_period() -> None:
    text = "2022年第三季度，全市发案下降10%；群众安全感达98.5%。"
    got = periods(text)
    assert got["下降10%"] == "2022-07..2022-09"
    assert got["98.5%"] == "2022"


def test_a_time_after_a_figure_stays_in_its_sentence() -> None:
    text = (
        "2022年与2017年比，命案同比下降84%，2018年以来现行命案保持全破。"
        "“两抢一盗”案件同比下降47.97%。"
    )
    assert periods(text)["同比下降47.97%"] == "2022"


def test_a_year_of_one_figure_in_a_from_to_phrase_dates_only_it() -> None:
    text = "全区命案由最高点2015年的12起，下降至2022年的2起，矛盾纠纷化解率达99.7%。"
    got = periods(text, date(2022, 12, 8))
    assert (got["12起"], got["2起"], got["99.7%"]) == ("2015", "2022", "2022")


def test_now_is_the_article_s_month() -> None:
    text = "至目前，全市共设立人民调解组织2487个。"
    assert periods(text, date(2025, 12, 1))["2487个"] == "2025-12"
    text = "自6月25日行动启动以来，截至目前，全国已破获案件64万余起。"
    assert periods(text, date(2022, 9, 28))["64万余起"] == "2022-06..2022-09"


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("3月1日以来，中心共受理案件623件。", date(2022, 5, 1), "2022-03..2022-05"),
        ("今年以来，截至8月中旬，全区共接警情389起。", date(2024, 8, 22), "2024-01..2024-08"),
        ("2021年，立案数连续四个月实现同比下降。", date(2022, 2, 11), "2021-09..2021-12"),
        ("去年，全省破获案件2.5万起，全年抓获1.2万人。", date(2022, 1, 10), "2021"),
    ],
)
def test_more_time_words(text: str, published: date, period: str) -> None:
    assert found(text, published)[-1].period == period


def test_an_undated_this_year_does_not_take_an_earlier_year() -> None:
    text = (
        "2020年底，中心正式启用。\n今年第一季度，中心提供咨询6000余人次。\n一季度满意度为98.51%。"
    )
    assert set(periods(text).values()) == {None}


def test_an_undated_review_s_past_year_is_the_year_it_names() -> None:
    text = "报告回顾了2018年法院工作。一年来，共受理各类案件10008件。"
    assert periods(text)["10008件"] == "2018"
