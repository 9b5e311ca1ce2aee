"""The corpus of bad inputs (tests/bad_inputs): every case gives its exit code and its message.

Each case runs the real command line in-process through ``pingan_cli.cli.root.main``. Cases about
hostile performance (alias bombs, deep nesting, special files) carry a time limit, and a few of
them run again as a separate process, where a crash of the C parser or a blow-up of memory would
show, measuring wall time and peak memory. The YAML-level cases run a second time with PyYAML's
pure-Python parser, the fallback when libyaml is missing.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from pingan_cli.load import yamlread
from pingan_cli.load.problems import DataError

from .bad_inputs.runner import HERE, Outcome, build_input, case_name, load_cases, run_case

CASES = load_cases()
# Groups whose cases are about the YAML text itself: the pure-Python parser must agree.
PURE_GROUPS = ("tags", "aliases_and_nesting", "duplicate_keys", "document_shape", "syntax")
# Cases too slow for the pure-Python parser (it is ~20 times slower than libyaml).
PURE_SKIP = ("too-many-values.yaml",)
# What must never reach a terminal from an error message.
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging forever if a case blocks (a FIFO opened for reading would)."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"the case ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check(case: dict[str, Any], outcome: Outcome, folder: Path, stderr_key: str) -> None:
    expected = case["expected"]
    everything = outcome.stdout + outcome.stderr
    assert "Traceback" not in everything
    assert outcome.exit == expected["exit"], outcome.stderr
    for fragment in expected.get(stderr_key, expected.get("stderr_contains", [])):
        assert fragment in outcome.stderr, f"{fragment!r} not in:\n{outcome.stderr}"
    for fragment in expected.get("stdout_contains", []):
        assert fragment in outcome.stdout
    for fragment in expected.get("stderr_lacks", []):
        assert fragment not in outcome.stderr, f"{fragment!r} in:\n{outcome.stderr}"
    if expected["exit"] != 0:
        assert outcome.stdout == ""
        assert not RAW_CONTROL.search(outcome.stderr)
    if "max_seconds" in expected:
        # A guard against blow-ups (a quadratic alias walk takes minutes, not seconds), not a speed
        # claim: CPU time, not wall time, and a slack, so a loaded machine does not fail it.
        # Speed: benchmarks/run.py.
        assert outcome.cpu_seconds < expected["max_seconds"] * BLOWUP_SLACK
    if "must_not_create" in expected:
        assert not (folder / expected["must_not_create"]).exists()


BLOWUP_SLACK = 6

# Cases that take seconds: in the full run only.
SLOW_CASES = {"too-many-values.yaml"}


@pytest.mark.parametrize(
    ("case_id", "case"),
    [
        pytest.param(
            i, c, marks=[pytest.mark.slow] if case_name(c) in SLOW_CASES or c.get("slow") else []
        )
        for i, c in CASES
    ],
    ids=[c[0] for c in CASES],
)
def test_case(case_id: str, case: dict[str, Any], tmp_path: Path) -> None:
    with _deadline(60):
        outcome = run_case(case, tmp_path)
    _check(case, outcome, tmp_path, "stderr_contains")


PURE_CASES = [
    (case_id, case)
    for case_id, case in CASES
    if case_id.startswith(PURE_GROUPS) and case.get("name") not in PURE_SKIP
]


@pytest.mark.parametrize(("case_id", "case"), PURE_CASES, ids=[c[0] for c in PURE_CASES])
def test_case_with_pure_python_parser(
    case_id: str, case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    with _deadline(60):
        outcome = run_case(case, tmp_path)
    _check(case, outcome, tmp_path, "pure_stderr_contains")


def test_corpus_layout() -> None:
    """At least 45 bad inputs; every case well formed, with its message and location."""
    bad = [case for _, case in CASES if case["expected"]["exit"] != 0]
    assert len(bad) >= 45
    inputs = ("file", "input", "bytes_hex", "input_parts", "make")
    for case_id, case in CASES:
        assert case["description"], case_id
        assert sum(key in case for key in inputs) == 1, case_id
        if "file" in case:
            assert (HERE / "files" / case["file"]).is_file(), case_id
        expected = case["expected"]
        if expected["exit"] != 0:
            first = expected["stderr_contains"][0]
            # file:line:column where the file has lines; the file alone where it has none.
            assert re.match(r"^\S+(:\d+:\d+)?: ", first), (case_id, first)
            assert expected["stderr_contains"][-1].startswith("error: "), case_id


def test_the_tag_cases_run_nothing(tmp_path: Path) -> None:
    """Loading a file that asks PyYAML to run a command never runs it, whatever the parser."""
    marker = tmp_path / "pwned"
    text = f'format: !!python/object/apply:os.system ["touch {marker}"]\n'
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        with pytest.raises(DataError):
            yamlread.parse(text, "x.yaml", loader)
    assert not marker.exists()


# --- hostile cases in a process of their own: no crash, bounded time and memory -------------

SUBPROCESS_CASES = [
    "billion-laughs.yaml",
    "alias-quadratic.yaml",
    "alias-self-sequence.yaml",
    "deep-block.yaml",
    "deep-flow-sequence.yaml",
    "deep-flow-mapping.yaml",
    "fifo.yaml",
    "/dev/zero",
    "huge.yaml",
]
# A guard against blow-ups (quadratic aliases, endless input), not a speed claim: speed is proven
# by benchmarks/run.py. Generous, so a loaded machine does not fail it.
MAX_SECONDS = 30.0
MAX_RSS_MB = 300


# The child reports its own peak: Linux counts the parent's peak into a vforked child's ru_maxrss
# (exec takes the high-water mark of the memory it replaces), so a large test process made every
# case look large. VmHWM belongs to the memory the child's own program got at exec.
_MEASURED = """
import atexit, os, sys
def _peak():
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM:"))
    with open(os.environ["PINGAN_TEST_PEAK"], "w") as out:
        out.write(peak.split()[1])
