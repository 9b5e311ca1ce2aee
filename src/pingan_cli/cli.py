"""The command line: parse options, ask the store, render, print. Only this module imports click."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__
from .cache import Settings, cache_dir, data_paths, discard_opened, open_store
from .files import write_text
from .output import Format, Layout, Result, render, safe_text
from .problems import DataError
from .queries import QueryError

F = TypeVar("F", bound=Callable[..., Any])


class ExitStatus(IntEnum):
    """Exit codes: documented in `pingan --help`."""

    OK = 0
    FAILURE = 1
    USAGE = 2
    INTERRUPTED = 130


EPILOG = """\b
Exit codes: 0 success; 1 invalid data or a runtime failure; 2 usage error
(unknown option, region or indicator); 130 interrupted.
\b
Environment: PINGAN_DATA (data files, separated by ':'), PINGAN_LANG (zh or en),
PINGAN_CACHE_DIR (where compiled stores are kept), NO_COLOR.
"""


@dataclass
class App:
    """What the root command hands to every subcommand."""

    data: tuple[str, ...]
    use_cache: bool
    lang: str

    def settings(self) -> Settings:
        """Where the data and the cache are."""
        return Settings(data_paths(self.data, os.environ), cache_dir(os.environ), self.use_cache)

    def store(self) -> sqlite3.Connection:
        """The store for the selected data, built (with progress on a terminal) if needed."""
        settings = self.settings()
        if sys.stderr.isatty() and not os.environ.get("CI"):
            # NOTE: entered only when a store is built: a warm run starts no display.
            return open_store(settings, reporter=_progress)
        return open_store(settings)


def _progress() -> AbstractContextManager[Callable[[int, int], None]]:
    from .tables import progress_reporter

    return progress_reporter()


def _lang_default() -> str:
    value = os.environ.get("PINGAN_LANG", "zh").strip().lower()
    return "en" if value.startswith("en") else "zh"


class PinganGroup(click.Group):
    """The root group: turns every expected failure into a message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand, mapping failures to messages on stderr and exit codes."""
        try:
            return super().invoke(ctx)
        except DataError as error:
            count = len(error.problems)
            noun = "problem" if count == 1 else "problems"
            _fail(f"{error}\nerror: {count} {noun} in the data", ExitStatus.FAILURE)
        except QueryError as error:
            _fail(f"error: {error}", ExitStatus.USAGE)
        except KeyboardInterrupt:
            _fail("interrupted", ExitStatus.INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (`pingan list | head -1`): stop quietly.
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(int(ExitStatus.OK)) from None
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            _fail(f"error: {error.strerror or error}{where}", ExitStatus.FAILURE)


@click.group(
    cls=PinganGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="pingan")
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="PATH",
    help="A data file to read instead of the bundled dataset (repeatable; files merge).",
)
@click.option("--no-cache", is_flag=True, help="Validate and build the store afresh, in memory.")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=_lang_default,
    show_default="zh, or PINGAN_LANG",
    help="Language of names in the output.",
)
@click.pass_context
def cli(ctx: click.Context, data: tuple[str, ...], no_cache: bool, lang: str) -> None:
    """Query Weinan's public-safety (平安建设) statistics: figures, honours, practices."""
    ctx.obj = App(data, not no_cache, lang)


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


