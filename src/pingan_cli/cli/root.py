"""The command line: a thin layer over the Python API, and the only package importing click.

This module is the root group (global options, failures → messages and exit codes); each command
lives in a module of its own, named after it, and is imported only when it runs (or when help
lists it), so a command pays for no other command's options.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import sys
from typing import Any, NoReturn, TextIO

import click

from .._version import __version__
from ..load.problems import DataError, QueryError
from ..visible import safe_text
from .environment import Environment
from .exits import ExitStatus, fail, interrupted
from .options import LANGUAGES
from .session import Session, session_of

EPILOG = """\b
Exit codes: 0 success; 1 invalid data or a runtime failure; 2 usage error
(unknown option, region or indicator); 130 interrupted.
\b
Environment: PINGAN_DATA (data files, separated by ':'), PINGAN_LANG (zh or en),
PINGAN_CACHE_DIR (where compiled stores are kept), PINGAN_ALLOW_PATHS (as
--allow-path, separated by ':'), NO_COLOR.
"""

# What only a write fails with: a full disk, a file over its size limit, a quota.
_FULL = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EFBIG", "EDQUOT") if hasattr(errno, name)
)

# The commands; each is `command` in the module of its name in this package.
COMMANDS = (
    "cache",
    "compare",
    "conflicts",
    "designations",
    "export",
    "extract",
    "indicators",
    "info",
    "list",
    "practices",
    "rank",
    "regions",
    "report",
    "schema",
    "search",
    "show",
    "sources",
    "sum",
    "trend",
    "validate",
    "verify",
)


class PinganGroup(click.Group):
    """The root group: loads a command when it is asked for, and turns every expected failure
    into a message and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, sorted."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command of that name, its module imported now; None for an unknown name."""
        if cmd_name not in COMMANDS:
            return None
        command = importlib.import_module(f"{__package__}.{cmd_name}").command
        assert isinstance(command, click.Command)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command args name; an unknown name is a usage error offering the nearest ones."""
        name = args[0] if args else ""
        if ctx.resilient_parsing or name in COMMANDS or name.startswith("-"):
            return super().resolve_command(ctx, args)
        from ..suggest import did_you_mean

        raise click.UsageError(f"No such command {name!r}{did_you_mean(name, COMMANDS)}", ctx)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand, mapping failures to messages on stderr and exit codes."""
        try:
            return super().invoke(ctx)
        except DataError as error:
            count = len(error.problems)
            noun = "problem" if count == 1 else "problems"
            _fail(ctx, f"{error}\nerror: {count} {noun} in the data", ExitStatus.FAILURE)
        except QueryError as error:
            _fail(ctx, f"error: {error}", ExitStatus.USAGE)
        except KeyboardInterrupt:
            interrupted(_session_stderr(ctx))
        except BrokenPipeError:
            _reader_gone()
        except OSError as error:
            from ..atomic import WriteError

            if isinstance(error, WriteError):
                _fail(ctx, f"error: {error}", ExitStatus.FAILURE)
            if error.filename is None and error.errno in _FULL:
                # click's own output (a command's --help) to a full disk or /dev/full
                _stdout_lost()
                message = f"error: cannot write standard output: {error.strerror or error}"
                _fail(ctx, message, ExitStatus.FAILURE)
            where = f": {error.filename}" if error.filename else ""
            _fail(ctx, f"error: {error.strerror or error}{where}", ExitStatus.FAILURE)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the root's options; --help and --version print here, so a failure to print
        them (a closed pipe, a full disk) ends as any output's would, never in a traceback."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:
            _reader_gone()
        except OSError as error:
            _stdout_lost()
            fail(
                safe_text(f"error: cannot write standard output: {error.strerror or error}"),
                ExitStatus.FAILURE,
                sys.stderr,
            )

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """As click's main, but a usage error is said wrapped to the terminal's width."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as error:
            env = extra.get("obj")
            env = env if isinstance(env, Environment) else Environment()
            shown = io.StringIO()
            error.show(file=shown)
            env.say(shown.getvalue())
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Aborted!", file=sys.stderr)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _stdout_lost() -> None:
    """Point standard output at the null device: what is still buffered for it goes nowhere,
    instead of failing again (with a message of Python's) when the process ends."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _reader_gone() -> NoReturn:
    """The reader went away (`pingan list | head -1`): stop quietly, as a pipe's writer does."""
    _stdout_lost()
    raise SystemExit(int(ExitStatus.OK)) from None


def _session_stderr(ctx: click.Context) -> TextIO:
    session = session_of(ctx)
    return session.env.stderr if session is not None else sys.stderr


def _fail(ctx: click.Context, message: str, status: ExitStatus) -> NoReturn:
    session = session_of(ctx)
    width = session.env.stderr_width() if session is not None else None
    fail(safe_text(message, keep_newlines=True), status, _session_stderr(ctx), width)


class Language(click.Choice):  # type: ignore[type-arg]
    """zh or en; a bad PINGAN_LANG is named as such, not as the --lang nobody typed."""

    def __init__(self) -> None:
        super().__init__(LANGUAGES, case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The language, or a usage error naming where the bad value came from."""
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            source = ctx.get_parameter_source("lang") if ctx is not None else None
            if source is click.core.ParameterSource.ENVIRONMENT:
                raise click.BadParameter(
                    f"{value!r} is not zh or en; set it to one of them, or unset it",
                    ctx,
                    param_hint="the environment variable PINGAN_LANG",
                ) from None
            raise


class DataPaths(click.types.StringParamType):
    """Data file paths; PINGAN_DATA holds several, separated as PATH is (':' or ';')."""

    name = "path"
    envvar_list_splitter = os.pathsep


@click.group(
    cls=PinganGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(
    __version__,
    prog_name="pingan",
    # Given, not left to click's defaults: those are translated (a gettext search) at import.
    message="%(prog)s, version %(version)s",
    help="Show the version and exit.",
)
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="PATH",
    type=DataPaths(),
    envvar="PINGAN_DATA",
    help="A data file to read instead of the bundled dataset (repeatable; files merge).",
)
@click.option("--no-cache", is_flag=True, help="Validate and build the store afresh, in memory.")
@click.option(
    "--lang",
    type=Language(),
    default="zh",
    envvar="PINGAN_LANG",
    show_default=True,
    help="Language of names in the output.",
)
@click.option(
    "--allow-path",
    "allow_paths",
    multiple=True,
    metavar="DIR",
    type=DataPaths(),
    envvar="PINGAN_ALLOW_PATHS",
    help="Let data files name CSV files and source texts in this folder too (repeatable); "
    "by default only inside their own folder.",
)
@click.option(
    "--cache-dir",
    metavar="DIR",
    envvar="PINGAN_CACHE_DIR",
    help="Where compiled stores are kept (default: ~/.cache/pingan).",
)
@click.pass_context
def cli(
    ctx: click.Context,
    data: tuple[str, ...],
    no_cache: bool,
    lang: str,
    allow_paths: tuple[str, ...],
    cache_dir: str | None,
) -> None:
    """Query Weinan's public-safety (平安建设) statistics: figures, honours, practices."""
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    from_env = ctx.get_parameter_source("data") is click.core.ParameterSource.ENVIRONMENT
    allowed = tuple(p for p in allow_paths if p.strip())
    ctx.obj = Session(env, data, from_env, not no_cache, lang.lower(), cache_dir, allowed)


def main(argv: list[str] | None = None, env: Environment | None = None) -> None:
    """Run the command line; failures were already turned into messages by PinganGroup."""
    cli.main(args=argv, prog_name="pingan", obj=env)
