"""Compare: align claims across articles into agreed, disputed and single-source facts.

Public entry: ``compare_story(articles, mentions, entities, quotes, grouping, models) -> list[Fact]``,
most important first (disputes about casualties, names and quotes lead).  The hub runs the
kinds of fact listed in ``FACT_KINDS`` (one line each) over one ``StoryMaterial`` per story.

Each kind of fact has its own module, read top to bottom:

- ``align``: quantities that measure the same thing (people killed in one place, drones downed...);
- ``spans``: lengths of time given for the same thing ("almost four years" of war);
- ``quotes``: one quote in several wordings;
- ``names``: clashing spellings of a name, and where outlets say a person went;
- ``persons``: a named person's age and number of children;
- ``falls``: how far a named person fell, units converted;
- ``records``: a team's win-loss record;
- ``game_clock``: when in a game one play came (the clock or the part of the period);
- ``directions``: a distance's direction from its reference point, weighed in the quantity verdict;
- ``judge``: agreed / disputed / single and the reason, in words a reader accepts;
- ``independence``: how many independent witnesses stand behind a fact (copies and shared
  attributions are one witness).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from wirecheck.compare import (
    align,
    dates,
    directions,
    falls,
    game_clock,
    judge,
    names,
    persons,
    places,
    quotes,
    records,
    spans,
)
from wirecheck.compare.found import FoundClaims
from wirecheck.compare.independence import StoryContext, count_witnesses
from wirecheck.compare.text import quote_excerpt, words
from wirecheck.model import Article, ArticleMentions, Claim, Entity, Fact, Grouping, Quote, SourceFamily
from wirecheck.nlp import Models
from wirecheck.settings import DEFAULT_SETTINGS, Settings

Encode = Callable[[list[str]], np.ndarray]

KIND_WEIGHT = {
    "casualty": 1.0,
    "name": 0.85,
    "quote": 0.8,
    "duration": 0.7,
    "date": 0.7,
    "age": 0.65,
    "quantity": 0.6,
    "place": 0.5,
}
STATUS_WEIGHT = {"disputed": 1.0, "agreed": 0.3, "single": 0.1}
SOFT_DISPUTE = (
    0.9  # both values can hold ("at least six" / "at least seven"): still a dispute, a little lower
)


def compare_story(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    grouping: Grouping,
    models: Models,
    settings: Settings = DEFAULT_SETTINGS,
    families: Sequence[SourceFamily] | None = None,
) -> list[Fact]:
    """Every fact the story's articles state, judged, with independence counts; most important first.
    ``families`` are the story's source families (found here when not given)."""
    story = StoryMaterial(
        articles=tuple(articles),
        mentions=tuple(mentions),
        entities=tuple(entities),
        quotes=tuple(quotes),
        by_id={a.id: a for a in articles},
        mentions_by_id={m.article_id: m for m in mentions},
        encode=models.embedder.encode,
        context=StoryContext.build(articles, mentions, grouping, families, entities),
        settings=settings,
    )
    found: list[FoundClaims] = []
    for kind in FACT_KINDS:
        # a kind that sets one article's wording against another's finds nothing in a lone article
        if len(story.by_id) > 1 or not kind.across_articles:
            found += kind.find(story)
    facts = [to_fact(item, story.context) for item in found]
    return sorted(facts, key=lambda f: (-f.importance, f.subject))


