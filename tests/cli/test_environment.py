"""One Environment object holds a run's streams, terminal and variables; tests swap in their own."""

from __future__ import annotations

import io
import re

from click.testing import CliRunner

from pingan_cli.cli.environment import Environment
from pingan_cli.cli.root import cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run(env: Environment, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), obj=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # everything went to the environment's own streams
    assert isinstance(env.stdout, io.StringIO)
    return env.stdout.getvalue()


def test_a_terminal_gets_colour_at_its_width() -> None:
    env = Environment(
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdout_isatty=True,
        stderr_isatty=False,
        variables={},
        terminal_width=60,
    )
    text = _run(env, "compare", "--year", "2023")
    assert "\x1b[" in text
    assert max(len(ANSI.sub("", line)) for line in text.splitlines()) <= 60


def test_no_color_and_pipes_get_plain_text() -> None:
    for tty, variables in ((True, {"NO_COLOR": "1"}), (False, {})):
        env = Environment(
            stdout=io.StringIO(), stderr=io.StringIO(), stdout_isatty=tty, variables=variables
        )
        text = _run(env, "compare", "--year", "2023")
        assert "\x1b[" not in text
        assert "渭南市" in text


def test_notes_go_to_the_environments_stderr() -> None:
    err = io.StringIO()
    env = Environment(stdout=io.StringIO(), stderr=err, stdout_isatty=False, variables={})
    _run(env, "list", "--year", "1999")
    assert err.getvalue() == "note: no figures match\n"


def test_progress_only_on_a_terminal_and_never_in_ci() -> None:
    assert Environment(stderr_isatty=True, variables={}).show_progress()
    assert not Environment(stderr_isatty=True, variables={"CI": "true"}).show_progress()
    assert not Environment(stderr_isatty=False, variables={}).show_progress()
