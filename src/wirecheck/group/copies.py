"""Reprints and syndicated copies: the same wire text under several mastheads.

How: every body becomes a set of word 5-gram shingles; a MinHash of each goes into a
MinHash LSH index with a low Jaccard threshold, so that a trimmed copy (a small part
of a long original, low Jaccard but high containment) still comes out as a candidate.
Each candidate pair is then checked exactly: *containment* is the share of one text's
shingles that stand in the other.  Pairs where one text mostly stands in the other
are linked; within a linked group the original is the earliest published version, or
on a tie the fullest.  The shared passages come from a word alignment (difflib).

Kinds: "reprint" when each text stands almost whole in the other, "syndicated" when
the copy was trimmed or got a new top but large passages are shared.  Spun rewrites
(kind "spun") are linked in :mod:`wirecheck.group.spin`, after synonym normalisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from datasketch import MinHash, MinHashLSH

from wirecheck.group.text import Token, excerpt, shingles, tokenize
from wirecheck.model import Article, CopyLink
from wirecheck.settings import DEFAULT_SETTINGS, Settings

SHINGLE_WORDS = 5
NUM_PERM = 128
MIN_PASSAGE_WORDS = 12
MAX_PASSAGES = 3


@dataclass(frozen=True)
class CopyCandidate:
    """One body prepared for comparison."""

    article: Article
    tokens: tuple[Token, ...]
    shingles: frozenset[str]

    @property
    def rank(self) -> tuple[str, int, str]:
        """Originals first: earliest published, then the fullest, then by id."""
        return (self.article.published or "9999-99-99", -len(self.tokens), self.article.id)


def prepare(article: Article) -> CopyCandidate:
    tokens = tuple(tokenize(article.body))
    return CopyCandidate(article, tokens, frozenset(shingles([t.norm for t in tokens], SHINGLE_WORDS)))


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part`` that stands in ``whole``."""
    return len(part & whole) / len(part) if part else 0.0


def candidate_pairs(
    candidates: Sequence[CopyCandidate], settings: Settings = DEFAULT_SETTINGS
) -> set[tuple[int, int]]:
    """Index pairs that may share text, from MinHash LSH (never all pairs): low Jaccard on
    purpose (``copy_candidate_jaccard``), trimmed copies have low Jaccard, high containment."""
    lsh = MinHashLSH(threshold=settings.copy_candidate_jaccard, num_perm=NUM_PERM)
    signatures: list[MinHash] = []
    for index, candidate in enumerate(candidates):
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch([s.encode("utf-8") for s in candidate.shingles])
        signatures.append(signature)
        if candidate.shingles:
            lsh.insert(str(index), signature)
    pairs: set[tuple[int, int]] = set()
    for index, signature in enumerate(signatures):
        if not candidates[index].shingles:
            continue
        for other in lsh.query(signature):
            j = int(other)
            if j != index:
                pairs.add((min(index, j), max(index, j)))
    return pairs


def shared_passages(copy: CopyCandidate, original: CopyCandidate) -> tuple[str, ...]:
    """The longest runs of words the copy shares with the original, as written in the copy."""
    left = [t.norm for t in copy.tokens]
    right = [t.norm for t in original.tokens]
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= MIN_PASSAGE_WORDS]
    blocks.sort(key=lambda b: -b.size)
    passages = []
    for block in sorted(blocks[:MAX_PASSAGES], key=lambda b: b.a):
        first, last = copy.tokens[block.a], copy.tokens[block.a + block.size - 1]
        passages.append(excerpt(copy.article.body, first.start, last.end))
    return tuple(passages)


def find_copies(articles: Sequence[Article], settings: Settings = DEFAULT_SETTINGS) -> list[CopyLink]:
    """Link each reprint or syndicated copy to its original (see module docstring): at least
    ``copy_containment`` of the copy's shingles stand in the original, and at least
    ``copy_min_shared_shingles`` of them (a shared sentence or two is quoting, not copying)."""
    candidates = [prepare(a) for a in articles]
    related: dict[int, dict[int, float]] = {}  # copy index -> {original index: containment}
    for i, j in candidate_pairs(candidates, settings):
        a, b = candidates[i], candidates[j]
        shared = len(a.shingles & b.shingles)
        if shared < settings.copy_min_shared_shingles:
            continue
        if max(shared / len(a.shingles), shared / len(b.shingles)) < settings.copy_containment:
            continue
        related.setdefault(i, {})[j] = shared / len(a.shingles)
        related.setdefault(j, {})[i] = shared / len(b.shingles)

    order = sorted(related, key=lambda i: candidates[i].rank)
    placed: set[int] = set()
    links: list[CopyLink] = []
    for index in order:
        earlier = {j: c for j, c in related[index].items() if j in placed}
        placed.add(index)
        if not earlier:
            continue  # an original (or the first of its group)
        root = max(earlier, key=lambda j: (earlier[j], -order.index(j)))
        copy, original = candidates[index], candidates[root]
        forward = earlier[root]
        backward = related[root][index]
        if forward < settings.copy_containment and backward < settings.copy_containment:
            continue
        kind: Literal["reprint", "syndicated"] = (
            "reprint" if min(forward, backward) >= settings.reprint_containment else "syndicated"
        )
        links.append(
            CopyLink(
                article_id=copy.article.id,
                copy_of=original.article.id,
                kind=kind,
                containment=round(forward, 3),
                shared_passages=shared_passages(copy, original),
            )
        )
    return links
