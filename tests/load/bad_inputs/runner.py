"""Run one corpus case: build its input in a folder, run the real CLI in-process, capture it all.

A case is one row of a JSON file in this folder (see README.md). The CLI is run through
``pingan_cli.cli.root.main``, the entry point that turns exceptions into messages and exit codes,
with the case's folder as the current directory so that messages name files as the case expects.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
# Over yamlread.MAX_FILE_BYTES; the file is sparse, so it costs no disk space.
HUGE_BYTES = 17 * 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    """What a run printed and returned."""

    exit: int
    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float = 0.0


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every case of every JSON file, as (id, case)."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(HERE.glob("*.json")):
        for index, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            found.append((f"{path.stem}-{index:02d}-{case_name(case)}", case))
    return found


def case_name(case: dict[str, Any]) -> str:
    """The name of the case's (first) input."""
    return str(case.get("name") or case.get("file") or "data.yaml")


def build_input(case: dict[str, Any], folder: Path) -> list[str]:
    """Create the case's input in folder; return the paths to pass on the command line."""
    name = case_name(case)
    make = case.get("make")
    if "file" in case:
        shutil.copyfile(FILES / case["file"], folder / case["file"])
    elif "input" in case:
        (folder / name).write_bytes(case["input"].encode("utf-8"))
    elif "bytes_hex" in case:
        (folder / name).write_bytes(bytes.fromhex(case["bytes_hex"]))
    elif "input_parts" in case:
        text = "".join(part * times for part, times in case["input_parts"])
        (folder / name).write_text(text, encoding="utf-8")
    elif make == "huge":
        with open(folder / name, "wb") as handle:
            handle.truncate(HUGE_BYTES)
    elif make == "fifo":
        os.mkfifo(folder / name)
    elif make == "directory":
        (folder / name).mkdir()
    elif make in {"missing", "dev_zero", "env"}:
        pass
    else:  # pragma: no cover - a malformed case
        raise ValueError(f"case {case['description']!r} has no input")
    for extra in case.get("files", [])[1:]:
        if (FILES / extra).exists():
            shutil.copyfile(FILES / extra, folder / extra)
    for beside, how in case.get("beside", {}).items():
        # Files the data names (CSV files): made beside the input, not given on the command line.
        target = folder / beside
        target.parent.mkdir(parents=True, exist_ok=True)
        if "parts" in how:
            target.write_text("".join(p * n for p, n in how["parts"]), encoding="utf-8")
        elif "hex" in how:
            target.write_bytes(bytes.fromhex(how["hex"]))
        else:
            target.write_text(how["text"], encoding="utf-8")
    if make == "env":
        return []
    if make == "dev_zero":
        return ["/dev/zero"]
    return list(case.get("files") or [name])


def argv_for(case: dict[str, Any], paths: list[str]) -> list[str]:
    """validate PATH... by default; other commands get each path as --data PATH."""
    command = case.get("command", "validate").split()
    if command == ["validate"]:
        return ["validate", *paths]
    data = [arg for path in paths for arg in ("--data", path)]
    return [*data, *command]


@contextlib.contextmanager
def _environment(folder: Path, env: dict[str, str]) -> Iterator[None]:
    old_cwd = os.getcwd()
    saved = {key: os.environ.get(key) for key in env}
    os.chdir(folder)
    os.environ.update(env)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_main(argv: list[str], folder: Path, env: dict[str, str] | None = None) -> Outcome:
    """Run ``pingan ARGV`` through cli.main in folder, capturing output and the exit code."""
    from pingan_cli.cli.root import main

    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with (
        _environment(folder, env or {}),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        start = time.perf_counter()
        cpu_start = time.process_time()
        try:
            main(argv)
        except SystemExit as stop:
            code = stop.code
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start
    if code is None:
        code = 0
    if isinstance(code, str):  # pragma: no cover - main never exits with a message
        err.write(code)
        code = 1
    return Outcome(int(code), out.getvalue(), err.getvalue(), seconds, cpu_seconds)


def run_case(case: dict[str, Any], folder: Path) -> Outcome:
    """Build the case's input in folder and run it."""
    paths = build_input(case, folder)
    return run_main(argv_for(case, paths), folder, case.get("env"))


if __name__ == "__main__":  # pragma: no cover - a tool for writing cases
    import tempfile

    for case_id, case in load_cases():
        if len(sys.argv) > 1 and not any(word in case_id for word in sys.argv[1:]):
            continue
        with tempfile.TemporaryDirectory() as folder:
            outcome = run_case(case, Path(folder))
        print(f"== {case_id} exit={outcome.exit} {outcome.seconds:.2f}s")
        print(outcome.stderr + outcome.stdout[:300])
