"""Names and places of people: spelling clashes and where outlets say someone went.

- A story entity's *variants* (a full name that clashes with the one most outlets use, e.g. a
  first name off by a letter or two) make a disputed "name" fact: a likely error.  A variant that
  is only another romanisation of the same name is no dispute.
- When outlets spell one person's name in several romanisations (Zelensky / Zelenskyy), an
  agreed "name" fact says so: the same person, not a dispute.  So do short forms of a first name
  (Dave / David, the Greek everyday -is for the formal -ios: Vassilis / Vassilios), a name with and
  without a space or with one part of a double-barrelled surname (Del Giudice / DelGiudice), and an
  organisation's name with another ending or without its legal form ("Acme Distribution Ltd." /
  "Acme Distributors").
- Names the tagger kept apart can still be one name misspelt: a full name whose surname is a
  letter off with the same first name ("Ana Rusk" / "Ana Ruske"), an organisation's name a word
  off by a letter or two ("Red Hawks" / "Red Hawk's" is not, "Red Hawks" / "Red Hauks" is), and a
  long single name with one inner letter changed ("Mirabela" / "Mirabala").  These make disputes
  unless the difference is a known romanisation pattern.
- Where a person went: a named person, a movement or meeting verb, and a place introduced by
  "in"/"to"/"at" a few words later in the same sentence ("X met officials in Abu Dhabi", "sent X
  to Kyiv").  Outlets that put the person only in different places make a soft dispute; an
  article that names both places means the person went to both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from wirecheck.compare.found import FoundClaims, Status
from wirecheck.compare.text import fold_transliteration, mentions_with_bodies, sentence_span
from wirecheck.extract.names import edit_distance, name_words
from wirecheck.model import Article, ArticleMentions, Claim, Entity, EntityMention


def _sentence_claim(article: Article, value: str, mention: EntityMention) -> tuple[Claim, tuple[int, int]]:
    start, end = sentence_span(article.body, mention.start, mention.end)
    claim = Claim(article.id, value, None, article.body[start:end].strip(), mention.start, mention.end)
    return claim, (start, end)


def _person_mentions(mentions: ArticleMentions) -> Iterator[EntityMention]:
    return (m for m in mentions.entities if m.label == "PERSON")


def _first_mention(mentions: ArticleMentions, name: str, *, any_label: bool = False) -> EntityMention | None:
    """The article's first mention written ``name`` (a person's, unless ``any_label``); for a single
    word, also a full name holding it ("Mirabela" in "Mirabela Stone")."""
    key = fold_transliteration(name)
    found = mentions.entities if any_label else list(_person_mentions(mentions))
    exact = next((m for m in found if fold_transliteration(m.text) == key), None)
    if exact is not None or not any_label or " " in key:
        return exact
    return next((m for m in found if key in fold_transliteration(m.text).split()), None)


def name_variant_facts(
    entities: Sequence[Entity], articles: Mapping[str, Article], mentions: Mapping[str, ArticleMentions]
) -> list[FoundClaims]:
    facts: list[FoundClaims] = []
    misspelt_apart = _misspelt_entities(entities)
    for entity in entities:
        clashing = [
            (variant, ids)
            for variant, ids in entity.variants
            if one_name_reason(variant, entity.name) is None
        ] + _misspelt_aliases(entity, mentions)
        clashing += misspelt_apart.get(entity.name, [])
        if not clashing:
            continue
        any_label = entity.type != "PERSON" or entity.name in misspelt_apart
        variant_articles = {aid for _, ids in clashing for aid in ids}
        written_as = [(aid, entity.name) for aid in entity.article_ids if aid not in variant_articles] + [
            (aid, variant) for variant, ids in clashing for aid in ids
        ]
        claims: list[Claim] = []
        spans: list[tuple[int, int]] = []
        for article_id, written in written_as:
            if article_id not in articles or article_id not in mentions:
                continue
            mention = _first_mention(mentions[article_id], written, any_label=any_label)
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


def _misspelt_aliases(
    entity: Entity, mentions: Mapping[str, ArticleMentions]
) -> list[tuple[str, tuple[str, ...]]]:
    """Aliases that are the full name with a word off by a letter or two (not another romanisation),
    used by fewer articles than the name itself: "Ed Milliband" beside "Ed Miliband"."""
    if entity.type != "PERSON":
        return []
    words_of_name = entity.name.split()
    known = {fold_transliteration(v) for v, _ in entity.variants}
    found: list[tuple[str, tuple[str, ...]]] = []
    for alias in entity.aliases:
        alias_words = alias.split()
        key = fold_transliteration(alias)
        if len(alias_words) != len(words_of_name) or len(alias_words) < 2 or key in known:
            continue
        if one_name_reason(alias, entity.name) is not None:
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
    told = {f.subject for f in facts}
    return facts + [f for f in variant_name_facts(entities, articles, mentions) if f.subject not in told]


# ---------------------------------------------------------------------------- one name, two spellings

# Romanisation patterns beyond those of fold_transliteration, each a known way English news writes
# one letter of another script two ways: Greek gamma before i/e as g or y (Giorgos / Yiorgos),
# Greek kappa as c or k before a back vowel (Costas / Kostas), and the assimilated Arabic article of
# "-ud-din" names, whose vowel each outlet writes its own way (Salahuddin / Salahaddin / Salah
# ad-Din).
_ROMANISATION_FOLDS = {
    re.compile(r"g(?=i[aeiou]|e[aeiou])"): "y",
    re.compile(r"(?<![a-z])c(?=[aou])"): "k",
    re.compile(r"[aeiu]d{1,2}din\b"): "uddin",
}
# Greek given names have a formal ending and an everyday one: Vassilios / Vassilis, Dimitrios / Dimitris
# Greek everyday forms drop the o of -ios / -aos: Vassilios / Vassilis, Nikolaos / Nikolas
_GREEK_EVERYDAY = re.compile(r"(?<=[ia])os$")
# English short forms that keep the first letters of the name and end in -e, -y or -ie: Dave / David,
# Steve / Steven, Eddie / Edward's "Ed" is caught as a prefix
_SHORT_FORM_ENDINGS = ("e", "y", "ie")
MIN_STEM = 3
# an organisation's legal form, which outlets keep or drop: "Acme Ltd." / "Acme"
LEGAL_FORMS = frozenset(
    {
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "llc",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "sa",
    }
)
# endings of one word stem that organisation names vary in: Distribution / Distributors, Service / Services
_ORG_ENDINGS = re.compile(r"(?:ion|ions|ors|or|ers|er|ing|s)$")


@lru_cache(maxsize=65536)
def romanisation_key(name: str) -> str:
    """A key under which romanisations and spacings of one name coincide (spaces and hyphens dropped:
    Del Giudice / DelGiudice)."""
    key = " ".join(name_words(name))
    key = fold_transliteration(key)
    for pattern, replacement in _ROMANISATION_FOLDS.items():
        key = pattern.sub(replacement, key)
    return key.replace(" ", "")


def is_short_form(a: str, b: str) -> bool:
    """Whether one first name is a usual short or everyday form of the other: a prefix of it (Alex /
    Alexander), the Greek everyday -is for -ios and -as for -aos, or its first letters with -e, -y or -ie (Dave /
    David); a changed letter elsewhere (Keith / Keir, Marta / Marte) is none of these."""
    short, full = sorted((a.lower(), b.lower()), key=len)
    if short == full or len(short) < MIN_STEM:
        return False
    if full.startswith(short) or _GREEK_EVERYDAY.sub("s", full) == short:
        return True
    return any(
        short.endswith(ending)
        and len(short) - len(ending) >= MIN_STEM
        and full.startswith(short[: -len(ending)])
        and len(full) > len(short)
        for ending in _SHORT_FORM_ENDINGS
    )


def one_name_reason(a: str, b: str) -> str | None:
    """Why two spellings are one name, or None: "romanisation or spacing", "short form",
    "double-barrelled surname"."""
    if romanisation_key(a) == romanisation_key(b):
        return "romanisation or spacing"
    words_a, words_b = name_words(a), name_words(b)
    if len(words_a) < 2 or len(words_b) < 2 or romanisation_key(words_a[0]) != romanisation_key(words_b[0]):
        if (
            len(words_a) == len(words_b) >= 2
            and [romanisation_key(w) for w in words_a[1:]] == [romanisation_key(w) for w in words_b[1:]]
            and is_short_form(words_a[0], words_b[0])
        ):
            return "short form"
        return None
    short, full = sorted((words_a[1:], words_b[1:]), key=len)
    inside = any(full[i : i + len(short)] == short for i in range(len(full) - len(short) + 1))
    if len(short) < len(full) and inside:
        return "double-barrelled surname or middle name"
    return None


def org_key(name: str) -> tuple[str, ...]:
    """An organisation's name without its legal form or "the", each word cut to its stem."""
    kept = [w for w in name_words(name) if w not in LEGAL_FORMS]
    return tuple(_ORG_ENDINGS.sub("", w) if len(w) > 5 else w for w in kept)


