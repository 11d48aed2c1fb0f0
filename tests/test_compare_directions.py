"""Distances from a named reference point: the direction is part of the value, and the sentence's
other places do not scope the distance (compare/directions.py, compare/align.py ``located``).

Every sentence is our own; the real spaCy model reads them.
"""

from __future__ import annotations

from tests.articles import text_article
from wirecheck import extract
from wirecheck.compare import compare_story
from wirecheck.compare.directions import apart, bearing
from wirecheck.model import Grouping


def distance_facts(models, bodies: dict[str, str]):
    articles = [
        text_article(key, body, published="2031-05-14", outlet=f"{key}.example")
        for key, body in bodies.items()
    ]
    mentions = extract.extract_mentions(articles, models)
    entities = extract.resolve_story_entities(articles, mentions)
    facts = compare_story(articles, mentions, entities, [], Grouping(), models)
    return [f for f in facts if f.kind == "quantity" and any("miles" in c.text for c in f.claims)]


def test_bearings_a_quarter_turn_apart_clash():
    assert apart(bearing("east") or 0, bearing("west") or 0) == 180
    assert apart(bearing("south-west") or 0, bearing("west") or 0) == 45
    assert bearing("upstream") is None


def test_the_same_distance_in_opposite_directions_is_a_dispute(models):
    facts = distance_facts(
        models,
        {
            "a": "The tanker was boarded 80 nautical miles east of Port Alva on Tuesday, the navy said.",
            "b": "Pirates boarded the tanker about 80 nautical miles west of Port Alva on Tuesday.",
        },
    )
    assert [f.status for f in facts] == ["disputed"]
    assert "different directions from Port Alva" in facts[0].reason


def test_the_same_distance_and_direction_in_sentences_naming_other_places_agrees(models):
    """Another place in the sentence ("in Brenmoor") does not keep two readings apart."""
    facts = distance_facts(
        models,
        {
            "a": "The quake was centred in Brenmoor, about 20 miles north of Kessington.",
            "b": "The quake struck 20 miles north of Kessington, seismologists said.",
        },
    )
    assert [f.status for f in facts] == ["agreed"]


def test_two_things_located_from_one_town_in_one_article_are_not_compared(models):
    """An article that puts two things at different distances from one town does not say which is
    the thing the other article locates."""
    facts = distance_facts(
        models,
        {
            "a": "The quake struck 3 miles east of Kessington; the village of Orley lies 5 miles east of Kessington.",
            "b": "The quake struck 4 miles east of Kessington, seismologists said.",
        },
    )
    assert [f.status for f in facts if f.status == "disputed"] == []
