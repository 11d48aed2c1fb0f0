"""Story clustering: our own corpus, incremental adds, state round trip, the seeds as one story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.articles import jsonl_articles
from wirecheck.group import group_articles
from wirecheck.group.stories import StoryIndex, story_embeddings
from wirecheck.model import Article, ArticleMentions, EntityMention

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).parent / "data" / "group_stories.jsonl"
LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def spacy_mentions(articles: list[Article], models) -> list[ArticleMentions]:
    """Entities straight from the spaCy model (the grouping stage only needs names)."""
    out = []
    for item, doc in zip(articles, models.nlp.pipe([a.body for a in articles]), strict=True):
        entities = tuple(
            EntityMention(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in LABELS
        )
        out.append(ArticleMentions(item.id, entities=entities))
    return out


@pytest.fixture(scope="module")
def corpus(models):
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    articles = jsonl_articles(CORPUS)
    mentions = spacy_mentions(articles, models)
    embeddings = story_embeddings(articles, models)
    labels = {r["id"]: r["story"] for r in records}
    return articles, mentions, embeddings, labels


def partition(assigned: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, story in assigned.items():
        groups.setdefault(story, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def test_stories_match_the_labels(corpus):
    articles, mentions, embeddings, labels = corpus
    assigned = StoryIndex().add(articles, mentions, embeddings)
    assert partition(assigned) == partition(labels)


def test_two_strikes_on_one_city_a_week_apart_are_two_stories(corpus):
    articles, mentions, embeddings, _ = corpus
    assigned = StoryIndex().add(articles, mentions, embeddings)
    assert assigned["kyiv-drones-1"] != assigned["kyiv-missiles-1"]
    # ...while talks in Geneva and their follow-up in Abu Dhabi stay one story
    assert assigned["talks-1"] == assigned["talks-2"] == assigned["talks-3"]


def test_incremental_add_assigns_new_articles_to_existing_stories(corpus):
    articles, mentions, embeddings, labels = corpus
    first = [i for i, a in enumerate(articles) if a.published <= "2025-03-05"]
    later = [i for i, a in enumerate(articles) if a.published > "2025-03-05"]
    index = StoryIndex()
    before = index.add([articles[i] for i in first], mentions, embeddings[first])
    after = index.add([articles[i] for i in later], mentions, embeddings[later])
    assert {k: v for k, v in index.add(articles, mentions, embeddings).items() if k in before} == before
    assert partition(before | after) == partition(labels)
    # ids are given in order of creation and the first batch's ids did not move
    assert sorted(set(before.values())) == [f"story-{n}" for n in range(1, len(set(before.values())) + 1)]


def test_state_round_trip_gives_the_same_later_assignments(corpus):
    articles, mentions, embeddings, _ = corpus
    first = list(range(8))
    later = list(range(8, len(articles)))
    kept = StoryIndex()
    kept.add([articles[i] for i in first], mentions, embeddings[first])
    restored = StoryIndex.from_state(json.loads(json.dumps(kept.to_state())))
    assert restored.stories() == kept.stories()
    expected = kept.add([articles[i] for i in later], mentions, embeddings[later])
    assert restored.add([articles[i] for i in later], mentions, embeddings[later]) == expected
    assert restored.stories() == kept.stories()


def test_state_of_another_version_is_refused():
    with pytest.raises(ValueError, match="version"):
        StoryIndex.from_state({"version": 99})


def test_same_story_forces_an_article_into_another_ones_story(corpus):
    articles, mentions, embeddings, _ = corpus
    assigned = StoryIndex().add(articles, mentions, embeddings, same_story={"tariffs-1": "flood-1"})
    assert assigned["tariffs-1"] == assigned["flood-1"]


def test_group_articles_links_copies_flags_spin_and_keeps_copies_in_their_story(corpus, models):
    articles, mentions, _, labels = corpus
    grouping = group_articles(articles, mentions, models)
    links = {(c.article_id, c.copy_of, c.kind) for c in grouping.copies}
    assert links == {
        ("kyiv-drones-1-reprint", "kyiv-drones-1", "reprint"),
        ("talks-2-trimmed", "talks-2", "syndicated"),
        ("flood-1-newtop", "flood-1", "syndicated"),
        ("kyiv-missiles-1-spun", "kyiv-missiles-1", "spun"),
    }
    story_of = {a: s.id for s in grouping.stories for a in s.article_ids}
    assert all(story_of[c.article_id] == story_of[c.copy_of] for c in grouping.copies)
    assert [s.article_id for s in grouping.spin if s.flagged] == ["kyiv-missiles-1-spun"]
    assert partition(story_of) == partition(labels)


def test_undated_articles_and_missing_mentions_are_grouped_without_error(corpus, models):
    articles, _, embeddings, _ = corpus
    undated = [Article(a.id, a.source, a.format, a.body, a.paragraphs, headline=a.headline) for a in articles]
    assigned = StoryIndex().add(undated, [], embeddings)
    assert set(assigned) == {a.id for a in articles}


def test_the_seed_articles_form_one_story(seeds_dir, models):
    articles = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
        articles.append(Article(path.stem, str(path), "text", "\n\n".join(paragraphs), paragraphs))
    grouping = group_articles(articles, spacy_mentions(articles, models), models)
    assert len(grouping.stories) == 1
