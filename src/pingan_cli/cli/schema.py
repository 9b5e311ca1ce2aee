"""The `pingan schema` command."""

from __future__ import annotations

import click

from .session import Session


@click.command("schema")
@click.pass_obj
def command(session: Session) -> None:
    """Print the JSON Schema of the data format, for editors and check-jsonschema."""
    from ..load.schema import json_schema

    click.echo(json_schema(), file=session.env.stdout)
