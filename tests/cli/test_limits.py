"""Numbers at the edges and text past any field: a usage error in words, or the right answer.

Issue 20's repros: each ended in an OverflowError or a sqlite3 traceback.
"""

from __future__ import annotations

import json

import pytest

import pingan_cli
from pingan_cli.load.problems import QueryError

from ..helpers import pingan

HUGE = "99999999999999999999"
PAST_64_BITS = "9223372036854775808"


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--year", PAST_64_BITS],
        ["list", "--year", HUGE],
        ["compare", "--year", HUGE],
        ["sum", "disputes-resolved", "--year", HUGE],
        ["designations", "--year", HUGE],
        ["report", "--year", HUGE],
        ["rank", "disputes-resolved", "--year", HUGE],
        ["list", "--year", "-" + HUGE],
    ],
    ids=" ".join,
)
def test_a_year_past_any_data_is_a_usage_error(argv: list[str]) -> None:
    result = pingan(argv)
    assert result.exit_code == 2, result.output
    assert "is not in the range 1900<=x<=2100" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_limit_past_64_bits_is_a_usage_error() -> None:
    result = pingan(["list", "--limit", PAST_64_BITS])
    assert result.exit_code == 2, result.output
    assert "is not in the range 0<=x<=9223372036854775807" in result.stderr
    assert pingan(["list", "--limit", str(2**63 - 1), "-o", "json"]).exit_code == 0


@pytest.mark.parametrize("bound", ["1e19", "1e300", PAST_64_BITS, HUGE, "-" + HUGE])
def test_a_condition_past_64_bits_compares_as_the_number_it_is(bound: str) -> None:
    """value>=1e19 is a question with an answer (a figure may be that large): none here."""
    result = pingan(["list", "--where", f"value>={bound}", "-o", "json"])
    assert result.exit_code == 0, result.output
    expected = 0 if not bound.startswith("-") else len(json.loads(pingan("list -o json").stdout))
    assert len(json.loads(result.stdout)) == expected


@pytest.mark.parametrize("bound", ["1e400", "inf", "-inf", "nan"])
def test_a_condition_with_no_finite_number_is_a_usage_error(bound: str) -> None:
    result = pingan(["list", "--where", f"value>={bound}"])
    assert result.exit_code == 2, result.output
    assert f"value compares with a finite number, not '{bound}'" in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "a" * 50_000],
        ["search", "渭" * 2001],
        ["list", "--where", "quote~" + "a" * 50_000],
    ],
    ids=["search-50000", "search-2001-cjk", "where-quote"],
)
def test_text_longer_than_any_field_is_a_usage_error(argv: list[str]) -> None:
    result = pingan(argv)
    assert result.exit_code == 2, result.output
    assert "no field holds more than 2,000: look for a part of it" in result.stderr


def test_the_longest_text_a_field_may_hold_is_still_searched() -> None:
    result = pingan(["search", "渭" * 2000])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("year", [10**20, -(10**20), 1899, 2101, 2**63])
def test_the_api_refuses_a_year_past_any_data(year: int) -> None:
    with pingan_cli.open() as data:
        for ask in (
            lambda: data.figures(year=year),
            lambda: data.compare(year=year),
            lambda: data.designations(year=year),
            lambda: data.rank("disputes-resolved", year=year),
        ):
            with pytest.raises(QueryError, match="years run from 1900 to 2100"):
                ask()


def test_the_api_refuses_a_limit_past_64_bits() -> None:
    with pingan_cli.open() as data, pytest.raises(QueryError, match="limit is a count"):
        data.figures(limit=2**63)
