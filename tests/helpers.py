"""Run the command line in tests through Click's CliRunner, with a fixed, colourless terminal."""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from click.testing import CliRunner, Result

from pingan_cli.cli import cli

WIDTH = "100"


def pingan(args: str | Sequence[str], env: dict[str, str] | None = None) -> Result:
    """Run `pingan ARGS` as a user would, with COLUMNS fixed and colour off."""
    argv = shlex.split(args) if isinstance(args, str) else list(args)
    runner = CliRunner()
    return runner.invoke(cli, argv, env={"COLUMNS": WIDTH, **(env or {})}, prog_name="pingan")
