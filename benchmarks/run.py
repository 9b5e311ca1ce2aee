"""Time pingan as whole processes, against sqlite-utils where there is a peer, and at scale.

    python benchmarks/run.py                     # everything: bundled data, 100k and 1M
    python benchmarks/run.py --sizes 100000      # a quicker run
    python benchmarks/run.py --skip-scale        # the bundled data only

Each command runs as its own process; the figure is the median wall time of several runs after
a warm-up, and peak memory is the child's maximum resident set size (os.wait4). Where a command
has a peer, the two alternate within one run (ABBA order) so that both see the same machine.
Results are printed as a table and written to benchmarks/results.json (see docs/performance.md).

Children run with output to files (a pipe, for the programs: no terminal, COLUMNS unset), a
private cache folder under benchmarks/out/, and byte-compiled modules kept under
benchmarks/out/pycache (PYTHONPYCACHEPREFIX), as an installed package would have them even when
the calling shell sets PYTHONDONTWRITEBYTECODE.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
RESULTS = HERE / "results.json"
MIB = 1024 * 1024

# The goals of issues 5 ("Fast at any scale") and 13 ("The heart as a library").
PEER_RATIO_GOAL = 0.5
# The first run at most this many times a bare csv + executemany load of the same CSV file.
BARE_RATIO_GOAL = 2.5
FIRST_RUN_GOAL_S = 60.0
PEAK_MEMORY_GOAL_MIB = 1024.0
WARM_GOAL_S = 0.5
# "Flat": the larger dataset's median within this factor of the smaller's (or 50 ms of it).
FLAT_FACTOR = 1.5
FLAT_SLACK_S = 0.05

BUNDLED_REGION = "fuping"
BUNDLED_YEAR = 2023
INDICATOR = "criminal-cases"
YEAR = 2023


@dataclass
class Timing:
    """One command's runs: wall seconds and peak resident memory of each."""

    label: str
    argv: list[str]
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    output_bytes: int = 0

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        """Median CPU time (user + system) in seconds: what the command costs on an idle machine."""
        return statistics.median(self.cpu_seconds)

    @property
    def peak_mib(self) -> float:
        """The largest peak resident memory of any run, in MiB."""
        return max(self.peak_kib) / 1024

    def summary(self) -> dict[str, Any]:
        """The figures the results file keeps."""
        return {
            "label": self.label,
            "argv": self.argv,
            "median_s": round(self.median, 4),
            "min_s": round(min(self.seconds), 4),
            "max_s": round(max(self.seconds), 4),
            "runs_s": [round(s, 4) for s in self.seconds],
            "cpu_median_s": round(self.cpu_median, 4),
            "peak_mib": round(self.peak_mib, 1),
            "output_bytes": self.output_bytes,
        }


def child_env(cache: Path) -> dict[str, str]:
    """The environment every measured process gets."""
    env = dict(os.environ)
    for name in ("COLUMNS", "LINES", "PINGAN_DATA", "PINGAN_LANG", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env["PINGAN_CACHE_DIR"] = str(cache)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    env["NO_COLOR"] = "1"
    return env


@dataclass(frozen=True)
class Run:
    """One finished process."""

    seconds: float
    cpu_seconds: float
    peak_kib: int
    status: int
    output_bytes: int
    stderr: str


def measure(argv: list[str], env: dict[str, str]) -> Run:
    """Run one process to completion, its output to a file, and time it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return Run(
            elapsed,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss,
            process.returncode,
            out.tell(),
            err.read().decode(errors="replace"),
        )


def run_once(timing: Timing, env: dict[str, str], record: bool = True) -> None:
    """Run a command once, failing loudly if it fails."""
    run = measure(timing.argv, env)
    if run.status != 0:
        raise SystemExit(f"{' '.join(timing.argv)} failed ({run.status}): {run.stderr[-2000:]}")
    if record:
        timing.seconds.append(run.seconds)
        timing.cpu_seconds.append(run.cpu_seconds)
        timing.peak_kib.append(run.peak_kib)
        timing.output_bytes = run.output_bytes


def alternate(first: Timing, second: Timing, runs: int, env: dict[str, str]) -> None:
    """Warm both up, then run them in ABBA order so drift affects both alike."""
    run_once(first, env, record=False)
    run_once(second, env, record=False)
    for n in range(runs):
        pair = (first, second) if n % 2 == 0 else (second, first)
        for timing in pair:
            run_once(timing, env)


def repeat(timing: Timing, runs: int, env: dict[str, str], warm_up: bool = True) -> Timing:
    """Run a command `runs` times after one unrecorded run."""
    if warm_up:
        run_once(timing, env, record=False)
    for _ in range(runs):
        run_once(timing, env)
    return timing


def tool(name: str) -> list[str]:
    """The console script next to this Python, else `python -m`."""
    script = Path(sys.executable).with_name(name)
    if script.exists():
        return [str(script)]
    found = shutil.which(name)
    if found:
        return [found]
    if name == "pingan":
        return [sys.executable, "-m", "pingan_cli"]
    raise SystemExit(f"{name} is not installed: pip install -e '.[bench]'")


def machine() -> dict[str, Any]:
    """Where the figures come from."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    memory = 0
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) // 1024
    import pingan_cli

    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_mib": memory,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "pingan": pingan_cli.__version__,
        # The package the children import: a PYTHONPATH checkout shows here.
        "pingan_source": os.path.dirname(pingan_cli.__file__),
        "commit": commit + ("+changes" if dirty else ""),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# --- (a) the bundled dataset against sqlite-utils ------------------------------------------------

