"""Load data files: read YAML safely, validate every entry into the models, merge, cross-check.

Every problem in every file is collected and raised together as one DataError.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..suggest import did_you_mean
from .checks import Partial, check_dataset
from .containment import allowed_folders, is_inside, outside_message
from .entries import Loaded, LoadedEntry
from .models import SECTIONS, DataFile, ObservationFile
from .problems import DataError, Path_, Problem
from .validation_errors import as_id, describe, explain
from .yamlread import Document, read_yaml

TOP_LEVEL_KEYS = ("format", *SECTIONS)
_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(model) for name, model in SECTIONS.items()
}


def validate_item(section: str, item: Any, document: Document, path: Path_) -> Any:
    """Validate one entry of a section; raise DataError with one problem per bad field."""
    try:
        return _ADAPTERS[section].validate_python(item)
    except ValidationError as error:
        problems: dict[Path_, Problem] = {}

        def written(inner: Path_) -> str | None:
            return document.as_written((*path, *inner))

        for detail in error.errors(include_url=False):
            inner, message = explain(dict(detail), item, written)
            full = (*path, *inner)
            if detail["type"] == "extra_forbidden":
                problem = document.key_problem(full, message)
            else:
                problem = document.problem(full, message)
            problems.setdefault(full, problem)
        raise DataError(list(problems.values())) from None


def read_document(document: Document) -> tuple[dict[str, list[LoadedEntry]], list[Problem]]:
    """Validate one parsed file section by section, entry by entry."""
    entries, problems, _, _ = _read_document(document)
    return entries, problems


def _read_document(
    document: Document,
) -> tuple[dict[str, list[LoadedEntry]], list[Problem], dict[str, set[str]], list[Partial]]:
    """Entries, problems, the ids of entries that failed validation (by section), and what
    parsed of those entries (so that their references are checked too)."""
    problems: list[Problem] = list(document.problems)
    entries: dict[str, list[LoadedEntry]] = {name: [] for name in SECTIONS}
    broken: dict[str, set[str]] = {name: set() for name in SECTIONS}
    partial: list[Partial] = []
    top = document.value
    if top is None:
        problems.append(
            Problem(
                document.file,
                1,
                1,
                "is empty (or holds only comments); a data file is a mapping of sections: "
                "start it with format: 1, then sources:, regions:, observations: and so on",
            )
        )
        return entries, problems, broken, partial
    if not isinstance(top, dict):
        problems.append(
            document.problem(
                (),
                f"the top level is {describe(top)}; a data file is a mapping of sections "
                "(format: 1, regions:, observations: …): put entries under their section",
            )
        )
        return entries, problems, broken, partial
    for key in top:
        if key not in TOP_LEVEL_KEYS:
            hint = did_you_mean(key, TOP_LEVEL_KEYS, limit=2)
            problems.append(
                document.key_problem(
                    (key,),
                    f"unknown section '{key}'{hint} (sections: {', '.join(TOP_LEVEL_KEYS)})",
                )
            )
    if "format" in top and (type(top["format"]) is not int or top["format"] != 1):
        value = top["format"]
        hint = (
            "; remove the quotes: format: 1"
            if isinstance(value, str) and value.strip() == "1"
            else "; this version of pingan reads format 1: upgrade pingan, or write format: 1"
        )
        problems.append(
            document.problem(
                ("format",),
                f"{describe(value, document.as_written(('format',)))} is not a format version "
                f"pingan reads{hint}",
            )
        )
    for section in SECTIONS:
        items = top.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                document.problem(
                    (section,),
                    f"{section} must be a list, got {describe(items)}; start each entry with "
                    "'- ' on its own line",
                )
            )
            continue
        for index, item in enumerate(items):
            path: Path_ = (section, index)
            try:
                model = validate_item(section, item, document, path)
            except DataError as error:
                problems.extend(error.problems)
                if isinstance(item, dict):
                    failed = {p.path[len(path)] for p in error.problems if len(p.path) > len(path)}
                    partial.append(Partial(section, LoadedEntry(item, document, path), failed))
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    # References to it are not reported again, even to the id as meant
                    # (fuping for a mistyped Fuping).
                    broken[section].add(item["id"])
                    broken[section].add(as_id(item["id"]))
                    broken[section].add(as_id(item["id"], ""))
                continue
            entries[section].append(LoadedEntry(model, document, path))
    return entries, problems, broken, partial


def _merge(documents: Sequence[dict[str, list[LoadedEntry]]]) -> dict[str, list[LoadedEntry]]:
    merged: dict[str, list[LoadedEntry]] = {name: [] for name in SECTIONS}
    for entries in documents:
        for name, items in entries.items():
            merged[name].extend(items)
    return merged


def load_documents(documents: Iterable[Document], allowed: Sequence[str] = ()) -> Loaded:
    """Validate parsed documents, merge them and cross-check the whole; raise DataError if bad.

    A CSV file a document names must lie inside that document's folder, or inside one of the
    allowed folders (real paths, see containment.py).
    """
    problems: list[Problem] = []
    per_file: list[dict[str, list[LoadedEntry]]] = []
    broken: dict[str, set[str]] = {name: set() for name in SECTIONS}
    partial: list[Partial] = []
    for document in documents:
        entries, found, failed, parsed = _read_document(document)
        per_file.append(entries)
        problems.extend(found)
        partial.extend(parsed)
        for name, ids in failed.items():
            broken[name] |= ids
    merged = _merge(per_file)
    kept, found = check_dataset(merged, broken, partial)
    problems.extend(found)
    observation_files: list[tuple[Path, ObservationFile, LoadedEntry]] = []
    for entry in kept["observation_files"]:
        base = Path(entry.document.file).parent
        target = base / entry.model.path
        if not is_inside(target, base, allowed):
            message = outside_message(entry.model.path, base, entry.document.file)
            problems.append(entry.problem(message, "path"))
            continue
        trouble = _csv_trouble(target)
        if trouble:
            problems.append(entry.problem(f"{trouble}: {target}", "path"))
        observation_files.append((target, entry.model, entry))
    if problems:
        raise DataError(problems)
    sections: dict[str, Any] = {name: [e.model for e in items] for name, items in kept.items()}
    dataset = DataFile.model_construct(None, **sections)
    return Loaded(dataset, kept, observation_files, tuple(allowed))


def _csv_trouble(target: Path) -> str | None:
    """Why a CSV file named under observation_files cannot be read, or None if it can."""
    try:
        info = target.stat()
    except FileNotFoundError:
        return "no such CSV file (paths are relative to the YAML file that names them)"
    except OSError as error:
        return f"cannot read the CSV file ({error.strerror or error})"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a CSV file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a FIFO or device?), not a CSV file"
    return None


def load_paths(
    paths: Sequence[str | os.PathLike[str]],
    contents: Sequence[bytes] | None = None,
    allowed: Sequence[str | os.PathLike[str]] = (),
) -> Loaded:
    """Read, validate, merge and cross-check data files; raise DataError naming every problem.

    ``contents``, when given, are the files' bytes as already read (one for each path): they are
    parsed instead of reading the files again. ``allowed`` are folders outside the data files'
    own from which they may name files (``--allow-path``).
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    for index, path in enumerate(paths):
        try:
            data = None if contents is None else contents[index]
            documents.append(read_yaml(Path(path), data=data))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        # Cross-checks would only echo the unreadable file; report the others' own problems.
        for document in documents:
            problems.extend(read_document(document)[1])
        raise DataError(problems)
    return load_documents(documents, allowed_folders(allowed))
