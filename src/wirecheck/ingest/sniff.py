"""Which reader a file needs: its content decides first, its extension second."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from wirecheck.ingest.feed import looks_like_feed
from wirecheck.ingest.jsonl import looks_like_json_records

Kind = Literal["html", "jsonl", "rss", "warc", "text"]

COMPRESSION_SUFFIXES = (".gz", ".gzip", ".bz2", ".xz")
KIND_BY_SUFFIX: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".rss": "rss",
    ".atom": "rss",
    ".xml": "rss",
    ".warc": "warc",
    ".arc": "warc",
    ".txt": "text",
    ".text": "text",
}
HTML_START = re.compile(
    r"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h[1-6]|section|main|span|table|br)\b",
    re.IGNORECASE | re.DOTALL,
)


def file_stem(path: Path) -> str:
    """The file name without its known extensions: "a.html.gz" -> "a", "kbs.co.kr-news" stays."""
    name = path.name
    lowered = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if lowered.endswith(suffix):
            name, lowered = name[: -len(suffix)], lowered[: -len(suffix)]
            break
    for suffix in (*KIND_BY_SUFFIX, ".md"):
        if lowered.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def kind_by_extension(path: Path) -> Kind | None:
    name = path.name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        name = name.removesuffix(suffix)
    return KIND_BY_SUFFIX.get(Path(name).suffix)


def detect_kind(text: str, path: Path) -> Kind:
    """Sniff the decoded text; fall back to the extension; plain text when neither says more."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    lowered = head.lower()
    if lowered.startswith("<?xml"):
        if looks_like_feed(head):
            return "rss"
        return "html"  # XHTML or other XML: its visible text is the best reading
    if looks_like_feed(head) and lowered.startswith(("<rss", "<feed", "<rdf:rdf", "<!--")):
        return "rss"
    if HTML_START.match(head):
        return "html"
    if head.startswith(("{", "[")) and looks_like_json_records(text):
        return "jsonl"
    by_extension = kind_by_extension(path)
    return by_extension or "text"