def _misspelt_word(a: str, b: str) -> bool:
    """One name word written for another with one letter added, dropped or changed, where that is no
    romanisation pattern (both words four letters or more)."""
    a, b = romanisation_key(a), romanisation_key(b)
    return min(len(a), len(b)) >= 4 and edit_distance(a, b) == 1


LONE_WORD_MIN = (
    7  # a lone word one inner letter off: long names only (Jansen / Jensen, Martin / Martyn are two)
)


def _inner_letter_changed(a: str, b: str) -> bool:
    """Two long single names with one inner letter changed, first and last letters kept: Roberto /
    Roberta or Somali / Somalia are other words, Mirabela / Mirabala one misspelt.  Short names (up
    to six letters) are left alone: too many real names lie a letter apart."""
    x, y = romanisation_key(a), romanisation_key(b)
    long_enough = min(len(x), len(y)) >= LONE_WORD_MIN
    return long_enough and len(x) == len(y) and x[0] == y[0] and x[-1] == y[-1] and _misspelt_word(x, y)


def _misspelt_entities(entities: Sequence[Entity]) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Names the resolver kept apart that are one name misspelt, keyed by the entity whose spelling
    more articles use (romanisations of one name counted together): (the rarer spelling, its
    articles).

    - two full names of people with the same first name and surnames a letter apart ("Ana Rusk" /
      "Ana Ruske");
    - a single name (the tagger gives such names any label) with one inner letter changed from a
      single name or from a word of a person's full name, no article writing both."""
    keys = [romanisation_key(e.name) for e in entities]
    words = [name_words(e.name) for e in entities]
    reach: Counter[str] = Counter()
    for entity, key in zip(entities, keys, strict=True):
        reach[key] += len(entity.article_ids)
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for other, key_other, words_other in zip(entities, keys, words, strict=True):
        best: Entity | None = None
        for main, key_main, words_main in zip(entities, keys, words, strict=True):
            if main is other or key_main == key_other or reach[key_main] <= reach[key_other]:
                continue
            if best is not None and len(best.article_ids) >= len(main.article_ids):
                continue
            if len(words_other) == 1:
                apart = not set(main.article_ids) & set(other.article_ids)
                if apart and any(_inner_letter_changed(w, words_other[0]) for w in words_main):
                    best = main
            elif (
                main.type == other.type == "PERSON"
                and len(words_main) == len(words_other)
                and romanisation_key(words_main[0]) == romanisation_key(words_other[0])
                and _misspelt_word(words_main[-1], words_other[-1])
                and one_name_reason(main.name, other.name) is None
            ):
                best = main
        if best is not None:
            found.setdefault(best.name, []).append((other.name, other.article_ids))
    return found


