"""The `pingan export` command."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from ..export.targets import STDOUT, ExportError, check_target
from ..visible import safe_text
from .options import OutputPath
from .session import Session

if TYPE_CHECKING:
    from ..api import Dataset


@click.command("export")
@click.option(
    "-o",
    "--format",
    "fmt",
    type=click.Choice(["sqlite", "datapackage"]),
    default="sqlite",
    show_default=True,
    help="sqlite: one database (FILE, or - for standard output); datapackage: a folder of CSV "
    "files with a datapackage.json (Frictionless).",
)
@click.option(
    "--metadata",
    type=OutputPath(dir_okay=False),
    help="Also write Datasette metadata (titles, descriptions, units, source links) to this file.",
)
@click.argument("file", metavar="FILE|FOLDER|-", type=OutputPath(path_type=str, allow_dash=True))
@click.pass_obj
def command(session: Session, /, fmt: str, metadata: str | None, file: str) -> None:
    """Write the data for Datasette or any SQLite client, or as a Frictionless Data Package."""
    env = session.env
    try:
        check_target(
            fmt, file, None if metadata is None else Path(metadata), bool(env.stdout_isatty)
        )
        with session.open() as data:
            written = run_export(data, fmt, file, metadata, getattr(env.stdout, "buffer", None))
    except ExportError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {safe_text(written)}", file=env.stderr)


def run_export(
    data: Dataset,
    fmt: str,
    target: str,
    metadata: str | None,
    stdout: BinaryIO | None,
) -> str:
    """Write the export; say what was written, for the message on stderr."""
    from ..atomic import write_text

    if fmt == "datapackage":
        from ..export.datapackage import PackageError

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
