"""Compare: align claims across articles into agreed, disputed and single-source facts.

Public entry: ``compare_story(articles, mentions, entities, quotes, grouping, models) -> list[Fact]``
(most important disputes first).
(INTERFACE PLACEHOLDER - being implemented)
"""

from __future__ import annotations

from collections.abc import Sequence

from wirecheck.model import Article, ArticleMentions, Entity, Fact, Grouping, Quote
from wirecheck.nlp import Models


def compare_story(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    grouping: Grouping,
    models: Models,
) -> list[Fact]:
    raise NotImplementedError
