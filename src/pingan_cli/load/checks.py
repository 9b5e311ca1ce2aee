"""Cross-checks that span entries: unique ids, resolvable references, no cycles, matching units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..suggest import did_you_mean
from .entries import LoadedEntry
from .models import IndicatorKind
from .problems import Problem

ID_SECTIONS = ("sources", "regions", "indicators", "designations", "practices")
# The fields of each section that name another entry, and the kind of entry they name.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "regions": (("parent", "region"),),
    "indicators": (("related", "indicator"),),
    "observations": (("region", "region"), ("indicator", "indicator"), ("source", "source")),
    "observation_files": (("source", "source"),),
    "designations": (
        ("source", "source"),
        ("scope", "region"),
        ("recipients", "region"),
        ("practices", "practice"),
    ),
    "practices": (("region", "region"), ("source", "source")),
}


@dataclass(frozen=True)
class Partial:
    """An entry that failed validation: its raw mapping, and the fields already reported.

    Its other reference fields are still checked, so that one run reports every problem.
    """

    section: str
    entry: LoadedEntry
    failed: set[str | int]


def _region_names(regions: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for region in regions.values():
        for name in (region.name_zh, region.name_en, *region.aliases, region.id):
            names.setdefault(name.casefold(), region.id)
    return names


def _indicator_names(indicators: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for indicator in indicators.values():
        for name in (indicator.name_zh, indicator.name_en, indicator.id):
            names.setdefault(name.casefold(), indicator.id)
    return names


def against_indicator(obs: Any, indicator: Any) -> list[tuple[str, str]]:
    """(field, message) for an observation its indicator does not allow: the wrong unit, or a
    negative level. YAML entries and CSV rows are checked by this one function."""
    found = []
    if obs.unit != indicator.unit:
        found.append(
            (
                "unit",
                f"unit '{obs.unit}' does not match indicator '{indicator.id}', which is "
                f"measured in '{indicator.unit}'; convert the value to {indicator.unit}",
            )
        )
    if indicator.kind is IndicatorKind.level and obs.value < 0:
        found.append(
            (
                "value",
                f"indicator '{indicator.id}' is a level and cannot be negative (got "
                f"{obs.value}); a change (同比下降 …) belongs to an indicator of kind: change",
            )
        )
    return found


def _dedupe(
    entries: list[LoadedEntry], key: Any, label: str, problems: list[Problem]
) -> list[LoadedEntry]:
    """Keep one of each identical duplicate; report duplicates that disagree."""
    first: dict[Any, LoadedEntry] = {}
    kept: list[LoadedEntry] = []
    for entry in entries:
        identity = key(entry.model)
        seen = first.get(identity)
        if seen is None:
            first[identity] = entry
            kept.append(entry)
        elif seen.model != entry.model:
            problems.append(
                entry.problem(
                    f"{label} {identity_text(identity)} is defined again with different content "
                    f"(first at {seen.place()}); keep one"
                )
            )
    return kept


def identity_text(identity: Any) -> str:
    """Show an identity (an id, or a tuple for observations) in a message."""
    if isinstance(identity, tuple):
        return "/".join(str(part) for part in identity)
    return f"'{identity}'"


def check_dataset(
    entries: dict[str, list[LoadedEntry]],
    broken: dict[str, set[str]] | None = None,
    partial: Sequence[Partial] = (),
) -> tuple[dict[str, list[LoadedEntry]], list[Problem]]:
    """Check references and uniqueness across the merged entries of every file.

    ``broken`` holds, by section, the ids of entries that failed validation (and were reported
    already): a reference to one of them is not reported again as unknown. ``partial`` holds
    those entries as parsed: their references are checked as far as they can be read.
    """
    failed = broken or {}
    problems: list[Problem] = []
    kept = dict(entries)
    for section in ID_SECTIONS:
        kept[section] = _dedupe(entries[section], lambda m: m.id, section[:-1], problems)
    kept["observations"] = _dedupe(
        entries["observations"],
        lambda m: (m.region, m.indicator, m.period.label, m.source),
        "the observation",
        problems,
    )
    regions = {e.model.id: e.model for e in kept["regions"]}
    indicators = {e.model.id: e.model for e in kept["indicators"]}
    sources = {e.model.id for e in kept["sources"]}
    practices = {e.model.id for e in kept["practices"]}

    names = {"region": _region_names(regions), "indicator": _indicator_names(indicators)}

    def resolve(
        entry: LoadedEntry, field: str | tuple[str, int], value: str | None, known: Any, what: str
    ) -> bool:
        if value is None or value in known:
            return True
        if value in failed.get(f"{what}s", set()):
            return False  # its own entry is invalid and was reported already
        hint = did_you_mean(value, known, by_other_name=names.get(what))
        where = field if isinstance(field, tuple) else (field,)
        problems.append(entry.problem(f"unknown {what} '{value}'{hint}", *where))
        return False

    for entry in kept["indicators"]:
        for index, other in enumerate(entry.model.related):
            if other == entry.model.id:
                problems.append(
                    entry.problem("an indicator is not related to itself; remove it", "related")
                )
            else:
                resolve(entry, ("related", index), other, indicators, "indicator")
        change_of = entry.model.change_of
        if change_of is not None:
            if str(entry.model.kind) != "change":
                problems.append(
                    entry.problem("only a change indicator is the change of another", "change_of")
                )
            elif (
                resolve(entry, "change_of", change_of, indicators, "indicator")
                and str(indicators[change_of].kind) != "level"
            ):
                problems.append(
                    entry.problem(f"'{change_of}' is not a level indicator", "change_of")
                )

    for entry in kept["regions"]:
        resolve(entry, "parent", entry.model.parent, regions, "region")
    problems.extend(_cycles(kept["regions"], regions))

    for entry in kept["observations"]:
        obs = entry.model
        resolve(entry, "region", obs.region, regions, "region")
        resolve(entry, "source", obs.source, sources, "source")
        if resolve(entry, "indicator", obs.indicator, indicators, "indicator"):
            for field, message in against_indicator(obs, indicators[obs.indicator]):
                problems.append(entry.problem(message, field))

    for entry in kept["observation_files"]:
        resolve(entry, "source", entry.model.source, sources, "source")

    for entry in kept["designations"]:
        des = entry.model
        resolve(entry, "source", des.source, sources, "source")
        resolve(entry, "scope", des.scope, regions, "region")
        for index, recipient in enumerate(des.recipients):
            ok = resolve(entry, ("recipients", index), recipient, regions, "region")
            if ok and des.scope in regions and _within(recipient, des.scope, regions) is False:
                problems.append(
                    entry.problem(
                        f"recipient '{recipient}' is not inside the scope '{des.scope}'; check "
                        "the recipient, its parent, or the scope",
                        "recipients",
                        index,
                    )
                )
        for index, practice in enumerate(des.practices):
            resolve(entry, ("practices", index), practice, practices, "practice")

    for entry in kept["practices"]:
        resolve(entry, "region", entry.model.region, regions, "region")
        resolve(entry, "source", entry.model.source, sources, "source")

    known = {"region": regions, "indicator": indicators, "source": sources, "practice": practices}
    for broken_entry in partial:
        raw = broken_entry.entry.model
        for field, what in REFERENCES.get(broken_entry.section, ()):
            value = raw.get(field)
            if field in broken_entry.failed or value is None:
                continue
            if isinstance(value, str):
                resolve(broken_entry.entry, field, value, known[what], what)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        resolve(broken_entry.entry, (field, index), item, known[what], what)
    return kept, problems


def _within(region: str, ancestor: str, regions: dict[str, Any]) -> bool | None:
    """Whether region is ancestor or below it; None when a broken parent chain hides the answer
    (an unknown parent or a cycle, reported on their own)."""
    seen: set[str] = set()
    current: str | None = region
    while current is not None:
        if current == ancestor:
            return True
        if current in seen or current not in regions:
            return None
        seen.add(current)
        current = regions[current].parent
    return False


def _cycles(entries: list[LoadedEntry], regions: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    done: set[str] = set()
    for entry in entries:
        chain: list[str] = []
        current: str | None = entry.model.id
        while current is not None and current in regions and current not in done:
            if current in chain:
                loop = " -> ".join([*chain[chain.index(current) :], current])
                if chain[0] == current:
                    problems.append(
                        entry.problem(
                            f"regions form a cycle through their parents: {loop}", "parent"
                        )
                    )
                break
            chain.append(current)
            current = regions[current].parent
        done.add(entry.model.id)
    return problems
