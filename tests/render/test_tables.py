"""Terminal tables never cut: a table when it fits (drawn exactly as Rich draws it), else wrapped
prose, else one record a block; figures, ids, URLs, dates, names and status words always whole."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from pingan_cli.render.measure import (
    _NARROW,
    _WIDE_RANGES,
    NAME_FLOOR,
    UNLIMITED,
    min_width,
    pieces,
    quick_width,
    split,
    whole_width,
    wrap,
)
from pingan_cli.render.tables import TooNarrow, render_tables
from pingan_cli.result import Breaks, Column, Layout, Result, Table
from pingan_cli.visible import safe_text

SHORT = ["a", "Z", "1", " ", "  ", "-", "富", "平", "县", "，", "（", "é", "ﾀ", "Ａ", "😀", "🇨🇳",
         "—", "·", "≥", "‰", "…", "①", "\xa0", "\u3000", "\u0301", "\u200b", "xxxxx"]  # fmt: skip
LONG = ["15.49%", ", ", "https://example.com/a_long/path", "2024-03-21", "community_policing",
        "同比上升", "\u00ad", "👨\u200d🦰", "\x1b[2J"]  # fmt: skip
# Rich drops a combining mark that starts a cell; pingan shows it. Compared without those.
SHORT_TEXT = st.lists(st.sampled_from([c for c in SHORT if c != "\u0301"]), max_size=8).map("".join)
TEXT = st.lists(st.sampled_from(SHORT + LONG), max_size=8).map("".join)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@st.composite
def results(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> Result:
    columns = [
        Column(
            f"c{i}",
            draw(text),
            numeric=draw(st.booleans()),
            breaks=draw(st.sampled_from(Breaks)),
            header_breaks=draw(st.sampled_from(Breaks)),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    tables = [
        Table(
            draw(st.one_of(st.none(), text)),
            columns,
            draw(st.lists(st.fixed_dictionaries({}, optional={c.key: text for c in columns}))),
            show_header=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    return Result(data=None, tables=tables)


def rich_reference(result: Result, width: int | None, ascii_only: bool) -> str:
    """The tables as Rich draws them: what pingan drew with Rich before it drew them itself."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or UNLIMITED,
        no_color=True,
        color_system=None,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    for index, table in enumerate(result.tables):
        if index:
            console.print()
        rich_table = RichTable(
            title=Text(safe_text(table.title)) if table.title else None,
            title_justify="left",
            box=box.ASCII if ascii_only else box.SIMPLE_HEAD,
            header_style="",
            show_edge=False,
            pad_edge=False,
            show_header=table.show_header,
        )
        for column in table.columns:
            rich_table.add_column(
                Text(safe_text(column.header)),
                justify="right" if column.numeric else "left",
                overflow="fold",
                no_wrap=True,
            )
        for row in table.rows:
            rich_table.add_row(*(Text(safe_text(row.get(c.key, ""))) for c in table.columns))
        console.print(rich_table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _fits_as_rich_draws_it(result: Result, width: int | None) -> bool:
    """Tables Rich draws without wrapping or folding anything."""
    limit = width or UNLIMITED
    for table in result.tables:
        texts = [safe_text(c.header) for c in table.columns] if table.show_header else []
        widths = [cell_len(t) for t in texts] or [0] * len(table.columns)
        for row in table.rows:
            cells = [safe_text(row.get(c.key, "")) for c in table.columns]
            texts.extend(cells)
            widths = [max(w, cell_len(t)) for w, t in zip(widths, cells, strict=True)]
        total = sum(widths) + 3 * (len(widths) - 1)
        title = safe_text(table.title) if table.title else ""
        if total == 0 or total > limit or cell_len(title) > total or not texts:
            return False
    return True


@pytest.mark.slow
@settings(max_examples=300)  # each example renders with Rich too
@given(results(SHORT_TEXT), st.sampled_from([None, 40, 80, 120]), st.booleans())
def test_a_table_that_fits_is_drawn_as_rich_draws_it(
    result: Result, width: int | None, ascii_only: bool
) -> None:
    assume(_fits_as_rich_draws_it(result, width))
    drawn = render_tables(result, width, False, ascii_only)
    assert drawn == rich_reference(result, width, ascii_only)


def _pieces_of(
    result: Result, every_header: bool = False, width: int = UNLIMITED
) -> tuple[Counter[str], Counter[str]]:
    """Every piece of text no layout may break: (figures, ids and other atomic text; the words of
    prose and names and the segments of URLs no wider than width - 2, which a line always holds),
    each with how often it occurs (spaces at either end aside)."""
    atoms: Counter[str] = Counter()
    words: Counter[str] = Counter()

    def add(text: str, breaks: Breaks) -> None:
        for piece in pieces(safe_text(text), breaks):
            if piece.breaks is Breaks.never:
                atoms[piece.text.strip()] += 1
            elif cell_len(piece.text.strip()) <= width - 2:
                words[piece.text.strip()] += 1

    for table in result.tables:
        if table.title:
            add(table.title, Breaks.words)
        for column in table.columns:
            if every_header or (table.show_header and table.rows):
                add(column.header, column.header_breaks)
            for row in table.rows:
                add(row.get(column.key, ""), column.breaks)
    atoms.pop("", None)
    words.pop("", None)
    return atoms, words


def assert_nothing_broken(result: Result, output: str, width: int = UNLIMITED) -> None:
    """Each piece occurs in the output, on one line, at least as often as in the data; a word or
    URL segment wider than the whole width may be broken, a figure or id never."""
    lines = output.splitlines()
    found = sum(_pieces_of(result, width=width), Counter())
    for piece in found:
        expected = sum(n * other.count(piece) for other, n in found.items())
        shown = sum(line.count(piece) for line in lines)
        assert shown >= expected, f"{piece!r} broken: {shown} whole of {expected}"


def assert_within(result: Result, output: str, width: int) -> None:
    """No line is wider than the terminal, but a line holding one figure or id wider than it."""
    atoms = _pieces_of(result, every_header=True)[0]
    for line in output.splitlines():
        if cell_len(line) > width:
            assert line.strip() in atoms and cell_len(line.strip()) > width - 2, line


@pytest.mark.slow
@settings(max_examples=300)
@given(results(), st.integers(20, 200), st.sampled_from(Layout), st.booleans())
def test_no_layout_breaks_a_piece(
    result: Result, width: int, layout: Layout, ascii_only: bool
) -> None:
    output = drawn(result, width, layout, ascii_only)
    if output is None:
        return  # a table asked for that cannot be drawn this narrow: said so (drawn checks it)
    assert_nothing_broken(result, output, width)
    assert_within(result, output, width)


def drawn(result: Result, width: int, layout: Layout, ascii_only: bool = False) -> str | None:
    """The tables at this width, or None where --layout table cannot draw them that narrow
    (then the narrowest it could is wider than the width, and vertical records are drawn)."""
    try:
        return render_tables(result, width, False, ascii_only, layout)
    except TooNarrow as error:
        too_narrow = error
    assert layout is Layout.table
    assert too_narrow.narrowest > width
    render_tables(result, width, False, ascii_only, Layout.vertical)
    return None


@pytest.mark.slow
@settings(max_examples=100)
@given(results(), st.integers(20, 200), st.sampled_from(Layout))
def test_colour_changes_nothing_but_colour(result: Result, width: int, layout: Layout) -> None:
    plain = drawn(result, width, layout)
    if plain is None:
        with pytest.raises(TooNarrow):
            render_tables(result, width, True, False, layout)
        return
    coloured = render_tables(result, width, True, False, layout)
    assert ANSI.sub("", coloured) == plain


@pytest.mark.slow
@given(TEXT, st.integers(2, 60), st.sampled_from(Breaks))  # 2: a Chinese character
def test_wrap_breaks_only_as_far_as_it_must(text: str, width: int, breaks: Breaks) -> None:
    lines = wrap(text, width, breaks)
    atoms = [p.text for p in pieces(text, breaks) if p.breaks is Breaks.never]
    for line in lines:
        assert cell_len(line) <= width or line in atoms, (line, width)
    if breaks is Breaks.never:
        assert lines == [text]
    if cell_len(text) <= width:
        assert lines == [text]
    whole = [p.text for p in split(text, breaks) if p.text.strip()] if breaks in WHOLE else []
    if all(cell_len(p) <= width for p in whole):
        for part in whole:  # a name, item or URL is broken only when wider than the line
            assert sum(line.count(part.strip()) for line in lines) >= 1, (part, lines)
    joined = "".join(piece.text for piece in pieces(text, breaks))
    assert "".join(line.replace(" ", "") for line in lines) == joined.replace(" ", "")


# Kinds whose first pieces stay whole while they fit the line.
WHOLE = (Breaks.words, Breaks.items)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "化解纠纷1.2万件，同比上升15.49%",
            ["化", "解", "纠", "纷", "1.2万件，", "同", "比", "上", "升", "15.49%"],
        ),
        ("5.2万余户", ["5.2万余户"]),
        ("2023年度平安县（市、区）", ["2023年", "度", "平", "安", "县", "（市、", "区）"]),
        ("see https://example.com/a_b now", ["see", "https://example.com/a_b", "now"]),
        ("year-over-year change", ["year-over-year", "change"]),
        ("2024-01-01..2024-12-23", ["2024-01-01..2024-12-23"]),
    ],
)
def test_prose_breaks_between_chinese_characters_never_inside_a_number(
    text: str, expected: list[str]
) -> None:
    assert [piece.text for piece in split(text, Breaks.words)] == expected


