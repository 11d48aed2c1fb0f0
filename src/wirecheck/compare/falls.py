"""How far one person fell (or was swept, thrown, dragged), compared after converting units:
"fell about 60 m (200 ft)" agrees with "fell 200ft" and disagrees with "fell 150 metres".

Quantity alignment compares a distance only with its reference point ("20 miles north of Alden");
a fall has none, but it has a faller, and one person's one fall has one length.  The frame is the
person, found by structure:

- the last name written before the verb in its sentence ("Ann Roe slipped and fell 60 m");
- else an age written before the verb ("a 36-year-old man fell 60 m", "the 36-year-old ... fell"),
  when exactly one person of the story is given that age by name;
- else no one: the length is left out.

An article that gives one person two lengths that do not agree tells of two falls or is unsure;
its lengths still count, but a dispute needs two articles that each give a length the other does
not.  Lengths agree when within 5% (unit rounding: 200 ft is 61 m), or 10% when one is hedged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wirecheck.compare.found import FoundClaims, found_in_sentences
from wirecheck.compare.persons import people_index, read_figures, who_is
from wirecheck.compare.text import mentions_with_bodies, sentence_span
from wirecheck.model import Article, ArticleMentions, Entity, EntityMention

METRES = {"m": 1.0, "metre": 1.0, "metres": 1.0, "meter": 1.0, "meters": 1.0, "ft": 0.3048, "foot": 0.3048,
          "feet": 0.3048, "km": 1000.0, "kilometre": 1000.0, "kilometres": 1000.0, "kilometer": 1000.0,
          "kilometers": 1000.0, "mile": 1609.344, "miles": 1609.344, "yard": 0.9144, "yards": 0.9144}  # fmt: skip
HEDGES = r"about|around|approximately|roughly|some|nearly|almost|an estimated|up to|more than|over"
_NUMBER = r"\d{1,3}(?:,\s?\d{3})+|\d+(?:\.\d+)?"
_LENGTH = rf"(?:(?P<hedge>{HEDGES})\s+)?(?P<number>{_NUMBER})\s?-?(?P<unit>{'|'.join(sorted(METRES, key=len, reverse=True))})\b"
MOTION = re.compile(
    r"\b(?:fell|falls?|falling|fallen|plunged|plunging|plummeted|plummeting|tumbled|tumbling|slid|sliding|"
    r"dropped|dropping|(?:was|were|been)\s+(?:swept|dragged|thrown|carried|hurled))\s+"
    r"(?:down\s+|from\s+|off\s+)?"
    + _LENGTH
    + r"(?P<converted>\s*\((?:"
    + _LENGTH.replace("?P<", "?P<c_")
    + r")\))?",
    re.IGNORECASE,
)
_AGE_DESCRIBED = re.compile(r"\b(\d{1,3})-year-old\b")
SAME = 0.05
SAME_HEDGED = 0.10


@dataclass(frozen=True)
class FallLength:
    article_id: str
    person: str
    metres: float
    hedged: bool
    value: str  # as written: "about 60 metres (200 feet)"
    number: float  # the figure as written: 60
    start: int
    end: int
    sentence_span: tuple[int, int]


def fall_facts(
    entities: Sequence[Entity], articles: Sequence[Article], mentions: Sequence[ArticleMentions]
) -> list[FoundClaims]:
    """Agreed and disputed lengths of each named person's fall."""
    people = people_index(entities)
    pairs = list(mentions_with_bodies(articles, mentions))
    aged: dict[int, set[str]] = {}
    for article_mentions, body in pairs:
        for figure in read_figures(article_mentions, body, people):
            if figure.attribute == "age" and figure.person:
                aged.setdefault(figure.number, set()).add(figure.person)
    by_person: dict[str, list[FallLength]] = {}
    for article_mentions, body in pairs:
        for length in read_falls(article_mentions, body, people, aged):
            by_person.setdefault(length.person, []).append(length)
    labels = {a.id: a.outlet or a.id for a in articles}
    bodies = {a.id: a.body for a in articles}
    return [
        _fact(person, lengths, labels, bodies)
        for person, lengths in sorted(by_person.items())
        if len({x.article_id for x in lengths}) >= 2
    ]


