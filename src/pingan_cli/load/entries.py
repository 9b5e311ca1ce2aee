"""What loading hands on: validated entries, where each came from, and the merged dataset."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import DataFile, ObservationFile
from .problems import Path_, Problem

if TYPE_CHECKING:
    from .yamlread import Document


@dataclass(frozen=True)
class LoadedEntry:
    """A validated model, with the document and path it came from."""

    model: Any
    document: Document
    path: Path_

    def problem(self, message: str, *inner: str | int) -> Problem:
        """A problem about this entry, or about a field inside it."""
        return self.document.problem((*self.path, *inner), message)

    def place(self) -> str:
        """file:line of the entry, for messages that point back at it."""
        line, _ = self.document.locate(self.path)
        return f"{self.document.file}:{line}" if line else self.document.file


@dataclass
class Loaded:
    """The merged, cross-checked dataset and where each part came from."""

    dataset: DataFile
    entries: dict[str, list[LoadedEntry]]
    observation_files: list[tuple[Path, ObservationFile, LoadedEntry]] = field(default_factory=list)
    # Folders outside the data files' own that they may name files in (real paths).
    allowed: tuple[str, ...] = ()
