"""Names (a letter off vs another romanisation) and where outlets say a person went."""

from __future__ import annotations

from tests.compare_builders import article, entity, mentions
from wirecheck.compare import names
from wirecheck.model import Entity

A = "Finance Minister Marta Lindqvist opened the summit. Lindqvist said talks would last two days."
B = "The summit was opened by Finance Minister Marta Lindqvist on Monday."
C = "Finance Minister Marte Lindqvist warned that the budget gap was widening."


def _lookup(bodies: dict[str, str], story_mentions):
    return {k: article(k, v) for k, v in bodies.items()}, {m.article_id: m for m in story_mentions}


def test_a_name_off_by_a_letter_is_a_likely_error():
    story_mentions = [
        mentions("a", entities=(entity(A, "Marta Lindqvist", "PERSON"), entity(A, "Lindqvist", "PERSON", 1))),
        mentions("b", entities=(entity(B, "Marta Lindqvist", "PERSON"),)),
        mentions("c", entities=(entity(C, "Marte Lindqvist", "PERSON"),)),
    ]
    person = Entity(
        "Marta Lindqvist",
        "PERSON",
        aliases=("Lindqvist",),
        article_ids=("a", "b", "c"),
        variants=(("Marte Lindqvist", ("c",)),),
    )
    articles, by_id = _lookup({"a": A, "b": B, "c": C}, story_mentions)
    facts = names.name_variant_facts([person], articles, by_id)
    assert len(facts) == 1
    fact = facts[0]
    assert (fact.kind, fact.status) == ("name", "disputed")
    assert fact.reason.startswith("likely error")
    assert "differs by a letter or two" in fact.reason
    assert sorted((c.article_id, c.value) for c in fact.claims) == [
        ("a", "Marta Lindqvist"),
        ("b", "Marta Lindqvist"),
        ("c", "Marte Lindqvist"),
    ]


def test_a_variant_that_is_only_another_romanisation_is_no_dispute():
    a = "Deputy Mayor Mykola Zahorodniy toured the flooded district."
    b = "Deputy Mayor Mykola Zahorodny said pumps had arrived."
    c = "Mykola Zahorodniy thanked the volunteers."
    story_mentions = [
        mentions("a", entities=(entity(a, "Mykola Zahorodniy", "PERSON"),)),
        mentions("b", entities=(entity(b, "Mykola Zahorodny", "PERSON"),)),
        mentions("c", entities=(entity(c, "Mykola Zahorodniy", "PERSON"),)),
    ]
    person = Entity(
        "Mykola Zahorodniy",
        "PERSON",
        aliases=("Mykola Zahorodny",),
        article_ids=("a", "b", "c"),
        variants=(("Mykola Zahorodny", ("b",)),),
    )
    articles, by_id = _lookup({"a": a, "b": b, "c": c}, story_mentions)
    assert names.name_variant_facts([person], articles, by_id) == []
    spelled = names.spelling_facts([person], articles, by_id)
    assert [(f.status, f.kind) for f in spelled] == [("agreed", "name")]
    assert "not a dispute" in spelled[0].reason
    assert {c.value for c in spelled[0].claims} == {"Mykola Zahorodniy", "Mykola Zahorodny"}


def test_one_spelling_everywhere_makes_no_name_fact():
    story_mentions = [
        mentions("a", entities=(entity(A, "Marta Lindqvist", "PERSON"),)),
        mentions("b", entities=(entity(B, "Marta Lindqvist", "PERSON"),)),
    ]
    person = Entity("Marta Lindqvist", "PERSON", article_ids=("a", "b"))
    articles, by_id = _lookup({"a": A, "b": B}, story_mentions)
    assert names.spelling_facts([person], articles, by_id) == []
    assert names.name_variant_facts([person], articles, by_id) == []


ENVOY = Entity("Lena Marsh", "PERSON", aliases=("Marsh",), article_ids=("a", "b", "c"))


