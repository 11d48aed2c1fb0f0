"""One name written several ways (short forms, romanisations, spacing, an organisation's legal form)
against one name misspelt, with entities made by the real story resolver."""

from __future__ import annotations

import pytest

from tests.compare_builders import article, entity, mentions
from wirecheck.compare import names
from wirecheck.extract import resolve_story_entities


def _name_facts(bodies: dict[str, list[str]], tagged: dict[str, str]):
    """Each article's body is its sentences; ``tagged`` gives each name's label as the tagger would."""
    texts = {key: " ".join(sentences) for key, sentences in bodies.items()}
    story_mentions = []
    for key, text in texts.items():
        found = [entity(text, name, label) for name, label in tagged.items() if name in text]
        story_mentions.append(mentions(key, entities=tuple(sorted(found, key=lambda m: m.start))))
    articles = {key: article(key, text) for key, text in texts.items()}
    entities = resolve_story_entities(list(articles.values()), story_mentions)
    by_id = {m.article_id: m for m in story_mentions}
    return (
        names.name_variant_facts(entities, articles, by_id),
        names.spelling_facts(entities, articles, by_id),
    )


@pytest.mark.parametrize(
    ("short", "full"),
    [("Dave", "David"), ("Steve", "Steven"), ("Dimitris", "Dimitrios"), ("Alex", "Alexander")],
)
def test_usual_short_forms_of_a_first_name(short, full):
    assert names.is_short_form(short, full)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Keir", "Keith"), ("Marte", "Marta"), ("Jerymayne", "Jermayne"), ("Jon", "John"), ("Di", "Diana")],
)
def test_a_changed_or_added_letter_is_no_short_form(one, other):
    assert not names.is_short_form(one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Stavros Tsagias", "Stavros Tsayias"),  # Greek gamma as g or y
        ("Costas Lekkas", "Kostas Lekkas"),  # Greek kappa as c or k
        ("Nasruddin", "Nasreddin"),  # the vowel of an -ud-din name
        ("Anna Del Vecchio", "Anna DelVecchio"),  # spacing
        ("Olena Hrytsenko", "Olena Hrytsenko"),
    ],
)
def test_romanisations_and_spacings_are_one_name(one, other):
    assert names.one_name_reason(one, other) == "romanisation or spacing"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Keith Starmer", "Keir Starmer"),
        ("Ana Rusk", "Ana Ruske"),
        ("Nasruddin", "Nastuddin"),
        ("Gordon", "Gorton"),
    ],
)
def test_misspellings_are_not_one_name(one, other):
    assert names.one_name_reason(one, other) is None


def test_a_short_first_name_is_an_agreed_form_not_a_dispute():
    bodies = {
        "a": ["Harbour chief David Okafor closed the pier.", "Okafor said repairs would take a week."],
        "b": ["The pier was closed by David Okafor on Monday."],
        "c": ["Dave Okafor, the harbour chief, closed the pier."],
    }
    disputes, agreed = _name_facts(bodies, {"David Okafor": "PERSON", "Dave Okafor": "PERSON"})
    assert disputes == []
    assert [(f.status, f.kind) for f in agreed] == [("agreed", "name")]
    assert "short form" in agreed[0].reason
    assert {c.value for c in agreed[0].claims} == {"David Okafor", "Dave Okafor"}


def test_the_greek_everyday_ending_is_an_agreed_form():
    bodies = {
        "a": ["Fisherman Dimitrios Kanellos found the wreck."],
        "b": ["The wreck was found by fisherman Dimitris Kanellos at dawn."],
    }
    disputes, agreed = _name_facts(bodies, {"Dimitrios Kanellos": "PERSON", "Dimitris Kanellos": "PERSON"})
    assert disputes == []
    assert [f.status for f in agreed] == ["agreed"]


def test_a_surname_a_letter_off_with_the_same_first_name_is_a_likely_error():
    bodies = {
        "a": ["Ranger Ana Rusk led the search on the ridge."],
        "b": ["The search was led by ranger Ana Rusk."],
        "c": ["Ana Ruske, a ranger, said the search would resume."],
    }
    disputes, _ = _name_facts(bodies, {"Ana Rusk": "PERSON", "Ana Ruske": "PERSON"})
    assert [(f.status, f.kind) for f in disputes] == [("disputed", "name")]
    assert sorted((c.article_id, c.value) for c in disputes[0].claims) == [
        ("a", "Ana Rusk"),
        ("b", "Ana Rusk"),
        ("c", "Ana Ruske"),
    ]


def test_a_long_single_name_with_an_inner_letter_changed_is_a_likely_error():
    bodies = {
        "a": ["His sister Mirabela Stone spoke at the vigil."],
        "b": ["Mirabela Stone thanked the neighbours."],
        "c": ["At the vigil his sister, Mirabala, asked for calm."],
    }
    disputes, _ = _name_facts(bodies, {"Mirabela Stone": "PERSON", "Mirabala": "PERSON"})
    assert len(disputes) == 1
    assert {c.value for c in disputes[0].claims} == {"Mirabela Stone", "Mirabala"}


def test_single_names_differing_at_the_end_or_short_are_other_words_not_misspellings():
    bodies = {
        "a": ["Roberto Vance sailed the skiff.", "Somali fishermen helped.", "Martyn Hale steered."],
        "b": ["His daughter Roberta waited on the quay in Somalia.", "Martin, a neighbour, waved."],
    }
    tagged = {
        "Roberto Vance": "PERSON",
        "Roberta": "PERSON",
        "Somali": "NORP",
        "Somalia": "GPE",
        "Martyn Hale": "PERSON",
        "Martin": "PERSON",
    }
    disputes, _ = _name_facts(bodies, tagged)
    assert disputes == []


def test_an_organisation_with_another_ending_or_without_its_legal_form_is_one_organisation():
    bodies = {
        "a": ["Lorries of Acme Distribution Ltd. blocked the road."],
        "b": ["A spokesman for Acme Distribution Ltd. apologised."],
        "c": ["Acme Distributors said the road would reopen."],
    }
    disputes, agreed = _name_facts(bodies, {"Acme Distribution Ltd.": "ORG", "Acme Distributors": "ORG"})
    assert disputes == []
    assert len(agreed) == 1
    assert "organisation" in agreed[0].reason
    assert {c.value for c in agreed[0].claims} == {"Acme Distribution Ltd.", "Acme Distributors"}
