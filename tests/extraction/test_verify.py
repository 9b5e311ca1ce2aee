"""`pingan verify`: the bundled data agrees with its archived source; a corrupted copy does not."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml

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


def _dataset_with_text(folder: Path, text: str, region: str) -> Path:
    """The small dataset of the bad-inputs corpus, with a source text and one figure from it."""
    base = Path(__file__).resolve().parents[1] / "load" / "bad_inputs" / "files" / "base.yaml"
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    data["sources"][0]["text"] = "article.txt"
    data["designations"] = []
    data["practices"] = []
    data["observations"] = [
        {
            "region": region,
            "indicator": "disputes-resolved",
            "period": 2024,
            "value": 300,
            "unit": "起",
            "as_written": "300起",
            "source": "article",
            "quote": "化解矛盾纠纷300起",
        }
    ]
    (folder / "article.txt").write_text(text, encoding="utf-8")
    path = folder / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "region", "flagged"),
    [
        ("2024年，西安市化解矛盾纠纷300起。", "fuping", True),
        ("2024年，西安市化解矛盾纠纷300起。", "weinan", True),
        ("2024年，富平县化解矛盾纠纷300起。", "fuping", False),
        ("2024年，富平化解矛盾纠纷300起。", "fuping", False),
        ("2024年，富平县化解矛盾纠纷300起。", "weinan", False),  # a part of 渭南
        ("2024年，华州区化解矛盾纠纷300起。", "weinan", False),  # a part the dataset lacks
    ],
)
def test_a_region_the_text_does_not_name_is_flagged(
    tmp_path: Path, text: str, region: str, flagged: bool
) -> None:
    result = pingan(["verify", str(_dataset_with_text(tmp_path, text, region))])
    if flagged:
        assert result.exit_code == 1
        assert f"observations[0].region: region {region}: " in result.stderr
        assert "names neither" in result.stderr
    else:
        assert result.exit_code == 0, result.stderr


def test_a_source_text_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    path = _dataset_with_text(tmp_path, "2024年，富平县化解矛盾纠纷300起。", "fuping")
    (tmp_path / "article.txt").unlink()
    os.mkfifo(tmp_path / "article.txt")
    result = pingan(["verify", str(path)])
    assert result.exit_code == 1
    assert "a FIFO (named pipe)" in result.stderr


def test_a_long_mismatched_quote_against_a_long_text_is_quick(tmp_path: Path) -> None:
    text = "平安建设" * 1_250_000  # 5 million characters
    path = _dataset_with_text(tmp_path, text + "化解矛盾纠纷300起。", "fuping")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["observations"][0]["quote"] = "平安建设" * 400 + "不在文中"
    data["observations"][0]["as_written"] = "平安"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    started = time.process_time()
    result = pingan(["verify", str(path)])
    assert result.exit_code == 1
    assert "quote is not in the source's text" in result.stderr
    assert time.process_time() - started < 10  # it took 45 s: a wide margin


# A dataset whose source names no archived text, and a page kept elsewhere, in our own words.
_OWN_WORDS = """format: 1
sources:
  - {id: harvest-page, title: A page kept aside, publisher: Example, url: "https://example.org/p"}
regions:
  - {id: east, name_zh: 东县, name_en: East County, level: county}
indicators:
  - {id: patrols, name_zh: 巡逻次数, name_en: Patrols, unit: 次, category: patrol_prevention,
     kind: level, definition: Patrols held.}
observations:
  - {region: east, indicator: patrols, period: 2024, value: 1200, unit: 次, qualifier: at_least,
     as_written: 1200余次, source: harvest-page, quote: 东县全年巡逻1200余次}
"""


@pytest.fixture
def kept_aside(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data" / "pages.yaml"
    data.parent.mkdir()
    data.write_text(_OWN_WORDS, encoding="utf-8")
    texts = tmp_path / "elsewhere"
    texts.mkdir()
    (texts / "harvest-page.txt").write_text(
        "去年冬天，东县全年巡逻1200余次，街面更安静了。\n", encoding="utf-8"
    )
    return data, texts


def test_texts_outside_the_dataset_are_checked_only_when_named(
    kept_aside: tuple[Path, Path],
) -> None:
    data, texts = kept_aside
    alone = pingan(f"verify {data}")
    assert (
        alone.exit_code == 0
        and alone.stdout == "verified: 0 figures and 0 quotes against 0 source texts\n"
    )
    named = pingan(f"verify --texts {texts} {data}")
    assert named.exit_code == 0, named.output
    assert named.stdout == "verified: 1 figures and 0 quotes against 1 source text\n"


def test_texts_outside_the_dataset_report_each_mismatch(kept_aside: tuple[Path, Path]) -> None:
    data, texts = kept_aside
    (texts / "harvest-page.txt").write_text("东县全年巡逻1300余次。\n", encoding="utf-8")
    result = pingan(f"verify --texts {texts} {data}")
    assert result.exit_code != 0
    assert re.search(
        r"pages\.yaml:\d+:\d+: observations\[0\]\.quote: quote is not in the", result.stderr
    )
    assert "harvest-page.txt:1:1 says '东县全年巡逻13" in result.stderr


def test_texts_must_name_a_folder(kept_aside: tuple[Path, Path], tmp_path: Path) -> None:
    data, _ = kept_aside
    result = pingan(f"verify --texts {tmp_path / 'nowhere'} {data}")
    assert result.exit_code == 2 and "nowhere" in result.stderr and "Traceback" not in result.output


def test_a_text_outside_that_is_not_text_is_reported(kept_aside: tuple[Path, Path]) -> None:
    data, texts = kept_aside
    (texts / "harvest-page.txt").write_bytes(b"\x80\x81 not UTF-8")
    result = pingan(f"verify --texts {texts} {data}")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert re.search(
        r"pages\.yaml:\d+:\d+: sources\[0\]\.id: text .*harvest-page\.txt", result.stderr
    )
