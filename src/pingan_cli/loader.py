"""Load data files: read YAML safely, validate every entry into the models, merge, cross-check.

Every problem in every file is collected and raised together as one DataError.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .checks import check_dataset
from .models import SECTIONS, Dataset, ObservationFile
from .problems import DataError, Path_, Problem
from .yamlread import Document, read_yaml

TOP_LEVEL_KEYS = ("format", *SECTIONS)
_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(model) for name, model in SECTIONS.items()
}


@dataclass(frozen=True)
class Entry:
    """A validated model, with the document and path it came from."""

    model: Any
    document: Document
    path: Path_

    def problem(self, message: str, *inner: str | int) -> Problem:
        """A problem about this entry, or about a field inside it."""
        return self.document.problem((*self.path, *inner), message)


@dataclass
class Loaded:
    """What the loader hands on: the merged dataset and where each part came from."""

    dataset: Dataset
    entries: dict[str, list[Entry]]
    observation_files: list[tuple[Path, ObservationFile, Entry]] = field(default_factory=list)


def describe(value: Any) -> str:
    """Say briefly what a wrong value was, for messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a true/false value)"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _number_hint(value: Any) -> str:
    if isinstance(value, str):
        digits = value.lstrip("+-")
        if digits.isdigit() and len(digits) > 1 and digits.startswith("0"):
            return f"; a leading zero is ambiguous: write {int(value)}"
        if digits.isdigit():
            return f"; the number has {len(digits)} digits, too many to be a figure"
        if any(ch in value for ch in "万亿千百"):
            return (
                "; write the value in base units as a plain number (6336万元 is 63360000) and "
                "keep the original in as_written"
            )
        if value.lower() in {".nan", ".inf", "-.inf", "+.inf", "nan", "inf"}:
            return "; NaN and infinity are not figures"
        return "; write a plain number such as 52000 or 10.6"
    if isinstance(value, bool):
        return "; true/false is not a number"
    return ""


def friendly(error: dict[str, Any], item: Any) -> tuple[Path_, str]:
    """Turn one pydantic error into (path inside the item, message a data author can act on)."""
    loc: tuple[Any, ...] = tuple(error["loc"])
    path: list[str | int] = []
    node = item
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
            path.append(part)
        else:
            break
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        field_name = str(loc[len(path)]) if len(loc) > len(path) else str(loc[-1])
        return (*path, field_name), f"missing required field '{field_name}'"
    if kind == "extra_forbidden":
        return tuple(path), f"unknown field '{loc[-1]}'; check the spelling (see `pingan schema`)"
    if kind in {"int_type", "float_type", "int_parsing", "float_parsing", "finite_number"}:
        return tuple(path), f"expected a number, got {describe(value)}{_number_hint(value)}"
    if kind in {"string_type", "str_type"}:
        hint = ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            hint = f'; put it in quotes to keep it as written: "{value}"'
        elif isinstance(value, bool):
            hint = "; put it in quotes if you mean the word"
        return tuple(path), f"expected text, got {describe(value)}{hint}"
    if kind in {"bool_type", "bool_parsing"}:
        return tuple(path), f"expected true or false, got {describe(value)}"
    if kind in {"list_type"}:
        return tuple(path), f"expected a list, got {describe(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return tuple(path), f"expected a mapping of fields, got {describe(value)}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return tuple(path), f"{describe(value)} is not one of {expected}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return tuple(path), f"{describe(value)} is not one of {expected}"
    if kind == "string_pattern_mismatch":
        return tuple(path), f"{describe(value)} is not in the expected form ({_pattern_hint(loc)})"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    return tuple(path), message


def _pattern_hint(loc: tuple[Any, ...]) -> str:
    name = str(loc[-1]) if loc else ""
    if name == "code":
        return 'a 6-digit division code in quotes, such as "610528"'
    if name == "url":
        return "an http:// or https:// address"
    return "lower-case letters, digits, '-' and '_', such as fuping or case-rate-change"


def validate_item(section: str, item: Any, document: Document, path: Path_) -> Any:
    """Validate one entry of a section; raise DataError with one problem per bad field."""
    try:
        return _ADAPTERS[section].validate_python(item)
    except ValidationError as error:
        problems: dict[Path_, Problem] = {}
        for detail in error.errors(include_url=False):
            inner, message = friendly(dict(detail), item)
            full = (*path, *inner)
            problems.setdefault(full, document.problem(full, message))
        raise DataError(list(problems.values())) from None


def read_document(document: Document) -> tuple[dict[str, list[Entry]], list[Problem]]:
    """Validate one parsed file section by section, entry by entry."""
    problems: list[Problem] = list(document.problems)
    entries: dict[str, list[Entry]] = {name: [] for name in SECTIONS}
    top = document.value
    if top is None:
        problems.append(
            document.problem(
                (),
                "is empty: a data file is a mapping with sections such as regions: and "
                "observations:",
            )
        )
        return entries, problems
    if not isinstance(top, dict):
        problems.append(
            document.problem(
                (),
                f"the top level is {describe(top)}; it must be a mapping with sections such "
                "as regions: and observations:",
            )
        )
        return entries, problems
    for key in top:
        if key not in TOP_LEVEL_KEYS:
            problems.append(
                document.problem(
                    (key,), f"unknown section '{key}'; sections are: {', '.join(TOP_LEVEL_KEYS)}"
                )
            )
    if "format" in top and (top["format"] != 1 or isinstance(top["format"], bool)):
        problems.append(
            document.problem(
                ("format",),
                f"format {describe(top['format'])} is not 1; this version of pingan reads format 1",
            )
        )
    for section in SECTIONS:
        items = top.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                document.problem((section,), f"{section} must be a list, got {describe(items)}")
            )
            continue
        for index, item in enumerate(items):
            path: Path_ = (section, index)
            try:
                model = validate_item(section, item, document, path)
            except DataError as error:
                problems.extend(error.problems)
                continue
            entries[section].append(Entry(model, document, path))
    return entries, problems


def _merge(documents: Sequence[dict[str, list[Entry]]]) -> dict[str, list[Entry]]:
    merged: dict[str, list[Entry]] = {name: [] for name in SECTIONS}
    for entries in documents:
        for name, items in entries.items():
            merged[name].extend(items)
    return merged


def load_documents(documents: Iterable[Document]) -> Loaded:
    """Validate parsed documents, merge them and cross-check the whole; raise DataError if bad."""
    problems: list[Problem] = []
    per_file: list[dict[str, list[Entry]]] = []
    for document in documents:
        entries, found = read_document(document)
        per_file.append(entries)
        problems.extend(found)
    merged = _merge(per_file)
    kept, found = check_dataset(merged)
    problems.extend(found)
    observation_files: list[tuple[Path, ObservationFile, Entry]] = []
    for entry in kept["observation_files"]:
        base = Path(entry.document.file).parent
        target = base / entry.model.path
        if not target.is_file():
            problems.append(entry.problem(f"no such CSV file: {target}", "path"))
        observation_files.append((target, entry.model, entry))
    if problems:
        raise DataError(problems)
    sections: dict[str, Any] = {name: [e.model for e in items] for name, items in kept.items()}
    dataset = Dataset.model_construct(None, **sections)
    return Loaded(dataset, kept, observation_files)


def load_paths(paths: Sequence[Path]) -> Loaded:
    """Read, validate, merge and cross-check data files; raise DataError naming every problem."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            documents.append(read_yaml(path))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        # Cross-checks would only echo the unreadable file; report the others' own problems.
        for document in documents:
            problems.extend(read_document(document)[1])
        raise DataError(problems)
    return load_documents(documents)
