"""Align quantity mentions from different articles that measure the same thing.

Structure first: a mention becomes a claim with a *counted class* (people, drones, countries),
an *event class* (kill, injure, launch, down, or another governing word), a place, a time and a
*version* (the "initial 28-point plan" vs the plan "whittled down to 19 points").  Claims are
blocked by (counted class, event class); inside a block, pairs that structure allows are scored
by the similarity of their sentences (sentence embeddings, only of sentences whose pairing
structure cannot settle: the same known event in the same named place, or with the same figure,
or two magnitudes of one earthquake, need no embedding), with small bonuses for the same figure
and place and a penalty for figures far apart, then merged greedily, best pair first, as long as
every pair inside a group stays compatible.  Figures more than 2.5x apart are compared only when
each is its article's one figure of that kind ("16,300 homes" / "about 5,000 homes").
An article never contradicts itself: two different figures from one article stay apart.
A figure of an ordinary day ("would have passed through on a normal Friday") is marked
``baseline``: it still lines up, and a dispute it is part of says the scopes may differ.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from wirecheck.compare import frames
from wirecheck.compare.merge import merge_best_pairs_summarised
from wirecheck.compare.places import Gazetteer
from wirecheck.compare.text import fold_transliteration, locate_sentence, mentions_with_bodies, words
from wirecheck.model import Article, ArticleMentions, Quantity
from wirecheck.settings import DEFAULT_SETTINGS, Settings

COUNTED_CLASSES: Mapping[str, str] = {
    **dict.fromkeys(
        [
            "people",
            "person",
            "persons",
            "resident",
            "residents",
            "civilian",
            "civilians",
            "death",
            "deaths",
            "casualty",
            "casualties",
            "victim",
            "victims",
            "individual",
            "individuals",
            "child",
            "children",
            "adult",
            "adults",
            "man",
            "men",
            "woman",
            "women",
            "other",
            "others",
            "more",
            "passenger",
            "passengers",
            "worker",
            "workers",
            "inhabitant",
            "inhabitants",
        ],
        "person",
    ),
    **dict.fromkeys(
        ["country", "countries", "nation", "nations", "state", "states", "member", "members"], "country"
    ),
    **dict.fromkeys(["drone", "drones", "uav", "uavs", "unmanned"], "drone"),
    **dict.fromkeys(["missile", "missiles", "rocket", "rockets"], "missile"),
    **dict.fromkeys(["point", "points"], "point"),
    **dict.fromkeys(
        ["soldier", "soldiers", "troop", "troops", "serviceman", "servicemen", "personnel"], "troops"
    ),
}
EVENT_CLASSES: Mapping[str, str] = {
    **dict.fromkeys(
        ["kill", "die", "death", "dead", "perish", "murder", "slay", "slain", "fatality", "claim"], "kill"
    ),
    **dict.fromkeys(["injure", "injury", "wound", "wounded", "hurt", "injured"], "injure"),
    **dict.fromkeys(["launch", "fire", "unleash", "strike"], "launch"),
    **dict.fromkeys(["missing", "miss"], "missing"),
    **dict.fromkeys(
        ["down", "destroy", "intercept", "shoot", "neutralise", "neutralize", "repel", "repulse"], "down"
    ),
}
# one shock has one magnitude: readings of the same kind of shock in one story measure one thing
MEASURED_SHOCKS = frozenset({"earthquake", "aftershock", "foreshock"})
MEASURES = frozenset({"magnitude"})
EVENT_PARTICIPLES = {"kill": "killed", "injure": "injured", "launch": "launched", "down": "downed"}
CASUALTY_EVENTS = frozenset({"kill", "injure"})
WEAPONS = frozenset({"drone", "missile"})
TIME_UNITS = frozenset(
    [
        "a.m.",
        "p.m.",
        "am",
        "pm",
        "o'clock",
        "gmt",
        "utc",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "age",
    ]
)

ORIGINAL_WORDS = frozenset(
    [
        "initial",
        "initially",
        "original",
        "originally",
        "first",
        "previous",
        "previously",
        "earlier",
        "old",
        "former",
        "prior",
    ]
)
REVISED_WORDS = frozenset(
    [
        "revised",
        "new",
        "newer",
        "updated",
        "condensed",
        "whittled",
        "cut",
        "reduced",
        "trimmed",
        "shortened",
        "amended",
        "latest",
        "streamlined",
        "pared",
        "slimmed",
        "narrowed",
        "modified",
        "current",
        "shrunk",
    ]
)
_CLAUSE_WORDS = frozenset({"and", "but", "while", "whereas", "although"})
_NUMBER_WORD = re.compile(r"\d")  # any token with a digit: "24", "28-point", "86-year-old"

CLASS_NOUNS = {
    "person": "people",
    "country": "countries",
    "drone": "drones",
    "missile": "missiles",
    "point": "points",
    "percent": "per cent",
    "per cent": "per cent",
    "troops": "troops",
    "offspring": "children of a parent",  # "a mother of 12" (extract/quantities.is_kin_count)
}

SMALL_FIGURE = 3  # "one", "two", "three" recur in any story: equal small figures alone do not link claims
MAX_UNDECIDED_RATIO = (
    2.5  # figures further apart are compared only when structure links them or each is alone
)


@dataclass(frozen=True)
class QuantityClaim:
    """A quantity mention with the structure alignment needs."""

    article_id: str
    quantity: Quantity
    counted: str  # class: "person", "drone", "country"..., else the counted lemma
    event: str  # class: "kill", "injure", "launch", "down", or "" when none is known
    event_word: str  # the governing word as the extractor gave it
    place: str | None  # as written
    place_key: str | None  # folded for comparing
    place_inferred: bool
    version: str | None  # "original" | "revised" | None
    sentence_start: int
    sentence_end: int
    sentence: str  # the sentence in the body, never across a paragraph break
    baseline: bool = False  # the figure of an ordinary day: "would have passed through on a normal Friday"
    frame: tuple[object, ...] = ()  # the claim frame's key (compare/frames.py): what the figure is of
    span_days: float | None = None  # the figure is a total over this many days: "over four nights"
    running: bool = False  # a running total of many operations: "has seized 14 rifles so far"

    @property
    def block(self) -> tuple[object, ...]:
        return self.counted, self.event, self.frame


def counted_class(quantity: Quantity) -> str | None:
    given = getattr(quantity, "counted_class", None)
    counted = (quantity.counted or "").lower().strip()
    if given:
        return COUNTED_CLASSES.get(given.lower(), given.lower())
    if not counted:
        return None
    return COUNTED_CLASSES.get(counted, counted)


def event_class(quantity: Quantity) -> str:
    event = (quantity.event or "").lower().strip()
    if event in EVENT_CLASSES:
        return EVENT_CLASSES[event]
    if (quantity.counted_class or "") in MEASURES and event in MEASURED_SHOCKS:
        return event
    if (quantity.counted or "").lower() in {"death", "deaths", "fatality", "fatalities"}:
        return "kill"
    return ""


def is_comparable(quantity: Quantity) -> bool:
    """Tallies worth comparing: not ages, not vague amounts ("dozens"), not spans of time."""
    if getattr(quantity, "vague", False):
        return False
    counted = counted_class(quantity)
    if counted in {"age"} or (quantity.counted or "").lower() in TIME_UNITS:
        return False
    if re.search(r"\d\s*-?\s*years?\s*-?\s*old", quantity.text):
        return False
    if not frames.comparable(quantity):
        return False
    return counted is not None or event_class(quantity) != ""


def version_of(body: str, quantity: Quantity, sentence_start: int, sentence_end: int) -> str | None:
    """original | revised | None, from the marker word nearest the figure within its clause (up to 6
    words before, 4 after), never reading past another number, a semicolon or a conjunction:
    "the initial 28-point plan was condensed to 19 points"; "a 28-point plan, originally ..."."""
    before = body[sentence_start : quantity.start].split()[-6:]
    after = body[quantity.end : sentence_end].split()[:4]
    near: list[tuple[int, str]] = []  # (distance from the figure, word)
    for distance, token in enumerate(reversed(before), 1):
        if _NUMBER_WORD.search(token) or token.endswith((";", ":")) or token.lower() in _CLAUSE_WORDS:
            break
        near.extend((distance, w) for w in words(token))
    for distance, token in enumerate(after, 1):
        if _NUMBER_WORD.search(token) or token.lower() in _CLAUSE_WORDS:
            break
        near.extend((distance, w) for w in words(token))
        if token.endswith((";", ":", ".")):
            break
    markers = sorted(
        (d, "original" if w in ORIGINAL_WORDS else "revised")
        for d, w in near
        if w in ORIGINAL_WORDS or w in REVISED_WORDS
    )
    if not markers or (
        len(markers) > 1 and markers[0][0] == markers[1][0] and markers[0][1] != markers[1][1]
    ):
        return None
    return markers[0][1]


BASELINE = re.compile(
    r"\b(?:normally|usually|typically|ordinarily|on an? (?:normal|usual|typical|average|ordinary) \w+|"
    r"in a (?:normal|typical|usual) \w+|would (?:normally |usually )?have)\b",
    re.IGNORECASE,
)


def place_key(place: str | None) -> str | None:
    if not place:
        return None
    place = re.sub(r"^(the|southern|northern|eastern|western|central)\s+", "", place.strip(), flags=re.I)
    return fold_transliteration(place) or None


def quantity_claims(articles: Sequence[Article], mentions: Sequence[ArticleMentions]) -> list[QuantityClaim]:
    """Every comparable quantity as a claim; places inferred from nearby text where the sentence has none."""
    bodies = {a.id: a.body for a in articles}
    draft: list[QuantityClaim] = []
    for article_mentions, body in mentions_with_bodies(articles, mentions):
        for quantity in article_mentions.quantities:
            if not is_comparable(quantity):
                continue
            counted = counted_class(quantity)
            event = event_class(quantity)
            # killing and injuring count people unless the text says troops ("13 more", "13 others")
            if event in CASUALTY_EVENTS and counted not in {"person", "troops"}:
                counted = "person"
            counted = counted or ""
            if located(quantity):
                event = ""  # "struck" or "centred" 20 miles north of Alden: where, not what happened
            model = model_designation(quantity)
            if model is not None:  # "seven AK-47s" and "12 AK 47 guns" count one thing
                counted = model[0]
                quantity = dataclasses.replace(
                    quantity, modifiers=tuple(m for m in quantity.modifiers if m not in model[1])
                )
            start, end = locate_sentence(body, quantity.sentence, quantity.start, quantity.end)
            frame = frames.frame_of(quantity, counted, event)
            draft.append(
                QuantityClaim(
                    article_id=article_mentions.article_id,
                    quantity=quantity,
                    counted=counted,
                    event=event,
                    event_word=(quantity.event or "").lower(),
                    place=None if located(quantity) else quantity.place,
                    place_key=None if located(quantity) else place_key(quantity.place),
                    place_inferred=False,
                    version=version_of(body, quantity, start, end),
                    baseline=bool(BASELINE.search(body[start:end])),
                    sentence_start=start,
                    sentence_end=end,
                    sentence=body[start:end].strip(),
                    frame=frame.key(),
                    span_days=span_of(article_mentions, start, end),
                    running=bool(RUNNING_TOTAL.search(body[start:end])),
                )
            )
    placed = [_infer_place(claim, draft, bodies, mentions) for claim in draft]
    return unambiguous(placed)


DAYS_PER_YEAR = 365.25


def span_of(mentions: ArticleMentions, sentence_start: int, sentence_end: int) -> float | None:
    """The longest stretch of more than one day that the figure's sentence gives ("over four
    nights", "in the past week"), in days: the figure is then a total over that stretch."""
    days = [
        t.years * DAYS_PER_YEAR
        for t in mentions.times
        if t.kind == "duration" and t.years and sentence_start <= t.start < sentence_end
    ]
    longest = max(days, default=0.0)
    return round(longest, 2) if longest > 1.0 else None


