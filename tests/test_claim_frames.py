"""Claim frames: what a figure is a figure of, so that only figures of one thing are compared.

Each test names the general pattern it serves; every sentence is our own.
"""

from __future__ import annotations

import pytest

from tests.articles import text_article
from wirecheck.compare import frames, judge
from wirecheck.compare.names import one_name_reason
from wirecheck.compare.quotes import quote_words, wording_differences
from wirecheck.extract.quantities import find_quantities
from wirecheck.model import Quantity


def quantities(models, body: str, published: str = "2031-05-14") -> list[Quantity]:
    return find_quantities(models.nlp(body), text_article("f", body, published=published))


def by_number(models, body: str) -> dict[float, Quantity]:
    return {q.number: q for q in quantities(models, body)}


# ------------------------------------------------------------------ numbers that are not tallies


def test_a_score_or_a_record_is_not_a_tally(models):
    found = by_number(models, "The Harriers lost 91-77 at home on Friday, a 6-11 start to their season.")
    assert {found[91].role, found[77].role} == {"score"}
    assert not frames.comparable(found[91])


def test_a_range_of_people_stays_a_tally(models):
    q = by_number(models, "Between 10 and 15 people were hurt when the stand collapsed.")[10]
    assert (q.role, q.number_max) == ("tally", 15)


def test_three_or_four_is_a_range(models):
    q = by_number(models, "Three or four masked men stormed the jeweller's shop in Orvale.")[3]
    assert q.number_max == 4


def test_an_age_in_apposition_is_an_age(models):
    found = by_number(models, "Tobias Wren, 41, was arrested at the harbour on Sunday.")
    assert found[41].role == "age"
    assert not frames.comparable(found[41])


def test_a_fraction_cannot_count_whole_things(models):
    found = by_number(models, "A 3.1 aftershock rattled the valley before dawn.")
    assert found[3.1].role in {"measure", "tally"}
    assert found[3.1].role != "tally" or found[3.1].counted_class == "magnitude"


def test_a_season_written_with_its_years_is_not_a_count(models):
    found = quantities(models, "He signed through the 2031-32 season with the Harriers.")
    assert all(q.role != "tally" or q.number not in {31, 32} for q in found)


@pytest.mark.parametrize(
    ("pattern", "sentence", "number", "field", "expected"),
    [
        ("an average is a rate", "Okafor is averaging 17.5 points this season.", 17.5, "role", "rate"),
        ("a figure per game is a rate", "Okafor made 9 steals a game last month.", 9, "role", "rate"),
        (
            "money first named is the figure",
            "The bridge will cost 40 million euros ($43 million).",
            40e6,
            "role",
            "tally",
        ),
        (
            "a bracketed conversion",
            "The bridge will cost 40 million euros ($43 million).",
            43e6,
            "role",
            "conversion",
        ),
        (
            "each figure takes its own verb",
            "The landslide killed six and left eleven missing.",
            6,
            "event",
            "kill",
        ),
        (
            "each figure takes its own verb",
            "The landslide killed six and left eleven missing.",
            11,
            "event",
            "missing",
        ),
        (
            "a state through be",
            "Officials said 212 people were injured and 37 were still missing.",
            37,
            "event",
            "missing",
        ),
    ],
)
def test_what_a_figure_is(models, pattern, sentence, number, field, expected):
    assert getattr(by_number(models, sentence)[number], field) == expected, pattern


# ------------------------------------------------------------------ sums


def test_a_woman_and_her_two_sons_are_three_killed(models):
    found = quantities(models, "A woman and her two sons were killed when the flood swept their car away.")
    total = [q for q in found if q.role == "sum"]
    assert [q.number for q in total] == [3]
    assert total[0].event == "kill"
    assert all(q.role == "part" for q in found if q.number == 2)


def test_two_nationalities_of_one_noun_add_up(models):
    found = quantities(models, "The patrol detained 9 Polish and 5 Czech smugglers off the cape.")
    assert [q.number for q in found if q.role == "sum"] == [14]
    assert {q.role for q in found if q.number in {9, 5}} == {"part"}


def test_soldiers_and_civilians_add_up_to_people(models):
    found = quantities(models, "Four soldiers and two civilians died in the ambush near Tarrow.")
    total = next(q for q in found if q.role == "sum")
    assert (total.number, total.counted_class) == (6, "person")


def test_counts_of_different_things_do_not_add_up(models):
    found = quantities(models, "Police found 8 pistols, 40 magazines and 600 rounds in the van.")
    assert not [q for q in found if q.role == "sum"]


# ------------------------------------------------------------------ predicate, holder, modifiers, scope


def test_a_players_figure_has_a_holder(models):
    found = by_number(models, "Dario Keane rushed for 118 yards, and the defence allowed 240 yards.")
    assert found[118].holder == "keane"
    assert found[240].holder is None


def test_a_pronoun_holder_is_unnamed_and_not_compared(models):
    found = by_number(models, "He threw for 312 yards in the second half.")
    assert found[312].holder == "?he"


def test_words_that_narrow_the_counted_noun(models):
    found = by_number(models, "The ferry carried 310 passengers and crew and 12 UN staff.")
    assert "+crew" in found[310].modifiers
    assert "un" in found[12].modifiers


def test_a_distance_keeps_its_reference_point_and_direction(models):
    found = by_number(models, "The quake struck 14 miles northeast of Pellham at a depth of 6 miles.")
    assert (found[14].reference, found[14].direction) == ("pellham", "northeast")
    assert found[6].reference == "depth"


