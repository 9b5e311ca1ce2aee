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
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from . import __version__
from .categories import CATEGORY_NAMES
from .environment import Environment
from .exits import ExitStatus, fail, interrupted
from .output import Format, Layout, Result, safe_text
from .problems import DataError
from .queries import QueryError

if TYPE_CHECKING:
    from .api import Dataset
    from .chartdata import Chart

F = TypeVar("F", bound=Callable[..., Any])
LANGUAGES = ["zh", "en"]
CATEGORY_HELP = "Only this category (id, or Chinese or English name; repeatable): " + ", ".join(
    CATEGORY_NAMES
)

EPILOG = """\b
Exit codes: 0 success; 1 invalid data or a runtime failure; 2 usage error
(unknown option, region or indicator); 130 interrupted.
\b
Environment: PINGAN_DATA (data files, separated by ':'), PINGAN_LANG (zh or en),
PINGAN_CACHE_DIR (where compiled stores are kept), NO_COLOR.
"""


class Session:
    """What the root command hands to every subcommand: the options and the environment."""

    def __init__(
        self,
        env: Environment,
        data: tuple[str, ...],
        data_from_env: bool,
        use_cache: bool,
        lang: str,
        cache_dir: Path,
    ) -> None:
        self.env = env
        self.data = data
        self.data_from_env = data_from_env
        self.use_cache = use_cache
        self.lang = lang
        self.cache_dir = cache_dir

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
    type=Language(),
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


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    session = _session(ctx)
    if value is not None and session is not None:
        session.lang = value.lower()


