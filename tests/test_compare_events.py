"""Dates of events, magnitudes and partial places, through the real pipeline on our own texts.

Each test writes a few short articles about one invented story, runs the whole analysis (real
spaCy parse, real embeddings), and reads the facts a reader would see.
"""

from __future__ import annotations

import pytest

from tests.lookup import first_where
from wirecheck.model import Fact, RawDocument
from wirecheck.pipeline import analyze_documents


def document(doc_id: str, outlet: str, published: str | None, title: str, text: str) -> RawDocument:
    return RawDocument(
        id=doc_id,
        source=f"{doc_id}.jsonl",
        format="jsonl",
        text=text,
        title=title,
        published=published,
        outlet=outlet,
    )


def facts_of(models, *documents: RawDocument) -> list[Fact]:
    """The facts of every story the whole pipeline finds in these articles."""
    report = analyze_documents(documents, models=models)
    return [fact for story in report.stories for fact in story.facts]


def find(facts: list[Fact], kind: str, words: str) -> Fact:
    return first_where(
        facts,
        lambda f: f.kind == kind and words in f.subject,
        f"{kind} fact about {words!r}",
        lambda f: (f.kind, f.subject),
    )


WAREHOUSE = (
    "A blaze broke out shortly before midnight on Monday at a paper warehouse in Dunmore, the county "
    "fire service said. Crews from four stations fought the flames through the night.\n\n"
    "The warehouse, built in 1921, stored newsprint for three regional printers."
)
WAREHOUSE_REWORDED = (
    "Fire crews spent the night at the old paper store in Dunmore. The blaze broke out on Monday night "
    "and spread quickly through the stacked newsprint, the fire service said.\n\n"
    "The building, which has stood on the quay since 1921, is one of the oldest in the town."
)
WAREHOUSE_LATE = (
    "Residents of Dunmore woke to thick smoke. The blaze broke out in the early hours of Tuesday at the "
    "paper warehouse on the quay, firefighters said.\n\n"
    "The warehouse, built in 1924, had been empty at night."
)


def test_an_event_dated_either_side_of_midnight_is_a_soft_dispute(models) -> None:
    facts = facts_of(
        models,
        document("w1", "Dunmore Echo", "2031-05-13", "Warehouse blaze in Dunmore", WAREHOUSE),
        document(
            "w2", "Quay Times", "2031-05-13", "Night of fire at Dunmore paper store", WAREHOUSE_REWORDED
        ),
        document("w3", "County Wire", "2031-05-13", "Dunmore warehouse fire", WAREHOUSE_LATE),
    )
    fire = find(facts, "date", "blaze broke out")
    assert fire.status == "disputed"
    by_article = {claim.article_id: claim.value for claim in fire.claims}
    assert "Monday" in by_article["w1"] and "Tuesday" in by_article["w3"]
    assert "midnight" in fire.reason
    built = find(facts, "date", "opened or built")
    assert built.status == "disputed"
    assert {claim.number for claim in built.claims} == {1921.0, 1924.0}


def test_the_same_day_in_other_words_agrees_and_reports_are_not_events(models) -> None:
    first = (
        "The Ostra ferry ran aground on Saturday near Kell Point, the coastguard said on Sunday. "
        "All 140 passengers were taken off by lifeboat."
    )
    second = (
        "The coastguard said on Monday that the Ostra ferry ran aground on Saturday off Kell Point, "
        "and that its 140 passengers had been brought ashore."
    )
    facts = facts_of(
        models,
        document("f1", "Kell Gazette", "2031-06-09", "Ferry aground off Kell Point", first),
        document("f2", "Islands Post", "2031-06-10", "Ostra ferry grounding: passengers safe", second),
    )
    grounding = find(facts, "date", "ferry ran aground")
    assert grounding.status == "agreed"
    assert not [f for f in facts if f.kind == "date" and "coastguard" in f.subject]  # said on Sunday / Monday


def test_the_same_verb_weeks_apart_or_in_a_past_year_is_another_occurrence(models) -> None:
    first = (
        "Dock workers in Harwell walked out on Tuesday over pay, the union said. "
        "The port's cranes stood idle all day."
    )
    second = (
        "Dock workers in Harwell walked out in 2027 over pensions, and the port lost a week of trade. "
        "The union said pay talks with the port authority had stalled again."
    )
    facts = facts_of(
        models,
        document("d1", "Harwell News", "2031-09-17", "Harwell dock strike over pay", first),
        document("d2", "Port Weekly", "2031-09-17", "Harwell dockers strike again", second),
    )
    assert not [f for f in facts if f.kind == "date" and f.status == "disputed"]


