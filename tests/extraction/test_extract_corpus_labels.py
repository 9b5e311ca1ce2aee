"""The hand labels of tests/extract_corpus are well-formed and agree with their articles.

These tests check the labels, not an extractor: every field present and typed, every as_written
(and every listed repeat) found in the article's text, and the value, sign and qualifier that a
plainly written figure implies (5.2万余户 -> at least 52000; 同比下降10.6% -> -10.6).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ..helpers import yaml_file

CORPUS = Path(__file__).resolve().parent / "corpus"
LABEL_FILES = sorted(CORPUS.glob("*.labels.yaml"))

REQUIRED = {"as_written", "value", "qualifier", "kind", "unit", "place", "year"}
OPTIONAL = {"note", "repeats"}
QUALIFIERS = {"exact", "at_least", "approx"}
KINDS = {"level", "change"}
# a year (2023), a month (2024-07), a range of them open at either end, or "since <year or month>"
_POINT = r"\d{4}(?:-\d{2})?"
PERIOD = re.compile(rf"^(?:{_POINT}|since {_POINT}|{_POINT}\.\.(?:{_POINT})?|\.\.{_POINT})$")

FALL_WORDS = ("下降", "减少", "降低", "降幅", "下滑")
RISE_WORDS = ("上升", "增长", "增加", "提高", "提升", "拉升", "增幅", "升幅")
AT_LEAST_MARKS = ("余", "多", "以上", "超", "逾")
APPROX_MARKS = ("约", "左右", "近")
MULTIPLIERS = {
    "万亿": Decimal(10**12),
    "亿": Decimal(10**8),
    "万": Decimal(10**4),
    "千": Decimal(1000),
}
CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
CHINESE_DIGITS |= {"八": 8, "九": 9}
_FIGURE = re.compile(
    r"^(?P<pre>同比)?(?P<each>分别)?(?P<verb>"
    + "|".join(FALL_WORDS + RISE_WORDS)
    + r")?了?(?P<lead>约|近|超过|超|逾)?(?P<num>\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)"
    r"(?P<more1>余|多)?(?P<mult>万亿|亿|万|千|成)?(?P<more>余|多)?(?P<unit>.*?)(?P<tail>以上|左右)?$"
)


def chinese_number(text: str) -> int:
    """A small Chinese numeral (below a thousand): 六 -> 6, 十二 -> 12, 三十 -> 30, 两百 -> 200."""
    total, digit = 0, 0
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        elif char == "百":
            total += (digit or 1) * 100
            digit = 0
    return total + digit


def written_figure(as_written: str) -> tuple[Decimal, str, str, int] | None:
    """(magnitude in base units, unit, qualifier, sign) of a plainly written figure, else None.

    The sign is -1 or +1 when as_written carries a change word, 0 when it does not.
    """
    match = _FIGURE.match(as_written)
    if match is None:
        return None
    raw = match["num"]
    number = Decimal(raw) if raw[0].isdigit() else Decimal(chinese_number(raw))
    unit = match["unit"].strip()  # 20 人: some pages space number and counter
    mult = match["mult"]
    if mult == "成":
        if unit:
            return None
        number, unit = number * 10, "%"
    elif mult:
        number *= MULTIPLIERS[mult]
    unit = unit.removeprefix("个") if unit == "个百分点" else unit
    if not unit or (unit.endswith("元") and unit != "元"):
        return None
    parts = (match["lead"], match["more1"], match["more"], match["tail"])
    marks = "".join(part or "" for part in parts)
    qualifier = "exact"
    if any(mark in marks for mark in AT_LEAST_MARKS):
        qualifier = "at_least"
    elif any(mark in marks for mark in APPROX_MARKS):
        qualifier = "approx"
    verb = match["verb"] or ""
    sign = -1 if verb in FALL_WORDS else 1 if verb else 0
    return number, unit, qualifier, sign


def load(path: Path) -> dict[str, Any]:
    loaded = yaml_file(path)
    assert isinstance(loaded, dict), f"{path.name}: the top level is a mapping"
    return loaded


def article_text(labels: Path) -> str:
    name = labels.name.removesuffix(".labels.yaml")
    for suffix in (".txt", ".html"):
        candidate = labels.with_name(name + suffix)
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise AssertionError(f"{labels.name}: no {name}.txt or {name}.html beside it")


def figures_of(path: Path) -> list[dict[str, Any]]:
    figures = load(path)["figures"]
    assert isinstance(figures, list)
    return figures


def test_corpus_is_there() -> None:
    texts = {path.name.removesuffix(path.suffix) for path in CORPUS.glob("*.txt")}
    labelled = {path.name.removesuffix(".labels.yaml") for path in LABEL_FILES}
    assert texts == labelled, (
        f"texts without labels {texts - labelled}, labels without text {labelled - texts}"
    )
    assert len(LABEL_FILES) >= 25
    assert sum(len(figures_of(path)) for path in LABEL_FILES) >= 337


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name.removesuffix(".labels.yaml"))
def test_header(path: Path) -> None:
    data = load(path)
    assert set(data) <= {"url", "date", "figures", "rewritten"}, (
        f"unknown keys {set(data) - {'url', 'date', 'figures'}}"
    )
    assert isinstance(data["url"], str)
    assert data["url"].startswith(("http://", "https://"))
    if "date" in data:
        assert isinstance(data["date"], dt.date), "date is written YYYY-MM-DD"
    assert isinstance(data["figures"], list)
    assert data["figures"], "an article without figures tests nothing"
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert data["url"] in readme, "the README lists every article's URL"


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name.removesuffix(".labels.yaml"))
def test_figures_are_typed(path: Path) -> None:
    for index, figure in enumerate(figures_of(path)):
        where = f"{path.name} figure {index + 1} ({figure.get('as_written')!r})"
        assert isinstance(figure, dict), where
        assert set(figure) >= REQUIRED, f"{where}: missing {REQUIRED - set(figure)}"
        assert set(figure) <= REQUIRED | OPTIONAL, (
            f"{where}: unknown {set(figure) - REQUIRED - OPTIONAL}"
        )
        for key in ("as_written", "unit", "place"):
            assert isinstance(figure[key], str), f"{where}: {key} is text"
            assert figure[key].strip() == figure[key] != "", f"{where}: {key} is not blank"
        value = figure["value"]
        assert isinstance(value, int | float), f"{where}: value is a number"
        assert not isinstance(value, bool), where
        assert figure["qualifier"] in QUALIFIERS, where
        assert figure["kind"] in KINDS, where
        year = figure["year"]
        assert isinstance(year, int | str), where
        assert PERIOD.match(str(year)), f"{where}: year {year!r} is not a period label"
        assert isinstance(figure.get("note", ""), str), where
        repeats = figure.get("repeats", [])
        assert isinstance(repeats, list), where
        assert all(isinstance(item, str) and item for item in repeats), where
        if figure["kind"] == "level":
            assert value >= 0, f"{where}: a level is not negative"


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name.removesuffix(".labels.yaml"))
def test_as_written_occurs_in_text(path: Path) -> None:
    text = article_text(path)
    wanted: dict[str, int] = {}
    for figure in figures_of(path):
        for written in [figure["as_written"], *figure.get("repeats", [])]:
            wanted[written] = wanted.get(written, 0) + 1
    for written, times in wanted.items():
        found = text.count(written)
        assert found >= times, (
            f"{path.name}: {written!r} labelled {times} times, in the text {found}"
        )


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name.removesuffix(".labels.yaml"))
def test_list_items_take_the_sign_of_their_verb(path: Path) -> None:
    """A change written without its verb (分别下降12.9%、9.7%) takes the sign of the verb before."""
    text = article_text(path)
    verbs = re.compile("|".join(FALL_WORDS + RISE_WORDS))
    for figure in figures_of(path):
        reading = written_figure(figure["as_written"])
        if figure["kind"] != "change" or reading is None or reading[3]:
            continue
        signs = set()
        for found in re.finditer(re.escape(figure["as_written"]), text):
            before = list(verbs.finditer(text, max(0, found.start() - 40), found.start()))
            if before:
                signs.add(-1 if before[-1].group() in FALL_WORDS else 1)
        value = figure["value"]
        assert signs, f"{path.name}: {figure['as_written']!r} has no change word before it"
        assert any(value * sign > 0 for sign in signs), (
            f"{path.name}: {figure['as_written']!r} sign"
        )


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name.removesuffix(".labels.yaml"))
def test_value_agrees_with_as_written(path: Path) -> None:
    figures = figures_of(path)
    parsed = 0
    for figure in figures:
        where = f"{path.name}: {figure['as_written']!r}"
        reading = written_figure(figure["as_written"])
        if reading is None:
            continue
        parsed += 1
        magnitude, unit, qualifier, sign = reading
        value = Decimal(str(figure["value"]))
        assert abs(value) == magnitude, f"{where}: value {value}, as written {magnitude}"
        assert figure["unit"] == unit, f"{where}: unit {figure['unit']!r}, as written {unit!r}"
        assert figure["qualifier"] == qualifier, f"{where}: qualifier"
        if sign:
            assert figure["kind"] == "change", f"{where}: a change word makes a change"
            assert value * sign >= 0, f"{where}: the sign of the change word"
    assert parsed >= 0.95 * len(figures), (
        f"{path.name}: only {parsed} of {len(figures)} figures parsed"
    )


def test_plain_reader_itself() -> None:
    assert written_figure("5.2万余户") == (Decimal(52000), "户", "at_least", 0)
    assert written_figure("同比下降10.6%") == (Decimal("10.6"), "%", "exact", -1)
    assert written_figure("约11.6亿元") == (Decimal(1_160_000_000), "元", "approx", 0)
    assert written_figure("六成以上") == (Decimal(60), "%", "at_least", 0)
    assert written_figure("拉升15.1个百分点") == (Decimal("15.1"), "百分点", "exact", 1)
    assert written_figure("2300余亿元") == (Decimal(230_000_000_000), "元", "at_least", 0)
    assert written_figure("降幅超过30%") == (Decimal(30), "%", "at_least", -1)
    assert written_figure("超10万人次") == (Decimal(100_000), "人次", "at_least", 0)
    assert written_figure("下降了30.1 %") == (Decimal("30.1"), "%", "exact", -1)
    assert written_figure("十二年") == (Decimal(12), "年", "exact", 0)
    assert written_figure("第一") is None
    assert written_figure("10768 条") == (Decimal(10768), "条", "exact", 0)
    assert written_figure("一些") == (Decimal(1), "些", "exact", 0)  # not a figure: not labelled
