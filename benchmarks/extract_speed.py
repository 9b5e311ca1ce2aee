"""How fast `extract` reads a megabyte of real article text.

    python benchmarks/extract_speed.py                 # 1 MB of the founding article
    python benchmarks/extract_speed.py --corpus DIR    # 1 MB of the labelled corpus articles too
    python benchmarks/extract_speed.py --size 2000000 --runs 5

The text is real article text repeated to the size asked, in bytes of UTF-8 as a file on disk
holds it (the founding article is dense: one figure every 56 characters). Each run extracts the
whole text in this process after one warm-up
(module imports and the gazetteer are loaded once, as in a long-running session; the first-call
cost is printed apart). The figures are the best and the median of the runs, wall and CPU time,
with the load average at the start. The verdict is on CPU time, the time the extraction itself
takes: on a shared machine the wall time also counts the other programs' turns on the processor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))

from pingan_cli.extraction import extract  # noqa: E402
from pingan_cli.extraction.places import gazetteer  # noqa: E402

FOUNDING = REPO / "data" / "sources" / "sxzf-140874.txt"
TARGET = 1_000_000
LIMIT = 1.0


def megabyte(texts: list[str], size: int) -> str:
    """Articles one after another, cut to size bytes of UTF-8 (a 1 MB file holds about 350,000
    Chinese characters)."""
    one = "\n".join(texts)
    copies = size // len(one.encode("utf-8")) + 1
    return "\n".join([one] * copies).encode("utf-8")[:size].decode("utf-8", "ignore")


def measure(name: str, text: str, runs: int) -> bool:
    """Time extract on text; print the figures; True when the best run is under the limit."""
    walls: list[float] = []
    cpus: list[float] = []
    found = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        found = len(extract(text))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    size = len(text.encode("utf-8"))
    print(
        f"{name}: {len(text):,} characters ({size / 1e6:.2f} MB UTF-8), {found:,} figures; "
        f"wall best {min(walls):.3f} s, median {statistics.median(walls):.3f} s; "
        f"CPU best {min(cpus):.3f} s"
    )
    return min(cpus) < LIMIT


def main() -> int:
    """Run the benchmark; exit 1 when a text takes a second or more."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=TARGET, help="bytes of UTF-8 text")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per text")
    parser.add_argument("--corpus", type=Path, help="a folder of labelled articles (*.txt)")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = time.perf_counter()
    gazetteer()
    extract("2023年，全市破获案件300起。")
    print(f"first call (gazetteer and patterns): {time.perf_counter() - started:.3f} s")
    texts = {"founding article": [FOUNDING.read_text(encoding="utf-8")]}
    if args.corpus:
        articles = sorted(args.corpus.glob("*.txt"))
        texts["labelled corpus"] = [p.read_text(encoding="utf-8") for p in articles]
    ok = True
    for name, parts in texts.items():
        ok &= measure(name, megabyte(parts, args.size), args.runs)
    print("under a second of CPU time per text: " + ("yes" if ok else "no"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
