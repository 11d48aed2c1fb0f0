"""A timeline for a story whose articles carry no dates: the times as the articles give them.

Public entry: ``relative_timeline(articles, mentions) -> list[RelativeTime]``.

Without a publication date "on Friday" cannot become a calendar date, so the dated
timeline (``timeline.build_timeline``) has nothing to place.  Yet the reader still wants
the order of events: "Friday about 4 pm", "Saturday morning", "Monday in court".  Every
unresolved time reference that names a weekday (or a clock time or part of the day in a
sentence that names one) is a candidate; the clauses one article dates together ("on
Friday at about 4 pm") are one candidate; candidates on the same weekday whose content
words overlap are one event, cited by every article that tells it.

The order of weekdays is read as the shortest run of days that holds them all: Friday,
Saturday, Monday is a weekend story, not a Monday-to-Saturday one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from wirecheck.model import Article, ArticleMentions, TimeRef
from wirecheck.report.timeline import SAME_EVENT, TIME_WORDS, crude_words, normalise, similarity, tidy

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
CLOCK = re.compile(
    r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?)|\b(?P<word>noon|midday|midnight)\b",
    re.IGNORECASE,
)
# minutes after midnight a part of the day stands for, to order "morning" before "4 pm"
PART_MINUTES = {"early hours": 180, "overnight": 60, "morning": 540, "midday": 720, "noon": 720,
                "afternoon": 900, "evening": 1140, "night": 1320}  # fmt: skip
LEADING = re.compile(r"^(?:on|at|in|by|during|from|since|until|till|before|after|the)\s+", re.IGNORECASE)
MAX_TEXT = 200


@dataclass(frozen=True)
class RelativeTime:
    """One event placed by weekday and time of day, with the articles that tell it."""

    when: str  # as precise as the most precise article: "Friday about 4 pm"
    text: str  # the clause that says what happened
    article_ids: tuple[str, ...]
    also: tuple[str, ...] = ()  # the same event's time as other articles word it ("late Friday afternoon")
    planned: bool = False  # every article speaks of it as still to come


@dataclass(frozen=True)
class _Told:
    """One article's telling of a dated clause: its weekday, rough time of day and content words."""

    article_id: str
    weekday: int
    minutes: int | None
    when: str
    text: str
    words: frozenset[str]
    future: bool
    precision: int


def relative_timeline(
    articles: Sequence[Article], mentions: dict[str, ArticleMentions]
) -> list[RelativeTime]:
    """Ordered events of a story none of whose articles is dated; [] when no weekday is named."""
    told: list[_Told] = []
    for article in articles:
        m = mentions.get(article.id)
        if m is not None:
            told += _told_in(article.id, m.times)
    if not told:
        return []
    start = _first_day({t.weekday for t in told})
    count: dict[str, int] = {}
    for t in told:
        for word in t.words:
            count[word] = count.get(word, 0) + 1
    weights = {word: math.log(1 + len(told) / n) for word, n in count.items()}  # rare words say which event
    events: list[list[_Told]] = []
    for t in sorted(told, key=lambda t: ((t.weekday - start) % 7, -t.precision)):
        for event in events:
            if event[0].weekday == t.weekday and all(
                similarity(t.words, o.words, weights) >= SAME_EVENT for o in event
            ):
                event.append(t)
                break
        else:
            events.append([t])

    def order(event: list[_Told]) -> tuple[int, int]:
        minutes = [t.minutes for t in event if t.minutes is not None]
        return (event[0].weekday - start) % 7, min(minutes) if minutes else -1

    out = []
    for event in sorted(events, key=order):
        best = max(event, key=lambda t: (t.precision, len(t.text)))
        whens = list(dict.fromkeys(t.when for t in event))
        out.append(
            RelativeTime(
                when=best.when,
                text=best.text,
                article_ids=tuple(dict.fromkeys(t.article_id for t in event)),
                also=tuple(w for w in whens if w.lower() != best.when.lower()),
                planned=all(t.future for t in event),
            )
        )
    return out


def _told_in(article_id: str, refs: Sequence[TimeRef]) -> list[_Told]:
    """One candidate per dated clause of the article: the refs of one clause join ("on Friday" +
    "at about 4 pm"); a clause with no weekday borrows none (its day is unknown) and is dropped."""
    clauses: dict[str, list[TimeRef]] = {}
    for ref in refs:
        if ref.kind != "date" or ref.date is not None:
            continue
        clauses.setdefault(ref.event_text or ref.sentence or ref.text, []).append(ref)
    told = []
    for clause, members in clauses.items():
        day_refs = [r for r in members if WEEKDAY.search(r.text)]
        if not day_refs:
            continue
        day = day_refs[0]
        weekday = WEEKDAYS.index(WEEKDAY.search(day.text).group(1).lower())  # type: ignore[union-attr]
        clock = next((r for r in members if r is not day and CLOCK.search(r.text)), None)
        when = _tidy_when(day.text) + (" " + _tidy_when(clock.text) if clock else "")
        text = tidy(clause)[:MAX_TEXT]
        words = frozenset(w for w in (normalise(x) for x in crude_words(text)) if w and w not in TIME_WORDS)
        told.append(
            _Told(
                article_id=article_id,
                weekday=weekday,
                minutes=_minutes(when),
                when=when,
                text=text,
                words=words,
                future=all(r.future for r in members),
                precision=2 if clock or CLOCK.search(day.text) else 1 if _minutes(when) is not None else 0,
            )
        )
    return told


def _tidy_when(text: str) -> str:
    """ "late on Friday afternoon" -> "late Friday afternoon"; "on Friday" -> "Friday"."""
    words = re.sub(r"\s+", " ", text).strip()
    while LEADING.match(words):
        words = LEADING.sub("", words, count=1)
    words = re.sub(r"\b(early|late)\s+on\s+", r"\1 ", words, flags=re.IGNORECASE)
    return WEEKDAY.sub(lambda m: m.group(1).capitalize(), words)


def _minutes(when: str) -> int | None:
    """Minutes after midnight the time stands for, roughly; None for a bare day."""
    clock = CLOCK.search(when)
    if clock:
        if clock.group("word"):
            return 0 if clock.group("word").lower() == "midnight" else 720
        hour = int(clock.group("h")) % 12 + (12 if clock.group("ap").lower().startswith("p") else 0)
        return hour * 60 + int(clock.group("m") or 0)
    lower = when.lower()
    for part, minutes in PART_MINUTES.items():
        if part in lower:
            shift = 120 if "late" in lower else -120 if "early" in lower and part != "early hours" else 0
            return minutes + shift
    return None


def _first_day(days: set[int]) -> int:
    """The weekday the story starts on: the one after the longest gap in the week, so the days
    named run over the shortest stretch (Friday, Saturday, Monday starts on Friday)."""
    ordered = sorted(days)
    if len(ordered) == 1:
        return ordered[0]
    gaps = [
        ((ordered[(i + 1) % len(ordered)] - d) % 7 or 7, ordered[(i + 1) % len(ordered)])
        for i, d in enumerate(ordered)
    ]
    return max(gaps)[1]
