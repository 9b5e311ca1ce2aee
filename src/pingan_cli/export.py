"""`pingan export`: check where the export goes, then write it (SQLite, metadata or a package)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .atomic import write_text

if TYPE_CHECKING:
    from .api import Dataset

STDOUT = "-"


class ExportError(Exception):
    """An export target that cannot work: said before the store is opened."""


def check_target(fmt: str, target: str, metadata: Path | None, stdout_is_tty: bool) -> None:
    """Refuse, with a hint, a target the format cannot be written to."""
    if target.lower().endswith(".csv"):
        raise ExportError(
            f"{target!r} ends in .csv, but export writes a SQLite database or a folder: for the "
            "figures as CSV use `pingan list --format csv --output FILE`; for every table as CSV "
            "files with a datapackage.json, `pingan export --format datapackage FOLDER`"
        )
    for path in (Path(target), metadata):
        if path is not None and str(path) != STDOUT:
            _check_folder_exists(path)
    if fmt == "datapackage":
        if target == STDOUT:
            raise ExportError(
                "a data package is a folder of files and cannot go to standard output; "
                "name a folder"
            )
        if metadata is not None:
            raise ExportError(
                "--metadata describes a SQLite export for Datasette; a data package carries its "
                "own descriptions in datapackage.json"
            )
        from .export_datapackage import PackageError, check_folder

        try:
            check_folder(Path(target))
        except PackageError as error:
            raise ExportError(str(error)) from None
        return
    if target != STDOUT and Path(target).is_dir():
        raise ExportError(
            f"{target} is a folder; name a file for the SQLite database, or add "
            "--format datapackage to write a data package into the folder"
        )
    if target == STDOUT:
        if stdout_is_tty:
            raise ExportError(
                "will not write a binary SQLite database to the terminal; redirect it "
                "(`pingan export - > weinan.sqlite`) or name a file"
            )
        if metadata is not None:
            raise ExportError(
                "--metadata names the database by its file name; export to a file to write "
                "metadata for it"
            )


def _check_folder_exists(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist; create it")


def run_export(
    data: Dataset,
    fmt: str,
    target: str,
    metadata: Path | None,
    stdout: BinaryIO | None,
) -> str:
    """Write the export; say what was written, for the message on stderr."""
    if fmt == "datapackage":
        from .export_datapackage import PackageError

        try:
            files = data.export_datapackage(target)
        except PackageError as error:
            raise ExportError(str(error)) from None
        return f"{target} ({files[0]} and {len(files) - 1} CSV files)"
    if target == STDOUT:
        if stdout is None:
            raise ExportError("standard output takes no binary data here; name a file")
        with tempfile.TemporaryDirectory(prefix="pingan-export-") as folder:
            path = Path(folder) / "export.sqlite"
            data.export(path)
            with open(path, "rb") as stream:
                shutil.copyfileobj(stream, stdout)
            stdout.flush()
        return "the SQLite database to standard output"
    data.export(target)
    if metadata is not None:
        document = data.datasette_metadata(Path(target).stem)
        write_text(metadata, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return f"{target} and its Datasette metadata {metadata}"
    return target
