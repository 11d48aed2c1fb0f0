"""Quantities with their hedge, what they count, the event, the place and the time (our own texts)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.articles import noise_texts, seed_articles, text_article
from wirecheck.extract.quantities import ArticleIndex, find_quantities
from wirecheck.extract.timerefs import find_time_refs
from wirecheck.model import Article, Quantity

PUBLISHED = "2024-03-12"


def article(body: str, published: str | None = PUBLISHED) -> Article:
    return text_article("q", body, published=published)


def quantities(models, body: str) -> list[Quantity]:
    return find_quantities(models.nlp(body), article(body))


def one(models, body: str, number: float) -> Quantity:
    found = [q for q in quantities(models, body) if q.number == number]
    assert len(found) == 1, [(q.text, q.number) for q in quantities(models, body)]
    return found[0]


def test_number_in_words_with_passive_event_and_place(models):
    q = one(models, "Twenty people were injured in Lviv, the mayor said.", 20)
    assert (q.value, q.qualifier, q.counted, q.counted_class) == ("Twenty", None, "people", "person")
    assert (q.event, q.place) == ("injure", "Lviv")
    assert q.text == "Twenty people"


def test_hedged_casualties_take_the_place_of_the_sentence_before(models):
    body = "Russian missiles slammed into Odesa during the night. The blasts hit a school and flats, killing at least seven people."
    q = one(models, body, 7)
    assert (q.value, q.qualifier, q.event, q.counted_class) == (
        "at least seven",
        "at least",
        "kill",
        "person",
    )
    assert q.place == "Odesa"
    assert q.text == "at least seven people"


def test_deaths_count_people_killed(models):
    body = "Rescuers worked through the rubble in Lviv all day. Lviv reported at least six deaths across three districts."
    q = one(models, body, 6)
    assert (q.event, q.counted, q.counted_class, q.qualifier) == ("kill", "person", "person", "at least")
    assert q.place == "Lviv"


def test_two_counts_in_one_phrase(models):
    body = "Overnight, Russia launched 31 missiles and 540 drones at Ukraine, the air force said."
    missiles, drones = one(models, body, 31), one(models, body, 540)
    assert (missiles.counted, missiles.event) == ("missile", "launch")
    assert (drones.counted, drones.counted_class, drones.event) == ("drone", "drone", "launch")
    assert drones.time == PUBLISHED
    assert missiles.place != "Russia"  # the attacker is not where it happened


def test_wounded_residents_and_bare_number_after_casualty_verb(models):
    body = "In the border town of Sumy, shelling killed one person and injured four, with nine residents wounded in a second strike."
    killed, injured, wounded = one(models, body, 1), one(models, body, 4), one(models, body, 9)
    assert (killed.event, killed.counted_class, killed.place) == ("kill", "person", "Sumy")
    assert (injured.event, injured.counted_class) == ("injure", "person")
    assert (wounded.event, wounded.counted, wounded.counted_class) == ("injure", "resident", "person")


@pytest.mark.parametrize(
    ("body", "number", "value", "qualifier"),
    [
        ("Leaders from over 30 countries joined the call.", 30, "over 30", "more than"),
        ("The alliance gathers more than 20 nations.", 20, "more than 20", "more than"),
        ("Nearly 40 people were evacuated from the tower.", 40, "Nearly 40", "nearly"),
        ("Up to 15 ships may be affected by the ban.", 15, "Up to 15", "up to"),
        ("About 200 workers walked out of the plant.", 200, "About 200", "about"),
        ("Fewer than 10 buses ran on Sunday.", 10, "Fewer than 10", "fewer than"),
        (
            "Firefighters rescued more than a dozen people from the flats.",
            12,
            "more than a dozen",
            "more than",
        ),
        ("Six or more people were hurt in the crush.", 6, "Six or more", "at least"),
    ],
)
def test_qualifiers_are_normalised(models, body, number, value, qualifier):
    q = one(models, body, number)
    assert (q.value, q.qualifier) == (value, qualifier)


def test_countries_and_nations_share_a_class(models):
    assert one(models, "Envoys from over 30 countries met.", 30).counted_class == "country"
    assert one(models, "A group of more than 20 nations backs the plan.", 20).counted_class == "country"


def test_ages_are_marked_so_they_are_not_tallies(models):
    body = "A 90-year-old man and an 86-year-old woman were among the dead."
    ninety, eighty_six = one(models, body, 90), one(models, body, 86)
    assert ninety.counted_class == "age" and ninety.counted == "year"
    assert eighty_six.counted_class == "age"
    assert ninety.text == "90-year-old"


def test_hyphenated_unit_and_plain_points(models):
    body = "The original 28-point plan was cut to 19 points after the talks."
    original, revised = one(models, body, 28), one(models, body, 19)
    assert (original.counted, original.text) == ("point", "28-point")
    assert (revised.counted, revised.text) == ("point", "19 points")


def test_large_numbers_and_troops(models):
    q = one(models, "The deal would cap the army at 600,000 troops.", 600_000)
    assert (q.value, q.counted_class) == ("600,000", "troops")
    assert one(models, "The fund holds 1.5 million tonnes of grain.", 1_500_000).counted == "tonne"


def test_dates_and_years_are_not_quantities(models):
    found = quantities(models, "On March 3, 2022, the war was in its second week; in 2014 it had begun.")
    assert not [q for q in found if q.number in {3, 2022, 2014}]


def test_numbers_in_names_are_not_quantities(models):
    found = quantities(models, "The treaty's Article 5 was cited as F-16 jets flew over the Covid-19 ward.")
    assert not [q for q in found if q.number in {5, 16, 19}]


def test_one_as_a_pronoun_is_not_a_quantity(models):
    assert not [
        q for q in quantities(models, "It was one of the longest raids, said one resident.") if q.number == 1
    ]


def test_money_and_percentages_keep_their_unit(models):
    body = "The bank lent $1.5 billion to the city. Turnout fell to 45% from 52 percent."
    loan = one(models, body, 1.5e9)
    assert (loan.counted, loan.counted_class, loan.value) == ("dollar", "money", "$1.5 billion")
    turnout = one(models, body, 45)
    assert (turnout.counted, turnout.value) == ("percent", "45%")
    assert one(models, body, 52).counted == "percent"


def test_hyphenated_number_words_and_part_of_a_group(models):
    q = one(models, "Twenty-six of the 27 ministers signed the letter.", 26)
    assert (q.value, q.counted) == ("Twenty-six", "minister")


def test_a_rising_toll_counts_the_dead(models):
    toll = one(models, "The death toll from the landslide rose to 212 on Monday.", 212)
    assert (toll.event, toll.counted_class) == ("kill", "person")
    raised = one(models, "Officials raised the number of people killed in the floods to 48.", 48)
    assert (raised.event, raised.counted_class) == ("kill", "person")


def test_hedge_in_front_of_a_currency_symbol(models):
    q = one(models, "Brussels listed about €18 billion of goods.", 18e9)
    assert (q.value, q.qualifier) == ("about €18 billion", "about")


def test_clock_times_are_not_quantities(models):
    found = quantities(models, "The quake struck shortly before 1 p.m. and again at 18:30.")
    assert not [q for q in found if q.number in {1, 18, 18.3, 30}]


def test_vague_amounts_are_marked(models):
    q = one(models, "Dozens of people were left homeless by the fire.", 24)
    assert q.vague and q.qualifier == "at least" and q.counted == "people"


def test_ranges_have_an_upper_end(models):
    q = one(models, "Between 10 and 15 people were detained at the border.", 10)
    assert (q.number, q.number_max, q.counted) == (10, 15, "people")


def test_spans_point_into_the_body(models):
    body = "Police said 14 people were arrested in Porto overnight.\n\nThe club paid 3 million euros."
    for q in quantities(models, body):
        assert body[q.start : q.end] == q.text
        assert q.sentence in body


def test_seed_article_kyiv_tally(models, seeds_dir):
    """The Kyiv strike in a seed piece: "killing at least seven people" sits in Kyiv."""
    (seed,) = seed_articles(seeds_dir, "000_*.txt")
    found = find_quantities(models.nlp(seed.body), seed)
    killed = [q for q in found if q.event == "kill" and q.number == 7]
    assert killed and killed[0].place == "Kyiv" and killed[0].qualifier == "at least"
    assert not [q for q in found if q.number in {2022, 2025}]


NUMBERISH = [
    "one", "Twenty", "600,000", "a", "dozen", "dozens", "of", "at", "least", "more", "than", "people", "killed",
    "in", "Kyiv", "-", "year", "old", "90-year-old", "%", "$", "1.5", "million", "and", "between", "to",
    "2024", "March", "3", ",", ".", "\n\n", "drones", "over",
]  # fmt: skip
TEXTS = noise_texts(NUMBERISH)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_arbitrary_text_never_crashes(models, body):
    for q in find_quantities(models.nlp(body), article(body)):
        assert 0 <= q.start <= q.end <= len(body)
        assert body[q.start : q.end] == q.text


def test_the_article_index_finds_what_each_sentence_holds(models):
    """The entities and time references looked up by position are those spaCy and a scan give."""
    body = (
        "Floodwater closed the ring road in Marlow on Monday, and 40 families left Eastfield. "
        "On Tuesday the Oster river fell by two metres near Brenning, the water board said.\n\n"
        "Rescuers from Kettle Bay reached Holmsby late on Wednesday; 12 people were taken to Ravensmoor."
    )
    doc = models.nlp(body)
    times = find_time_refs(doc, article(body))
    index = ArticleIndex.of(doc, times)
    assert index.entities and index.times
    for sentence in doc.sents:
        assert index.entities_in(sentence) == list(sentence.ents)
        inside = [t for t in times if sentence.start_char <= t.start < sentence.end_char]
        assert index.times_in(sentence) == inside
