"""Where an export may go: a target the format cannot be written to is refused, with a hint."""

from __future__ import annotations

from pathlib import Path

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
        from .datapackage import PackageError, check_folder

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
