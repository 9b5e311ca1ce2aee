"""Score `pingan extract` on labelled articles: recall, precision, and place and year.

The labels are NAME.labels.yaml files (the format of tests/extraction/corpus/README.md); the texts
are NAME.txt (or .html) in the same folder or in another one. Real pages' texts are not in the
repository (sources are cited, not copied): save them by hand into a folder of your own and name it
with --texts:

    python -m tests.extraction.score --labels tests/extraction/real/tune --texts ~/realtexts/tune

Each article is read as `pingan extract FILE --url URL` reads it (the labels' `url:` stands for
--url; the date comes from the text's date line, else the address). A proposal matches a label
when value, qualifier, kind and unit agree, each label at most once; a proposal repeating a
labelled figure where the label lists the repeat is set aside. Recall = matched labels / labels;
precision = matched proposals / (proposals - set aside). Place and year are scored on the matched
figures, each as right, left open (no place, no period: a TODO for the person) or wrong.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pingan_cli.extraction import Candidate, extract
from pingan_cli.extraction.article import read_article
from pingan_cli.extraction.periods import article_date, article_year

from ..helpers import yaml_file

SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class Tally:
    """Matched figures whose place (or year) is right, left open, or wrong."""

    right: int = 0
    open: int = 0
    wrong: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts."""
        self.right += other.right
        self.open += other.open
        self.wrong += other.wrong

    def count(self, found: str | None, wanted: str | None) -> bool:
        """Count one figure; True when it is wrong."""
        if found is None:
            self.open += 1
        elif found == wanted:
            self.right += 1
        else:
            self.wrong += 1
            return True
        return False

    def share(self, part: int) -> float:
        """A count as a share of the figures tallied."""
        total = self.right + self.open + self.wrong
        return part / total if total else 1.0

    def summary(self) -> str:
        """right / open / wrong as shares."""
        return (
            f"right {self.share(self.right):.1%}, open {self.share(self.open):.1%}, "
            f"wrong {self.share(self.wrong):.1%}"
        )


@dataclass
class Score:
    """Counts over one article or a whole folder, and what went wrong."""

    labels: int = 0
    proposals: int = 0
    set_aside: int = 0
    matched: int = 0
    placed: int = 0
    place: Tally = field(default_factory=Tally)
    year: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_place: list[str] = field(default_factory=list)
    wrong_year: list[str] = field(default_factory=list)
    open_place_or_year: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts and findings to this one."""
        self.labels += other.labels
        self.proposals += other.proposals
        self.set_aside += other.set_aside
        self.matched += other.matched
        self.placed += other.placed
        self.place.add(other.place)
        self.year.add(other.year)
        self.misses += other.misses
        self.extras += other.extras
        self.wrong_place += other.wrong_place
        self.wrong_year += other.wrong_year
        self.open_place_or_year += other.open_place_or_year

    @property
    def wrong_place_or_year(self) -> list[str]:
        """Every matched figure with a wrong place or year."""
        return self.wrong_place + self.wrong_year

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
        """Share of matched figures with both the labelled place and the labelled year."""
        return self.placed / self.matched if self.matched else 1.0

    def summary(self) -> str:
        """One line with the measured figures."""
        return (
            f"{self.labels} labels, {self.proposals} proposals ({self.set_aside} repeats set "
            f"aside): recall {self.recall:.1%}, precision {self.precision:.1%}; of "
            f"{self.matched} found, place {self.place.summary()}; year {self.year.summary()}; "
            f"both right {self.place_and_year:.1%}"
        )


def articles(labels: Path, texts: Path | None = None) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    """(name, article file, labels) of every labelled article whose text is in ``texts``
    (default: beside the labels)."""
    folder = texts or labels
    for labels_file in sorted(labels.glob("*.labels.yaml")):
        name = labels_file.name.removesuffix(".labels.yaml")
        for suffix in SUFFIXES:
            article = folder / (name + suffix)
            if article.exists():
                yield name, article, yaml_file(labels_file)
                break


def period_key(period: object) -> str | None:
    """A period as one comparable string: 2023, since 2023, 2019..2023, 2024-01..2024-07."""
    if period is None:
        return None
    text = str(period).strip()
    whole_years = re.fullmatch(r"(\d{4})-01\.\.(\d{4})-12", text)
    if whole_years:
        text = f"{whole_years.group(1)}..{whole_years.group(2)}"
    opened = re.fullmatch(r"(\d{4}(?:-\d{2})?)\.\.", text)
    if opened:
        text = f"since {opened.group(1)}"  # 2023-07.. is since 2023-07
    same = re.fullmatch(r"(\d{4}(?:-\d{2})?)\.\.(\d{4}(?:-\d{2})?)", text)
    if same and same.group(1) == same.group(2):
        text = same.group(1)
    return text


def same_figure(candidate: Candidate, label: dict[str, Any]) -> bool:
    """True when a candidate has a label's value, qualifier, kind and unit."""
    return (
        math.isclose(float(candidate.value), float(label["value"]), rel_tol=1e-9, abs_tol=1e-9)
        and candidate.qualifier.value == label["qualifier"]
        and candidate.kind.value == label["kind"]
        and candidate.unit == str(label["unit"])
    )