# outcomes that befall some of the counted things, each family one predicate in different words
OUTCOME_FAMILIES: Mapping[str, str] = {
    **dict.fromkeys(
        [
            "arrest",
            "capture",
            "nab",
            "apprehend",
            "seize",
            "catch",
            "detain",
            "confiscate",
            "grab",
            "find",
            "recover",
        ],
        "taken",
    ),
    **dict.fromkeys(["escape", "flee", "evade"], "escaped"),
    **dict.fromkeys(["rescue", "save", "free", "release", "evacuate"], "rescued"),
}


def different_predicates(a: QuantityClaim, b: QuantityClaim) -> bool:
    """One figure counts the things an outcome befell and the other the things another verb tells
    of: five boats *seen* approaching and three boats *captured*, one person who *threw* a can
    and one person *arrested*.  Such outcomes pick out some of the things, so the figures are of
    different sets.  Two verbs outside these families ("made off with" / "stole") may tell one
    predicate, and a figure without a verb is not set apart by this."""
    if a.event or b.event or not (a.event_word and b.event_word):
        return False  # known event classes are told apart by the block already
    family_a, family_b = OUTCOME_FAMILIES.get(a.event_word), OUTCOME_FAMILIES.get(b.event_word)
    return (family_a is not None or family_b is not None) and family_a != family_b


