"""Check a dataset against the archived texts of its sources: quotes verbatim, figures as written.

For every observation, designation and practice whose source names a text file: the quote occurs
in the text exactly; as_written occurs in the quote; value, qualifier and unit are what as_written
says (5.2万余户 is at least 52000 户; 同比下降10.6% is -10.6 %). Every mismatch is a Problem located
at the field of the data file, saying what the text says.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..load.entries import LoadedEntry
from ..load.loader import load_paths
from ..load.models import IndicatorKind, Observation
from ..load.problems import DataError, Problem, format_path
from .figures import read
from .lexicon import FALLING, RISING

# Quotation marks that look alike, and the spaces a copy may change: a quote that differs from the
# text only in these gets a hint rather than a bare "not found".
_QUOTE_STYLES = str.maketrans(dict.fromkeys("“”„‟〝〞＂", '"') | dict.fromkeys("‘’‚‛＇", "'"))
_SPACE = re.compile(r"\s+")
_VERB = re.compile("|".join(sorted((*FALLING, *RISING), key=len, reverse=True)))


@dataclass(frozen=True)
class Verified:
    """What verify checked: counts, and every problem found."""

    figures: int
    quotes: int
    texts: int
    problems: list[Problem]
    # Where each quote found is: (the entry in the data file, the quote in its source's text).
    located: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Text:
    """A source's archived text and where it lives."""

    path: Path
    display: str
    text: str
    _flat: tuple[str, list[int]] | None = None

    def where(self, offset: int) -> str:
        """file:line:column of an offset (1-based line and column)."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return f"{self.display}:{line}:{column}"

    def loose_find(self, quote: str) -> tuple[int, int]:
        """Where a quote occurs ignoring spaces and quotation-mark styles; (-1, -1) if not."""
        if self._flat is None:
            kept = [(i, ch) for i, ch in enumerate(self.text) if not ch.isspace()]
            flat = "".join(ch for _, ch in kept).translate(_QUOTE_STYLES)
            self._flat = (flat, [i for i, _ in kept])
        flat, offsets = self._flat
        wanted = _SPACE.sub("", quote).translate(_QUOTE_STYLES)
        at = flat.find(wanted) if wanted else -1
        if at < 0:
            return -1, -1
        return offsets[at], offsets[at + len(wanted) - 1] + 1


def verify(paths: Sequence[str | os.PathLike[str]]) -> Verified:
    """Check every quote and figure of the data files against their sources' texts.

    Raises DataError when the files themselves are invalid (as `validate` would).
    """
    loaded = load_paths(paths)
    problems: list[Problem] = []
    texts: dict[str, _Text] = {}
    for entry in loaded.entries["sources"]:
        source = entry.model
        if source.text is None:
            continue
        found = _read_text(entry, problems)
        if found is not None:
            texts[source.id] = found
    kinds = {i.id: i.kind for i in loaded.dataset.indicators}
    figures = quotes = 0
    located: list[tuple[str, str]] = []
    for section in ("observations", "designations", "practices"):
        for entry in loaded.entries[section]:
            text = texts.get(entry.model.source)
            if text is None:
                continue
            if section == "observations":
                figures += 1
                kind = kinds.get(entry.model.indicator)
                problems.extend(_check_observation(entry, text, kind))
            else:
                quotes += 1
                problem = _check_quote(entry, entry.model.quote, text)
                if problem is not None:
                    problems.append(problem)
            quote = entry.model.quote
            if quote and quote in text.text:
                at = entry.problem("", "quote")
                data = f"{at.file}:{at.line}:{at.column}: {format_path(at.path)}"
                located.append((data, text.where(text.text.find(quote))))
    return Verified(figures, quotes, len(texts), problems, located)


def _read_text(entry: LoadedEntry, problems: list[Problem]) -> _Text | None:
    relative = entry.model.text
    base = Path(entry.document.file).parent
    path = base / relative
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(
            entry.problem(f"no such text file: {path} (text is relative to the data file)", "text")
        )
        return None
    except UnicodeDecodeError as error:
        problems.append(
            entry.problem(
                f"{path} is not UTF-8 text (byte {error.start}); save it as UTF-8", "text"
            )
        )
        return None
    except OSError as error:
        problems.append(entry.problem(f"cannot read {path}: {error.strerror or error}", "text"))
        return None
    return _Text(path, str(path), content)


def _check_quote(entry: LoadedEntry, quote: str | None, text: _Text) -> Problem | None:
    if quote is None:
        return entry.problem(f"has no quote; copy the clause from {text.display}")
    if quote in text.text:
        return None
    start, end = text.loose_find(quote)
    if start >= 0:
        return entry.problem(
            f"quote differs from the text only in spaces or quotation marks; "
            f"{text.where(start)} says {text.text[start:end]!r}: copy it exactly",
            "quote",
        )
    hint = _closest(quote, text)
    return entry.problem(f"quote is not in the source's text{hint or ' ' + text.display}", "quote")


def _closest(quote: str, text: _Text) -> str:
    """Where the longest start of a quote that the text holds is, and what follows it there."""
    for size in range(len(quote) - 1, 3, -1):
        at = text.text.find(quote[:size])
        if at >= 0:
            says = text.text[at : at + len(quote)].split("\n")[0]
            return f"; {text.where(at)} says {says!r}"
    return ""


def _check_observation(
    entry: LoadedEntry, text: _Text, kind: IndicatorKind | None
) -> list[Problem]:
    observation: Observation = entry.model
    problems: list[Problem] = []
    problem = _check_quote(entry, observation.quote, text)
    if problem is not None:
        problems.append(problem)
    as_written = observation.as_written
    if as_written is None:
        problems.append(entry.problem("has no as_written; copy the figure from the quote", "value"))
        return problems
    quote = observation.quote or ""
    inside = quote.find(as_written)
    if observation.quote is not None and inside < 0:
        problems.append(
            entry.problem(f"as_written {as_written!r} does not occur in the quote", "as_written")
        )
    falling = None
    if kind is IndicatorKind.change and inside >= 0 and not _VERB.search(as_written):
        # 分别下降12%、8.5%和3%: the sign of 8.5% is the verb's before it in the clause.
        verbs = _VERB.findall(quote[:inside])
        if verbs:
            falling = verbs[-1] in FALLING
    reading = read(as_written, falling)
    if reading is None:
        problems.append(
            entry.problem(
                f"as_written {as_written!r} is not a figure pingan reads: a number with its unit, "
                "such as 5.2万余户 or 同比下降10.6%",
                "as_written",
            )
        )
        return problems
    if not math.isclose(reading.value, observation.value, rel_tol=1e-12, abs_tol=1e-12):
        problems.append(
            entry.problem(
                f"value is {observation.value}, but {as_written!r} says {reading.value}", "value"
            )
        )
    if reading.qualifier is not observation.qualifier:
        problems.append(
            entry.problem(
                f"qualifier is {observation.qualifier.value}, but {as_written!r} says "
                f"{reading.qualifier.value}",
                "qualifier",
            )
        )
    if reading.unit != observation.unit:
        problems.append(
            entry.problem(
                f"unit is {observation.unit!r}, but {as_written!r} says {reading.unit!r}", "unit"
            )
        )
    return problems


def verify_or_raise(paths: Sequence[str | os.PathLike[str]]) -> Verified:
    """Verify, raising DataError with every problem when there is any."""
    result = verify(paths)
    if result.problems:
        raise DataError(result.problems)
    return result
