"""Names and places of people: spelling clashes and where outlets say someone went.

- A story entity's *variants* (a full name that clashes with the one most outlets use, e.g. a
  first name off by a letter or two) make a disputed "name" fact: a likely error.  A variant that
  is only another romanisation of the same name is no dispute.
- When outlets spell one person's name in several romanisations (Zelensky / Zelenskyy), an
  agreed "name" fact says so: the same person, not a dispute.
- Where a person went: a named person, a movement or meeting verb, and a place introduced by
  "in"/"to"/"at" a few words later in the same sentence ("X met officials in Abu Dhabi", "sent X
  to Kyiv").  Outlets that put the person only in different places make a soft dispute; an
  article that names both places means the person went to both.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from wirecheck.compare.found import FoundClaims, Status
from wirecheck.compare.text import fold_transliteration, mentions_with_bodies, sentence_span
from wirecheck.extract.names import edit_distance
from wirecheck.model import Article, ArticleMentions, Claim, Entity, EntityMention


def _sentence_claim(article: Article, value: str, mention: EntityMention) -> tuple[Claim, tuple[int, int]]:
    start, end = sentence_span(article.body, mention.start, mention.end)
    claim = Claim(article.id, value, None, article.body[start:end].strip(), mention.start, mention.end)
    return claim, (start, end)


def _person_mentions(mentions: ArticleMentions) -> Iterator[EntityMention]:
    return (m for m in mentions.entities if m.label == "PERSON")


def _first_mention(mentions: ArticleMentions, name: str) -> EntityMention | None:
    key = fold_transliteration(name)
    return next((m for m in _person_mentions(mentions) if fold_transliteration(m.text) == key), None)


def name_variant_facts(
    entities: Sequence[Entity], articles: Mapping[str, Article], mentions: Mapping[str, ArticleMentions]
) -> list[FoundClaims]:
    facts: list[FoundClaims] = []
    for entity in entities:
        clashing = [
            (variant, ids)
            for variant, ids in [*entity.variants, *_misspelt_aliases(entity, mentions)]
            if fold_transliteration(variant) != fold_transliteration(entity.name)
            and not given_name_form(variant, entity.name)
        ]
        if not clashing:
            continue
        variant_articles = {aid for _, ids in clashing for aid in ids}
        written_as = [(aid, entity.name) for aid in entity.article_ids if aid not in variant_articles] + [
            (aid, variant) for variant, ids in clashing for aid in ids
        ]
        claims: list[Claim] = []
        spans: list[tuple[int, int]] = []
        for article_id, written in written_as:
            if article_id not in articles or article_id not in mentions:
                continue
            mention = _first_mention(mentions[article_id], written)
            if mention is None:  # articles naming the person by surname only say nothing of the first name
                continue
            claim, span = _sentence_claim(articles[article_id], written, mention)
            claims.append(claim)
            spans.append(span)
        if len({c.article_id for c in claims}) < 2:
            continue
        described = "; ".join(_variant_reason(entity.name, variant, ids) for variant, ids in clashing)
        facts.append(
            FoundClaims(
                subject=f"name of {entity.name}",
                kind="name",
                status="disputed",
                reason=described,
                claims=tuple(claims),
                sentence_spans=tuple(spans),
            )
        )
    return facts


def given_name_form(a: str, b: str) -> bool:
    """Two forms of one given name before the same surname are not a dispute: a short or familiar
    form or another romanisation ("Dave Rossi" / "David Rossi", "Vassilis" / "Vassilios"): the rest
    of the name is the same and the given names, of different lengths, share their first four
    letters, or three when the shorter is a familiar form ending in -e or -y ("Dave"); "Keith" /
    "Keir" and "Marta" / "Marte" stay disputes."""
    words_a, words_b = fold_transliteration(a).split(), fold_transliteration(b).split()
    if len(words_a) != len(words_b) or len(words_a) < 2 or words_a[1:] != words_b[1:]:
        return False
    first_a, first_b = words_a[0], words_b[0]
    shorter = min(first_a, first_b, key=len)
    shared = len(os.path.commonprefix([first_a, first_b]))
    familiar = (
        shared >= 3 and len(first_a) != len(first_b) and len(shorter) <= 5 and shorter.endswith(("e", "y"))
    )
    longer_form = shared >= 4 and len(first_a) != len(first_b)  # "Marta" / "Marte" is a misspelling
    return first_a != first_b and (longer_form or familiar)


def _misspelt_aliases(
    entity: Entity, mentions: Mapping[str, ArticleMentions]
) -> list[tuple[str, tuple[str, ...]]]:
    """Aliases that are the full name with a word off by a letter or two (not another romanisation),
    used by fewer articles than the name itself: "Ed Milliband" beside "Ed Miliband"."""
    if entity.type != "PERSON":
        return []
    name_words = entity.name.split()
    known = {fold_transliteration(v) for v, _ in entity.variants}
    found: list[tuple[str, tuple[str, ...]]] = []
    for alias in entity.aliases:
        alias_words = alias.split()
        key = fold_transliteration(alias)
        if len(alias_words) != len(name_words) or len(alias_words) < 2 or key in known:
            continue
        pairs = list(zip(fold_transliteration(entity.name).split(), key.split(), strict=False))
        if key == fold_transliteration(entity.name) or any(edit_distance(a, b) > 2 for a, b in pairs):
            continue
        users = tuple(
            sorted(
                aid for aid in entity.article_ids if aid in mentions and _first_mention(mentions[aid], alias)
            )
        )
        majority = [
            aid
            for aid in entity.article_ids
            if aid in mentions and _first_mention(mentions[aid], entity.name)
        ]
        if users and len(users) < len(majority):
            found.append((alias, users))
    return found


def _variant_reason(name: str, variant: str, article_ids: Sequence[str]) -> str:
    differing = [(a, b) for a, b in zip(name.split(), variant.split(), strict=False) if a != b]
    small = len(name.split()) == len(variant.split()) and all(
        edit_distance(a.lower(), b.lower()) <= 2 for a, b in differing
    )
    where = ", ".join(article_ids)
    if small:
        return f"likely error: {variant!r} ({where}) differs by a letter or two from the name most outlets use, {name!r}"
    return f"{variant!r} ({where}) differs from the name most outlets use, {name!r}"


def spelling_facts(
    entities: Sequence[Entity], articles: Mapping[str, Article], mentions: Mapping[str, ArticleMentions]
) -> list[FoundClaims]:
    """Agreed "name" facts for people whose name outlets write in different romanisations or with
    and without accents (Zelensky / Zelenskyy, Luís / Luis)."""
    facts: list[FoundClaims] = []
    for entity in entities:
        if entity.type != "PERSON" or not entity.name.split() or len(entity.article_ids) < 2:
            continue
        full_key = fold_transliteration(entity.name)
        surname_key = fold_transliteration(entity.name.split()[-1])
        if len(surname_key) < 4:
            continue
        by_article: dict[str, EntityMention] = {}
        for article_id in entity.article_ids:
            if article_id not in mentions or article_id not in articles:
                continue
            candidates = [
                m
                for m in _person_mentions(mentions[article_id])
                if m.text.split() and fold_transliteration(m.text.split()[-1]) == surname_key
            ]
            full = [m for m in candidates if fold_transliteration(m.text) == full_key]
            if full or candidates:
                by_article[article_id] = (full or candidates)[0]
        surnames = Counter(m.text.split()[-1] for m in by_article.values())
        full_forms = Counter(m.text for m in by_article.values() if fold_transliteration(m.text) == full_key)
        if len(by_article) < 2 or (len(surnames) < 2 and len(full_forms) < 2):
            continue
        forms = surnames if len(surnames) >= 2 else full_forms
        claims, spans = [], []
        for article_id, mention in by_article.items():
            claim, span = _sentence_claim(articles[article_id], mention.text, mention)
            claims.append(claim)
            spans.append(span)
        listing = ", ".join(
            f"{form} ({', '.join(a for a, m in by_article.items() if form in (m.text, m.text.split()[-1]))})"
            for form, _ in forms.most_common()
        )
        facts.append(
            FoundClaims(
                subject=f"name of {entity.name}",
                kind="name",
                status="agreed",
                reason=f"one name written in different ways (romanisation, accents): {listing}; "
                "the same person, not a dispute",
                claims=tuple(claims),
                sentence_spans=tuple(spans),
            )
        )
    return facts


# ---------------------------------------------------------------------------- places people went

SENDING_WORDS = frozenset(
    [
        "sent",
        "send",
        "sends",
        "sending",
        "deployed",
        "deploy",
        "deploys",
        "deploying",
        "dispatched",
        "dispatch",
        "dispatches",
        "dispatching",
        "posted",
        "assigned",
    ]
)
MOVING_WORDS = frozenset(
    [
        "met",
        "meet",
        "meets",
        "meeting",
        "went",
        "go",
        "goes",
        "going",
        "travelled",
        "traveled",
        "travel",
        "travels",
        "traveling",
        "travelling",
        "flew",
        "fly",
        "flies",
        "flying",
        "arrived",
        "arrive",
        "arrives",
        "arriving",
        "visited",
        "visit",
        "visits",
        "visiting",
        "spent",
        "spend",
        "spends",
        "spending",
        "led",
        "lead",
        "leads",
        "leading",
        "held",
        "hold",
        "holds",
        "holding",
        "headed",
        "head",
        "heads",
        "heading",
        "returned",
        "return",
        "returns",
        "landed",
        "land",
        "lands",
        "stayed",
        "stay",
        "stays",
        "was",
        "were",
        "negotiated",
        "negotiating",
    ]
)
MAX_WORDS_BETWEEN = 12
_WORD = re.compile(r"[A-Za-z']+")


@dataclass(frozen=True)
class PlaceSighting:
    person: str  # canonical story name
    article_id: str
    place: str
    place_key: str
    mention: EntityMention  # the place mention
    sentence_span: tuple[int, int]


def _person_index(entities: Sequence[Entity]) -> dict[str, str]:
    """Folded full names, aliases and unambiguous surnames -> canonical name."""
    index: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for entity in entities:
        if entity.type != "PERSON":
            continue
        for name in (entity.name, *entity.aliases, *(v for v, _ in entity.variants)):
            index[fold_transliteration(name)] = entity.name
            if name.split():
                surnames.setdefault(fold_transliteration(name.split()[-1]), set()).add(entity.name)
    for surname, names in surnames.items():
        if len(names) == 1:
            index.setdefault(surname, next(iter(names)))
    return index


def story_places(mentions: Sequence[ArticleMentions]) -> dict[str, str]:
    """Place names the story's articles use (tagged GPE/LOC at least twice, or mostly): folded -> as written.

    Matching these names in the text catches a place the tagger missed in one sentence."""
    labels: dict[str, Counter[str]] = {}
    written: dict[str, str] = {}
    for article_mentions in mentions:
        for mention in article_mentions.entities:
            key = fold_transliteration(mention.text)
            labels.setdefault(key, Counter())["place" if mention.label in {"GPE", "LOC"} else "other"] += 1
            if mention.label in {"GPE", "LOC"}:
                written.setdefault(key, mention.text)
    return {
        key: written[key]
        for key, count in labels.items()
        if key in written and (count["place"] >= 2 or count["place"] >= count["other"])
    }


def place_sightings(
    entities: Sequence[Entity], articles: Sequence[Article], mentions: Sequence[ArticleMentions]
) -> list[PlaceSighting]:
    people = _person_index(entities)
    places = story_places(mentions)
    if not places:
        return []
    names = sorted(places.values(), key=len, reverse=True)
    place_pattern = re.compile(
        r"\b(?:in|to|at|visit|visited|visits|visiting)\s+(?:the\s+)?("
        + "|".join(map(re.escape, names))
        + r")\b"
    )
    sightings: list[PlaceSighting] = []
    for article_mentions, body in mentions_with_bodies(articles, mentions):
        persons = sorted((m for m in article_mentions.entities if m.label == "PERSON"), key=lambda m: m.start)
        for index, person in enumerate(persons):
            name = people.get(fold_transliteration(person.text))
            if name is None:
                continue
            span = sentence_span(body, person.start, person.end)
            stop = min(span[1], persons[index + 1].start if index + 1 < len(persons) else span[1])
            match = place_pattern.search(
                body, person.end, stop
            )  # the first place after the person, before anyone else
            if match is None or not _went_there(body, span, person, match.start()):
                continue
            place = match.group(1)
            mention = EntityMention(place, "GPE", match.start(1), match.end(1))
            sightings.append(
                PlaceSighting(
                    name, article_mentions.article_id, place, fold_transliteration(place), mention, span
                )
            )
    return sightings


def _went_there(body: str, span: tuple[int, int], person: EntityMention, place_start: int) -> bool:
    """A movement or meeting word between the person and the place, or a sending word before the
    person ("deployed ... X to Y"), and not too far apart."""
    between = _WORD.findall(body[person.end : place_start].lower())
    if len(between) > MAX_WORDS_BETWEEN:
        return False
    before = _WORD.findall(body[span[0] : person.start].lower())[-MAX_WORDS_BETWEEN:]
    return bool(set(between) & MOVING_WORDS) or bool(set(before) & SENDING_WORDS)


def place_facts(sightings: Sequence[PlaceSighting], articles: Mapping[str, Article]) -> list[FoundClaims]:
    by_person: dict[str, list[PlaceSighting]] = {}
    for sighting in sightings:
        by_person.setdefault(sighting.person, []).append(sighting)
    facts: list[FoundClaims] = []
    for person, seen in by_person.items():
        places_by_article: dict[str, set[str]] = {}
        for sighting in seen:
            places_by_article.setdefault(sighting.article_id, set()).add(sighting.place_key)
        if len(places_by_article) < 2:
            continue
        written = {s.place_key: s.place for s in seen}
        counts = Counter(key for keys in places_by_article.values() for key in keys)
        together = {frozenset(keys) for keys in places_by_article.values() if len(keys) > 1}
        main = counts.most_common(1)[0][0]
        clashing = [
            key
            for key in counts
            if key != main and not any(main in pair and key in pair for pair in together)
        ]
        claims, spans = [], []
        for sighting in seen:
            if sighting.article_id not in articles:
                continue
            body = articles[sighting.article_id].body
            claims.append(
                Claim(
                    sighting.article_id,
                    sighting.place,
                    None,
                    body[sighting.sentence_span[0] : sighting.sentence_span[1]].strip(),
                    sighting.mention.start,
                    sighting.mention.end,
                )
            )
            spans.append(sighting.sentence_span)
        listing = " vs ".join(
            f"{written[key]} ({', '.join(sorted(a for a, keys in places_by_article.items() if key in keys))})"
            for key, _ in counts.most_common()
        )
        status: Status
        if clashing:
            status, soft = "disputed", True
            reason = (
                f"outlets place {person} in different places: {listing}; no article names both, "
                "though different trips at different times could explain it"
            )
        else:
            status, soft = "agreed", False
            reason = f"outlets agree on where {person} went: {listing}"
        facts.append(
            FoundClaims(
                subject=f"where {person} went",
                kind="place",
                status=status,
                reason=reason,
                claims=tuple(claims),
                sentence_spans=tuple(spans),
                soft=soft,
            )
        )
    return facts