def propose(article: Path, labels: dict[str, Any]) -> list[Candidate]:
    """What `pingan extract ARTICLE --url URL` proposes, without a dataset."""
    page = read_article(article)
    url = labels.get("url")
    address = url if isinstance(url, str) else page.url
    day = page.published or article_date(page.text, address)
    year = None if day else article_year(page.text, address)
    return extract(page.text, published=day, year=year)


def score_article(name: str, article: Path, labels: dict[str, Any]) -> Score:
    """Extract one article and compare with its labels."""
    return judge(name, propose(article, labels), labels)


def judge(name: str, candidates: Sequence[Candidate], labels: dict[str, Any]) -> Score:
    """Compare one article's candidates with its labels."""
    wanted: list[dict[str, Any]] = list(labels.get("figures") or [])
    score = Score(labels=len(wanted), proposals=len(candidates))
    taken = [False] * len(wanted)
    pairs: list[tuple[Candidate, dict[str, Any]]] = []
    unmatched: list[Candidate] = list(candidates)
    # Where one value is labelled twice, the label with the same as_written is the one meant.
    for exact_first in (True, False):
        rest: list[Candidate] = []
        for candidate in unmatched:
            for index, label in enumerate(wanted):
                if taken[index] or not same_figure(candidate, label):
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
        wanted_place = label.get("place")
        wanted_year = period_key(label.get("year"))
        found_year = period_key(candidate.period)
        what = f"{name}: {candidate.as_written!r} in {candidate.quote[:40]!r}"
        if score.place.count(candidate.place, wanted_place):
            score.wrong_place.append(f"{what}: place {candidate.place}, labelled {wanted_place}")
        if score.year.count(found_year, wanted_year):
            score.wrong_year.append(f"{what}: year {found_year}, labelled {wanted_year}")
        if candidate.place is None or found_year is None:
            score.open_place_or_year.append(
                f"{what}: left open place {candidate.place} / {wanted_place}, "
                f"year {found_year} / {wanted_year}"
            )
        if candidate.place == wanted_place and found_year == wanted_year:
            score.placed += 1
    return score


def _repeats(candidate: Candidate, label: dict[str, Any]) -> bool:
    """True for a candidate at a repeat the label lists: a headline may round the body's figure
    (900余万 for 913.44万余元), so its value is the repeat's own, not the label's."""
    return candidate.as_written in [str(r) for r in label.get("repeats") or []]


def score_folder(labels: Path, texts: Path | None = None) -> tuple[Score, dict[str, Score]]:
    """The whole folder's score and each article's."""
    total = Score()
    each: dict[str, Score] = {}
    for name, article, labelled in articles(labels, texts):
        each[name] = score_article(name, article, labelled)
        total.add(each[name])
    return total, each


def main(argv: Sequence[str] | None = None) -> int:
    """Print each article's score, then every miss, extra, wrong and open place or year."""
    parser = argparse.ArgumentParser(prog="python -m tests.extraction.score", description=__doc__)
    parser.add_argument("--labels", type=Path, required=True, help="folder of NAME.labels.yaml")
    parser.add_argument("--texts", type=Path, help="folder of NAME.txt (default: --labels)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only the totals")
    args = parser.parse_args(argv)
    names = {n for n, _, _ in articles(args.labels, args.texts)}
    labelled = {p.name.removesuffix(".labels.yaml") for p in args.labels.glob("*.labels.yaml")}
    if not labelled:
        print(f"error: no NAME.labels.yaml in {args.labels}", file=sys.stderr)
        return 2
    total, each = score_folder(args.labels, args.texts)
    if not args.quiet:
        for name, score in each.items():
            print(f"{name}: {score.summary()}")
        for line in (
            *total.misses,
            *total.extras,
            *total.wrong_place,
            *total.wrong_year,
            *total.open_place_or_year,
        ):
            print(line)
    missing = sorted(labelled - names)
    if missing:
        print(f"no text for {len(missing)} labelled articles: {', '.join(missing)}")
    print(f"{len(names)} articles: {total.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