_SEVERAL = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|all)"
_OCCASIONS = r"(?:operations|raids|attacks|missions|patrols|sorties|incidents|games|matches|seasons|races)"
# a total of many operations: "so far", "to date", "during the five operations it carried out"
RUNNING_TOTAL = re.compile(
    rf"\b(?:so far|thus far|to date|all told|(?:in|during|over|across|from) (?:the |its |their |his |her )?"
    rf"(?:\w+ )?{_SEVERAL} (?:\w+ )?{_OCCASIONS})\b",
    re.IGNORECASE,
)


def different_scopes(a: QuantityClaim, b: QuantityClaim) -> bool:
    """A total over several days set against one day's figure ("over 50 arrests over four
    nights" / "46 arrests on Wednesday night"), or totals over different stretches; a running
    total of many operations ("has seized 14 rifles so far") set against one operation's figure.
    A toll of killed or injured told "so far" is still the one event's toll."""
    if a.running != b.running and not (a.event in CASUALTY_EVENTS and b.event in CASUALTY_EVENTS):
        return True
    if a.span_days is None and b.span_days is None:
        return False
    if a.span_days is not None and b.span_days is not None:
        return a.span_days != b.span_days
    dated = b if a.span_days is not None else a
    return _iso_date(dated.quantity.time) is not None