atexit.register(_peak)
from pingan_cli.cli.entry import main
main()
"""


def _by_name(name: str) -> dict[str, Any]:
    return next(case for _, case in CASES if case.get("name", case.get("file")) == name)


@pytest.mark.slow
@pytest.mark.parametrize("name", SUBPROCESS_CASES)
@pytest.mark.skipif(sys.platform != "linux", reason="needs Linux's /proc/self/status")
def test_hostile_case_in_its_own_process(name: str, tmp_path: Path) -> None:
    case = _by_name(name)
    paths = build_input(case, tmp_path)
    argv = ["validate", *paths]
    peak_file = tmp_path / "peak-kib"
    env = {
        **os.environ,
        "PINGAN_CACHE_DIR": str(tmp_path / "cache"),
        "PINGAN_TEST_PEAK": str(peak_file),
    }
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", _MEASURED, *argv],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # The outputs are a few lines, so they fit in the pipes while the process runs.
    deadline = time.monotonic() + 30
    while True:
        pid, status, _usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            pytest.fail(f"{name}: still running after 30 s")
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stdout is not None and process.stderr is not None
    stdout = process.stdout.read().decode()
    stderr = process.stderr.read().decode()
    process.stdout.close()
    process.stderr.close()
    # A crash of the parser would be a signal (negative code), not exit 1.
    assert process.returncode == case["expected"]["exit"], stderr
    assert "Traceback" not in stdout + stderr
    for fragment in case["expected"]["stderr_contains"]:
        assert fragment in stderr
    assert seconds < MAX_SECONDS
    peak_mb = int(peak_file.read_text()) / 1024  # VmHWM is in KiB
    assert peak_mb < MAX_RSS_MB, f"{name}: peak memory {peak_mb:.0f} MB"


def test_corpus_json_is_tidy() -> None:
    """The case files are what the runner reads: strict JSON, UTF-8, one list each."""
    for path in HERE.glob("*.json"):
        rows = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(rows, list) and rows, path.name
