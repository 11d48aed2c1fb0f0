"""The story title tells a rising toll's latest figure (report/brief.py ``story_title``); our own
headlines, and a fact as compare gives a toll updated over time."""

from __future__ import annotations

from tests.articles import text_article
from wirecheck.model import Claim, Fact
from wirecheck.report.brief import headline_numbers, story_title

BODY = "A landslide buried homes in the hill village of Carrow after days of rain, officials said."
EARLY = text_article(
    "a", BODY, headline="Landslide in Carrow village kills four after days of rain", published="2031-05-14"
)
LATE = text_article(
    "b", BODY, headline="Carrow landslide toll rises to 11 as rescuers dig", published="2031-05-15"
)
UPDATED = Fact(
    subject="people killed in Carrow",
    status="agreed",
    claims=(Claim("a", "four", 4.0, BODY), Claim("b", "11", 11.0, BODY)),
    reason="updated over time, not a contradiction: four (a, 2031-05-14) then 11 (b, 2031-05-15)",
)


def test_headline_numbers_reads_digits_and_words():
    assert headline_numbers("Flood kills nine, 1,200 homes cut off") == {9.0, 1200.0}


def test_a_headline_with_an_outdated_toll_is_passed_over():
    assert story_title([EARLY, LATE]) == EARLY.headline  # without the facts: the most representative
    assert story_title([EARLY, LATE], [UPDATED]) == LATE.headline


def test_a_disputed_toll_does_not_change_the_title():
    disputed = Fact(
        subject=UPDATED.subject, status="disputed", claims=UPDATED.claims, reason="different figures"
    )
    assert story_title([EARLY, LATE], [disputed]) == story_title([EARLY, LATE])
