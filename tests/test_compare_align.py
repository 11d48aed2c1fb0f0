"""Aligning quantity mentions across articles, with the real sentence-embedding model."""

from __future__ import annotations

from tests.compare_builders import article, entity, mentions, quantity
from wirecheck.compare.align import align_quantities, quantity_claims, version_of


def groups_of(articles, story_mentions, models):
    claims = quantity_claims(articles, story_mentions)
    groups = align_quantities(claims, models.embedder.encode)
    return [sorted((c.article_id, c.quantity.number) for c in g) for g in groups]


def test_the_same_toll_in_two_wordings_aligns_and_a_different_place_stays_apart(models):
    a = "Storm Edda tore through the port city of Valmora overnight, killing at least nine people in Valmora."
    b = "The storm killed at least eight people in Valmora, the coastguard said, and three in the village of Orsk."
    story_mentions = [
        mentions(
            "a",
            quantities=(
                quantity(
                    a,
                    "at least nine people",
                    value="at least nine",
                    number=9,
                    qualifier="at least",
                    counted="people",
                    event="kill",
                    place="Valmora",
                ),
            ),
        ),
        mentions(
            "b",
            quantities=(
                quantity(
                    b,
                    "at least eight people",
                    value="at least eight",
                    number=8,
                    qualifier="at least",
                    counted="people",
                    event="kill",
                    place="Valmora",
                ),
                quantity(b, "three", value="three", number=3, counted=None, event="kill", place="Orsk"),
            ),
        ),
    ]
    groups = groups_of([article("a", a), article("b", b)], story_mentions, models)
    assert [("a", 9), ("b", 8)] in groups
    assert [("b", 3)] in groups


def test_injured_and_wounded_are_one_event_and_residents_are_people(models):
    a = "Twenty-two people were injured in Valmora when the sea wall gave way."
    b = "Waves breached the sea wall in Valmora and wounded 15 residents."
    story_mentions = [
        mentions(
            "a",
            quantities=(
                quantity(
                    a,
                    "Twenty-two people",
                    value="Twenty-two",
                    number=22,
                    counted="people",
                    event="injure",
                    place="Valmora",
                ),
            ),
        ),
        mentions(
            "b",
            quantities=(
                quantity(
                    b,
                    "15 residents",
                    value="15",
                    number=15,
                    counted="resident",
                    event="wound",
                    place="Valmora",
                ),
            ),
        ),
    ]
    assert [("a", 22), ("b", 15)] in groups_of([article("a", a), article("b", b)], story_mentions, models)


def test_an_article_never_contradicts_itself_so_its_two_figures_are_two_things(models):
    a = "On Monday the storm killed four people in Valmora. By Tuesday it had killed nine people in Valmora."
    b = "At least nine people have died in Valmora since the storm made landfall."
    story_mentions = [
        mentions(
            "a",
            quantities=(
                quantity(
                    a, "four people", value="four", number=4, counted="people", event="kill", place="Valmora"
                ),
                quantity(
                    a, "nine people", value="nine", number=9, counted="people", event="kill", place="Valmora"
                ),
            ),
        ),
        mentions(
            "b",
            quantities=(
                quantity(
                    b,
                    "At least nine people",
                    value="At least nine",
                    number=9,
                    qualifier="at least",
                    counted="people",
                    event="die",
                    place="Valmora",
                ),
            ),
        ),
    ]
    groups = groups_of([article("a", a), article("b", b)], story_mentions, models)
    assert [("a", 9), ("b", 9)] in groups
    assert [("a", 4)] in groups


def test_a_sentence_without_place_takes_the_place_named_just_before_it(models):
    a = "Storm Edda hit Valmora late on Monday. Falling walls and flying glass killed seven people."
    b = "Seven people were killed in Valmora by falling masonry, officials said."
    story_mentions = [
        mentions(
            "a",
            entities=(entity(a, "Valmora", "GPE"),),
            quantities=(
                quantity(a, "seven people", value="seven", number=7, counted="people", event="kill"),
            ),
        ),
        mentions(
            "b",
            entities=(entity(b, "Valmora", "GPE"),),
            quantities=(
                quantity(
                    b,
                    "Seven people",
                    value="Seven",
                    number=7,
                    counted="people",
                    event="kill",
                    place="Valmora",
                ),
            ),
        ),
    ]
    claims = quantity_claims([article("a", a), article("b", b)], story_mentions)
    inferred = next(c for c in claims if c.article_id == "a")
    assert (inferred.place, inferred.place_inferred) == ("Valmora", True)
    assert [("a", 7), ("b", 7)] in groups_of([article("a", a), article("b", b)], story_mentions, models)


def test_a_regional_toll_far_from_the_city_toll_is_not_aligned_with_it(models):
    a = "The storm killed at least six people in Valmora on Monday night."
    b = "Floods across the northern provinces have killed at least 48 people this winter."
    story_mentions = [
        mentions(
            "a",
            quantities=(
                quantity(
                    a,
                    "at least six people",
                    value="at least six",
                    number=6,
                    qualifier="at least",
                    counted="people",
                    event="kill",
                    place="Valmora",
                ),
            ),
        ),
        mentions(
            "b",
            quantities=(
                quantity(
                    b,
                    "at least 48 people",
                    value="at least 48",
                    number=48,
                    qualifier="at least",
                    counted="people",
                    event="kill",
                ),
            ),
        ),
    ]
    groups = groups_of([article("a", a), article("b", b)], story_mentions, models)
    assert [("a", 6)] in groups and [("b", 48)] in groups


def test_original_and_revised_versions_of_a_document_are_different_things(models):
    a = "The initial 24-article draft of the accord was cut to 17 articles after the second round."
    b = "Negotiators whittled the accord down to 17 articles; the original 24-article text had stalled."
    story_mentions = [
        mentions(
            "a",
            quantities=(
                quantity(a, "24-article", value="24", number=24, counted="article"),
                quantity(a, "17 articles", value="17", number=17, counted="article", event="cut"),
            ),
        ),
        mentions(
            "b",
            quantities=(
                quantity(b, "17 articles", value="17", number=17, counted="article", event="whittle"),
                quantity(b, "24-article", value="24", number=24, counted="article"),
            ),
        ),
    ]
    articles = [article("a", a), article("b", b)]
    versions = {
        (c.article_id, c.quantity.number): c.version for c in quantity_claims(articles, story_mentions)
    }
    assert versions == {
        ("a", 24): "original",
        ("a", 17): "revised",
        ("b", 17): "revised",
        ("b", 24): "original",
    }
    groups = groups_of(articles, story_mentions, models)
    assert [("a", 24), ("b", 24)] in groups
    assert [("a", 17), ("b", 17)] in groups


def test_version_words_are_not_read_across_another_number():
    body = "The first plan had 30 points and the new one 12 points."
    q = quantity(body, "12 points", value="12", number=12, counted="point")
    assert version_of(body, q, 0, len(body)) == "revised"
    q30 = quantity(body, "30 points", value="30", number=30, counted="point")
    assert version_of(body, q30, 0, len(body)) == "original"


def test_ages_vague_amounts_and_spans_of_time_are_not_tallies(models):
    a = "A 90-year-old man and dozens of others were evacuated after three days of rain."
    story_mentions = [
        mentions(
            "a",
            quantities=(
                quantity(a, "90-year-old", value="90", number=90, counted="year", counted_class="age"),
                quantity(a, "three days", value="three", number=3, counted="day"),
            ),
        ),
    ]
    assert quantity_claims([article("a", a)], story_mentions) == []