def test_a_hyphenated_word_or_id_in_prose_breaks_at_its_hyphens_only_if_it_must() -> None:
    text = "Public-order case incidence rate, year-over-year change (villages-surveyed)"
    assert [p.text for p in pieces(text, Breaks.words)][-6:] == [
        "year-", "over-", "year", "change", "(villages-", "surveyed)"
    ]  # fmt: skip
    assert wrap(text, 40, Breaks.words) == [
        "Public-order case incidence rate,",
        "year-over-year change",
        "(villages-surveyed)",
    ]
    assert wrap("commutation-parole-temporary-release", 20, Breaks.words) == [
        "commutation-parole-",
        "temporary-release",
    ]


def test_a_list_breaks_between_items_and_an_item_too_wide_at_words() -> None:
    text = "Fuping County, Gongli Police Station, Fuping County Public Security Bureau"
    assert [p.text for p in split(text, Breaks.items)] == [
        "Fuping County,",
        "Gongli Police Station,",
        "Fuping County Public Security Bureau",
    ]
    assert wrap(text, 36, Breaks.items) == [
        "Fuping County,",
        "Gongli Police Station,",
        "Fuping County Public Security Bureau",
    ]
    # An item wider than the line breaks at words, flowing on as prose does.
    assert wrap(text, 30, Breaks.items) == [
        "Fuping County,",
        "Gongli Police Station, Fuping",
        "County Public Security Bureau",
    ]


