"""pingan: query the public-safety (平安建设) statistics of Weinan and its counties.

The Python API: ``pingan_cli.open()`` (the bundled dataset) or ``pingan_cli.open(paths)`` gives a
Dataset whose methods return frozen records (see api.py and records/). Loaded on first use, so
that importing the package (as the command line does) costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import Dataset, open, validate
    from .load.problems import DataError, QueryError
    from .records import (
        Cell,
        Comparison,
        ComparisonRow,
        Conflict,
        Counts,
        Designation,
        DesignationStatus,
        Figure,
        HonourCell,
        Indicator,
        Named,
        OtherFigure,
        Practice,
        RankedRegion,
        Ranking,
        Reading,
        Region,
        RegionProfile,
        Report,
        ReportedChange,
        SearchHit,
        Source,
        Total,
        Trend,
        TrendPoint,
    )

__all__ = [
    "Cell",
    "Comparison",
    "ComparisonRow",
    "Conflict",
    "Counts",
    "DataError",
    "Dataset",
    "Designation",
    "DesignationStatus",
    "Figure",
    "HonourCell",
    "Indicator",
    "Named",
    "OtherFigure",
    "Practice",
    "QueryError",
    "RankedRegion",
    "Ranking",
    "Reading",
    "Region",
    "RegionProfile",
    "Report",
    "ReportedChange",
    "SearchHit",
    "Source",
    "Total",
    "Trend",
    "TrendPoint",
    "__version__",
    "open",
    "validate",
]
_HOMES = {"Dataset": "api", "open": "api", "validate": "api", "DataError": "load.problems"}
_HOMES["QueryError"] = "load.problems"


def __dir__() -> list[str]:
    """The public API too, before it is loaded (for completion in a notebook or a REPL)."""
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    """The public API, imported when first asked for."""
    if name not in __all__ or name == "__version__":
        raise AttributeError(f"module 'pingan_cli' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_HOMES.get(name, 'records')}", __name__), name)
