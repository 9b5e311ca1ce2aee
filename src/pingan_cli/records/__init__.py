"""What queries return and views read: frozen records, each with the JSON contract it is shown as.

A record is a NamedTuple: immutable, typed, and cheaper to define than a frozen dataclass (whose
import also brought inspect, ast and dis). Defining one still costs start-up time (see
docs/performance.md), so the records live in modules by family (figures, catalogue, profiles,
comparisons, tallies, rankings, charts) and this package loads a family when one of its names is
first asked for: `pingan list` defines two record classes, not twenty. ``as_dict()`` gives the
JSON-ready form documented in docs/output.md ("JSON output"), which is also what
``pandas.DataFrame([r.as_dict() for r in records])`` takes.
This package imports nothing of SQLite, pydantic, rich or click.

NOTE: no ``from __future__ import annotations`` here: NamedTuple would keep every field's
annotation as a string to evaluate later, which costs more at import than evaluating it now.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import MARKS, Record, Status, display, plain_dict
    from .catalogue import Designation, Indicator, Named, Practice, Region, Source
    from .charts import Report
    from .comparisons import Cell, Comparison, ComparisonRow, HonourCell
    from .figures import FIGURE_FIELDS, Figure, OtherFigure, other_figures
    from .profiles import DesignationStatus, RegionProfile
    from .rankings import RankedRegion, Ranking, Reading, ReportedChange, Trend, TrendPoint
    from .tallies import (
        ArithmeticConflict,
        Conflict,
        Counts,
        Entry,
        FigureCount,
        SearchHit,
        StatedFigure,
        Total,
    )

__all__ = [
    "FIGURE_FIELDS",
    "MARKS",
    "ArithmeticConflict",
    "Cell",
    "Comparison",
    "ComparisonRow",
    "Conflict",
    "Counts",
    "Designation",
    "DesignationStatus",
    "Entry",
    "Figure",
    "FigureCount",
    "HonourCell",
    "Indicator",
    "Named",
    "OtherFigure",
    "Practice",
    "RankedRegion",
    "Ranking",
    "Reading",
    "Record",
    "Region",
    "RegionProfile",
    "Report",
    "ReportedChange",
    "SearchHit",
    "Source",
    "StatedFigure",
    "Status",
    "Total",
    "Trend",
    "TrendPoint",
    "display",
    "other_figures",
    "plain_dict",
]
_FAMILIES = {
    "Status": "base",
    "Record": "base",
    "plain_dict": "base",
    "MARKS": "base",
    "display": "base",
    "OtherFigure": "figures",
    "other_figures": "figures",
    "Figure": "figures",
    "FIGURE_FIELDS": "figures",
    "Region": "catalogue",
    "Named": "catalogue",
    "Indicator": "catalogue",
    "Source": "catalogue",
    "Designation": "catalogue",
    "Practice": "catalogue",
    "DesignationStatus": "profiles",
    "RegionProfile": "profiles",
    "HonourCell": "comparisons",
    "Cell": "comparisons",
    "ComparisonRow": "comparisons",
    "Comparison": "comparisons",
    "Conflict": "tallies",
    "ArithmeticConflict": "tallies",
    "StatedFigure": "tallies",
    "SearchHit": "tallies",
    "Counts": "tallies",
    "Entry": "tallies",
    "FigureCount": "tallies",
    "Total": "tallies",
    "RankedRegion": "rankings",
    "Ranking": "rankings",
    "Reading": "rankings",
    "ReportedChange": "rankings",
    "Trend": "rankings",
    "TrendPoint": "rankings",
    "Report": "charts",
}


def __dir__() -> list[str]:
    """Every record's name too, before its family is loaded (for completion in a notebook)."""
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    """A record class (or helper) of the package, its family's module imported on first use."""
    family = _FAMILIES.get(name)
    if family is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{family}"), name)
    globals()[name] = value
    return value
