"""The command line: a thin layer over the Python API. Only this module imports click.

Laid out as: the session every command gets, the root group (global options, errors → exit
codes), the shared option decorators and output, then one function per command.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from . import __version__
from .environment import Environment
from .exits import ExitStatus, fail, interrupted
from .output import Format, Layout, Result, safe_text
from .problems import DataError
from .queries import QueryError

if TYPE_CHECKING:
    from .api import Dataset
    from .chartdata import Chart

F = TypeVar("F", bound=Callable[..., Any])

EPILOG = """\b
Exit codes: 0 success; 1 invalid data or a runtime failure; 2 usage error
(unknown option, region or indicator); 130 interrupted.
\b
Environment: PINGAN_DATA (data files, separated by ':'), PINGAN_LANG (zh or en),
PINGAN_CACHE_DIR (where compiled stores are kept), NO_COLOR.
"""


@dataclass
class Session:
    """What the root command hands to every subcommand: the options and the environment."""

    env: Environment
    data: tuple[str, ...]
    data_from_env: bool
    use_cache: bool
    lang: str
    cache_dir: Path

    def paths(self) -> tuple[Path, ...]:
        """The data files: --data, else PINGAN_DATA, else the bundled dataset."""
        from .cache import bundled_data

        name = "PINGAN_DATA" if self.data_from_env else "--data"
        given = [p for p in self.data if p.strip()] if self.data_from_env else list(self.data)
        if self.data_from_env and not given:
            raise DataError.at(name, "is set but empty; name a data file or unset it")
        if any(not p.strip() for p in given):
            raise DataError.at(name, "is empty; name a data file")
        if given:
            return tuple(Path(p) for p in given)
        if self.env.variables.get("PINGAN_DATA", None) is not None:
            # Set but empty: click reads an empty variable as unset.
            raise DataError.at("PINGAN_DATA", "is set but empty; name a data file or unset it")
        return (bundled_data(),)

    def open(self) -> Dataset:
        """The dataset, its store built (with progress on a terminal) if needed."""
        from .api import Dataset
        from .cache import Settings

        settings = Settings(self.paths(), self.cache_dir, self.use_cache)
        # NOTE: the reporter is entered only when a store is built: a warm run starts no display.
        reporter = _progress if self.env.show_progress() else None
        return Dataset(settings, self.lang, reporter=reporter)


def _progress() -> AbstractContextManager[Callable[[int, int], None]]:
    from .tables import progress_reporter

    return progress_reporter()


def _session(ctx: click.Context) -> Session | None:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Session) else None


class PinganGroup(click.Group):
    """The root group: turns every expected failure into a message and an exit code."""

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
            # The reader went away (`pingan list | head -1`): stop quietly.
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(int(ExitStatus.OK)) from None
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            _fail(ctx, f"error: {error.strerror or error}{where}", ExitStatus.FAILURE)


def _session_stderr(ctx: click.Context) -> TextIO:
    session = _session(ctx)
    return session.env.stderr if session is not None else sys.stderr


def _fail(ctx: click.Context, message: str, status: ExitStatus) -> NoReturn:
    fail(safe_text(message, keep_newlines=True), status, _session_stderr(ctx))


class DataPaths(click.types.StringParamType):
    """Data file paths; PINGAN_DATA holds several, separated as PATH is (':' or ';')."""

    name = "path"
    envvar_list_splitter = os.pathsep


@click.group(
    cls=PinganGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="pingan")
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
    type=click.Choice(["zh", "en"], case_sensitive=False),
    default="zh",
    envvar="PINGAN_LANG",
    show_default=True,
    help="Language of names in the output.",
)
@click.option(
    "--cache-dir",
    metavar="DIR",
    envvar="PINGAN_CACHE_DIR",
    help="Where compiled stores are kept (default: ~/.cache/pingan).",
)
@click.pass_context
def cli(
    ctx: click.Context, data: tuple[str, ...], no_cache: bool, lang: str, cache_dir: str | None
) -> None:
    """Query Weinan's public-safety (平安建设) statistics: figures, honours, practices."""
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    from_env = ctx.get_parameter_source("data") is click.core.ParameterSource.ENVIRONMENT
    ctx.obj = Session(env, data, from_env, not no_cache, lang.lower(), env.cache_dir(cache_dir))


