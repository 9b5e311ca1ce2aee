"""Shared fixtures: every test gets its own cache folder and a fixed, colourless terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

# The suite writes nothing into the checkout: Hypothesis keeps its examples and caches elsewhere
# (byte-code too: see tests/__init__.py).
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "pingan-hypothesis"))

settings.register_profile(
    "ci",
    max_examples=1000,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("quick", settings.get_profile("ci"), max_examples=100)
# CI and a plain `pytest` run derandomised, 1,000 examples a property; the quick loop
# (`-m "not slow"`) 100; HYPOTHESIS_PROFILE=dev explores new examples.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config: pytest.Config) -> None:
    if "not slow" in (config.option.markexpr or "") and "HYPOTHESIS_PROFILE" not in os.environ:
        settings.load_profile("quick")


REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "indicators.yaml"
GENERATOR = REPO / "benchmarks" / "generate.py"


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder for the whole run, holding the bundled data's store, built once.

    Building that store was most of a test's time. Stores are named by their data's content, so
    tests with data of their own add stores beside it and never meet each other's.
    """
    import pingan_cli

    folder = tmp_path_factory.mktemp("cache")
    with pingan_cli.open(cache_dir=folder) as data:
        data.counts()
    return folder


@pytest.fixture(autouse=True)
def _isolated(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's shared cache folder; an empty one of its own for a test marked cold_cache."""
    if request.node.get_closest_marker("cold_cache") is None:
        cache = request.getfixturevalue("_shared_cache")
    else:
        # Asked for only here: a temporary folder for every test cost the quick loop 0.5 s.
        cache = request.getfixturevalue("tmp_path") / "cache"
    monkeypatch.setenv("PINGAN_CACHE_DIR", str(cache))
    # A store built in a test takes under a second, but on a loaded machine it may take more than
    # the two seconds after which a run says so on stderr (tests/cli/test_progress.py sets it).
    monkeypatch.setenv("PINGAN_BUILD_NOTE_AFTER", "3600")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("PINGAN_DATA", raising=False)
    monkeypatch.delenv("PINGAN_LANG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def small_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """From the benchmark's generator: 4 cities, 30 counties, 10 indicators, 2,000 CSV rows."""
    out = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            *("--observations", "2000", "--cities", "4", "--counties", "30"),
            *("--indicators", "10", "--out", str(out)),
        ],
        check=True,
        capture_output=True,
    )
    return out / "dataset.yaml"


@pytest.fixture
def dataset(small_dataset: Path, tmp_path: Path) -> Path:
    """A private copy of the small generated dataset, free to edit."""
    target = tmp_path / "data"
    shutil.copytree(small_dataset.parent, target)
    return target / "dataset.yaml"
