"""Quantities: a number with what it counts, the event, the place and the time.

``find_quantities(doc, article)`` turns "killing at least seven people" in a sentence
about Kyiv into value "at least seven", number 7, qualifier "at least", counted
"people" (class "person"), event "kill", place "Kyiv".  Compare then lines up values
of one measurable thing across articles (event, counted class, place).

Numbers come in digits and words ("600,000", "Twenty", "a dozen"); dates, years and
durations are time expressions, not quantities (see timerefs.py).  Ages ("90-year-old")
are kept but marked with counted class "age" so that compare can leave them out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from wirecheck.extract.numbers import (
    COLLECTIVES,
    SCALES,
    TENS,
    UNITS,
    VAGUE_PLURALS,
    parse_number_words,
    qualifier_before,
    single_number,
)
from wirecheck.extract.timerefs import find_time_refs
from wirecheck.model import Article, Quantity, TimeRef

# event words (verbs and nouns) folded to the event compare lines up
EVENT_CLASSES = {
    "kill": "kill", "murder": "kill", "slay": "kill", "die": "kill", "perish": "kill", "execute": "kill",
    "death": "kill", "fatality": "kill", "dead": "kill", "killed": "kill",
    "injure": "injure", "wound": "injure", "hurt": "injure", "injury": "injure", "maim": "injure",
    "injured": "injure", "wounded": "injure",
    "launch": "launch", "fire": "launch", "unleash": "launch", "send": "launch",
    "destroy": "destroy", "intercept": "destroy", "down": "destroy", "shoot": "destroy",
    "neutralize": "destroy", "neutralise": "destroy", "repel": "destroy", "repulse": "destroy",
    "casualty": "casualty",
    "evacuate": "evacuate", "rescue": "rescue", "arrest": "arrest", "detain": "arrest",
    "displace": "displace", "damage": "damage",
    "miss": "missing", "missing": "missing", "trap": "trap", "trapped": "trap",
}  # fmt: skip
# nouns that name the victims' fate: "six deaths" counts people killed
EVENT_NOUNS = {"death", "fatality", "injury", "casualty", "dead", "injured", "wounded"}
REPORTING_VERBS = {"say", "report", "tell", "claim", "announce", "state", "confirm", "add", "note", "accord",
                   "describe", "write", "estimate", "show", "cite", "quote", "include", "be", "have"}  # fmt: skip
# verbs that say who believes or expects a predicate, which their complement tells: "believed to
# have been arrested", "feared to have drowned", "expected to survive"
RAISING_VERBS = {"believe", "think", "fear", "expect", "know", "understand", "presume", "suspect", "seem",
                 "appear", "report", "say", "confirm", "feel"}  # fmt: skip
PERSON_WORDS = {"people", "person", "resident", "civilian", "child", "woman", "man", "individual", "inhabitant",
                "victim", "passenger", "worker", "student", "adult", "teenager", "girl", "boy", "baby",
                "infant", "citizen", "refugee", "patient", "body", "other", "local", "villager",
                "pensioner", "employee", "miner", "firefighter", "rescuer", "journalist", "minor",
                "son", "daughter", "husband", "wife", "mother", "father", "brother", "sister", "parent",
                "relative", "neighbour", "neighbor", "driver", "tourist", "guest", "spectator", "pupil",
                "teacher", "nurse", "doctor", "smuggler", "pirate", "suspect", "hostage", "climber"}  # fmt: skip
SOLDIER_WORDS = {"soldier", "troop", "serviceman", "servicemen", "personnel", "fighter", "marine", "sailor",
                 "officer", "conscript", "recruit"}  # fmt: skip
COUNTRY_WORDS = {"country", "nation", "state", "government"}
DRONE_WORDS = {"drone", "uav", "shahed", "uavs"}
MONEY_SYMBOLS = {
    "$": "dollar",
    "US$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₴": "hryvnia",
    "₽": "ruble",
}
MONEY_WORDS = {"dollar", "euro", "pound", "yen", "hryvnia", "ruble", "rouble", "franc", "yuan", "rupee"}
PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
TIME_UNITS = {"year", "month", "week", "day", "hour"}
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "on", "over", "across", "around", "outside", "inside", "into",
                         "throughout", "within", "off"}  # fmt: skip
NAME_LABELS = {"LAW", "PRODUCT", "WORK_OF_ART", "EVENT", "ORG", "FAC", "PERSON", "NORP"}
ATTACK_VERBS = {
    "attack",
    "strike",
    "hit",
    "target",
    "pound",
    "batter",
    "shell",
    "bomb",
    "bombard",
    "raid",
    "shake",
}
WEEKDAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
               "sept", "oct", "nov", "dec"}  # fmt: skip
TOLL_VERBS = {"rise", "climb", "reach", "increase", "jump", "stand", "hit", "surpass", "grow", "exceed", "top", "be",
              "raise", "revise", "put", "lift", "update"}  # fmt: skip
CLOCK_WORDS = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "hours", "hrs", "bst", "cet", "est"}
# what an earthquake magnitude measures: the main shock, or an aftershock (a different reading)
SHOCK_WORDS = {"earthquake": "earthquake", "quake": "earthquake", "tremor": "earthquake",
               "temblor": "earthquake", "aftershock": "aftershock", "foreshock": "foreshock"}  # fmt: skip
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
AFTER_HEDGES = {"or more": "at least", "or so": "about", "plus": "at least", "or fewer": "at most"}


@dataclass(frozen=True)
class NumberRun:
    """Consecutive tokens that write one number: "600,000", "twenty five", "a dozen", "1.5 million"."""

    first: int  # token index
    last: int  # token index, inclusive
    number: float
    vague: bool = False
    number_max: float | None = None
    last_of_range: int | None = None  # token index of the range's upper end ("10 to 15")


def find_quantities(doc: Doc, article: Article, times: Sequence[TimeRef] | None = None) -> list[Quantity]:
    """Every counted number in ``article.body`` (parsed as ``doc``), with what, where and when."""
    if times is None:
        times = find_time_refs(doc, article)
    time_spans = [(t.start, t.end) for t in times if t.date is not None or t.years is not None]
    text = doc.text  # built on each access: read it once
    known_places = place_names(doc)
    published_year = int(article.published[:4]) if article.published else None
    index = ArticleIndex.of(doc, times)
    described: list[tuple[NumberRun, Quantity]] = []
    for run in number_runs(doc):
        quantity = describe(doc, text, run, index, time_spans, known_places, published_year)
        if quantity is not None:
            described.append((run, quantity))
    return join_sums(doc, described)


# --------------------------------------------------------------------------- finding numbers


def number_runs(doc: Doc) -> list[NumberRun]:
    runs: list[NumberRun] = []
    i = 0
    while i < len(doc):
        if not starts_number(doc, i):
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and continues_number(doc, j + 1):
            j += 1
        run = make_run(doc, i, j)
        if run is not None:
            runs.append(run)
        i = j + 1
    return join_ranges(doc, runs)


def number_word(token: Token) -> bool:
    lowered = token.lower_.rstrip("-")
    return (
        single_number(lowered) is not None
        or lowered in SCALES
        or lowered in COLLECTIVES
        or lowered in VAGUE_PLURALS
    )


def starts_number(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.lower_ in {"a", "an"} and i + 1 < len(doc):
        return doc[i + 1].lower_ in COLLECTIVES or doc[i + 1].lower_ in SCALES
    if token.lower_ in {"score", "pair", "couple"}:
        return False  # only as "a score", "a couple"
    return number_word(token)


def continues_number(doc: Doc, i: int) -> bool:
    token = doc[i]
    previous = doc[i - 1]
    if token.lower_ == "and" and i + 1 < len(doc):
        return previous.lower_ in SCALES and number_word(doc[i + 1]) and not doc[i + 1].text[0].isdigit()
    if token.lower_ == "of" and previous.lower_ in {"tens", "hundreds"} and i + 1 < len(doc):
        return doc[i + 1].lower_ in VAGUE_PLURALS  # "tens of thousands"
    if token.text in {"-", "\u2013"} and i + 1 < len(doc):
        following = doc[i + 1].lower_
        return previous.lower_ in TENS and following in UNITS and UNITS[following] < 10  # "Twenty-six"
    if token.text[0].isdigit() and previous.text[0].isdigit():
        return False  # "22 460" are two numbers
    if token.lower_ in {"score", "pair", "couple"}:
        return False
    return number_word(token) and (
        token.lower_ in SCALES or token.lower_ in COLLECTIVES or not previous.text[0].isdigit()
    )


def make_run(doc: Doc, first: int, last: int) -> NumberRun | None:
    words = [t.lower_.rstrip("-") for t in doc[first : last + 1]]
    vague_words = [w for w in words if w in VAGUE_PLURALS]
    if vague_words:
        lower_bound = 1.0
        for word in words:
            if word in VAGUE_PLURALS:
                lower_bound *= VAGUE_PLURALS[word] / 2 if lower_bound > 1 else VAGUE_PLURALS[word]
            elif word == "tens":
                lower_bound = 10
        return NumberRun(first, last, float(lower_bound), vague=True)
    value = parse_number_words(words)
    if value is None:
        return None
    return NumberRun(first, last, value)


def join_ranges(doc: Doc, runs: list[NumberRun]) -> list[NumberRun]:
    """ "10 to 15", "10-15", "between 10 and 15" are one quantity with an upper end."""
    joined: list[NumberRun] = []
    skip_next = False
    for index, run in enumerate(runs):
        if skip_next:
            skip_next = False
            continue
        following = runs[index + 1] if index + 1 < len(runs) else None
        if (
            following is not None
            and following.first == run.last + 2
            and not run.vague
            and not following.vague
        ):
            connector = doc[run.last + 1].lower_
            between = run.first > 0 and doc[run.first - 1].lower_ == "between"
            is_range = connector in {"to", "-", "–", "or"} or (connector == "and" and between)
            if is_range and following.number > run.number:
                joined.append(
                    NumberRun(
                        run.first,
                        run.last,
                        run.number,
                        number_max=following.number,
                        last_of_range=following.last,
                    )
                )
                skip_next = True
                continue
        joined.append(run)
    return joined


# --------------------------------------------------------------------------- describing one number


@dataclass(frozen=True)
class ArticleIndex:
    """The article's named entities and time references by position, gathered once: spaCy's
    ``Span.ents`` rebuilds every entity of the document on each call, and scanning every time
    reference for each number made describing the figures of a long article quadratic."""

    entities: tuple[Span, ...]
    entity_starts: tuple[int, ...]
    times: tuple[TimeRef, ...]
    time_order: tuple[tuple[int, int], ...]  # (start, position in ``times``), by start

    @staticmethod
    def of(doc: Doc, times: Sequence[TimeRef]) -> ArticleIndex:
        entities = tuple(doc.ents)
        order = tuple(sorted((t.start, n) for n, t in enumerate(times)))
        return ArticleIndex(entities, tuple(e.start for e in entities), tuple(times), order)

    def entities_in(self, span: Span) -> list[Span]:
        """``span.ents``: the entities wholly inside ``span``, in order."""
        inside = []
        for entity in self.entities[bisect.bisect_left(self.entity_starts, span.start) :]:
            if entity.end > span.end:
                break
            inside.append(entity)
        return inside

    def times_in(self, span: Span) -> list[TimeRef]:
        """The time references starting inside ``span``, in their own order."""
        low = bisect.bisect_left(self.time_order, (span.start_char, -1))
        high = bisect.bisect_left(self.time_order, (span.end_char, -1))
        return [self.times[n] for n in sorted(n for _, n in self.time_order[low:high])]


def describe(
    doc: Doc,
    text: str,
    run: NumberRun,
    index: ArticleIndex,
    time_spans: list[tuple[int, int]],
    known_places: frozenset[str],
    published_year: int | None = None,
) -> Quantity | None:
    first, last = doc[run.first], doc[run.last_of_range if run.last_of_range is not None else run.last]
    start, end = first.idx, last.idx + len(last.text.rstrip("-"))
    if not is_a_quantity(doc, text, run, start, end, time_spans):
        return None
    sentence = first.sent

    unit, unit_end = unit_around(doc, run)
    counted, counted_token, age = counted_noun(doc, run)
    if unit is not None:
        counted, counted_token, age = unit, None, False
    event = shock_measured(doc, run) if unit == "magnitude" else find_event(doc, run, counted_token)
    if unit is None and counted_token is None and is_kin_count(doc, run):
        counted, event = "offspring", None  # "killing a mother of 12": her children, nobody killed
    if counted is None and unit is None:
        counted, event = toll_subject(doc, run) or (counted, event)
    if counted is None and event in {"kill", "injure", "casualty"}:
        counted = "person"  # "killed one person and injured three"
    if counted_token is not None and counted_token.lemma_.lower() in EVENT_NOUNS:
        counted = "person"  # "six deaths": people killed
    if counted is None and event is None and unit is None:
        return None  # "one of the longest", "the two": a number that counts nothing we can name
    if event is None and unit is None and first.lower_ in {"one", "a", "an"} and run.first == run.last:
        return None  # "said one resident": an article, not a tally
    counted_class = "age" if age else classify_counted(counted)

    prefix_start = unit_end if unit_end is not None and unit_end < start else start  # "about €18 billion"
    qualifier, hedge_length = qualifier_before(text[sentence.start_char : prefix_start])
    value_start = prefix_start - hedge_length
    value_end = end
    after = re.match(r"\s+(or more|or so|plus|or fewer)\b", text[end : end + 12], re.IGNORECASE)
    if after:
        qualifier = qualifier or AFTER_HEDGES[after.group(1).lower()]
        value_end = end + after.end()
    if run.vague:
        qualifier = qualifier or "at least"
    if unit_end is not None and unit_end > value_end and unit in {"dollar", "euro", "pound", "percent"}:
        value_end = unit_end
    phrase_end = value_end
    if counted_token is not None and 0 < counted_token.i - run.last <= 4:
        phrase_end = max(phrase_end, counted_token.idx + len(counted_token.text))
    if age:
        phrase_end = max(phrase_end, age_end(doc, run))

    reference, direction = distance_frame(doc, run, counted_token)
    return Quantity(
        text=text[value_start:phrase_end],
        value=text[value_start:value_end].strip(),
        number=run.number,
        qualifier=qualifier,
        counted=counted,
        event=event,
        place=find_place(doc, text, run, sentence, event, known_places, index),
        time=time_of(sentence, index.times_in(sentence), text),
        sentence=sentence.text.strip(),
        start=value_start,
        end=phrase_end,
        role=role_of(doc, text, run, counted_token, unit, value_start, age),
        modifiers=modifiers_of(counted_token, run),
        holder=holder_of(doc, run, counted_token),
        reference=reference,
        direction=direction,
        background=is_background(doc, run, published_year),
        counted_class=counted_class,
        vague=run.vague,
        number_max=run.number_max,
    )


def is_a_quantity(
    doc: Doc, text: str, run: NumberRun, start: int, end: int, time_spans: list[tuple[int, int]]
) -> bool:
    """Leave out dates, years, ordinals, and numbers inside names ("Article 5", "F-16", "Covid-19")."""
    if any(s < end and start < e for s, e in time_spans):
        return False
    first, last = doc[run.first], doc[run.last]
    date_like = first.ent_type_ == "ORDINAL" or re.fullmatch(r"(?:1[89]|20)\d\d", first.text)
    if first.ent_type_ in {"ORDINAL", "DATE", "TIME"} and date_like and not is_age_at(doc, run.last):
        return False
    if re.search(r"\d(?:st|nd|rd|th)$", last.text.lower()):
        return False
    following = doc[run.last + 1].lower_ if run.last + 1 < len(doc) else ""
    if first.ent_type_ == "TIME" or following in CLOCK_WORDS or re.match(r"\d{1,2}[:.]\d\d\b", first.text):
        return False  # a time of day: "1 p.m.", "18:30"
    if re.fullmatch(r"(?:1[89]|20)\d\d", first.text) and run.first == run.last:
        head = first.head
        if not (first.dep_ == "nummod" and head.tag_ == "NNS"):
            return False  # a year written alone: "the 2022 invasion"
    before = text[max(0, start - 2) : start]
    if re.search(r"[A-Za-z]-?$", before) and not re.search(r"\s", before):
        return False  # glued to letters: "F-16", "Su-34"
    if first.ent_type_ in NAME_LABELS and first.ent_iob_ == "I":
        return False  # inside a name: "Article 5", "Apollo 11"
    if first.lower_ in {"one", "a", "an"} and run.first == run.last:
        following = doc[run.first + 1].lower_ if run.first + 1 < len(doc) else ""
        previous = doc[run.first - 1].lower_ if run.first > 0 else ""
        if following in {"of", "another", "day", "time", "way", "side", "hand"} or previous in {
            "no", "any", "every", "the", "this", "that", "which", "each",
        }:  # fmt: skip
            return False
    return True


def unit_around(doc: Doc, run: NumberRun) -> tuple[str | None, int | None]:
    """Money, percent or magnitude written around the number: "$1.5 billion", "45%", "20 million
    euros", "magnitude 7.7", "a magnitude of 7.7", "a 7.7-magnitude quake"."""
    end_index = run.last_of_range if run.last_of_range is not None else run.last
    magnitude = magnitude_word_before(doc, run.first)
    if magnitude is not None:
        return "magnitude", magnitude.idx
    after = doc[end_index + 1 : end_index + 3]
    if any(t.lower_ == "magnitude" for t in after) and all(t.lower_ in {"-", "magnitude"} for t in after[:1]):
        return "magnitude", None
    if fractional_before_shock(doc, run, end_index):
        return "magnitude", None
    if run.first > 0:
        symbol = doc[run.first - 1].text
        if symbol in MONEY_SYMBOLS:
            return MONEY_SYMBOLS[symbol], doc[run.first - 1].idx
    for glued, currency in MONEY_SYMBOLS.items():
        if doc[run.first].text.startswith(glued):
            return currency, None
    if end_index + 1 < len(doc):
        following = doc[end_index + 1]
        if following.lower_ in PERCENT_WORDS:
            return "percent", following.idx + len(following.text)
        if following.lower_ == "per" and end_index + 2 < len(doc) and doc[end_index + 2].lower_ == "cent":
            return "percent", doc[end_index + 2].idx + len(doc[end_index + 2].text)
        if following.lemma_.lower() in MONEY_WORDS:
            return following.lemma_.lower(), following.idx + len(following.text)
    return None, None


