"""A Frictionless Data Package: the tables as CSV files, described by datapackage.json.

Every figure keeps its qualifier, as_written, display and period columns, so none looks exact
when its source says 余 or 约. The descriptor gives field types, descriptions, units, primary and
foreign keys, and the sources with their URLs.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from .tables import TABLES

DESCRIPTOR = "datapackage.json"
NAME = "weinan-pingan"

# resource name -> store table, in the order they are written
RESOURCES = {
    "sources": "sources",
    "regions": "regions",
    "indicators": "indicators",
    "figures": "observations",
    "designations": "designations",
    "designation_recipients": "designation_recipients",
    "practices": "practices",
}
FILES = frozenset({DESCRIPTOR, *(f"{name}.csv" for name in RESOURCES)})

BOOLEANS = frozenset({"since@observations", "complete@designations"})
ARRAYS = frozenset({"aliases", "authors", "contributors", "practices", "related"})
ENUMS = {
    "qualifier": ["exact", "at_least", "approx"],
    "kind@indicators": ["level", "change"],
    "measure": ["flow", "stock"],
    "dated_from": ["address", "content", "copy"],
    "language": ["zh", "en"],
    "standing": ["official", "news", "republished"],
}
LICENCE_NOTE = (
    "No licence is stated by the publishers of the sources; the figures are facts quoted from "
    "public pages, each with its clause and URL. Cite the sources."
)


class PackageError(Exception):
    """The target folder cannot take a data package."""


def check_folder(target: Path) -> None:
    """Refuse a target that is a file, or a folder holding files other than a package's own."""
    if target.is_dir():
        others = sorted(set(os.listdir(target)) - FILES)
        if others:
            raise PackageError(
                f"{target} holds other files ({', '.join(others[:3])}"
                f"{', …' if len(others) > 3 else ''}); name a new or empty folder, or one "
                "written by an earlier `pingan export --format datapackage`"
            )
    elif target.exists():
        raise PackageError(f"{target} is a file; a data package is a folder: name a new folder")


def write_datapackage(store: sqlite3.Connection, target: Path) -> list[str]:
    """Write the package into the folder target, replacing an earlier one whole; list the files.

    A symbolic link to a folder is written through: the folder it points to gets the package.
    """
    from ..atomic import TEMP_SUFFIX, locked_temp, sweep

    check_folder(target)
    if os.path.islink(target):
        target = Path(os.path.realpath(target))
    parent = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    sweep(parent, prefix, TEMP_SUFFIX)
    handle, name = locked_temp(parent, prefix, TEMP_SUFFIX, folder_too=True)
    temp = Path(name)
    try:
        descriptor = _write_files(store, temp)
        (temp / DESCRIPTOR).write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temp, 0o777 & ~mask)
        _swap_in(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    finally:
        if handle >= 0:
            os.close(handle)
    return [DESCRIPTOR, *(r["path"] for r in descriptor["resources"])]


def _swap_in(temp: Path, target: Path) -> None:
    if not target.exists():
        os.rename(temp, target)
        return
    old = temp.with_name(temp.name + ".old")
    os.rename(target, old)
    try:
        os.rename(temp, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _columns(store: sqlite3.Connection, table: str) -> list[tuple[str, str, bool, bool]]:
    """(name, declared type, not null, in primary key) of each column of a store table."""
    rows = store.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
    return [(str(r[1]), str(r[2] or ""), bool(r[3]), bool(r[5])) for r in rows]


def _field(table: str, name: str, declared: str, required: bool) -> dict[str, Any]:
    info = TABLES[table]
    field: dict[str, Any] = {"name": name}
    if f"{name}@{table}" in BOOLEANS:
        field.update(type="boolean", trueValues=["1"], falseValues=["0"])
    elif name in ARRAYS:
        field["type"] = "array"
    elif table == "observations" and name == "value":
        field["type"] = "number"
    elif declared.upper() == "INTEGER":
        field["type"] = "integer"
    elif declared.upper() == "REAL":
        field["type"] = "number"
    else:
        field["type"] = "string"
    if name == "url":
        field["format"] = "uri"
    description = info.columns.get(name)
    if description:
        field["description"] = description
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    enum = ENUMS.get(f"{name}@{table}") or ENUMS.get(name)
    if enum:
        constraints["enum"] = enum
    if constraints:
        field["constraints"] = constraints
    return field


def _write_files(store: sqlite3.Connection, folder: Path) -> dict[str, Any]:
    present = {
        str(n)
        for (n,) in store.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    }
    resources = []
    for resource, table in RESOURCES.items():
        if table not in present:
            continue
        columns = _columns(store, table)
        names = [c[0] for c in columns]
        keys = [c[0] for c in columns if c[3]]
        fields = [_field(table, n, t, nn or pk) for n, t, nn, pk in columns]
        order = "designation, position" if table == "designation_recipients" else "rowid"
        rows = store.execute(
            f"SELECT {', '.join(_quote(n) for n in names)} FROM {_quote(table)} ORDER BY {order}"
        )
        path = f"{resource}.csv"
        with open(folder / path, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(names)
            writer.writerows(_cells(row) for row in rows)
        info = TABLES[table]
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if keys:
            schema["primaryKey"] = keys
        foreign = [
            {
                "fields": column,
                "reference": {
                    "resource": "" if ref_table == table else _resource_of(ref_table),
                    "fields": ref_column,
                },
            }
            for column, (ref_table, ref_column) in info.references.items()
            if column in names and ref_table in RESOURCES.values()
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": resource,
                "path": path,
                "profile": "tabular-data-resource",
                "title": info.title,
                "description": info.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    from .metadata import DESCRIPTION, TITLE

    sources = store.execute("SELECT title, url FROM sources ORDER BY rowid").fetchall()
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": f"{DESCRIPTION.split(' The search box')[0]} {LICENCE_NOTE}",
        "sources": [{"title": str(title), "path": str(url)} for title, url in sources],
        "resources": resources,
    }


def _resource_of(table: str) -> str:
    return next(name for name, t in RESOURCES.items() if t == table)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cells(row: tuple[Any, ...]) -> list[Any]:
    return ["" if value is None else value for value in row]
