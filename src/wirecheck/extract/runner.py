"""Parse every article body once and run every extractor on the parse.

spaCy's ``nlp.pipe`` batches the parsing (the bulk of the cost).  With two articles or more,
one worker process per core (at most one per article) parses *and* extracts
its share of the articles and sends back only the small :class:`ArticleMentions`: the
extractors run beside the parser instead of after it in the main process, and no parsed Doc
is serialised between processes (measured in ``bench/extract_speed.py``).  Workers are
forked, so they share the loaded pipeline and the article list without pickling them; they
run spaCy only, never the embedding model, whose thread pool does not survive a fork.

Bodies longer than spaCy's ``max_length`` are parsed in paragraph-aligned pieces and joined
back into one Doc, so character offsets always point into ``Article.body``.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import TYPE_CHECKING, Any, TypeVar

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
MIN_ARTICLES_FOR_WORKERS = 2  # a fork and its queues cost ~30 ms, parsing a news article ~150 ms
BATCH_SIZE = 32
CHUNK_SIZE = 8  # most articles per worker task
CHUNKS_PER_WORKER = 4  # at least, so that the workers finish together
WORKER_POLL_SECONDS = 1.0
T = TypeVar("T")
ChunkWork = Callable[[Sequence[Article], "Language"], Iterator[T]]  # a run of articles -> one result each


class ExtractionWorkerFailed(RuntimeError):
    """A worker process raised (the message carries its traceback) or died."""


def extract_mentions(
    articles: Sequence[Article], models: Models, progress: ProgressFactory | None = None
) -> list[ArticleMentions]:
    """Entities, quantities, times, quotes and citations of each article, in order."""
    if not articles:
        return []
    advance = progress("extract", len(articles)) if progress else None
    results = []
    for mentions in mentions_in_order(articles, models.nlp, worker_count(len(articles))):
        results.append(mentions)
        if advance:
            advance(1)
    return results


def mentions_in_order(
    articles: Sequence[Article], nlp: Language, n_process: int
) -> Iterator[ArticleMentions]:
    """The mentions of each article, in order, computed here or in ``n_process`` forked workers."""
    return run_chunks(mentions_of_chunk, articles, nlp, n_process)


def run_chunks(work: ChunkWork[T], articles: Sequence[Article], nlp: Language, n_process: int) -> Iterator[T]:
    """``work`` over all the articles: in this process, or in forked workers when asked for and
    the platform can fork safely (workers must share the loaded pipeline, not reload it)."""
    if n_process > 1 and can_fork_workers():
        return run_in_workers(work, articles, nlp, n_process)
    return work(articles, nlp)


def can_fork_workers() -> bool:
    """Linux only: macOS offers "fork", but its system libraries (Accelerate, the Objective-C
    runtime) can crash a forked child, which is why Python starts processes by "spawn" there;
    Windows cannot fork.  Elsewhere extraction runs in this process."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def worker_count(n_articles: int) -> int:
    if n_articles < MIN_ARTICLES_FOR_WORKERS:
        return 1
    return max(1, min(n_articles, os.cpu_count() or 1))


