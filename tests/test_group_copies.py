"""Reprints and syndicated copies, on our own articles (tests/data/group_stories.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.articles import jsonl_articles
from wirecheck.group.copies import find_copies
from wirecheck.model import Article

CORPUS = Path(__file__).parent / "data" / "group_stories.jsonl"


def load_corpus() -> dict[str, Article]:
    return {a.id: a for a in jsonl_articles(CORPUS)}


@pytest.fixture(scope="module")
def links():
    articles = load_corpus()
    return {link.article_id: link for link in find_copies(list(articles.values()))}


def test_reprint_under_another_masthead_is_linked_as_reprint(links):
    link = links["kyiv-drones-1-reprint"]
    assert link.copy_of == "kyiv-drones-1"
    assert link.kind == "reprint"
    assert link.containment >= 0.95


def test_trimmed_copy_is_syndicated_and_fully_contained(links):
    link = links["talks-2-trimmed"]
    assert link.copy_of == "talks-2"
    assert link.kind == "syndicated"
    assert link.containment == 1.0


def test_copy_with_a_new_top_paragraph_points_to_the_earlier_original(links):
    link = links["flood-1-newtop"]
    assert link.copy_of == "flood-1"
    assert link.kind == "syndicated"
    assert 0.5 <= link.containment < 0.9  # the new top paragraph is not in the original
    articles = load_corpus()
    assert link.shared_passages
    for passage in link.shared_passages:
        assert passage.removesuffix(" …") in " ".join(articles["flood-1-newtop"].body.split())


def test_independent_reports_of_one_event_are_not_copies(links):
    # kyiv-drones-1/2/3 tell the same facts in their own words: no text copying
    assert set(links) == {"kyiv-drones-1-reprint", "talks-2-trimmed", "flood-1-newtop"}


def test_on_a_publication_tie_the_fullest_version_is_the_original():
    long_body = " ".join(
        f"Paragraph sentence number {i} tells readers about the harbour works." for i in range(40)
    )
    short_body = long_body[: len(long_body) // 2]
    full = Article("full", "x", "text", long_body, (long_body,), published="2025-05-01")
    trimmed = Article("trimmed", "x", "text", short_body, (short_body,), published="2025-05-01")
    [link] = find_copies([trimmed, full])
    assert (link.article_id, link.copy_of) == ("trimmed", "full")


def test_empty_and_tiny_bodies_are_never_copies():
    empty = Article("empty", "x", "text", "", ())
    tiny = Article("tiny", "x", "text", "Rain.", ("Rain.",))
    also_tiny = Article("also-tiny", "x", "text", "Rain.", ("Rain.",))
    assert find_copies([empty, tiny, also_tiny]) == []