def _sightings(bodies: dict[str, str]):
    """Each mention of the envoy and of the cities, as the extractor gives them; then her sightings."""
    story_mentions = []
    for key, body in bodies.items():
        found = [entity(body, "Lena Marsh", "PERSON", n) for n in range(body.count("Lena Marsh"))]
        found += [entity(body, place, "GPE") for place in ("Tallinn", "Riga", "Vilnius") if place in body]
        story_mentions.append(mentions(key, entities=tuple(sorted(found, key=lambda m: m.start))))
    articles = [article(k, v) for k, v in bodies.items()]
    return names.place_sightings([ENVOY], articles, story_mentions), {a.id: a for a in articles}


def test_outlets_that_send_a_person_to_different_cities_are_a_soft_dispute():
    bodies = {
        "a": "Envoy Lena Marsh flew to Tallinn on Monday for talks on the port deal.",
        "b": "Lena Marsh met harbour officials in Tallinn, her office said.",
        "c": "The president sent envoy Lena Marsh to Riga to finish the port deal.",
    }
    sightings, articles = _sightings(bodies)
    assert sorted((s.article_id, s.place) for s in sightings) == [
        ("a", "Tallinn"),
        ("b", "Tallinn"),
        ("c", "Riga"),
    ]
    facts = names.place_facts(sightings, articles)
    assert [(f.kind, f.status, f.soft) for f in facts] == [("place", "disputed", True)]
    assert "Tallinn (a, b) vs Riga (c)" in facts[0].reason


def test_an_article_that_names_both_cities_means_she_went_to_both():
    bodies = {
        "a": "Envoy Lena Marsh flew to Tallinn on Monday. On Tuesday Lena Marsh travelled to Riga.",
        "b": "Lena Marsh met harbour officials in Tallinn, her office said.",
        "c": "The president sent envoy Lena Marsh to Riga to finish the port deal.",
    }
    sightings, articles = _sightings(bodies)
    facts = names.place_facts(sightings, articles)
    assert [f.status for f in facts] == ["agreed"]


def test_a_place_mentioned_without_any_movement_is_not_a_sighting():
    bodies = {
        "a": "Lena Marsh said the weather in Tallinn had delayed the ships.",
        "b": "Lena Marsh praised the dock workers in Riga for their patience.",
    }
    sightings, _ = _sightings(bodies)
    assert sightings == []


def test_an_alias_with_a_doubled_letter_is_a_misspelling_not_a_romanisation():
    bodies = {
        "a": "Energy Secretary Tom Halowell visited the substation.",
        "b": "Tom Halowell said power would return by noon.",
        "c": "Energy Secretary Tom Hallowell promised an inquiry.",
    }
    story_mentions = [
        mentions(k, entities=(entity(v, "Tom Hallowell" if k == "c" else "Tom Halowell", "PERSON"),))
        for k, v in bodies.items()
    ]
    person = Entity("Tom Halowell", "PERSON", aliases=("Tom Hallowell",), article_ids=("a", "b", "c"))
    articles, by_id = _lookup(bodies, story_mentions)
    facts = names.name_variant_facts([person], articles, by_id)
    assert [(f.status, f.reason.split(":")[0]) for f in facts] == [("disputed", "likely error")]
    assert names.spelling_facts([person], articles, by_id) == []


def test_a_name_with_and_without_its_accent_is_one_name():
    bodies = {
        "a": "Prime Minister José Ferraz declared a day of mourning.",
        "b": "Prime Minister Jose Ferraz visited the site.",
    }
    story_mentions = [
        mentions("a", entities=(entity(bodies["a"], "José Ferraz", "PERSON"),)),
        mentions("b", entities=(entity(bodies["b"], "Jose Ferraz", "PERSON"),)),
    ]
    person = Entity("José Ferraz", "PERSON", aliases=("Jose Ferraz",), article_ids=("a", "b"))
    articles, by_id = _lookup(bodies, story_mentions)
    assert names.name_variant_facts([person], articles, by_id) == []
    assert [f.status for f in names.spelling_facts([person], articles, by_id)] == ["agreed"]