def test_a_distance_without_a_reference_point_is_not_compared(models):
    q = by_number(models, "The runner was caught after 40 yards.")[40]
    assert not frames.comparable(q)


def test_an_earlier_year_in_the_clause_makes_a_background_event(models):
    found = by_number(models, "The 2019 flood in Marrow killed 84 people. This week's storm killed 9 people.")
    assert found[84].background is True
    assert found[9].background is False


def test_a_year_in_a_nested_clause_does_not_date_the_figure(models):
    q = by_number(models, "Some 26 mayors signed the letter, as they have done every spring since 2027.")[26]
    assert q.background is False


def test_frames_differ_for_children_and_people_but_not_for_one_man(models):
    children = by_number(models, "Nine children were killed in the fire.")[9]
    people = by_number(models, "Nine people were killed in the fire.")[9]
    man = by_number(models, "One man was killed in the fire.")[1]
    person = by_number(models, "One person was killed in the fire.")[1]
    assert frames.frame_of(children, "person", "kill") != frames.frame_of(people, "person", "kill")
    assert frames.frame_of(man, "person", "kill") == frames.frame_of(person, "person", "kill")


def test_two_currencies_are_two_frames(models):
    euros = by_number(models, "The paintings were insured for 30 million euros.")[30e6]
    pounds = by_number(models, "The paintings were insured for £26 million.")[26e6]
    assert frames.frame_of(euros, "money", "").key() != frames.frame_of(pounds, "money", "").key()


def test_an_article_giving_one_frame_two_figures_is_ambiguous():
    keys = [
        ("a", ("yards",), 12.0),
        ("a", ("yards",), 45.0),
        ("b", ("yards",), 12.0),
        ("b", ("yards",), 12.0),
    ]
    assert frames.ambiguous_in(keys) == {("a", ("yards",))}


# ------------------------------------------------------------------ judging


def test_nearly_a_figure_and_more_than_it_cannot_both_hold():
    nearly = judge.Reading("a", "A", "nearly 90", 90, "nearly")
    over = judge.Reading("b", "B", "more than 90", 90, "more than")
    assert judge.judge_tally([nearly, over]).status == "disputed"


# ------------------------------------------------------------------ names and quotes


def test_a_familiar_or_longer_form_of_a_given_name_is_not_a_dispute():
    assert one_name_reason("Dave Orrin", "David Orrin")
    assert one_name_reason("Nikolas Perrin", "Nikolaos Perrin")
    assert one_name_reason("Keith Marlow", "Keir Marlow") is None
    assert one_name_reason("Marta Lind", "Marte Lind") is None
    assert one_name_reason("Dave Orrin", "David Orrel") is None


def test_quotes_differing_only_in_brackets_marks_or_spelling_are_one_wording():
    pairs = [
        ("[The council] have let the harbour down", "They have let the harbor down"),
        ("We organised the convoy (on Tuesday) within hours", "We organized the convoy within hours"),
        ("she said. ''We will rebuild the centre of town", "We will rebuild the center of town"),
        ("I shouted to my brother, 'get out now.'", "I shouted to my brother, get out now."),
    ]
    for ours, theirs in pairs:
        assert wording_differences(quote_words(ours), quote_words(theirs)) == [], (ours, theirs)


def test_a_real_change_of_wording_is_still_found():
    ours, theirs = quote_words("We will rebuild every home"), quote_words("We will rebuild every school")
    assert wording_differences(ours, theirs)


def test_two_statements_of_one_speaker_are_not_two_wordings():
    ours = quote_words("We turned towards the boats at once. Two of them fled north while we watched.")
    theirs = quote_words(
        "We turned towards the boats at once. On seeing our approach the crews raised their hands."
    )
    assert wording_differences(ours, theirs) == []


def test_a_bare_figure_inside_a_written_range_agrees():
    ranged = judge.Reading("a", "A", "three or four", 3, number_max=4)
    bare = judge.Reading("b", "B", "four", 4)
    assert judge.judge_tally([ranged, bare]).status == "agreed"


def test_a_whole_figure_that_rounds_a_decimal_agrees():
    precise = judge.Reading("a", "A", "1.2", 1.2)
    whole = judge.Reading("b", "B", "one", 1)
    assert judge.judge_tally([precise, whole]).status == "agreed"
    assert judge.judge_tally([precise, judge.Reading("c", "C", "12", 12)]).status == "disputed"


def test_a_quote_going_on_with_another_statement_is_compared_on_the_shared_one():
    ours = "We turned (our bow) towards the boats. On seeing our approach, the crews raised their hands."
    theirs = "We turned towards the boats. While one of them fled north, we boarded the other three."
    assert wording_differences(quote_words(ours), quote_words(theirs)) == []
    changed = "We turned away from the boats. While one of them fled north, we boarded the other three."
    assert wording_differences(quote_words(ours), quote_words(changed))


# ------------------------------------------------------------------ magnitudes without the word


def test_a_fractional_figure_before_a_shock_noun_is_its_magnitude(models):
    """No one counts quakes in fractions: "a 5.3 tremor" is the tremor's magnitude, while a whole
    number of quakes stays a count of quakes."""
    found = by_number(models, "A 5.3 tremor woke the town at dawn, the first of two quakes that day.")
    assert found[5.3].counted_class == "magnitude"
    assert found[2].counted_class != "magnitude"
