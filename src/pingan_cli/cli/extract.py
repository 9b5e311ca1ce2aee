"""The `pingan extract` command."""

from __future__ import annotations

from pathlib import Path

import click

from ..visible import safe_text
from .emit import emit
from .exits import ExitStatus, fail
from .session import Session


@click.command("extract")
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
def command(
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

    from ..extraction import extract
    from ..extraction.article import ArticleError, read_article
    from ..extraction.periods import article_date, article_year
    from ..extraction.report import table_result, yaml_text
    from ..load.loader import load_paths
    from ..render.text import render_json

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
    paths = data_files or session.paths()
    dataset = load_paths(paths).dataset
    when = day or page.published or article_date(page.text, url or page.url)
    year = None if when else article_year(page.text, url or page.url)
    found = extract(page.text, dataset, when, year)
    candidates = [c for c in found if not (only_new and c.in_dataset)]
    fmt = fmt or ("table" if env.stdout_isatty else "json")
    if fmt == "json":
        env.stdout.write(render_json(table_result(candidates)))
    elif fmt == "yaml":
        env.stdout.write(yaml_text(candidates, source))
    else:
        emit(session, table_result(candidates), "table", None, False, width, False)
