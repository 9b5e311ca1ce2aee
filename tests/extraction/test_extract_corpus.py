"""`pingan extract` on real articles it has never seen, against labels made by hand.

The articles and labels live in tests/extract_corpus/ (NAME.txt or NAME.html with
NAME.labels.yaml; see its README). PINGAN_EXTRACT_CORPUS names another folder of the same form.
Scoring follows the corpus README: a proposal matches a label when value, qualifier, kind and unit
agree, each label at most once; a proposal repeating a labelled figure where the label lists the
repeat is set aside. Place and year are scored on the matched figures.

Run `python -m tests.test_extract_corpus` to print every miss, extra and wrong place or year.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pingan_cli.extraction import Candidate, extract
from pingan_cli.extraction.article import read_article
from pingan_cli.extraction.periods import article_date

from ..helpers import yaml_file

HERE = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("PINGAN_EXTRACT_CORPUS") or HERE / "extract_corpus")
RECALL = 0.97
PRECISION = 0.95
PLACE_AND_YEAR = 0.85


@dataclass
class Score:
    """Counts over one article or the whole corpus, and what went wrong."""

    labels: int = 0
    proposals: int = 0
    set_aside: int = 0
    matched: int = 0
    placed: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_place_or_year: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts and findings to this one."""
        self.labels += other.labels
        self.proposals += other.proposals
        self.set_aside += other.set_aside
        self.matched += other.matched
        self.placed += other.placed
        self.misses += other.misses
        self.extras += other.extras
        self.wrong_place_or_year += other.wrong_place_or_year

    @property
    def recall(self) -> float:
        """Matched labels over labels."""
        return self.matched / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        """Matched proposals over proposals that are not set-aside repeats."""
        counted = self.proposals - self.set_aside
        return self.matched / counted if counted else 1.0

    @property
    def place_and_year(self) -> float:
        """Share of matched figures with the labelled place and year."""
        return self.placed / self.matched if self.matched else 1.0

    def summary(self) -> str:
        """One line with the measured figures."""
        return (
            f"{self.labels} labels, {self.proposals} proposals ({self.set_aside} repeats set "
            f"aside): recall {self.recall:.1%}, precision {self.precision:.1%}, "
            f"place and year {self.place_and_year:.1%} of {self.matched} matched"
        )


def articles(folder: Path = CORPUS) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    """(name, article file, labels) of every labelled article in the folder."""
    for labels_file in sorted(folder.glob("*.labels.yaml")):
        name = labels_file.name.removesuffix(".labels.yaml")
        for suffix in (".txt", ".html", ".htm"):
            article = folder / (name + suffix)
            if article.exists():
                labels = yaml_file(labels_file)
                yield name, article, labels
                break


def _period_key(period: object) -> str | None:
    """A period as one comparable string: 2023, since 2023, 2019..2023, 2024-01..2024-07."""
    if period is None:
        return None
    text = str(period).strip()
    whole_years = re.fullmatch(r"(\d{4})-01\.\.(\d{4})-12", text)
    if whole_years:
        text = f"{whole_years.group(1)}..{whole_years.group(2)}"
    same = re.fullmatch(r"(\d{4}(?:-\d{2})?)\.\.(\d{4}(?:-\d{2})?)", text)
    if same and same.group(1) == same.group(2):
        text = same.group(1)
    return text


def _same_figure(candidate: Candidate, label: dict[str, Any]) -> bool:
    return (
        math.isclose(float(candidate.value), float(label["value"]), rel_tol=1e-9, abs_tol=1e-9)
        and candidate.qualifier.value == label["qualifier"]
        and candidate.kind.value == label["kind"]
        and candidate.unit == str(label["unit"])
    )


def score_article(name: str, article: Path, labels: dict[str, Any]) -> Score:
    """Extract one article and compare with its labels."""
    page = read_article(article)
    published = labels.get("date")
    day = published if isinstance(published, date) else None
    # Without a date line, the page's address may carry the date, as `--url` gives it.
    day = day or page.published or article_date(page.text, labels.get("url"))
    candidates = extract(page.text, published=day)
    wanted: list[dict[str, Any]] = list(labels.get("figures") or [])
    score = Score(labels=len(wanted), proposals=len(candidates))
    taken = [False] * len(wanted)
    pairs: list[tuple[Candidate, dict[str, Any]]] = []
    unmatched: list[Candidate] = []
    # Where one value is labelled twice, the label with the same as_written is the one meant.
    for exact_first in (True, False):
        rest: list[Candidate] = []
        for candidate in unmatched if not exact_first else candidates:
            for index, label in enumerate(wanted):
                if taken[index] or not _same_figure(candidate, label):
                    continue
                if exact_first and label["as_written"] != candidate.as_written:
                    continue
                taken[index] = True
                pairs.append((candidate, label))
                break
            else:
                rest.append(candidate)
        unmatched = rest
    for candidate in unmatched:
        if any(_repeats(candidate, label) for label in wanted):
            score.set_aside += 1
        else:
            score.extras.append(f"{name}: extra {candidate.as_written!r} in {candidate.quote!r}")
    for index, label in enumerate(wanted):
        if not taken[index]:
            score.misses.append(
                f"{name}: missed {label['as_written']!r} = {label['value']} {label['unit']} "
                f"{label['qualifier']} {label['kind']}"
            )
    score.matched = len(pairs)
    for candidate, label in pairs:
        place_ok = candidate.place == label.get("place")
        year_ok = _period_key(candidate.period) == _period_key(label.get("year"))
        if place_ok and year_ok:
            score.placed += 1
        else:
            score.wrong_place_or_year.append(
                f"{name}: {candidate.as_written!r} place {candidate.place} / {label.get('place')}"
                f", year {candidate.period} / {label.get('year')}"
            )
    return score


def _repeats(candidate: Candidate, label: dict[str, Any]) -> bool:
    repeats = [str(r) for r in label.get("repeats") or []]
    return bool(repeats) and _same_value(candidate, label) and candidate.as_written in repeats


def _same_value(candidate: Candidate, label: dict[str, Any]) -> bool:
    return math.isclose(float(candidate.value), float(label["value"]), rel_tol=1e-9)


def score_corpus(folder: Path = CORPUS) -> tuple[Score, dict[str, Score]]:
    """The whole corpus's score and each article's."""
    total = Score()
    each: dict[str, Score] = {}
    for name, article, labels in articles(folder):
        each[name] = score_article(name, article, labels)
        total.add(each[name])
    return total, each


@pytest.fixture(scope="module")
def corpus_score(request: pytest.FixtureRequest) -> Score:
    if not any(True for _ in articles()):
        pytest.skip(f"no labelled articles in {CORPUS} (the corpus branch is not merged here)")
    total, _ = score_corpus()
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


if __name__ == "__main__":
    overall, per_article = score_corpus()
    for article_name, article_score in per_article.items():
        print(f"{article_name}: {article_score.summary()}")
    for line in overall.misses + overall.extras + overall.wrong_place_or_year:
        print(line)
    print(f"corpus: {overall.summary()}")