def fractional_before_shock(doc: Doc, run: NumberRun, end_index: int) -> bool:
    """ "a 4.4 quake", "the 5.1 temblor": no one counts quakes in fractions, so a number with a
    decimal part written straight before a shock noun is the shock's magnitude."""
    if run.first != end_index or not re.fullmatch(r"\d+\.\d+", doc[run.first].text):
        return False
    following = doc[end_index + 1 : end_index + 3]
    if following and following[0].text in {"-", "–"}:
        following = following[1:]
    return bool(following) and following[0].lemma_.lower() in SHOCK_WORDS


def magnitude_word_before(doc: Doc, first: int) -> Token | None:
    """ "magnitude 7.7", "magnitude of 7.7", "magnitude-7.7": the word "magnitude" just before."""
    for back in (1, 2):
        if first - back < 0:
            return None
        token = doc[first - back]
        if token.lower_ == "magnitude":
            return token
        if token.lower_ not in {"of", "-"}:
            return None
    return None


def shock_measured(doc: Doc, run: NumberRun) -> str | None:
    """What a magnitude measures: the shock named right after the figure ("7.7 earthquake",
    "magnitude 6.4 aftershock"), else the nearest one before it in the sentence ("the quake,
    which had a magnitude of 7.7")."""
    sentence = doc[run.first].sent
    after = [
        t for t in doc[run.last + 1 : min(run.last + 4, sentence.end)] if t.lemma_.lower() in SHOCK_WORDS
    ]
    if after:
        return SHOCK_WORDS[after[0].lemma_.lower()]
    before = [t for t in doc[sentence.start : run.first] if t.lemma_.lower() in SHOCK_WORDS]
    return SHOCK_WORDS[before[-1].lemma_.lower()] if before else None