AGREED_FORMS = frozenset({"romanisation or spacing", "short form"})


def _org_leader(entity: Entity, orgs: Sequence[Entity]) -> bool:
    """Whether ``entity`` is the most reported of the organisations sharing its org_key."""
    rank = (-len(entity.article_ids), entity.name)
    return all(rank <= (-len(o.article_ids), o.name) for o in orgs if org_key(o.name) == org_key(entity.name))


def variant_name_facts(
    entities: Sequence[Entity], articles: Mapping[str, Article], mentions: Mapping[str, ArticleMentions]
) -> list[FoundClaims]:
    """Agreed "name" facts for one person or organisation written in forms that are one name: a short
    form or a spacing or romanisation the resolver kept as a variant; an organisation's name with
    another ending or without its legal form, which the resolver keeps as two entities."""
    facts: list[FoundClaims] = []
    orgs = [e for e in entities if e.type == "ORG"]
    for entity in entities:
        forms: dict[str, str] = {}  # written form -> why it is one name with entity.name
        for variant in (*entity.aliases, *(v for v, _ in entity.variants)):
            reason = one_name_reason(variant, entity.name)
            if reason in AGREED_FORMS:
                forms[variant] = str(reason)
        merged = [entity]
        if entity.type == "ORG" and _org_leader(entity, orgs):
            merged += [o for o in orgs if o is not entity and org_key(o.name) == org_key(entity.name)]
            forms.update({o.name: "another ending or legal form" for o in merged[1:]})
        fact = _forms_fact(entity, merged, forms, articles, mentions) if forms else None
        if fact is not None:
            facts.append(fact)
    return facts


def _forms_fact(
    entity: Entity,
    merged: Sequence[Entity],
    forms: Mapping[str, str],
    articles: Mapping[str, Article],
    mentions: Mapping[str, ArticleMentions],
) -> FoundClaims | None:
    claims: list[Claim] = []
    spans: list[tuple[int, int]] = []
    used: dict[str, list[str]] = {}
    article_ids = dict.fromkeys(aid for e in merged for aid in e.article_ids)
    for article_id in article_ids:
        if article_id not in articles or article_id not in mentions:
            continue
        for written in (*forms, entity.name):
            mention = _first_mention(mentions[article_id], written, any_label=True)
            if (
                mention is None
                or " " in written
                and fold_transliteration(mention.text) != fold_transliteration(written)
            ):
                continue
            claim, span = _sentence_claim(articles[article_id], written, mention)
            claims.append(claim)
            spans.append(span)
            used.setdefault(written, []).append(article_id)
            break
    if len(used) < 2 or len({c.article_id for c in claims}) < 2:
        return None
    listing = "; ".join(f"{form} ({', '.join(ids)})" for form, ids in used.items())
    why = sorted({forms[f] for f in used if f in forms and forms[f]})
    kind = "organisation" if entity.type == "ORG" else "person"
    return FoundClaims(
        subject=f"name of {entity.name}",
        kind="name",
        status="agreed",
        reason=f"one {kind}'s name written in different forms ({', '.join(why)}): {listing}; not a dispute",
        claims=tuple(claims),
        sentence_spans=tuple(spans),
    )


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
