"""Lengths of time that outlets give for the same thing: "almost four years" of war.

A duration's *subject* is the durative noun nearest to it in its sentence ("the nearly
three-year conflict", "after nearly four years of fighting", "the conflict, which has been going
on for almost four years"); words for one war (war, conflict, fighting, invasion...) share one
subject.  Durations whose sentence names no durative noun are left out: a bare "for three days"
says too little about what lasted.  Spans come from the extractor's time references, and from
quantities counted in years, months, weeks or days that no time reference already covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from wirecheck.compare.text import locate_sentence, mentions_with_bodies, words
from wirecheck.model import Article, ArticleMentions

WAR_WORDS = frozenset(
    ["war", "wars", "conflict", "fighting", "invasion", "hostilities", "combat", "offensive"]
)
DURATIVE_NOUNS = frozenset(
    [
        "repairs",
        "closure",
        "construction",
        "reconstruction",
        "evacuation",
        "operation",
        "embargo",
        "sanctions",
        "talks",
        "negotiations",
        "ceasefire",
        "truce",
        "occupation",
        "siege",
        "blockade",
        "strike",
        "strikes",
        "detention",
        "sentence",
        "term",
        "presidency",
        "tenure",
        "rule",
        "lockdown",
        "outage",
        "drought",
        "campaign",
        "crisis",
        "standoff",
        "shutdown",
        "protest",
        "protests",
        "trial",
        "investigation",
        "process",
        "program",
        "programme",
        "mission",
    ]
)
UNITS_IN_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25, "hour": 1 / 8766}
_UNIT_OF_WORD = {
    **{u: u for u in UNITS_IN_YEARS},
    **{u + "s": u for u in UNITS_IN_YEARS},
}
MAX_WORDS_AWAY = 8


@dataclass(frozen=True)
class SpanClaim:
    article_id: str
    subject: str  # "war", or the durative noun
    text: str  # as written: "almost four years"
    years: float
    qualifier: str | None
    sentence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


def subject_near(sentence: str, offset_in_sentence: int) -> str | None:
    """The durative noun closest to the duration (at most eight words away), war words folded to "war"."""
    tokens = [(m.start(), m.group(0).lower()) for m in re.finditer(r"[A-Za-z]+", sentence)]
    best: tuple[int, str] | None = None
    position = sum(1 for start, _ in tokens if start < offset_in_sentence)
    for index, (_, word) in enumerate(tokens):
        subject = "war" if word in WAR_WORDS else word if word in DURATIVE_NOUNS else None
        if subject is None:
            continue
        distance = abs(index - position)
        if distance <= MAX_WORDS_AWAY and (best is None or distance < best[0]):
            best = (distance, subject)
    return best[1] if best else None


def _unit_of(text: str) -> str | None:
    for word in reversed(words(text)):
        word = word.split("-")[-1]
        if word in _UNIT_OF_WORD:
            return _UNIT_OF_WORD[word]
    return None


def span_claims(articles: Sequence[Article], mentions: Sequence[ArticleMentions]) -> list[SpanClaim]:
    claims: list[SpanClaim] = []
    for article_mentions, body in mentions_with_bodies(articles, mentions):
        candidates: list[tuple[str, float, str | None, str, int, int]] = []
        for time in article_mentions.times:
            if time.kind != "duration" or not time.years or re.search(r"\bago\b", time.text, re.I):
                continue
            candidates.append((time.text, time.years, time.qualifier, time.sentence, time.start, time.end))
        for quantity in article_mentions.quantities:
            unit = _unit_of(quantity.text)
            if unit is None or re.search(r"\bago\b|\bold\b", body[quantity.start : quantity.end + 6], re.I):
                continue
            if any(start < quantity.end and quantity.start < end for _, _, _, _, start, end in candidates):
                continue
            years = quantity.number * UNITS_IN_YEARS[unit]
            candidates.append(
                (quantity.text, years, quantity.qualifier, quantity.sentence, quantity.start, quantity.end)
            )
        for text, years, qualifier, sentence, start, end in candidates:
            sentence_start, sentence_end = locate_sentence(body, sentence, start, end)
            subject = subject_near(body[sentence_start:sentence_end], start - sentence_start)
            if subject is None:
                continue
            claims.append(
                SpanClaim(
                    article_id=article_mentions.article_id,
                    subject=subject,
                    text=text,
                    years=years,
                    qualifier=qualifier,
                    sentence=body[sentence_start:sentence_end],
                    start=start,
                    end=end,
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                )
            )
    return claims


def align_spans(claims: Sequence[SpanClaim]) -> list[list[SpanClaim]]:
    """One group per subject, one claim per article (its first)."""
    groups: dict[str, dict[str, SpanClaim]] = {}
    for claim in claims:
        groups.setdefault(claim.subject, {}).setdefault(claim.article_id, claim)
    return [list(group.values()) for group in groups.values()]


def natural_unit(years: Sequence[float]) -> tuple[str, float]:
    """The largest unit in which every length is at least about one: ("year", 1.0), ("month", 1/12)..."""
    shortest = min(years)
    for unit in ("year", "month", "week", "day", "hour"):
        if shortest >= UNITS_IN_YEARS[unit] * 0.9:
            return unit, UNITS_IN_YEARS[unit]
    return "hour", UNITS_IN_YEARS["hour"]
