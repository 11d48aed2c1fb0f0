"""A team's win-loss record as outlets give it: "the Harriers (10-5)" against "the Harriers
improved to 9-5".

A record is no score and no tally (quantity alignment leaves "10-5" out), but in a story of one
game a team has one record after it, so two outlets giving one team two records disagree.  The
frame is the team, found by structure, never by nearness alone:

- "<Team> (10-5)" or "(10-5-1)": the record in brackets straight after a capitalised name;
- "<Team>'s record rose to 10-5", "<Team> improved to 10-5" (also fell, dropped, moved, went);
- "gave the <Team> a 10-5 record" (or season, mark).

A record qualified by where it was won ("5-2 at home", "on the road", "in the division") is a part
of the season and is left out, and so is a season of another year ("5-11 in 2003").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wirecheck.compare.found import FoundClaims, found_in_sentences
from wirecheck.compare.text import sentence_span
from wirecheck.model import Article

_TEAM = r"(?P<team>(?:[A-Z][\w.\u2019']*\s+){0,2}[A-Z][\w.]*?)"
_RECORD = r"(?P<record>\d{1,2}-\d{1,2}(?:-\d{1,2})?)"
_PART_OF_SEASON = re.compile(
    r"^\s*(?:at home|on the road|away|in (?:the )?(?:division|conference|league|group|\d{4})|"
    r"in (?:its|their|his|her) last|since|against|this month|overall)\b",
    re.IGNORECASE,
)
PATTERNS = (
    re.compile(rf"\b{_TEAM}\s+\({_RECORD}\)"),
    re.compile(
        rf"\b{_TEAM}(?:['\u2019]s?\s+record)?\s+(?:rose|fell|improved|dropped|moved|went|climbed|slipped)\s+to\s+{_RECORD}\b"
    ),
    re.compile(rf"\bgave\s+(?:the\s+)?{_TEAM}\s+an?\s+{_RECORD}\s+(?:record|season|mark)\b"),
)
NOT_TEAMS = frozenset(
    {"The", "A", "An", "In", "On", "At", "By", "After", "Before", "With", "It", "They", "He", "She"}
)


@dataclass(frozen=True)
class TeamRecord:
    article_id: str
    team: str  # as written, without "the": "Harriers"
    record: str  # "10-5"
    start: int
    end: int
    sentence_span: tuple[int, int]


def read_records(article: Article) -> list[TeamRecord]:
    body = article.body
    found: dict[int, TeamRecord] = {}
    for pattern in PATTERNS:
        for match in pattern.finditer(body):
            team_text = re.split(r"[.!?]\s+", match.group("team"))[-1]  # not across a sentence end
            words = [w for w in team_text.split() if w not in NOT_TEAMS]
            if not words or _PART_OF_SEASON.match(body[match.end() :]):
                continue
            team = " ".join(words)
            start, end = match.start("record"), match.end("record")
            found.setdefault(
                start,
                TeamRecord(
                    article.id, team, match.group("record"), start, end, sentence_span(body, start, end)
                ),
            )
    return list(found.values())


def record_facts(articles: Sequence[Article]) -> list[FoundClaims]:
    """Agreed and disputed records of each team the story's outlets give a record for."""
    by_team: dict[str, list[TeamRecord]] = {}
    for article in articles:
        for record in read_records(article):
            by_team.setdefault(record.team.split()[-1].lower(), []).append(record)
    labels = {a.id: a.outlet or a.id for a in articles}
    bodies = {a.id: a.body for a in articles}
    facts = []
    for records in by_team.values():
        by_article: dict[str, set[str]] = {}
        for record in records:
            by_article.setdefault(record.article_id, set()).add(record.record)
        if len(by_article) < 2:
            continue
        facts.append(_fact(records, by_article, labels, bodies))
    return facts


def _fact(
    records: Sequence[TeamRecord],
    by_article: Mapping[str, set[str]],
    labels: Mapping[str, str],
    bodies: Mapping[str, str],
) -> FoundClaims:
    team = max((r.team for r in records), key=len)
    holders: dict[str, list[str]] = {}
    for record in records:
        outlets = holders.setdefault(record.record, [])
        if labels[record.article_id] not in outlets:
            outlets.append(labels[record.article_id])
    listing = " vs ".join(f"{value} ({', '.join(outlets)})" for value, outlets in holders.items())
    articles_of = {v: {a for a, values in by_article.items() if v in values} for v in holders}
    clash = any(
        articles_of[a] - articles_of[b] and articles_of[b] - articles_of[a]
        for a in holders
        for b in holders
        if a < b
    )
    reason = (
        f"outlets give {team} different win-loss records: {listing}"
        if clash
        else f"all give {team} the record {next(iter(holders))}"
    )
    figures = [(r.article_id, r.record, None, r.sentence_span, r.start, r.end) for r in records]
    return found_in_sentences(f"win-loss record of {team}", "quantity", clash, reason, figures, bodies)