@dataclass(frozen=True)
class StoryMaterial:
    """What every kind of fact may read of one story (built once per story)."""

    articles: tuple[Article, ...]
    mentions: tuple[ArticleMentions, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    by_id: Mapping[str, Article]
    mentions_by_id: Mapping[str, ArticleMentions]
    encode: Encode
    context: StoryContext
    settings: Settings


@dataclass(frozen=True)
class FactKind:
    """One kind of fact: its name, its one entry point, and whether it needs two articles."""

    name: str
    find: Callable[[StoryMaterial], Iterable[FoundClaims]]
    across_articles: bool = True


# Every kind of fact, in the order they are found: adding a kind is one module and one line here
# (docs/ENGINEERING.md, "Adding a kind of fact").
FACT_KINDS: list[FactKind] = [
    FactKind(
        "figures",
        lambda s: quantity_facts(s.articles, s.mentions, s.encode, s.context, s.settings),
        across_articles=False,
    ),
    FactKind("durations", lambda s: span_facts(s.articles, s.mentions, s.context), across_articles=False),
    FactKind(
        "dates", lambda s: date_facts(s.articles, s.mentions, s.context, s.settings), across_articles=False
    ),
    FactKind("quotes", lambda s: quote_facts(s.quotes, s.by_id, s.encode, s.settings)),
    FactKind("name variants", lambda s: names.name_variant_facts(s.entities, s.by_id, s.mentions_by_id)),
    FactKind("spellings", lambda s: names.spelling_facts(s.entities, s.by_id, s.mentions_by_id)),
    FactKind(
        "places of people",
        lambda s: names.place_facts(names.place_sightings(s.entities, s.articles, s.mentions), s.by_id),
    ),
    FactKind("persons", lambda s: persons.person_facts(s.entities, s.articles, s.mentions)),
    FactKind("falls", lambda s: falls.fall_facts(s.entities, s.articles, s.mentions)),
    FactKind("records", lambda s: records.record_facts(s.articles)),
    FactKind("game clock", lambda s: game_clock.game_clock_facts(s.articles, s.mentions)),
]


def to_fact(item: FoundClaims, context: StoryContext) -> Fact:
    # a name's spelling is the article's own: the person quoted in its sentence is no witness of it
    witnesses = count_witnesses(item.claims, context, item.sentence_spans, read_sources=item.kind != "name")
    return Fact(
        subject=item.subject,
        status=item.status,
        claims=witnesses.claims or item.claims,
        kind=item.kind,
        reason=item.reason,
        articles=witnesses.articles,
        independent_sources=witnesses.independent,
        sources=witnesses.sources,
        importance=importance(item, witnesses.articles, witnesses.independent),
        families=len(witnesses.families),
        family_names=witnesses.families,
        primary_sources=witnesses.primary_sources,
    )


def importance(item: FoundClaims, articles: int, independent: int) -> float:
    """Disputes first, casualties, names and quotes before other kinds; more witnesses weigh more."""
    kind = "casualty" if item.casualty else item.kind
    weight = KIND_WEIGHT.get(kind, 0.5) * STATUS_WEIGHT[item.status]
    if item.status == "disputed" and item.soft:
        weight *= SOFT_DISPUTE
    return round(weight + 0.02 * min(articles, 10) + 0.01 * min(independent, 10), 4)


def publication_time(article: Article | None) -> str | None:
    """ISO date or datetime of publication: a time in the metadata when there is one, else the date."""
    if article is None:
        return None
    for key in ("published_at", "published_time", "datetime", "modified", "updated", "date", "published"):
        value = article.meta.get(key) if article.meta else None
        timed = isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value)
        if (
            timed
            and isinstance(value, str)
            and (not article.published or value.startswith(article.published))
        ):
            return value.replace(" ", "T")
    return article.published


# ---------------------------------------------------------------------------- quantities


