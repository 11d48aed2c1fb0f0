"""Ingest: one reader per format and the dispatcher that picks one per file.

Public entries: ``read_inputs(paths, progress=None) -> IngestResult``, and
``documents_within_budget(documents)`` for documents that come from elsewhere (the Python API).

Modules, in the order a file meets them: ``walk`` (which files), ``load`` (bytes, size cap,
decompression, binary detection), ``decode`` (bytes to text), ``sniff`` (which reader), the
readers ``html``, ``jsonl``, ``feed``, ``warc`` (plain text needs none), ``budget`` (the size
of one article), ``sanitise`` (encodable strings, printable names) and ``dispatch`` (the
batch: duplicates, unique ids, problems).
"""

from __future__ import annotations

from wirecheck.ingest.budget import documents_within_budget
from wirecheck.ingest.dispatch import read_inputs

__all__ = ["documents_within_budget", "read_inputs"]
