"""The `pingan export` command."""

from __future__ import annotations

from pathlib import Path

import click

from ..output import safe_text
from .session import Session


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
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write Datasette metadata (titles, descriptions, units, source links) to this file.",
)
@click.argument("file", metavar="FILE|FOLDER|-", type=click.Path(path_type=str, allow_dash=True))
@click.pass_obj
def command(session: Session, /, fmt: str, metadata: Path | None, file: str) -> None:
    """Write the data for Datasette or any SQLite client, or as a Frictionless Data Package."""
    from ..export import ExportError, check_target, run_export

    env = session.env
    try:
        check_target(fmt, file, metadata, bool(env.stdout_isatty))
        with session.open() as data:
            written = run_export(data, fmt, file, metadata, getattr(env.stdout, "buffer", None))
    except ExportError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {safe_text(written)}", file=env.stderr)
