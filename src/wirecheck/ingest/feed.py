"""RSS and Atom feeds: entries that carry the article text become documents.

A feed entry is an article when it has full content (content:encoded, Atom <content>), or a
summary long enough to be the article rather than a teaser.  Teaser-only entries are listed in
one problem per feed, so a headline feed is reported rather than silently read as nothing.
"""

from __future__ import annotations

import io
from typing import Any

import feedparser

from wirecheck.ingest.dates import normalise_date
from wirecheck.ingest.html import split_paragraphs, visible_paragraphs
from wirecheck.ingest.reading import Reading
from wirecheck.model import RawDocument

MIN_SUMMARY_WORDS = 120  # shorter summaries are teasers, not the article
HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def looks_like_feed(head: str) -> bool:
    """An RSS, RDF or Atom root element near the start of the text."""
    lowered = head[:2048].lower()
    return any(marker in lowered for marker in ("<rss", "<rdf:rdf", "<feed"))


def read_feed(data: bytes, *, path: str, stem: str) -> Reading:
    """Entries of the feed in ``data`` (the file's bytes: feedparser honours the XML encoding)."""
    reading = Reading()
    try:
        # A stream, never a str or bytes: feedparser would take those for a URL or file name to open.
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as error:  # noqa: BLE001 - feedparser on hostile XML must not end the batch
        reading.problem(path, f"not a readable RSS/Atom feed ({error})")
        return reading
    entries = list(parsed.entries)
    if not entries:
        why = f" ({parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        reading.problem(path, f"an RSS/Atom feed without entries{why}")
        return reading
    outlet = _clean(parsed.feed.get("title"))
    teasers: list[str] = []
    for number, entry in enumerate(entries, start=1):
        paragraphs = _entry_paragraphs(entry)
        title = _clean(entry.get("title"))
        if not paragraphs:
            teasers.append(title or f"entry {number}")
            continue
        reading.documents.append(
            RawDocument(
                id=f"{stem}-{number}",
                source=f"{path}#{number}",
                format="rss",
                text="\n\n".join(paragraphs),
                html=_content_html(entry),
                url=_clean(entry.get("link")),
                title=title,
                published=normalise_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                outlet=outlet,
                author=_clean(entry.get("author")),
                meta=_entry_meta(entry),
            )
        )
    if teasers:
        shown = "; ".join(teasers[:5]) + ("; ..." if len(teasers) > 5 else "")
        reading.problem(
            path,
            f"{len(teasers)} of {len(entries)} feed entries carry no article text (title or teaser only): {shown}",
        )
    if parsed.get("bozo") and reading.documents:
        reading.warn(path, f"feed is not well-formed XML ({parsed.get('bozo_exception')}); read what parsed")
    return reading


def _entry_paragraphs(entry: Any) -> tuple[str, ...]:
    for content in entry.get("content") or ():
        paragraphs = _as_paragraphs(content.get("value", ""), content.get("type", ""))
        if paragraphs:
            return paragraphs
    summary = entry.get("summary_detail") or {}
    paragraphs = _as_paragraphs(summary.get("value", ""), summary.get("type", ""))
    words = sum(len(p.split()) for p in paragraphs)
    return paragraphs if words >= MIN_SUMMARY_WORDS else ()


def _as_paragraphs(value: str, content_type: str) -> tuple[str, ...]:
    if not value or not value.strip():
        return ()
    if content_type in HTML_TYPES or "<" in value:
        return visible_paragraphs(f"<html><body>{value}</body></html>")
    return split_paragraphs(value)


def _content_html(entry: Any) -> str | None:
    for content in entry.get("content") or ():
        if content.get("type") in HTML_TYPES and content.get("value"):
            return str(content["value"])
    return None


def _entry_meta(entry: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if entry.get("id"):
        meta["guid"] = str(entry["id"])
    tags = [tag.get("term") for tag in entry.get("tags") or () if tag.get("term")]
    if tags:
        meta["tags"] = tags
    if entry.get("summary") and entry.get("content"):
        meta["summary"] = " ".join(visible_paragraphs(f"<html><body>{entry['summary']}</body></html>"))
    return meta


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