def counted_noun(doc: Doc, run: NumberRun) -> tuple[str | None, Token | None, bool]:
    """What the number counts, the token saying so, and whether it is an age ("90-year-old")."""
    end_index = run.last_of_range if run.last_of_range is not None else run.last
    last = doc[end_index]
    if is_age_at(doc, end_index):
        return "year", None, True
    if run.first > 0 and doc[run.first - 1].lower_ in {"aged", "age"}:
        return "year", None, True
    # "28-point plan", "a three-storey building": the unit is glued to the number by a hyphen
    hyphen = end_index + 1 < len(doc) and (doc[end_index + 1].text in {"-", "–"} or last.text.endswith("-"))
    if hyphen:
        noun_index = end_index + (1 if last.text.endswith("-") else 2)
        if noun_index < len(doc) and doc[noun_index].pos_ in {"NOUN", "PROPN", "ADJ"}:
            token = doc[noun_index]
            return token.lemma_.lower(), token, False
    for child in last.children:
        if child.lower_ == "of":  # "dozens of people", "twenty-six of the 27 leaders"
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}]
            if objects:
                return noun_lemma(objects[0]), objects[0], False
    whole = partitive_whole(doc, end_index)
    if whole is not None:  # "completed 28 of 41 passes": the 28 are passes too
        counted, whole_token, _ = counted_noun(doc, NumberRun(whole, whole, 0.0))
        return counted, whole_token, False
    head = last.head
    if (
        last.dep_ in {"nummod", "quantmod", "compound", "amod"}
        and head.pos_ in {"NOUN", "PROPN"}
        and head.i > end_index
    ):
        if head.lemma_.lower() in {"more", "other"}:
            return None, None, False
        head = compound_head(head)
        return noun_lemma(head), head, False
    following = doc[end_index + 1] if end_index + 1 < len(doc) else None
    if (
        following is not None
        and following.pos_ == "NOUN"
        and following.tag_ in {"NNS", "NN"}
        and following.lemma_.lower() not in {"more", "other"}
    ):
        following = compound_head(following)
        return noun_lemma(following), following, False
    return None, None, False