def chunk_size(n_articles: int, n_process: int) -> int:
    """Articles per task: :data:`CHUNK_SIZE`, or fewer so that each worker gets several tasks
    and neither waits long for the other at the end of a small batch."""
    return max(1, min(CHUNK_SIZE, -(-n_articles // (CHUNKS_PER_WORKER * n_process))))


def mentions_of_chunk(articles: Sequence[Article], nlp: Language) -> Iterator[ArticleMentions]:
    """Parse a run of articles in batches and extract from each parse (one process)."""
    for article, doc in zip(articles, parse_bodies(articles, nlp), strict=True):
        yield mentions_from_doc(doc, article)


def parse_bodies(articles: Sequence[Article], nlp: Language) -> Iterator[Doc]:
    """One Doc per article body, parsed in batches."""
    short = [parsed_text(a.body) if len(a.body) <= nlp.max_length else "" for a in articles]
    docs = nlp.pipe(short, batch_size=BATCH_SIZE)
    for article, doc in zip(articles, docs, strict=True):
        yield doc if len(article.body) <= nlp.max_length else parse_long_text(nlp, parsed_text(article.body))


# A euro sign lost in a feed's encoding and written "e": "stole e85 million", "a e1.5bn deal".
# Only before a number with a scale word, where a lowercase "e" cannot start a word.
LOST_EURO_SIGN = re.compile(r"(?<![\w.@/-])e(?=\d[\d.,]*\s?(?:million|billion|bn|m)\b)")


def parsed_text(body: str) -> str:
    """The body as the parser reads it: a lost euro sign restored, one character for one, so
    that every offset into the parse is an offset into the body."""
    return LOST_EURO_SIGN.sub("€", body)


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
        sentences=tuple((sentence.start_char, sentence.end_char) for sentence in doc.sents),
    )


# --------------------------------------------------------------------------- worker processes

ChunkResult = tuple[int, list[Any] | str]  # chunk index, its results or a worker's traceback


def run_in_workers(
    work: ChunkWork[T], articles: Sequence[Article], nlp: Language, n_process: int
) -> Iterator[T]:
    """Apply ``work`` to chunks of articles in ``n_process`` forked workers; yield in order.

    Workers take chunk numbers from a shared queue (so both stay busy to the end) and receive
    nothing else: ``work``, the articles and the pipeline come with the fork, unpickled.  Chunks
    that arrive early wait here until their turn."""
    context = multiprocessing.get_context("fork")
    size = chunk_size(len(articles), n_process)
    n_chunks = -(-len(articles) // size)
    tasks: Queue[int | None] = context.Queue()
    results: Queue[ChunkResult] = context.Queue()
    workers = [
        context.Process(target=chunk_worker, args=(work, articles, nlp, size, tasks, results), daemon=True)
        for _ in range(n_process)
    ]
    for worker in workers:
        worker.start()
    for chunk_index in [*range(n_chunks), *[None] * n_process]:
        tasks.put(chunk_index)
    try:
        arrived: dict[int, list[Any] | str] = {}
        for chunk_index in range(n_chunks):
            while chunk_index not in arrived:
                index, payload = next_result(results, workers)
                arrived[index] = payload
            payload = arrived.pop(chunk_index)
            if isinstance(payload, str):
                raise ExtractionWorkerFailed(f"extraction failed in a worker process:\n{payload}")
            yield from payload
    finally:
        stop_workers(workers)


def chunk_worker(
    work: ChunkWork[Any],
    articles: Sequence[Article],
    nlp: Language,
    size: int,
    tasks: Queue[int | None],
    results: Queue[ChunkResult],
) -> None:
    """Worker loop: one chunk after another until the ``None`` sentinel."""
    while (chunk_index := tasks.get()) is not None:
        start = chunk_index * size
        try:
            payload: list[Any] | str = list(work(articles[start : start + size], nlp))
        except Exception:  # sent to the main process, which raises it
            payload = traceback.format_exc()
        results.put((chunk_index, payload))


def next_result(results: Queue[ChunkResult], workers: Sequence[BaseProcess]) -> ChunkResult:
    """The next finished chunk; raises instead of waiting forever when a worker has died."""
    while True:
        try:
            return results.get(timeout=WORKER_POLL_SECONDS)
        except queue.Empty:
            dead = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
            if dead or all(w.exitcode == 0 for w in workers) and results.empty():
                raise ExtractionWorkerFailed(
                    f"an extraction worker exited early (exit codes {dead})"
                ) from None


def stop_workers(workers: Sequence[BaseProcess]) -> None:
    """Join finished workers; terminate any still running (the caller stopped early or failed)."""
    for worker in workers:
        worker.join(timeout=WORKER_POLL_SECONDS)
        if worker.is_alive():
            worker.terminate()
            worker.join()
