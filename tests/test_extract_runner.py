"""The extraction orchestrator: one parse per body, every extractor, order and offsets kept."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import time

import pytest

from wirecheck.extract import extract_mentions, resolve_story_entities, resolve_story_quotes
from wirecheck.extract.runner import (
    CHUNK_SIZE,
    MIN_ARTICLES_FOR_WORKERS,
    ExtractionWorkerFailed,
    mentions_in_order,
    run_chunks,
    run_in_workers,
    worker_count,
)
from wirecheck.model import Article


def article(article_id: str, body: str) -> Article:
    paragraphs = tuple(p for p in body.split("\n\n") if p)
    return Article(
        id=article_id,
        source=article_id,
        format="text",
        body=body,
        paragraphs=paragraphs,
        published="2025-03-04",
    )


BODY = (
    "Fisheries Minister Tomas Berg met the fleet in Bergen on Monday, according to Reuters.\n\n"
    '"The quotas will stay as they are for the whole of next year," Berg said.\n\n'
    "Three trawlers were damaged in the storm, the BBC reported."
)


def test_mentions_come_back_in_order_with_offsets_into_the_body(models):
    articles = [
        article("one", BODY),
        article("empty", ""),
        article("two", "Mayor Ana Lopes visited Oslo on Friday."),
    ]
    ticks: list[int] = []

    def progress(label: str, total: int):
        assert (label, total) == ("extract", 3)
        return ticks.append

    mentions = extract_mentions(articles, models, progress=progress)
    assert [m.article_id for m in mentions] == ["one", "empty", "two"]
    assert sum(ticks) == 3
    first = mentions[0]
    assert {c.source for c in first.citations} == {"Reuters", "BBC"}
    assert [q.speaker for q in first.quotes] == ["Tomas Berg"]
    for item in (*first.entities, *first.quotes, *first.citations):
        assert 0 <= item.start <= item.end <= len(BODY)
    assert mentions[1].entities == () and mentions[1].quotes == ()
    assert any(e.text == "Ana Lopes" for e in mentions[2].entities)


def test_no_articles_no_work(models):
    assert extract_mentions([], models) == []


def test_a_body_longer_than_the_parser_limit_is_parsed_in_pieces(models):
    nlp = models.nlp
    saved = nlp.max_length
    body = "\n\n".join([BODY] * 12)
    try:
        nlp.max_length = 1000
        mentions = extract_mentions([article("long", body)], models)[0]
    finally:
        nlp.max_length = saved
    assert len(mentions.quotes) == 12
    for q in mentions.quotes:
        assert " ".join(body[q.start : q.end].split()) == q.text
    assert {q.speaker for q in mentions.quotes} == {"Tomas Berg"}


def test_worker_count_forks_for_two_articles_or_more_and_never_more_workers_than_articles():
    assert worker_count(1) == 1
    assert worker_count(MIN_ARTICLES_FOR_WORKERS) == min(MIN_ARTICLES_FOR_WORKERS, os.cpu_count() or 1)
    assert worker_count(500) == (os.cpu_count() or 1)


WORKER_BODIES = (
    BODY,
    "Two ferries were cancelled on Tuesday after the gale, the port authority said.",
    '"We expect about 40 vessels to stay in harbour," harbour master Ines Dahl told NRK.',
    "The council in Tromso approved 12 million kroner for repairs, according to AFP.",
    "",
    "Police in Stavanger said nobody was hurt when a crane fell on Sunday night.",
)


def test_worker_processes_give_exactly_the_in_process_mentions_in_order(models):
    """Several chunks per worker, an empty body and a body parsed in pieces all come back
    as the single-process path finds them, in the input order."""
    articles = [article(f"a{i}", WORKER_BODIES[i % len(WORKER_BODIES)]) for i in range(3 * CHUNK_SIZE + 1)]
    articles.append(article("long", "\n\n".join([BODY] * 6)))
    nlp = models.nlp
    saved = nlp.max_length
    try:
        nlp.max_length = 600
        here = list(mentions_in_order(articles, nlp, 1))
        in_workers = list(mentions_in_order(articles, nlp, 2))
    finally:
        nlp.max_length = saved
    assert [m.article_id for m in in_workers] == [a.id for a in articles]
    assert in_workers == here
    assert len(here[-1].quotes) == 6


def ids_slow_first_chunk(chunk, nlp):
    """A chunk's article ids; the first chunk is slow, so later chunks arrive before it."""
    if chunk[0].id == "c0":
        time.sleep(0.5)
    return iter([a.id for a in chunk])