def partitive_whole(doc: Doc, end_index: int) -> int | None:
    """The token of the whole a number is part of, written as a number: "28 of 41 passes",
    "12 of the 30 pupils" -> the index of "41" / "30"; None when the number is no such part."""
    index = end_index + 1
    if index >= len(doc) or doc[index].lower_ != "of":
        return None
    index += 1
    if index < len(doc) and doc[index].lower_ == "the":
        index += 1
    return index if index < len(doc) and doc[index].like_num else None


def is_partitive_whole(doc: Doc, run: NumberRun) -> bool:
    """The number is the whole of a part written before it: the 41 of "28 of 41 passes" (attempts,
    not passes completed), the 30 of "12 of the 30 pupils"."""
    index = run.first - 1
    if index >= 0 and doc[index].lower_ == "the":
        index -= 1
    return index >= 1 and doc[index].lower_ == "of" and doc[index - 1].like_num


def compound_head(token: Token) -> Token:
    """The noun a counted word only modifies, when the parser took the modifier for the head: in
    "one rocket propelled grenade launcher" the count is of launchers.  A singular noun, a
    participle and at once a noun ("rocket propelled grenade", "battery powered radio") make a
    compound whose last noun is what is counted; the parser often reads the participle as a verb
    and tags the last noun as an adverb, so nouns are told from other words by shape.  A plural
    ("two rockets fired") counts itself."""
    doc = token.doc
    if token.tag_ != "NN":
        return token
    index = token.i + 1
    if index < len(doc) and doc[index].text in {"-", "\u2013"}:
        index += 1
    if index + 1 >= len(doc) or doc[index].tag_ not in {"VBN", "VBD"} or doc[index + 1].pos_ != "NOUN":
        return token
    last = token
    for following in doc[index + 1 : min(len(doc), index + 5)]:
        nounlike = following.pos_ == "NOUN" or (
            following.pos_ in {"ADV", "X"}
            and following.is_alpha
            and following.is_lower
            and not following.is_stop
            and not following.lower_.endswith("ly")
        )
        if not nounlike or following.ent_type_ in {"DATE", "TIME"}:
            break
        last = following
    return last


KIN_NOUNS = frozenset({"mother", "father", "parent", "grandmother", "grandfather", "mum", "mom", "dad"})


def is_kin_count(doc: Doc, run: NumberRun) -> bool:
    """ "a mother of 12", "father of three": the number counts a parent's children, whatever the
    verb around the parent says happened to the parent."""
    token = doc[run.last]
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.lemma_.lower() in KIN_NOUNS
        and not any(c.pos_ == "NOUN" for c in token.children)
    )


def toll_subject(doc: Doc, run: NumberRun) -> tuple[str, str | None] | None:
    """ "The death toll rose to 1,644", "the number of people killed climbed to 90": the count is
    the subject's, and so is the event."""
    token = doc[run.last]
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "to" else token.head
    if verb.lemma_.lower() not in TOLL_VERBS:
        return None
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}):
        lemma = subject.lemma_.lower()
        modifiers = {c.lemma_.lower() for c in subject.children if c.dep_ in {"compound", "amod"}}
        if lemma == "toll":
            return "person", "injure" if modifiers & {"injury", "injured"} else "kill"
        if lemma in {"number", "count", "tally", "total"}:
            for preposition in (c for c in subject.children if c.lower_ == "of"):
                for counted in (c for c in preposition.children if c.dep_ == "pobj"):
                    event = next(
                        (
                            EVENT_CLASSES[c.lemma_.lower()]
                            for c in counted.children
                            if c.lemma_.lower() in EVENT_CLASSES
                        ),
                        None,
                    )
                    return noun_lemma(counted), event
    return None


def noun_lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    return "people" if token.lower_ == "people" else lemma


def is_age_at(doc: Doc, index: int) -> bool:
    """ "90-year-old", "90- year-old", "90 years old", "six-month-old"."""
    window = doc[index : index + 8].text.lower()
    return bool(re.match(r"[\w.,]+-?\s*(?:year|month|week|day)s?[\s-]*old\b", window))


def age_end(doc: Doc, run: NumberRun) -> int:
    start = doc[run.last].idx
    match = re.match(
        r"[\w.,]+-?\s*(?:year|month|week|day)s?[\s-]*old\b", doc[run.last : run.last + 8].text.lower()
    )
    return start + match.end() if match else doc[run.last].idx + len(doc[run.last].text)


def classify_counted(counted: str | None) -> str | None:
    """Fold synonyms so compare can line values up: residents, civilians, people -> person."""
    if counted is None:
        return None
    word = counted.lower()
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    for candidate in (word, singular):
        if candidate in PERSON_WORDS or candidate in EVENT_NOUNS:
            return "person"
        if candidate in SOLDIER_WORDS:
            return "troops"
        if candidate in COUNTRY_WORDS:
            return "country"
        if candidate in DRONE_WORDS:
            return "drone"
        if candidate in MONEY_WORDS:
            return "money"
        if candidate in {"percent", "magnitude"}:
            return candidate
    return singular


