"""WARC archives: each successful HTML capture becomes a document through the HTML reader.

Requests, metadata, revisits, redirects and non-HTML captures are not articles and are passed
over without a message.  A damaged archive yields the records before the damage plus a problem.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from wirecheck.ingest.decode import decode_bytes
from wirecheck.ingest.html import html_document
from wirecheck.ingest.load import MAX_FILE_BYTES, gzip_damage, without_nul_bytes
from wirecheck.ingest.reading import Reading

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
MAX_PAGE_BYTES = MAX_FILE_BYTES


def looks_like_warc(data: bytes) -> bool:
    """A WARC record header, or the "filedesc://" line that opens an old ARC file (warcio reads both)."""
    head = data.lstrip(b"\r\n")
    return head[:6] in (b"WARC/1", b"WARC/0") or head.startswith(b"filedesc://")


def read_warc_file(path: Path, *, stem: str) -> Reading:
    """Stream a (gzipped) WARC from disk: crawls are far larger than the cap on article files."""
    try:
        with path.open("rb") as stream:
            compressed = stream.read(2) == b"\x1f\x8b"
            stream.seek(0)
            reading = read_warc_stream(stream, path=str(path), stem=stem)
    except OSError as error:
        reading = Reading()
        reading.problem(str(path), f"cannot read: {error.strerror or error}")
        return reading
    damage = gzip_damage(path) if compressed else None
    if damage and not any(p.skipped for p in reading.problems):
        pages = len(reading.documents)
        reading.problem(
            str(path), f"{damage}; the {pages} page(s) before the damage were read, the rest was lost"
        )
    return reading


def read_warc(data: bytes, *, path: str, stem: str) -> Reading:
    """A WARC already in memory (one that came bz2- or xz-compressed, which warcio cannot undo)."""
    return read_warc_stream(io.BytesIO(data), path=path, stem=stem)


def read_warc_stream(stream: BinaryIO, *, path: str, stem: str) -> Reading:
    reading = Reading()
    records_seen = 0
    pages = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            records_seen += 1
            html_bytes, charset = _html_capture(record)
            if html_bytes is None:
                continue
            pages += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            source = f"{path}::{uri or f'record {records_seen}'}"
            html_bytes, nuls = without_nul_bytes(html_bytes)
            if nuls:
                reading.warn(source, f"{nuls} NUL byte(s) removed from the captured page")
            decoded = decode_bytes(html_bytes, declared=charset)
            if decoded is None:
                reading.problem(source, "captured page is not decodable text")
                continue
            if decoded.warning:
                reading.warn(source, decoded.warning)
            document = html_document(
                decoded.text,
                doc_id=f"{stem}-{pages}",
                source=source,
                fmt="warc",
                url=uri or None,
                fallback_published=record.rec_headers.get_header("WARC-Date"),
                fallback_method="capture date (WARC-Date)",
            )
            if document is None:
                reading.problem(source, "captured page has no readable text")
            else:
                reading.documents.append(document)
    except Exception as error:  # noqa: BLE001 - warcio raises many kinds on damaged archives
        reading.problem(
            path,
            f"WARC archive is damaged after record {records_seen} ({_short(error)}); the rest was not read",
        )
    if records_seen and not pages and not reading.problems:
        reading.problem(
            path, f"WARC archive has no HTML page captures ({records_seen} records of other kinds)"
        )
    return reading


def _html_capture(record: Any) -> tuple[bytes | None, str | None]:
    """The payload of a 200 HTML response (or HTML resource) record, with its charset."""
    if record.rec_type == "response" and record.http_headers is not None:
        if record.http_headers.get_statuscode() != "200":
            return None, None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None, None
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() not in HTML_MEDIA_TYPES:
        return None, None
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(payload) > MAX_PAGE_BYTES:
        return None, None  # a capture this large is a dump, not a page
    return payload, charset


def _short(error: Exception) -> str:
    message = str(error) or type(error).__name__
    return message if len(message) <= 80 else message[:77] + "..."
