"""The `pingan extract` command."""

from __future__ import annotations

from pathlib import Path

import click

from ..visible import safe_text
from .emit import emit
from .exits import ExitStatus, fail
from .session import Session


@click.command("extract")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
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
    articles: tuple[Path, ...],
    data_files: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    source: str | None,
    url: str | None,
    only_new: bool,
    width: int | None,
) -> None:
    """Propose the figures articles state, as observations ready to paste into a dataset.

    ARTICLES are text files, HTML pages saved from a browser, folders of them (read with their
    subfolders), or - for standard input. With several, each figure names its file.
    """
    from datetime import date

    from ..extraction import extract
    from ..extraction.article import ArticleError, articles_in, read_article
    from ..extraction.periods import article_date, article_year
    from ..extraction.report import json_text, table_result, yaml_text
    from ..load.loader import load_paths

    env = session.env
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        raise click.BadParameter(
            f"{published!r} is not a date (YYYY-MM-DD)", param_hint="--date"
        ) from None
    paths = list(articles_in(list(articles)))
    if not paths:
        names = ", ".join(str(a) for a in articles)
        fail(
            safe_text(f"error: no articles (.txt, .html) in {names}"),
            ExitStatus.FAILURE,
            env.stderr,
        )
    if url and len(paths) > 1:
        raise click.BadParameter(
            "names one page's address: give it with one article", param_hint="--url"
        )
    dataset = load_paths(data_files or session.paths()).dataset
    many = len(paths) > 1
    progress = many and env.show_progress()
    candidates = []
    files: list[str] = []
    failed = 0
    for number, path in enumerate(paths, 1):
        if progress:
            env.stderr.write(f"\rextract: {number}/{len(paths)} articles")
            env.stderr.flush()
        try:
            page = read_article(path, env.stdin)
        except ArticleError as error:
            failed += 1
            env.stderr.write(
                ("\r" if progress else "") + safe_text(f"error: {path}: {error}") + "\n"
            )
            continue
        when = day or page.published or article_date(page.text, url or page.url)
        year = None if when else article_year(page.text, url or page.url)
        for candidate in extract(page.text, dataset, when, year):
            if not (only_new and candidate.in_dataset):
                candidates.append(candidate)
                files.append(str(path))
    if progress:
        env.stderr.write(f"\rextract: {len(paths)} articles, {len(candidates)} figures\n")
    fmt = fmt or ("table" if env.stdout_isatty else "json")
    if fmt == "json":
        env.stdout.write(json_text(candidates, files))
    elif fmt == "yaml":
        env.stdout.write(yaml_text(candidates, source, files if many else None))
    else:
        emit(
            session,
            table_result(candidates, files if many else None),
            "table",
            None,
            False,
            width,
            False,
        )
    if failed:
        fail(
            f"error: {failed} of {len(paths)} articles could not be read",
            ExitStatus.FAILURE,
            env.stderr,
        )