def find_event(doc: Doc, run: NumberRun, counted_token: Token | None) -> str | None:
    """The event the number belongs to: the nearest event word up the parse tree."""
    anchor = counted_token if counted_token is not None else doc[run.last]
    if anchor.lemma_.lower() in EVENT_NOUNS:
        return EVENT_CLASSES[anchor.lemma_.lower()]
    for child in anchor.children:
        if child.dep_ in {"amod", "acl", "relcl"} and child.lemma_.lower() in EVENT_CLASSES:
            return EVENT_CLASSES[child.lemma_.lower()]
        if child.lower_ in {"dead", "killed", "injured", "wounded"}:
            return EVENT_CLASSES[child.lower_]
    token = anchor
    for _ in range(10):
        if token.head.i == token.i:
            break
        token = token.head
        lemma = token.lemma_.lower()
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
        if lemma == "shoot" and particle != "down":
            lemma = "fire"
        if lemma in EVENT_CLASSES and token.pos_ in {"VERB", "NOUN", "ADJ", "AUX"}:
            return EVENT_CLASSES[lemma]
        if token.pos_ == "VERB" and lemma in RAISING_VERBS:
            complement = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if complement is not None:  # "one person is believed to have been arrested": arrested
                verb = complement.lemma_.lower()
                return EVENT_CLASSES.get(verb, verb)
        if token.pos_ == "VERB" and lemma not in REPORTING_VERBS:
            # the figure's own verb ends the search: in "killed five and left nine missing" the nine
            # are missing, not killed; "left nine dead" takes the state its verb names
            return state_of(token, anchor) or EVENT_CLASSES.get(lemma, lemma)
        if token.pos_ == "AUX" and (state := state_of(token, anchor)):
            return state  # "139 were still missing"
    return None


def state_of(verb: Token, anchor: Token) -> str | None:
    """The state a verb puts its figure in, after the figure: "left nine dead", "139 were missing",
    "listed as missing"."""
    for child in verb.children:
        if child.i <= anchor.i:
            continue
        if child.lower_ in EVENT_CLASSES:
            return EVENT_CLASSES[child.lower_]
        if child.lower_ == "as":
            inner = next((EVENT_CLASSES[g.lower_] for g in child.children if g.lower_ in EVENT_CLASSES), None)
            if inner:
                return inner
    return None


# --------------------------------------------------------------------------- place and time


@dataclass(frozen=True)
class PlaceCandidate:
    text: str
    score: float


def find_place(
    doc: Doc,
    text: str,
    run: NumberRun,
    sentence: Span,
    event: str | None,
    known_places: frozenset[str],
    index: ArticleIndex,
) -> str | None:
    """Where the counted thing happened: a place in the same sentence, else (for casualties, when the
    sentence names no place at all: "killing at least seven people") the sentence before it."""
    candidates = place_candidates(sentence, run.first, known_places, index)
    if not candidates and event in {"kill", "injure", "casualty"}:
        previous = previous_sentence_in_paragraph(doc, text, sentence)
        if previous is not None:
            candidates = place_candidates(previous, None, known_places, index)
    good = [c for c in candidates if c.score > 0]
    return max(good, key=lambda c: c.score).text if good else None


def place_candidates(
    sentence: Span, anchor: int | None, known_places: frozenset[str], index: ArticleIndex
) -> list[PlaceCandidate]:
    """Every name in the sentence that may be a place, scored by how the grammar uses it."""
    candidates = []
    covered: set[int] = set()
    for ent in index.entities_in(sentence):
        if ent.label_ not in {"GPE", "LOC", "FAC", "ORG", "PERSON"} or not looks_like_a_name(ent.root):
            continue
        covered.update(range(ent.start, ent.end))
        if names_a_part(ent.root):
            continue
        label = "GPE" if ent.text in known_places else ent.label_
        locative, hops = attachment(ent.root)
        attacked = ent.root.dep_ == "dobj" and ent.root.head.lemma_.lower() in ATTACK_VERBS
        if label in {"ORG", "PERSON"} and not (locative or attacked):
            continue  # a person or body, unless the grammar says it is a place ("in Kyiv")
        candidates.append(
            PlaceCandidate(clean_place(ent.text), place_score(ent.root, label, locative, hops, anchor))
        )
    for token in sentence:
        if (
            token.i in covered
            or token.pos_ != "PROPN"
            or token.dep_ == "compound"
            or not looks_like_a_name(token)
        ):
            continue
        if names_a_part(token):
            continue
        label = "GPE" if token.text in known_places else ""
        locative, hops = attachment(token)
        if locative or label:
            name = " ".join(t.text for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i)
            score = place_score(token, label, locative, hops, anchor) - (0 if label else 1)
            candidates.append(PlaceCandidate(clean_place(name), score))
    return candidates


PARTITIVE_WORDS = {"most", "many", "some", "half", "majority", "all", "several", "dozens", "hundreds"}
PART_ADVERBS = {"mostly", "mainly", "largely", "chiefly", "primarily", "partly", "including", "especially"}


def names_a_part(token: Token) -> bool:
    """A place that locates only part of a tally: "1,002 killed, most of them in Mandalay",
    "injured, mainly in the capital", "including in Sagaing"."""
    preposition = token
    for _ in range(4):
        if preposition.dep_ == "pobj":
            preposition = preposition.head
            break
        if preposition.head.i == preposition.i:
            return False
        preposition = preposition.head
    else:
        return False
    if preposition.lower_ not in LOCATIVE_PREPOSITIONS:
        return False
    doc = token.doc
    before = [t.lower_ for t in doc[max(0, preposition.i - 4) : preposition.i]]
    if before and before[-1] in PART_ADVERBS:
        return True
    return any(
        word in PARTITIVE_WORDS and following == "of"
        for word, following in zip(before, before[1:], strict=False)
    )


def place_names(doc: Doc) -> frozenset[str]:
    """Names the article uses as places, by vote: the tagger's labels, and (counting double, since the
    small model often calls a city a person) the grammar: "in Kyiv", "the streets of Kyiv"."""
    votes: dict[str, float] = {}
    for ent in doc.ents:
        weight = {"GPE": 1.0, "LOC": 1.0, "FAC": 0.5, "PERSON": -1.0, "ORG": -1.0}.get(ent.label_, 0.0)
        if ent.label_ in {"GPE", "LOC", "FAC", "PERSON", "ORG"} and attachment(ent.root)[0]:
            weight += 2.0
        votes[ent.text] = votes.get(ent.text, 0.0) + weight
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_ or token.dep_ == "compound":
            continue
        if attachment(token)[0]:
            votes[token.text] = votes.get(token.text, 0.0) + 2.0
        elif token.dep_ == "conj" and token.head.ent_type_ in {"GPE", "LOC"}:
            votes[token.text] = votes.get(token.text, 0.0) + 1.0  # "Washington and Kyiv"
    return frozenset(name for name, vote in votes.items() if vote > 0)


def looks_like_a_name(token: Token) -> bool:
    """Not a weekday, month, nationality or time word the tagger took for a proper noun."""
    word = token.lower_.rstrip(".")
    return not (
        token.ent_type_ in {"DATE", "TIME", "NORP", "CARDINAL", "ORDINAL"}
        or word in WEEKDAY_NAMES
        or word in MONTH_NAMES
        or not token.text[:1].isupper()
        or token.pos_ == "ADJ"
    )


