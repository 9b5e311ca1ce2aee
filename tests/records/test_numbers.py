"""Numbers as readers of these reports expect them: exact, with their qualifiers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pingan_cli.load.models import Observation
from pingan_cli.records import numbers
from pingan_cli.records.numbers import ChangeKind, MoneyUnit, Qualifier, Units


def test_the_models_and_the_numbers_share_one_qualifier() -> None:
    assert Observation.model_fields["qualifier"].annotation is Qualifier


@pytest.mark.parametrize(
    ("value", "qualifier", "units", "expected"),
    [
        (52000, Qualifier.at_least, Units.plain, "≥52,000"),
        (52000, Qualifier.at_least, Units.wan, "≥5.2万"),
        (52000, Qualifier.exact, Units.wan, "5.2万"),
        (1, Qualifier.approx, Units.plain, "≈1"),
        (9999, Qualifier.exact, Units.wan, "9,999"),
        (10000, Qualifier.exact, Units.wan, "1万"),
        (52345, Qualifier.exact, Units.wan, "5.2345万"),
        (256000000, Qualifier.exact, Units.wan, "2.56亿"),
        # 1.23456789亿 would need 8 places: 万 keeps it exact in 4.
        (123456789, Qualifier.exact, Units.wan, "12,345.6789万"),
        (-52000, Qualifier.exact, Units.wan, "-5.2万"),
        (0, Qualifier.exact, Units.plain, "0"),
        (1234.5, Qualifier.exact, Units.plain, "1,234.5"),
        (12_000_000_000_000, Qualifier.exact, Units.wan, "120,000亿"),
    ],
)
def test_count(value: int | float, qualifier: Qualifier, units: Units, expected: str) -> None:
    assert numbers.count(value, qualifier, units) == expected


def test_decimals_are_kept_only_when_asked() -> None:
    assert numbers.percent(98.5) == "98.5%"
    assert numbers.percent(98.5, decimals=2) == "98.50%"
    assert numbers.percent(15.49, Qualifier.approx) == "≈15.49%"
    assert numbers.percent(100) == "100%"
    assert numbers.count(52000, units=Units.wan, decimals=2) == "5.20万"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (256000000, MoneyUnit.auto, "2.56亿元"),
        (63360000, MoneyUnit.auto, "6,336万元"),
        (880, MoneyUnit.auto, "880元"),
        (63360000, MoneyUnit.yi_yuan, "0.6336亿元"),
        (256000000, MoneyUnit.wan_yuan, "25,600万元"),
        (256000000, MoneyUnit.yuan, "256,000,000元"),
    ],
)
def test_money(value: int, unit: MoneyUnit, expected: str) -> None:
    assert numbers.money(value, unit) == expected


def test_percent_change_and_percentage_points_are_never_confused() -> None:
    assert numbers.change(15.49, ChangeKind.percent) == "+15.49%"
    assert numbers.change(-10.6, ChangeKind.percent) == "-10.6%"
    assert numbers.change(-2.1, ChangeKind.points) == "-2.1 pp"
    assert numbers.change(-2.1, ChangeKind.points, lang="zh") == "-2.1个百分点"
    assert numbers.change(-2331, ChangeKind.level) == "-2,331"
    assert numbers.change(-23310, ChangeKind.level, units=Units.wan) == "-2.331万"
    assert numbers.change(0, ChangeKind.level) == "0"
    assert numbers.change(5, ChangeKind.level, Qualifier.at_least) == "≥+5"


def test_figure_picks_the_form_by_unit() -> None:
    assert numbers.figure(52000, "户", Qualifier.at_least, Units.wan) == "≥5.2万户"
    assert numbers.figure(98.5, "%", decimals=2) == "98.50%"
    assert numbers.figure(256000000, "元") == "2.56亿元"
    assert numbers.figure(122, "人") == "122人"


@pytest.mark.parametrize(
    ("written", "expected"),
    [("同比上升15.49%", 2), ("98.50%", 2), ("5.2万余户", 1), ("122人", 0), ("", None)],
)
def test_written_decimals(written: str | None, expected: int | None) -> None:
    assert numbers.written_decimals(written) == expected


def test_no_text_has_no_decimals() -> None:
    assert numbers.written_decimals(None) is None


def test_truth_values_are_not_figures() -> None:
    with pytest.raises(TypeError):
        numbers.count(True)


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_wan_is_exact(value: int) -> None:
    """Reading 5.2345万 back gives the stored value: no figure is rounded."""
    text = numbers.count(value, units=Units.wan).replace(",", "")
    scale = 1
    if text.endswith("亿"):
        text, scale = text[:-1], 100_000_000
    elif text.endswith("万"):
        text, scale = text[:-1], 10_000
    assert Decimal(text) * scale == value


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_plain_reads_back(value: float) -> None:
    assert Decimal(numbers.plain(value).replace(",", "")) == Decimal(repr(value))
