"""Check a dataset against the archived texts of its sources: quotes verbatim, figures as written.

For every observation, designation and practice whose source names a text file: the quote occurs
in the text exactly; as_written occurs in the quote; value, qualifier and unit are what as_written
says (5.2万余户 is at least 52000 户; 同比下降10.6% is -10.6 %). Every mismatch is a Problem located
at the field of the data file, saying what the text says.
"""

from __future__ import annotations

import bisect
import math
import os
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..load.containment import is_inside, outside_message
from ..load.entries import LoadedEntry
from ..load.limits import MAX_FILE_BYTES
from ..load.loader import load_paths
from ..load.models import IndicatorKind, Observation, RegionEntry
from ..load.problems import DataError, Problem, format_path
from ..load.textfile import read_text
from .figures import read
from .lexicon import FALLING, RISING
from .places import gazetteer

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
    _flat: tuple[str, array[int], array[int]] | None = None

    def where(self, offset: int) -> str:
        """file:line:column of an offset (1-based line and column)."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return f"{self.display}:{line}:{column}"

    def loose_find(self, quote: str) -> tuple[int, int]:
        """Where a quote occurs ignoring spaces and quotation-mark styles; (-1, -1) if not.

        The text without its spaces is kept with where each run of spaces was (two arrays of
        integers, not a list of every character's offset: 5 MB of text took 1 GB that way)."""
        if self._flat is None:
            runs = array("q")
            removed = array("q")
            gone = 0
            for space in _SPACE.finditer(self.text):
                gone += space.end() - space.start()
                runs.append(space.start() - (gone - (space.end() - space.start())))
                removed.append(gone)
            flat = _SPACE.sub("", self.text).translate(_QUOTE_STYLES)
            self._flat = (flat, runs, removed)
        flat, runs, removed = self._flat
        wanted = _SPACE.sub("", quote).translate(_QUOTE_STYLES)
        at = flat.find(wanted) if wanted else -1
        if at < 0:
            return -1, -1

        def original(index: int) -> int:
            # the spaces removed before flat[index]: those of runs that start at or before it
            run = bisect.bisect_right(runs, index) - 1
            return index + (removed[run] if run >= 0 else 0)

        return original(at), original(at + len(wanted) - 1) + 1


def verify(
    paths: Sequence[str | os.PathLike[str]],
    allowed: Sequence[str | os.PathLike[str]] = (),
    texts_in: str | os.PathLike[str] | None = None,
) -> Verified:
    """Check every quote and figure of the data files against their sources' texts.

    Raises DataError when the files themselves are invalid (as `validate` would). A source's text
    must lie inside its data file's folder, or inside an ``allowed`` one (--allow-path).
    ``texts_in`` is a folder of texts named by source id (``ID.txt``), wherever it is: the
    caller's explicit choice of texts outside the dataset's folder (verify --texts). A source
    with a file there is checked against it; any other, against its own ``text`` if it names one.
    """
    loaded = load_paths(paths, allowed=allowed)
    problems: list[Problem] = []
    texts: dict[str, _Text] = {}
    for entry in loaded.entries["sources"]:
        source = entry.model
        supplied = None if texts_in is None else Path(texts_in) / f"{source.id}.txt"
        if supplied is not None and supplied.is_file():
            found = _read_supplied(entry, supplied, problems)
        elif source.text is None:
            continue
        else:
            found = _read_text(entry, problems, loaded.allowed)
        if found is not None:
            texts[source.id] = found
    kinds = {i.id: i.kind for i in loaded.dataset.indicators}
    support = _RegionSupport(loaded.dataset.regions)
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
                unsupported = support.check(entry, text)
                if unsupported is not None:
                    problems.append(unsupported)
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


class _RegionSupport:
    """Whether a source's text names a figure's region or a place within it: a figure given
    to weinan from a text that never names 渭南 or any of its counties is someone else's."""

    def __init__(self, regions: Sequence[RegionEntry]) -> None:
        self._regions = {r.id: r for r in regions}
        self._children: dict[str, list[RegionEntry]] = {}
        for region in regions:
            if region.parent:
                self._children.setdefault(region.parent, []).append(region)
        self._patterns: dict[tuple[str, bool], re.Pattern[str] | None] = {}
        self._answers: dict[tuple[str, str], bool] = {}

    def check(self, entry: LoadedEntry, text: _Text) -> Problem | None:
        """A problem when the text names neither the observation's region nor its parts."""
        region_id = entry.model.region
        key = (region_id, str(text.path))
        if key not in self._answers:
            # the dataset's own names first; China's divisions within the region only if needed
            narrow = self._pattern(region_id, wide=False)
            supported = narrow is None or narrow.search(text.text) is not None
            if not supported:
                wide = self._pattern(region_id, wide=True)
                supported = wide is not None and wide.search(text.text) is not None
            self._answers[key] = supported
        if self._answers[key]:
            return None
        region = self._regions[region_id]
        return entry.problem(
            f"region {region_id}: {text.display} names neither {region.name_zh} nor a place in "
            f"it; is the figure {region.name_zh}'s?",
            "region",
        )

    def _pattern(self, region_id: str, wide: bool) -> re.Pattern[str] | None:
        """Every name of the region and of the places within it (the dataset's; with ``wide``,
        the gazetteer's too), as one search; None for a region not in the dataset."""
        if (region_id, wide) in self._patterns:
            return self._patterns[region_id, wide]
        region = self._regions.get(region_id)
        pattern = None
        if region is not None:
            names: set[str] = set()
            stack = [region]
            while stack:
                current = stack.pop()
                names.update(_names_of(current.name_zh))
                names.update(a for a in current.aliases if not a.isascii())
                stack.extend(self._children.get(current.id, ()))
            for place in gazetteer().places.values() if wide else ():
                if region.name_zh in (place.parent, place.province):
                    names.update(_names_of(place.name))
            names = {n for n in names if len(n) >= 2}
            if names:
                pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
        self._patterns[region_id, wide] = pattern
        return pattern


def _names_of(name: str) -> tuple[str, ...]:
    """A place's name and its short form: 渭南市 and 渭南, 富平县 and 富平."""
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "县", "区", "州", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return (name, name[: -len(suffix)])
    return (name,)


def _read_text(
    entry: LoadedEntry, problems: list[Problem], allowed: Sequence[str] = ()
) -> _Text | None:
    """A source's text, read as data files are: a regular file of at most MAX_FILE_BYTES,
    UTF-8 or UTF-16 with a BOM (a FIFO or a device is refused, never opened)."""
    relative = entry.model.text
    base = Path(entry.document.file).parent
    path = base / relative
    if not is_inside(path, base, allowed):
        problems.append(entry.problem(outside_message(relative, base, entry.document.file), "text"))
        return None
    try:
        content = read_text(path, str(path), MAX_FILE_BYTES)
    except DataError as error:
        first = error.problems[0]
        where = str(path) if first.line is None else f"{path}:{first.line}:{first.column or 1}"
        if "no such file" in first.message:
            message = f"no such text file: {path} (text is relative to the data file)"
        else:
            message = f"text {where}: {first.message}"
        problems.append(entry.problem(message, "text"))
        return None
    return _Text(path, str(path), content)


def _read_supplied(entry: LoadedEntry, path: Path, problems: list[Problem]) -> _Text | None:
    """A source's text from the folder the caller named (verify --texts), read as any text is."""
    try:
        content = read_text(path, str(path), MAX_FILE_BYTES)
    except DataError as error:
        problems.append(entry.problem(f"text {path}: {error.problems[0].message}", "id"))
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
    """Where the longest start of a quote that the text holds is, and what follows it there.

    A start that the text holds has every shorter start in it too, so the longest is found by
    halving: a dozen searches for a 2,000-character quote, not one per length."""
    low, high = 3, len(quote) - 1  # quote[:low] is known to be held (or low is the floor)
    if high <= low or text.text.find(quote[: low + 1]) < 0:
        return ""
    low += 1
    while low < high:
        middle = (low + high + 1) // 2
        if text.text.find(quote[:middle]) >= 0:
            low = middle
        else:
            high = middle - 1
    at = text.text.find(quote[:low])
    says = text.text[at : at + len(quote)].split("\n")[0]
    return f"; {text.where(at)} says {says!r}"


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


def verify_or_raise(
    paths: Sequence[str | os.PathLike[str]],
    allowed: Sequence[str | os.PathLike[str]] = (),
    texts_in: str | os.PathLike[str] | None = None,
) -> Verified:
    """Verify, raising DataError with every problem when there is any."""
    result = verify(paths, allowed, texts_in)
    if result.problems:
        raise DataError(result.problems)
    return result
