"""Plain tables are exactly what Rich draws, wherever they are used instead of Rich."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_cli.output import Column, Result, Table
from pingan_cli.tables import plain_tables, render_tables, rich_tables

from .helpers import pingan

CHARS = st.sampled_from(
    ["a", "Z", "1", " ", "  ", "-", "富", "平", "县", "，", "（", "é", "ﾀ", "Ａ", "😀", "🇨🇳", "—",
     "·", "≥", "‰", "…", "①", "\xa0", "\u3000", "\u0301", "\u200b", "xxxxx"]
)  # fmt: skip
TEXT = st.lists(CHARS, max_size=8).map("".join)


@st.composite
def results(draw: st.DrawFn) -> Result:
    columns = [
        Column(f"c{i}", draw(TEXT), numeric=draw(st.booleans()), no_wrap=draw(st.booleans()))
        for i in range(draw(st.integers(1, 5)))
    ]
    tables = [
        Table(
            draw(st.one_of(st.none(), TEXT)),
            columns,
            draw(st.lists(st.fixed_dictionaries({}, optional={c.key: TEXT for c in columns}))),
            show_header=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    return Result(data=None, tables=tables)


@pytest.mark.slow
@settings(max_examples=300)  # each example renders with Rich too
@given(results(), st.sampled_from([None, 20, 40, 80, 120]), st.booleans())
def test_plain_tables_equal_rich(result: Result, width: int | None, ascii_only: bool) -> None:
    plain = plain_tables(result, width, ascii_only)
    if plain is not None:
        assert plain == rich_tables(result, width, False, ascii_only)


def test_tables_to_a_pipe_need_no_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    import pingan_cli.tables

    def refuse(*args: object) -> str:
        raise AssertionError("drawn by Rich")

    monkeypatch.setattr(pingan_cli.tables, "rich_tables", refuse)
    for command in ("list", "show fuping", "compare --year 2023", "regions", "designations"):
        result = pingan(command, env={"COLUMNS": ""})
        assert result.exit_code == 0, result.output


def test_colour_and_narrow_terminals_still_go_to_rich() -> None:
    table = Table("t", [Column("a", "A")], [{"a": "x" * 50}])
    result = Result(data=None, tables=[table])
    assert plain_tables(result, 20) is None
    assert render_tables(result, 20, False) == rich_tables(result, 20, False)
    assert "\x1b[" in render_tables(result, None, True)
