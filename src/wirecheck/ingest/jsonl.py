"""JSON Lines (one article per line) and JSON files (one article, or a list of them).

Known keys (and the usual spellings scrapers use for them) fill the RawDocument; every other
key is kept in ``meta``.  A broken line is reported with its 1-based number and the good lines
are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from wirecheck.ingest.dates import normalise_date
from wirecheck.ingest.html import html_document
from wirecheck.ingest.reading import Reading, normalise_newlines
from wirecheck.ingest.sanitise import MAX_JSON_DEPTH, cut_deep_values
from wirecheck.model import RawDocument

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article", "raw_text"),
    "html": ("html", "raw_html", "content_html", "page"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "title": ("title", "headline"),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "date_publish",
        "datePublished",
        "pubDate",
    ),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "site", "domain"),
    "author": ("author", "authors", "byline"),
}
LIST_KEYS = ("articles", "items", "documents", "docs", "data", "results", "entries")


def looks_like_json_records(text: str) -> bool:
    """True when the text opens with a JSON object on one of its first lines (JSON Lines)."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        return _parses(stripped)
    if not stripped.startswith("{"):
        return False
    lines = [line for line in stripped.split("\n", 6)[:6] if line.strip()]
    return any(isinstance(_loads_or_none(line), dict) for line in lines) or _parses(stripped)


def read_json_records(text: str, *, path: str, stem: str) -> Reading:
    """Every record in a JSON or JSON Lines file; problems name the line (or list item)."""
    reading = Reading()
    for place, number, value in _records(text, path, reading):
        record, cut = cut_deep_values(value)
        if not isinstance(record, dict):
            reading.problem(place, f"a JSON {type(record).__name__}, not an article object")
            continue
        if "articles" in record and "stories" in record:
            reading.warn(place, "a wirecheck report, not an input article (ignored)")
            continue
        document = record_document(record, doc_id=_record_id(record, stem, number), source=f"{path}#{number}")
        if isinstance(document, str):
            reading.problem(place, document)
            continue
        reading.documents.append(document)
        if cut:
            reading.warn(
                place, f"{cut} value(s) nested deeper than {MAX_JSON_DEPTH} levels left out of its metadata"
            )
    if not reading.documents and not reading.problems:
        reading.problem(path, "no JSON records in the file")
    return reading


def record_document(record: Mapping[str, Any], *, doc_id: str, source: str) -> RawDocument | str:
    """A RawDocument from one record, or the reason there is none."""
    chosen = {name: _first_key(record, aliases) for name, aliases in FIELD_ALIASES.items()}
    fields = {name: record[key] if key else None for name, key in chosen.items()}
    meta = {key: value for key, value in record.items() if key != "id" and key not in chosen.values()}
    published_raw = fields["published"]
    published = normalise_date(published_raw)
    if published_raw is not None and published is None:
        meta["published_raw"] = published_raw
    text, html = _text(fields["text"]), _text(fields["html"])
    url, title, outlet, author = (
        _text(fields["url"]),
        _text(fields["title"]),
        _name(fields["outlet"]),
        _name(fields["author"]),
    )
    if text and text.strip():
        return RawDocument(
            id=doc_id,
            source=source,
            format="jsonl",
            text=normalise_newlines(text),
            html=html,
            url=url,
            title=title,
            published=published,
            outlet=outlet,
            author=author,
            meta=meta,
        )
    if not html or not html.strip():
        return "no article text (no non-empty 'text' or 'html' value)"
    page = html_document(html, doc_id=doc_id, source=source, fmt="jsonl", url=url)
    if page is None:
        return "its 'html' has no readable text"
    return replace(  # what the record says wins over what the page says of itself
        page,
        url=url or page.url,
        title=title or page.title,
        published=published or page.published,
        outlet=outlet or page.outlet,
        author=author or page.author,
        meta={**page.meta, **meta},
    )


def _records(text: str, path: str, reading: Reading) -> Iterator[tuple[str, int, Any]]:
    """(place for messages, 1-based number, parsed value) for a JSON file or each JSON line."""
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        whole = _loads_or_none(stripped)
        if isinstance(whole, list):
            yield from ((f"{path} item {n}", n, value) for n, value in enumerate(whole, start=1))
            return
        if isinstance(whole, dict):
            listed = _listed_records(whole)
            if listed is not None:
                yield from ((f"{path} item {n}", n, value) for n, value in enumerate(listed, start=1))
            else:
                first = text[: len(text) - len(text.lstrip())].count("\n") + 1  # after blank lines
                yield f"{path} line {first}", first, whole
            return
    # split on \n only: U+2028 and friends may stand inside JSON strings
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if "\x00" in line:
            reading.problem(f"{path} line {number}", "holds a NUL byte; not valid JSON")
            continue
        try:
            yield f"{path} line {number}", number, json.loads(line)
        except json.JSONDecodeError as error:
            where = f"{error.msg.removesuffix(' at')} at column {error.colno}"
            reading.problem(f"{path} line {number}", f"not valid JSON ({where})")
        except (ValueError, RecursionError) as error:
            reading.problem(f"{path} line {number}", f"not valid JSON ({_short(error)})")


def _listed_records(whole: dict[str, Any]) -> list[Any] | None:
    """The list in an export shaped {"articles": [...]} (or items, documents, data, results)."""
    if "stories" in whole or _first_key(whole, FIELD_ALIASES["text"] + FIELD_ALIASES["html"]):
        return None  # a wirecheck report, or itself an article
    for key in LIST_KEYS:
        value = whole.get(key)
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            return value
    return None


def _record_id(record: Mapping[str, Any], stem: str, number: int) -> str:
    own = record.get("id")
    if isinstance(own, str | int) and not isinstance(own, bool) and str(own).strip():
        return str(own).strip()
    return f"{stem}-{number}"


def _first_key(record: Mapping[str, Any], aliases: tuple[str, ...]) -> str | None:
    """The first of ``aliases`` with a usable value; the others stay in ``meta``."""
    for key in aliases:
        value = record.get(key)
        if value is not None and value != "" and value != [] and value != {}:
            return key
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _name(value: Any) -> str | None:
    """A name from a string, a list of names, or an object with a "name" ({"name": "AP"})."""
    if isinstance(value, Mapping):
        value = value.get("name")
    if isinstance(value, list):
        names = [_name(item) for item in value]
        value = ", ".join(name for name in names if name)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _parses(text: str) -> bool:
    return _loads_or_none(text) is not None


def _loads_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _short(error: Exception) -> str:
    message = str(error)
    return message if len(message) <= 80 else message[:77] + "..."