def unambiguous(claims: Sequence[QuantityClaim]) -> list[QuantityClaim]:
    """Leave out figures whose frame the article fills with two different figures (same place,
    version and day, and the same verb when the frame knows no predicate): the frame does not say which
    thing each of them is (see frames.ambiguous_in).
    A toll of killed or injured is the exception: an article may tell its course ("four on Monday,
    nine by Tuesday"), and each figure is still a reading of the toll at its time."""

    def key(claim: QuantityClaim) -> tuple[object, ...]:
        verb = "" if claim.event else claim.event_word  # a frame without a known predicate: its verb
        return (claim.block, verb, claim.version, claim.place_key, _iso_date(claim.quantity.time))

    unclear = frames.ambiguous_in(
        [(c.article_id, key(c), c.quantity.number) for c in claims if c.event not in CASUALTY_EVENTS]
    )
    # distances from one reference point: an article giving two locates two things from it
    crowded = frames.ambiguous_in(
        [(c.article_id, (c.quantity.reference,), c.quantity.number) for c in claims if located(c.quantity)]
    )
    return [
        c
        for c in claims
        if (c.article_id, key(c)) not in unclear and (c.article_id, (c.quantity.reference,)) not in crowded
    ]


def _infer_place(
    claim: QuantityClaim,
    claims: Sequence[QuantityClaim],
    bodies: Mapping[str, str],
    mentions: Sequence[ArticleMentions],
) -> QuantityClaim:
    """A claim without a place takes one named in its sentence or the one before it, but only a
    place that other articles give for the same kind of tally (the most common such place)."""
    if claim.place_key or located(claim.quantity):
        return claim
    other_places = Counter(
        c.place_key
        for c in claims
        if c.block == claim.block and c.article_id != claim.article_id and c.place_key
    )
    if not other_places:
        return claim
    body = bodies[claim.article_id]
    previous_start = max(0, claim.sentence_start - 2)
    while previous_start > 0 and body[previous_start - 1] not in ".!?\n":
        previous_start -= 1
    nearby: list[tuple[str, str]] = []
    for article_mentions in mentions:
        if article_mentions.article_id != claim.article_id:
            continue
        for entity in article_mentions.entities:
            if (
                entity.label in {"GPE", "LOC"}
                and previous_start <= entity.start
                and entity.end <= claim.sentence_end
            ):
                key = place_key(entity.text)
                if key is not None and key in other_places:
                    nearby.append((key, entity.text))
    if not nearby:
        return claim
    best_key, best_text = max(nearby, key=lambda item: other_places[item[0]])
    return QuantityClaim(
        **{**claim.__dict__, "place": best_text, "place_key": best_key, "place_inferred": True}
    )


