"""Ingest: one reader per format and the dispatcher that picks one per file.

Public entry: ``read_inputs(paths, progress=None) -> IngestResult``.

Modules, in the order a file meets them: ``walk`` (which files), ``load`` (bytes, size cap,
decompression, binary detection), ``decode`` (bytes to text), ``sniff`` (which reader), the
readers ``html``, ``jsonl``, ``feed``, ``warc`` (plain text needs none), and ``dispatch``
(the batch: duplicates, unique ids, problems).
"""

from __future__ import annotations

from wirecheck.ingest.dispatch import read_inputs

__all__ = ["read_inputs"]
