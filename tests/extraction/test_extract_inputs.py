"""What `pingan extract` reads (issue 21 §4, issue 20): many articles at once, standard input,
files that are not articles, numbers at the edges, ranges, and time that grows linearly."""

from __future__ import annotations

import json
import os
import signal
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pingan_cli.extraction import extract, read
from pingan_cli.extraction.article import MAX_BYTES

from ..helpers import pingan

ARTICLE = "2024年，华阴市公安局共破获刑事案件312起，同比上升8.3%。\n"
OTHER = "2023年，富平县调解矛盾纠纷823起。\n"


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that waits for a writer fails the test instead of hanging the suite."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("extract waited on its input")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = pingan(["extract", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_many_files_and_a_folder_each_figure_naming_its_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "more"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    (folder / "sub" / "c.html").write_text(f"<html><body><p>{OTHER}</p></body></html>", "utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text(OTHER, encoding="utf-8")
    code, out, err = run(str(tmp_path / "a.txt"), str(folder), "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    files = [Path(c["file"]).relative_to(tmp_path).as_posix() for c in found]
    assert files == ["a.txt", "a.txt", "more/b.txt", "more/sub/c.html"]
    assert [c["value"] for c in found] == [312, 8.3, 823, 823]


def test_many_files_as_a_table_and_as_yaml(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    code, out, _ = run(str(tmp_path), "--format", "table", "--width", "200")
    assert code == 0
    assert out.splitlines()[1].split()[:2] == ["#", "file"]
    code, out, _ = run(str(tmp_path), "--format", "yaml")
    assert code == 0
    assert f"  # from {tmp_path / 'a.txt'}" in out
    assert f"  # from {tmp_path / 'b.txt'}" in out


def test_new_leaves_out_held_figures_in_every_file(tmp_path: Path) -> None:
    article = Path(__file__).resolve().parents[2] / "data" / "sources" / "sxzf-140874.txt"
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    code, out, _ = run(str(article), str(tmp_path / "b.txt"), "--new", "--format", "json")
    assert code == 0
    assert [c["as_written"] for c in json.loads(out)] == ["10个", "823起"]


def test_standard_input() -> None:
    code, out, err = run("-", "--format", "json", stdin=ARTICLE.encode("utf-8"))
    assert code == 0, err
    assert [(c["file"], c["value"]) for c in json.loads(out)] == [("-", 312), ("-", 8.3)]


def test_url_with_several_articles_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    code, _, err = run(str(tmp_path), "--url", "http://a.cn/2024/0101/1.html")
    assert code == 2
    assert "--url" in err


def test_a_folder_without_articles(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 1
    assert "no articles" in err


def test_fifo_and_devices_are_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(str(fifo))
    assert code == 1
    assert "a FIFO (named pipe), not a regular file" in err
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    zero = tmp_path / "zero"  # a node of our own, never the machine's /dev/zero
    os.mknod(zero, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    code, _, err = run(str(zero))
    assert code == 1
    assert "a device, not a regular file" in err


def test_one_bad_file_among_many_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    code, out, err = run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "json")
    assert code == 1
    assert len(json.loads(out)) == 2
    assert "b.txt: holds NUL bytes" in err
    assert "1 of 2 articles could not be read" in err


def test_an_article_over_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk used
    code, _, err = run(str(big))
    assert code == 1
    assert "more than an article" in err


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("\ufeff".encode("utf-16-le") + ARTICLE.encode("utf-16-le"))
    code, out, err = run(str(path), "--format", "json")
    assert code == 0, err
    assert [c["value"] for c in json.loads(out)] == [312, 8.3]


@pytest.mark.parametrize(
    "text",
    [
        "共" + "9" * 5000 + "人",  # past Python's 4,300 digits
        "共" + "一" * 5000 + "人",
        "挽回损失" + "9" * 310 + ".5元",
        "破获" + "8" * 400 + "起",
        "十万万元",
        "下降1E+5%",
    ],
)
def test_numbers_no_article_states_are_not_figures(text: str) -> None:
    assert extract(text) == []
    code, out, err = run("-", "--format", "json", stdin=text.encode("utf-8"))
    assert code == 0, err
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("text", "value", "upper", "kind"),
    [
        ("破获3至5起。", 3, 5, "level"),
        ("破获3~5起。", 3, 5, "level"),
        ("损失3万至5万元。", 30000, 50000, "level"),
        ("损失3至5万元。", 30000, 50000, "level"),
        ("发案同比下降3至5个百分点。", -3, -5, "change"),
    ],
)
def test_a_range_is_a_range(text: str, value: int, upper: int, kind: str) -> None:
    (found,) = extract(text)
    assert (found.value, found.upper, found.qualifier.value, found.kind.value) == (
        value,
        upper,
        "at_least",
        kind,
    )
    reading = read(found.as_written)
    assert reading is not None
    assert (reading.value, reading.upper, reading.qualifier.value) == (value, upper, "at_least")


def test_years_and_times_are_not_ranges() -> None:
    assert [c.as_written for c in extract("2019-2023年，破获300起；10:00-12:00抓获3人。")] == [
        "300起",
        "3人",
    ]


SHAPES = {
    "a run of digits": "1",
    "a run of numerals": "一",
    "one long sentence": "破获5起，",
    "one long clause": "5起、",
    "no punctuation": "破获5起",
    "places and 全市": "全市在渭南市破获5起，",
    "分别 lists": "渭南市、富平县分别破获5起和6起，",
    "quotations in a quotation": "“a”5起",
}


def _seconds(piece: str, size: int, runs: int = 2) -> float:
    """The best CPU time of a few runs (a shared machine slows one run now and then)."""
    text = piece * (size // len(piece.encode("utf-8")))
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        extract(text)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("shape", ["one long clause", "places and 全市"])
def test_time_grows_linearly_quick(shape: str) -> None:
    extract("热身")
    small = max(_seconds(SHAPES[shape], 10_000, runs=3), 0.005)
    large = _seconds(SHAPES[shape], 100_000)
    assert large / small < 30, f"{shape}: {small:.3f} s for 10 KB, {large:.3f} s for 100 KB"


@pytest.mark.slow
@pytest.mark.parametrize(
    "shape", ["a run of digits", "one long clause", "places and 全市", "quotations in a quotation"]
)
def test_time_grows_linearly(shape: str) -> None:
    """100 KB and 1 MB of a shape: linear time is a ratio near 10, quadratic near 100 (every
    shape of SHAPES is timed by benchmarks/extract_speed.py --shapes)."""
    extract("热身")
    small = max(_seconds(SHAPES[shape], 100_000, runs=3), 0.01)
    large = _seconds(SHAPES[shape], 1_000_000, runs=1)
    assert large / small < 30, f"{shape}: {small:.2f} s for 100 KB, {large:.2f} s for 1 MB"
