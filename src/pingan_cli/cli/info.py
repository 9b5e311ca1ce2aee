"""The `pingan info` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import complete_entry, output_options
from .session import Session


@click.command("info")
@click.argument("entry", shell_complete=complete_entry)
@output_options
@click.pass_obj
def command(session: Session, /, entry: str, **out: Any) -> None:
    """Show one practice, designation or indicator in full: description, quote, source."""
    from ..views.catalogue import entry_view

    with session.open() as data:
        emit(session, entry_view(data.info(entry)), **out)