def attachment(token: Token) -> tuple[bool, int]:
    """Is the phrase a location ("in X", "on X", "the city of X", "Russia's X region") and how deep?"""
    hops = 0
    current = token
    for _ in range(6):
        if current.dep_ in {"compound", "poss", "appos", "amod", "nmod"}:
            current, hops = current.head, hops + 1
            continue
        if current.dep_ == "pobj":
            preposition = current.head
            if preposition.lower_ in LOCATIVE_PREPOSITIONS:
                return True, hops
            if preposition.lower_ == "of" and preposition.head.pos_ in {"NOUN", "PROPN"}:
                current, hops = preposition.head, hops + 1
                continue
        return False, hops
    return False, hops


def place_score(root: Token, label: str, locative: bool, hops: int, anchor: int | None) -> float:
    """Positive only when the grammar makes the name a place: "in Kyiv", "Kyiv reported", "battered Kyiv"."""
    score = 3.0 if locative else 0.0
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in REPORTING_VERBS and label:
        score += 2.5  # "Kyiv reported six deaths"
    elif root.dep_ == "dobj" and root.head.lemma_.lower() in ATTACK_VERBS:
        score += 3  # "Russia battered Kyiv, killing six"
    if score == 0:
        return 0.0  # the actor ("Russia launched 22 missiles") or a mere mention ("support for Ukraine")
    if label in {"GPE", "LOC", "FAC"}:
        score += 1
    if root.dep_ == "poss":
        score -= 1.5  # "Russia's Krasnodar region": the container
    score -= 0.5 * hops
    if anchor is not None:
        score -= 0.02 * abs(root.i - anchor)
    return score


def clean_place(text: str) -> str:
    text = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", text)


def previous_sentence_in_paragraph(doc: Doc, text: str, sentence: Span) -> Span | None:
    if sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    between = text[previous.end_char : sentence.start_char]
    if "\n" in between or "\n\n" in previous.text.strip():
        return None
    return previous


def time_of(sentence: Span, times: Sequence[TimeRef], text: str) -> str | None:
    """When the sentence says the counted thing happened: a resolved date, else the words used.
    A date in the possessive names an event, not when it was counted ("the toll from Friday's
    earthquake rose to 1,644 on Saturday"), so it is left out."""
    inside = [
        t
        for t in times
        if sentence.start_char <= t.start < sentence.end_char
        and t.kind == "date"
        and not POSSESSIVE_AFTER.match(text, t.end)
        and not t.text.endswith(("'s", "’s"))
    ]
    resolved = [t for t in inside if t.date and t.granularity in {"day", "part_of_day"}]
    if resolved:
        return resolved[-1].date
    return inside[0].text.lower() if inside else None


# --------------------------------------------------------------------------- claim frames
# Before two figures are compared, each says what it is a figure of (compare/frames.py): its role
# (a tally, or a score, an age, a rate, a currency conversion, one part of a sum), what narrows the
# counted noun, whose figure it is, a distance's reference point, and whether it belongs to an
# earlier, background event.

NOT_TALLIES = frozenset(
    {"score", "rate", "conversion", "age", "measure", "part", "code", "whole", "elapsed", "record"}
)
SCORE_WORDS = frozenset(
    {"win", "won", "beat", "lose", "lost", "loss", "victory", "defeat", "lead", "record", "start", "score",
     "game", "setback", "rout", "tie", "draw", "trail", "overtime", "halftime", "match", "final", "triumph"}
)  # fmt: skip
RATE_UNITS = frozenset({"game", "carry", "contest", "night", "day", "week", "month", "year", "attempt", "match",
                        "season", "hour", "minute", "capita", "head", "person", "catch", "shot"})  # fmt: skip
MEASURE_UNITS = frozenset(
    {"mile", "kilometre", "kilometer", "km", "metre", "meter", "m", "foot", "feet", "inch", "yard", "pound",
     "kg", "kilogram", "ton", "tonne", "gallon", "litre", "liter", "acre", "degree", "hectare", "ounce",
     "carat", "gb", "ghz", "mph", "second", "minute", "hour", "percent", "point", "magnitude", "lb"}
)  # fmt: skip
DISTANCE_UNITS = frozenset(
    {"mile", "kilometre", "kilometer", "km", "metre", "meter", "m", "foot", "feet", "yard"}
)
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west", "northern", "southern", "eastern", "western"}
)  # fmt: skip
DEPTH_WORDS = frozenset({"deep", "depth", "below", "underground", "beneath"})
NON_NARROWING = frozenset(
    {"total", "overall", "confirmed", "reported", "estimated", "further", "additional", "least", "more",
     "some", "about", "around", "approximately", "just", "only", "nearly", "almost", "roughly", "another",
     "remain", "remaining"}
)  # fmt: skip
BACKGROUND_PHRASES = re.compile(
    r"\b(?:last (?:year|season|month|decade)|earlier this (?:year|month)|years? ago|"
    r"in the past|career|all-time|since (?:19|20)\d\d|record of|history)\b",
    re.IGNORECASE,
)
ELAPSED_WORDS = frozenset({"later", "earlier", "ago", "afterwards"})
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis", "acl", "xcomp"})


def role_of(
    doc: Doc,
    text: str,
    run: NumberRun,
    counted_token: Token | None,
    unit: str | None,
    value_start: int,
    age: bool,
) -> str:
    """tally, or what else the number is: a score or record ("won 88-71", "a 9-14 start"), a season
    or code ("2008-09", "05"), an age in apposition ("Mara Quill, 34,"), a rate ("averaging 14.9
    points", "5.2 yards a carry"), a currency conversion in brackets ("110 billion euros ($143
    billion)"), a measure (a fraction cannot count whole things: "a 2.9 aftershock"), the whole
    of a part written before it ("28 of 41 passes": 41 attempts, not passes completed) or how far
    on in a series something came ("fifteen games later")."""
    if age:
        return "age"
    first = doc[run.first]
    last = doc[run.last_of_range if run.last_of_range is not None else run.last]
    if is_score(doc, run):
        return "score"
    if is_partitive_whole(doc, run):
        return "whole"
    if defines_a_class(counted_token if counted_token is not None else last):
        return "record"  # "the only teams to win at least 10 games": a record's bar, not a tally
    following = (
        doc[counted_token.i + 1] if counted_token is not None and counted_token.i + 1 < len(doc) else None
    )
    if following is not None and following.lower_ in ELAPSED_WORDS:
        return "elapsed"  # "fifteen games later", "three rounds earlier": how far on, not a tally
    if re.fullmatch(r"0\d", first.text) or (
        run.first >= 2
        and doc[run.first - 1].text in {"-", "–", "/"}
        and re.fullmatch(r"(?:19|20)\d\d", doc[run.first - 2].text)
    ):
        return "code"  # "the 2008-09 season", "05"
    if (
        counted_token is None
        and unit is None
        and first.dep_ == "appos"
        and first.head.pos_ == "PROPN"
        and run.number <= 120
        and run.number == int(run.number)
    ):
        return "age"
    window = [t.lemma_.lower() for t in doc[max(first.sent.start, run.first - 3) : run.first]]
    if "average" in window or "averaging" in window:
        return "rate"
    after = doc[(counted_token.i if counted_token is not None else last.i) + 1 :][:3]
    after_words = [t.lower_ for t in after]
    if after_words[:1] in (["per"], ["each"]) or (
        after_words[:1] in (["a"], ["an"]) and len(after) > 1 and after[1].lemma_.lower() in RATE_UNITS
    ):
        return "rate"
    before = text[max(0, value_start - 16) : value_start]
    if (
        unit in MONEY_WORDS
        and re.search(r"(?:\(|\bor|\bequivalent to|\babout)\s*$", before)
        and ("(" in before or _money_before(doc, run))
    ):
        return "conversion"
    counted_lemma = counted_token.lemma_.lower() if counted_token is not None else None
    if (
        run.number != int(run.number)
        and run.number < 1000
        and unit is None
        and counted_lemma is not None
        and counted_lemma not in MEASURE_UNITS
    ):
        return "measure"
    return "tally"


