"""`pingan extract` from the command line: formats, pages saved from a browser, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from pingan_cli.extraction.article import read_article
from pingan_cli.extraction.htmltext import main_text
from pingan_cli.extraction.periods import article_date, date_from_url

from ..conftest import DATA
from ..helpers import FOUNDING_FIGURES, pingan

ARTICLE = DATA.parent / "sources" / "sxzf-140874.txt"

PAGE = """<!DOCTYPE html>
<!-- saved from url=(0052)https://www.example.gov.cn/2024/0115/content_98106.html -->
<html><head><meta charset="utf-8"><title>全市破获电诈案件300起_某某市人民政府</title>
<meta name="PubDate" content="2024-01-15 10:20"><script>var hits = 12345;</script></head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/news">新闻中心</a> | 热线电话：12345</div>
<div class="breadcrumb">您的位置：首页 &gt; 新闻中心</div>
<div class="article-content">
<h1>全市破获电诈案件300起</h1>
<p>2023年，兰州市公安局持续打击电信网络诈骗，破获案件300起，同比上升15.5%，抓获犯罪嫌疑人
1200余人。</p>
<p>今年以来，全市共劝阻群众2.1万人次，挽回损失约3000万元。</p>
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="related"><h3>相关新闻</h3><ul><li>全省公安机关部署2024年工作，共10项任务</li></ul></div>
<div id="footer">版权所有：某某市人民政府 陕ICP备05003121号 联系电话：029-86123456
地址：某某路88号 邮编710000</div>
</body></html>
"""


def _write_page(tmp_path: Path) -> Path:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    return page


def test_main_text_leaves_boilerplate_out() -> None:
    found = main_text(PAGE)
    assert found.title == "全市破获电诈案件300起"
    assert found.url == "https://www.example.gov.cn/2024/0115/content_98106.html"
    assert str(found.published) == "2024-01-15"
    lines = found.text.splitlines()
    assert lines[0] == "全市破获电诈案件300起"
    assert lines[1].startswith("2023年，兰州市公安局")
    for junk in ("首页", "分享到", "相关新闻", "版权所有", "hits", "ICP"):
        assert junk not in found.text


def test_extract_html_page_as_json(tmp_path: Path) -> None:
    result = pingan(["extract", str(_write_page(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(c["as_written"], c["value"], c["qualifier"], c["kind"]) for c in found] == [
        ("300起", 300, "exact", "level"),
        ("同比上升15.5%", 15.5, "exact", "change"),
        ("1200余人", 1200, "at_least", "level"),
        ("2.1万人次", 21000, "exact", "level"),
        ("约3000万元", 30000000, "approx", "level"),
    ]
    assert [c["place"] for c in found] == ["兰州市"] * 5
    assert [c["period"] for c in found] == ["2023"] * 3 + ["since 2024"] * 2
    keys = set(found[0])
    assert keys == {
        "file",
        "as_written",
        "value",
        "unit",
        "qualifier",
        "kind",
        "quote",
        "start",
        "end",
        "region",
        "place",
        "period",
        "base",
        "upper",
        "indicator",
        "in_dataset",
    }
    text = read_article(tmp_path / "page.html").text
    assert all(text[c["start"] : c["end"]] == c["as_written"] for c in found)


def test_extract_yaml_is_dataset_format_with_todos(tmp_path: Path) -> None:
    result = pingan(["extract", str(_write_page(tmp_path)), "--format", "yaml", "--source", "xa"])
    assert result.exit_code == 0, result.output
    entries = yaml.safe_load(result.stdout)["observations"]
    assert entries[0] == {
        "region": "TODO",
        "indicator": "telecom-fraud-cases-solved",
        "period": 2023,
        "value": 300,
        "unit": "起",
        "qualifier": "exact",
        "as_written": "300起",
        "source": "xa",
        "quote": "破获案件300起",
    }
    assert entries[3]["period"] == {"year": 2024, "since": True}
    assert "# 兰州市: not a region of the data" in result.stdout


def test_extract_marks_what_the_dataset_holds() -> None:
    result = pingan(["extract", str(ARTICLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert len(found) == 46
    assert sum(c["in_dataset"] for c in found) == FOUNDING_FIGURES
    new = json.loads(pingan(["extract", str(ARTICLE), "--new", "--format", "json"]).stdout)
    assert [c["as_written"] for c in new] == ["10个"]


def test_extract_table(tmp_path: Path) -> None:
    result = pingan(["extract", str(ARTICLE), "--new", "--format", "table", "--width", "100"])
    assert result.exit_code == 0, result.output
    assert "10个" in result.stdout
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_extract_date_option_resolves_this_year(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("今年以来，全市破获案件300起。\n", encoding="utf-8")
    dated = json.loads(pingan(["extract", str(article), "--date", "2024-05-01"]).stdout)
    assert dated[0]["period"] == "since 2024"
    undated = json.loads(pingan(["extract", str(article)]).stdout)
    assert undated[0]["period"] is None


def test_extract_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    missing = pingan(["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1
    assert "nope.txt: no such file" in missing.stderr
    assert "Traceback" not in missing.output
    folder = pingan(["extract", str(tmp_path)])
    assert folder.exit_code != 0
    assert "Traceback" not in folder.output
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81\x82" * 10)
    result = pingan(["extract", str(binary)])
    assert "Traceback" not in result.output
    bad_date = pingan(["extract", str(ARTICLE), "--date", "2024-13-01"])
    assert bad_date.exit_code == 2
    assert "is not a date" in bad_date.stderr


def test_dates_from_addresses() -> None:
    assert str(date_from_url("https://szb.qzwb.com/qzwb/pc/cons/202408/28/content_98106.html")) == (
        "2024-08-28"
    )
    assert str(date_from_url("http://xy.hbjc.gov.cn/gzbg/202204/t20220418_1664790.shtml")) == (
        "2022-04-18"
    )
    assert date_from_url("http://m.fyrmtzx.cn/p/161450.html") is None
    dateline = "本报北京11月18日讯 记者刘子阳 全国公安机关共破获毒品犯罪案件20013起。"
    assert str(article_date(dateline, "http://kxnews.com.cn/2014/news/1119244283.html")) == (
        "2014-11-18"
    )


def test_unsafe_characters_are_escaped_in_every_format(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("2023年，全市\u202e破获案件300起\u00a0。\n", encoding="utf-8")
    for fmt in ("json", "yaml", "table"):
        result = pingan(["extract", str(article), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "\u202e" not in result.stdout, fmt
    yaml_out = pingan(["extract", str(article), "--format", "yaml"]).stdout
    assert yaml.safe_load(yaml_out)["observations"][0]["quote"] == "全市\u202e破获案件300起"
