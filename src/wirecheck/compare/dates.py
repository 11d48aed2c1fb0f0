"""When a thing happened, as outlets date it: "the fire broke out on Thursday" against "in the
early hours of Friday"; "the line opened in 1885" against "has run since 1888".

A claim is a resolved past date the extractor tied to an event: a verb and its subject ("break
out" + "fire").  Claims line up when their verbs match and their subjects share a word (the head
noun or a name: "the Glória line" / "the Glória funicular" / "the funicular").  Verbs of founding
("open", "build", "inaugurate"...) and "since <year>" all date the thing's beginning and line up
with each other.  Reporting verbs ("said on Friday") date the report, not the event, and are left
out, as are plans ("will meet on Friday") and dates without a subject to match.  An article that
gives one event two different dates is left out of that event (it may tell of two occurrences).

An article without a publication date gives no calendar day for "on Saturday", but the weekday is
still a claim: a fatal act on a named person happens once, so "X was killed on Sunday" against
"the shooting of X on Saturday" disagree however far apart the articles were written.  Only that
act is compared by weekday (a march or a riot may recur on several days); a calendar date of
the same act in a dated article is compared by its weekday, and a day of the month without a year
("Dec. 6") is not compared with a weekday.
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
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
WEEKDAY_KEY = "weekday:"  # the date of a claim known only by its weekday: "weekday:saturday"


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
            date = ref.date if ref.date is not None else weekday_only(ref, verb)
            if (
                verb is None
                or ref.kind != "date"
                or date is None
                or not (is_calendar_date(date) or date.startswith(WEEKDAY_KEY))
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
                    date=date,
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


def weekday_only(ref: TimeRef, verb: str | None) -> str | None:
    """ "weekday:saturday" for an unresolved weekday ("on Saturday" in an undated article) dating a
    fatal act on a named person; None otherwise."""
    names = {m.group(1).lower() for m in _WEEKDAY.finditer(ref.text)}
    named = any(word[:1].isupper() for word in ref.event_subject)
    if verb != "shoot or kill" or len(names) != 1 or not named:
        return None
    return WEEKDAY_KEY + names.pop()


def weekday_of(date: str) -> str:
    """The weekday key of a calendar date or of a weekday claim."""
    if date.startswith(WEEKDAY_KEY):
        return date
    return WEEKDAY_KEY + WEEKDAYS[dt.date.fromisoformat(date).weekday()]


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
        weekly = _by_weekday(group)
        if yearly and weekly:
            group = [c for c in group if not c.date.startswith(WEEKDAY_KEY)]
            weekly = False
        by_article: dict[str, list[DateClaim]] = {}
        for claim in group:
            by_article.setdefault(claim.article_id, []).append(claim)
        kept = [
            found[0]
            for found in by_article.values()
            if len({_key(c, yearly, weekly) for c in found}) == 1  # one article, two dates: two occurrences?
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
    if _by_weekday(group):
        return True  # a fatal act on one named person: it happened once
    days = sorted(dt.date.fromisoformat(c.date) for c in group)
    return (days[-1] - days[0]).days <= max_days_apart


def _by_weekday(group: Sequence[DateClaim]) -> bool:
    return any(c.date.startswith(WEEKDAY_KEY) for c in group)


def _key(claim: DateClaim, yearly: bool, weekly: bool = False) -> str:
    if weekly:
        return weekday_of(claim.date)
    return claim.date[:4] if yearly else claim.date


def compared_on(group: Sequence[DateClaim]) -> str:
    if any(c.granularity == "year" for c in group):
        return "year"
    return "weekday" if _by_weekday(group) else "day"


def claim_key(claim: DateClaim, group: Sequence[DateClaim]) -> str:
    on = compared_on(group)
    return _key(claim, on == "year", on == "weekday")


def near_midnight(group: Sequence[DateClaim]) -> bool:
    """Neighbouring days with a late or early hour named: a difference of hours, not of days."""
    on = compared_on(group)
    days = sorted({claim_key(c, group) for c in group})
    if len(days) != 2 or on == "year":
        return False
    if on == "weekday":
        first_day, second_day = (WEEKDAYS.index(d.removeprefix(WEEKDAY_KEY)) for d in days)
        apart = min((first_day - second_day) % 7, (second_day - first_day) % 7)
    else:
        first, second = (dt.date.fromisoformat(d) for d in days)
        apart = (second - first).days
    return apart == 1 and any(NEAR_MIDNIGHT.search(c.value) for c in group)


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
    if key.startswith(WEEKDAY_KEY):
        return key.removeprefix(WEEKDAY_KEY).capitalize()
    day = dt.date.fromisoformat(key)
    return f"{day:%A} {day.day} {day:%B %Y}"