def test_a_name_is_whole_where_it_fits_else_broken_at_words() -> None:
    name = "Gongli Police Station, Fuping County Public Security Bureau"
    assert wrap(name, 59, Breaks.name) == [name]
    assert wrap(name, 30, Breaks.name) == [
        "Gongli Police Station, Fuping",
        "County Public Security Bureau",
    ]
    assert wrap("富平县公安局宫里派出所", 12, Breaks.name) == ["富平县公安局", "宫里派出所"]
    # A name breaks into lines of NAME_FLOOR cells or more; a shorter one is never broken.
    assert min_width(name, Breaks.name) == NAME_FLOOR
    assert min_width("Chengcheng County", Breaks.name) == len("Chengcheng County")
    assert whole_width(name, Breaks.name) == len(name)


def test_a_figure_stays_whole_with_its_unit_and_only_the_sub_unit_breaks() -> None:
    text = "14个 (Gongli Police Station, Fuping County Public Security Bureau)"
    lines = wrap(text, 30, Breaks.figures)
    assert lines == ["14个 (Gongli Police Station,", "Fuping County Public Security", "Bureau)"]
    assert wrap("同比下降10.6% / 5.2万余户 †", 12, Breaks.figures) == [
        "同比下降10.6% /",
        "5.2万余户 †",
    ]
    assert wrap("同比下降10.6%", 4, Breaks.figures) == ["同比下降10.6%"]  # wider, but whole
    status = "n/a · Hancheng City yes, Linwei District yes, Baishui County yes"
    assert wrap(status, 30, Breaks.figures) == [
        "n/a · Hancheng City yes,",
        "Linwei District yes,",
        "Baishui County yes",
    ]


def test_a_url_breaks_after_a_slash_and_only_when_wider_than_the_line() -> None:
    url = (
        "http://www.heyang.gov.cn/info/egovinfo/1226/2018xxgk_content/016032410-30/2022-0608001.htm"
    )
    assert wrap(url, 90, Breaks.url) == [url]
    lines = wrap(url, 58, Breaks.url)
    assert lines == [
        "http://www.heyang.gov.cn/info/egovinfo/1226/",
        "2018xxgk_content/016032410-30/2022-0608001.htm",
    ]
    assert "".join(lines) == url
    assert [p.text for p in split("https://a.cn/b?c=1&d", Breaks.url)] == [
        "https://a.cn/", "b?", "c=1&", "d"
    ]  # fmt: skip
    # A segment wider than the whole line is broken after any character, never past the line.
    assert wrap("https://example.com/" + "x" * 30, 20, Breaks.url) == [
        "https://example.com/", "x" * 20, "x" * 10
    ]  # fmt: skip