def defines_a_class(anchor: Token) -> bool:
    """The figure sets the bar of a record class: "the only teams to win at least 10 games", "the
    fifth rookie to throw for 4,000 yards".  Its verb is an infinitive qualifying a noun marked
    as one of few (only, first, fifth, a superlative)."""
    verb = anchor
    for _ in range(4):
        if verb.head.i == verb.i:
            return False
        verb = verb.head
        if verb.pos_ in {"VERB", "AUX"}:
            break
    else:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.dep_ in {"acl", "relcl"}:
        noun = verb.head
    elif verb.dep_ == "advcl" and verb.head.lemma_.lower() in {"be", "become", "remain"}:
        # "became the fifth rookie to win": the class is what the subject became
        noun = next((c for c in verb.head.children if c.dep_ == "attr"), verb.head)
    else:
        return False
    for _ in range(3):  # "the fifth rookie in the Super Bowl era to win": up from "era" to "rookie"
        if any(
            c.lower_ in {"only", "first", "last"} or c.tag_ == "JJS" or c.ent_type_ == "ORDINAL"
            for c in noun.children
        ):
            return True
        if noun.dep_ != "pobj" or noun.head.head.pos_ not in {"NOUN", "PROPN"}:
            return False
        noun = noun.head.head
    return False


def _money_before(doc: Doc, run: NumberRun) -> bool:
    """Another amount of money just before, in the same sentence: "110 billion euros, or $143 billion"."""
    sentence = doc[run.first].sent
    before = doc[max(sentence.start, run.first - 8) : run.first]
    return any(t.text in MONEY_SYMBOLS or t.lemma_.lower() in MONEY_WORDS for t in before)


def is_score(doc: Doc, run: NumberRun) -> bool:
    """Two figures glued by a dash ("88-71", "9-14") are a score or a record when a word of winning,
    losing or a game stands near, or the first is the larger; "10-15 people" stays a range."""
    first_index = run.first
    last_index = run.last_of_range if run.last_of_range is not None else run.last
    glued_after = (
        last_index + 2 < len(doc)
        and doc[last_index + 1].text in {"-", "–"}
        and doc[last_index + 2].text[:1].isdigit()
    )
    glued_before = (
        first_index >= 2
        and doc[first_index - 1].text in {"-", "–"}
        and doc[first_index - 2].text[:1].isdigit()
    )
    is_range = run.last_of_range is not None and doc[run.last + 1].text in {"-", "–"}
    if not (glued_after or glued_before or is_range):
        return False
    if glued_before or glued_after:
        return True  # "88-72": the larger first, never a range
    sentence = doc[first_index].sent
    near = doc[max(sentence.start, first_index - 4) : min(sentence.end, last_index + 4)]
    return any(t.lemma_.lower() in SCORE_WORDS or t.lower_ in SCORE_WORDS for t in near)


def modifiers_of(counted_token: Token | None, run: NumberRun) -> tuple[str, ...]:
    """What narrows the counted noun: adjectives and nouns in front of it ("UN staff", "Somali
    pirates", "other rifles"), nouns joined to it ("passengers and crew"), and the noun a glued
    count describes ("28-point plan": points of a plan)."""
    if counted_token is None:
        return ()
    found: set[str] = set()
    for child in counted_token.children:
        if run.first <= child.i <= (run.last_of_range or run.last):
            continue
        if child.dep_ in {"amod", "compound", "nmod"} and child.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"}:
            word = child.lemma_.lower()
            if word not in NON_NARROWING and not any(ch.isdigit() for ch in word):
                found.add(word)
        elif child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"} and not _has_number(child):
            found.add("+" + child.lemma_.lower())  # "420 passengers and crew": the count covers both
    return tuple(sorted(found))


def _has_number(noun: Token) -> bool:
    return any(c.dep_ == "nummod" or c.like_num for c in noun.children)


def holder_of(doc: Doc, run: NumberRun, counted_token: Token | None) -> str | None:
    """Whose figure it is: a possessor ("the company's 15,000 staff") or the subject of the verb that
    governs the figure when that verb says what someone has, did or earned ("Reggie Gale rushed for
    404 yards", "the firm will pay $334 million"); never the agent of an event ("the quake killed
    nine"). A pronoun is a holder we cannot name: "?he"."""
    anchor = counted_token if counted_token is not None else doc[run.last]
    for child in anchor.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return _holder_name(child)
    token = anchor
    for _ in range(6):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            lemma = token.lemma_.lower()
            if lemma in EVENT_CLASSES or lemma in REPORTING_VERBS - {"have", "be"}:
                return None
            subjects = [c for c in token.children if c.dep_ == "nsubj" and anchor not in c.subtree]
            if not subjects:
                return None
            subject = subjects[0]
            if subject.lower_ in PERSONAL_PRONOUNS:
                return "?" + subject.lower_
            if subject.ent_type_ == "PERSON" or (subject.pos_ == "PROPN" and not subject.ent_type_):
                return _holder_name(subject)
            return None  # an organisation, a place or a thing: its figures are the story's own
    return None


PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})


def _holder_name(token: Token) -> str:
    """A holder by its last name word, lower case: "Reggie Gale" and "Gale" are one holder."""
    return token.lower_.strip("'’s") or token.lower_