def _ascii_names(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    session = _session(ctx)
    if value and session is not None:
        session.lang = "en"  # English names: an ASCII table of Chinese names would be escapes
    return value


# One instance for every command: click translates a Path type's words when it is made.
OUTPUT_FILE = click.Path(dir_okay=False, writable=True, allow_dash=True, path_type=Path)
FORMATS = click.Choice([f.value for f in Format])


def output_options(function: F) -> F:
    """The options every read command shares: format, output file and table look."""
    options = [
        click.option(
            "-o",
            "--format",
            "fmt",
            type=FORMATS,
            help="Output format [default: table, or the --output file's extension].",
        ),
        click.option(
            "--output",
            type=OUTPUT_FILE,
            help="Write to this file (atomically) instead of standard output; '-' is standard "
            "output. Its extension (.json .csv .tsv .md .yaml .svg .ndjson) sets the format.",
        ),
        click.option(
            "--columns",
            metavar="A,B,…",
            help="Only these fields of the records (those of CSV), in this order.",
        ),
        click.option(
            "--headers/--no-headers",
            default=True,
            help="Header rows in tables, CSV and TSV.",
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
        click.option(
            "--ascii",
            "ascii_only",
            is_flag=True,
            callback=_ascii_names,
            help="Tables with ASCII only: English names, figures in words that keep their "
            "qualifier (5.2万余户: at least 52,000 households), anything else as \\uXXXX.",
        ),
        click.option(
            "--lang",
            type=click.Choice(LANGUAGES, case_sensitive=False),
            expose_value=False,
            callback=_set_lang,
            help="Language of names (as the global --lang).",
        ),
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


def units_option(function: F) -> F:
    """--units: how rank and trend write figures."""
    return click.option(
        "--units",
        type=click.Choice(["plain", "wan"]),
        help="Write figures as 52,000 (plain) or 5.2万 (wan) instead of as the source wrote them.",
    )(function)


def complete_region(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Region ids for shell completion."""
    return _complete(ctx, incomplete, lambda data: data.region_ids())


def complete_indicator(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Indicator ids for shell completion."""
    return _complete(ctx, incomplete, lambda data: data.indicator_ids())


def complete_entry(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Practice, designation and indicator ids for shell completion."""
    return _complete(
        ctx,
        incomplete,
        lambda data: (
            [p.id for p in data.practices()]
            + [d.id for d in data.designations()]
            + data.indicator_ids()
        ),
    )


def complete_category(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Category ids for shell completion."""
    return [c for c in CATEGORY_NAMES if c.startswith(incomplete)]


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


def file_target(output: Path | None) -> Path | None:
    """The file --output names, or None for standard output ('-' is standard output too)."""
    return None if output is None or str(output) == "-" else output


def deliver(session: Session, text: str, output: Path | None) -> None:
    """Write text to the file (atomically), or to standard output when there is none."""
    if output is not None:
        from .atomic import write_text

        write_text(output, text)
    else:
        session.env.stdout.write(text)
        session.env.stdout.flush()


def emit(
    session: Session,
    result: Result,
    fmt: str | None,
    output: Path | None,
    bom: bool,
    width: int | None,
    ascii_only: bool,
    columns: str | None = None,
    headers: bool = True,
    layout: str = Layout.auto.value,
) -> None:
    """Render a result and print it (or write it to a file), with a note when it is empty."""
    from .output import ColumnError, format_for, select_columns, without_headers
    from .render import render

    env = session.env
    output = file_target(output)
    chosen = Format(fmt) if fmt else format_for(output.name if output else None)
    if columns is not None:
        try:
            result = select_columns(result, [c.strip() for c in columns.split(",") if c.strip()])
        except ColumnError as error:
            raise click.BadParameter(str(error), param_hint="'--columns'") from None
    if not headers:
        result = without_headers(result)
    to_file = output is not None
    text = render(
        result,
        chosen,
        env.width(width, to_file),
        env.colour(to_file),
        ascii_only,
        bom,
        headers,
        Layout(layout),
        terminal=bool(env.stdout_isatty) and not to_file,
    )
    deliver(session, text, output)
    if result.is_empty and result.empty_note:
        env.stderr.write(f"note: {result.empty_note}\n")
    for note in result.notes:
        env.stderr.write(f"note: {safe_text(note)}\n")


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
@click.option(
    "--category", "-c", multiple=True, shell_complete=complete_category, help=CATEGORY_HELP
)
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
@click.option(
    "--count-by",
    type=click.Choice(["region", "indicator", "category", "year", "source"]),
    help="Count the figures by this field instead of listing them.",
)
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
    count_by: str | None,
    **out: Any,
) -> None:
    """List figures, one per row, with filters (or count them by a field)."""
    from .queries import parse_condition
    from .views import counts_view, observations_view

    for condition in conditions:
        parse_condition(condition)  # a bad condition is an error before the store is opened
    with dataset(session) as data:
        if count_by is not None:
            if sort or limit is not None:
                raise click.UsageError("--count-by counts every figure: leave out --sort, --limit")
            counted = data.counts_by(
                count_by, region, indicator, category, year, qualifier, conditions
            )
            emit(session, counts_view(counted, count_by), **out)
            return
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
@click.option(
    "--category", "-c", multiple=True, shell_complete=complete_category, help=CATEGORY_HELP
)
@click.option(
    "--chart", is_flag=True, help="Draw a bar chart per indicator (table, svg and html formats)."
)
@units_option
@output_options
@click.pass_obj
def compare(
    session: Session,
    /,
    regions: tuple[str, ...],
    year: int | None,
    indicator: tuple[str, ...],
    category: tuple[str, ...],
    chart: bool,
    units: str | None,
    **out: Any,
) -> None:
    """Compare regions side by side: honours (yes/no/unknown) and figures."""
    from .views import compare_view

    if not regions and year is None:
        raise click.UsageError("name regions to compare, or give --year YEAR")
    if units and not chart:
        raise click.UsageError("--units writes the figures of a chart: add --chart")
    with dataset(session) as data:
        comparison = data.compare(*regions, year=year, indicator=indicator, category=category)
        if chart:
            from .numbers import Units
            from .reportdata import comparison_charts

            chosen = Units(units) if units else None
            kinds = {i.id: i.kind for i in data.indicators()}
            charts = comparison_charts(comparison, data.sources(), chosen, kinds)
            if _emit_charts(session, charts, out):
                if not charts:
                    session.env.stderr.write(
                        "note: no figures to chart; honours are shown without --chart\n"
                    )
                return
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
@click.option("--category", "-c", shell_complete=complete_category, help=CATEGORY_HELP)
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
    """List the documents figures come from, each with its standing (official or a copy)."""
    from .views import sources_view

    with dataset(session) as data:
        emit(session, sources_view(data.sources()), **out)


@cli.command()
@output_options
@click.pass_obj
def conflicts(session: Session, /, **out: Any) -> None:
    """List figures two sources give differently: both values, both sources, both quotes."""
    from .views import conflicts_view

    with dataset(session) as data:
        emit(session, conflicts_view(data.conflicts()), **out)


@cli.command()
@click.argument("text")
@output_options
@click.pass_obj
def search(session: Session, /, text: str, **out: Any) -> None:
    """Find regions, indicators, honours, practices and quotes by Chinese, English or pinyin."""
    from .views import search_view

    with dataset(session) as data:
        emit(session, search_view(data.search(text)), **out)


@cli.command("sum")
@click.argument("indicator", shell_complete=complete_indicator)
@click.argument("regions", nargs=-1, shell_complete=complete_region)
@click.option("--year", "-y", type=int, help="The figures of this year.")
@click.option("--period", "-p", metavar="PERIOD", help="The figures of this period (as listed).")
@click.option("--source", "-s", metavar="ID", help="Only this source's figures.")
@output_options
@click.pass_obj
def sum_command(
    session: Session,
    /,
    indicator: str,
    regions: tuple[str, ...],
    year: int | None,
    period: str | None,
    source: str | None,
    **out: Any,
) -> None:
    """Add one indicator over regions for one period, saying 'at least' or 'about' as due."""
    from .views import total_view

    with dataset(session) as data:
        emit(session, total_view(data.sum(indicator, regions, year, period, source)), **out)


@cli.command()
@click.option(
    "--region",
    "-r",
    shell_complete=complete_region,
    help="Only this region's and its sub-units' practices.",
)
@output_options
@click.pass_obj
def practices(session: Session, /, region: str | None, **out: Any) -> None:
    """List named practices, mechanisms and reforms (`pingan info ID` shows one in full)."""
    from .views import PRACTICE_CATALOGUE_COLUMNS, catalogue_view

    with dataset(session) as data:
        found = data.practices(region)
        emit(session, catalogue_view(found, PRACTICE_CATALOGUE_COLUMNS, "practices"), **out)


@cli.command()
@click.argument("entry", shell_complete=complete_entry)
@output_options
@click.pass_obj
def info(session: Session, /, entry: str, **out: Any) -> None:
    """Show one practice, designation or indicator in full: description, quote, source."""
    from .views import entry_view

    with dataset(session) as data:
        emit(session, entry_view(data.info(entry)), **out)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def validate(session: Session, /, paths: tuple[Path, ...]) -> None:
    """Check data files and print every problem with its location."""
    from .api import validate as check

    chosen = paths or session.paths()
    counts = check(chosen)
    names = ", ".join(safe_text(str(p)) for p in chosen)
    summary = ", ".join(
        f"{n} {kind if n != 1 else kind.removesuffix('s')}" for kind, n in counts.as_dict().items()
    )
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
    type=click.Choice(["sqlite", "datapackage"]),
    default="sqlite",
    show_default=True,
    help="sqlite: one database (FILE, or - for standard output); datapackage: a folder of CSV "
    "files with a datapackage.json (Frictionless).",
)
@click.option(
    "--metadata",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write Datasette metadata (titles, descriptions, units, source links) to this file.",
)
@click.argument("file", metavar="FILE|FOLDER|-", type=click.Path(path_type=str, allow_dash=True))
@click.pass_obj
def export(session: Session, /, fmt: str, metadata: Path | None, file: str) -> None:
    """Write the data for Datasette or any SQLite client, or as a Frictionless Data Package."""
    from .export import ExportError, check_target, run_export

    env = session.env
    try:
        check_target(fmt, file, metadata, bool(env.stdout_isatty))
        with dataset(session) as data:
            written = run_export(data, fmt, file, metadata, getattr(env.stdout, "buffer", None))
    except ExportError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {safe_text(written)}", file=env.stderr)


def _emit_charts(session: Session, charts: list[Chart], out: dict[str, Any]) -> bool:
    """Print charts for --chart in table, svg or html format; False leaves the output to emit."""
    from .output import format_for

    output = file_target(out["output"])
    chosen = Format(out["fmt"]) if out["fmt"] else format_for(output.name if output else None)
    if chosen is Format.table:
        from .termcharts import bar_chart

        width = session.env.width(out["width"], output is not None) or 80
        text = "\n".join(
            bar_chart(c, width, lang=session.lang, ascii_only=out["ascii_only"]) for c in charts
        )
    elif chosen is Format.svg:
        from .svgcharts import stacked_svg

        text = stacked_svg(charts, lang=session.lang)
    elif chosen is Format.html:
        from .htmlpage import render_charts_html

        text = render_charts_html(charts, lang=session.lang)
    else:
        return False
    deliver(session, text, output)
    return True


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
@click.option("--chart", is_flag=True, help="Draw bars (table, svg and html formats).")
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
@click.option("--chart", is_flag=True, help="Draw bars (table, svg and html formats).")
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
    if chart and _emit_charts(session, trend_charts(trends, chosen, session.lang), out):
        return
    width = session.env.width(out["width"], out["output"] is not None)
    emit(session, trend_view(trends, out["ascii_only"], session.lang, chosen, width), **out)


@cli.command("extract")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--data",
    "data_files",
    multiple=True,
    metavar="PATH",
    help="The dataset to match regions, indicators and held figures against (default: pingan's).",
)
@click.option(
    "-o",
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "yaml"]),
    help="Output format (default: table on a terminal, else json).",
)
@click.option("--date", "published", metavar="YYYY-MM-DD", help="The article's date (for 今年).")
@click.option("--source", metavar="ID", help="Source id to write into --format yaml.")
@click.option("--url", metavar="URL", help="The page's address (its date, when the text has none).")
@click.option("--new", "only_new", is_flag=True, help="Only figures the dataset does not hold.")
@click.option("--width", type=click.IntRange(20, 100_000), help="Table width.")
@click.pass_obj
def extract_command(
    session: Session,
    /,
    article: Path,
    data_files: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    source: str | None,
    url: str | None,
    only_new: bool,
    width: int | None,
) -> None:
    """Propose the figures an article states, as observations ready to paste into a dataset."""
    from datetime import date

    from .extraction import extract
    from .extraction.article import ArticleError, read_article
    from .extraction.periods import article_date
    from .extraction.report import json_text, table_result, yaml_text
    from .loader import load_paths

    env = session.env
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        raise click.BadParameter(
            f"{published!r} is not a date (YYYY-MM-DD)", param_hint="--date"
        ) from None
    try:
        page = read_article(article)
    except ArticleError as error:
        fail(safe_text(f"error: {article}: {error}"), ExitStatus.FAILURE, env.stderr)
    paths = tuple(Path(p) for p in data_files) or session.paths()
    dataset = load_paths(paths).dataset
    when = day or page.published or article_date(page.text, url or page.url)
    candidates = [c for c in extract(page.text, dataset, when) if not (only_new and c.in_dataset)]
    fmt = fmt or ("table" if env.stdout_isatty else "json")
    if fmt == "json":
        env.stdout.write(json_text(candidates))
    elif fmt == "yaml":
        env.stdout.write(yaml_text(candidates, source))
    else:
        emit(session, table_result(candidates), "table", None, False, width, False)