def test_layouts_on_request() -> None:
    table = Table("t", [Column("a", "A"), Column("b", "B", numeric=True)], [{"a": "x", "b": "1"}])
    result = Result(data=None, tables=[table])
    assert render_tables(result, 80, False) == "t\nA   B\n─────\nx   1\n"
    assert render_tables(result, 80, False, layout=Layout.vertical) == ("t\n─[ 1 ]\nA │ x\nB │ 1\n")
    assert render_tables(result, 80, False, True, Layout.vertical) == "t\n-[ 1 ]\nA | x\nB | 1\n"
    wide = Table(None, [Column("a", "A"), Column("b", "B")], [{"a": "x" * 30, "b": "y" * 30}])
    # Asked for a table it cannot draw at this width: says so (it drew one wider than the line).
    with pytest.raises(TooNarrow, match="needs 62 columns"):
        render_tables(Result(data=None, tables=[wide]), 40, False, layout=Layout.table)
    forced = render_tables(Result(data=None, tables=[wide]), 62, False, layout=Layout.table)
    assert forced == f"{'A':<30}  B\n{'─' * 62}\n{'x' * 30}  {'y' * 30}\n"
    auto = render_tables(Result(data=None, tables=[wide]), 40, False)
    assert auto == f"─[ 1 ]{'─' * 28}\nA │ {'x' * 30}\nB │ {'y' * 30}\n"


def test_colour_reaches_a_terminal() -> None:
    table = Table("t", [Column("a", "A", styles=(("yes", "green"),))], [{"a": "yes"}])
    assert "\x1b[32myes" in render_tables(Result(data=None, tables=[table]), None, True)


def test_quick_widths_are_richs_widths() -> None:
    from rich.cells import get_character_cell_size

    chars = [chr(c) for c in range(0x20, 0x7F)] + sorted(_NARROW)
    chars += [chr(c) for low, high in _WIDE_RANGES for c in range(low, high + 1)]
    for char in chars:
        assert quick_width(char) == get_character_cell_size(char), repr(char)
    for text in ("富平县 (fuping)", "全国“枫桥式”工作法", "≥52,000 户", "·", "【平安】"):
        assert quick_width(text) == cell_len(text)
    for text in ("ñ", "😀", "a\tb", "\u0301", "ﾀ"):
        assert quick_width(text) is None


@pytest.mark.slow
def test_bundled_tables_need_no_rich_at_all() -> None:
    """Commands on the bundled data draw their tables without importing Rich."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # a pipe: never wrapped

    probe = (
        "import sys\nfrom pingan_cli.cli.root import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('RICH', any(m.split('.')[0] == 'rich' for m in sys.modules), file=sys.stderr)"
    )
    for command in (["show", "fuping"], ["list"], ["compare", "--year", "2023"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *command],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        assert "RICH False" in done.stderr, (command, done.stderr)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("5.2万余户", "at least 52,000 households"),
        ("380余萬元", "at least 3,800,000 yuan"),
        ("2.56亿元", "256,000,000 yuan"),
        ("同比下降10.6%", "down 10.6% year on year"),
        ("97%以上", "at least 97%"),
        ("1米左右", "about 1 m"),
        ("300多名", "at least 300 people"),
        ("全省第二", "2nd in the province"),
        ("较2020年提升1.52个百分点", "up 1.52 points on 2020"),
        ("14个 (Gongli Police Station)", "14 (Gongli Police Station)"),
        ("2023 1", "2023 1"),  # numbers alone as written
        ("not reported", "not reported"),
        ("5.2万余匹", "at least 52,000\\u5339"),  # a unit with no entry: escaped, not guessed
    ],
)
def test_ascii_writes_a_figure_in_words_that_keep_its_qualifier(written: str, words: str) -> None:
    from pingan_cli.render.ascii import ascii_figure

    assert ascii_figure(written) == words
    assert ascii_figure(written).isascii()


def test_ascii_result_puts_figures_in_words_and_escapes_the_rest() -> None:
    from pingan_cli.render.ascii import ascii_result

    table = Table(
        "Households visited (户)",
        [Column("name", "name"), Column("value", "value", numeric=True)],
        [{"name": "富平县", "value": "5.2万余户"}],
    )
    shown = ascii_result(Result(data=None, tables=[table])).tables[0]
    assert shown.title == "Households visited (households)"
    assert shown.rows == [{"name": "\\u5bcc\\u5e73\\u53bf", "value": "at least 52,000 households"}]
