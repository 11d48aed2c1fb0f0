"""What outlets say of one named person: age and number of children ("Ann Roe, 41" / "41-year-old Ann
Roe" against "Ann Roe, 42"; "a mother of five" against "a mother of six").

These are not tallies of an event, so quantity alignment leaves ages out; but a person has one age
and one count of children at the time of a story, so two outlets that give one named person two
different ones disagree.  The frame is the person, found by structure, never by nearness alone:

- an age belongs to the name it is written against: "41-year-old Ann Roe" (the age, then at most
  three words that are not names or punctuation, then the name), "Ann Roe, 41," and "Ann Roe (41)";
- "a mother/father/parent of N" belongs to the name it is in apposition with or said of: "Ann Roe,
  41, a mother of five", "Ann Roe was the mother of five", "Ann Roe - who was a mother of five";
  an unnamed "the mother of six" belongs to the one person the story's articles call a mother
  with a name, and to no one when they name none or several.

People are matched through the story's entities (names, aliases and misspelt variants), so "Roe"
and "Anne Roe" are one person when the story knows them as one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wirecheck.compare.found import FoundClaims
from wirecheck.compare.names import _misspelt_entities, _person_index
from wirecheck.compare.text import fold_transliteration, mentions_with_bodies, sentence_span
from wirecheck.extract.numbers import single_number
from wirecheck.model import Article, ArticleMentions, Claim, Entity, EntityMention

MAX_AGE = 120
_AGE_BEFORE_NAME = re.compile(r"\b(\d{1,3})-year-old((?:\s+[a-z][\w-]*){0,3})\s+$")
_AGE_AFTER_NAME = re.compile(r"^\s*(?:,\s*|\(\s*)(\d{1,3})\s*(?:,|\)|\s+(?:and|who|was|is|of|from)\b)")
PARENT_WORDS = {"mother": "mother", "mom": "mother", "mum": "mother", "father": "father", "dad": "father",
                "parent": "parent"}  # fmt: skip
_PARENT_OF = re.compile(
    r"\b(?:(an?|the)\s+(?:[A-Za-z][\w-]*\s+)?)?((?i:mother|mom|mum|father|dad|parent))\s+of\s+(\w+)\b(?!\s*-)",
)
_NAME_AFTER = re.compile(r"^,?\s+$")  # "a mother of five, Ann Roe"; "Mother of five Ann Roe"
# between a name and "a mother of N": apposition (with an age) or a copula
_SAID_OF = re.compile(
    r"^\s*(?:,\s*\d{1,3}\s*)?(?:,|\s[-\u2013\u2014]|[-\u2013\u2014])?\s*(?:who\s+)?(?:(?:was|is|had\s+been|has\s+been)\s+)?$"
)
# words that follow "of N" when N is not a count of children ("a mother of two boys" still is)
_NOT_CHILDREN = re.compile(r"^\s+(?:years?|months?|weeks?|days?|percent|per\s+cent|%)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PersonFigure:
    """One outlet's age or child count of one named person (``person`` None: not yet attached)."""

    article_id: str
    person: str | None
    attribute: str  # "age" | "children"
    number: int
    value: str  # as written: "32-year-old", "a mother of 13"
    role: str | None  # "mother", "father", "parent" for children
    start: int
    end: int
    sentence_span: tuple[int, int]


def people_index(entities: Sequence[Entity]) -> dict[str, str]:
    """Folded names, aliases and unambiguous surnames -> canonical name, with the names the resolver
    kept apart as another person but that are one name misspelt ("Ana Ruske" for "Ana Rusk")."""
    index = _person_index(entities)
    for main, variants in _misspelt_entities(entities).items():
        if index.get(fold_transliteration(main)) != main:
            continue
        for variant, _ in variants:
            for key, name in list(index.items()):
                if name == variant:
                    index[key] = main
    return index


def person_facts(
    entities: Sequence[Entity], articles: Sequence[Article], mentions: Sequence[ArticleMentions]
) -> list[FoundClaims]:
    """Disputed and agreed ages and child counts of the story's named people."""
    people = people_index(entities)
    figures = [
        *attach_unnamed(
            [f for article_mentions, body in mentions_with_bodies(articles, mentions)
             for f in read_figures(article_mentions, body, people)]
        ),
    ]  # fmt: skip
    grouped: dict[tuple[str, str], list[PersonFigure]] = {}
    for figure in figures:
        if figure.person is not None:
            grouped.setdefault((figure.person, figure.attribute), []).append(figure)
    bodies = {a.id: a.body for a in articles}
    labels = {a.id: a.outlet or a.id for a in articles}
    return [
        _fact(person, attribute, group, bodies, labels)
        for (person, attribute), group in sorted(grouped.items())
        if len({f.article_id for f in group}) >= 2
    ]


