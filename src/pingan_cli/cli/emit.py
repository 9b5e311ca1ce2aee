"""A command's result rendered and written: to standard output or, atomically, to a file."""

from __future__ import annotations

import errno
import os
from typing import TYPE_CHECKING, Any

import click

from ..result import Format, Layout, Result
from ..visible import safe_text
from .session import Session

if TYPE_CHECKING:
    from ..records.charts import Chart


# A chart says what the tables of the same run say (not reported, unknown, sources disagree): the
# tables' status words are English in both languages, so one run speaks one vocabulary.
TABLE_WORDS = "en"


def file_target(output: str | None) -> str | None:
    """The file --output names, or None for standard output ('-' is standard output too)."""
    return None if output is None or output == "-" else output


def deliver(session: Session, text: str, output: str | None) -> None:
    """Write text to the file (atomically), or to standard output when there is none."""
    if output is not None:
        from ..atomic import write_text

        write_text(output, text)
    else:
        try:
            session.env.stdout.write(text)
            session.env.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            from ..atomic import WriteError

            # A full disk behind `> file`, or /dev/full: said of standard output.
            number, reason = error.errno or errno.EIO, error.strerror or str(error)
            raise WriteError(number, reason, "standard output") from None


def emit(
    session: Session,
    result: Result,
    fmt: str | None,
    output: str | None,
    bom: bool | None,
    width: int | None,
    ascii_only: bool,
    columns: str | None = None,
    headers: bool = True,
    layout: str = Layout.auto.value,
) -> None:
    """Render a result and print it (or write it to a file), with a note when it is empty."""
    from ..render.dispatch import render
    from ..result import ColumnError, format_for, select_columns, without_headers

    env = session.env
    output = file_target(output)
    chosen = Format(fmt) if fmt else format_for(os.path.basename(output) if output else None)
    if columns is not None:
        try:
            result = select_columns(result, [c.strip() for c in columns.split(",") if c.strip()])
        except ColumnError as error:
            raise click.BadParameter(str(error), param_hint="'--columns'") from None
    if not headers:
        result = without_headers(result)
    to_file = output is not None
    if bom is None:  # Excel needs it to read a file as UTF-8; a program reading a pipe does not
        bom = to_file or env.stdout_is_file
    try:
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
            lang=session.lang,
        )
    except ValueError as error:
        from ..render.tables import TooNarrow

        if isinstance(error, TooNarrow):
            raise click.BadParameter(str(error), param_hint="'--layout'") from None
        raise
    deliver(session, text, output)
    if result.is_empty and result.empty_note:
        env.say(f"note: {result.empty_note}")
    for note in result.notes:
        env.say(f"note: {safe_text(note)}")


def emit_charts(session: Session, charts: list[Chart], out: dict[str, Any]) -> bool:
    """Print charts for --chart in table, svg or html format; False leaves the output to emit."""
    from ..result import format_for

    output = file_target(out["output"])
    named = os.path.basename(output) if output else None
    chosen = Format(out["fmt"]) if out["fmt"] else format_for(named)
    if chosen is Format.table:
        from ..render.termcharts import bar_chart

        width = session.env.width(out["width"], output is not None) or 80
        text = "\n".join(
            bar_chart(c, width, lang=TABLE_WORDS, ascii_only=out["ascii_only"]) for c in charts
        )
    elif chosen is Format.svg:
        from ..render.svgcharts import stacked_svg

        text = stacked_svg(charts, lang=TABLE_WORDS)
    elif chosen is Format.html:
        from ..render.htmlpage import render_charts_html

        text = render_charts_html(charts, lang=session.lang, words=TABLE_WORDS)
    else:
        return False
    deliver(session, text, output)
    return True
