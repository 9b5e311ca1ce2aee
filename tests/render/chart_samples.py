"""Sample charts and a report built in memory, shaped like the figures the queries will give.

The figures are invented for rendering tests (only the region names are real) and the sources
point at example.org, so nothing here can be mistaken for a cited figure.
"""

from __future__ import annotations

from pingan_cli.records.charts import (
    Chart,
    ChartValue,
    Disagreement,
    Honour,
    Missing,
    Profile,
    Report,
    SourceLink,
)
from pingan_cli.records.numbers import Qualifier

ARTICLE = SourceLink("示例来源：一篇很长的文章标题——用于测试换行", "https://example.org/article")
DAILY = SourceLink("示例日报", "https://example.org/daily")

RANKING = Chart(
    title="矛盾纠纷化解 2023",
    unit="件",
    figures=(
        ChartValue("临渭区", 52000, Qualifier.at_least, "≥52,000", source=ARTICLE, rank=1),
        ChartValue(
            "富平县",
            31000,
            text="31,000",
            source=ARTICLE,
            rank=2,
            conflict=Disagreement("示例日报 writes 3.2万 (32,000)", (ARTICLE, DAILY)),
        ),
        ChartValue("华州区", 13000, Qualifier.approx, "≈13,000", source=DAILY, rank=3),
        ChartValue("韩城市", 130, text="130", source=DAILY, rank=4),
        ChartValue("白水县", None, missing=Missing.not_reported),
        ChartValue("蒲城县", None, missing=Missing.unknown),
    ),
)

TREND = Chart(
    title="平安建设满意度 渭南市",
    unit="%",
    figures=(
        ChartValue("2020", 96.19, text="96.19%", source=DAILY),
        ChartValue("2021", 98.35, text="98.35%", source=DAILY),
        ChartValue("2022", 98.38, text="98.38%", source=DAILY),
        ChartValue("2023", None),
        ChartValue("2022-01 to 2023-06", 98.5, Qualifier.approx, "≈98.5%", source=ARTICLE),
    ),
)

CHANGES = Chart(
    title="刑事案件 同比",
    unit="%",
    figures=(
        ChartValue("2021", -0.6, text="-0.6%"),
        ChartValue("2022", -6.56, text="-6.56%"),
        ChartValue("2023", 2.4, text="+2.4%"),
    ),
)

REPORT = Report(
    title="渭南市平安建设 2023",
    subtitle="Figures from the sources listed beside each one; labels are ours.",
    profiles=(
        Profile(
            "富平县 Fuping",
            (
                ChartValue(
                    "矛盾纠纷化解",
                    31000,
                    text="31,000件",
                    source=ARTICLE,
                    conflict=Disagreement("示例日报 writes 3.2万 (32,000)", (DAILY,)),
                ),
                ChartValue("平安建设满意度", 98.5, Qualifier.at_least, "≥98.5%", source=DAILY),
                ChartValue("刑事案件立案数", None, missing=Missing.not_reported),
            ),
        ),
    ),
    rankings=(RANKING,),
    trends=(TREND,),
    honours=(
        Honour("平安中国建设示范县", "2022", ("富平县",), complete=False, source=DAILY),
        Honour("平安铜鼎", "2022", (), complete=False, total=5, source=DAILY),
    ),
)
