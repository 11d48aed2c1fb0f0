"""Time expressions found and resolved against the publication date (our own test texts)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.articles import noise_texts, seed_articles, text_article
from wirecheck.extract.timerefs import find_time_refs
from wirecheck.model import Article, TimeRef

TUESDAY = "2024-03-12"  # a Tuesday


def article(body: str, published: str | None = TUESDAY) -> Article:
    return text_article("t", body, published=published)


def refs(models, body: str, published: str | None = TUESDAY) -> list[TimeRef]:
    return find_time_refs(models.nlp(body), article(body, published))


def only(models, body: str, written: str, published: str | None = TUESDAY) -> TimeRef:
    """The one reference whose text contains ``written``."""
    found = [r for r in refs(models, body, published) if written.lower() in r.text.lower()]
    assert len(found) == 1, [r.text for r in refs(models, body, published)]
    return found[0]


def test_weekday_in_the_past_counts_back_from_publication(models):
    ref = only(models, "Negotiators met in Vienna on Sunday to close the deal.", "Sunday")
    assert ref.text == "on Sunday"
    assert (ref.date, ref.granularity, ref.kind, ref.future) == ("2024-03-10", "day", "date", False)


def test_weekday_of_publication_is_the_same_day(models):
    assert only(models, "The minister resigned on Tuesday after a long row.", "Tuesday").date == TUESDAY


def test_weekday_with_future_verb_counts_forward(models):
    ref = only(models, "The two leaders will meet on Friday in Oslo.", "Friday")
    assert ref.date == "2024-03-15"
    assert ref.future


def test_weekday_with_plan_counts_forward(models):
    ref = only(models, "The envoy is expected to arrive on Thursday.", "Thursday")
    assert ref.date == "2024-03-14"


def test_weekday_with_no_tense_cue_takes_the_nearer_day(models):
    ref = only(models, "The airline said it expected to resume flights on Wednesday.", "Wednesday")
    assert ref.date == "2024-03-13"
    ref = only(models, "The airline resumed flights on Wednesday.", "Wednesday")
    assert ref.date == "2024-03-06"


def test_planned_weekend_is_the_coming_one(models):
    assert only(models, "Delays will continue over the weekend.", "weekend").date == "2024-03-16"
    assert only(models, "Delays continued over the weekend.", "weekend").date == "2024-03-09"


def test_weekday_with_full_date_is_one_reference(models):
    ref = only(models, "On Monday, March 11, 2024, the envoy landed in Oslo.", "Monday")
    assert ref.text == "On Monday, March 11, 2024"
    assert ref.date == "2024-03-11"


def test_late_weekday_with_date_in_brackets(models):
    ref = only(models, "Late Monday (March 11) and all of Tuesday the teams kept talking.", "Late Monday")
    assert ref.text == "Late Monday (March 11)"
    assert (ref.date, ref.qualifier, ref.granularity) == ("2024-03-11", "late", "part_of_day")


def test_overnight_on_a_dated_weekday(models):
    ref = only(models, "Overnight on Tuesday, March 12, rockets hit the port.", "Overnight")
    assert ref.text == "Overnight on Tuesday, March 12"
    assert (ref.date, ref.granularity) == (TUESDAY, "part_of_day")


@pytest.mark.parametrize(
    ("body", "written", "date", "granularity"),
    [
        ("The bridge reopened yesterday after repairs.", "yesterday", "2024-03-11", "day"),
        ("Officials said today that the bridge is safe.", "today", TUESDAY, "day"),
        ("Storms battered the coast last night.", "last night", TUESDAY, "part_of_day"),
        ("Drones struck two depots overnight, officials said.", "overnight", TUESDAY, "part_of_day"),
        ("Farmers blocked the roads last week.", "last week", "2024-03-04", "week"),
        ("Farmers have blocked the roads this week.", "this week", "2024-03-11", "week"),
        ("The vote will be held next week.", "next week", "2024-03-18", "week"),
        ("Prices rose sharply last month.", "last month", "2024-02-01", "month"),
        ("The company was founded in 2019 by two engineers.", "2019", "2019-01-01", "year"),
    ],
)
def test_relative_days_weeks_months_and_years(models, body, written, date, granularity):
    ref = only(models, body, written)
    assert (ref.date, ref.granularity) == (date, granularity)


def test_later_this_week_keeps_its_qualifier(models):
    ref = only(models, "The details will be settled later this week in Bern.", "later this week")
    assert (ref.date, ref.granularity, ref.qualifier) == ("2024-03-11", "week", "later")


def test_part_of_month(models):
    ref = only(models, "The fighting escalated in late February along the river.", "February")
    assert (ref.date, ref.granularity, ref.qualifier) == ("2024-02-01", "month", "late")


def test_explicit_dates_in_several_spellings(models):
    body = "The ceasefire of February 24, 2022 failed. Talks resumed on Feb. 3 and again on 5 March."
    found = {r.text: r.date for r in refs(models, body)}
    assert found == {"February 24, 2022": "2022-02-24", "on Feb. 3": "2024-02-03", "on 5 March": "2024-03-05"}


def test_date_without_year_takes_the_nearest_year(models):
    ref = only(models, "The dam burst on December 30 after heavy rain.", "December", published="2024-01-02")
    assert ref.date == "2023-12-30"


def test_numeric_and_iso_dates(models):
    found = {r.text: r.date for r in refs(models, "Filed 2024-03-01; amended 25/02/2024.")}
    assert found["2024-03-01"] == "2024-03-01"
    assert found["25/02/2024"] == "2024-02-25"


def test_hedged_durations_keep_years_and_hedge(models):
    body = "The siege has lasted almost three years. It is a nearly two-year blockade, and it went on for five days."
    almost = only(models, body, "three years")
    assert (almost.kind, almost.years, almost.qualifier, almost.granularity) == (
        "duration",
        3.0,
        "almost",
        "duration",
    )
    nearly = only(models, body, "two-year")
    assert (nearly.years, nearly.qualifier) == (2.0, "nearly")
    days = only(models, body, "five days")
    assert days.text == "for five days"
    assert days.years == pytest.approx(5 / 365.25)


def test_time_ago_is_a_date_with_its_length(models):
    ref = only(models, "She took the post less than three weeks ago.", "ago")
    assert ref.text == "less than three weeks ago"
    assert (ref.kind, ref.date, ref.qualifier) == ("date", "2024-02-20", "less than")
    assert ref.years == pytest.approx(21 / 365.25)


def test_ages_are_not_durations(models):
    texts = [r.text for r in refs(models, "A 90-year-old man and a three-year-old girl were rescued.")]
    assert not any("year" in t for t in texts)


def test_unknown_publication_date_leaves_relative_references_unresolved(models):
    body = "The mayor spoke on Sunday about the flood of March 3, 2021."
    found = {r.text: r.date for r in refs(models, body, published=None)}
    assert found["on Sunday"] is None
    assert found["March 3, 2021"] == "2021-03-03"


def test_may_the_verb_is_not_a_month(models):
    assert not any(
        r.granularity == "month" for r in refs(models, "Officials may march to the square in protest.")
    )


def test_clause_and_sentence_are_kept_for_the_timeline(models):
    body = "Heavy rain fell all week. The old bridge collapsed on Sunday, and traffic was diverted."
    ref = only(models, body, "Sunday")
    assert ref.sentence == "The old bridge collapsed on Sunday, and traffic was diverted."
    assert ref.event_text == "The old bridge collapsed on Sunday"
    assert {"bridge", "collapse"} <= set(ref.event_words)
    assert body[ref.start : ref.end] == ref.text


def test_seed_article_weekday_against_its_publication_date(models, seeds_dir):
    """The Geneva talks: "on Sunday" in a Tuesday piece is the 23rd."""
    (seed,) = seed_articles(seeds_dir, "000_*.txt")
    found = find_time_refs(models.nlp(seed.body), seed)
    sunday = [r for r in found if r.text.lower() == "on sunday"]
    assert sunday and sunday[0].date == "2025-11-23"
    assert any(r.date == "2022-02-24" for r in found)


DATE_LIKE_WORDS = [
    "May", "Monday", "last", "week", "2024", "25", "November", "ago", "years", "almost", "overnight", "on",
    "late", "the", "night", "of", "(", ")", ",", "-", "/", "31", "Feb.", "three-year", "next", "\n",
]  # fmt: skip
TEXTS = noise_texts(DATE_LIKE_WORDS)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS, st.sampled_from([TUESDAY, None, "2024-02-29", "not a date"]))
def test_arbitrary_text_never_crashes(models, body, published):
    for ref in find_time_refs(models.nlp(body), article(body, published)):
        assert 0 <= ref.start <= ref.end <= len(body)
        assert body[ref.start : ref.end] == ref.text


def test_impossible_dates_are_kept_unresolved(models):
    found = {r.text: r.date for r in refs(models, "The form was dated 2024-02-30 and 31/02/2024.")}
    assert found == {"2024-02-30": None, "31/02/2024": None}
