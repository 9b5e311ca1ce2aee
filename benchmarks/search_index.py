"""How big the SQLite export's search indexes are, and what longer pieces would cost.

    python benchmarks/generate.py --observations 1000000 --out benchmarks/out/1m
    python benchmarks/search_index.py benchmarks/out/1m/dataset.yaml --longest 2 3 4 6

Exports the dataset (timing it), then reports each index's size from SQLite's dbstat table: the
trigram index (TABLE_fts) and the pieces index (TABLE_grams, pieces of 1 to LONGEST characters:
export/ngrams.py). For each other length asked, the observations' pieces index is built again
in a scratch database and measured, with the time its pieces and inserts take.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from pathlib import Path

import pingan_cli
from pingan_cli.export.ngrams import LONGEST, searchable

MB = 1024 * 1024


def index_sizes(path: Path) -> dict[str, int]:
    """Bytes of each full-text index (its shadow tables added up), by index name."""
    sizes: dict[str, int] = {}
    with sqlite3.connect(path) as db:
        for name, size in db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            for suffix in ("_fts", "_grams"):
                head, found, _ = str(name).partition(suffix + "_")
                if found or str(name).endswith(suffix):
                    key = head + suffix if found else str(name)
                    sizes[key] = sizes.get(key, 0) + int(size)
    return sizes


def pieces_index(export: Path, longest: int) -> tuple[int, float]:
    """The observations' pieces index with pieces up to ``longest``: its bytes, seconds to build."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "grams.sqlite"
        with sqlite3.connect(scratch) as db:
            db.execute(f"ATTACH '{export}' AS export")
            db.execute("CREATE VIRTUAL TABLE g USING fts5(text, content='', tokenize='unicode61')")
            started = time.perf_counter()
            rows = db.execute("SELECT id, quote, as_written, note FROM export.observations")
            texts = (
                (key, searchable(" ".join(v for v in values if v), longest))
                for key, *values in rows
            )
            db.executemany(
                "INSERT INTO g (rowid, text) VALUES (?, ?)", ((k, t) for k, t in texts if t)
            )
            db.commit()
            seconds = time.perf_counter() - started
            db.execute("DETACH export")
        with sqlite3.connect(scratch) as db:
            db.execute("VACUUM")
        return os.path.getsize(scratch), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--longest", type=int, nargs="*", default=[])
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "pingan-si")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.sqlite"
        with pingan_cli.open([args.dataset], cache_dir=args.cache_dir) as data:
            figures = data.counts().observations
            started = time.perf_counter()
            data.export(export)
            seconds = time.perf_counter() - started
        with sqlite3.connect(export) as db:
            texts = db.execute(
                "SELECT count(*) FROM observations WHERE coalesce(quote, as_written, note) "
                "IS NOT NULL"
            ).fetchone()[0]
        print(
            f"{figures:,} figures, {texts:,} with text; export "
            f"{os.path.getsize(export) / MB:.1f} MB in {seconds:.1f} s (store already built)"
        )
        for name, size in sorted(index_sizes(export).items()):
            print(f"  {name:<24} {size / MB:8.1f} MB")
        for longest in args.longest:
            size, seconds = pieces_index(export, longest)
            mark = " (pingan's)" if longest == LONGEST else ""
            print(f"  observations pieces 1..{longest}{mark}: {size / MB:.1f} MB, {seconds:.1f} s")


if __name__ == "__main__":
    main()
