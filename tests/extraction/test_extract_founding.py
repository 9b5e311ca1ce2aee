"""`extract` on the founding article: every figure of the bundled dataset, few that are not.

Judged against the bundled data (not against extract's own guesses): a candidate matches an
observation when value, qualifier, unit and kind agree and it stands where the observation's quote
puts as_written in the article. A real figure is one the dataset holds: an observation, or the
total of a designation (10个县 named 平安县). Region and year are scored on the matched figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from pingan_cli.extraction import Candidate, extract
from pingan_cli.load.loader import load_paths
from pingan_cli.load.models import DataFile, IndicatorKind, Observation

from ..conftest import DATA
from ..helpers import FOUNDING_FIGURES
from .test_extract_corpus import show

ARTICLE = DATA.parent / "sources" / "sxzf-140874.txt"


@dataclass(frozen=True)
class Measured:
    """What extract got right on the founding article."""

    observations: int
    candidates: int
    matched: int
    real: int
    region_and_year: int
    candidates_list: list[Candidate]

    def summary(self) -> str:
        """The measured figures in one line."""
        return (
            f"{self.matched}/{self.observations} figures found (recall "
            f"{self.matched / self.observations:.1%}), {self.real}/{self.candidates} candidates "
            f"real ({self.real / self.candidates:.1%}), region and year right for "
            f"{self.region_and_year}/{self.matched} ({self.region_and_year / self.matched:.1%})"
        )


FOUNDING_SOURCE = "sxzf-140874"


def _where(observation: Observation, text: str) -> tuple[int, int]:
    assert observation.quote and observation.as_written
    at = text.index(observation.quote) + observation.quote.index(observation.as_written)
    return at, at + len(observation.as_written)


def _same(candidate: Candidate, observation: Observation, kinds: dict[str, IndicatorKind]) -> bool:
    return (
        math.isclose(candidate.value, observation.value, rel_tol=1e-12)
        and candidate.qualifier is observation.qualifier
        and candidate.unit == observation.unit
        and candidate.kind is kinds[observation.indicator]
    )


def measure(dataset: DataFile, text: str) -> Measured:
    """Extract the article with the dataset's regions and indicators and compare."""
    candidates = extract(text, dataset)
    kinds = {indicator.id: indicator.kind for indicator in dataset.indicators}
    by_place = {(c.start, c.end): c for c in candidates}
    matched = region_and_year = 0
    founding = [o for o in dataset.observations if o.source == FOUNDING_SOURCE]
    for observation in founding:
        candidate = by_place.get(_where(observation, text))
        if candidate is None or not _same(candidate, observation, kinds):
            continue
        matched += 1
        year = str(observation.period.first_year)
        if candidate.region == observation.region and candidate.period and year in candidate.period:
            region_and_year += 1
    totals = {d.total for d in dataset.designations if d.total is not None}
    held = {_where(o, text) for o in founding}
    real = sum(
        1 for c in candidates if (c.start, c.end) in held or (c.unit == "个" and c.value in totals)
    )
    return Measured(len(founding), len(candidates), matched, real, region_and_year, candidates)


@pytest.fixture(scope="module")
def measured(request: pytest.FixtureRequest) -> Measured:
    dataset = load_paths([DATA]).dataset
    result = measure(dataset, ARTICLE.read_text(encoding="utf-8"))
    show(request, f"founding article: {result.summary()}")
    return result


def test_every_figure_of_the_dataset_is_proposed(measured: Measured) -> None:
    assert measured.observations == FOUNDING_FIGURES
    assert measured.matched == measured.observations


def test_candidates_are_real_figures(measured: Measured) -> None:
    assert measured.real / measured.candidates >= 0.95


def test_region_and_year(measured: Measured) -> None:
    assert measured.region_and_year == measured.matched


def test_held_figures_are_marked(measured: Measured) -> None:
    held = [c for c in measured.candidates_list if c.in_dataset]
    assert len(held) == FOUNDING_FIGURES


def test_without_the_dataset_places_are_names(measured: Measured) -> None:
    candidates = extract(ARTICLE.read_text(encoding="utf-8"))
    assert {c.place for c in candidates} >= {"富平县", "渭南市"}
    assert all(not c.in_dataset and c.indicator is None for c in candidates)
