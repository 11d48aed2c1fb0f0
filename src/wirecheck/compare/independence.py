"""How many independent witnesses stand behind a fact.

Two articles are one witness when one reprints or rewrites the other (``Grouping.copies``,
followed transitively), or when both state the claim on the word of the same outlet or agency
(a citation of the article that falls inside the claim's sentence: "according to Reuters").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wirecheck.model import Article, ArticleMentions, Claim, Grouping


@dataclass(frozen=True)
class Witnesses:
    articles: int  # distinct articles carrying the fact
    independent: int  # distinct witnesses once copies and shared attributions are merged
    sources: tuple[str, ...]  # who the witnesses are: the cited agency, else the outlet or article id


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


@dataclass(frozen=True)
class StoryContext:
    """What the independence count needs to know about the story's articles."""

    articles: Mapping[str, Article]
    mentions: Mapping[str, ArticleMentions]
    copy_root: Mapping[str, str]  # article id -> id of the earliest article it (transitively) copies

    @classmethod
    def build(
        cls, articles: Sequence[Article], mentions: Sequence[ArticleMentions], grouping: Grouping
    ) -> StoryContext:
        copies = _UnionFind()
        for link in grouping.copies:
            copies.union(link.article_id, link.copy_of)
        return cls(
            articles={a.id: a for a in articles},
            mentions={m.article_id: m for m in mentions},
            copy_root={a.id: copies.find(a.id) for a in articles},
        )

    def label(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        return article.outlet if article is not None and article.outlet else article_id

    def cited_sources(self, article_id: str, start: int, end: int) -> tuple[str, ...]:
        """Outlets/agencies the article cites inside the span (the claim's sentence)."""
        mentions = self.mentions.get(article_id)
        if mentions is None:
            return ()
        return tuple(dict.fromkeys(c.source for c in mentions.citations if c.start < end and c.end > start))


def count_witnesses(
    claims: Sequence[Claim], context: StoryContext, sentence_spans: Sequence[tuple[int, int]]
) -> Witnesses:
    """Merge claims that share a copy chain or a cited source; the rest are independent witnesses.

    ``sentence_spans[i]`` is the span of the sentence claim i comes from, where attributions are read.
    """
    merged = _UnionFind()
    cited_by_claim: list[tuple[str, ...]] = []
    for index, claim in enumerate(claims):
        node = f"claim:{index}"
        merged.union(node, "article:" + context.copy_root.get(claim.article_id, claim.article_id))
        start, end = sentence_spans[index] if index < len(sentence_spans) else (claim.start, claim.end)
        cited = context.cited_sources(claim.article_id, start, end)
        cited_by_claim.append(cited)
        for source in cited:
            merged.union(node, "cited:" + source.lower())
    groups: dict[str, list[int]] = {}
    for index in range(len(claims)):
        groups.setdefault(merged.find(f"claim:{index}"), []).append(index)
    sources: list[str] = []
    for members in groups.values():
        cited_here = [s for i in members for s in cited_by_claim[i]]
        if cited_here:
            name = cited_here[0]
        else:
            root = context.copy_root.get(claims[members[0]].article_id, claims[members[0]].article_id)
            name = context.label(root)
        if name not in sources:
            sources.append(name)
    return Witnesses(
        articles=len({c.article_id for c in claims}),
        independent=len(groups),
        sources=tuple(sources),
    )