PEER_SELECT = (
    "SELECT r.name_zh AS region, i.name_zh AS indicator, o.period, "
    "COALESCE(o.as_written, o.value) AS value, o.qualifier, o.unit, i.category "
    "FROM observations o JOIN regions r ON r.id = o.region "
    "JOIN indicators i ON i.id = o.indicator "
)


def bundled(runs: int) -> list[dict[str, Any]]:
    """show, list and compare on the bundled data, each alternated with its sqlite-utils peer."""
    cache = OUT / "cache-bundled"
    shutil.rmtree(cache, ignore_errors=True)
    env = child_env(cache)
    pingan = tool("pingan")
    exported = OUT / "bundled.sqlite"
    run_once(Timing("export", [*pingan, "export", "--format", "sqlite", str(exported)]), env)
    peer = [*tool("sqlite-utils"), str(exported)]
    cases = [
        (
            f"show {BUNDLED_REGION}",
            ["show", BUNDLED_REGION],
            PEER_SELECT + "WHERE o.region IN (SELECT region FROM region_tree WHERE ancestor = "
            f"'{BUNDLED_REGION}') ORDER BY o.id",
        ),
        ("list", ["list"], PEER_SELECT + "ORDER BY o.id"),
        (
            f"compare --year {BUNDLED_YEAR}",
            ["compare", "--year", str(BUNDLED_YEAR)],
            PEER_SELECT + f"WHERE o.year = {BUNDLED_YEAR} AND r.level IN ('city', 'county') "
            "ORDER BY o.id",
        ),
    ]
    results = []
    for label, args, sql in cases:
        ours = Timing(f"pingan {label}", [*pingan, *args])
        theirs = Timing(f"sqlite-utils ({label} rows)", [*peer, sql, "--table"])
        alternate(ours, theirs, runs, env)
        as_json = repeat(
            Timing(f"pingan {label} --format json", [*ours.argv, "-o", "json"]), runs, env
        )
        ratio = ours.median / theirs.median
        results.append(
            {
                "command": label,
                "pingan": ours.summary(),
                "peer": theirs.summary(),
                "pingan_json": as_json.summary(),
                "ratio": round(ratio, 3),
                "ratio_json": round(as_json.median / theirs.median, 3),
                "goal": f"pingan median <= {PEER_RATIO_GOAL} x peer median",
                "met": ratio <= PEER_RATIO_GOAL,
            }
        )
    return results


# --- (b) national scale --------------------------------------------------------------------------


def dataset(size: int, seed: int) -> Path:
    """The generated dataset of this size, made once per seed."""
    folder = OUT / f"data-{size}-{seed}"
    yaml_path = folder / "dataset.yaml"
    stamp = folder / "complete"
    # Made again whenever the generator changes.
    version = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != version:
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--observations",
                str(size),
                "--seed",
                str(seed),
                "--out",
                str(folder),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        stamp.write_text(version)
    return yaml_path


def pick(cache: Path) -> tuple[str, str]:
    """A city and one of its counties, the first in dataset order, from the built store."""
    [store] = cache.glob("store-*.sqlite")
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        city = db.execute(
            "SELECT id FROM regions WHERE level = 'city' ORDER BY position LIMIT 1"
        ).fetchone()[0]
        county = db.execute(
            "SELECT id FROM regions WHERE parent = ? ORDER BY position LIMIT 1", (city,)
        ).fetchone()[0]
    db.close()
    return str(city), str(county)