def emit(
    result: Result,
    fmt: str,
    output: Path | None,
    bom: bool,
    width: int | None,
    ascii_only: bool,
    layout: str = Layout.auto.value,
) -> None:
    """Render a result and print it (or write it to a file), with a note when it is empty."""
    to_terminal = output is None and sys.stdout.isatty()
    if width is None and os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    if width is None and to_terminal:
        width = os.get_terminal_size().columns
    color = to_terminal and not os.environ.get("NO_COLOR")
    text = render(result, Format(fmt), width, color, ascii_only, bom, Layout(layout), to_terminal)
    if output is not None:
        write_text(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if result.is_empty and result.empty_note:
        click.echo(f"note: {result.empty_note}", err=True)


def complete_region(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Region ids for shell completion."""
    return _complete(ctx, "SELECT id FROM regions ORDER BY position", incomplete)


def complete_indicator(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Indicator ids for shell completion."""
    return _complete(ctx, "SELECT id FROM indicators ORDER BY position", incomplete)


def _complete(ctx: click.Context, sql: str, incomplete: str) -> list[str]:
    try:
        root = ctx.find_root()
        app = App(root.params.get("data") or (), True, "zh")
        with contextlib.closing(open_store(app.settings())) as db:
            return [r[0] for r in db.execute(sql) if r[0].startswith(incomplete)]
    except Exception:
        return []


@contextlib.contextmanager
def _store(app: App) -> Iterator[sqlite3.Connection]:
    db = app.store()
    try:
        yield db
    finally:
        db.close()


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
    app: App,
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
    from .queries import ObservationFilter, list_observations, parse_condition
    from .views import observations_view

    query = ObservationFilter(
        regions=region,
        indicators=indicator,
        categories=category,
        years=year,
        qualifiers=qualifier,
        conditions=tuple(parse_condition(c) for c in conditions),
        sort=sort,
        descending=desc,
        limit=limit,
    )
    with _store(app) as db:
        emit(observations_view(list_observations(db, query, app.lang)), **out)


@cli.command()
@click.argument("region", shell_complete=complete_region)
@output_options
@click.pass_obj
def show(app: App, /, region: str, **out: Any) -> None:
    """Show a region's profile: names, honours, figures, practices, sources."""
    from .queries import profile
    from .views import profile_view

    with _store(app) as db:
        emit(profile_view(profile(db, region, app.lang)), **out)


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
    app: App,
    /,
    regions: tuple[str, ...],
    year: int | None,
    indicator: tuple[str, ...],
    category: tuple[str, ...],
    **out: Any,
) -> None:
    """Compare regions side by side: honours (yes/no/unknown) and figures."""
    from .queries import compare as compare_query
    from .views import compare_view

    if not regions and year is None:
        raise click.UsageError("name regions to compare, or give --year YEAR")
    with _store(app) as db:
        comparison = compare_query(db, year, regions, indicator, category, app.lang)
        emit(compare_view(comparison, transpose=bool(regions)), **out)


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
def regions(app: App, /, level: str | None, within: str | None, **out: Any) -> None:
    """List regions: ids, names, levels, codes."""
    from .queries import list_regions
    from .views import REGION_COLUMNS, catalogue_view

    with _store(app) as db:
        emit(
            catalogue_view(list_regions(db, app.lang, level, within), REGION_COLUMNS, "regions"),
            **out,
        )


@cli.command()
@click.option("--category", "-c", help="Only this category.")
@output_options
@click.pass_obj
def indicators(app: App, /, category: str | None, **out: Any) -> None:
    """List indicators: ids, names, units, categories."""
    from .queries import list_indicators
    from .views import INDICATOR_COLUMNS, catalogue_view

    with _store(app) as db:
        emit(
            catalogue_view(
                list_indicators(db, app.lang, category), INDICATOR_COLUMNS, "indicators"
            ),
            **out,
        )


@cli.command()
@click.option("--year", "-y", type=int, help="Only designations for this year.")
@output_options
@click.pass_obj
def designations(app: App, /, year: int | None, **out: Any) -> None:
    """List honours and their recipients, saying whether each list is complete."""
    from .queries import list_designations
    from .views import designations_view

    with _store(app) as db:
        emit(designations_view(list_designations(db, app.lang, year)), **out)


@cli.command()
@output_options
@click.pass_obj
def sources(app: App, /, **out: Any) -> None:
    """List the documents figures come from."""
    from .queries import list_sources
    from .views import SOURCE_COLUMNS, catalogue_view

    with _store(app) as db:
        emit(catalogue_view(list_sources(db), SOURCE_COLUMNS, "sources"), **out)


@cli.command()
@click.argument("text")
@output_options
@click.pass_obj
def search(app: App, /, text: str, **out: Any) -> None:
    """Find regions, indicators, honours, practices and quotes by Chinese, English or pinyin."""
    from .queries import search as search_query
    from .views import SEARCH_COLUMNS, catalogue_view

    with _store(app) as db:
        emit(catalogue_view(search_query(db, text, app.lang), SEARCH_COLUMNS, "entries"), **out)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def validate(app: App, /, paths: tuple[Path, ...]) -> None:
    """Check data files and print every problem with its location."""
    from .cache import build_into

    settings = app.settings()
    if paths:
        settings = Settings(paths, settings.cache_dir, False)
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        build_into(settings, db, None)
        counts = {
            table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in (
                "regions",
                "indicators",
                "observations",
                "designations",
                "practices",
                "sources",
            )
        }
    names = ", ".join(safe_text(str(p)) for p in settings.paths)
    summary = ", ".join(f"{n} {t}" for t, n in counts.items())
    click.echo(f"valid: {names} ({summary})")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the data format, for editors and check-jsonschema."""
    from .schema import json_schema

    click.echo(json_schema())


@cli.group()
def cache() -> None:
    """Manage the cache of compiled stores."""


@cache.command("path")
def cache_path() -> None:
    """Print the cache folder."""
    click.echo(str(cache_dir(os.environ)))


@cache.command("clear")
def cache_clear() -> None:
    """Remove every cached store."""
    from .cache import clear

    removed = clear(cache_dir(os.environ))
    click.echo(f"removed {removed} cached store{'s' if removed != 1 else ''}")


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
def export(app: App, /, fmt: str, file: Path) -> None:
    """Write the compiled store to FILE, for Datasette, DuckDB or any SQLite client."""
    from .cache import export_store

    with _store(app) as db:
        export_store(db, file)
    click.echo(f"wrote {safe_text(str(file))}", err=True)


def _fail(message: str, status: ExitStatus) -> NoReturn:
    sys.stderr.write(safe_text(message, keep_newlines=True) + "\n")
    sys.stderr.flush()
    raise SystemExit(int(status))


def main(argv: list[str] | None = None) -> None:
    """Run the command line; failures were already turned into messages by PinganGroup."""
    try:
        try:
            cli.main(args=argv, prog_name="pingan")
        except sqlite3.DatabaseError:
            # A cached store damaged inside, its size still whole ("database disk image is
            # malformed"): remove it and run once more, from a store built afresh.
            if not discard_opened():
                raise
            cli.main(args=argv, prog_name="pingan")
    except KeyboardInterrupt:
        _fail("interrupted", ExitStatus.INTERRUPTED)
