"""The `pingan search` command."""

from __future__ import annotations

from typing import Any

import click

from .emit import emit
from .options import output_options
from .session import Session


@click.command("search")
@click.argument("text")
@output_options
@click.pass_obj
def command(session: Session, /, text: str, **out: Any) -> None:
    """Find regions, indicators, honours, practices and quotes by Chinese, English or pinyin."""
    from ..views.catalogue import search_view

    with session.open() as data:
        emit(session, search_view(data.search(text)), **out)
