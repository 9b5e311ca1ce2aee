"""Nothing quadratic: the time pingan takes to refuse hostile bulk CSV files, at two sizes.

    python benchmarks/hostile_sizes.py                       # 100 KB and 1 MB of each shape
    python benchmarks/hostile_sizes.py --sizes 100000 1000000 10000000 --runs 5

Each shape is a CSV file named under observation_files of a small valid dataset, made at each
size in bytes; the dataset is loaded in this process (load, validate, read the CSV file) and
refused with its message. A linear reader takes about ten times as long for ten times the bytes;
a quadratic one a hundred times (a header of 20,000 columns took 3.1 s, of a million columns
never ended, when each column's name was counted with header.count()). The figures are the best
CPU time of the runs (the time the work itself takes: on a shared machine wall time also counts
other programs' turns) and the ratio between consecutive sizes; the run fails when a ratio is
more than three times the ratio of the sizes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))

from pingan_cli.load.problems import DataError  # noqa: E402
from pingan_cli.store.csvrows import report_repeats  # noqa: E402

BASE = REPO / "tests" / "load" / "bad_inputs" / "files" / "base.yaml"
HEADER = "region,indicator,period,value,unit"


def _unique_columns(size: int) -> str:
    """A header of as many distinct unknown columns as fit in size bytes."""
    names, length, n = [HEADER], len(HEADER), 0
    while length < size:
        name = f",x{n}"
        names.append(name)
        length += len(name)
        n += 1
    return "".join(names) + "\n"


def _one_name_repeated(size: int) -> str:
    """A header naming one unknown column again and again."""
    return HEADER + ",x" * ((size - len(HEADER)) // 2) + "\n"


def _wide_row(size: int) -> str:
    """A valid header, then one row of as many cells as fit in size bytes."""
    return HEADER + "\nfuping" + ",1" * ((size - len(HEADER)) // 2) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "header of distinct columns": _unique_columns,
    "header of one column repeated": _one_name_repeated,
    "a row of many cells": _wide_row,
}


def refuse(folder: Path, text: str) -> tuple[float, str]:
    """Load the dataset naming a CSV file of text; the CPU seconds until it is refused, and the
    first line of the message."""
    from pingan_cli.load.loader import load_paths

    data = folder / "data.yaml"
    data.write_text(
        BASE.read_text(encoding="utf-8")
        + "observation_files:\n  - path: o.csv\n    source: article\n",
        encoding="utf-8",
    )
    (folder / "o.csv").write_text(text, encoding="utf-8")
    start = time.process_time()
    try:
        report_repeats(load_paths([data]))
    except DataError as error:
        return time.process_time() - start, str(error).splitlines()[0]
    raise AssertionError("the file was not refused")


def best(shape: Callable[[int], str], size: int, runs: int) -> tuple[float, str]:
    """The best of runs timings of refusing shape at size bytes, and its message."""
    text = shape(size)
    with tempfile.TemporaryDirectory() as folder:
        timings = [refuse(Path(folder), text) for _ in range(runs)]
    return min(t for t, _ in timings), timings[0][1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    failed = False
    for name, shape in SHAPES.items():
        previous: tuple[int, float] | None = None
        for size in args.sizes:
            seconds, message = best(shape, size, args.runs)
            line = f"{name}, {size:,} bytes: CPU {seconds:.3f} s"
            if previous is not None:
                ratio = seconds / max(previous[1], 1e-6)
                allowed = 3 * size / previous[0]
                failed |= ratio > allowed
                line += f", {ratio:.1f} x the {previous[0]:,}-byte file (at most {allowed:.0f})"
            print(line)
            previous = (size, seconds)
        print(
            f"  message: {message[:160]}{'…' if len(message) > 160 else ''} ({len(message)} chars)"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
