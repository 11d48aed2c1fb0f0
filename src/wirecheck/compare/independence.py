"""How many independent witnesses stand behind a fact.

Two claims are one witness when their articles are of one source family (a wire story and its
reprints, trims and rewrites: :mod:`wirecheck.group.families`, which follows ``Grouping.copies``),
when both state the claim on the word of the same outlet or agency (a citation of the article that
falls inside the claim's sentence: "according to Reuters"), or when both sentences name the same
primary source ("police said", "according to the USGS": :mod:`wirecheck.compare.primary`).
Fifteen papers relaying one official's estimate are one witness; police and organisers giving
two crowd figures are two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from wirecheck.compare.primary import primary_source, source_key, speaks_for
from wirecheck.group.families import family_of, find_families
from wirecheck.model import Article, ArticleMentions, Claim, Entity, Grouping, SourceFamily


@dataclass(frozen=True)
class Witnesses:
    articles: int  # distinct articles carrying the fact
    independent: int  # distinct witnesses once copies and shared attributions are merged
    sources: tuple[str, ...]  # who the witnesses are: the cited agency, else the outlet or article id
    families: tuple[str, ...] = ()  # names of the source families carrying the fact
    primary_sources: tuple[str, ...] = ()  # the primary sources the sentences name, one per witness
    claims: tuple[Claim, ...] = ()  # the claims with their family id and primary source filled in


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
    families: tuple[SourceFamily, ...] = ()
    family: Mapping[str, SourceFamily] | None = None  # article id -> its family
    speaks_for: Mapping[str, str] | None = None  # person source key -> their organisation's key

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        mentions: Sequence[ArticleMentions],
        grouping: Grouping,
        families: Sequence[SourceFamily] | None = None,
        entities: Sequence[Entity] = (),
    ) -> StoryContext:
        """``families`` default to those :func:`find_families` finds among ``articles``; ``entities``
        (the story's) tell which organisation a named official speaks for."""
        copies = _UnionFind()
        for link in grouping.copies:
            copies.union(link.article_id, link.copy_of)
        if families is None:
            families = find_families(articles, mentions, grouping.copies)
        return cls(
            articles={a.id: a for a in articles},
            mentions={m.article_id: m for m in mentions},
            copy_root={a.id: copies.find(a.id) for a in articles},
            families=tuple(families),
            family=family_of(families),
            speaks_for=speaks_for(entities),
        )

    def family_id(self, article_id: str) -> str:
        """The article's family id; an article outside every family is a family of its own."""
        family = self.family.get(article_id) if self.family else None
        return family.id if family else "article:" + self.copy_root.get(article_id, article_id)

    def family_name(self, article_id: str) -> str:
        family = self.family.get(article_id) if self.family else None
        return family.name if family else self.label(self.copy_root.get(article_id, article_id))

    def named_source(self, claim: Claim, start: int, end: int) -> str | None:
        """The primary source the claim's sentence names (see :mod:`wirecheck.compare.primary`)."""
        article = self.articles.get(claim.article_id)
        if article is None:
            return None
        mentions = self.mentions.get(claim.article_id)
        quotes = mentions.quotes if mentions is not None else ()
        return primary_source(article.body[start:end], claim.start, claim.end, quotes)

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
    claims: Sequence[Claim],
    context: StoryContext,
    sentence_spans: Sequence[tuple[int, int]],
    read_sources: bool = True,
) -> Witnesses:
    """Merge claims that share a family, a cited outlet or a named primary source; the rest are
    independent witnesses.

    ``sentence_spans[i]`` is the span of the sentence claim i comes from, where attributions are read.
    ``read_sources`` is False for facts about the articles' own wording (a name's spelling), where
    whoever the sentence quotes is no witness of it."""
    merged = _UnionFind()
    cited_by_claim: list[tuple[str, ...]] = []
    named_by_claim: list[str | None] = []
    filled: list[Claim] = []
    for index, claim in enumerate(claims):
        node = f"claim:{index}"
        family = context.family_id(claim.article_id)
        merged.union(node, "family:" + family)
        start, end = sentence_spans[index] if index < len(sentence_spans) else (claim.start, claim.end)
        cited = context.cited_sources(claim.article_id, start, end)
        cited_by_claim.append(cited)
        for source in cited:
            merged.union(node, "cited:" + source.lower())
        named = context.named_source(claim, start, end) if read_sources else None
        named_by_claim.append(named)
        if named:
            key = source_key(named)
            merged.union(node, "named:" + key)
            if context.speaks_for and key in context.speaks_for:  # Inspector Gaskin speaks for the police
                merged.union(node, "named:" + context.speaks_for[key])
        else:  # the outlet's own reporting: its several reports on the story are one witness
            outlet = (
                context.articles[claim.article_id].outlet if claim.article_id in context.articles else None
            )
            if outlet:
                merged.union(node, "outlet:" + outlet.lower())
        filled.append(replace(claim, family=family, source=named))
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
    witness_of = {index: n for n, members in enumerate(groups.values(), start=1) for index in members}
    filled = [replace(claim, witness=witness_of[index]) for index, claim in enumerate(filled)]
    named_sources: list[str] = []
    for members in groups.values():
        names = [n for i in members if (n := named_by_claim[i])]
        if names and names[0] not in named_sources:
            named_sources.append(names[0])
    return Witnesses(
        articles=len({c.article_id for c in claims}),
        independent=len(groups),
        sources=tuple(sources),
        families=tuple(dict.fromkeys(context.family_name(c.article_id) for c in claims)),
        primary_sources=tuple(named_sources),
        claims=tuple(filled),
    )
