"""``read_inputs``: find the files, read each with the right reader, drop nothing silently.

Per file: WARC archives are streamed from disk; any other file is loaded (size cap,
decompression) -> binary refused -> decoded -> sniffed -> read.  Then
across the batch: identical files and identical article texts are read once (the others are
reported as duplicates), and ids are made unique deterministically.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Sequence
from itertools import chain, count
from pathlib import Path

from wirecheck.ingest.budget import documents_within_budget
from wirecheck.ingest.decode import decode_bytes
from wirecheck.ingest.feed import read_feed
from wirecheck.ingest.html import HUGE_PAGE_METHOD, html_document, is_wirecheck_report
from wirecheck.ingest.jsonl import read_json_records
from wirecheck.ingest.load import (
    LoadFailure,
    binary_kind,
    load_file,
    read_head,
    regular_file_problem,
    without_nul_bytes,
)
from wirecheck.ingest.reading import Reading, normalise_newlines
from wirecheck.ingest.sanitise import display_name, safe_reading
from wirecheck.ingest.sniff import detect_kind, file_stem
from wirecheck.ingest.walk import find_input_files
from wirecheck.ingest.warc import looks_like_warc, read_warc, read_warc_file
from wirecheck.model import IngestResult, InputProblem, RawDocument

ProgressFactory = Callable[[str, int], Callable[[int], None]]

WHITESPACE = re.compile(r"\s")
FINGERPRINT_CHUNK_CHARS = 65_536
NUL = "\x00"


def read_inputs(paths: Sequence[str], progress: ProgressFactory | None = None) -> IngestResult:
    """Every article under ``paths`` as RawDocuments, and every input that could not be read."""
    files, found_problems = find_input_files([str(p) for p in paths])
    problems = safe_reading(Reading(problems=found_problems)).problems
    advance = progress("reading inputs", len(files)) if progress and files else None
    seen_content: dict[str, str] = {}
    found: list[tuple[RawDocument, Path]] = []
    for path in files:
        reading = read_file(path, seen_content)
        found.extend((document, path) for document in reading.documents)
        problems.extend(reading.problems)
        if advance:
            advance(1)
    unique, duplicates = _drop_duplicate_texts(found)
    documents = _unique_ids(unique)
    return IngestResult(documents=tuple(documents), problems=tuple(problems) + tuple(duplicates))


def read_file(path: Path, seen_content: dict[str, str]) -> Reading:
    """All documents and problems of one file; ``seen_content`` maps content hashes to sources."""
    reading = safe_reading(_within_budget(_read_file(path, seen_content)))
    shown = display_name(str(path))
    if shown != str(path):
        reading.warn(shown, "file name is not valid UTF-8 (its bytes are shown as \\xNN)")
    return reading


def _read_file(path: Path, seen_content: dict[str, str]) -> Reading:
    reading = Reading()
    source = str(path)
    unopenable = regular_file_problem(path)
    if unopenable:
        reading.problem(source, unopenable.reason)
        return reading
    if looks_like_warc(read_head(path)):
        return read_warc_file(path, stem=file_stem(path))
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
    binary = binary_kind(data)
    if binary:
        reading.problem(source, f"not text: {binary}")
        return reading
    decoded = decode_bytes(data)
    if decoded is None:
        reading.problem(source, "not text: no encoding decodes it to readable text")
        return reading
    if decoded.warning:
        reading.warn(source, decoded.warning)
    text = decoded.text
    if not text.strip():  # only whitespace, or only a byte-order mark
        reading.problem(source, "contains only whitespace" if text else "contains only a byte-order mark")
        return reading
    kind = detect_kind(text, path)
    if NUL in text and kind != "jsonl":  # JSON Lines: the line reader names each line with one
        reading.warn(source, f"{text.count(NUL)} NUL byte(s) removed")
        text = text.replace(NUL, "")
        if kind == "rss":
            data, _ = without_nul_bytes(data)
    reading.extend(_read_text_as(kind, text, data, path=source, stem=stem))
    return reading


def _within_budget(reading: Reading) -> Reading:
    """Documents fitted to the size budget of one article, and huge pages said to be read
    without main-text extraction."""
    for document in reading.documents:
        if document.meta.get("extraction") == HUGE_PAGE_METHOD:
            reading.warn(
                document.source,
                f"HTML page too large for main-text extraction ({len(document.html or ''):,} characters); "
                "kept all its visible text, boilerplate included",
            )
    documents, warnings = documents_within_budget(reading.documents)
    return Reading(documents, reading.problems + warnings)


def _read_text_as(kind: str, text: str, data: bytes, *, path: str, stem: str) -> Reading:
    reading = Reading()
    if kind == "jsonl":
        return read_json_records(text, path=path, stem=stem)
    if kind == "rss":
        return read_feed(data, path=path, stem=stem)
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
    return reading


def _drop_duplicate_texts(
    found: list[tuple[RawDocument, Path]],
) -> tuple[list[tuple[RawDocument, Path]], list[InputProblem]]:
    """The same article text twice is one article, unless the copies declare different URLs or
    outlets: then it is a reprint, which the group stage must see."""
    first_by_text: dict[str, list[RawDocument]] = {}
    kept: list[tuple[RawDocument, Path]] = []
    duplicates: list[InputProblem] = []
    for item in found:
        document = item[0]
        key = words_fingerprint(document.text)
        earlier = next((e for e in first_by_text.get(key, ()) if _same_origin(e, document)), None)
        if earlier is not None:
            duplicates.append(InputProblem(document.source, f"duplicate of {earlier.source} (same text)"))
            continue
        first_by_text.setdefault(key, []).append(document)
        kept.append(item)
    return kept, duplicates


def words_fingerprint(text: str) -> str:
    """sha256 of the text's words joined by single spaces, built in chunks cut at whitespace so
    that a 10 MB text never becomes a list of a million words."""
    digest = hashlib.sha256()
    start, separator = 0, b""
    while start < len(text):
        boundary = WHITESPACE.search(text, min(len(text), start + FINGERPRINT_CHUNK_CHARS))
        end = boundary.start() if boundary else len(text)
        words = text[start:end].split()
        if words:
            digest.update(separator + " ".join(words).encode("utf-8"))
            separator = b" "
        start = max(end, start + 1)
    return digest.hexdigest()


def _same_origin(a: RawDocument, b: RawDocument) -> bool:
    def differ(x: str | None, y: str | None) -> bool:
        return bool(x and y and x.strip().lower().rstrip("/") != y.strip().lower().rstrip("/"))

    return not differ(a.url, b.url) and not differ(a.outlet, b.outlet)


def _unique_ids(found: list[tuple[RawDocument, Path]]) -> list[RawDocument]:
    """A taken id gets a prefix (the file stem for items of a container file when missing, else
    the parent folder's name), then a number: deterministic, since ``found`` is in walk order."""
    taken: set[str] = set()
    documents = []
    for document, path in found:
        own = document.id
        in_container = document.source != display_name(str(path))
        stem = display_name(file_stem(path))
        prefix = stem if in_container and not own.startswith(stem) else display_name(path.parent.name)
        candidates = chain([own, f"{prefix}-{own}"], (f"{own}-{n}" for n in count(2)))
        chosen = next(c for c in candidates if c not in taken)
        taken.add(chosen)
        documents.append(document if chosen == own else dataclasses.replace(document, id=chosen))
    return documents
