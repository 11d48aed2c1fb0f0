"""Parse every article body once and run every extractor on the parse.

spaCy's ``nlp.pipe`` batches the parsing (the bulk of the cost); with more than
:data:`MULTIPROCESS_THRESHOLD` articles it runs one worker per core.  Bodies longer
than spaCy's ``max_length`` are parsed in paragraph-aligned pieces and joined back
into one Doc, so character offsets always point into ``Article.body``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from wirecheck.extract.citations import find_citations
from wirecheck.extract.entities import find_entities
from wirecheck.extract.quantities import find_quantities
from wirecheck.extract.quotes import find_quotes
from wirecheck.extract.timerefs import find_time_refs
from wirecheck.model import Article, ArticleMentions
from wirecheck.nlp import Models

if TYPE_CHECKING:
    from spacy.language import Language

ProgressFactory = Callable[[str, int], Callable[[int], None]]
MULTIPROCESS_THRESHOLD = 200
BATCH_SIZE = 32


def extract_mentions(
    articles: Sequence[Article], models: Models, progress: ProgressFactory | None = None
) -> list[ArticleMentions]:
    """Entities, quantities, times, quotes and citations of each article, in order."""
    if not articles:
        return []
    advance = progress("extract", len(articles)) if progress else None
    results = []
    for article, doc in zip(articles, parse_bodies(articles, models), strict=True):
        results.append(mentions_from_doc(doc, article))
        if advance:
            advance(1)
    return results


def parse_bodies(articles: Sequence[Article], models: Models) -> Iterator[Doc]:
    """One Doc per article body, parsed in batches (several processes for big batches)."""
    nlp = models.nlp
    n_process = worker_count(len(articles))
    short = [a.body if len(a.body) <= nlp.max_length else "" for a in articles]
    docs = nlp.pipe(short, n_process=n_process, batch_size=BATCH_SIZE)
    for article, doc in zip(articles, docs, strict=True):
        yield doc if len(article.body) <= nlp.max_length else parse_long_text(nlp, article.body)


def worker_count(n_articles: int) -> int:
    return max(1, os.cpu_count() or 1) if n_articles > MULTIPROCESS_THRESHOLD else 1


def parse_long_text(nlp: Language, text: str) -> Doc:
    """Parse a text longer than ``nlp.max_length`` in pieces cut after paragraph breaks."""
    pieces, start = [], 0
    limit = nlp.max_length - 1
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            end = cut + 2 if cut > start else end
        pieces.append(text[start:end])
        start = end
    doc = Doc.from_docs([nlp(piece) for piece in pieces], ensure_whitespace=False)
    return doc


def mentions_from_doc(doc: Doc, article: Article) -> ArticleMentions:
    """Run every extractor on one parsed body."""
    entities = find_entities(doc, article.subheadings)
    times = find_time_refs(doc, article)
    return ArticleMentions(
        article_id=article.id,
        entities=tuple(entities),
        quantities=tuple(find_quantities(doc, article, times)),
        times=tuple(times),
        quotes=tuple(find_quotes(doc, entities)),
        citations=tuple(find_citations(doc)),
    )