def read_falls(
    article_mentions: ArticleMentions, body: str, people: Mapping[str, str], aged: Mapping[int, set[str]]
) -> list[FallLength]:
    persons = [m for m in article_mentions.entities if m.label == "PERSON"]
    who = who_is(people, persons)
    found: list[FallLength] = []
    for match in MOTION.finditer(body):
        span = whole_sentence(body, match.start(), match.end())
        person = _faller(body, span, match.start(), persons, who, aged)
        if person is None:
            continue
        number = float(re.sub(r"[,\s]", "", match.group("number")))
        unit = match.group("unit").lower()
        start = match.start("hedge") if match.group("hedge") else match.start("number")
        end = match.end("converted") if match.group("converted") else match.end("unit")
        found.append(
            FallLength(
                article_id=article_mentions.article_id,
                person=person,
                metres=number * METRES[unit],
                hedged=bool(match.group("hedge")),
                value=body[start:end].replace("(", " (").replace("  (", " ("),
                number=number,
                start=start,
                end=end,
                sentence_span=span,
            )
        )
    return found


def whole_sentence(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around the span; one that starts in lower case continues the one before (it was
    split at an abbreviation: "of the U.K. but living in ...")."""
    span = sentence_span(body, start, end)
    while span[0] > 0 and body[span[0] : span[0] + 1].islower():
        before = sentence_span(body, max(0, span[0] - 2), max(0, span[0] - 1))
        if before[0] >= span[0]:
            break
        span = (before[0], span[1])
    return span


def _faller(
    body: str,
    span: tuple[int, int],
    verb_start: int,
    persons: Sequence[EntityMention],
    who: Mapping[int, str],
    aged: Mapping[int, set[str]],
) -> str | None:
    """The named person before the verb in its sentence, else the one named person of the age
    written before the verb."""
    before = [m for m in persons if span[0] <= m.start and m.end <= verb_start]
    if before:
        last = max(before, key=lambda m: m.start)
        return who.get(last.start)
    ages = _AGE_DESCRIBED.findall(body[span[0] : verb_start])
    if not ages:
        return None
    holders = aged.get(int(ages[-1]), set())
    return next(iter(holders)) if len(holders) == 1 else None


def _clusters(lengths: Sequence[FallLength]) -> list[list[FallLength]]:
    """Lengths that agree, shortest first: each joins the first cluster whose first length it agrees with."""
    clusters: list[list[FallLength]] = []
    for length in sorted(lengths, key=lambda x: x.metres):
        for cluster in clusters:
            first = cluster[0]
            tolerance = SAME_HEDGED if (first.hedged or length.hedged) else SAME
            if abs(length.metres - first.metres) <= tolerance * max(length.metres, first.metres):
                cluster.append(length)
                break
        else:
            clusters.append([length])
    return clusters


def _fact(
    person: str, lengths: Sequence[FallLength], labels: Mapping[str, str], bodies: Mapping[str, str]
) -> FoundClaims:
    clusters = _clusters(lengths)
    articles = [{x.article_id for x in c} for c in clusters]
    clash = any(a - b and b - a for i, a in enumerate(articles) for b in articles[i + 1 :])
    listing = " vs ".join(
        f"{c[0].value} ({', '.join(dict.fromkeys(labels[x.article_id] for x in c))})" for c in clusters
    )
    reason = (
        f"different lengths for {person}'s fall, compared in metres: {listing}"
        if clash
        else f"the same length for {person}'s fall, units converted: {listing}"
    )
    figures = [(x.article_id, x.value, x.number, x.sentence_span, x.start, x.end) for x in lengths]
    return found_in_sentences(f"how far {person} fell", "quantity", clash, reason, figures, bodies)
