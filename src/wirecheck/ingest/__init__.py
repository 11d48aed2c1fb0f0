"""Ingest: one reader per format and the dispatcher that picks one per file.

Public entry: ``read_inputs(paths, progress=None) -> IngestResult``.
(INTERFACE PLACEHOLDER - being implemented)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wirecheck.model import IngestResult


def read_inputs(paths: Sequence[str], progress: Callable[[str, int], Callable[[int], None]] | None = None) -> IngestResult:
    raise NotImplementedError
