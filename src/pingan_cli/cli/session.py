"""What the root command hands to every subcommand: the options, the environment, the dataset."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

import click

from ..load.problems import DataError
from .environment import Environment

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
        cache_dir: str | None,
        allow_paths: tuple[str, ...] = (),
    ) -> None:
        self.env = env
        self.data = data
        self.data_from_env = data_from_env
        self.use_cache = use_cache
        self.lang = lang
        self.given_cache_dir = cache_dir
        # Folders outside the data files' own they may name files in (--allow-path).
        self.allow_paths = allow_paths

    @property
    def cache_dir(self) -> str:
        """The cache folder: --cache-dir or PINGAN_CACHE_DIR, else the user's."""
        from ..api import cache_folder

        return cache_folder(self.given_cache_dir, self.env.variables)

    def paths(self) -> tuple[str, ...]:
        """The data files: --data, else PINGAN_DATA, else the bundled dataset."""
        from ..api import data_files

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
        return data_files()

    def open(self) -> Dataset:
        """The dataset, its store built (with progress on a terminal) if needed."""
        from ..api import open as open_data

        # NOTE: the reporter is entered only when a store is built: a warm run starts no display.
        reporter = _progress if self.env.show_progress() else self._slow_build_note
        return open_data(
            self.paths(),
            lang=self.lang,
            cache=self.use_cache,
            cache_dir=self.cache_dir,
            reporter=reporter,
            allow_paths=self.allow_paths,
        )

    @contextmanager
    def _slow_build_note(self) -> Iterator[Callable[[int, int, str], None]]:
        """Where no bar is drawn (standard error is no terminal, or CI): one line on standard
        error once a build has taken BUILD_NOTE_AFTER seconds, so a log shows why it waits."""
        started = time.monotonic()
        said = False

        def report(done: int, total: int, phase: str) -> None:
            nonlocal said
            waited = time.monotonic() - started
            if not said and waited > self.env.build_note_after:
                said = True
                if phase == "done":
                    doing = f"built the store of the data files in {waited:.1f} s"
                else:
                    doing = f"building the store of the data files ({phase}, {waited:.0f} s so far)"
                self.env.say(f"note: {doing}; later runs reuse it")

        yield report


def _progress() -> AbstractContextManager[Callable[[int, int, str], None]]:
    from ..render.progress import progress_reporter

    return progress_reporter()


def session_of(ctx: click.Context) -> Session | None:
    """The session the root command made, if it has run."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Session) else None
