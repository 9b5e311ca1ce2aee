"""The options several commands share, and shell completion of ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..load.limits import SQL_INT_MAX, YEAR_MAX, YEAR_MIN
from ..records.categories import CATEGORY_NAMES
from ..result import Format, Layout
from .environment import Environment
from .session import Session, session_of

if TYPE_CHECKING:
    from ..api import Dataset

F = TypeVar("F", bound=Callable[..., Any])
LANGUAGES = ["zh", "en"]
CATEGORY_HELP = "Only this category (id, or Chinese or English name; repeatable): " + ", ".join(
    CATEGORY_NAMES
)


class OutputPath(click.Path):
    """A file to write: click's Path, refusing an empty name (which no file has)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The path, or a usage error for an empty one."""
        if isinstance(value, str) and value == "":
            dash = ", or - for standard output" if self.allow_dash else ""
            self.fail(f"the file name is empty; name a file{dash}", param, ctx)
        return super().convert(value, param, ctx)


# One instance for every command: click translates a Path type's words when it is made.
OUTPUT_FILE = OutputPath(dir_okay=False, writable=True, allow_dash=True)
FORMATS = click.Choice([f.value for f in Format])
# A year of --year: one a dataset may hold (99999999999999999999 is a usage error, not SQLite's
# OverflowError); a count of --limit: one SQLite takes.
YEAR = click.IntRange(YEAR_MIN, YEAR_MAX)
COUNT = click.IntRange(0, SQL_INT_MAX)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    session = session_of(ctx)
    if value is not None and session is not None:
        session.lang = value.lower()


def _ascii_names(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    session = session_of(ctx)
    if value and session is not None:
        session.lang = "en"  # English names: an ASCII table of Chinese names would be escapes
    return value


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
            shell_complete=complete_columns,
            help="Only these fields of the records (those of CSV), in this order.",
        ),
        click.option(
            "--headers/--no-headers",
            default=True,
            help="Header rows in tables, CSV and TSV.",
        ),
        click.option(
            "--bom/--no-bom",
            default=None,
            help="Start CSV with a UTF-8 byte-order mark, so Excel reads Chinese correctly "
            "[default: in a file (--output, or standard output sent to a file), not in a pipe].",
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


# The record each command lists, whose fields --columns chooses from (as_dict leaves out the
# fields named after it); tests/cli/test_terminals.py checks each against the command's own list.
_RECORD_OF = {
    "list": ("Figure", ()),
    "show": ("Figure", ()),
    "regions": ("Region", ()),
    "indicators": ("Indicator", ("related_names",)),
    "sources": ("Source", ()),
    "designations": ("Designation", ("recipient_names",)),
    "practices": ("Practice", ()),
    "search": ("SearchHit", ()),
}
# Commands whose rows a view lays out itself (views/compare.py, rankings.py, listing.py).
_VIEW_FIELDS: dict[str, tuple[str, ...]] = {
    "compare": (
        "region", "region_name", "kind", "id", "name", "year", "period", "status", "within",
        "value", "unit", "qualifier", "display", "source", "sub_unit", "sub_unit_name",
        "conflicts_with", "measure", "period_end", "period_end_from",
    ),
    "rank": (
        "rank", "region", "name", "indicator", "indicator_name", "year", "period", "value",
        "unit", "qualifier", "display", "period_end", "period_end_from", "share_percent",
        "source", "url", "conflict",
    ),
    "trend": (
        "region", "indicator", "period", "period_end", "period_end_from", "calendar_year",
        "value", "unit", "qualifier", "display", "change", "change_kind", "reported_changes",
        "source", "url", "conflict",
    ),
    "conflicts": (
        "region", "region_name", "indicator", "indicator_name", "period", "unit", "value",
        "qualifier", "display", "source", "quote", "other_value", "other_qualifier",
        "other_display", "other_source", "other_quote", "kind", "stated", "figures", "computed",
        "computed_display", "explanation",
    ),
    "sum": (
        "indicator", "indicator_name", "period", "unit", "value", "qualifier", "regions",
        "region_names",
    ),
}  # fmt: skip


def command_fields(command: str) -> tuple[str, ...]:
    """The fields of a command's records (those of its CSV), for --columns."""
    if command in _VIEW_FIELDS:
        return _VIEW_FIELDS[command]
    if command not in _RECORD_OF:
        return ()
    from .. import records

    name, left_out = _RECORD_OF[command]
    fields: tuple[str, ...] = getattr(records, name)._fields
    return tuple(f for f in fields if f not in left_out)


def complete_columns(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """The command's field names for --columns, after those already given (a,b,<TAB>)."""
    command = ctx.command.name or ""
    fields = command_fields(command)
    count_by = ctx.params.get("count_by")
    if command == "list" and count_by:
        fields = (str(count_by), "name", "figures")
    head, comma, last = incomplete.rpartition(",")
    given = set(head.split(",")) if comma else set()
    return [f"{head}{comma}{f}" for f in fields if f.startswith(last) and f not in given]


def complete_field(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """The fields figures are sorted and filtered on, for --sort and --where."""
    from ..api import filter_fields

    return [f for f in filter_fields() if f.startswith(incomplete)]


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
        session = Session(env, params.get("data") or (), False, True, "zh", params.get("cache_dir"))
        with session.open() as data:
            return [i for i in ids(data) if i.startswith(incomplete)]
    except Exception:
        return []
