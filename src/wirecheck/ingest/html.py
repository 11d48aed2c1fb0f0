"""HTML pages to RawDocument: main text by trafilatura, with fallbacks so no page is lost.

The chain is trafilatura (recall-leaning, measured on 300 real pages in bench/ingest_inputs.py),
then jusText, then trafilatura's baseline, then the page's visible text.  The result is plain
text only (scripts, styles and attributes never reach it), one paragraph per block, paragraphs
separated by a blank line.  Page metadata (title, site name, author, canonical URL, date) comes
from the same pass.  The publication date is htmldate's strict reading (metadata, URL, marked-up
dates) only: its extensive search guesses from free text and copyright lines (a bare year comes
back as January 1st) and loads dateparser's locale tables (~30 s), so it is not used; a page
without a declared date gets None, or its capture date when it came from a WARC.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

import justext
import lxml.html
import trafilatura
from lxml import etree

from wirecheck.ingest.dates import normalise_date
from wirecheck.model import RawDocument

Format = Literal["text", "html", "jsonl", "warc", "rss"]

MAX_EXTRACTION_CHARS = 3_000_000  # larger pages skip trafilatura (see _read_huge_page)
HEAD_SEARCH_CHARS = 1_000_000
HUGE_PAGE_METHOD = "visible-text (page too large for main-text extraction)"
STRICT_DATE = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
# fmt: off
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head")
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul", "title",
))
# fmt: on
# trafilatura logs "discarding data" and the like as warnings; with no logging configured Python
# would print them on stderr between our own messages.  A NullHandler keeps them for apps that
# do configure logging (records still propagate) and silent otherwise.
for _library in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

GENERATOR_IS_WIRECHECK = re.compile(
    r"""<meta[^>]+name=["']?generator["']?[^>]+content=["']?wirecheck""", re.I
)


@dataclass(frozen=True)
class PageText:
    """What one HTML page yielded: the paragraphs and the page's own metadata."""

    paragraphs: tuple[str, ...]
    method: str  # which step of the chain found the text
    title: str | None = None
    author: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_method: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def is_wirecheck_report(html: str) -> bool:
    """Our own HTML report, left in an input folder, is not an article."""
    return bool(GENERATOR_IS_WIRECHECK.search(html[:4096]))


def html_document(
    html: str,
    *,
    doc_id: str,
    source: str,
    fmt: Format = "html",
    url: str | None = None,
    fallback_published: str | None = None,
    fallback_method: str | None = None,
) -> RawDocument | None:
    """A RawDocument for one page, or None when the page has no readable text at all."""
    page = read_page(html, url=url)
    if not page.paragraphs:
        return None
    published, method = page.published, page.published_method
    if published is None and fallback_published:
        published, method = normalise_date(fallback_published), fallback_method
    meta: dict[str, Any] = {"extraction": page.method, **page.extra}
    if method:
        meta["published_method"] = method
    return RawDocument(
        id=doc_id,
        source=source,
        format=fmt,
        text="\n\n".join(page.paragraphs),
        html=html,
        url=page.url or url,
        title=page.title,
        published=published,
        outlet=page.outlet,
        author=page.author,
        meta=meta,
    )


def read_page(html: str, url: str | None = None) -> PageText:
    """Main text and metadata of a page; the fallbacks run only when trafilatura finds nothing."""
    if len(html) > MAX_EXTRACTION_CHARS:
        return _read_huge_page(html, url)
    document = _trafilatura(html, url)
    paragraphs = split_paragraphs(document.text or "") if document is not None else ()
    method = "trafilatura"
    fallbacks: tuple[tuple[str, Callable[[str], tuple[str, ...]]], ...] = (
        ("justext", _justext),
        ("trafilatura-baseline", _baseline),
        ("visible-text", visible_paragraphs),
    )
    for name, fallback in fallbacks:
        if paragraphs:
            break
        paragraphs, method = _safely(fallback, html), name
    metadata = document if document is not None else _metadata(html, url)
    if metadata is None:
        return PageText(paragraphs, method)
    extra = {
        key: value
        for key, value in (
            ("description", _clean(metadata.description)),
            ("language", metadata.language),
            ("categories", list(metadata.categories or [])),
            ("tags", list(metadata.tags or [])),
        )
        if value
    }
    return _with_metadata(paragraphs, method, metadata, url, extra)