def test_an_act_told_as_a_noun_with_its_named_victim_is_dated_against_the_verb(models) -> None:
    """ "the shooting of X on Friday" and "killed X on Saturday" date one act on one named person;
    a shooting without a named victim, or of another person, is not compared."""
    noun = (
        "Hundreds marched through Dunmore on Sunday after the fatal shooting of Tomas Brenner on Friday. "
        "A shooting on Thursday near the docks left a man wounded."
    )
    verb = (
        "Prosecutors said a night guard killed Tomas Brenner on Saturday outside a bar in Dunmore. "
        "Ilse Maren was shot on Wednesday in a separate case."
    )
    facts = facts_of(
        models,
        document("s1", "Dunmore Echo", "2031-03-10", "March for Tomas Brenner in Dunmore", noun),
        document("s2", "County Wire", "2031-03-10", "Guard charged over Dunmore bar killing", verb),
    )
    act = find(facts, "date", "Brenner")
    assert act.status == "disputed"
    assert {claim.article_id: claim.value for claim in act.claims} == {"s1": "on Friday", "s2": "on Saturday"}
    dated = [f for f in facts if f.kind == "date"]
    assert not [f for f in dated if "Maren" in f.subject or "docks" in f.subject]


def test_weekdays_of_one_fatal_act_in_undated_articles_are_compared(models) -> None:
    """Without publication dates no calendar day is known, but a named person is killed once: "the
    shooting of X, 19, on Tuesday" (an age between the name and the day) against "killed X on
    Wednesday" disagree.  A march told on two weekdays is not compared: it may have recurred."""
    noun = (
        "The fatal shooting of Petra Holm, 19, on Tuesday set off two nights of marches in Kessel. "
        "Students marched through the old town on Thursday."
    )
    verb = (
        "Court papers say an officer killed Petra Holm on Wednesday during a scuffle near the Kessel bridge. "
        "Students marched through the old town on Friday."
    )
    facts = facts_of(
        models,
        document("u1", "Kessel Post", None, "Marches after Petra Holm shooting", noun),
        document("u2", "River Wire", None, "Officer charged over Petra Holm death", verb),
    )
    act = find(facts, "date", "Holm")
    assert act.status == "disputed"
    assert {claim.article_id: claim.value for claim in act.claims} == {
        "u1": "on Tuesday",
        "u2": "on Wednesday",
    }
    assert "Tuesday (" in act.reason and "Wednesday (" in act.reason
    assert not [f for f in facts if f.kind == "date" and "march" in f.subject.lower()]


@pytest.mark.parametrize(
    "other",
    [
        "The magnitude 6.8 earthquake struck the Varan valley on Friday, the national seismic service said.",
        "The quake, which had a magnitude of 6.8, hit the Varan valley on Friday, seismologists said.",
        "A 6.8 quake rattled the Varan valley on Friday, the national seismic service said.",
        "The 6.8 temblor that hit the Varan valley on Friday cracked walls, the seismic service said.",
    ],
)
def test_magnitudes_of_one_earthquake_from_two_agencies_are_a_dispute(models, other: str) -> None:
    first = (
        "A magnitude 7.1 earthquake shook the Varan valley on Friday, according to a foreign geological "
        "agency. A magnitude 5.2 aftershock followed an hour later."
    )
    facts = facts_of(
        models,
        document("q1", "Valley Times", "2031-02-08", "Strong earthquake in the Varan valley", first),
        document("q2", "Mountain Post", "2031-02-08", "Varan valley earthquake", other),
    )
    magnitude = find(facts, "quantity", "magnitude of the earthquake")
    assert magnitude.status == "disputed"
    assert {claim.number for claim in magnitude.claims} == {7.1, 6.8}
    assert not [f for f in facts if "aftershock" in f.subject and f.status == "disputed"]


def test_a_place_holding_part_of_a_toll_does_not_locate_the_toll(models) -> None:
    first = (
        "Floods in Loria have killed at least 212 people, the interior ministry said on Wednesday, "
        "most of them in the Brena district."
    )
    second = "The death toll from the floods across Loria rose to 240 on Wednesday, the ministry said."
    facts = facts_of(
        models,
        document("l1", "Loria Daily", "2031-07-10", "Loria floods kill at least 212", first),
        document("l2", "Southern Wire", "2031-07-10", "Loria flood toll rises to 240", second),
    )
    toll = find(facts, "quantity", "killed")
    assert {claim.number for claim in toll.claims} == {212.0, 240.0}
    assert "Brena" not in toll.subject


def test_each_outlets_only_figure_for_a_thing_is_compared_even_when_far_apart(models) -> None:
    first = (
        "A storm tore through Pelham on Sunday. Some 18,000 homes in the town lost power, the grid "
        "operator said, and schools stayed shut."
    )
    second = (
        "Sunday's storm in Pelham brought down trees across the town. It left about 6,000 homes without "
        "power, according to the grid operator."
    )
    facts = facts_of(
        models,
        document("p1", "Pelham Star", "2031-11-03", "Storm cuts power in Pelham", first),
        document("p2", "Town Crier", "2031-11-03", "Pelham storm brings down trees", second),
    )
    homes = find(facts, "quantity", "homes")
    assert homes.status == "disputed"
    assert {claim.number for claim in homes.claims} == {18000.0, 6000.0}


