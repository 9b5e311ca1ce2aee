"""Shared fixtures: every test gets its own cache folder and a fixed, colourless terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=1000,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "indicators.yaml"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PINGAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("PINGAN_DATA", raising=False)
    monkeypatch.delenv("PINGAN_LANG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