def quantity_facts(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    encode: Encode,
    context: StoryContext,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[FoundClaims]:
    claims = align.quantity_claims(articles, mentions)
    found: list[FoundClaims] = []
    groups = align.pair_nested_places(
        align.align_quantities(claims, encode, settings), claims, places.load_gazetteer()
    )
    for group in groups:
        first = group[0]
        if len({c.article_id for c in group}) < 2 and not _worth_alone(first):
            continue
        readings: dict[str, judge.Reading] = {}
        for claim in group:
            q = claim.quantity
            readings.setdefault(
                claim.article_id,
                judge.Reading(
                    article_id=claim.article_id,
                    label=context.label(claim.article_id),
                    value=q.value,
                    number=q.number,
                    qualifier=q.qualifier,
                    when=publication_time(context.articles.get(claim.article_id)),
                    number_max=getattr(q, "number_max", None),
                ),
            )
        casualty = first.event in align.CASUALTY_EVENTS
        verdict = judge.judge_tally(list(readings.values()), cumulative=casualty or first.counted == "person")
        if (
            verdict.status == "disputed"
            and any(c.baseline for c in group)
            and not all(c.baseline for c in group)
        ):
            verdict = judge.Verdict(
                "disputed",
                verdict.reason + "; one outlet gives the figure of an ordinary day, so the scopes may differ",
                soft=True,
            )
        verdict = directions.direction_verdict(group, verdict, context.label)
        if align.joins_nested_places(group):  # a country's tally and a city's
            verdict = nested_places_verdict(group, verdict, context)
        stated = (
            Claim(
                c.article_id,
                c.quantity.value,
                align.written_number(c.quantity.value, c.quantity.number),
                c.sentence,
                c.quantity.start,
                c.quantity.end,
            )
            for c in group
        )
        subject = align.subject_of(group, _shared_topic(group, context.mentions))
        found.append(judged(subject, "quantity", verdict, group, stated, casualty=casualty))
    return found


def nested_places_verdict(
    group: Sequence[align.QuantityClaim], verdict: judge.Verdict, context: StoryContext
) -> judge.Verdict:
    """A country's tally against a city's: figures side by side, never "cannot both be right"."""
    firsts = {c.article_id: c for c in reversed(group)}  # the first claim of each article
    outer, inner = (firsts[a] for a in dict.fromkeys(c.article_id for c in group))
    given = " vs ".join(
        f"{c.quantity.value} in {c.place} ({context.label(c.article_id)})" for c in (outer, inner)
    )
    if verdict.status == "agreed":
        return judge.Verdict(
            "agreed", f"the same figure for {outer.place} and for {inner.place}, a city in it: {given}"
        )
    return judge.Verdict(
        "disputed",
        f"figures for a country and a city in it: {given}; {inner.place} is in {outer.place} and neither "
        "outlet gives a figure for the other's place, so the scopes may differ",
        soft=True,
    )


class _InSentence(Protocol):
    """An aligned claim: it knows the span of its sentence in the article body."""

    @property
    def sentence_start(self) -> int: ...

    @property
    def sentence_end(self) -> int: ...


def judged(
    subject: str,
    kind: str,
    verdict: judge.Verdict,
    group: Sequence[_InSentence],
    claims: Iterable[Claim],
    *,
    casualty: bool = False,
) -> FoundClaims:
    """One fact from an aligned group: its claims, the verdict, and the spans of the sentences
    (where the independence count reads the attributions)."""
    return FoundClaims(
        subject=subject,
        kind=kind,
        status=verdict.status,
        reason=verdict.reason,
        claims=tuple(claims),
        sentence_spans=tuple((c.sentence_start, c.sentence_end) for c in group),
        soft=verdict.soft,
        casualty=casualty,
    )


def _worth_alone(claim: align.QuantityClaim) -> bool:
    """A single-source tally is worth listing when we know what it counts and what happened."""
    return bool(claim.event) or claim.counted in align.COUNTED_CLASSES.values()


TOPIC_LABELS = frozenset({"ORG", "EVENT", "FAC"})
_CAPITALISED = r"[A-Z][\w'\u2019-]+"
_NAMED_PHRASE = re.compile(rf"{_CAPITALISED}(?:(?:\s+(?:of|the|and|for|on))*\s+{_CAPITALISED})+")


def _shared_topic(
    group: Sequence[align.QuantityClaim], mentions: Mapping[str, ArticleMentions]
) -> str | None:
    """For a tally with no known event or place: a named thing (organisation, event, a capitalised
    name of several words) that the sentences of half or more of the articles share:
    "Coalition of the Willing" for a count of its countries."""
    article_ids = {c.article_id for c in group}
    if len(article_ids) < 2 or group[0].event in align.EVENT_PARTICIPLES or any(c.place for c in group):
        return None  # "people killed in Kyiv" says enough
    places = {" ".join(words(c.place)) for c in group if c.place}
    seen: Counter[str] = Counter()
    written: dict[str, str] = {}
    for article_id in article_ids:
        keys: set[str] = set()
        for claim in (c for c in group if c.article_id == article_id):
            names = [m.group(0) for m in _NAMED_PHRASE.finditer(claim.sentence)]
            for entity in mentions[article_id].entities if article_id in mentions else ():
                inside = claim.sentence_start <= entity.start and entity.end <= claim.sentence_end
                if inside and entity.label in TOPIC_LABELS and len(entity.text) > 3:
                    names.append(entity.text)
            for name in names:
                key = " ".join(words(name))
                if key and key not in places:
                    keys.add(key)
                    written.setdefault(key, name)
        seen.update(keys)
    shared = [key for key, count in seen.most_common() if count >= 2 and count >= len(article_ids) / 2]
    return written[max(shared, key=lambda k: (seen[k], len(k)))] if shared else None


# ---------------------------------------------------------------------------- spans of time


def span_facts(
    articles: Sequence[Article], mentions: Sequence[ArticleMentions], context: StoryContext
) -> list[FoundClaims]:
    found: list[FoundClaims] = []
    for group in spans.align_spans(spans.span_claims(articles, mentions)):
        if len(group) < 2:
            continue
        unit, unit_years = spans.natural_unit([c.years for c in group])
        readings = [
            judge.Reading(
                c.article_id, context.label(c.article_id), c.text, round(c.years / unit_years, 2), c.qualifier
            )
            for c in group
        ]
        verdict = judge.judge_span(readings, unit=unit + "s")
        subject = (
            "how long the war has lasted"
            if group[0].subject == "war"
            else f"how long the {group[0].subject} lasted"
        )
        claims = (
            Claim(c.article_id, c.text, round(c.years / unit_years, 2), c.sentence.strip(), c.start, c.end)
            for c in group
        )
        found.append(judged(subject, "duration", verdict, group, claims))
    return found


# ---------------------------------------------------------------------------- dates of events


def date_facts(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    context: StoryContext,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[FoundClaims]:
    """When each event happened, as the outlets date it: the same day (or year) agrees."""
    found: list[FoundClaims] = []
    for group in dates.align_dates(dates.date_claims(articles, mentions), settings):
        keyed: dict[str, list[str]] = {}
        for claim in group:
            label = context.label(claim.article_id)
            keyed.setdefault(dates.claim_key(claim, group), []).append(label)
        ordered = sorted(keyed.items(), key=lambda item: -len(item[1]))
        described = " vs ".join(f"{dates.shown(key)} ({', '.join(labels)})" for key, labels in ordered)
        status: judge.Status
        if len(keyed) == 1:
            status, reason, soft = "agreed", f"all date it {described}", False
        elif dates.near_midnight(group):
            status, soft = "disputed", True
            reason = f"{described}: the times given lie either side of midnight, but the days differ"
        else:
            status, reason, soft = "disputed", f"different dates: {described}", False
        yearly = dates.compared_on(group) == "year"
        claims = (
            Claim(c.article_id, c.value, float(c.date[:4]) if yearly else None, c.sentence, c.start, c.end)
            for c in group
        )
        verdict = judge.Verdict(status, reason, soft)
        found.append(judged(dates.subject_of(group), "date", verdict, group, claims))
    return found


# ---------------------------------------------------------------------------- quotes


def quote_facts(
    story_quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    encode: Encode,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[FoundClaims]:
    found: list[FoundClaims] = []
    for group in quotes.align_quotes(quotes.quote_claims(story_quotes, articles), encode, settings):
        wordings = Counter(c.words for c in group)
        base = wordings.most_common(1)[0][0]
        base_ids = ", ".join(c.quote.article_id for c in group if c.words == base)
        differences: list[str] = []
        for claim in group:
            for difference in quotes.wording_differences(base, claim.words):
                text = f"{_shown(difference.ours)} ({base_ids}) vs {_shown(difference.theirs)} ({claim.quote.article_id})"
                if text not in differences:
                    differences.append(text)
        speaker = next((c.quote.speaker for c in group if c.quote.speaker), None)
        if differences:
            status: judge.Status = "disputed"
            reason = "the same quote in different wordings: " + "; ".join(differences[:4])
        elif len(wordings) == 1:
            status, reason = "agreed", "the same words in every article"
        else:
            status, reason = (
                "agreed",
                "the same words; outlets quote more or less of it, or differ only in small words",
            )
        subject = (
            f"words of {speaker or 'an unnamed speaker'}: \u201c{quote_excerpt(base_text(group, base))}\u201d"
        )
        claims = (
            Claim(c.quote.article_id, c.quote.text, None, c.sentence.strip(), c.quote.start, c.quote.end)
            for c in group
        )
        found.append(judged(subject, "quote", judge.Verdict(status, reason), group, claims))
    return found


def _shown(words_: str) -> str:
    return repr(words_) if words_ else "nothing"


def base_text(group: Sequence[quotes.QuoteClaim], base: tuple[str, ...]) -> str:
    return next((c.quote.text for c in group if c.words == base), group[0].quote.text)
