"""Timeline: dated events per story from the resolved time expressions.

Public entry: ``build_timeline(articles, mentions) -> list[TimelineEntry]``.
(INTERFACE PLACEHOLDER - being implemented)
"""

from __future__ import annotations

from collections.abc import Sequence

from wirecheck.model import Article, ArticleMentions, TimelineEntry


def build_timeline(articles: Sequence[Article], mentions: Sequence[ArticleMentions]) -> list[TimelineEntry]:
    raise NotImplementedError
