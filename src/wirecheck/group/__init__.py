"""Group: reprints and syndicated copies, spun rewrites, stories.

Public entry: ``group_articles(articles, mentions, models) -> Grouping``.
(INTERFACE PLACEHOLDER - being implemented)
"""

from __future__ import annotations

from collections.abc import Sequence

from wirecheck.model import Article, ArticleMentions, Grouping
from wirecheck.nlp import Models


def group_articles(articles: Sequence[Article], mentions: Sequence[ArticleMentions], models: Models) -> Grouping:
    raise NotImplementedError
