"""A named person's age and number of children, compared across outlets (compare/persons.py).

Every sentence is our own; the real spaCy model tags the names.
"""

from __future__ import annotations

from tests.articles import text_article
from wirecheck import extract
from wirecheck.compare.falls import fall_facts
from wirecheck.compare.persons import person_facts
from wirecheck.model import Article


def facts_of(models, bodies: dict[str, str]):
    articles: list[Article] = [
        text_article(key, body, published="2031-05-14", outlet=f"{key}.example")
        for key, body in bodies.items()
    ]
    mentions = extract.extract_mentions(articles, models)
    entities = extract.resolve_story_entities(articles, mentions)
    return person_facts(entities, articles, mentions)


def by_subject(facts):
    return {f.subject: f for f in facts}


def test_one_person_given_two_ages_is_a_dispute(models):
    """An age written before the name ("34-year-old X") and after it ("X, 35,") of one person."""
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "A 34-year-old diver, Daniel Whitford, drowned off the reef on Tuesday.",
                "b": "Daniel Whitford, 35, drowned off the reef on Tuesday, the coastguard said.",
                "c": "Rescuers said 34-year-old Daniel Whitford had dived there for years.",
            },
        )
    )
    fact = facts["age of Daniel Whitford"]
    assert fact.status == "disputed"
    assert sorted(c.number for c in fact.claims) == [34.0, 35.0]
    assert "34 (" in fact.reason and "35 (" in fact.reason


def test_ages_of_two_people_are_not_compared(models):
    """Two people of different ages in one story: each age stays with its own name."""
    facts = facts_of(
        models,
        {
            "a": "Daniel Whitford, 35, and his sister Sarah Whitford, 29, were rescued on Tuesday.",
            "b": "The coastguard rescued Sarah Whitford, 29, and Daniel Whitford, 35, off the reef.",
        },
    )
    assert {f.subject: f.status for f in facts} == {
        "age of Daniel Whitford": "agreed",
        "age of Sarah Whitford": "agreed",
    }


def test_an_age_not_written_against_the_name_is_not_taken(models):
    """ "the 40-year-old ferry" is no one's age, and a name that is not next to the age gets none."""
    facts = facts_of(
        models,
        {
            "a": "Daniel Whitford boarded the 40-year-old ferry at dawn.",
            "b": "Daniel Whitford, 35, boarded the old ferry at dawn.",
        },
    )
    assert facts == []  # one outlet alone gives an age


def test_mother_of_n_unnamed_goes_to_the_one_named_mother(models):
    """ "a mother of six" said of a name, and "the mother of seven" said of no one, in a story whose
    articles name one mother: the same person, two counts."""
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "Sarah Kendall, 38, a mother of six, was hit by a falling branch in Corven Park.",
                "b": "Police said a falling branch struck the mother of seven as she crossed Corven Park.",
                "c": "Sarah Kendall was a mother of six, her neighbours said.",
            },
        )
    )
    fact = facts["number of children of Sarah Kendall"]
    assert fact.status == "disputed"
    assert sorted(c.number for c in fact.claims) == [6.0, 6.0, 7.0]


def test_mother_of_n_is_not_attached_when_two_mothers_are_named(models):
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "Sarah Kendall, a mother of six, and Helen Moore, a mother of two, were hurt.",
                "b": "Police said the mother of seven was taken to hospital.",
            },
        )
    )
    assert "number of children of Sarah Kendall" not in facts or all(
        c.article_id == "a" for c in facts["number of children of Sarah Kendall"].claims
    )


def test_mother_of_years_is_not_a_count_of_children(models):
    facts = facts_of(
        models,
        {
            "a": "Sarah Kendall, the mother of two years' worth of complaints, spoke first.",
            "b": "Sarah Kendall, a mother of three, spoke first.",
        },
    )
    assert facts == []


# ------------------------------------------------------------------ how far a person fell (compare/falls.py)


def falls_of(models, bodies: dict[str, str]):
    articles: list[Article] = [
        text_article(key, body, published="2031-05-14", outlet=f"{key}.example")
        for key, body in bodies.items()
    ]
    mentions = extract.extract_mentions(articles, models)
    entities = extract.resolve_story_entities(articles, mentions)
    return {f.subject: f for f in fall_facts(entities, articles, mentions)}


def test_a_fall_in_feet_and_in_metres_agrees_after_conversion(models):
    """300 ft is 91 m: "about 90 metres" and "300ft" are one length, not a dispute."""
    facts = falls_of(
        models,
        {
            "a": "Daniel Whitford slipped and fell about 90 metres into a gorge on Sunday.",
            "b": "Daniel Whitford fell 300ft into a gorge on Sunday, rangers said.",
        },
    )
    assert facts["how far Daniel Whitford fell"].status == "agreed"


def test_two_lengths_of_one_fall_are_a_dispute_and_an_age_names_the_faller(models):
    """ "the 52-year-old" is the one person the story names with that age."""
    facts = falls_of(
        models,
        {
            "a": "Daniel Whitford, 52, fell 40 metres from the cliff path on Sunday.",
            "b": "The 52-year-old slipped and fell about 120 metres from the cliff path.",
            "c": "Daniel Whitford, 52, was airlifted after he fell about 40m.",
        },
    )
    fact = facts["how far Daniel Whitford fell"]
    assert fact.status == "disputed"
    assert sorted(c.number for c in fact.claims) == [40.0, 40.0, 120.0]


