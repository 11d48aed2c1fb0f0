"""When a thing happened, as outlets date it: "the fire broke out on Thursday" against "in the
early hours of Friday"; "the line opened in 1885" against "has run since 1888".

A claim is a resolved past date the extractor tied to an event: a verb and its subject ("break
out" + "fire").  Claims line up when their verbs match and their subjects share a word (the head
noun or a name: "the Glória line" / "the Glória funicular" / "the funicular").  Verbs of founding
("open", "build", "inaugurate"...) and "since <year>" all date the thing's beginning and line up
with each other.  Reporting verbs ("said on Friday") date the report, not the event, and are left
out, as are plans ("will meet on Friday") and dates without a subject to match.  An article that
gives one event two different dates is left out of that event (it may tell of two occurrences).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from wirecheck.compare.text import locate_sentence, mentions_with_bodies
from wirecheck.extract.lexicon import REPORTING_VERBS
from wirecheck.model import Article, ArticleMentions, TimeRef
from wirecheck.settings import DEFAULT_SETTINGS, Settings

ORIGIN_VERBS = frozenset(
    {"open", "build", "construct", "found", "establish", "inaugurate", "create", "complete", "since"}
)
DATED_GRANULARITIES = frozenset({"day", "part_of_day", "year"})
NEAR_MIDNIGHT = re.compile(r"\b(midnight|night|early hours|late|evening|overnight)\b", re.IGNORECASE)


# "the fatal shooting of X on Saturday" and "killed X on Sunday" date one act: the subject (the
# named victim) keeps them to one person.
ONE_FATAL_ACT = frozenset({"shoot", "kill", "murder", "slay"})


@dataclass(frozen=True)
class DateClaim:
    article_id: str
    verb: str  # "break out"; "origin" for founding verbs and "since"
    subject: tuple[str, ...]  # head lemma first, then names
    phrase: str | None  # "The fire broke out"
    date: str  # YYYY-MM-DD
    granularity: str  # day | part_of_day | year
    value: str  # as written, with the time of day beside it: "shortly before midnight on Thursday"
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int


def is_calendar_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def verb_class(ref: TimeRef) -> str | None:
    verb = ref.event_verb
    if verb is None or verb.split()[0] in REPORTING_VERBS:
        return None
    if verb.split()[0] in ORIGIN_VERBS:
        return "origin" if ref.granularity == "year" else verb
    if verb in ONE_FATAL_ACT:
        return "shoot or kill"
    return None if verb == "since" else verb


def date_claims(articles: Sequence[Article], mentions: Sequence[ArticleMentions]) -> list[DateClaim]:
    """Every past, resolved date tied to an event with a subject, one claim per clause."""
    claims: list[DateClaim] = []
    for article_mentions, body in mentions_with_bodies(articles, mentions):
        times = article_mentions.times
        for ref in times:
            verb = verb_class(ref)
            if (
                verb is None
                or ref.kind != "date"
                or ref.date is None
                or not is_calendar_date(ref.date)
                or ref.future
                or ref.granularity not in DATED_GRANULARITIES
                or not ref.event_subject
            ):
                continue
            start, end = _with_time_of_day(ref, times)
            sentence_start, sentence_end = locate_sentence(body, ref.sentence, ref.start, ref.end)
            claims.append(
                DateClaim(
                    article_id=article_mentions.article_id,
                    verb=verb,
                    subject=ref.event_subject,
                    phrase=ref.event_phrase,
                    date=ref.date,
                    granularity=ref.granularity,
                    value=body[start:end],
                    start=start,
                    end=end,
                    sentence=body[sentence_start:sentence_end].strip(),
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                )
            )
    return claims


def _with_time_of_day(ref: TimeRef, times: Sequence[TimeRef]) -> tuple[int, int]:
    """The date with an undated time of day just before or after it in the same clause:
    "shortly before midnight" + "on Thursday"."""
    start, end = ref.start, ref.end
    for other in times:
        if other is ref or other.event_text != ref.event_text or other.date not in {None, ref.date}:
            continue
        if 0 <= start - other.end <= 4:
            start = other.start
        elif 0 <= other.start - end <= 4:
            end = other.end
    return start, end


def align_dates(claims: Sequence[DateClaim], settings: Settings = DEFAULT_SETTINGS) -> list[list[DateClaim]]:
    """Groups of claims dating one event, at most one claim per article, two articles or more."""
    aligned = []
    for group in joined_by_subject(claims):
        yearly = any(c.granularity == "year" for c in group)
        by_article: dict[str, list[DateClaim]] = {}
        for claim in group:
            by_article.setdefault(claim.article_id, []).append(claim)
        kept = [
            found[0]
            for found in by_article.values()
            if len({_key(c, yearly) for c in found}) == 1  # one article, two dates: two occurrences?
        ]
        if len(kept) >= 2 and _one_occurrence(kept, settings.date_max_days_apart):
            aligned.append(kept)
    return aligned


def joined_by_subject(claims: Sequence[DateClaim]) -> list[list[DateClaim]]:
    """The claims told of one event: the same verb and a subject word in common, directly or
    through other claims; in order of their first claim.  Joined through an index of (verb,
    word), each claim to the first having it: the groups of joining every such pair, in time
    linear in the claims."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_having: dict[tuple[str, str], int] = {}
    for i, claim in enumerate(claims):
        for word in sorted({w.lower() for w in claim.subject}):
            first = first_having.setdefault((claim.verb, word), i)
            if first != i:
                parent[root(i)] = root(first)
    groups: dict[int, list[DateClaim]] = {}
    for i, claim in enumerate(claims):
        groups.setdefault(root(i), []).append(claim)
    return list(groups.values())


