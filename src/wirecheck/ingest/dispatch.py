"""``read_inputs``: find the files, read each with the right reader, drop nothing silently.

Per file: load (size cap, decompression) -> refuse binary -> decode -> sniff -> read.  Then
across the batch: identical files and identical article texts are read once (the others are
reported as duplicates), and ids are made unique deterministically.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from wirecheck.ingest.decode import decode_bytes
from wirecheck.ingest.feed import read_feed
from wirecheck.ingest.html import html_document, is_wirecheck_report
from wirecheck.ingest.jsonl import read_json_records
from wirecheck.ingest.load import LoadFailure, binary_kind, load_file
from wirecheck.ingest.reading import Reading, normalise_newlines
from wirecheck.ingest.sniff import detect_kind, file_stem
from wirecheck.ingest.walk import find_input_files
from wirecheck.ingest.warc import looks_like_warc, read_warc
from wirecheck.model import IngestResult, InputProblem, RawDocument

ProgressFactory = Callable[[str, int], Callable[[int], None]]

LARGE_TEXT_CHARS = 1_000_000  # spaCy's default max_length; far above any real article


def read_inputs(paths: Sequence[str], progress: ProgressFactory | None = None) -> IngestResult:
    """Every article under ``paths`` as RawDocuments, and every input that could not be read."""
    files, problems = find_input_files([str(p) for p in paths])
    advance = progress("reading inputs", len(files)) if progress and files else None
    seen_content: dict[str, str] = {}
    found: list[tuple[RawDocument, Path, bool]] = []
    for path in files:
        reading = read_file(path, seen_content)
        container = len(reading.documents) > 1 or any(d.source != str(path) for d in reading.documents)
        found.extend((document, path, container) for document in reading.documents)
        problems.extend(reading.problems)
        if advance:
            advance(1)
    unique, duplicates = _drop_duplicate_texts(found)
    documents = _unique_ids(unique)
    return IngestResult(documents=tuple(documents), problems=tuple(problems) + tuple(duplicates))


def read_file(path: Path, seen_content: dict[str, str]) -> Reading:
    """All documents and problems of one file; ``seen_content`` maps content hashes to sources."""
    reading = Reading()
    source = str(path)
    loaded = load_file(path)
    if isinstance(loaded, LoadFailure):
        reading.problem(source, loaded.reason)
        return reading
    if loaded.warning:
        reading.warn(source, loaded.warning)
    data = loaded.data
    if not data:
        reading.problem(source, "empty after decompression" if loaded.compression else "empty file")
        return reading
    digest = hashlib.sha256(data).hexdigest()
    if digest in seen_content:
        reading.problem(source, f"duplicate of {seen_content[digest]} (identical content)")
        return reading
    seen_content[digest] = source
    stem = file_stem(path)
    if looks_like_warc(data):
        reading.extend(read_warc(data, path=source, stem=stem))
        return reading
    kind = binary_kind(data)
    if kind:
        reading.problem(source, f"not text: {kind}")
        return reading
    decoded = decode_bytes(data)
    if decoded is None:
        reading.problem(source, "not text: no encoding decodes it to readable text")
        return reading
    if decoded.warning:
        reading.warn(source, decoded.warning)
    text = decoded.text
    if not text.strip():
        reading.problem(source, "contains only whitespace")
        return reading
    reading.extend(_read_text_as(detect_kind(text, path), text, path=source, stem=stem))
    return reading


def _read_text_as(kind: str, text: str, *, path: str, stem: str) -> Reading:
    reading = Reading()
    if kind == "jsonl":
        return read_json_records(text, path=path, stem=stem)
    if kind == "rss":
        return read_feed(text, path=path, stem=stem)
    if kind == "warc":
        reading.problem(path, "named as a WARC archive but does not start with a WARC header")
    elif kind == "html":
        if is_wirecheck_report(text):
            reading.warn(path, "a wirecheck HTML report, not an input article (ignored)")
            return reading
        document = html_document(text, doc_id=stem, source=path)
        if document is None:
            reading.problem(path, "no readable text in the HTML page")
        else:
            reading.documents.append(document)
    else:
        reading.documents.append(
            RawDocument(id=stem, source=path, format="text", text=normalise_newlines(text))
        )
    for document in reading.documents:
        if len(document.text) > LARGE_TEXT_CHARS:
            reading.warn(
                path, f"unusually long for one article ({len(document.text):,} characters); read in full"
            )
    return reading


def _drop_duplicate_texts(
    found: list[tuple[RawDocument, Path, bool]],
) -> tuple[list[tuple[RawDocument, Path, bool]], list[InputProblem]]:
    """The same article text twice is one article, unless the copies declare different URLs or
    outlets: then it is a reprint, which the group stage must see."""
    first_by_text: dict[str, list[RawDocument]] = {}
    kept: list[tuple[RawDocument, Path, bool]] = []
    duplicates: list[InputProblem] = []
    for item in found:
        document = item[0]
        key = hashlib.sha256(" ".join(document.text.split()).encode("utf-8")).hexdigest()
        earlier = next((e for e in first_by_text.get(key, ()) if _same_origin(e, document)), None)
        if earlier is not None:
            duplicates.append(InputProblem(document.source, f"duplicate of {earlier.source} (same text)"))
            continue
        first_by_text.setdefault(key, []).append(document)
        kept.append(item)
    return kept, duplicates


def _same_origin(a: RawDocument, b: RawDocument) -> bool:
    def differ(x: str | None, y: str | None) -> bool:
        return bool(x and y and x.strip().lower().rstrip("/") != y.strip().lower().rstrip("/"))

    return not differ(a.url, b.url) and not differ(a.outlet, b.outlet)


def _unique_ids(found: list[tuple[RawDocument, Path, bool]]) -> list[RawDocument]:
    """Later documents whose id is taken get the folder (or file) name as a prefix, then a number."""
    taken: set[str] = set()
    documents = []
    for document, path, container in found:
        prefix = (
            file_stem(path) if container and not document.id.startswith(file_stem(path)) else path.parent.name
        )
        candidates = [document.id, f"{prefix}-{document.id}" if prefix else document.id]
        chosen = next((c for c in candidates if c not in taken), None)
        number = 2
        while chosen is None:
            chosen = f"{document.id}-{number}" if f"{document.id}-{number}" not in taken else None
            number += 1
        taken.add(chosen)
        documents.append(document if chosen == document.id else dataclasses.replace(document, id=chosen))
    return documents