def test_the_figure_of_an_ordinary_day_is_a_soft_dispute_with_its_scope_said(models) -> None:
    first = (
        "The strike at Corran airport on Monday grounded every flight, and up to 40,000 passengers were "
        "affected, the airport said."
    )
    second = (
        "About 52,000 passengers would have passed through Corran airport on a normal Monday, the airport "
        "said, but every flight was grounded by the strike."
    )
    facts = facts_of(
        models,
        document("c1", "Corran Herald", "2031-04-08", "Strike grounds Corran flights", first),
        document("c2", "Air Desk", "2031-04-08", "Corran airport shut by strike", second),
    )
    passengers = find(facts, "quantity", "people in Corran")  # passengers are people
    assert passengers.status == "disputed"
    assert {claim.number for claim in passengers.claims} == {40000.0, 52000.0}
    assert "ordinary day" in passengers.reason and "scopes may differ" in passengers.reason


# --------------------------------------------------------------------------- a country and a city in it

STORM_COUNTRY = (
    "A violent storm swept across northern Italy on Monday, killing four people and flooding hundreds of "
    "homes, the civil protection agency said.\n\nRail services between Turin and Venice were suspended for "
    "the night."
)
STORM_CITY = (
    "The violent storm that swept across northern Italy on Monday flooded homes and cut rail services. In "
    "Milan, one person was killed when a tree fell onto a car, the mayor said.\n\nRail services between Turin "
    "and Venice were suspended for the night as the storm moved east."
)
STORM_BOTH = (
    "Five people died in Italy as the storm hit on Monday, the interior ministry said. In Milan, one man was "
    "killed when a tree fell on his car.\n\nForecasters expect calmer weather by Wednesday."
)
STORM_ABROAD = (
    "The violent storm that swept across northern Italy on Monday reached France overnight. In Lyon, one "
    "person was killed when a tree fell onto a car, the mayor said.\n\nRail services between Turin and Lyon "
    "were suspended for the night as the storm moved west."
)

IN_ITALY = document("wire", "Wire", "2026-03-02", "Storm kills four in northern Italy", STORM_COUNTRY)
IN_MILAN = document(
    "milan", "Milan Daily", "2026-03-02", "Storm sweeps northern Italy, one dead in Milan", STORM_CITY
)
BOTH_PLACES = document("roma", "Roma News", "2026-03-02", "Storm: five dead in Italy", STORM_BOTH)
IN_LYON = document(
    "lyon", "Lyon Matin", "2026-03-02", "Italian storm reaches France, one dead in Lyon", STORM_ABROAD
)


def one_story_facts(models, *documents: RawDocument) -> list[Fact]:
    """The facts of the one story these articles make (the test texts are written as one story)."""
    report = analyze_documents(documents, models=models)
    assert [len(s.article_ids) for s in report.stories] == [len(documents)]
    return list(report.stories[0].facts)


def killed(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.kind == "quantity" and f.subject.startswith("people killed")]


def test_a_country_tally_and_a_city_tally_are_set_side_by_side_as_a_soft_dispute(models) -> None:
    """Four killed in (northern) Italy against one killed in Milan: neither outlet gives the
    other's figure, so the reader sees both, told that Milan is in Italy and the scopes may differ."""
    facts = killed(one_story_facts(models, IN_ITALY, IN_MILAN))
    assert len(facts) == 1
    fact = facts[0]
    assert fact.status == "disputed" and fact.subject == "people killed in Italy"
    assert {(c.article_id, c.number) for c in fact.claims} == {("wire", 4), ("milan", 1)}
    assert "Milan is in Italy" in fact.reason and "scopes may differ" in fact.reason
    assert "cannot both be right" not in fact.reason


def test_an_outlet_giving_both_places_has_each_tally_compared_place_by_place(models) -> None:
    facts = killed(one_story_facts(models, IN_ITALY, IN_MILAN, BOTH_PLACES))
    by_subject = {f.subject: f for f in facts}
    assert set(by_subject) == {"people killed in Italy", "people killed in Milan"}
    assert {c.article_id for c in by_subject["people killed in Italy"].claims} == {"wire", "roma"}
    assert "scopes" not in by_subject["people killed in Italy"].reason
    assert by_subject["people killed in Milan"].status == "agreed"


def test_a_city_in_another_country_is_not_set_against_the_country(models) -> None:
    facts = killed(one_story_facts(models, IN_ITALY, IN_LYON))
    assert sorted((f.subject, f.status) for f in facts) == [
        ("people killed in Italy", "single"),
        ("people killed in Lyon", "single"),
    ]
