"""A team's win-loss record across outlets (compare/records.py); every sentence is our own."""

from __future__ import annotations

from tests.articles import text_article
from wirecheck.compare.records import read_records, record_facts


def records_of(body: str) -> list[tuple[str, str]]:
    return [(r.team, r.record) for r in read_records(text_article("x", body))]


def test_records_are_read_against_their_team():
    body = (
        "Lena Ortiz scored twice as the Harriers (8-4) beat the Dunmore Rovers (3-9) on Sunday. "
        "The Harriers improved to 8-4. Dunmore's record fell to 3-9."
    )
    assert records_of(body) == [
        ("Harriers", "8-4"),
        ("Dunmore Rovers", "3-9"),
        ("Harriers", "8-4"),
        ("Dunmore", "3-9"),
    ]


def test_a_score_a_part_of_the_season_or_another_year_is_no_record():
    body = (
        "The Harriers won 21-14 and are 5-1 at home. They fell to 2-3 on the road. "
        "It was their worst start since the 2019 season (4-12) in 2019. Coach Ortiz gave the Harriers a 14-7 lead."
    )
    assert records_of(body) == []


def test_one_team_given_two_records_is_a_dispute_and_teams_stay_apart():
    articles = [
        text_article("a", "The Harriers (8-4) beat the Rovers (3-9) on Sunday.", outlet="a.example"),
        text_article(
            "b",
            "The win lifted the Harriers to a playoff spot. The Harriers improved to 7-4.",
            outlet="b.example",
        ),
        text_article("c", "The Rovers (3-9) lost again on Sunday.", outlet="c.example"),
    ]
    facts = {f.subject: f for f in record_facts(articles)}
    assert facts["win-loss record of Harriers"].status == "disputed"
    assert "8-4 (a.example) vs 7-4 (b.example)" in facts["win-loss record of Harriers"].reason
    assert facts["win-loss record of Rovers"].status == "agreed"