def _one_occurrence(group: Sequence[DateClaim], max_days_apart: int) -> bool:
    """Founding years compare as years; other events need every claim dated to a day, and days
    at most ``max_days_apart`` apart: "in 2018" against "on Wednesday", or dates weeks apart, are
    two occurrences."""
    if group[0].verb == "origin":
        return True
    if any(c.granularity == "year" for c in group):
        return False
    days = sorted(dt.date.fromisoformat(c.date) for c in group)
    return (days[-1] - days[0]).days <= max_days_apart


def _key(claim: DateClaim, yearly: bool) -> str:
    return claim.date[:4] if yearly else claim.date


def compared_on(group: Sequence[DateClaim]) -> str:
    return "year" if any(c.granularity == "year" for c in group) else "day"


def claim_key(claim: DateClaim, group: Sequence[DateClaim]) -> str:
    return _key(claim, compared_on(group) == "year")


def near_midnight(group: Sequence[DateClaim]) -> bool:
    """Neighbouring days with a late or early hour named: a difference of hours, not of days."""
    days = sorted({c.date for c in group})
    if len(days) != 2 or compared_on(group) == "year":
        return False
    first, second = (dt.date.fromisoformat(d) for d in days)
    return (second - first).days == 1 and any(NEAR_MIDNIGHT.search(c.value) for c in group)


def subject_of(group: Sequence[DateClaim]) -> str:
    """ "when the fire broke out", "when the Glória line was opened or built"."""
    first = group[0]
    if first.verb == "origin":
        names = [w for c in group for w in c.subject[1:]]
        name = max(sorted(set(names)), key=names.count) + " " if names else ""
        return f"when the {name}{first.subject[0]} was opened or built"
    phrase = next((c.phrase for c in group if c.phrase), None) or " ".join(first.subject)
    if phrase.split()[0] in {"The", "A", "An"}:
        phrase = phrase[:1].lower() + phrase[1:]
    return "when " + phrase


def shown(key: str) -> str:
    """ "1885"; "Thursday 20 March 2025"."""
    if len(key) == 4:
        return key
    day = dt.date.fromisoformat(key)
    return f"{day:%A} {day.day} {day:%B %Y}"