def _read_huge_page(html: str, url: str | None) -> PageText:
    """trafilatura takes about a second per 200 KB of HTML; beyond the cap keep all visible text
    (boilerplate included, as the method says) and read the metadata from the <head> alone."""
    head_end = html.lower().find("</head>", 0, HEAD_SEARCH_CHARS)
    head = html[: head_end + len("</head>")] + "<body></body></html>" if head_end >= 0 else ""
    metadata = _metadata(head, url) if head else None
    paragraphs = _safely(visible_paragraphs, html)
    method = HUGE_PAGE_METHOD
    if metadata is None:
        return PageText(paragraphs, method, url=url)
    return _with_metadata(paragraphs, method, metadata, url)


def _with_metadata(
    paragraphs: tuple[str, ...],
    method: str,
    metadata: Any,
    url: str | None,
    extra: dict[str, Any] | None = None,
) -> PageText:
    """The page's text with what the page says of itself (trafilatura's metadata): title,
    author, canonical URL, site name and date."""
    page_url = metadata.url or url
    published = normalise_date(metadata.date)
    return PageText(
        paragraphs=paragraphs,
        method=method,
        title=_clean(metadata.title),
        author=_clean(metadata.author),
        url=page_url,
        outlet=_outlet(metadata.sitename, page_url),
        published=published,
        published_method="page metadata" if published else None,
        extra=extra or {},
    )


def split_paragraphs(text: str) -> tuple[str, ...]:
    """One paragraph per non-empty line, inner whitespace collapsed."""
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def visible_paragraphs(html: str) -> tuple[str, ...]:
    """Every piece of visible text, one block per paragraph; the last resort of the chain."""
    root = _parse(html)
    if root is None:
        return ()
    hidden = [*root.iter(*INVISIBLE_TAGS), *root.iter(etree.Comment, etree.ProcessingInstruction)]
    for element in hidden:
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    return split_paragraphs(root.text_content())


def _trafilatura(html: str, url: str | None) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params={**STRICT_DATE, "url": url},
        )
    except Exception:  # noqa: BLE001 - a parser crash on a hostile page must not end the batch
        return None


def _justext(html: str) -> tuple[str, ...]:
    # An empty stoplist makes jusText language-independent (the pages are in many languages).
    blocks = justext.justext(html.encode("utf-8"), frozenset(), stopwords_low=0, stopwords_high=0)
    return tuple(" ".join(b.text.split()) for b in blocks if not b.is_boilerplate and b.text.strip())


def _baseline(html: str) -> tuple[str, ...]:
    _, text, _ = trafilatura.baseline(html)
    return split_paragraphs(text)


def _safely(reader: Callable[[str], tuple[str, ...]], html: str) -> tuple[str, ...]:
    try:
        return reader(html)
    except Exception:  # noqa: BLE001 - each fallback is optional; the next one runs
        return ()


def _metadata(html: str, url: str | None) -> Any:
    """Page metadata alone, for pages where trafilatura found no main text."""
    try:
        return trafilatura.extract_metadata(html, default_url=url, date_config={**STRICT_DATE, "url": url})
    except Exception:  # noqa: BLE001 - a parser crash on a hostile page must not end the batch
        return None


def _outlet(sitename: str | None, url: str | None) -> str | None:
    """og:site_name when the page has one, else the host of its canonical URL without www."""
    name = _clean(sitename)
    if not name and url:
        name = urlsplit(url).hostname
    if name and name.lower().startswith("www."):
        name = name[4:]
    return name or None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _parse(html: str) -> Any:
    try:
        return lxml.html.document_fromstring(_without_xml_declaration(html))
    except (etree.ParserError, ValueError):
        return None


def _without_xml_declaration(html: str) -> str:
    """lxml refuses str input that carries an encoding declaration."""
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
