"""`pingan extract` on the corpus of articles in our own words, against labels made by hand.

The articles and labels live in tests/extraction/corpus/ (NAME.txt with NAME.labels.yaml; see its
README). PINGAN_EXTRACT_CORPUS names another folder of the same form. Scoring is the scorer's
(tests/extraction/score.py, which also scores real pages kept outside the repository): a proposal
matches a label when value, qualifier, kind and unit agree, each label at most once; a proposal
repeating a labelled figure where the label lists the repeat is set aside. Place and year are
scored on the matched figures.

Run `python -m tests.extraction.score --labels tests/extraction/corpus` to print every miss, extra
and wrong or open place or year.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .score import Score, articles, score_folder

HERE = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("PINGAN_EXTRACT_CORPUS") or HERE / "corpus")
RECALL = 0.99
PRECISION = 0.99
PLACE_AND_YEAR = 0.85
# Each on its own: the place right for nearly every figure found, the year wrong for few.
PLACE_RIGHT = 0.99
YEAR_WRONG = 0.035


@pytest.fixture(scope="module")
def corpus_score(request: pytest.FixtureRequest) -> Score:
    assert any(True for _ in articles(CORPUS)), f"no labelled articles in {CORPUS}"
    total, _ = score_folder(CORPUS)
    show(request, f"extract corpus: {total.summary()}")
    return total


def show(request: pytest.FixtureRequest, line: str) -> None:
    """Print a measured figure in the test run's output, even when output is captured."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if capture is None:  # pragma: no cover - run with capturing off altogether
        print(f"\n{line}")
        return
    with capture.global_and_fixture_disabled():
        print(f"\n{line}")


def test_corpus_recall(corpus_score: Score) -> None:
    assert corpus_score.recall >= RECALL, "\n".join(corpus_score.misses)


def test_corpus_precision(corpus_score: Score) -> None:
    assert corpus_score.precision >= PRECISION, "\n".join(corpus_score.extras)


def test_corpus_place_and_year(corpus_score: Score) -> None:
    assert corpus_score.place_and_year >= PLACE_AND_YEAR, "\n".join(
        corpus_score.wrong_place_or_year
    )


def test_corpus_place(corpus_score: Score) -> None:
    assert corpus_score.place.share(corpus_score.place.right) >= PLACE_RIGHT, "\n".join(
        corpus_score.wrong_place
    )


def test_corpus_year_seldom_wrong(corpus_score: Score) -> None:
    assert corpus_score.year.share(corpus_score.year.wrong) <= YEAR_WRONG, "\n".join(
        corpus_score.wrong_year
    )
