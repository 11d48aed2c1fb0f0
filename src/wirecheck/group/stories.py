"""Stories: articles about the same event or developing situation, clustered incrementally.

A story is narrower than a topic: two strikes on Kyiv a week apart are two stories,
the Geneva talks and their follow-up in Abu Dhabi reported together are one.  Evidence
per article: its named entities (weighted by rarity, so "Russia" counts for less than
"Dan Driscoll"), TF-IDF over its words, one sentence embedding of headline + lead, and
its publication date (stories live in time: the score drops as the gap grows).

Two events of one kind (two earthquakes, two heists) read alike on all of these, so the
score also weighs what tells events apart (:mod:`.evidence`): a date bound that rules a
story out (an undated article naming 2008 is not about a story reported in 2005), and
clashes of protagonist, finest place and, for undated articles, the lead's weekday, and
signature figures (a magnitude, an age, which one of a series).  An undated article against
a dated story has no date to check and must read closer still.  A follow-up whose lead names
the day of the story's event and its leading person (a trial, a sentence) owes no date gap.
After a batch is placed, each of its articles looks again (the first report of an event
may have joined another event of the kind before its own story existed) and moves to a
story that now fits it better; then the stories the batch opened get a second look as
wholes: one that started apart from the story it belongs to (before that story's
protagonist or weekday was clear) joins it then, and two dated parts led by the same
person (a rule proposed, then signed weeks later) join across the date gap.

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
keeping its most recent stories only.  The archive is never re-clustered (the second
look moves only the batch's own new stories), and the work per article does not grow
with the archive (bench/group_scale.py measures it; bench/group_ecb.py scores real
coverage of same-kind events).
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

from wirecheck.group.evidence import EventEvidence, event_evidence, named_in
from wirecheck.group.text import words
from wirecheck.model import Article, ArticleMentions, StoryCluster
from wirecheck.nlp import Models
from wirecheck.settings import DEFAULT_SETTINGS, Settings

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
HEADLINE_VOTE = 12  # a long headline word for word: the report itself, reposted
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})
TERMS_PER_ARTICLE = 60
TERMS_PER_STORY = 200
LEAD_WORDS = 60

EMBEDDING_WEIGHT = 0.5
ENTITY_WEIGHT = 0.25
TERM_WEIGHT = 0.25
GRACE_DAYS = 2  # a developing story is reported over a couple of days at no cost
LONG_STORY_DAYS = 365  # two parts of one person's story (a rule proposed, then signed) join within a year
NOT_BEFORE_SLACK_DAYS = 180  # "not before 2008" rules out a story last reported in 2005, not one in 2007
NO_STORY = -1.0
# an undated article against a dated story (or back) whose weekdays do not agree either:
# no date to check, so ask more of the rest
UNDATED_MARGIN = 0.15
WHO_CLASH = 0.35  # the story's protagonist outweighed by another in the article: likely another event
WHERE_CLASH = 0.2  # the same for the finest place: weaker, accounts of one event name nearby towns
WHEN_CLASH = 0.35  # an undated lead's weekday 2+ days off the story's: another event of the kind
WEEKDAY_SHARE = 0.5  # a story's usual weekdays: named in half as many leads as its first
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MOVE_MARGIN = 0.0  # the batch's second look moves an article to a story that fits it this much better
FIGURE_CLASH = 0.1  # soft: a signature figure given by the story's articles, none of the values agreeing
FIGURE_AGREE = 0.05
FIGURE_TOLERANCE = 0.02  # relative: 4.5 and 4.6 differ, 2.60 and 2.6 million agree
AGE_TOLERANCE = 1  # years: "the 26-year-old" and "27" may be one person either side of a birthday
MINOR_SHARE = 4  # a name leading over a quarter as many articles as the main one is no outsider


# --------------------------------------------------------------------------- article features


@dataclass(frozen=True)
class ArticleFeatures:
    id: str
    day: int | None  # proleptic ordinal of the publication date
    embedding: np.ndarray
    entities: Counter[str]  # entity key -> mentions in the article
    terms: Counter[str]
    evidence: EventEvidence


def lead_text(article: Article) -> str:
    """Headline plus the first words of the body: what the article is about."""
    lead = " ".join(" ".join(article.paragraphs or (article.body,)).split()[:LEAD_WORDS])
    return f"{article.headline}. {lead}" if article.headline else lead


def story_embeddings(articles: Sequence[Article], models: Models) -> np.ndarray:
    """One unit vector per article (headline + lead), in order."""
    return models.embedder.encode([lead_text(a) for a in articles])


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
    not_before: int | None = None  # the latest past date its undated articles name
    protagonists: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)  # name token -> articles naming it
    weekdays: Counter[str] = field(default_factory=Counter)  # weekday -> articles whose lead names it
    people: Counter[str] = field(default_factory=Counter)  # person key -> mentions over its articles
    headlines: Counter[str] = field(default_factory=Counter)  # headline key -> articles carrying it
    figures: Counter[str] = field(default_factory=Counter)  # signature figure -> articles giving it

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
        evidence = features.evidence
        if evidence.not_before is not None:
            self.not_before = max(self.not_before or evidence.not_before, evidence.not_before)
        if evidence.protagonist:
            self.protagonists[evidence.protagonist] += 1
        if evidence.place:
            self.places[evidence.place] += 1
        self.names.update(evidence.names)
        self.weekdays.update(evidence.weekdays)
        self.people.update(evidence.people)
        if evidence.headline:
            self.headlines[evidence.headline] += 1
        self.figures.update(evidence.figures)

    def release(self, features: ArticleFeatures, weights: Mapping[str, float]) -> None:
        """Give back one article taken in by :meth:`absorb` (the batch's second look moves it).
        The date range is kept: it only widens a story, and the batch's articles are close."""
        self.article_ids.remove(features.id)
        self.vector_sum = self.vector_sum - features.embedding.astype(np.float32)
        self.entities.subtract(features.entities.keys())
        for term, weight in weights.items():
            if term in self.terms:
                self.terms[term] -= weight
        evidence = features.evidence
        if evidence.protagonist:
            self.protagonists.subtract([evidence.protagonist])
        if evidence.place:
            self.places.subtract([evidence.place])
        self.names.subtract(evidence.names)
        self.weekdays.subtract(evidence.weekdays)
        self.people.subtract(evidence.people)
        if evidence.headline:
            self.headlines.subtract([evidence.headline])
        self.figures.subtract(evidence.figures)
        for counts in (
            self.entities,
            self.protagonists,
            self.places,
            self.names,
            self.weekdays,
            self.people,
            self.headlines,
            self.figures,
        ):
            for key in [k for k, v in counts.items() if v <= 0]:
                del counts[key]
        self.terms = {t: w for t, w in self.terms.items() if w > 1e-9}

    def merge(self, other: StoryProfile) -> None:
        """Take in every article of ``other`` (a story found to be the same event)."""
        self.article_ids.extend(other.article_ids)
        self.vector_sum = self.vector_sum + other.vector_sum
        for mine, theirs in (
            (self.entities, other.entities),
            (self.protagonists, other.protagonists),
            (self.places, other.places),
            (self.names, other.names),
            (self.weekdays, other.weekdays),
            (self.people, other.people),
            (self.headlines, other.headlines),
            (self.figures, other.figures),
        ):
            mine.update(theirs)
        for term, weight in other.terms.items():
            self.terms[term] = self.terms.get(term, 0.0) + weight
        if len(self.terms) > TERMS_PER_STORY:
            self.terms = dict(sorted(self.terms.items(), key=lambda item: -item[1])[:TERMS_PER_STORY])
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d is not None]
        self.first_day, self.last_day = (min(days), max(days)) if days else (None, None)
        bounds = [b for b in (self.not_before, other.not_before) if b is not None]
        self.not_before = max(bounds) if bounds else None

    def as_features(self) -> ArticleFeatures:
        """The story seen as one long article, to score it against another story."""
        norm = float(np.linalg.norm(self.vector_sum))
        days = [d for d in (self.first_day, self.last_day) if d is not None]
        evidence = EventEvidence(
            day=(sum(days) // len(days)) if days else None,
            not_before=self.not_before,
            protagonist=dominant(self.protagonists),
            people=self.people,
            place=dominant(self.places),
            names=frozenset(self.names),
            weekdays=frozenset(usual_weekdays(self.weekdays)),
        )
        return ArticleFeatures(
            self.id,
            evidence.day,
            self.vector_sum / norm if norm else self.vector_sum,
            self.entities,
            Counter(),
            evidence,
        )

    def to_state(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_ids": list(self.article_ids),
            "vector_sum": encode_vector(self.vector_sum),
            "entities": dict(self.entities),
            "terms": {t: round(w, 5) for t, w in self.terms.items()},
            "first_day": self.first_day,
            "last_day": self.last_day,
            "not_before": self.not_before,
            "protagonists": dict(self.protagonists),
            "places": dict(self.places),
            "names": dict(self.names),
            "weekdays": dict(self.weekdays),
            "people": dict(self.people),
            "headlines": dict(self.headlines),
            "figures": dict(self.figures),
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
            not_before=state.get("not_before"),
            protagonists=counter_of(state.get("protagonists")),
            places=counter_of(state.get("places")),
            names=counter_of(state.get("names")),
            weekdays=counter_of(state.get("weekdays")),
            people=counter_of(state.get("people")),
            headlines=counter_of(state.get("headlines")),
            figures=counter_of(state.get("figures")),
        )


def counter_of(saved: Mapping[str, Any] | None) -> Counter[str]:
    return Counter({str(k): int(v) for k, v in (saved or {}).items()})


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

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.settings = settings  # story_join_score, story_merge_score, story_gap_penalty_per_day
        self._stories: dict[str, StoryProfile] = {}
        self._article_story: dict[str, str] = {}
        self._buckets: dict[str, list[str]] = {}
        self._entity_df: Counter[str] = Counter()
        self._term_df: Counter[str] = Counter()
        self._articles_seen = 0
        self._latest_day: int | None = None
        self._batch_day: int | None = None  # fallback date of the batch being added
        self._batch_days: list[int] = []  # days of the batch's dated articles
        self._placed_keys: dict[str, set[str]] = {}  # bucket keys of the batch's stories
        self._new_ids: list[str] = []  # stories the batch being added opened
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
        self._batch_days = sorted({f.day for f in features if f.day is not None})
        forced = forced_groups(same_story or {})
        assigned: dict[str, str] = {}
        first_new = len(self._stories)
        self._placed_keys = {}
        self._new_ids = []
        placed: list[tuple[ArticleFeatures, dict[str, float]]] = []
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
            if not group:
                placed.append((feature, weights))
        self._second_placement(placed)
        self._merge_new_stories(first_new, {feature.id: (feature, weights) for feature, weights in placed})
        for feature in features:
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
    def from_state(cls, state: Mapping[str, Any], settings: Settings = DEFAULT_SETTINGS) -> StoryIndex:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {state.get('version')!r} is not {STATE_VERSION}")
        index = cls(settings)
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
        evidence = event_evidence(article, mentions)
        return ArticleFeatures(
            article.id, evidence.day, unit, entity_keys(mentions), term_counts(article), evidence
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

    def _weeks(
        self,
        day: int | None,
        month_day: tuple[int, int] | None = None,
        recalled: Sequence[tuple[int, int]] = (),
    ) -> list[int | str]:
        """Weeks to search: around the article's date and the earlier days its lead says its
        news follows from; for an undated article, around the batch's median date (taken as
        current news) and the undated bucket, and around the batch's days its year-less date
        line ("APR 28") may be."""
        if day is None:
            weeks: list[int | str] = ["undated"]
            if self._batch_day is not None:
                weeks += self._weeks(self._batch_day)
            if month_day is not None:
                for batch_day in self._batch_days:
                    if month_day_near(month_day, batch_day, batch_day):
                        weeks += [w for w in self._weeks(batch_day) if w not in weeks]
            return weeks
        week = day // WEEK_DAYS
        weeks = [week - 1, week, week + 1]
        for first, last in recalled:
            weeks += [w for w in range(first // WEEK_DAYS - 1, last // WEEK_DAYS + 2) if w not in weeks]
        return weeks

    def _candidates(self, feature: ArticleFeatures) -> list[str]:
        """Stories sharing buckets with the article, most shared first, at most ``CANDIDATE_STORIES``."""
        if len(self._stories) <= EXHAUSTIVE_STORIES:
            return list(self._stories)
        votes: Counter[str] = Counter()
        signature = self._signature(feature)
        for week in self._weeks(feature.day, feature.evidence.month_day, feature.evidence.recalled):
            for key in signature:
                weight = ENTITY_VOTE if key.startswith("e:") else 1
                for story_id in self._buckets.get(f"{key}:{week}", ()):
                    votes[story_id] += weight
        if feature.evidence.headline:
            for story_id in self._buckets.get(f"h:{feature.evidence.headline}", ()):
                votes[story_id] += HEADLINE_VOTE
        return [story_id for story_id, _ in votes.most_common(CANDIDATE_STORIES)]

    def _score(self, feature: ArticleFeatures, weights: Mapping[str, float], story: StoryProfile) -> float:
        if not same_time(feature, story):
            return NO_STORY
        unknown_gap = 0.0
        if (
            (feature.day is None) != (story.last_day is None)
            and not same_weekday(feature.evidence, story)
            and not same_month_day(feature.evidence, story)
            and not same_headline(feature.evidence, story)
            and not same_protagonist(feature.evidence, story)
        ):
            unknown_gap = UNDATED_MARGIN
        return self._likeness(feature, weights, story) - identity_clash(feature.evidence, story) - unknown_gap

    def _ranked(
        self, feature: ArticleFeatures, weights: Mapping[str, float], story_ids: Sequence[str]
    ) -> list[tuple[float, str]]:
        """The stories the article may join (score at least ``story_join_score``), best first."""
        scored = [(self._score(feature, weights, self._stories[s]), s) for s in story_ids]
        return sorted((item for item in scored if item[0] >= self.settings.story_join_score), reverse=True)

    def _likeness(self, feature: ArticleFeatures, weights: Mapping[str, float], story: StoryProfile) -> float:
        """How much the article reads like the story: embedding, names, words, date gap."""
        embedding = float(feature.embedding @ story.centroid())
        terms = cosine_sparse(weights, story.terms)
        gap = 0 if follows_from(feature.evidence, story) else story.gap_days(feature.day)
        gap_penalty = self.settings.story_gap_penalty_per_day * max(0, gap - GRACE_DAYS)
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
        ranked = self._ranked(feature, weights, self._candidates(feature))
        return ranked[0][1] if ranked else None

    def _second_placement(self, placed: Sequence[tuple[ArticleFeatures, dict[str, float]]]) -> None:
        """Each article of the batch looks again once all are placed: the first of an
        event's articles to arrive may have joined another event of the kind before its
        own story existed.  It is taken out of its story and moves when another story now
        fits it better than its own does without it.  Articles alone in their story stay
        (the stories' second look, next, handles them), so no story is left empty."""
        for feature, weights in placed:
            current = self._stories[self._article_story[feature.id]]
            if len(current.article_ids) < 2:
                continue
            current.release(feature, weights)
            candidates = [s for s in self._candidates(feature) if s != current.id]
            ranked = self._ranked(feature, weights, [current.id, *candidates])
            own = next((fit for fit, s in ranked if s == current.id), NO_STORY)
            best = ranked[0] if ranked else None
            if best is None or best[1] == current.id or best[0] < own + MOVE_MARGIN:
                current.absorb(feature, weights)
                continue
            self._place(feature, best[1], weights)

    def _merge_new_stories(
        self, first_new: int, batch: Mapping[str, tuple[ArticleFeatures, dict[str, float]]] | None = None
    ) -> None:
        """Second look at the stories this batch opened: one whose articles arrived before
        the evidence that ties them to another story (its protagonist, its weekday) joins
        that story now.  Only this batch's new stories move, so ids the caller has seen never
        change, and the work follows the batch, not the archive."""
        new_ids = list(self._new_ids)
        merged: set[str] = set()
        order = {story_id: n for n, story_id in enumerate(new_ids)}
        for story_id in sorted(new_ids, key=lambda s: (len(self._stories[s].article_ids), order[s])):
            story = self._stories[story_id]
            feature, weights = story.as_features(), normalised(story.terms)
            if batch and len(story.article_ids) == 1 and story.article_ids[0] in batch:
                feature, weights = batch[story.article_ids[0]]  # a story of one article is that article
            candidates = dict.fromkeys(self._candidates(feature))
            lead = main_protagonist(story)
            if lead is not None:
                # the dated stories of the same person, any week; an undated story only reaches
                # those its main person leads too (an undated page is otherwise taken as current)
                found = self._buckets.get(f"p:{lead}", ())
                candidates.update(
                    dict.fromkeys(
                        s
                        for s in found
                        if s in self._stories
                        and self._stories[s].last_day is not None
                        and (story.last_day is not None or main_protagonist(self._stories[s]) == lead)
                    )
                )
            scored = [
                (self._merge_score(story, feature, weights, self._stories[other]), other)
                for other in candidates
                if other != story_id and other not in merged
            ]
            best = max(scored, default=None)
            # a story of one article is an article: it joins at an article's bar
            bar = (
                self.settings.story_join_score
                if len(story.article_ids) == 1
                else self.settings.story_merge_score
            )
            if best is None or best[0] < bar:
                continue
            target = self._stories[best[1]]
            target.merge(story)
            for article_id in story.article_ids:
                self._article_story[article_id] = target.id
            self._repoint(story_id, target.id)
            merged.add(story_id)
        self._renumber(first_new, merged)

    def _merge_score(
        self, story: StoryProfile, feature: ArticleFeatures, weights: Mapping[str, float], other: StoryProfile
    ) -> float:
        """A story scored as a whole against another.  Two parts of a story that spans weeks
        (a rule proposed, then signed; a rehab stay from check-in to transfer) led by the same
        person on both sides owe no date gap beyond ``LONG_STORY_DAYS``: the person at the
        centre of both is what ties them, the date gap alone does not part them."""
        score = self._score(feature, weights, other)
        lead = main_protagonist(story)
        if score == NO_STORY or lead is None or lead != main_protagonist(other):
            return score
        if feature.day is None:
            # undated both: each part's leads name their own day of a stay or a search
            return score + weekday_clash(feature.evidence, other)
        gap = other.gap_days(feature.day)
        if gap > LONG_STORY_DAYS or other.last_day is None:
            return score
        return score + self.settings.story_gap_penalty_per_day * max(0, gap - GRACE_DAYS)

    def _repoint(self, old: str, new: str) -> None:
        for key in self._placed_keys.pop(old, ()):
            bucket = self._buckets[key]
            bucket[:] = [s for s in dict.fromkeys(new if s == old else s for s in bucket)]
            self._placed_keys.setdefault(new, set()).add(key)

    def _renumber(self, first_new: int, merged: set[str]) -> None:
        """Ids stay "story-N" in order of creation, with no gaps: the survivors of this batch's
        new stories take the numbers after the archive's (the batch's stories are the last
        ones of the dict, so only they are taken out and put back)."""
        if not merged:
            return
        survivors = [self._stories.pop(story_id) for story_id in self._new_ids]
        survivors = [story for story in survivors if story.id not in merged]
        renamed = []
        for number, story in enumerate(survivors, start=first_new + 1):
            old, story.id = story.id, f"story-{number}"
            self._stories[story.id] = story
            if story.id != old:
                renamed.append((old, story))
                self._repoint(old, f"tmp:{old}")
        for old, story in renamed:
            self._repoint(f"tmp:{old}", story.id)
            for article_id in story.article_ids:
                self._article_story[article_id] = story.id

    def _place(self, feature: ArticleFeatures, story_id: str | None, weights: Mapping[str, float]) -> None:
        if story_id is None:
            story_id = f"story-{len(self._stories) + 1}"
            self._stories[story_id] = StoryProfile(story_id)
            self._new_ids.append(story_id)
        story = self._stories[story_id]
        story.absorb(feature, weights)
        self._article_story[feature.id] = story_id
        # an undated article taken into a dated story is filed under the story's week
        day = feature.day if feature.day is not None else story.last_day
        week: int | str = day // WEEK_DAYS if day is not None else "undated"
        keys = [f"{key}:{week}" for key in self._signature(feature)]
        if feature.evidence.headline:
            keys.append(f"h:{feature.evidence.headline}")  # a repost finds its report in any week
        if feature.evidence.protagonist:
            keys.append(f"p:{feature.evidence.protagonist}")  # a story of weeks finds its other part
        for key in keys:
            bucket = self._buckets.setdefault(key, [])
            if story_id in bucket:
                bucket.remove(story_id)
            bucket.append(story_id)
            del bucket[:-BUCKET_STORIES]
            self._placed_keys.setdefault(story_id, set()).add(key)


def normalised(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def same_time(feature: ArticleFeatures, story: StoryProfile) -> bool:
    """False when a date bound rules the story out: an article naming 2008 is not about a
    story reported in 2005, and a story whose undated articles name 2008 has no place for
    an article published in 2005."""
    named, last = feature.evidence.not_before, story.last_day
    if named is not None and last is not None and named > last + NOT_BEFORE_SLACK_DAYS:
        return False
    named, day = story.not_before, feature.day
    return named is None or day is None or named <= day + NOT_BEFORE_SLACK_DAYS


def follows_from(evidence: EventEvidence, story: StoryProfile) -> bool:
    """Whether a dated article's lead ties its news to the story across a date gap: it names
    a day or month within the story's days ("convicted of the June 2005 killing") and the
    story's main person, and its own main person, if any, is one of the story's people.  A
    charge, a trial and a sentence months or years on are then one story with the event they
    follow; a date recalled with nobody of the story in the lead, or led by someone else, is
    background to another event."""
    if not evidence.recalled or story.first_day is None or story.last_day is None:
        return False
    if not any(
        first <= story.last_day + GRACE_DAYS and last >= story.first_day - WEEK_DAYS
        for first, last in evidence.recalled
    ):
        return False  # (an event is reported in the days after it: a week's slack before the first report)
    lead = dominant(story.protagonists)
    if lead is None or not evidence.people.get(lead):
        return False
    own = evidence.protagonist
    return own is None or own == lead or MINOR_SHARE * story.names.get(own, 0) >= len(story.article_ids)


def identity_clash(evidence: EventEvidence, story: StoryProfile) -> float:
    """Penalty when the story has a clear protagonist (or finest place) the article does not
    put first, and the article's own is at most background in the story: two events of one
    kind ("Capaldi named the new Doctor" recalls Matt Smith; an article on Smith's casting
    is still another event).  Stories without one dominant name never clash: one game has
    several players in the headlines."""
    penalty = 0.0
    for own, theirs, weight in (
        (evidence.protagonist, story.protagonists, WHO_CLASH),
        (evidence.place, story.places, WHERE_CLASH),
    ):
        if own is None or not theirs:
            continue
        main, count = max(theirs.items(), key=lambda item: (item[1], item[0]))
        alone = len(story.article_ids) == 1 and weight is WHERE_CLASH
        if (count < 2 and not alone) or 2 * count < sum(theirs.values()) or own == main:
            continue
        if MINOR_SHARE * theirs.get(own, 0) > count:
            continue  # the article's protagonist leads a fair share of the story too
        if weight is WHO_CLASH:
            # the story's main figure outnumbered in the article: another event, unless the
            # article's own figure is one of the story's people too (named in a fair share of
            # its articles) and the main one is there as well: then both are the story's cast
            outnumbered = evidence.people.get(main, 0) < evidence.people.get(own, 0)
            cast = evidence.people.get(main, 0) > 0 and MINOR_SHARE * story.names.get(own, 0) >= len(
                story.article_ids
            )
            clash = outnumbered and not cast
        else:
            clash = not named_in(main, evidence.names) and not named_in(own, main.split())
        if clash:
            penalty += weight
    return penalty + weekday_clash(evidence, story) + figure_clash(evidence, story)


def figure_clash(evidence: EventEvidence, story: StoryProfile) -> float:
    """Soft evidence from signature figures: the lead gives a magnitude (a sum, a score) the
    story's articles give too, none of its values within ``FIGURE_TOLERANCE`` of theirs: a
    4.4 quake against a story of a 4.6 one.  One agreeing figure is a small plus instead.
    Soft both ways: first reports revise magnitudes, and tolls rise."""
    if not evidence.figures or not story.figures:
        return 0.0
    theirs: dict[str, list[float]] = {}
    for key, count in story.figures.items():
        kind, value = key.split(":", 1)
        theirs.setdefault(kind, []).extend([float(value)] * count)
    agree = clash = False
    for kind, values in figure_kinds(evidence.figures).items():
        known = theirs.get(kind, [])
        if any(figures_agree(kind, v, k) for v in values for k in known):
            agree = True
        elif 2 * len(known) >= len(story.article_ids) and len(known) >= 2:
            clash = True
    return FIGURE_CLASH if clash else -FIGURE_AGREE if agree else 0.0


def figures_agree(kind: str, value: float, known: float) -> bool:
    """Within ``FIGURE_TOLERANCE`` of each other; ages within a year (a birthday between reports)."""
    if kind == "age":
        return abs(value - known) <= AGE_TOLERANCE
    return abs(value - known) <= FIGURE_TOLERANCE * max(abs(value), abs(known))


def figure_kinds(figures: frozenset[str]) -> dict[str, list[float]]:
    kinds: dict[str, list[float]] = {}
    for key in figures:
        kind, value = key.split(":", 1)
        kinds.setdefault(kind, []).append(float(value))
    return kinds


def weekday_clash(evidence: EventEvidence, story: StoryProfile) -> float:
    """Penalty when an undated article's lead gives its event a weekday none of the story's
    usual weekdays: "on Thursday" against a story reported as "on Monday".  Between dated
    articles the dates speak; a developing story moves from Saturday to Sunday."""
    if evidence.day is not None or not evidence.weekdays or not story.weekdays:
        return 0.0
    return 0.0 if same_weekday(evidence, story) else WHEN_CLASH


def same_weekday(evidence: EventEvidence, story: StoryProfile) -> bool:
    """Whether the article's lead names a weekday within a day of one the story's leads use:
    for an undated article, the only check of "when" there is."""
    usual = usual_weekdays(story.weekdays)
    return any(days_apart(a, b) <= 1 for a in evidence.weekdays for b in usual)


def same_protagonist(evidence: EventEvidence, story: StoryProfile) -> bool:
    """Whether the article's main person is the story's own: the one leading at least two of
    its articles and half of all its leads.  Between a dated and an undated side, a named
    person at the centre of both is the "who" check that stands in for the missing date."""
    if evidence.protagonist is None or len(story.article_ids) < 2:
        return False
    count = story.protagonists.get(evidence.protagonist, 0)
    return count >= 2 and 2 * count >= sum(story.protagonists.values())


def main_protagonist(story: StoryProfile) -> str | None:
    """The person leading at least two of the story's articles and half of its leads."""
    lead = dominant(story.protagonists)
    return lead if lead is not None and story.protagonists[lead] >= 2 else None


def same_headline(evidence: EventEvidence, story: StoryProfile) -> bool:
    """Whether the article carries, word for word, the long headline of one of the story's
    articles: a repost of that report, whatever date it shows (or does not)."""
    return evidence.headline is not None and evidence.headline in story.headlines


def same_month_day(evidence: EventEvidence, story: StoryProfile) -> bool:
    """Whether an undated page's year-less date line ("APR 28") falls within the dated
    story's days, in one of its years: the page is then dated after all."""
    if evidence.month_day is None or story.first_day is None or story.last_day is None:
        return False
    return month_day_near(evidence.month_day, story.first_day, story.last_day)


def month_day_near(month_day: tuple[int, int], first_day: int, last_day: int) -> bool:
    """Whether (month, day) in some year falls within ``GRACE_DAYS`` of the days first..last."""
    month, day = month_day
    for year in range(date.fromordinal(first_day).year - 1, date.fromordinal(last_day).year + 2):
        try:
            candidate = date(year, month, day).toordinal()
        except ValueError:
            continue
        if first_day - GRACE_DAYS <= candidate <= last_day + GRACE_DAYS:
            return True
    return False


def days_apart(left: str, right: str) -> int:
    """Days between two weekdays, either way round ("thursday", "friday" -> 1): an article
    written the next day still names the event's day, or the day the news broke."""
    gap = abs(WEEKDAYS.index(left) - WEEKDAYS.index(right))
    return min(gap, 7 - gap)


def usual_weekdays(weekdays: Counter[str]) -> set[str]:
    """A story's usual weekdays: named in a good share as many leads as its most named one."""
    if not weekdays:
        return set()
    floor = WEEKDAY_SHARE * max(weekdays.values())
    return {day for day, count in weekdays.items() if count >= floor}


def dominant(counts: Counter[str]) -> str | None:
    """The key leading at least half of the counts, if one does."""
    if not counts:
        return None
    key, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    return key if 2 * count >= sum(counts.values()) else None


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
