"""The `pingan validate` command."""

from __future__ import annotations

from pathlib import Path

import click

from ..visible import safe_text
from .session import Session


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def command(session: Session, /, paths: tuple[Path, ...]) -> None:
    """Check data files and print every problem with its location."""
    from ..api import validate as check

    chosen = paths or session.paths()
    counts = check(chosen, allow_paths=session.allow_paths)
    names = ", ".join(safe_text(str(p)) for p in chosen)
    summary = ", ".join(
        f"{n} {kind if n != 1 else kind.removesuffix('s')}" for kind, n in counts.as_dict().items()
    )
    click.echo(f"valid: {names} ({summary})", file=session.env.stdout)