def fail_on_third_chunk(chunk, nlp):
    if any(a.id == f"c{2 * CHUNK_SIZE}" for a in chunk):
        raise ValueError("a broken article")
    return iter([a.id for a in chunk])


def die_on_second_chunk(chunk, nlp):
    if any(a.id == f"c{CHUNK_SIZE}" for a in chunk):
        os._exit(3)
    return iter([a.id for a in chunk])


def numbered(n: int):
    return [article(f"c{i}", "") for i in range(n)]


def test_chunks_finishing_out_of_order_are_yielded_in_order(models):
    articles = numbered(4 * CHUNK_SIZE)
    assert list(run_in_workers(ids_slow_first_chunk, articles, models.nlp, 2)) == [a.id for a in articles]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("work", "message"),
    [(fail_on_third_chunk, "ValueError: a broken article"), (die_on_second_chunk, "exit codes [3]")],
)
def test_a_failing_or_dying_worker_raises_in_the_caller_and_leaves_no_process(models, work, message):
    with pytest.raises(ExtractionWorkerFailed, match=re.escape(message)):
        list(run_in_workers(work, numbered(4 * CHUNK_SIZE), models.nlp, 2))
    assert multiprocessing.active_children() == []


def test_a_caller_that_stops_early_leaves_no_worker_behind(models):
    results = run_in_workers(ids_slow_first_chunk, numbered(6 * CHUNK_SIZE), models.nlp, 2)
    assert next(results) == "c0"
    results.close()
    assert multiprocessing.active_children() == []


def test_seed_articles_meet_the_gold_quotes_and_cites(models, seeds_dir):
    """Raw seed text (not cleaned): every gold cite found, every gold quote with its speaker."""
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    articles = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r", "")
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        articles.append(article(path.stem, "\n\n".join(paragraphs)))
    mentions = extract_mentions(articles, models)
    for m in mentions:
        want = set(gold["articles"][m.article_id]["cites"])
        assert {c.source for c in m.citations} == want, m.article_id
    quotes = resolve_story_quotes(mentions, resolve_story_entities(articles, mentions))
    wrong = []
    for item in gold["quotes"]:
        found = [
            q for q in quotes if q.article_id == item["article"] and q.text.startswith(item["starts"][:30])
        ]
        surname = item["speaker"].split()[-1] if item["speaker"] else None
        if (
            not found
            or (found[0].speaker is None) != (surname is None)
            or surname
            and surname not in found[0].speaker
        ):
            wrong.append((item["starts"][:30], found[0].speaker if found else "missing"))
    assert len(wrong) <= 2, wrong


def pids(chunk, nlp):
    return iter([os.getpid() for _ in chunk])


def test_workers_are_forked_on_linux_only(models, monkeypatch):
    """macOS can fork but its system libraries may crash the child; there, and on Windows,
    extraction stays in this process."""
    articles = numbered(4)
    if sys.platform.startswith("linux"):
        assert os.getpid() not in set(run_chunks(pids, articles, models.nlp, 2))
    for platform in ("darwin", "win32"):
        monkeypatch.setattr("sys.platform", platform)
        assert set(run_chunks(pids, articles, models.nlp, 2)) == {os.getpid()}