def scale(size: int, seed: int, first_runs: int, runs: int) -> dict[str, Any]:
    """First run (validate and build) and warm queries on a generated dataset."""
    data = dataset(size, seed)
    csv_bytes = data.with_name("observations.csv").stat().st_size
    cache = OUT / f"cache-{size}"
    env = child_env(cache)
    pingan = [*tool("pingan"), "--data", str(data)]
    first = Timing("first run: validate and build the store", [*pingan, "sources", "-o", "csv"])
    bare_target = OUT / f"bare-{size}.sqlite"
    bare = Timing(
        "bare load: csv module + executemany, no checks",
        [sys.executable, str(HERE / "bare_load.py"), str(data.with_name("observations.csv")),
         str(bare_target)],
    )  # fmt: skip
    # Alternated (ABBA) so that both see the same machine.
    for n in range(first_runs):
        for timing in (first, bare) if n % 2 == 0 else (bare, first):
            if timing is first:
                shutil.rmtree(cache, ignore_errors=True)
            run_once(timing, env)
    bare_target.unlink(missing_ok=True)
    bare_ratio = first.median / bare.median
    validate = repeat(
        Timing("validate (in memory, no cache)", [*tool("pingan"), "validate", str(data)]),
        first_runs,
        env,
        warm_up=False,
    )
    city, county = pick(cache)
    store_bytes = sum(p.stat().st_size for p in cache.glob("store-*.sqlite"))
    year, indicator = str(YEAR), INDICATOR
    warm = []
    for label, args in (
        (f"show {county}", ["show", county]),
        (
            f"list --region {city} --year {year} --indicator {indicator}",
            ["list", "--region", city, "--year", year, "--indicator", indicator],
        ),
        (
            f"compare --year {year} --indicator {indicator}",
            ["compare", "--year", year, "--indicator", indicator],
        ),
    ):
        for fmt in ("table", "json", "csv"):
            timing = repeat(Timing(f"{label} -o {fmt}", [*pingan, *args, "-o", fmt]), runs, env)
            warm.append(
                {
                    "command": label,
                    "format": fmt,
                    **timing.summary(),
                    "goal": f"median < {WARM_GOAL_S} s",
                    "met": timing.median < WARM_GOAL_S,
                }
            )
    return {
        "observations": size,
        "csv_bytes": csv_bytes,
        "store_bytes": store_bytes,
        "city": city,
        "county": county,
        "first_run": {
            **first.summary(),
            "goal": (
                f"<= {BARE_RATIO_GOAL} x the bare load, < {FIRST_RUN_GOAL_S:.0f} s and "
                f"< {PEAK_MEMORY_GOAL_MIB:.0f} MiB"
            ),
            "bare_ratio": round(bare_ratio, 2),
            "bare_ratio_cpu": round(first.cpu_median / bare.cpu_median, 2),
            "met": bare_ratio <= BARE_RATIO_GOAL
            and first.median < FIRST_RUN_GOAL_S
            and first.peak_mib < PEAK_MEMORY_GOAL_MIB,
        },
        "bare_load": bare.summary(),
        "validate": validate.summary(),
        "warm": warm,
    }


