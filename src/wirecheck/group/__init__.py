"""Group: reprints and syndicated copies, spun rewrites, stories.

Source families of one story (a wire story with its trims and rewrites: :mod:`.families`) are
found per story with ``find_families``, when the story is built.

Public entry: ``group_articles(articles, mentions, models) -> Grouping``: copies
(:mod:`.copies`), spin scores and spun-copy links (:mod:`.spin`), then a fresh
:class:`~wirecheck.group.stories.StoryIndex` over the batch in which every copy shares
its original's story.  The web app keeps a ``StoryIndex`` of its own to add articles later.
"""

from __future__ import annotations

from collections.abc import Sequence

from wirecheck.group.copies import find_copies
from wirecheck.group.families import find_families
from wirecheck.group.spin import confirm_by_alignment, link_spun, load_lexicon, score_spin
from wirecheck.group.stories import StoryIndex, story_embeddings
from wirecheck.model import Article, ArticleMentions, CopyLink, Grouping
from wirecheck.nlp import Models
from wirecheck.settings import DEFAULT_SETTINGS, Settings

__all__ = ["StoryIndex", "find_families", "group_articles", "story_embeddings"]


def group_articles(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    models: Models,
    settings: Settings = DEFAULT_SETTINGS,
) -> Grouping:
    """Copies, spin and stories for one batch of articles, judged with ``settings``."""
    articles = unique_by_id(articles)
    by_id = {m.article_id: m for m in mentions}
    lexicon = load_lexicon()
    spin = confirm_by_alignment(
        articles, [score_spin(a, by_id.get(a.id), lexicon, settings) for a in articles], lexicon, settings
    )
    spun_ids = {s.article_id for s in spin if s.flagged}
    copies = merge_links(find_copies(articles, settings), link_spun(articles, spun_ids, lexicon), spun_ids)
    index = StoryIndex(settings)
    if articles:
        index.add(
            articles,
            mentions,
            story_embeddings(articles, models),
            same_story={link.article_id: link.copy_of for link in copies},
        )
    return Grouping(copies=copies, spin=spin, stories=tuple(index.stories()))


def unique_by_id(articles: Sequence[Article]) -> list[Article]:
    """The first article of each id (ids are unique after ingestion; this keeps grouping total)."""
    seen: dict[str, Article] = {}
    for article in articles:
        seen.setdefault(article.id, article)
    return list(seen.values())


def merge_links(
    copies: Sequence[CopyLink], spun_links: Sequence[CopyLink], spun_ids: set[str]
) -> tuple[CopyLink, ...]:
    """One link per copy: a flagged article's text link is a spun link; spun links fill the rest."""
    merged: dict[str, CopyLink] = {}
    for link in copies:
        if link.article_id in spun_ids:
            link = CopyLink(link.article_id, link.copy_of, "spun", link.containment, link.shared_passages)
        merged[link.article_id] = link
    for link in spun_links:
        merged.setdefault(link.article_id, link)
    return tuple(merged[key] for key in sorted(merged))