# a model designation: letters and a number, "AK-47", "M16", "AR-15", "F-16", "MiG-29"
_MODEL = re.compile(r"\b([A-Za-z]{1,4})[-\s]?(\d{1,3})s?\b")
GENERIC_MODEL_NOUNS = frozenset(
    {"gun", "guns", "rifle", "rifles", "weapon", "weapons", "pistol", "pistols", "jet", "jets", "plane",
     "planes", "aircraft", "tank", "tanks", "helicopter", "helicopters", "missile", "missiles", "fighter",
     "fighters", "drone", "drones", "launcher", "launchers"}
)  # fmt: skip


def model_designation(quantity: Quantity) -> tuple[str, frozenset[str]] | None:
    """("model:ak47", the words it is written with) for a count of one model, named as the counted
    noun ("seven AK-47s") or before a generic noun ("12 AK 47 guns", "14 AK-47 rifles"): one
    thing however it is written.  None for any other count."""
    counted = (quantity.counted or "").lower()
    value_end = quantity.text.lower().find(quantity.value.lower())
    after = quantity.text[value_end + len(quantity.value) :] if value_end >= 0 else quantity.text
    match = _MODEL.search(after)
    if match is None:
        return None
    letters, digits = match.group(1), match.group(2)
    if not letters[:1].isupper():
        return None  # "AK", "M", "MiG": a designation starts with a capital
    written = after[match.end() :].split()
    if counted not in GENERIC_MODEL_NOUNS and not (counted.startswith(letters.lower()) and digits in counted):
        return None  # the model names something else: "12 AK-47 magazines"
    if (
        written
        and written[0].lower().strip(".,") not in GENERIC_MODEL_NOUNS
        and counted in GENERIC_MODEL_NOUNS
    ):
        return None  # "AK 47 magazines": another thing of the model
    return f"model:{letters.lower()}{digits}", frozenset(
        {letters.lower(), digits, f"{letters.lower()}-{digits}"}
    )


def located(quantity: Quantity) -> bool:
    """A distance from a named reference point ("20 miles north of Alden"): the reference point is
    its place, and other places named in its sentence do not scope it."""
    return bool(quantity.reference) and quantity.reference != "depth"


def same_location(a: QuantityClaim, b: QuantityClaim) -> bool:
    """Two distances from one named reference point, in one direction or of one figure: readings of
    where one thing is (a different direction with the same figure is the dispute itself)."""
    if not (located(a.quantity) and a.quantity.reference == b.quantity.reference):
        return False
    return a.quantity.direction == b.quantity.direction or a.quantity.number == b.quantity.number


def _iso_date(time: str | None) -> str | None:
    return time if time and re.match(r"^\d{4}-\d{2}-\d{2}$", time) else None


def compatible(a: QuantityClaim, b: QuantityClaim) -> bool:
    """Could a and b be readings of the same thing, as far as structure tells?"""
    same_figure = a.quantity.number == b.quantity.number
    if a.article_id == b.article_id and not same_figure:
        return False
    if a.place_key and b.place_key and a.place_key != b.place_key:
        return False
    if a.version != b.version and (a.version and b.version or not same_figure):
        return False
    date_a, date_b = _iso_date(a.quantity.time), _iso_date(b.quantity.time)
    if date_a and date_b and date_a != date_b:
        return False
    return not (different_predicates(a, b) or different_scopes(a, b))


def decided_by_structure(a: QuantityClaim, b: QuantityClaim) -> bool:
    """No need to ask the embedder (for pairs already found compatible): the same known event in
    the same named place, or with the same figure; or the same figure of the same version."""
    # the same small figure ("two", "one") says little: such agreements need their sentences to match
    same_figure = a.quantity.number == b.quantity.number and abs(a.quantity.number) > SMALL_FIGURE
    if a.event and a.event == b.event and (same_figure or (a.place_key and a.place_key == b.place_key)):
        return True
    if a.counted in MEASURES and a.event and a.event == b.event:
        return True  # "magnitude 7.7" and "magnitude 7.9" of the one earthquake
    if same_location(a, b):
        return True  # "20 miles north of Alden" and "26 miles north of Alden"
    return same_figure and a.version is not None and a.version == b.version


