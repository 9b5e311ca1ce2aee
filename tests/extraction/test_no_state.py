"""extract gives an article the same figures whatever it read before in the same process.

A colleague saw changzhi-2022-06-fraud's years change with the articles read before it. The
caches that outlive an article (the gazetteer, its copies with a dataset's regions) are keyed by
everything they depend on, and no cache is keyed by an object's id(); this test reads every
corpus article in one order in one process and in the reverse order in another, with and without
the bundled dataset, and compares every field of every candidate.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import BUNDLED_DATA, REPO

CORPUS = Path(__file__).resolve().parent / "corpus"

_RUN = """
import json, sys
from datetime import date
from pathlib import Path
from pingan_cli.extraction import extract
from pingan_cli.load.loader import load_paths
dataset = load_paths([sys.argv[1]]).dataset
names = sys.argv[2:]
out = {}
for name in names:
    text = Path(name).read_text(encoding="utf-8")
    for data in (None, dataset):
        for day in (None, date(2022, 6, 6)):
            found = extract(text, data, day)
            key = f"{name} {data is not None} {day}"
            out[key] = [c.as_json() for c in found]
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def _run(names: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(BUNDLED_DATA), *names],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.slow
def test_an_article_s_figures_do_not_depend_on_what_was_read_before() -> None:
    names = [str(p) for p in sorted(CORPUS.glob("*.txt"))]
    assert len(names) >= 25
    forward = _run(names)
    backward = _run(names[::-1])
    changed = [key for key in forward if forward[key] != backward[key]]
    assert changed == []
    alone = _run([str(CORPUS / "changzhi-2022-06-fraud.txt")])
    assert all(forward[key] == value for key, value in alone.items())
