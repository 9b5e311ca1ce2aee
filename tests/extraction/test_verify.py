"""`pingan verify`: the bundled data agrees with its archived source; a corrupted copy does not."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from pingan_cli.extraction.verify import verify

from ..conftest import DATA
from ..helpers import FOUNDING_FIGURES, FOUNDING_QUOTES, pingan, shared_file

SOURCE_TEXT = DATA.parent / "sources" / "sxzf-140874.txt"


def test_bundled_data_verifies() -> None:
    result = pingan("verify")
    assert result.exit_code == 0, result.output
    said = f"{FOUNDING_FIGURES} figures and {FOUNDING_QUOTES} quotes against 1 source text"
    assert result.stdout == f"verified: {said}\n"


def test_archived_text_is_the_founding_article() -> None:
    """The archived copy is the team's founding article, byte for byte (where it is beside us)."""
    assert SOURCE_TEXT.read_bytes() == shared_file("weinan-pingan-2023.txt").read_bytes()


def test_verify_is_fast() -> None:
    verify([DATA])  # warm: imports and the first read
    started = time.perf_counter()
    result = verify([DATA])
    assert time.perf_counter() - started < 0.5
    assert result.problems == []


@pytest.fixture
def corrupted(tmp_path: Path) -> Path:
    """A copy of the bundled data with one mistake of each kind."""
    folder = tmp_path / "data"
    shutil.copytree(DATA.parent, folder)
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    replacements = [
        # value not what as_written says
        ('    value: 52000\n    unit: "户"', '    value: 5200\n    unit: "户"'),
        # qualifier: 300多名 is at least 300
        (
            '    value: 300\n    unit: "名"\n    qualifier: at_least',
            '    value: 300\n    unit: "名"\n    qualifier: exact',
        ),
        # sign: 同比下降10.6% is a fall
        ("    value: -10.6\n", "    value: 10.6\n"),
        # a quote the article does not hold
        ('quote: "挽回经济损失2.56亿元"', 'quote: "挽回经济损失2.65亿元"'),
        # curly quotes straightened: a hint, not a bare "not found"
        (
            'quote: "培养“法律明白人”1万余人"',
            'quote: "培养\\"法律明白人\\"1万余人"',
        ),
        # as_written not in its quote
        ('as_written: "823起"', 'as_written: "832起"'),
        # unit: the indicator and the figure both say 个, the article says 处
        (
            'name_en: "Safety hazards rectified"\n    unit: "处"',
            'name_en: "Safety hazards rectified"\n    unit: "个"',
        ),
        ('    value: 1563\n    unit: "处"', '    value: 1563\n    unit: "个"'),
        # a designation's quote
        ('quote: "澄城、蒲城被授予“平安铜鼎”"', 'quote: "澄城、蒲城被授予“平安金鼎”"'),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def test_corrupted_copy_fails_with_every_mistake_located(corrupted: Path) -> None:
    result = pingan(["verify", str(corrupted)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(corrupted))]
    located = re.compile(rf"^{re.escape(str(corrupted))}:\d+:\d+: ")
    assert all(located.match(line) for line in lines), lines
    messages = "\n".join(lines)
    expected = [
        "value is 5200, but '5.2万余户' says 52000",
        "qualifier is exact, but '300多名' says at_least",
        "value is 10.6, but '同比下降10.6%' says -10.6",
        "quote is not in the source's text",
        "says '挽回经济损失2.56亿元",
        "differs from the text only in spaces or quotation marks",
        "as_written '832起' does not occur in the quote",
        "unit is '个', but '1563处' says '处'",
        "designations[3].quote: quote is not in the source's text",
    ]
    for needle in expected:
        assert needle in messages, (needle, messages)
    assert "sources/sxzf-140874.txt:" in messages  # where in the text
    assert result.stderr.rstrip().endswith("problems in the data")


def test_missing_text_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA.parent, folder)
    (folder / "sources" / "sxzf-140874.txt").unlink()
    result = pingan(["verify", str(folder / "indicators.yaml")])
    assert result.exit_code == 1
    assert "sources[0].text: no such text file" in result.stderr


def test_quote_with_no_break_space_must_keep_it(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA.parent, folder)
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '四联调解\\u00a0分类施策”工作法"', '四联调解 分类施策”工作法"'
    )
    path.write_text(text, encoding="utf-8")
    result = pingan(["verify", str(path)])
    assert result.exit_code == 1
    assert "only in spaces or quotation marks" in result.stderr


def test_show_says_where_each_quote_is() -> None:
    result = pingan(["verify", "--show", str(DATA)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == FOUNDING_FIGURES + FOUNDING_QUOTES + 1
    first = lines[0]
    assert first.startswith(f"{DATA}:") and "observations[0].quote is at " in first
    where = first.rsplit(" is at ", 1)[1]
    line, column = (int(x) for x in where.rsplit(":", 2)[1:])
    text_line = SOURCE_TEXT.read_text(encoding="utf-8").splitlines()[line - 1]
    assert text_line[column - 1 :].startswith("对14个村进行了实地调研")
