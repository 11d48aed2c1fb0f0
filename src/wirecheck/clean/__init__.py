"""Clean: boilerplate out; headline, byline, dateline, date, section found.

Public entry: ``clean_documents(docs) -> list[Article]`` (same order as ``docs``).

Two paths:

- scraped plain text (``.txt``, JSONL, feeds, WARC records without HTML):
  :mod:`.scraped` finds the body as the best-scoring run of prose lines and
  reads the metadata from the lines above it;
- text an extractor already took out of HTML (``RawDocument.html`` is set):
  :mod:`.extracted` trusts the page metadata and only trims the edges.

The whole batch is seen at once so that short lines recurring in several
documents (menus, section names of one site) count as furniture.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

from wirecheck.model import Article, RawDocument

from .extracted import clean_extracted_text
from .lines import RECURRING_MAX_WORDS, word_count
from .scraped import CleanText, clean_scraped_text, split_lines
from .sentences import is_short_sentence
from .vocabulary import line_key


def clean_documents(docs: Sequence[RawDocument]) -> list[Article]:
    """Clean every document; lines recurring across the batch help spot furniture."""
    recurring = recurring_lines(docs)
    return [clean_document(doc, recurring) for doc in docs]


def recurring_lines(docs: Sequence[RawDocument]) -> frozenset[str]:
    """Keys of short lines found in two or more scraped documents of the batch.

    A short sentence ("No one was hurt.", "She was 91.") recurs because outlets tell the same
    facts: it counts as furniture only when it recurs within one outlet's pages.  Labels and
    buttons ("Share this", "Most read") count across the whole batch.
    """
    counts: Counter[str] = Counter()
    by_outlet: Counter[tuple[str, str]] = Counter()
    sentences: set[str] = set()
    for doc in docs:
        if doc.html is None:
            lines = [t for t in split_lines(doc.text or "") if word_count(t) <= RECURRING_MAX_WORDS]
            keys = {line_key(t) for t in lines} - {""}
            counts.update(keys)
            sentences.update(line_key(t) for t in lines if is_short_sentence(t))
            outlet = outlet_of(doc.url or first_line_url(doc.text or "")) or doc.outlet
            if outlet:
                by_outlet.update((outlet, key) for key in keys)
    same_outlet = {key for (_, key), n in by_outlet.items() if n >= 2}
    return frozenset(
        key for key, n in counts.items() if n >= 2 and (key not in sentences or key in same_outlet)
    )


def first_line_url(text: str) -> str | None:
    """The URL printed alone on the first line of a scraped text, if any."""
    first = text.lstrip().split("\n", 1)[0].strip()
    return first if first.lower().startswith(("http://", "https://", "www.")) and " " not in first else None


def clean_document(doc: RawDocument, recurring: frozenset[str] = frozenset()) -> Article:
    text = doc.text or ""
    if doc.html is not None:
        cleaned = clean_extracted_text(text, doc.title, doc.published, doc.author)
    else:
        cleaned = clean_scraped_text(text, recurring, title=doc.title)
    url = doc.url or cleaned.url
    meta = dict(doc.meta)
    if cleaned.note:
        meta["cleaning_note"] = cleaned.note
    return Article(
        id=doc.id,
        source=doc.source,
        format=doc.format,
        body="\n\n".join(cleaned.paragraphs),
        paragraphs=cleaned.paragraphs,
        headline=doc.title or cleaned.headline,
        byline=doc.author or cleaned.byline,
        dateline=cleaned.dateline,
        published=doc.published or cleaned.published,
        outlet=doc.outlet or outlet_of(url),
        url=url,
        section=cleaned.section,
        summary=cleaned.summary,
        subheadings=cleaned.subheadings,
        removed=cleaned.removed,
        meta=meta,
    )


def outlet_of(url: str | None) -> str | None:
    """The host of the article URL, without "www.": the outlet when the source names none."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


__all__ = ["CleanText", "clean_documents", "clean_document", "outlet_of"]
