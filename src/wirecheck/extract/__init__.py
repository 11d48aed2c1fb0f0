"""Extract: entities, roles, quantities, time expressions, quotes and citations.

Public entries:
- ``extract_mentions(articles, models, progress=None) -> list[ArticleMentions]`` (same order as
  articles): each body is parsed once with ``models.nlp.pipe``, then every extractor runs on the Doc
  (:mod:`.entities`, :mod:`.quantities`, :mod:`.timerefs`, :mod:`.quotes`, :mod:`.citations`).
- ``resolve_story_entities(articles, mentions) -> list[Entity]``: canonical names per story (:mod:`.story`).
- ``resolve_story_quotes(mentions, entities) -> list[Quote]``: speakers as canonical names.
"""

from __future__ import annotations

from wirecheck.extract.runner import extract_mentions
from wirecheck.extract.story import resolve_story_entities, resolve_story_quotes

__all__ = ["extract_mentions", "resolve_story_entities", "resolve_story_quotes"]
