"""What outlets say of one named person: age, number of children, times shot ("Ann Roe, 41" / "41-year-old Ann
Roe" against "Ann Roe, 42"; "a mother of five" against "a mother of six").

These are not tallies of an event, so quantity alignment leaves ages out; but a person has one age
and one count of children at the time of a story, so two outlets that give one named person two
different ones disagree.  The frame is the person, found by structure, never by nearness alone:

- "X was shot seven times", "hitting X seven times": how many times the named person was shot
  (hit, struck) or stabbed; "he had been shot seven times" when its sentence names one person;
- "X had previously been arrested four times", "X has four prior arrests", "..., having been
  arrested three times since May" (its sentence naming one person): how many times the person was
  arrested; a count bounded by "since <time>" is of a shorter stretch, so a difference with it is
  shown as a dispute whose scopes may differ;
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

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wirecheck.compare.found import FoundClaims, found_in_sentences
from wirecheck.compare.names import _misspelt_entities, _person_index
from wirecheck.compare.text import fold_transliteration, mentions_with_bodies, sentence_span
from wirecheck.extract.numbers import single_number
from wirecheck.model import Article, ArticleMentions, Entity, EntityMention

MAX_AGE = 120
MAX_AGE_SPREAD_DAYS = 183  # ages given further apart in time may both be right
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


# how many times a person was shot or stabbed: "X was shot seven times", "hitting X seven times"
_WOUND_VERBS = {"shot": "shot", "hit": "shot", "struck": "shot", "hitting": "shot", "striking": "shot",
                "shooting": "shot", "stabbed": "stabbed", "stabbing": "stabbed",
                "arrested": "arrested"}  # fmt: skip
_TIMES = r"(?P<times>(?:\d{1,2}|[a-z]+)\s+times|once|twice)\b"
ONCE_TWICE = {"once": 1, "twice": 2}
_SINCE = re.compile(r"^\s+since\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:\d{4}|[A-Z]\w+)\b")  # "since October"
_BEEN = r"(?:was|had\s+been|has\s+been|been|had\s+previously\s+been|has\s+previously\s+been)"
_PASSIVE_WOUND = re.compile(
    rf"^(?:\s*,\s*\d{{1,3}}\s*,)?\s+{_BEEN}\s+(?P<verb>shot|hit|struck|stabbed|arrested)\s+" + _TIMES
)
_ACTIVE_WOUND = re.compile(r"\b(?P<verb>shot|hit|hitting|struck|striking|shooting|stabbed|stabbing)\s+$")
_AFTER_OBJECT = re.compile(r"^\s+" + _TIMES)
_PRONOUN_WOUND = re.compile(
    rf"\b(?:(?:he|she)\s+{_BEEN}|having\s+(?:previously\s+)?been)\s+(?P<verb>shot|hit|struck|stabbed|arrested)\s+"
    + _TIMES
)
# "X has four prior arrests": the count of the person's arrests as a noun
_PRIOR_ARRESTS = re.compile(
    r"^\s+(?:has|had)\s+(?:had\s+)?(?P<times>\d{1,2}|[a-z]+)\s+(?:prior|previous|earlier|past)\s+arrests\b"
)


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
    since: str | None = None  # a count bounded in time: "since October"


def people_index(entities: Sequence[Entity]) -> dict[str, str]:
    """Folded names, aliases and unambiguous surnames -> canonical name, with the names the resolver
    kept apart as another person but that are one name misspelt ("Ana Ruske" for "Ana Rusk"); a
    surname two people of the story share names neither."""
    index = _person_index(entities)
    holders: dict[str, set[str]] = {}  # a surname -> the full names that end in it
    for entity in entities:
        if entity.type == "PERSON":
            for name in (entity.name, *entity.aliases):
                if len(name.split()) > 1:
                    holders.setdefault(fold_transliteration(name.split()[-1]), set()).add(entity.name)
    for key in [k for k in index if " " not in k and len(holders.get(k, ())) > 1]:
        del index[key]  # "Gray" of a story with Kimani Gray and Mahnefah Gray is no one for sure
    for main, variants in _misspelt_entities(entities).items():
        if index.get(fold_transliteration(main)) != main:
            continue
        for variant, _ in variants:
            for key, name in list(index.items()):
                if name == variant:
                    index[key] = main
    return index


def who_is(people: Mapping[str, str], persons: Sequence[EntityMention]) -> dict[int, str]:
    """Each person mention of one article (by its start) -> the story's person.  A surname two
    people of the story share ("Gray" of Kimani Gray and Mahnefah Gray) names the one the article
    last named in full before it, as news style writes it; with no full name before it, no one."""
    found: dict[int, str] = {}
    last_full: dict[str, str] = {}  # surname -> the person last named in full
    for mention in sorted(persons, key=lambda m: m.start):
        key = fold_transliteration(mention.text)
        person = people.get(key)
        words = mention.text.split()
        if person is None and len(words) == 1:
            person = last_full.get(key)
        elif person is not None and len(words) > 1 and not _same_first_name(words[0], person):
            person = None  # "Jeremy Ortiz" folded into "Jerry Ortiz" may be his son: no one for sure
        elif person is not None and len(words) > 1:
            last_full[fold_transliteration(words[-1])] = person
        if person is not None:
            found[mention.start] = person
    return found


def _same_first_name(written: str, canonical: str) -> bool:
    return fold_transliteration(written) == fold_transliteration(canonical.split()[0])


def _close_in_time(articles: Sequence[Article]) -> bool:
    """All dated, within half a year: ages they give were given at about one time."""
    days = [a.published[:10] for a in articles if a.published]
    if len(days) < len(articles):
        return False
    try:
        dates = sorted(dt.date.fromisoformat(d) for d in days)
    except ValueError:
        return False
    return (dates[-1] - dates[0]).days <= MAX_AGE_SPREAD_DAYS


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
    by_id = {a.id: a for a in articles}
    facts = []
    for (person, attribute), group in sorted(grouped.items()):
        ids = {f.article_id for f in group}
        if len(ids) < 2:
            continue
        ages_differ = attribute == "age" and len({f.number for f in group}) > 1
        if ages_differ and not _close_in_time([by_id[i] for i in ids]):
            continue  # a trial two years after the arrest gives an older age: no dispute
        facts.append(_fact(person, attribute, group, bodies, labels))
    return facts


def read_figures(
    article_mentions: ArticleMentions, body: str, people: Mapping[str, str]
) -> list[PersonFigure]:
    """Ages written against a name, and child counts said of a name or of no one (person None)."""
    persons = sorted((m for m in article_mentions.entities if m.label == "PERSON"), key=lambda m: m.start)
    who = who_is(people, persons)
    found: list[PersonFigure] = []
    for mention in persons:
        person = who.get(mention.start)
        if person is None:
            continue
        age = _age_of(mention, body)
        if age is not None:
            years, start, end = age
            found.append(
                PersonFigure(article_mentions.article_id, person, "age", years, body[start:end], None,
                             start, end, sentence_span(body, start, end))
            )  # fmt: skip
    found += _wounds(article_mentions.article_id, body, persons, who)
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
            person = who.get(said_of.start)
            if person is None:
                continue  # said of a name the story does not know: no one to attach it to
        found.append(
            PersonFigure(article_mentions.article_id, person, "children", int(count), match.group(0),
                         PARENT_WORDS[match.group(2).lower()], match.start(), match.end(), span)
        )  # fmt: skip
    return found


def _wounds(
    article_id: str, body: str, persons: Sequence[EntityMention], who: Mapping[int, str]
) -> list[PersonFigure]:
    """How many times a named person was shot (or stabbed): "X, 16, was shot seven times", "hitting
    X seven times", and "he had been shot seven times" when the sentence names one person before.
    A bare surname that two people named in full before it share is told as the surname alone:
    "Gray" after "Ann Gray" and "her brother Tom Gray" may be either."""
    found: list[PersonFigure] = []
    who = _shared_surnames_kept(persons, who)

    def add(person: str | None, verb: str, times: str, start: int, end: int) -> None:
        times = times.lower().removesuffix("times").strip()
        count = ONCE_TWICE.get(times) or single_number(times)
        if person is None or count is None or count != int(count) or not 0 < count < 100:
            return
        since = _SINCE.match(body[end : end + 40])
        if since:
            end += since.end()
        found.append(
            PersonFigure(article_id, person, "times " + _WOUND_VERBS[verb.lower()], int(count), body[start:end],
                         None, start, end, sentence_span(body, start, end),
                         since.group(0).strip() if since else None)
        )  # fmt: skip

    for mention in persons:
        person = who.get(mention.start)
        prior = _PRIOR_ARRESTS.match(body[mention.end : mention.end + 50])
        if prior:
            add(person, "arrested", prior.group("times"), mention.start, mention.end + prior.end())
            continue
        passive = _PASSIVE_WOUND.match(body[mention.end : mention.end + 60])
        if passive:
            add(
                person,
                passive.group("verb"),
                passive.group("times"),
                mention.start,
                mention.end + passive.end(),
            )
            continue
        active = _ACTIVE_WOUND.search(body[max(0, mention.start - 12) : mention.start])
        after = _AFTER_OBJECT.match(body[mention.end : mention.end + 20])
        if active and after:
            add(person, active.group("verb"), after.group("times"), mention.start - len(active.group(0)),
                mention.end + after.end())  # fmt: skip
    for match in _PRONOUN_WOUND.finditer(body):
        span = sentence_span(body, match.start(), match.end())
        named = {who.get(m.start) for m in persons if span[0] <= m.start < match.start()}
        if len(named) == 1:
            add(named.pop(), match.group("verb"), match.group("times"), match.start(), match.end())
    return found


def _shared_surnames_kept(persons: Sequence[EntityMention], who: Mapping[int, str]) -> dict[int, str]:
    """``who`` with each bare surname that two people already named in full share mapped to the
    surname itself, not to one of them."""
    named_in_full: dict[str, set[str]] = {}  # folded surname -> people named in full so far
    kept = dict(who)
    for mention in sorted(persons, key=lambda m: m.start):
        words = mention.text.split()
        person = who.get(mention.start)
        key = fold_transliteration(words[-1]) if words else ""
        if len(words) > 1 and person is not None:
            named_in_full.setdefault(key, set()).add(person)
        elif len(words) == 1 and len(named_in_full.get(key, ())) > 1:
            kept[mention.start] = mention.text
    return kept


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
    what = {"age": "age", "children": "number of children"}.get(
        attribute, f"how many times {person} was {attribute.split()[-1]}"
    )
    articles_of = {n: {f.article_id for f in group if f.number == n} for n in by_number}
    # a difference counts when an article gives one value and not the other (not one article alone)
    clash = any(articles_of[a] - articles_of[b] and articles_of[b] - articles_of[a]
                for a in by_number for b in by_number if a < b)  # fmt: skip
    if attribute.startswith("times"):
        subject = what
        what = "the times " + person + " was " + attribute.split()[-1]
    else:
        subject = f"{what} of {person}"
        what = f"{person}'s {what}"
    reason = (
        f"outlets give different figures for {what}: {listing}"
        if clash
        else f"all give {what} as {ordered[0][0]}"
    )
    bounded = sorted({f"{f.since} ({labels[f.article_id]})" for f in group if f.since})
    scoped = clash and bounded and any(f.since is None for f in group)
    if scoped:
        reason += f"; counted only {', '.join(bounded)} by some, so the scopes may differ"
    figures = [(f.article_id, f.value, float(f.number), f.sentence_span, f.start, f.end) for f in group]
    kind = "age" if attribute == "age" else "quantity"
    found = found_in_sentences(subject, kind, bool(clash), reason, figures, bodies)
    return dataclasses.replace(found, soft=True) if scoped else found
