"""Figures from articles: find them, read them, and say whose and when they are.

The public API: ``extract`` proposes candidates from an article's text, ``read`` says what a
figure as written means, ``main_text`` takes an article out of a saved HTML page.
"""

from __future__ import annotations

from .extract import Candidate, extract
from .figures import ValueReading, read

__all__ = ["Candidate", "ValueReading", "extract", "read"]