@cli.command("verify")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--show", is_flag=True, help="List where each quote is in its source's text.")
@click.pass_obj
def verify_command(session: Session, /, paths: tuple[Path, ...], show: bool) -> None:
    """Check quotes and figures against the archived texts of their sources."""
    from .verify import verify_or_raise

    out = session.env.stdout
    result = verify_or_raise(paths or session.paths())
    for entry, where in result.located if show else ():
        out.write(safe_text(f"{entry} is at {where}") + "\n")
    out.write(
        f"verified: {result.figures} figures and {result.quotes} quotes against "
        f"{result.texts} source text{'s' if result.texts != 1 else ''}\n"
    )


@cli.command()
@click.argument("regions", nargs=-1, shell_complete=complete_region)
@click.option("--year", "-y", type=int, help="The year (default: the one with most figures).")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the page to this file (atomically); '-' or none prints it.",
)
@click.pass_obj
def report(
    session: Session, /, regions: tuple[str, ...], year: int | None, output: Path | None
) -> None:
    """Write one self-contained HTML page: profiles, rankings, trends, honours, sources."""
    from .htmlreport import render_report

    with dataset(session) as data:
        page = render_report(data.report(*regions, year=year))
    output = file_target(output)
    deliver(session, page, output)
    if output is not None:
        click.echo(f"wrote {safe_text(str(output))}", file=session.env.stderr)


def main(argv: list[str] | None = None, env: Environment | None = None) -> None:
    """Run the command line; failures were already turned into messages by PinganGroup."""
    cli.main(args=argv, prog_name="pingan", obj=env)