def read_figures(
    article_mentions: ArticleMentions, body: str, people: Mapping[str, str]
) -> list[PersonFigure]:
    """Ages written against a name, and child counts said of a name or of no one (person None)."""
    persons = sorted((m for m in article_mentions.entities if m.label == "PERSON"), key=lambda m: m.start)
    found: list[PersonFigure] = []
    for mention in persons:
        person = people.get(fold_transliteration(mention.text))
        if person is None:
            continue
        age = _age_of(mention, body)
        if age is not None:
            years, start, end = age
            found.append(
                PersonFigure(article_mentions.article_id, person, "age", years, body[start:end], None,
                             start, end, sentence_span(body, start, end))
            )  # fmt: skip
    for match in _PARENT_OF.finditer(body):
        count = single_number(match.group(3).lower())
        if count is None or count != int(count) or not 0 < count < 30:
            continue
        if _NOT_CHILDREN.match(body[match.end() :]):
            continue
        span = sentence_span(body, match.start(), match.end())
        before = [m for m in persons if span[0] <= m.start and m.end <= match.start()]
        after = [m for m in persons if match.end() <= m.start and m.end <= span[1]]
        person, said_of = None, None
        if after and _NAME_AFTER.match(body[match.end() : after[0].start]):
            said_of = after[0]  # a title before the name
        elif match.group(1) is None:
            continue  # "mother of five" with neither article nor name: a title of no one we know
        elif before and _SAID_OF.match(body[before[-1].end : match.start()]):
            said_of = before[-1]
        if said_of is not None:
            person = people.get(fold_transliteration(said_of.text))
            if person is None:
                continue  # said of a name the story does not know: no one to attach it to
        found.append(
            PersonFigure(article_mentions.article_id, person, "children", int(count), match.group(0),
                         PARENT_WORDS[match.group(2).lower()], match.start(), match.end(), span)
        )  # fmt: skip
    return found


def _age_of(mention: EntityMention, body: str) -> tuple[int, int, int] | None:
    """(age, start, end) of an age written against the name: "32-year-old [three words] Name",
    "Name, 32," or "Name (32)"."""
    before = body[max(0, mention.start - 60) : mention.start]
    match = _AGE_BEFORE_NAME.search(before)
    if match and not any(w[:1].isupper() for w in match.group(2).split()):
        offset = mention.start - len(before)
        return _age(match.group(1), offset + match.start(1), offset + match.end(1) + len("-year-old"))
    after = _AGE_AFTER_NAME.match(body[mention.end : mention.end + 20])
    if after:
        return _age(after.group(1), mention.end + after.start(1), mention.end + after.end(1))
    return None


def _age(digits: str, start: int, end: int) -> tuple[int, int, int] | None:
    number = int(digits)
    return (number, start, end) if 0 < number <= MAX_AGE else None


def attach_unnamed(figures: Sequence[PersonFigure]) -> list[PersonFigure]:
    """An unnamed "the mother of six" goes to the one person the story names as a mother; it is
    dropped when the story names no mother, or several."""
    named: dict[str, set[str]] = {}
    for figure in figures:
        if figure.person is not None and figure.role is not None:
            named.setdefault(figure.role, set()).add(figure.person)
    out: list[PersonFigure] = []
    for figure in figures:
        if figure.person is None:
            holders = named.get(figure.role or "", set())
            if len(holders) != 1:
                continue
            figure = PersonFigure(**{**figure.__dict__, "person": next(iter(holders))})
        out.append(figure)
    return out


def _fact(
    person: str,
    attribute: str,
    group: Sequence[PersonFigure],
    bodies: Mapping[str, str],
    labels: Mapping[str, str],
) -> FoundClaims:
    by_number: dict[int, list[str]] = {}
    for figure in group:
        holders = by_number.setdefault(figure.number, [])
        if labels[figure.article_id] not in holders:
            holders.append(labels[figure.article_id])
    ordered = sorted(by_number.items(), key=lambda item: (-len(item[1]), item[0]))
    listing = " vs ".join(f"{number} ({', '.join(outlets)})" for number, outlets in ordered)
    what = "age" if attribute == "age" else "number of children"
    articles_of = {n: {f.article_id for f in group if f.number == n} for n in by_number}
    # a difference counts when an article gives one value and not the other (not one article alone)
    clash = any(articles_of[a] - articles_of[b] and articles_of[b] - articles_of[a]
                for a in by_number for b in by_number if a < b)  # fmt: skip
    if clash:
        status, reason = "disputed", f"outlets give {person} different figures for {what}: {listing}"
    else:
        status, reason = "agreed", f"all give {person}'s {what} as {ordered[0][0]}"
    claims = tuple(
        Claim(f.article_id, f.value, float(f.number),
              bodies[f.article_id][f.sentence_span[0] : f.sentence_span[1]].strip(), f.start, f.end)
        for f in group
    )  # fmt: skip
    return FoundClaims(
        subject=f"{what} of {person}",
        kind="age" if attribute == "age" else "quantity",
        status="disputed" if status == "disputed" else "agreed",
        reason=reason,
        claims=claims,
        sentence_spans=tuple(f.sentence_span for f in group),
    )