def distance_frame(doc: Doc, run: NumberRun, counted_token: Token | None) -> tuple[str | None, str | None]:
    """A distance's reference point and direction: "13 miles east of Cloverdale" -> ("cloverdale",
    "east"); "1.2 miles deep", "a depth of 12 miles" -> ("depth", None)."""
    if counted_token is None or counted_token.lemma_.lower() not in DISTANCE_UNITS:
        return None, None
    sentence = counted_token.sent
    before = [t.lower_ for t in doc[max(sentence.start, run.first - 4) : run.first]]
    if any(w in DEPTH_WORDS for w in before):
        return "depth", None
    direction = None
    following = doc[counted_token.i + 1 : min(sentence.end, counted_token.i + 6)]
    for index, token in enumerate(following):
        word = token.lower_
        if word in DEPTH_WORDS:
            return "depth", None
        if word in DIRECTIONS:
            direction = word.replace("-", "").replace("ern", "")
            continue
        if word in {"of", "from"} and index + 1 < len(following):
            names: list[str] = []
            for later in following[index + 1 :]:
                if later.pos_ == "PROPN" or (later.lower_ == "the" and not names):
                    if later.pos_ == "PROPN":
                        names.append(later.lower_)
                    continue
                break
            if names:
                return " ".join(names), direction
        if direction is None and word not in {"-", "long", "away", "offshore", "inland", "to", "the"}:
            break
    return None, direction


def is_background(doc: Doc, run: NumberRun, published_year: int | None) -> bool:
    """The figure belongs to an earlier event told as background: its clause names an earlier year
    ("the 2004 tsunami killed 230,000"), "last year", "previous", a career or all-time record; or
    it describes an event that followed or preceded the one told (:func:`in_a_following_event`)."""
    anchor = doc[run.first]
    if in_a_following_event(anchor):
        return True
    clause = anchor
    for _ in range(8):
        if clause.head.i == clause.i or clause.dep_ in CLAUSE_DEPS and clause.pos_ in {"VERB", "AUX"}:
            break
        clause = clause.head
    tokens = own_clause(clause, anchor) if clause.pos_ in {"VERB", "AUX"} else list(anchor.sent)
    for token in tokens:
        if run.first <= token.i <= (run.last_of_range or run.last):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", token.text):
            year = int(token.text)
            if published_year is None or year < published_year:
                return True
    return bool(BACKGROUND_PHRASES.search(" ".join(t.text for t in tokens)))


def in_a_following_event(anchor: Token) -> bool:
    """The figure describes an event that followed or preceded the one told: "it was followed by a
    smaller quake two miles east of the dam" (the distance is the smaller quake's)."""
    token = anchor
    for _ in range(8):
        if token.head.i == token.i:
            return False
        if token.dep_ in {"agent", "prep"} and token.lower_ == "by":
            return token.head.lemma_.lower() in {"follow", "precede"}
        token = token.head
    return False


def own_clause(verb: Token, anchor: Token) -> list[Token]:
    """The tokens of ``verb``'s clause, without the clauses nested in it (except the one holding
    ``anchor``): "26 leaders endorsed it, as he has done since 2022" dates only the "as" clause."""
    nested = [
        c
        for c in verb.children
        if c.dep_ in CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"} and anchor not in c.subtree
    ]
    skip = {t.i for c in nested for t in c.subtree}
    return [t for t in verb.subtree if t.i not in skip]


def join_sums(doc: Doc, described: Sequence[tuple[NumberRun, Quantity]]) -> list[Quantity]:
    """Parts of one coordinated count of one kind are one figure: "12 Somali and 11 Yemeni pirates" is 23
    pirates, "a woman and her two sons were killed" three people killed, "four soldiers and two
    civilians" six. The parts stay (role "part", never compared alone) and their sum is added."""
    heads: dict[int, list[int]] = {}  # counted token index -> indices into described
    for index, (run, quantity) in enumerate(described):
        token = counted_noun(doc, run)[1]
        if token is not None and quantity.role == "tally":
            heads.setdefault(token.i, []).append(index)
    quantities = [q for _, q in described]
    sums: list[Quantity] = []
    done: set[int] = set()
    for head_index, members in heads.items():
        token = doc[head_index]
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head  # "a woman and her two sons": the count starts at "woman"
        if token.i in done:
            continue
        group = [token, *[c for c in token.conjuncts if c.i > token.i]]
        members = heads.get(token.i, [])
        if len(group) < 2 and not _coordinated_runs(doc, [described[i][0] for i in members]):
            continue
        if len({_kind_of_noun(n) for n in group}) > 1 and not {_kind_of_noun(n) for n in group} <= {
            "person",
            "troops",
        }:
            continue  # "14 rifles, 31 magazines and 923 rounds": no total of one kind
        total = 0.0
        parts: list[int] = []
        for noun in group:
            numbered = heads.get(noun.i, [])
            if numbered:
                if any(quantities[i].vague or quantities[i].number_max is not None for i in numbered):
                    total = -1
                    break
                total += sum(quantities[i].number for i in numbered)
                parts.extend(numbered)
            elif _one_person(noun):
                total += 1
            else:
                total = -1
                break
        done.update(n.i for n in group)
        if total <= 0 or not parts:
            continue
        for i in parts:
            quantities[i] = _replace(quantities[i], role="part")
        sums.append(_sum_of(doc, group, [quantities[i] for i in parts], total))
    return quantities + sums


def _coordinated_runs(doc: Doc, runs: Sequence[NumberRun]) -> bool:
    """Two or more figures of one noun joined by "and" or a comma: "12 Somali and 11 Yemeni pirates"."""
    if len(runs) < 2:
        return False
    ordered = sorted(runs, key=lambda r: r.first)
    return all(
        any(t.lower_ in {"and", ","} for t in doc[a.last + 1 : b.first])
        for a, b in zip(ordered, ordered[1:], strict=False)
    )


def _kind_of_noun(noun: Token) -> str | None:
    """A noun's counted class; nationalities ("Somalis") are people."""
    return "person" if noun.ent_type_ == "NORP" else classify_counted(noun.lemma_)


def _one_person(noun: Token) -> bool:
    """ "a woman", "her husband", "the driver": one person in a coordinated count."""
    return (
        noun.tag_ in {"NN", "NNP"}
        and _kind_of_noun(noun) in {"person", "troops"}
        and any(c.dep_ in {"det", "poss"} for c in noun.children)
    )


def _replace(quantity: Quantity, **changes: object) -> Quantity:
    from dataclasses import replace

    return replace(quantity, **changes)  # type: ignore[arg-type]


def _sum_of(doc: Doc, group: Sequence[Token], parts: Sequence[Quantity], total: float) -> Quantity:
    first = min(group[0].left_edge.idx, min(p.start for p in parts))
    last_token = group[-1]
    end = max(last_token.idx + len(last_token.text), max(p.end for p in parts))
    text = doc.text[first:end]
    classes = {_kind_of_noun(n) for n in group}
    counted_class = (
        classes.pop() if len(classes) == 1 else "person" if classes <= {"person", "troops"} else None
    )
    base = parts[-1]
    return _replace(
        base,
        text=text,
        value=text,
        number=total,
        qualifier=None,
        counted="people" if counted_class == "person" and len(group) > 1 else base.counted,
        counted_class=counted_class,
        start=first,
        end=end,
        role="sum",
        modifiers=(),
    )
