"""Extract: entities, roles, quantities, time expressions, quotes and citations.

Public entries:
- ``extract_mentions(articles, models, progress=None) -> list[ArticleMentions]`` (same order as articles)
- ``resolve_story_entities(articles, mentions) -> list[Entity]`` canonical names per story
- ``resolve_story_quotes(mentions, entities) -> list[Quote]`` speakers as canonical names
(INTERFACE PLACEHOLDER - being implemented)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wirecheck.model import Article, ArticleMentions, Entity, Quote
from wirecheck.nlp import Models


def extract_mentions(
    articles: Sequence[Article],
    models: Models,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> list[ArticleMentions]:
    raise NotImplementedError


def resolve_story_entities(articles: Sequence[Article], mentions: Sequence[ArticleMentions]) -> list[Entity]:
    raise NotImplementedError


def resolve_story_quotes(mentions: Sequence[ArticleMentions], entities: Sequence[Entity]) -> list[Quote]:
    raise NotImplementedError
