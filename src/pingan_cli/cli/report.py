"""The `pingan report` command."""

from __future__ import annotations

import click

from ..visible import safe_text
from .emit import deliver, file_target
from .options import OUTPUT_FILE, YEAR, complete_region
from .session import Session


@click.command("report")
@click.argument("regions", nargs=-1, shell_complete=complete_region)
@click.option("--year", "-y", type=YEAR, help="The year (default: the one with most figures).")
@click.option(
    "--output",
    type=OUTPUT_FILE,
    help="Write the page to this file (atomically); '-' or none prints it.",
)
@click.pass_obj
def command(
    session: Session, /, regions: tuple[str, ...], year: int | None, output: str | None
) -> None:
    """Write one self-contained HTML page: profiles, rankings, trends, honours, sources."""
    from ..render.htmlreport import render_report

    output = file_target(output)
    with session.open() as data:
        page = render_report(data.report(*regions, year=year))
    deliver(session, page, output)
    if output is not None:
        click.echo(f"wrote {safe_text(output)}", file=session.env.stderr)
