"""The `pingan verify` command."""

from __future__ import annotations

from pathlib import Path

import click

from ..visible import safe_text
from .session import Session


@click.command("verify")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--show", is_flag=True, help="List where each quote is in its source's text.")
@click.option(
    "--texts",
    "texts_in",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also check each source against DIR/ID.txt (ID its source id), wherever DIR is: "
    "texts you keep outside the dataset's folder, such as pages saved while harvesting.",
    metavar="DIR",
)
@click.pass_obj
def command(
    session: Session, /, paths: tuple[Path, ...], show: bool, texts_in: Path | None
) -> None:
    """Check quotes and figures against the archived texts of their sources."""
    from ..extraction.verify import verify_or_raise

    out = session.env.stdout
    result = verify_or_raise(paths or session.paths(), session.allow_paths, texts_in)
    for entry, where in result.located if show else ():
        out.write(safe_text(f"{entry} is at {where}") + "\n")
    out.write(
        f"verified: {result.figures} figures and {result.quotes} quotes against "
        f"{result.texts} source text{'s' if result.texts != 1 else ''}\n"
    )
