"""Aligning quantity mentions across articles, with the real sentence-embedding model."""

from __future__ import annotations

from tests.compare_builders import article, entity, mentions, quantity, tally
from wirecheck.compare.align import align_quantities, quantity_claims, version_of
from wirecheck.model import Quantity


def groups_of(articles, story_mentions, models):
    claims = quantity_claims(articles, story_mentions)
    groups = align_quantities(claims, models.embedder.encode)
    return [sorted((c.article_id, c.quantity.number) for c in g) for g in groups]


def groups_of_two(models, a: str, a_figures: tuple[Quantity, ...], b: str, b_figures: tuple[Quantity, ...]):
    """How the figures of two articles, "a" and "b", align."""
    story_mentions = [mentions("a", quantities=a_figures), mentions("b", quantities=b_figures)]
    return groups_of([article("a", a), article("b", b)], story_mentions, models)


def test_the_same_toll_in_two_wordings_aligns_and_a_different_place_stays_apart(models):
    a = "Storm Edda tore through the port city of Valmora overnight, killing at least nine people in Valmora."
    b = "The storm killed at least eight people in Valmora, the coastguard said, and three in the village of Orsk."
    a_figures = (tally(a, "at least nine people", 9, qualifier="at least", event="kill", place="Valmora"),)
    b_figures = (
        tally(b, "at least eight people", 8, qualifier="at least", event="kill", place="Valmora"),
        quantity(b, "three", value="three", number=3, counted=None, event="kill", place="Orsk"),
    )
    groups = groups_of_two(models, a, a_figures, b, b_figures)
    assert [("a", 9), ("b", 8)] in groups
    assert [("b", 3)] in groups


def test_injured_and_wounded_are_one_event_and_residents_are_people(models):
    a = "Twenty-two people were injured in Valmora when the sea wall gave way."
    b = "Waves breached the sea wall in Valmora and wounded 15 residents."
    a_figures = (tally(a, "Twenty-two people", 22, event="injure", place="Valmora"),)
    b_figures = (tally(b, "15 residents", 15, event="wound", place="Valmora", counted="resident"),)
    assert [("a", 22), ("b", 15)] in groups_of_two(models, a, a_figures, b, b_figures)


def test_an_article_never_contradicts_itself_so_its_two_figures_are_two_things(models):
    a = "On Monday the storm killed four people in Valmora. By Tuesday it had killed nine people in Valmora."
    b = "At least nine people have died in Valmora since the storm made landfall."
    a_figures = (
        tally(a, "four people", 4, event="kill", place="Valmora"),
        tally(a, "nine people", 9, event="kill", place="Valmora"),
    )
    b_figures = (tally(b, "At least nine people", 9, qualifier="at least", event="die", place="Valmora"),)
    groups = groups_of_two(models, a, a_figures, b, b_figures)
    assert [("a", 9), ("b", 9)] in groups
    assert [("a", 4)] in groups


def test_a_sentence_without_place_takes_the_place_named_just_before_it(models):
    a = "Storm Edda hit Valmora late on Monday. Falling walls and flying glass killed seven people."
    b = "Seven people were killed in Valmora by falling masonry, officials said."
    story_mentions = [
        mentions(
            "a",
            entities=(entity(a, "Valmora", "GPE"),),
            quantities=(tally(a, "seven people", 7, event="kill"),),
        ),
        mentions(
            "b",
            entities=(entity(b, "Valmora", "GPE"),),
            quantities=(tally(b, "Seven people", 7, event="kill", place="Valmora"),),
        ),
    ]
    claims = quantity_claims([article("a", a), article("b", b)], story_mentions)
    inferred = next(c for c in claims if c.article_id == "a")
    assert (inferred.place, inferred.place_inferred) == ("Valmora", True)
    assert [("a", 7), ("b", 7)] in groups_of([article("a", a), article("b", b)], story_mentions, models)


def test_a_regional_toll_far_from_the_city_toll_is_not_aligned_with_it(models):
    a = "The storm killed at least six people in Valmora on Monday night."
    b = "Floods across the northern provinces have killed at least 48 people this winter."
    a_figures = (tally(a, "at least six people", 6, qualifier="at least", event="kill", place="Valmora"),)
    b_figures = (tally(b, "at least 48 people", 48, qualifier="at least", event="kill"),)
    groups = groups_of_two(models, a, a_figures, b, b_figures)
    assert [("a", 6)] in groups and [("b", 48)] in groups


def test_original_and_revised_versions_of_a_document_are_different_things(models):
    a = "The initial 24-article draft of the accord was cut to 17 articles after the second round."
    b = "Negotiators whittled the accord down to 17 articles; the original 24-article text had stalled."
    story_mentions = [
        mentions(
            "a",
            quantities=(
                quantity(a, "24-article", value="24", number=24, counted="article"),
                tally(a, "17 articles", 17, event="cut", counted="article"),
            ),
        ),
        mentions(
            "b",
            quantities=(
                tally(b, "17 articles", 17, event="whittle", counted="article"),
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
