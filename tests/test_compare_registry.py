"""Compare as a registry: every kind of fact is one entry of ``FACT_KINDS``; adding a kind is one
module and one line.  The sentences are our own (a footbridge whose width outlets give)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest

from tests.articles import text_article
from wirecheck import compare
from wirecheck.compare import FACT_KINDS, FactKind, StoryMaterial, compare_story
from wirecheck.compare.found import FoundClaims, found_in_sentences
from wirecheck.compare.text import sentence_span
from wirecheck.model import Grouping

WIDTH = re.compile(r"\b(?P<number>\d+(?:\.\d+)?) metres wide\b")


def bridge_widths(story: StoryMaterial) -> Iterable[FoundClaims]:
    """The new kind, as its own module would hold it: the width each article gives a bridge."""
    figures = []
    for article in story.articles:
        for match in WIDTH.finditer(article.body):
            span = sentence_span(article.body, match.start(), match.end())
            figures.append(
                (article.id, match.group(0), float(match["number"]), span, match.start(), match.end())
            )
    if len({f[0] for f in figures}) < 2:
        return []
    disputed = len({f[2] for f in figures}) > 1
    bodies = {a.id: a.body for a in story.articles}
    return [
        found_in_sentences("the footbridge's width", "quantity", disputed, "widths differ", figures, bodies)
    ]


ARTICLES = [
    text_article(
        "north", "The new footbridge over the Wend is 4 metres wide and opens in May.", outlet="n.example"
    ),
    text_article(
        "south", "Builders said the footbridge, 5 metres wide, would open in the spring.", outlet="s.example"
    ),
]


def test_the_registry_names_each_kind_once_in_the_order_the_hub_runs_them():
    names = [kind.name for kind in FACT_KINDS]
    assert len(names) == len(set(names))
    assert names[:3] == ["figures", "durations", "dates"]  # the kinds a lone article may have come first
    assert all(not kind.across_articles for kind in FACT_KINDS[:3])
    assert all(kind.across_articles for kind in FACT_KINDS[3:])


def test_a_kind_added_by_one_line_is_found_and_judged(models, monkeypatch: pytest.MonkeyPatch):
    before = compare_story(ARTICLES, [], [], [], Grouping(), models)
    assert not any(f.subject == "the footbridge's width" for f in before)
    monkeypatch.setattr(compare, "FACT_KINDS", [*FACT_KINDS, FactKind("bridge widths", bridge_widths)])
    facts = compare_story(ARTICLES, [], [], [], Grouping(), models)
    [width] = [f for f in facts if f.subject == "the footbridge's width"]
    assert width.status == "disputed"
    assert {(c.article_id, c.number) for c in width.claims} == {("north", 4.0), ("south", 5.0)}
    assert width.claims[0].text.startswith("The new footbridge")


def test_a_kind_across_articles_is_not_run_for_a_lone_article(models, monkeypatch: pytest.MonkeyPatch):
    calls: list[int] = []

    def counting(story: StoryMaterial) -> list[FoundClaims]:
        calls.append(len(story.articles))
        return []

    monkeypatch.setattr(
        compare,
        "FACT_KINDS",
        [FactKind("across", counting), FactKind("alone too", counting, across_articles=False)],
    )
    compare_story(ARTICLES[:1], [], [], [], Grouping(), models)
    assert calls == [1]
    compare_story(ARTICLES, [], [], [], Grouping(), models)
    assert calls == [1, 2, 2]
