"""WARC archives: each successful HTML capture becomes a document through the HTML reader.

Requests, metadata, revisits, redirects and non-HTML captures are not articles and are passed
over without a message.  A damaged archive yields the records before the damage plus a problem.
"""

from __future__ import annotations

import io
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from wirecheck.ingest.decode import decode_bytes
from wirecheck.ingest.html import html_document
from wirecheck.ingest.reading import Reading

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")


def looks_like_warc(data: bytes) -> bool:
    """A WARC record header, or the "filedesc://" line that opens an old ARC file (warcio reads both)."""
    head = data.lstrip(b"\r\n")
    return head[:6] in (b"WARC/1", b"WARC/0") or head.startswith(b"filedesc://")


def read_warc(data: bytes, *, path: str, stem: str) -> Reading:
    reading = Reading()
    records_seen = 0
    pages = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            records_seen += 1
            html_bytes, charset = _html_capture(record)
            if html_bytes is None:
                continue
            pages += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            source = f"{path}::{uri or f'record {records_seen}'}"
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
    return record.content_stream().read(), charset


def _short(error: Exception) -> str:
    message = str(error) or type(error).__name__
    return message if len(message) <= 80 else message[:77] + "..."
