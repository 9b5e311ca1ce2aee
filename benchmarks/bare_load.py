"""The baseline a first run is measured against: the CSV into SQLite with no checks at all.

    python benchmarks/bare_load.py observations.csv target.sqlite

Python's csv module reads the file and one executemany stores every row as text, in one
transaction, with the pragmas pingan's own build uses (no journal, no sync). No validation, no
indexes, no catalogues: the least any Python loader of this file can do.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import sys


def main(source: str, target: str) -> None:
    """Load source (a CSV file with a header) into a fresh table in target."""
    if os.path.exists(target):
        os.remove(target)
    db = sqlite3.connect(target)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    with open(source, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        columns = ", ".join(f'"{name}"' for name in header)
        db.execute(f"CREATE TABLE observations ({columns})")
        with db:
            db.executemany(
                f"INSERT INTO observations VALUES ({', '.join('?' * len(header))})", reader
            )
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