def figures_close(a: QuantityClaim, b: QuantityClaim) -> bool:
    """Figures within a factor of 2.5: when structure cannot tell, tallies further apart are taken
    for different things (in doubt, no dispute) and their sentences are not even embedded."""
    low, high = sorted((abs(a.quantity.number), abs(b.quantity.number)))
    return high == low or (low > 0 and high / low < MAX_UNDECIDED_RATIO)


def link_score(a: QuantityClaim, b: QuantityClaim, similarity: float) -> float:
    score = similarity
    if a.quantity.number == b.quantity.number:
        score += 0.15
    if a.place_key and a.place_key == b.place_key:
        score += 0.1
    low, high = sorted((abs(a.quantity.number), abs(b.quantity.number)))
    if low > 0 and high != low:
        score -= 0.1 * math.log2(high / low)
    elif low == 0 and high > 0:
        score -= 0.3
    return score


def align_quantities(
    claims: Sequence[QuantityClaim],
    encode: Callable[[list[str]], np.ndarray],
    settings: Settings = DEFAULT_SETTINGS,
) -> list[list[QuantityClaim]]:
    """Groups of claims about one measurable thing (a group may hold a single claim)."""
    blocks: dict[tuple[object, ...], list[int]] = {}
    for index, claim in enumerate(claims):
        blocks.setdefault(claim.block, []).append(index)
    per_article = Counter((claim.block, claim.article_id) for claim in claims)
    alone = {i for i, claim in enumerate(claims) if per_article[claim.block, claim.article_id] == 1}

    def worth_embedding(i: int, j: int) -> bool:
        return figures_close(claims[i], claims[j]) or (i in alone and j in alone)

    # embed only sentences of claims that structure allows to pair with another article's claim
    wanted: set[str] = set()
    for members in blocks.values():
        for x, y in frame_partners([claims[i] for i in members]):
            i, j = members[x], members[y]
            if claims[i].article_id == claims[j].article_id or not compatible(claims[i], claims[j]):
                continue
            if not worth_embedding(i, j):
                continue
            if not decided_by_structure(claims[i], claims[j]):
                wanted.add(claims[i].sentence)
            if not decided_by_structure(claims[j], claims[i]):
                wanted.add(claims[j].sentence)
    needs_embedding = sorted(wanted)
    vectors = encode(needs_embedding) if needs_embedding else np.zeros((0, 1))
    row = {sentence: i for i, sentence in enumerate(needs_embedding)}
    groups: list[list[QuantityClaim]] = []
    for members in blocks.values():
        lone = frozenset(k for k, i in enumerate(members) if i in alone)
        for cluster in _cluster([claims[i] for i in members], vectors, row, lone, settings):
            groups.append(cluster)
    return groups


def pair_nested_places(
    groups: Sequence[list[QuantityClaim]], claims: Sequence[QuantityClaim], gazetteer: Gazetteer
) -> list[list[QuantityClaim]]:
    """Join two one-article groups that count the same thing in a country and in a city of it
    ("three killed in southern Russia" / "one killed in Taganrog"), the country's first, when
    neither article gives a figure for the other's place and neither group has another such
    partner: a reader should see the two tallies side by side, told the scopes may differ."""
    places_of: dict[tuple[str, tuple[object, ...]], set[str]] = {}  # (article, block) -> places with a figure
    for claim in claims:
        if claim.place_key:
            places_of.setdefault((claim.article_id, claim.block), set()).add(claim.place_key)
    placed: dict[int, str] = {}  # group index -> its one place, for groups of one article naming one
    for index, group in enumerate(groups):
        keys = {c.place_key for c in group}
        key = next(iter(keys))
        if len(keys) == 1 and key is not None and len({c.article_id for c in group}) == 1:
            placed[index] = key

    def nested(outer: int, inner: int) -> bool:
        a, b = groups[outer][0], groups[inner][0]
        return (
            a.article_id != b.article_id
            and a.block == b.block
            and a.version == b.version
            and gazetteer.holds(placed[outer], placed[inner])
            and placed[inner] not in places_of[a.article_id, a.block]
            and placed[outer] not in places_of[b.article_id, b.block]
            and not (
                _iso_date(a.quantity.time)
                and _iso_date(b.quantity.time)
                and a.quantity.time != b.quantity.time
            )
        )

    pairs = [(i, j) for i in placed for j in placed if i != j and nested(i, j)]
    outers, inners = Counter(i for i, _ in pairs), Counter(j for _, j in pairs)
    joined = {i: j for i, j in pairs if outers[i] == 1 and inners[j] == 1}
    taken = set(joined.values())
    return [
        [*group, *groups[joined[i]]] if i in joined else group
        for i, group in enumerate(groups)
        if i not in taken
    ]