def output_options(function: F) -> F:
    """The options every read command shares: format, output file and table look."""
    options = [
        click.option(
            "-o",
            "--format",
            "fmt",
            type=click.Choice([f.value for f in Format]),
            default=Format.table.value,
            show_default=True,
            help="Output format.",
        ),
        click.option(
            "--output",
            type=click.Path(dir_okay=False, writable=True, path_type=Path),
            help="Write to this file (atomically) instead of standard output.",
        ),
        click.option(
            "--bom/--no-bom",
            default=True,
            show_default=True,
            help="Start CSV with a UTF-8 byte-order mark, so Excel reads Chinese correctly.",
        ),
        click.option(
            "--width",
            type=click.IntRange(20, 100_000),
            help="Table width (default: the terminal's).",
        ),
        click.option("--ascii", "ascii_only", is_flag=True, help="Draw tables with ASCII only."),
        click.option(
            "--layout",
            type=click.Choice([layout.value for layout in Layout]),
            default=Layout.auto.value,
            show_default=True,
            help="Tables: rows and columns, or one field a line per row (psql's expanded "
            "display); auto is a table when every figure fits whole.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def complete_region(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Region ids for shell completion."""
    return _complete(ctx, incomplete, lambda data: data.region_ids())


def complete_indicator(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Indicator ids for shell completion."""
    return _complete(ctx, incomplete, lambda data: data.indicator_ids())


def _complete(
    ctx: click.Context, incomplete: str, ids: Callable[[Dataset], list[str]]
) -> list[str]:
    try:
        params = ctx.find_root().params
        env = Environment()
        session = Session(
            env, params.get("data") or (), False, True, "zh", env.cache_dir(params.get("cache_dir"))
        )
        with session.open() as data:
            return [i for i in ids(data) if i.startswith(incomplete)]
    except Exception:
        return []


@contextlib.contextmanager
def dataset(session: Session) -> Iterator[Dataset]:
    """The session's dataset, closed when the command is done."""
    with session.open() as data:
        yield data


def emit(
    session: Session,
    result: Result,
    fmt: str,
    output: Path | None,
    bom: bool,
    width: int | None,
    ascii_only: bool,
    layout: str = Layout.auto.value,
) -> None:
    """Render a result and print it (or write it to a file), with a note when it is empty."""
    from .atomic import write_text
    from .render import render

    env = session.env
    to_file = output is not None
    text = render(
        result,
        Format(fmt),
        env.width(width, to_file),
        env.colour(to_file),
        ascii_only,
        bom,
        Layout(layout),
        terminal=bool(env.stdout_isatty) and not to_file,
    )
    if output is not None:
        write_text(output, text)
    else:
        env.stdout.write(text)
        env.stdout.flush()
    if result.is_empty and result.empty_note:
        env.stderr.write(f"note: {result.empty_note}\n")


# --- commands ------------------------------------------------------------------------------------


@cli.command("list")
@click.option(
    "--region",
    "-r",
    multiple=True,
    shell_complete=complete_region,
    help="Only this region and its sub-units (id or name; repeatable).",
)
@click.option(
    "--indicator",
    "-i",
    multiple=True,
    shell_complete=complete_indicator,
    help="Only this indicator (id or name; repeatable).",
)
@click.option("--category", "-c", multiple=True, help="Only this category (repeatable).")
@click.option("--year", "-y", type=int, multiple=True, help="Only figures for this year.")
@click.option(
    "--qualifier",
    "-q",
    multiple=True,
    type=click.Choice(["exact", "at_least", "approx"]),
    help="Only this qualifier.",
)
@click.option(
    "--where",
    "-w",
    "conditions",
    multiple=True,
    metavar="FIELD OP VALUE",
    help="A comparison, e.g. 'value>=1000' or 'quote~纠纷' (OP: = != < <= > >= ~).",
)
@click.option("--sort", metavar="FIELD", help="Sort by a field (region, indicator, value, year …).")
@click.option("--desc", is_flag=True, help="Sort descending.")
@click.option("--limit", type=click.IntRange(min=0), help="At most N figures.")
@output_options
@click.pass_obj
def list_command(
    session: Session,
    /,
    region: tuple[str, ...],
    indicator: tuple[str, ...],
    category: tuple[str, ...],
    year: tuple[int, ...],
    qualifier: tuple[str, ...],
    conditions: tuple[str, ...],
    sort: str | None,
    desc: bool,
    limit: int | None,
    **out: Any,
) -> None:
    """List figures, one per row, with filters."""
    from .queries import parse_condition
    from .views import observations_view

    for condition in conditions:
        parse_condition(condition)  # a bad condition is an error before the store is opened
    with dataset(session) as data:
        found = data.figures(
            region=region,
            indicator=indicator,
            category=category,
            year=year,
            qualifier=qualifier,
            where=conditions,
            sort=sort,
            descending=desc,
            limit=limit,
        )
        emit(session, observations_view(found), **out)


@cli.command()
@click.argument("region", shell_complete=complete_region)
@output_options
@click.pass_obj
def show(session: Session, /, region: str, **out: Any) -> None:
    """Show a region's profile: names, honours, figures, practices, sources."""
    from .views import profile_view

    with dataset(session) as data:
        emit(session, profile_view(data.region(region)), **out)


@cli.command()
@click.argument("regions", nargs=-1, shell_complete=complete_region)
@click.option("--year", "-y", type=int, help="The year to compare.")
@click.option(
    "--indicator",
    "-i",
    multiple=True,
    shell_complete=complete_indicator,
    help="Compare these indicators only (repeatable).",
)
@click.option("--category", "-c", multiple=True, help="Compare this category only (repeatable).")
@output_options
@click.pass_obj
def compare(
    session: Session,
    /,
    regions: tuple[str, ...],
    year: int | None,
    indicator: tuple[str, ...],
    category: tuple[str, ...],
    **out: Any,
) -> None:
    """Compare regions side by side: honours (yes/no/unknown) and figures."""
    from .views import compare_view

    if not regions and year is None:
        raise click.UsageError("name regions to compare, or give --year YEAR")
    with dataset(session) as data:
        comparison = data.compare(*regions, year=year, indicator=indicator, category=category)
        emit(session, compare_view(comparison, transpose=bool(regions)), **out)


@cli.command()
@click.option(
    "--level",
    type=click.Choice(["province", "city", "county", "township", "community", "agency"]),
    help="Only regions of this level.",
)
@click.option(
    "--within", shell_complete=complete_region, help="Only this region and its sub-units."
)
@output_options
@click.pass_obj
def regions(session: Session, /, level: str | None, within: str | None, **out: Any) -> None:
    """List regions: ids, names, levels, codes."""
    from .views import regions_view

    with dataset(session) as data:
        found = data.regions(level, within)
        names = {r.id: r.name for r in data.regions()} if found else {}
        emit(session, regions_view(found, names), **out)


@cli.command()
@click.option("--category", "-c", help="Only this category.")
@output_options
@click.pass_obj
def indicators(session: Session, /, category: str | None, **out: Any) -> None:
    """List indicators: ids, names, units, categories."""
    from .views import INDICATOR_COLUMNS, catalogue_view

    with dataset(session) as data:
        found = data.indicators(category)
        emit(session, catalogue_view(found, INDICATOR_COLUMNS, "indicators"), **out)


@cli.command()
@click.option("--year", "-y", type=int, help="Only designations for this year.")
@output_options
@click.pass_obj
def designations(session: Session, /, year: int | None, **out: Any) -> None:
    """List honours and their recipients, saying whether each list is complete."""
    from .views import designations_view

    with dataset(session) as data:
        emit(session, designations_view(data.designations(year)), **out)


@cli.command()
@output_options
@click.pass_obj
def sources(session: Session, /, **out: Any) -> None:
    """List the documents figures come from."""
    from .views import SOURCE_COLUMNS, catalogue_view

    with dataset(session) as data:
        emit(session, catalogue_view(data.sources(), SOURCE_COLUMNS, "sources"), **out)


@cli.command()
@click.argument("text")
@output_options
@click.pass_obj
def search(session: Session, /, text: str, **out: Any) -> None:
    """Find regions, indicators, honours, practices and quotes by Chinese, English or pinyin."""
    from .views import SEARCH_COLUMNS, catalogue_view

    with dataset(session) as data:
        emit(session, catalogue_view(data.search(text), SEARCH_COLUMNS, "entries"), **out)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def validate(session: Session, /, paths: tuple[Path, ...]) -> None:
    """Check data files and print every problem with its location."""
    from .api import validate as check

    chosen = paths or session.paths()
    counts = check(chosen)
    names = ", ".join(safe_text(str(p)) for p in chosen)
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.as_dict().items())
    click.echo(f"valid: {names} ({summary})", file=session.env.stdout)


@cli.command()
@click.pass_obj
def schema(session: Session) -> None:
    """Print the JSON Schema of the data format, for editors and check-jsonschema."""
    from .schema import json_schema

    click.echo(json_schema(), file=session.env.stdout)


@cli.group()
def cache() -> None:
    """Manage the cache of compiled stores."""


@cache.command("path")
@click.pass_obj
def cache_path(session: Session) -> None:
    """Print the cache folder."""
    click.echo(str(session.cache_dir), file=session.env.stdout)


@cache.command("clear")
@click.pass_obj
def cache_clear(session: Session) -> None:
    """Remove every cached store."""
    from .cache import clear

    removed = clear(session.cache_dir)
    click.echo(
        f"removed {removed} cached store{'s' if removed != 1 else ''}", file=session.env.stdout
    )


@cli.command()
@click.option(
    "-o",
    "--format",
    "fmt",
    type=click.Choice(["sqlite"]),
    default="sqlite",
    show_default=True,
    help="Export format.",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def export(session: Session, /, fmt: str, file: Path) -> None:
    """Write the compiled store to FILE, for Datasette, DuckDB or any SQLite client."""
    with dataset(session) as data:
        data.export(file)
    click.echo(f"wrote {safe_text(str(file))}", file=session.env.stderr)


def _emit_charts(session: Session, charts: list[Chart], out: dict[str, Any]) -> bool:
    """Print charts for --chart in table or svg format; False leaves the output to emit."""
    from .atomic import write_text

    env = session.env
    if out["fmt"] == Format.table.value:
        from .termcharts import bar_chart

        width = env.width(out["width"], out["output"] is not None) or 80
        text = "\n".join(
            bar_chart(c, width, lang=session.lang, ascii_only=out["ascii_only"]) for c in charts
        )
    elif out["fmt"] == Format.svg.value:
        from .svgcharts import stacked_svg

        text = stacked_svg(charts, lang=session.lang)
    else:
        return False
    if out["output"] is not None:
        write_text(out["output"], text)
    else:
        env.stdout.write(text)
        env.stdout.flush()
    return True


def units_option(function: F) -> F:
    """--units: how rank and trend write figures."""
    return click.option(
        "--units",
        type=click.Choice(["plain", "wan"]),
        help="Write figures as 52,000 (plain) or 5.2万 (wan) instead of as the source wrote them.",
    )(function)


@cli.command()
@click.argument("indicator", shell_complete=complete_indicator)
@click.option("--year", "-y", type=int, help="The year to rank (default: the latest reported).")
@click.option(
    "--level",
    type=click.Choice(["city", "county", "township", "community", "agency"]),
    default="county",
    show_default=True,
    help="Rank regions of this level.",
)
@click.option("--within", shell_complete=complete_region, help="Only regions within this one.")
@click.option("--chart", is_flag=True, help="Draw bars (table and svg formats).")
@units_option
@output_options
@click.pass_obj
def rank(
    session: Session,
    /,
    indicator: str,
    year: int | None,
    level: str,
    within: str | None,
    chart: bool,
    units: str | None,
    **out: Any,
) -> None:
    """Rank regions by an indicator; regions that do not report it come last, never as 0."""
    from .numbers import Units
    from .rankviews import ranking_chart, ranking_view

    chosen = Units(units) if units else None
    with dataset(session) as data:
        ranking = data.rank(indicator, year, level, within)
    if chart and _emit_charts(session, [ranking_chart(ranking, chosen)], out):
        return
    width = session.env.width(out["width"], out["output"] is not None)
    emit(session, ranking_view(ranking, out["ascii_only"], chosen, width), **out)


@cli.command()
@click.argument("region", shell_complete=complete_region)
@click.argument("indicators", nargs=-1, shell_complete=complete_indicator)
@click.option("--chart", is_flag=True, help="Draw bars (table and svg formats).")
@units_option
@output_options
@click.pass_obj
def trend(
    session: Session,
    /,
    region: str,
    indicators: tuple[str, ...],
    chart: bool,
    units: str | None,
    **out: Any,
) -> None:
    """Show a region's figures over the years, with the change from year to year."""
    from .numbers import Units
    from .rankviews import trend_charts, trend_view

    chosen = Units(units) if units else None
    with dataset(session) as data:
        trends = data.trend(region, *indicators)
    if chart and _emit_charts(session, trend_charts(trends, chosen), out):
        return
    width = session.env.width(out["width"], out["output"] is not None)
    emit(session, trend_view(trends, out["ascii_only"], session.lang, chosen, width), **out)


def main(argv: list[str] | None = None, env: Environment | None = None) -> None:
    """Run the command line; failures were already turned into messages by PinganGroup."""
    cli.main(args=argv, prog_name="pingan", obj=env)
