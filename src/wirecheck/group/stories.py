"""Stories: articles about the same event or developing situation, clustered incrementally.

A story is narrower than a topic: two strikes on Kyiv a week apart are two stories,
the Geneva talks and their follow-up in Abu Dhabi reported together are one.  Evidence
per article: its named entities (weighted by rarity, so "Russia" counts for less than
"Dan Driscoll"), TF-IDF over its words, one sentence embedding of headline + lead, and
its publication date (stories live in time: the score drops as the gap grows).

Stable API (the web app keeps the state in SQLite and adds articles later)::

    index = StoryIndex()                        # or StoryIndex.from_state(saved)
    assigned = index.add(articles, mentions, embeddings)   # {article_id: story_id}
    index.stories()                             # [StoryCluster(id, article_ids)], by id
    saved = index.to_state()                    # JSON-able dict; from_state(saved) restores

- ``embeddings``: one row per article, from :func:`story_embeddings` (unit vectors).
- ``mentions``: ``ArticleMentions`` matched by ``article_id`` (missing ones = no entities).
- ``add(..., same_story={article_id: other_id})`` forces an article into the story of
  another (copies always share their original's story).
- Story ids are "story-1", "story-2", ... in order of creation and never change; an
  article already in the index keeps its story (adding it again is a no-op).

Incremental and flat: each new article is compared only with the stories retrieved from
two approximate indexes, both blocked by week (its own and the adjacent weeks):
random-projection LSH over embeddings and buckets of its rarest entities, each bucket
keeping its most recent stories only.  The archive is never re-clustered, and the work
per article does not grow with the archive (bench/group_scale.py measures it).
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from wirecheck.group.text import words
from wirecheck.model import Article, ArticleMentions, StoryCluster
from wirecheck.nlp import Models

STATE_VERSION = 1
EMBEDDING_DIM = 384
LSH_TABLES = 12
LSH_BITS = 5
LSH_SEED = 20251125
WEEK_DAYS = 7
BUCKET_STORIES = 32  # a bucket remembers its most recent stories only: flat cost per article
ENTITY_BUCKETS_PER_ARTICLE = 4
EXHAUSTIVE_STORIES = 64  # a small index is searched whole
CANDIDATE_STORIES = 24  # otherwise only the stories sharing most buckets are scored
ENTITY_VOTE = 3  # a shared salient name counts like three shared embedding buckets
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})
TERMS_PER_ARTICLE = 60
TERMS_PER_STORY = 200
LEAD_WORDS = 60

EMBEDDING_WEIGHT = 0.5
ENTITY_WEIGHT = 0.25
TERM_WEIGHT = 0.25
SAME_STORY_SCORE = 0.36
GRACE_DAYS = 2  # a developing story is reported over a couple of days at no cost
GAP_PENALTY_PER_DAY = 0.04


# --------------------------------------------------------------------------- article features


@dataclass(frozen=True)
class ArticleFeatures:
    id: str
    day: int | None  # proleptic ordinal of the publication date
    embedding: np.ndarray
    entities: Counter[str]  # entity key -> mentions in the article
    terms: Counter[str]


def lead_text(article: Article) -> str:
    """Headline plus the first words of the body: what the article is about."""
    lead = " ".join(" ".join(article.paragraphs or (article.body,)).split()[:LEAD_WORDS])
    return f"{article.headline}. {lead}" if article.headline else lead


def story_embeddings(articles: Sequence[Article], models: Models) -> np.ndarray:
    """One unit vector per article (headline + lead), in order."""
    return models.embedder.encode([lead_text(a) for a in articles])


def publication_day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def entity_keys(mentions: ArticleMentions | None) -> Counter[str]:
    """Entity names as lookup keys (lowercase, possessive dropped) with their mention counts."""
    keys: Counter[str] = Counter()
    if mentions is None:
        return keys
    for entity in mentions.entities:
        if entity.label not in ENTITY_LABELS:
            continue
        key = " ".join(entity.text.lower().replace("’", "'").removesuffix("'s").split())
        if len(key) > 1:
            keys[key] += 1
    return keys


def term_counts(article: Article) -> Counter[str]:
    tokens = words(f"{article.headline or ''}\n{article.body}")
    return Counter(t for t in tokens if len(t) > 2 and t.isalpha() and t not in STOP_WORDS)


# --------------------------------------------------------------------------- story profiles


@dataclass
class StoryProfile:
    """What the index remembers of one story: enough to score a new article against it."""

    id: str
    article_ids: list[str] = field(default_factory=list)
    vector_sum: np.ndarray = field(default_factory=lambda: np.zeros(EMBEDDING_DIM, dtype=np.float32))
    entities: Counter[str] = field(default_factory=Counter)
    terms: dict[str, float] = field(default_factory=dict)
    first_day: int | None = None
    last_day: int | None = None

    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum

    def gap_days(self, day: int | None) -> int:
        if day is None or self.first_day is None or self.last_day is None:
            return 0
        return max(0, self.first_day - day, day - self.last_day)

    def absorb(self, features: ArticleFeatures, weights: Mapping[str, float]) -> None:
        self.article_ids.append(features.id)
        self.vector_sum = self.vector_sum + features.embedding.astype(np.float32)
        self.entities.update(features.entities.keys())
        for term, weight in weights.items():
            self.terms[term] = self.terms.get(term, 0.0) + weight
        if len(self.terms) > TERMS_PER_STORY:
            kept = sorted(self.terms.items(), key=lambda item: -item[1])[:TERMS_PER_STORY]
            self.terms = dict(kept)
        if features.day is not None:
            self.first_day = features.day if self.first_day is None else min(self.first_day, features.day)
            self.last_day = features.day if self.last_day is None else max(self.last_day, features.day)

    def to_state(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_ids": list(self.article_ids),
            "vector_sum": encode_vector(self.vector_sum),
            "entities": dict(self.entities),
            "terms": {t: round(w, 5) for t, w in self.terms.items()},
            "first_day": self.first_day,
            "last_day": self.last_day,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> StoryProfile:
        return cls(
            id=str(state["id"]),
            article_ids=[str(a) for a in state["article_ids"]],
            vector_sum=decode_vector(state["vector_sum"]),
            entities=Counter({str(k): int(v) for k, v in state["entities"].items()}),
            terms={str(k): float(v) for k, v in state["terms"].items()},
            first_day=state.get("first_day"),
            last_day=state.get("last_day"),
        )


def encode_vector(vector: np.ndarray) -> str:
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def decode_vector(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)


def cosine_sparse(left: Mapping[str, float], right: Mapping[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    dot = sum(w * right.get(t, 0.0) for t, w in left.items())
    norm = math.sqrt(sum(w * w for w in left.values())) * math.sqrt(sum(w * w for w in right.values()))
    return dot / norm if norm else 0.0


# --------------------------------------------------------------------------- the index


class StoryIndex:
    """Incremental story clustering; see the module docstring for the stable API."""

    def __init__(self) -> None:
        self._stories: dict[str, StoryProfile] = {}
        self._article_story: dict[str, str] = {}
        self._buckets: dict[str, list[str]] = {}
        self._entity_df: Counter[str] = Counter()
        self._term_df: Counter[str] = Counter()
        self._articles_seen = 0
        self._latest_day: int | None = None
        self._batch_day: int | None = None  # fallback date of the batch being added
        self._planes = (
            np.random.default_rng(LSH_SEED)
            .standard_normal((LSH_TABLES * LSH_BITS, EMBEDDING_DIM))
            .astype(np.float32)
        )

    # ----------------------------------------------------------------- public API

    def add(
        self,
        articles: Sequence[Article],
        mentions: Sequence[ArticleMentions],
        embeddings: np.ndarray | Sequence[Sequence[float]],
        *,
        same_story: Mapping[str, str] | None = None,
    ) -> dict[str, str]:
        """Assign each article to an existing story or a new one; returns {article_id: story_id}."""
        vectors = np.asarray(embeddings, dtype=np.float32).reshape(len(articles), -1)
        by_id = {m.article_id: m for m in mentions}
        features = [self._features(a, by_id.get(a.id), v) for a, v in zip(articles, vectors, strict=True)]
        self._batch_day = self._fallback_day(features)
        forced = forced_groups(same_story or {})
        assigned: dict[str, str] = {}
        # dated articles first, in time order: undated ones then join the stories they fit
        for feature in sorted(features, key=lambda f: (f.day is None, f.day or 0, f.id)):
            if feature.id in self._article_story:
                assigned[feature.id] = self._article_story[feature.id]
                continue
            self._count(feature)
            group = forced.get(feature.id, ())
            story_id = next((self._article_story[g] for g in group if g in self._article_story), None)
            weights = self._term_weights(feature)
            if story_id is None:
                story_id = self._best_story(feature, weights)
            self._place(feature, story_id, weights)
            assigned[feature.id] = self._article_story[feature.id]
        return assigned

    def stories(self) -> list[StoryCluster]:
        return [StoryCluster(s.id, tuple(s.article_ids)) for s in self._stories.values()]

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def to_state(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "stories": [s.to_state() for s in self._stories.values()],
            "buckets": {k: list(v) for k, v in self._buckets.items()},
            "entity_df": dict(self._entity_df),
            "term_df": dict(self._term_df),
            "articles_seen": self._articles_seen,
            "latest_day": self._latest_day,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> StoryIndex:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {state.get('version')!r} is not {STATE_VERSION}")
        index = cls()
        for story_state in state["stories"]:
            story = StoryProfile.from_state(story_state)
            index._stories[story.id] = story
            for article_id in story.article_ids:
                index._article_story[article_id] = story.id
        index._buckets = {str(k): [str(s) for s in v] for k, v in state["buckets"].items()}
        index._entity_df = Counter({str(k): int(v) for k, v in state["entity_df"].items()})
        index._term_df = Counter({str(k): int(v) for k, v in state["term_df"].items()})
        index._articles_seen = int(state["articles_seen"])
        index._latest_day = state.get("latest_day")
        return index

    # ----------------------------------------------------------------- internals

    def _features(
        self, article: Article, mentions: ArticleMentions | None, vector: np.ndarray
    ) -> ArticleFeatures:
        norm = float(np.linalg.norm(vector))
        unit = vector / norm if norm else vector
        return ArticleFeatures(
            article.id, publication_day(article.published), unit, entity_keys(mentions), term_counts(article)
        )

    def _fallback_day(self, features: Sequence[ArticleFeatures]) -> int | None:
        """Undated articles are taken as current: the batch's median date, else the archive's latest."""
        days = sorted(f.day for f in features if f.day is not None)
        return days[len(days) // 2] if days else self._latest_day

    def _count(self, feature: ArticleFeatures) -> None:
        self._articles_seen += 1
        self._entity_df.update(feature.entities.keys())
        self._term_df.update(feature.terms.keys())
        if feature.day is not None:
            self._latest_day = feature.day if self._latest_day is None else max(self._latest_day, feature.day)

    def _idf(self, df: Counter[str], key: str) -> float:
        return math.log((self._articles_seen + 1) / (df.get(key, 0) + 1)) + 1.0

    def _term_weights(self, feature: ArticleFeatures) -> dict[str, float]:
        weights = {t: (1.0 + math.log(c)) * self._idf(self._term_df, t) for t, c in feature.terms.items()}
        top = sorted(weights.items(), key=lambda item: -item[1])[:TERMS_PER_ARTICLE]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}

    def _signature(self, feature: ArticleFeatures) -> list[str]:
        """Bucket names without the week: one per LSH table, one per salient entity."""
        bits = "".join("1" if b else "0" for b in (self._planes @ feature.embedding) > 0)
        keys = [f"v{t}:{bits[t * LSH_BITS : (t + 1) * LSH_BITS]}" for t in range(LSH_TABLES)]
        return keys + [f"e:{entity}" for entity in self._salient_entities(feature)]

    def _entity_weights(self, feature: ArticleFeatures) -> dict[str, float]:
        """How much each entity says about the article: rarity in the archive times mentions."""
        return {e: self._idf(self._entity_df, e) * (1.0 + math.log(c)) for e, c in feature.entities.items()}

    def _salient_entities(self, feature: ArticleFeatures) -> list[str]:
        weights = self._entity_weights(feature)
        return sorted(weights, key=lambda e: (-weights[e], e))[:ENTITY_BUCKETS_PER_ARTICLE]

    def _weeks(self, day: int | None) -> list[int | str]:
        """Weeks to search: around the article's date; for an undated article, around the
        batch's median date (taken as current news) and the undated bucket."""
        if day is None:
            if self._batch_day is None:
                return ["undated"]
            return ["undated", *self._weeks(self._batch_day)]
        week = day // WEEK_DAYS
        return [week - 1, week, week + 1]

    def _candidates(self, feature: ArticleFeatures) -> list[str]:
        """Stories sharing buckets with the article, most shared first, at most ``CANDIDATE_STORIES``."""
        if len(self._stories) <= EXHAUSTIVE_STORIES:
            return list(self._stories)
        votes: Counter[str] = Counter()
        signature = self._signature(feature)
        for week in self._weeks(feature.day):
            for key in signature:
                weight = ENTITY_VOTE if key.startswith("e:") else 1
                for story_id in self._buckets.get(f"{key}:{week}", ()):
                    votes[story_id] += weight
        return [story_id for story_id, _ in votes.most_common(CANDIDATE_STORIES)]

    def _score(self, feature: ArticleFeatures, weights: Mapping[str, float], story: StoryProfile) -> float:
        embedding = float(feature.embedding @ story.centroid())
        terms = cosine_sparse(weights, story.terms)
        gap_penalty = GAP_PENALTY_PER_DAY * max(0, story.gap_days(feature.day) - GRACE_DAYS)
        if not feature.entities:
            spread = EMBEDDING_WEIGHT + TERM_WEIGHT
            return (EMBEDDING_WEIGHT * embedding + TERM_WEIGHT * terms) / spread - gap_penalty
        idf = self._entity_weights(feature)
        size = len(story.article_ids)
        entities = sum(w * min(1.0, story.entities.get(e, 0) / size) for e, w in idf.items()) / sum(
            idf.values()
        )
        return EMBEDDING_WEIGHT * embedding + ENTITY_WEIGHT * entities + TERM_WEIGHT * terms - gap_penalty

    def _best_story(self, feature: ArticleFeatures, weights: Mapping[str, float]) -> str | None:
        scored = [(self._score(feature, weights, self._stories[s]), s) for s in self._candidates(feature)]
        best = max(scored, default=None)
        return best[1] if best is not None and best[0] >= SAME_STORY_SCORE else None

    def _place(self, feature: ArticleFeatures, story_id: str | None, weights: Mapping[str, float]) -> None:
        if story_id is None:
            story_id = f"story-{len(self._stories) + 1}"
            self._stories[story_id] = StoryProfile(story_id)
        story = self._stories[story_id]
        story.absorb(feature, weights)
        self._article_story[feature.id] = story_id
        week: int | str = feature.day // WEEK_DAYS if feature.day is not None else "undated"
        for key in self._signature(feature):
            bucket = self._buckets.setdefault(f"{key}:{week}", [])
            if story_id in bucket:
                bucket.remove(story_id)
            bucket.append(story_id)
            del bucket[:-BUCKET_STORIES]


def forced_groups(same_story: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Each article id -> every id it must share a story with (transitively)."""
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for left, right in same_story.items():
        parent[find(left)] = find(right)
    groups: dict[str, list[str]] = {}
    for item in list(parent):
        groups.setdefault(find(item), []).append(item)
    return {item: tuple(members) for members in groups.values() for item in members}
