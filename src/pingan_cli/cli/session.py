"""What the root command hands to every subcommand: the options, the environment, the dataset."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import click

from ..environment import Environment
from ..problems import DataError

if TYPE_CHECKING:
    from ..api import Dataset


class Session:
    """The global options and the environment, as every subcommand gets them."""

    def __init__(
        self,
        env: Environment,
        data: tuple[str, ...],
        data_from_env: bool,
        use_cache: bool,
        lang: str,
        cache_dir: str,
    ) -> None:
        self.env = env
        self.data = data
        self.data_from_env = data_from_env
        self.use_cache = use_cache
        self.lang = lang
        self.cache_dir = cache_dir

    def paths(self) -> tuple[str, ...]:
        """The data files: --data, else PINGAN_DATA, else the bundled dataset."""
        from ..cache import bundled_data

        name = "PINGAN_DATA" if self.data_from_env else "--data"
        given = [p for p in self.data if p.strip()] if self.data_from_env else list(self.data)
        if self.data_from_env and not given:
            raise DataError.at(name, "is set but empty; name a data file or unset it")
        if any(not p.strip() for p in given):
            raise DataError.at(name, "is empty; name a data file")
        if given:
            return tuple(given)
        if self.env.variables.get("PINGAN_DATA", None) is not None:
            # Set but empty: click reads an empty variable as unset.
            raise DataError.at("PINGAN_DATA", "is set but empty; name a data file or unset it")
        return (bundled_data(),)

    def open(self) -> Dataset:
        """The dataset, its store built (with progress on a terminal) if needed."""
        from ..api import Dataset
        from ..cache import Settings

        settings = Settings(self.paths(), self.cache_dir, self.use_cache)
        # NOTE: the reporter is entered only when a store is built: a warm run starts no display.
        reporter = _progress if self.env.show_progress() else None
        return Dataset(settings, self.lang, reporter=reporter)


def _progress() -> AbstractContextManager[Callable[[int, int], None]]:
    from ..tables import progress_reporter

    return progress_reporter()


def session_of(ctx: click.Context) -> Session | None:
    """The session the root command made, if it has run."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Session) else None
