"""Brief: a short extractive summary whose every sentence cites its articles.

Public entries: ``build_brief(articles, mentions, facts, grouping, models) -> list[BriefSentence]``,
``story_title(articles) -> str``.
(INTERFACE PLACEHOLDER - being implemented)
"""

from __future__ import annotations

from collections.abc import Sequence

from wirecheck.model import Article, ArticleMentions, BriefSentence, Fact, Grouping
from wirecheck.nlp import Models


def build_brief(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    facts: Sequence[Fact],
    grouping: Grouping,
    models: Models,
) -> list[BriefSentence]:
    raise NotImplementedError


def story_title(articles: Sequence[Article]) -> str:
    raise NotImplementedError
