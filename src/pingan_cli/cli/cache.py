"""The `pingan cache` command."""

from __future__ import annotations

import click

from .session import Session


@click.group("cache")
def command() -> None:
    """Manage the cache of compiled stores."""


@command.command("path")
@click.pass_obj
def cache_path(session: Session) -> None:
    """Print the cache folder."""
    click.echo(str(session.cache_dir), file=session.env.stdout)


@command.command("clear")
@click.pass_obj
def cache_clear(session: Session) -> None:
    """Remove every cached store."""
    from ..api import clear_cache

    removed = clear_cache(session.cache_dir)
    click.echo(
        f"removed {removed} cached store{'s' if removed != 1 else ''}", file=session.env.stdout
    )
