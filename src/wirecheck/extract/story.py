"""One story's entities: one canonical name per person, place or body, across its articles.

How mentions become entities (all evidence comes from the story's own articles):

1. Mentions are grouped by their folded name (:func:`wirecheck.extract.names.fold_name`),
   so "Zelenskyy" and "Zelensky", "U.S." and "US" fall together.
2. Each group's type is a weighted majority of the labels spaCy gave its mentions. A
   single-word PERSON label with no title and no matching full name counts half: the
   small model often tags a lone place name ("Kyiv") as a person.
3. People are joined by surname.  Two full names with the same surname and first names a
   letter or two apart ("Keir" / "Keith Starmer") are one person: the name most articles
   use wins and the other is kept in ``Entity.variants`` with the articles that wrote it,
   so the compare stage can flag a likely error.  First names further apart but with the
   same initial ("Dan" / "Daniel") are aliases; different initials are different people.
   Full names whose first names agree and whose surnames are one or two edits apart (long
   surnames only, "Miliband" / "Milliband") are variants too.  Romanisation differences
   (y/i/j, kh/h, w/v, ph/f: "Podolyak" / "Podoliak") are aliases, not clashes.
4. A surname alone ("Driscoll") joins the full name with that surname, preferring the
   person named in the same article.
5. An acronym joins the multi-word name it abbreviates ("EU" / "European Union").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from wirecheck.extract.names import acronym, edit_distance, fold_name, name_words
from wirecheck.model import Article, ArticleMentions, Entity, EntityMention, Quote

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PLACE_LABELS = ("GPE", "LOC", "FAC")
LONE_PERSON_WEIGHT = 0.5


@dataclass
class Seen:
    """One mention with the article it is in."""

    mention: EntityMention
    article_id: str


@dataclass(eq=False)
class Cluster:
    """Mentions that name one entity; ``variants`` holds clashing spellings apart."""

    seen: list[Seen] = field(default_factory=list)
    variants: list[Seen] = field(default_factory=list)

    @property
    def article_ids(self) -> set[str]:
        return {s.article_id for s in self.seen}


def resolve_story_entities(articles: Sequence[Article], mentions: Sequence[ArticleMentions]) -> list[Entity]:
    """Canonical entities of one story, most widely reported first."""
    order = {a.id: i for i, a in enumerate(articles)}
    for m in mentions:
        order.setdefault(m.article_id, len(order))
    groups: dict[str, list[Seen]] = defaultdict(list)
    for article_mentions in mentions:
        for mention in article_mentions.entities:
            key = fold_name(mention.text)
            if key and mention.label != "OTHER":
                groups[key].append(Seen(mention, article_mentions.article_id))

    full_names = {
        key for key, seen in groups.items() if len(key.split()) > 1 and group_type(seen, set()) == "PERSON"
    }
    surnames = {surname_key(key) for key in full_names}
    types = {key: group_type(seen, surnames) for key, seen in groups.items()}

    person_clusters = cluster_people({k: groups[k] for k in full_names})
    attach_surnames(groups, types, person_clusters)
    other_clusters = cluster_others(
        {k: s for k, s in groups.items() if k not in full_names and types[k] != "PERSON"}
    )
    lone_people = [
        Cluster(seen=list(s))
        for k, s in groups.items()
        if k not in full_names and types[k] == "PERSON" and surname_key(k) not in surnames
    ]

    entities = [to_entity(c, order, person=True) for c in person_clusters + lone_people]
    entities += [to_entity(c, order, person=False) for c in other_clusters]
    entities.sort(key=lambda e: (-len(e.article_ids), e.name.lower()))
    return entities


def surname_key(key: str) -> str:
    words = [w for w in key.split() if w not in NAME_SUFFIXES] or key.split()
    return words[-1]


def group_type(seen: Sequence[Seen], surnames: set[str]) -> str:
    """Weighted majority label (see the module docstring, step 2)."""
    votes: dict[str, float] = defaultdict(float)
    for s in seen:
        m = s.mention
        lone = len(name_words(m.text)) == 1 and m.role is None and fold_name(m.text) not in surnames
        votes[m.label] += LONE_PERSON_WEIGHT if m.label == "PERSON" and lone else 1.0
    places = sum(votes.get(label, 0.0) for label in PLACE_LABELS)
    best, weight = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))
    single_word = all(len(name_words(s.mention.text)) == 1 for s in seen)
    # a single word the model tagged as a place at least a third of the time is a place:
    # its other labels (a person with no first name, an organisation) are the usual slips
    if best not in PLACE_LABELS and (places > weight or single_word and places * 2 >= weight):
        best = max(PLACE_LABELS, key=lambda label: votes.get(label, 0.0))
    return best


def cluster_people(groups: dict[str, list[Seen]]) -> list[Cluster]:
    """Join full names (step 3): same person, spelling variants, clashing first names."""
    ranked = sorted(groups, key=lambda k: (-len({s.article_id for s in groups[k]}), -len(groups[k]), k))
    clusters: list[tuple[str, Cluster]] = []
    for key in ranked:
        seen = groups[key]
        for main_key, cluster in clusters:
            relation = name_relation(main_key, key)
            if relation == "alias":
                cluster.seen.extend(seen)
                break
            if relation == "variant":
                cluster.variants.extend(seen)
                cluster.seen.extend(seen)
                break
        else:
            clusters.append((key, Cluster(seen=list(seen))))
    return [c for _, c in clusters]


def name_relation(main: str, other: str) -> str | None:
    """ "alias", "variant" (a clashing spelling) or None (different people) for two full-name keys."""
    words_a, words_b = main.split(), other.split()
    shorter, longer = sorted((words_a, words_b), key=len)
    if len(shorter) < len(longer) and longer[-len(shorter) :] == shorter:
        return "alias"  # "von der Leyen" within "Ursula von der Leyen"
    first_a, first_b = spelling_key(words_a[0]), spelling_key(words_b[0])
    surname_a, surname_b = spelling_key(surname_key(main)), spelling_key(surname_key(other))
    if surname_a == surname_b:
        if first_a == first_b:
            return "alias"
        if edit_distance(first_a, first_b) <= 2:
            return "variant"
        return "alias" if first_a[0] == first_b[0] else None
    long_enough = min(len(surname_a), len(surname_b)) >= 6
    if first_a == first_b and long_enough and edit_distance(surname_a, surname_b) <= 2:
        return "variant"  # "Ed Milliband" against "Ed Miliband": a misspelt surname
    return None


def spelling_key(word: str) -> str:
    """A looser key for romanised names: y/i/j, kh/h, w/v, ph/f written alike ("Podolyak" /
    "Podoliak").  Differences it does not absorb (a doubled or a changed letter) are clashes."""
    key = word.replace("kh", "h").replace("ph", "f").replace("w", "v")
    key = key.replace("y", "i").replace("j", "i")
    return key.replace("ii", "i")


def attach_surnames(groups: dict[str, list[Seen]], types: dict[str, str], people: list[Cluster]) -> None:
    """A surname alone joins the full name with that surname (step 4), per mention; the
    surname of a clashing spelling joins as a variant too."""
    by_surname: dict[str, list[tuple[Cluster, bool]]] = defaultdict(list)
    for cluster in people:
        for s in cluster.seen:
            entry = (cluster, s in cluster.variants)
            key = surname_key(fold_name(s.mention.text))
            if entry not in by_surname[key]:
                by_surname[key].append(entry)
    for key, seen in groups.items():
        if len(key.split()) != 1 or key not in by_surname:
            continue
        if types[key] != "PERSON" and sum(s.mention.label == "PERSON" for s in seen) == 0 and len(seen) > 2:
            continue  # a word that is never a person here (a place sharing a surname)
        for s in seen:
            candidates = by_surname[key]
            same_article = [c for c in candidates if s.article_id in c[0].article_ids]
            cluster, is_variant = max(same_article or candidates, key=lambda c: (not c[1], len(c[0].seen)))
            cluster.seen.append(s)
            if is_variant:
                cluster.variants.append(s)
        types[key] = "PERSON"


def cluster_others(groups: dict[str, list[Seen]]) -> list[Cluster]:
    """Places, bodies, groups: one cluster per folded name, acronyms joined (step 5)."""
    clusters = {key: Cluster(seen=list(seen)) for key, seen in groups.items()}
    long_names = {acronym(key): key for key in groups if len(key.split()) > 1 and acronym(key)}
    for key in list(clusters):
        target = long_names.get(key.replace(" ", ""))
        if len(key.split()) == 1 and target and target in clusters and target != key:
            clusters[target].seen.extend(clusters.pop(key).seen)
    return list(clusters.values())


def to_entity(cluster: Cluster, order: dict[str, int], *, person: bool) -> Entity:
    """The Entity for one cluster: most used spelling as name, others as aliases."""
    main = [s for s in cluster.seen if s not in cluster.variants]
    surfaces = Counter(s.mention.text for s in main)
    if person:
        full = Counter({t: n for t, n in surfaces.items() if len(name_words(t)) > 1})
        surfaces_for_name = full or surfaces
    else:
        surfaces_for_name = surfaces
    name = max(surfaces_for_name.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
    aliases = tuple(t for t, _ in surfaces.most_common() if t != name)
    entity_type = "PERSON" if person else group_type(cluster.seen, set())
    roles: dict[str, str] = {}
    for role, _ in Counter(s.mention.role for s in cluster.seen if s.mention.role).most_common():
        roles.setdefault(role.lower(), role)
    variant_articles: dict[str, set[str]] = defaultdict(set)
    for s in cluster.variants:
        variant_articles[s.mention.text].add(s.article_id)
    return Entity(
        name=name,
        type=entity_type,
        aliases=aliases,
        article_ids=tuple(sorted(cluster.article_ids, key=lambda a: order.get(a, len(order)))),
        roles=tuple(roles.values()),
        variants=tuple(
            (text, tuple(sorted(ids, key=lambda a: order.get(a, len(order)))))
            for text, ids in sorted(variant_articles.items())
        ),
    )


def resolve_story_quotes(mentions: Sequence[ArticleMentions], entities: Sequence[Entity]) -> list[Quote]:
    """Every quote of the story, its speaker written as the story's canonical name."""
    by_key: dict[str, str] = {}
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        for spelling in (entity.name, *entity.aliases, *(v for v, _ in entity.variants)):
            by_key.setdefault(fold_name(spelling), entity.name)
        if entity.type == "PERSON" and len(name_words(entity.name)) > 1:
            by_surname[surname_key(fold_name(entity.name))].append(entity)
    quotes = []
    for article_mentions in mentions:
        for q in article_mentions.quotes:
            speaker = q.speaker
            if speaker:
                key = fold_name(speaker)
                if key in by_key:
                    speaker = by_key[key]
                elif len(key.split()) == 1 and by_surname.get(key):
                    candidates = by_surname[key]
                    local = [e for e in candidates if article_mentions.article_id in e.article_ids]
                    speaker = (local or candidates)[0].name
            quotes.append(Quote(article_mentions.article_id, q.text, speaker, q.start, q.end))
    return quotes