def joins_nested_places(group: Sequence[QuantityClaim]) -> bool:
    """A group of :func:`pair_nested_places`: two named places (alignment never puts two in one)."""
    keys = {c.place_key for c in group}
    return None not in keys and len(keys) == 2


def _cluster(
    block: Sequence[QuantityClaim],
    vectors: np.ndarray,
    row: Mapping[str, int],
    alone: frozenset[int] = frozenset(),
    settings: Settings = DEFAULT_SETTINGS,
) -> list[list[QuantityClaim]]:
    """Greedy merging, best pair first.  Figures far apart are compared only when each is its
    article's one figure of this kind ("16,300 homes lost power" / "left 5,000 homes without
    power"): then the sentences decide, with the usual penalty for the distance.  Only pairs
    whose places and dates agree are looked at (:func:`frame_partners`), and whether two groups
    may join is told from their summaries (:class:`GroupFrame`): near-linear in the figures of
    a big story, where comparing every pair of figures and of group members was not.  Two claims
    link at ``figure_link_score`` (sentence cosine after bonuses and penalties); a pair whose
    event and place already match stands in with ``figure_structural_similarity``."""
    if len(block) == 1:
        return [list(block)]
    scored: list[tuple[int, int]] = []
    for i, j in frame_partners(block):
        a, b = block[i], block[j]
        if a.article_id == b.article_id and a.quantity.start == b.quantity.start:
            continue
        if compatible(a, b):
            scored.append((i, j))
    sentence_pairs = [
        (i, j)
        for i, j in scored
        if block[i].sentence in row
        and block[j].sentence in row
        and not decided_by_structure(block[i], block[j])
    ]
    similarity_of: dict[tuple[int, int], float] = {}
    if sentence_pairs:
        first = vectors[[row[block[i].sentence] for i, _ in sentence_pairs]]
        second = vectors[[row[block[j].sentence] for _, j in sentence_pairs]]
        products = np.einsum("ij,ij->i", first, second)  # the cosine of each pair, one array operation
        similarity_of = {pair: float(p) for pair, p in zip(sentence_pairs, products, strict=True)}
    pairs: list[tuple[float, int, int]] = []
    for i, j in scored:
        a, b = block[i], block[j]
        if decided_by_structure(a, b):
            similarity = settings.figure_structural_similarity
        elif figures_close(a, b) or (i in alone and j in alone):
            similarity = similarity_of.get((i, j), -1.0)
        else:
            continue
        score = link_score(a, b, similarity)
        if score >= settings.figure_link_score:
            pairs.append((score, i, j))
    summaries = [GroupFrame.of(claim) for claim in block]
    return [
        [block[i] for i in group]
        for group in merge_best_pairs_summarised(summaries, pairs, GroupFrame.may_join, GroupFrame.join)
    ]


def frame_partners(block: Sequence[QuantityClaim]) -> list[tuple[int, int]]:
    """The pairs (i < j) of the block whose named places and dates do not already tell them apart
    (:func:`compatible`'s first checks), found by bucketing the claims by (place, date): a claim
    meets only its own bucket's and those that leave the place or the date open."""
    buckets: dict[tuple[str | None, str | None], list[int]] = {}
    for index, claim in enumerate(block):
        buckets.setdefault((claim.place_key or None, _iso_date(claim.quantity.time)), []).append(index)
    by_place: dict[str | None, list[tuple[str | None, str | None]]] = {}
    by_date: dict[str | None, list[tuple[str | None, str | None]]] = {}
    for key in buckets:
        by_place.setdefault(key[0], []).append(key)
        by_date.setdefault(key[1], []).append(key)
    pairs: list[tuple[int, int]] = []
    partners: list[tuple[str | None, str | None]]
    for (place, date), members in buckets.items():
        if place and date:
            partners = [k for k in ((place, date), (place, None), (None, date), (None, None)) if k in buckets]
        elif place:
            partners = by_place[place] + by_place.get(None, [])
        elif date:
            partners = by_date[date] + by_date.get(None, [])
        else:
            partners = list(buckets)
        for i in members:
            for key in partners:
                pairs.extend((i, j) for j in buckets[key] if j > i)
    return pairs