def growth(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    """How the first run grows and whether warm queries stay flat between two sizes."""
    factor = large["observations"] / small["observations"]
    time_ratio = large["first_run"]["median_s"] / small["first_run"]["median_s"]
    cpu_ratio = large["first_run"]["cpu_median_s"] / small["first_run"]["cpu_median_s"]
    memory_ratio = large["first_run"]["peak_mib"] / small["first_run"]["peak_mib"]
    flat = []
    for a, b in zip(small["warm"], large["warm"], strict=True):
        ratio = b["median_s"] / a["median_s"]
        flat.append(
            {
                "command": a["command"],
                "format": a["format"],
                "small_s": a["median_s"],
                "large_s": b["median_s"],
                "ratio": round(ratio, 2),
                "cpu_small_s": a["cpu_median_s"],
                "cpu_large_s": b["cpu_median_s"],
                "met": b["median_s"]
                <= max(a["median_s"] * FLAT_FACTOR, a["median_s"] + FLAT_SLACK_S),
            }
        )
    return {
        "from": small["observations"],
        "to": large["observations"],
        "size_factor": factor,
        "first_run_time_ratio": round(time_ratio, 2),
        "first_run_cpu_ratio": round(cpu_ratio, 2),
        "first_run_memory_ratio": round(memory_ratio, 2),
        "first_run_at_most_linear": time_ratio <= factor and memory_ratio <= factor,
        "flat_rule": (
            f"large median <= max({FLAT_FACTOR} x small, small + {FLAT_SLACK_S * 1000:.0f} ms)"
        ),
        "warm_flat": flat,
    }


# --- report --------------------------------------------------------------------------------------


def mark(met: bool) -> str:
    return "yes" if met else "NO"


def print_report(results: dict[str, Any]) -> None:
    """The figures as plain tables: wall-time medians, CPU-time medians in brackets."""
    m = results["machine"]
    print(
        f"\n{m['cpu']} x {m['nproc']}, Python {m['python']}, SQLite {m['sqlite']}, "
        f"{m['commit']}, load average {m['load_average_at_start'][0]} at start, "
        f"{results['load_average_at_end'][0]} at end"
    )
    print("wall-time medians; [CPU-time medians, user + system]")
    if results.get("bundled"):
        print("\n(a) bundled data, warm, table to a pipe; peer: sqlite-utils --table, same rows")
        print(
            f"{'command':<20} {'pingan':>17} {'--format json':>17} {'sqlite-utils':>17} "
            f"{'ratio':>6}  goal <= {PEER_RATIO_GOAL}"
        )
        for row in results["bundled"]:
            print(
                f"{row['command']:<20} {_cell(row['pingan'])} {_cell(row['pingan_json'])} "
                f"{_cell(row['peer'])} {row['ratio']:>6.2f}  {mark(row['met'])}"
            )
    for key, entry in results.get("scale", {}).items():
        first = entry["first_run"]
        check = entry["validate"]
        print(
            f"\n(b) {entry['observations']:,} observations ({key}); store "
            f"{entry['store_bytes'] / MIB:.0f} MiB"
        )
        bare = entry["bare_load"]
        print(
            f"first run (validate, build): {_cell(first)}, peak {first['peak_mib']:.0f} MiB; "
            f"bare load {_cell(bare)}, peak {bare['peak_mib']:.0f} MiB; ratio "
            f"{first['bare_ratio']:.2f} [CPU {first['bare_ratio_cpu']:.2f}]  goal <= "
            f"{BARE_RATIO_GOAL}, < {PEAK_MEMORY_GOAL_MIB:.0f} MiB: {mark(first['met'])}"
        )
        print(f"pingan validate (in memory): {_cell(check)}, peak {check['peak_mib']:.0f} MiB")
        print(f"{'warm':<58} {'format':<6} {'median':>17} {'peak':>7}  goal < {WARM_GOAL_S} s")
        for row in entry["warm"]:
            print(
                f"{row['command']:<58} {row['format']:<6} {_cell(row)} "
                f"{row['peak_mib']:>4.0f}MiB  {mark(row['met'])}"
            )
    if results.get("growth"):
        g = results["growth"]
        print(
            f"\ngrowth {g['from']:,} -> {g['to']:,} (x{g['size_factor']:.0f}): first run wall "
            f"x{g['first_run_time_ratio']} [CPU x{g['first_run_cpu_ratio']}], memory "
            f"x{g['first_run_memory_ratio']}; at most linear: {mark(g['first_run_at_most_linear'])}"
        )
        for row in g["warm_flat"]:
            print(
                f"  {row['command']:<58} {row['format']:<6} {row['small_s']:.3f}s -> "
                f"{row['large_s']:.3f}s [{row['cpu_small_s']:.3f} -> {row['cpu_large_s']:.3f}]"
                f"  flat: {mark(row['met'])}"
            )


def _cell(timing: dict[str, Any]) -> str:
    return f"{timing['median_s']:>6.3f}s [{timing['cpu_median_s']:.3f}]".rjust(17)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        default="100000,1000000",
        help="observation counts to generate and time, comma-separated (default 100000,1000000)",
    )
    parser.add_argument("--runs", type=int, default=11, help="timed runs per warm command")
    parser.add_argument(
        "--peer-runs",
        type=int,
        default=41,
        help="timed runs of each bundled command and of its peer, alternating (default 41: "
        "on a machine whose speed shifts between runs, fewer leave the ratio noisy)",
    )
    parser.add_argument("--first-runs", type=int, default=3, help="timed first runs per size")
    parser.add_argument("--seed", type=int, default=20240321)
    parser.add_argument("--skip-bundled", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS, help="results JSON file")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="SECONDS",
        help="first wait up to SECONDS for the 1-minute load average to fall below 0.5",
    )
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    deadline = time.time() + args.wait_quiet
    while os.getloadavg()[0] >= 0.5 and time.time() < deadline:
        time.sleep(5)
    started = time.time()
    results: dict[str, Any] = {
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(
            ["python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]
        ),
        "machine": machine(),
        "settings": {
            "runs": args.runs,
            "peer_runs": args.peer_runs,
            "first_runs": args.first_runs,
            "seed": args.seed,
            "statistic": "median wall time of whole processes after one warm-up run",
            "memory": "peak resident set size of the process (ru_maxrss via os.wait4)",
        },
    }
    if not args.skip_bundled:
        results["bundled"] = bundled(args.peer_runs)
    if not args.skip_scale:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        results["scale"] = {
            _name(size): scale(size, args.seed, args.first_runs, args.runs) for size in sizes
        }
        if len(sizes) >= 2:
            ordered = sorted(sizes)
            results["growth"] = growth(
                results["scale"][_name(ordered[0])], results["scale"][_name(ordered[-1])]
            )
    results["seconds"] = round(time.time() - started, 1)
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print_report(results)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"\nwrote {args.output} in {results['seconds']:.0f} s")


def _name(size: int) -> str:
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}m"
    if size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


if __name__ == "__main__":
    main()