def test_two_peoples_falls_are_not_compared(models):
    facts = falls_of(
        models,
        {
            "a": "Daniel Whitford fell 40 metres on Sunday; on Monday Sarah Kendall fell 200 metres.",
            "b": "Sarah Kendall fell about 200m, a day after Daniel Whitford fell 40m.",
        },
    )
    assert {s: f.status for s, f in facts.items()} == {
        "how far Daniel Whitford fell": "agreed",
        "how far Sarah Kendall fell": "agreed",
    }


def test_an_unnamed_fall_is_left_out(models):
    """No name and no age that points at one named person: whose fall it is stays unknown."""
    facts = falls_of(
        models,
        {
            "a": "A climber fell 40 metres on Sunday, Daniel Whitford said.",
            "b": "Daniel Whitford fell 150 metres on Sunday.",
        },
    )
    assert facts == {}


# ------------------------------------------------------------------ how many times a person was shot


def test_times_shot_of_one_person_across_outlets(models):
    """Passive ("X was shot six times"), active ("hitting X nine times") and a pronoun whose
    sentence names one person before it."""
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "Officers fired at the car, hitting Daniel Whitford nine times in the chest and arms.",
                "b": "Daniel Whitford was shot six times, the coroner found on Friday.",
                "c": "A report on Daniel Whitford said he had been shot six times.",
            },
        )
    )
    fact = facts["how many times Daniel Whitford was shot"]
    assert fact.status == "disputed"
    assert sorted(c.number for c in fact.claims) == [6.0, 6.0, 9.0]


def test_a_shared_surname_names_the_last_person_named_in_full(models):
    """ "Whitford" after "Sarah Whitford" is Sarah, not Daniel: each age stays with its own person."""
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "Daniel Whitford, 17, was hurt. His sister Sarah Whitford spoke first. Whitford, 22, said he was calm.",
                "b": "Daniel Whitford, 17, was hurt on Friday, and his sister Sarah Whitford, 22, was with him.",
            },
        )
    )
    assert {s: f.status for s, f in facts.items() if s.startswith("age")} == {
        "age of Daniel Whitford": "agreed",
        "age of Sarah Whitford": "agreed",
    }


def test_ages_given_years_apart_are_no_dispute(models):
    """An age at the arrest and an older one at the trial two years later can both be right."""
    articles = [
        text_article(
            "a", "Daniel Whitford, 27, was arrested on Friday.", published="2029-03-02", outlet="a.example"
        ),
        text_article(
            "b", "Daniel Whitford, 29, was convicted on Monday.", published="2031-05-14", outlet="b.example"
        ),
    ]
    mentions = extract.extract_mentions(articles, models)
    assert person_facts(extract.resolve_story_entities(articles, mentions), articles, mentions) == []


def test_a_different_first_name_is_not_taken_for_the_same_person(models):
    """ "Jeremy" may be folded into "Jerry" as a short form, but his age is not Jerry's."""
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "Deputy Jerry Conlan, 35, was shot at the door.",
                "b": "Deputy Jerry Conlan, 35, died at the scene. His son Jeremy Conlan, 17, spoke to reporters.",
            },
        )
    )
    assert facts["age of Jerry Conlan"].status == "agreed"
    assert sorted(c.number for c in facts["age of Jerry Conlan"].claims) == [35.0, 35.0]


# ------------------------------------------------------------------ how many times a person was arrested


def test_prior_arrests_of_one_person_across_outlets(models):
    """The count of a named person's arrests, as a verb ("had previously been arrested five
    times"), as a noun ("has five prior arrests") or after a participle in a sentence naming one
    person; a count "since March" is of a shorter stretch, so the dispute says the scopes may differ."""
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "Records show Daniel Whitford had previously been arrested five times for burglary.",
                "b": "Court papers say Daniel Whitford has five prior arrests, all for theft.",
                "c": "Daniel Whitford was known to officers, having been arrested twice since March.",
            },
        )
    )
    fact = facts["how many times Daniel Whitford was arrested"]
    assert fact.status == "disputed"
    assert sorted(c.number for c in fact.claims) == [2.0, 5.0, 5.0]
    assert fact.soft and "since March" in fact.reason and "scopes may differ" in fact.reason


def test_arrests_of_two_people_stay_apart(models):
    """Each count of arrests stays with the person it is said of."""
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "Daniel Whitford had been arrested three times. Sarah Whitford was arrested once.",
                "b": "Daniel Whitford has three prior arrests, the police said.",
            },
        )
    )
    fact = facts["how many times Daniel Whitford was arrested"]
    assert fact.status == "agreed"
    assert [c.number for c in fact.claims] == [3.0, 3.0]


def test_a_surname_two_named_people_share_is_told_as_the_surname(models):
    """After "Tom Kessler" and "his brother Paul Kessler", a bare "Kessler" may be either: the count
    is told of "Kessler", not given to the brother named last."""
    facts = by_subject(
        facts_of(
            models,
            {
                "a": "Tom Kessler, 17, died on Friday. His brother Paul Kessler spoke to reporters. "
                "Kessler had previously been arrested four times.",
                "b": "Tom Kessler was buried on Monday. His brother, Paul Kessler, wept. Kessler has four prior arrests.",
            },
        )
    )
    assert "how many times Paul Kessler was arrested" not in facts
    assert facts["how many times Kessler was arrested"].status == "agreed"