@dataclass(frozen=True)
class GroupFrame:
    """What tells whether every claim of one group is :func:`compatible` with every claim of
    another, for groups whose own claims are all compatible with each other (as merging keeps
    them): each article's one figure, the one named place and date, the figures of each version."""

    figure_of: dict[str, float]  # article -> its figure (an article never gives two in a group)
    place_key: str | None
    date: str | None
    figures_of_version: Mapping[str | None, frozenset[float]]

    @staticmethod
    def of(claim: QuantityClaim) -> GroupFrame:
        number = claim.quantity.number
        return GroupFrame(
            {claim.article_id: number},
            claim.place_key or None,
            _iso_date(claim.quantity.time),
            {claim.version: frozenset([number])},
        )

    @staticmethod
    def may_join(first: GroupFrame, second: GroupFrame) -> bool:
        if first.place_key and second.place_key and first.place_key != second.place_key:
            return False
        if first.date and second.date and first.date != second.date:
            return False
        for version, figures in first.figures_of_version.items():
            for other_version, other_figures in second.figures_of_version.items():
                if version == other_version:
                    continue
                if (version and other_version) or len(figures | other_figures) > 1:
                    return False
        smaller, larger = sorted((first.figure_of, second.figure_of), key=len)
        return all(larger.get(article, figure) == figure for article, figure in smaller.items())

    @staticmethod
    def join(first: GroupFrame, second: GroupFrame) -> GroupFrame:
        """The frame of the two groups joined.  It takes over the larger group's table of figures
        (the two frames are not used again), so a claim's entry is copied O(log n) times."""
        smaller, larger = sorted((first.figure_of, second.figure_of), key=len)
        figure_of = larger
        figure_of.update(smaller)
        versions = dict(first.figures_of_version)
        for version, figures in second.figures_of_version.items():
            versions[version] = versions.get(version, frozenset()) | figures
        return GroupFrame(figure_of, first.place_key or second.place_key, first.date or second.date, versions)


def subject_of(group: Sequence[QuantityClaim], topic: str | None = None) -> str:
    """ "people killed in Kyiv", "points in the plan (original version)", "countries (Coalition of the Willing)"."""
    first = group[0]
    if first.counted in MEASURES and first.event:
        return f"{first.counted} of the {first.event}"
    counted_words = Counter((c.quantity.counted or c.counted or "item").lower() for c in group)
    noun = CLASS_NOUNS.get(first.counted) or plural(counted_words.most_common(1)[0][0])
    parts = [noun]
    if first.event in EVENT_PARTICIPLES and (first.event != "launch" or first.counted in WEAPONS):
        parts.append(EVENT_PARTICIPLES[first.event])  # not "earthquakes launched" for "struck"
    elif len({c.event_word for c in group}) == 1 and first.event_word:
        parts.append(f"({first.event_word})")
    places = Counter(c.place for c in group if c.place)
    if places:
        parts.append("in " + places.most_common(1)[0][0])
    subject = " ".join(parts)
    if topic:
        subject += f" ({topic})"
    versions = {c.version for c in group if c.version}
    if len(versions) == 1:
        subject += f", {versions.pop()} version"
    return subject


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun if noun.endswith("s") else noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}


def written_number(value: str, number: float) -> float:
    """The figure as the value writes it: "€800 billion" -> 800, "1,644" -> 1644 (compare uses the
    full amount; a claim shows the figure a reader sees)."""
    for word in reversed(words(value)):
        scale = SCALE_WORDS.get(word)
        if scale:
            scaled = number / scale
            return round(scaled, 6) if abs(scaled - round(scaled, 6)) < 1e-6 else number
    return number
