"""How fast `pingan extract` reads a megabyte of article text, and that its time grows linearly.

    python benchmarks/extract_speed.py                 # the command on 1 MB of the founding article
    python benchmarks/extract_speed.py --corpus DIR    # and on 1 MB of the labelled corpus articles
    python benchmarks/extract_speed.py --shapes        # 100 KB and 1 MB of hostile shapes
    python benchmarks/extract_speed.py --size 2000000 --runs 5

The text is real article text repeated to the size asked, in bytes of UTF-8 as a file on disk
holds it, written to a temporary file. Each run is the whole command, `pingan extract FILE
--format json`, in a fresh process: Python's start-up, the imports, the bundled dataset and the
gazetteer are counted, as a user waits for them (after one run that writes the modules'
byte-code, as installing does). The figures are the best and the median wall
time of the runs and the CPU time of the best run, with the load average at the start (on a
shared machine the wall time also counts the other programs' turns on the processor). The goal
(issue 21) is 1 MB a second of wall time.

--shapes times extract in this process on 100 KB and on 1 MB of each shape of the hostile
articles of issue 20 (a run of digits, one sentence or one clause of ten thousand figures, …):
the ratio of the two times is near 10 when time grows linearly, near 100 when it grows with the
square of the length.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))

FOUNDING = REPO / "data" / "sources" / "sxzf-140874.txt"
TARGET = 1_000_000
GOAL_MB_PER_S = 1.0
# The shapes of issue 20, each repeated to the size asked.
SHAPES = {
    "a run of digits": "1",
    "a run of numerals": "一",
    "one long sentence": "破获5起，",
    "one long clause": "5起、",
    "no punctuation": "破获5起",
    "places and 全市": "全市在渭南市破获5起，",
    "分别 lists": "渭南市、富平县分别破获5起和6起，",
    "quotations in a quotation": "“a”5起",
    "years and months": "2023年1-7月破获5起，",
}


def megabyte(texts: list[str], size: int) -> str:
    """Articles one after another, cut to size bytes of UTF-8 (a 1 MB file holds about 350,000
    Chinese characters)."""
    one = "\n".join(texts)
    copies = size // len(one.encode("utf-8")) + 1
    return "\n".join([one] * copies).encode("utf-8")[:size].decode("utf-8", "ignore")


def command_time(path: Path, runs: int) -> tuple[list[float], float]:
    """Wall times of `pingan extract PATH --format json` in fresh processes, and the CPU time
    (user and system, of the child) of the fastest."""
    walls: list[float] = []
    cpus: list[float] = []
    argv = [sys.executable, "-m", "pingan_cli", "extract", str(path), "--format", "json"]
    # As an installed pingan runs: its modules' byte-code written once and read after (a
    # PYTHONDONTWRITEBYTECODE=1 in the environment would compile every module at every start).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=REPO, env=env)
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=REPO, env=env)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return walls, cpus[walls.index(min(walls))]


def measure(name: str, text: str, runs: int) -> bool:
    """Time the command on text; print the figures; True when the best run meets the goal."""
    size = len(text.encode("utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.txt"
        path.write_text(text, encoding="utf-8")
        walls, cpu = command_time(path, runs)
    rate = size / 1e6 / min(walls)
    print(
        f"{name}: {len(text):,} characters ({size / 1e6:.2f} MB UTF-8); "
        f"wall best {min(walls):.2f} s ({rate:.2f} MB/s), median {statistics.median(walls):.2f} s; "
        f"CPU of the best run {cpu:.2f} s"
    )
    return rate >= GOAL_MB_PER_S


def shapes(runs: int) -> bool:
    """Time extract on 100 KB and 1 MB of each shape; True when every ratio is under 30."""
    from pingan_cli.extraction import extract

    extract("热身")

    def seconds(piece: str, size: int) -> float:
        text = piece * (size // len(piece.encode("utf-8")))
        best = float("inf")
        for _ in range(runs):
            started = time.process_time()
            extract(text)
            best = min(best, time.process_time() - started)
        return best

    ok = True
    for name, piece in SHAPES.items():
        small = max(seconds(piece, 100_000), 1e-3)
        large = seconds(piece, 1_000_000)
        ok &= large / small < 30
        print(
            f"{name}: 100 KB {small:.2f} s, 1 MB {large:.2f} s of CPU time; "
            f"ratio {large / small:.1f}"
        )
    return ok


def main() -> int:
    """Run the benchmark; exit 1 when a text misses the goal or a shape grows faster than
    linearly."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=TARGET, help="bytes of UTF-8 text")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per text")
    parser.add_argument("--corpus", type=Path, help="a folder of labelled articles (*.txt)")
    parser.add_argument("--shapes", action="store_true", help="time the hostile shapes instead")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.shapes:
        ok = shapes(args.runs)
        print("linear (every 1 MB / 100 KB ratio under 30): " + ("yes" if ok else "no"))
        return 0 if ok else 1
    texts = {"founding article": [FOUNDING.read_text(encoding="utf-8")]}
    if args.corpus:
        articles = sorted(args.corpus.glob("*.txt"))
        texts["labelled corpus"] = [p.read_text(encoding="utf-8") for p in articles]
    ok = True
    for name, parts in texts.items():
        ok &= measure(name, megabyte(parts, args.size), args.runs)
    print(f"at least {GOAL_MB_PER_S:g} MB a second, start-up included: " + ("yes" if ok else "no"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
