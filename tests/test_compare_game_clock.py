"""When in a game one play came, compared across outlets (compare/game_clock.py).

Every sentence is our own; the real spaCy model tags the players' names.
"""

from __future__ import annotations

from tests.articles import text_article
from wirecheck import extract
from wirecheck.compare.game_clock import game_clock_facts
from wirecheck.model import Article


def facts_of(models, bodies: dict[str, str]):
    articles: list[Article] = [
        text_article(key, body, published="2031-10-12", outlet=f"{key}.example")
        for key, body in bodies.items()
    ]
    mentions = extract.extract_mentions(articles, models)
    return {f.subject: f for f in game_clock_facts(articles, mentions)}


def test_one_state_change_at_two_clocks_is_a_dispute(models):
    """The game tied in the second quarter: 7:41 left against 2:15 left cannot both hold; the
    period is part of the frame, so a tie in the fourth quarter stays apart."""
    facts = facts_of(
        models,
        {
            "a": "The Otters tied the game at 14-14 with 7:41 left in the second quarter.",
            "b": "Harbor City tied the score with 2:15 to play in the second quarter on a short run.",
            "c": "The Otters tied it up again with 1:02 remaining in the fourth quarter.",
        },
    )
    fact = facts["when the game-tying score came in the second quarter"]
    assert fact.status == "disputed"
    assert sorted(c.article_id for c in fact.claims) == ["a", "b"]
    assert "7:41 left" in fact.reason and "2:15 to play" in fact.reason
    assert "when the game-tying score came in the fourth quarter" not in facts  # one outlet only


def test_hedged_readings_that_meet_agree(models):
    """A clock inside "just over three minutes", and "late in the fourth quarter", are one moment;
    a touchdown is framed by a player both sentences name."""
    facts = facts_of(
        models,
        {
            "a": "Marcus Delane caught a touchdown pass with 3:21 to play in the fourth quarter.",
            "b": "Marcus Delane scored the touchdown with just over three minutes left in the fourth quarter.",
            "c": "Late in the fourth quarter, Marcus Delane hauled in the touchdown that won it.",
        },
    )
    fact = facts["when the touchdown came in the fourth quarter"]
    assert fact.status == "agreed"
    assert len(fact.claims) == 3


def test_early_against_late_in_one_quarter_is_a_dispute(models):
    """The parts of a quarter are ranges: early and late do not meet."""
    facts = facts_of(
        models,
        {
            "a": "Early in the third quarter, Tomas Greer was stopped on fourth-and-two at midfield.",
            "b": "Running back Greer was stuffed on a fourth-and-two late in the third quarter.",
        },
    )
    assert facts["when the fourth-down try came in the third quarter"].status == "disputed"


def test_plays_without_a_shared_player_or_a_period_are_not_compared(models):
    """Two touchdowns of the fourth quarter by different players are two plays; a clock without
    any period is of no known moment."""
    facts = facts_of(
        models,
        {
            "a": "Marcus Delane caught a touchdown pass with 3:21 to play in the fourth quarter.",
            "b": "Ray Coyle ran in a touchdown with 11:40 left in the fourth quarter.",
            "c": "Delane's touchdown came with 9:00 to go.",
        },
    )
    assert facts == {}


def test_a_sentence_about_another_game_is_left_out(models):
    """ "In week 3" tells of another game: its go-ahead score is not this one's."""
    facts = facts_of(
        models,
        {
            "a": "The Otters took the lead for good with 2:40 left in the fourth quarter.",
            "b": "In week 3 the Otters took the lead with 9:10 left in the fourth quarter and lost anyway.",
        },
    )
    assert facts == {}
