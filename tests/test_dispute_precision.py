"""Dispute precision on real news (issue 10): figures that speak of different things are not
compared, and an agreement needs figures of one thing too.

Each test names the general pattern it serves; every sentence is our own, parsed by the real
spaCy model.
"""

from __future__ import annotations

from tests.articles import text_article
from wirecheck.compare import align, frames
from wirecheck.extract.quantities import find_quantities
from wirecheck.extract.runner import mentions_from_doc
from wirecheck.model import Quantity


def by_number(models, body: str) -> dict[float, Quantity]:
    article = text_article("p", body, published="2031-05-14")
    return {q.number: q for q in find_quantities(models.nlp(body), article)}


def claims_of(models, *bodies: str) -> list[align.QuantityClaim]:
    """Comparable figures of one article per body, extracted and framed as compare sees them."""
    articles = [text_article(f"a{i}", body, published="2031-05-14") for i, body in enumerate(bodies)]
    mentions = [mentions_from_doc(models.nlp(a.body), a) for a in articles]
    return align.quantity_claims(articles, mentions)


def claim(claims: list[align.QuantityClaim], article_id: str, number: float) -> align.QuantityClaim:
    return next(c for c in claims if c.article_id == article_id and c.quantity.number == number)


# ------------------------------------------------------------------ what is counted


def test_a_compound_counts_its_head_not_the_noun_in_front(models):
    """ "one mortar launched flare pistol": the count is of pistols; "mortar" only modifies."""
    found = by_number(models, "The crate held nine carbines, one mortar launched flare pistol, and ropes.")
    assert found[1].counted == "pistol"


def test_a_plural_after_the_number_counts_itself(models):
    found = by_number(models, "Coastguards recovered two flares fired from the stricken yacht.")
    assert found[2].counted == "flare"


def test_the_part_of_a_written_whole_counts_the_same_thing(models):
    """ "scored 31 of 47 shots": 31 are shots scored, 47 the shots tried; the whole is not compared."""
    found = by_number(models, "Okafor made 31 of 47 shots in the final against Tarrow.")
    assert found[31].counted == "shot"
    assert found[47].role == "whole"
    assert not frames.comparable(found[47])


def test_how_far_on_in_a_series_is_not_a_tally(models):
    found = by_number(models, "Nine rounds later the Harriers were top of the table.")
    assert found[9].role == "elapsed"
    assert not frames.comparable(found[9])


def test_the_bar_of_a_record_class_is_not_a_tally(models):
    body = "The Harriers became the only club to win at least 12 matches after finishing bottom."
    found = by_number(models, body)
    assert found[12].role == "record"
    assert not frames.comparable(found[12])


def test_a_plain_win_count_stays_a_tally(models):
    found = by_number(models, "The Harriers won 12 matches this spring.")
    assert found[12].role == "tally"


def test_a_believed_predicate_is_the_complements(models):
    found = by_number(models, "Two fishermen are believed to have been arrested off Kettle Point.")
    assert found[2].event == "arrest"


# ------------------------------------------------------------------ predicates and scopes


def test_things_an_outcome_befell_are_not_set_against_things_seen(models):
    """Five rafts seen approaching and three rafts seized are different sets of rafts."""
    claims = claims_of(
        models,
        "Lookouts on the Verrin saw five rafts approaching the convoy at dawn.",
        "Marines on the Verrin seized three rafts after a short chase.",
    )
    assert not align.compatible(claim(claims, "a0", 5), claim(claims, "a1", 3))


def test_two_verbs_of_taking_into_custody_are_one_predicate(models):
    claims = claims_of(
        models,
        "Coastguards arrested 14 smugglers near Kettle Point on Sunday.",
        "Coastguards detained 15 smugglers near Kettle Point on Sunday.",
    )
    assert align.compatible(claim(claims, "a0", 14), claim(claims, "a1", 15))


def test_verbs_outside_the_outcome_families_may_tell_one_predicate(models):
    claims = claims_of(
        models,
        "The raiders made off with 40 watches from the Orvale boutique.",
        "Thieves stole 45 watches from the Orvale boutique.",
    )
    assert align.compatible(claim(claims, "a0", 40), claim(claims, "a1", 45))


def test_one_person_who_threw_is_not_one_person_arrested(models):
    claims = claims_of(
        models,
        "One person threw a bottle at the officers outside the depot.",
        "One person was arrested outside the depot, the officers said.",
    )
    assert not align.compatible(claim(claims, "a0", 1), claim(claims, "a1", 1))


def test_a_total_over_several_nights_is_not_one_nights_figure(models):
    claims = claims_of(
        models,
        "More than 60 arrests have been made over five nights of unrest in Orvale.",
        "Police made 38 arrests in Orvale on Thursday night.",
    )
    over_nights, one_night = claim(claims, "a0", 60), claim(claims, "a1", 38)
    assert over_nights.span_days == 5
    assert not align.compatible(over_nights, one_night)


def test_figures_without_a_stretch_or_a_day_are_still_compared(models):
    claims = claims_of(
        models,
        "More than 60 arrests have been made in Orvale.",
        "Police made 38 arrests in Orvale.",
    )
    assert align.compatible(claim(claims, "a0", 60), claim(claims, "a1", 38))


def test_a_running_total_is_not_one_operations_figure(models):
    claims = claims_of(
        models,
        "The frigate has confiscated 22 pistols from smugglers so far.",
        "Eight pistols were confiscated from the smugglers' launch on Friday.",
    )
    assert claim(claims, "a0", 22).running
    assert not align.compatible(claim(claims, "a0", 22), claim(claims, "a1", 8))


def test_a_toll_so_far_is_still_the_events_toll(models):
    claims = claims_of(
        models,
        "The floods have killed 31 people in Varne so far.",
        "The floods killed 29 people in Varne, officials said.",
    )
    assert align.compatible(claim(claims, "a0", 31), claim(claims, "a1", 29))


def test_a_figure_of_the_event_that_followed_is_another_events(models):
    body = "At 6:10 p.m. the tremor was followed by a smaller quake three miles north of Dunmere."
    assert by_number(models, body)[3].background


def test_the_main_events_distance_is_not_background(models):
    assert not by_number(models, "The tremor struck three miles north of Dunmere.")[3].background


def test_a_total_over_several_operations_is_a_running_total(models):
    claims = claims_of(
        models,
        "The frigate seized a total of 22 pistols during the four patrols it made in the strait.",
        "Eight pistols were seized from the smugglers' launch on Friday.",
    )
    assert claim(claims, "a0", 22).running
    assert not claim(claims, "a1", 8).running


def test_the_bar_of_a_class_someone_joined_is_not_a_tally(models):
    body = "Okafor then became the third keeper in the league's history to save 40 penalties."
    assert by_number(models, body)[40].role == "record"


def test_a_parent_of_a_number_counts_children_not_people_killed(models):
    found = by_number(models, "The gunman shot dead a father of four outside the Orvale depot.")
    assert (found[4].counted, found[4].event) == ("offspring", None)
