"""What tells two events of one kind apart: when, who, where.

Two earthquakes, two pirate captures or two title fights read alike: the same words, the
same embedding neighbourhood, the same background names.  Topic similarity says "same
kind"; these signals say "same event" or "another one":

- **when**: the article's day (its publication date, else a date the headline carries:
  pages often keep their "Updated: May 24, 2005" line as a headline, or a date line the
  cleaner removed as page furniture), and for undated
  articles the latest past date their text names ("in 2008", "on June 2, 2005"): an
  article cannot be older than what it recalls, so one that names 2008 is not about a
  story reported in 2005.  Background never pushes the other way: recalling an older
  event only lowers that bound.
- **who**: the article's protagonist, the person its lead names who is mentioned most
  (a victim, a suspect, a player), not the figures every story of the kind recalls further
  down.  Two accounts of one event may name different people, so a clash counts only when
  each side's protagonist is absent from the other side altogether.
- **when, undated**: the weekday the lead gives ("on Thursday"): two heists reported as
  "Thursday" and "Monday" are two heists, whatever the year.
- **where**: the same, for the finest place the lead names (a town, a district, a
  mountain: countries are too coarse to tell two earthquakes apart).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from wirecheck.clean.dates import MONTHS, find_dates, stamp_line
from wirecheck.compare.places import load_gazetteer
from wirecheck.compare.text import fold_transliteration
from wirecheck.model import Article, ArticleMentions, EntityMention

LEAD_WORDS = 60
RECALL_MIN_DAYS = 14  # a date two weeks before the article is an earlier event, not its own news
RECALLED_SPANS = 2
REPORT_HEADLINE_WORDS = 6
HEADLINE_DATE_CHARS = 100  # a longer "headline" is prose, its dates are not the page's
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# a "person" whose name ends in one of these is a place, a body or a product ("Betty Ford Center")
INSTITUTION_WORDS = frozenset(
    {"center", "centre", "clinic", "hospital", "institute", "foundation", "university", "college",
     "school", "academy", "museum", "library", "stadium", "arena", "hall", "park", "airport", "bridge",
     "company", "corporation", "group", "fund", "trust", "award", "awards", "prize", "show", "house",
     # product lines the tagger takes for surnames ("MacBook Pro", "Mac Mini", "Retina Display")
     "pro", "mini", "max", "air", "plus", "display", "edition"}
)  # fmt: skip
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
EXPLICIT_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH_WORD})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<month2>{_MONTH_WORD})\b",
    re.IGNORECASE,
)
# "the 12th Doctor", "its 21st head coach", "his fifth title defence": which one of a series
ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
SERIES_ORDINAL = re.compile(
    rf"\b(?:the|a|an|its|his|her|their|our|[\w'’]+'s)\s+(?P<nth>\d{{1,3}})(?:st|nd|rd|th)\s+(?P<what>[a-z]+)"
    rf"|\b(?:the|its|his|her|their|our|[\w'’]+'s)\s+(?P<word>{'|'.join(ORDINAL_WORDS[1:])})\s+(?P<what2>[a-z]+)",
    re.IGNORECASE,
)
# words after an ordinal that make it a date, a rank in time or a place in a list, not one of a series
NOT_SERIES = frozenset(MONTHS) | frozenset(
    {"of", "and", "or", "in", "on", "at", "to", "time", "day", "week", "month", "year", "century", "floor",
     "street", "avenue", "place", "round", "minute", "inning", "quarter", "half", "set", "game", "straight",
     "consecutive", "annual", "hour", "birthday", "anniversary", "largest", "biggest", "most", "best", "worst"}
)  # fmt: skip
# a date beside these is a plan's, even in a sentence in the past tense
PLAN_WORDS = re.compile(
    r"\b(?:scheduled|slated|release date|due (?:in|out|for|on)|set (?:for|to)|premieres?|hits? theaters|opens? in)\b",
    re.IGNORECASE,
)
PLAN_CHARS = 30
# words that name a kind of place, not one place: "Mount Cook" and "Cook" are the same mountain
PLACE_GENERIC = frozenset(
    {
        "mount", "mt", "mountain", "county", "city", "town", "village", "district", "province",
        "state", "region", "island", "islands", "river", "lake", "valley", "north", "south", "east",
        "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "new",
        "the", "of", "saint", "st", "port", "fort", "national", "park", "bay", "area", "coast", "gulf",
    }
)  # fmt: skip
# states, provinces and continents news names beside a town ("Biloxi, Miss."): as coarse as a country
REGIONS = frozenset(
    {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
        "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
        "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
        "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
        "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
        "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
        "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
        "ala", "ariz", "ark", "calif", "colo", "conn", "fla", "ill", "ind", "kan", "ky", "md", "mass",
        "mich", "minn", "miss", "mont", "neb", "nev", "okla", "ore", "tenn", "tex", "wash", "wis", "wyo",
        "ontario", "quebec", "alberta", "manitoba", "saskatchewan", "british columbia",
        "europe", "asia", "africa", "america", "north america", "south america", "latin america",
        "middle east", "oceania",
    }
)  # fmt: skip


@dataclass(frozen=True)
class EventEvidence:
    """When, who and where one article is about, as keys the story index compares."""

    day: int | None  # publication day, else the date its headline line carries
    not_before: int | None  # undated articles: the latest past date the text names
    protagonist: str | None  # surname key of the lead's main person
    people: Counter[str]  # surname key -> mentions, every person the article names
    place: str | None  # key of the lead's finest place
    names: frozenset[str]  # every token of every name the article mentions (any label)
    weekdays: frozenset[str]  # weekdays the headline and lead name: when the event happened
    month_day: tuple[int, int] | None = None  # undated pages: a date line without its year ("APR 28")
    headline: str | None = None  # key of a headline long enough to be one report's own
    figures: frozenset[str] = frozenset()  # the lead's signature figures: "magnitude:4.6", "euro:2e+06"
    recalled: tuple[
        tuple[int, int], ...
    ] = ()  # dated articles: past days / months the lead names (first, last)


def event_evidence(article: Article, mentions: ArticleMentions | None) -> EventEvidence:
    entities = mentions.entities if mentions is not None else ()
    day = publication_day(article.published)
    if day is None:
        day = page_day(article)
    return EventEvidence(
        day=day,
        not_before=latest_named_day(mentions) if day is None else None,
        protagonist=protagonist(article, entities),
        people=Counter(key for key, _ in person_keys(entities, article.headline)),
        place=lead_place(article, entities),
        names=frozenset(token for e in entities for token in name_tokens(e.text)),
        weekdays=lead_weekdays(article),
        month_day=page_month_day(article) if day is None else None,
        headline=headline_key(article.headline),
        figures=signature_figures(article, mentions),
        recalled=recalled_spans(article, mentions, day),
    )


def recalled_spans(
    article: Article, mentions: ArticleMentions | None, day: int | None
) -> tuple[tuple[int, int], ...]:
    """The earlier days (or months) a dated article's lead says its news follows from: "convicted
    of murdering the deputy in June 2005", "charged with the killing on June 24".  A follow-up
    (a charge, a trial, a sentence) names the event it follows in its lead; background recalled
    further down is left out.  Spans (first, last day) at least ``RECALL_MIN_DAYS`` before the
    article, day or month precise, at most ``RECALLED_SPANS``."""
    if mentions is None or day is None:
        return ()
    end = lead_end(article)
    spans: list[tuple[int, int]] = []
    for ref in mentions.times:
        if ref.start >= end or ref.kind != "date" or ref.future or not ref.date:
            continue
        if ref.granularity not in ("day", "month"):
            continue
        first = publication_day(ref.date)
        if first is None or first > day - RECALL_MIN_DAYS:
            continue
        last = first
        if ref.granularity == "month":
            month = date.fromordinal(first)
            following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
            last = following.toordinal() - 1
        if (first, last) not in spans:
            spans.append((first, last))
    return tuple(spans[:RECALLED_SPANS])


def signature_figures(article: Article, mentions: ArticleMentions | None) -> frozenset[str]:
    """The figures an event is known by, as the lead gives them: a magnitude, a sum of money
    (keyed by its currency: a conversion is another figure), a score, the age of its person.  Keys "kind:value";
    background figures ("the 2004 quake's 9.1") and vague ones ("dozens") are left out."""
    if mentions is None:
        return frozenset()
    end = lead_end(article)
    figures = set()
    for quantity in mentions.quantities:
        if quantity.start >= end or quantity.background or quantity.vague:
            continue
        if quantity.counted_class == "magnitude":
            kind = "magnitude"
        elif quantity.counted_class == "money" and quantity.counted:
            kind = quantity.counted
        elif quantity.role == "score":
            kind = "score"
        elif quantity.counted_class == "age":
            kind = "age"  # "the 26-year-old" in a lead: its main person's age, not another's
        else:
            continue
        figures.add(f"{kind}:{scaled(quantity.number, quantity.text):.3g}")
    return frozenset(figures | series_ordinals(f"{article.headline or ''}\n{article.body[:end]}"))


def series_ordinals(lead: str) -> set[str]:
    """Which one of a series the event is, as the headline and lead count it: "named the 12th
    Doctor", "introduced as its 21st head coach" (keys "nth-doctor:12").  Two events of one kind
    that recur (a casting, a hiring, a title defence) differ in this count; dates ("the 26th of
    May"), ranks in time ("the third time") and list places ("the second largest") are left out."""
    found = set()
    for match in SERIES_ORDINAL.finditer(lead):
        what = (match.group("what") or match.group("what2")).lower()
        if what in NOT_SERIES:
            continue
        nth = (
            int(match.group("nth"))
            if match.group("nth")
            else ORDINAL_WORDS.index(match.group("word").lower()) + 1
        )
        found.add(f"nth-{what}:{nth}")
    return found


def scaled(number: float, text: str) -> float:
    """ "$2.6-million" read as 2.6: the number times the scale word its phrase carries."""
    lowered = text.lower()
    for word, factor in (("billion", 1e9), ("million", 1e6)):
        if word in lowered and number < factor:
            return number * factor
    return number


def headline_key(headline: str | None) -> str | None:
    """A short hash of a headline of ``REPORT_HEADLINE_WORDS`` words or more: pages that repost
    a report keep its headline word for word, and a headline that long is one report's, not
    a kind's ("Quake hits California" may return every year; a nine-word headline does not)."""
    words = re.findall(r"\w+", (headline or "").lower())
    if len(words) < REPORT_HEADLINE_WORDS:
        return None
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:12]


def publication_day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def page_day(article: Article) -> int | None:
    """The page's own date line when the cleaner kept no publication date: a short headline
    that carries a date, else the latest date of a short line the cleaner removed as page
    furniture ("UPDATED 05/03/2013 at 11:00 AM EDT")."""
    day = headline_day(article.headline)
    if day is not None:
        return day
    return max((d for line in article.removed if (d := headline_day(line)) is not None), default=None)


def page_month_day(article: Article) -> tuple[int, int] | None:
    """(month, day) of a page's date line that gives no year ("APR 28", "Posted 3 March"): the
    headline or a line the cleaner removed, when it says nothing but when."""
    for line in (article.headline, *article.removed):
        if not line or not stamp_line(line)[0]:
            continue
        found = MONTH_DAY.search(line)
        if found is None:
            continue
        month = MONTHS[(found.group("month") or found.group("month2")).lower()]
        day = int(found.group("day") or found.group("day2"))
        if 1 <= day <= 31:
            return month, day
    return None


def headline_day(headline: str | None) -> int | None:
    """The latest full date in a short headline ("Updated: May 24, 2005, 3:23 PM ET")."""
    if not headline or len(headline) > HEADLINE_DATE_CHARS:
        return None
    days = [publication_day(found.iso) for found in find_dates(headline)]
    return max((d for d in days if d is not None), default=None)


def latest_named_day(mentions: ArticleMentions | None) -> int | None:
    """The latest date the text names with its year and not as a plan ("will vote in 2010")."""
    if mentions is None:
        return None
    days = [
        publication_day(ref.date)
        for ref in mentions.times
        if ref.kind == "date"
        and ref.date
        and not ref.future
        and EXPLICIT_YEAR.search(ref.text)
        and not scheduled(ref.sentence, ref.text)
    ]
    return max((d for d in days if d is not None), default=None)


def scheduled(sentence: str, text: str) -> bool:
    """Whether the sentence gives the date as a plan's, whatever its tense: "its scheduled
    November 22, 2013 release", "a release date of 22 November 2013", "was slated for 2013".
    A page cannot be older than what it recalls, but it can be older than what it schedules."""
    at = sentence.find(text)
    if at < 0:
        return False
    around = sentence[max(0, at - PLAN_CHARS) : at + len(text) + PLAN_CHARS]
    return PLAN_WORDS.search(around) is not None


def name_tokens(name: str) -> list[str]:
    """Lowercased word tokens of a name, possessive dropped: keys for "is this name there"."""
    text = name.lower().replace("’", "'").replace("'s ", " ").removesuffix("'s")
    return [t for t in re.findall(r"[^\W\d_]+", text) if len(t) > 1]


def lead_end(article: Article) -> int:
    """Character offset in the body where the lead (its first ``LEAD_WORDS`` words) ends."""
    words = list(re.finditer(r"\S+", article.body[: 20 * LEAD_WORDS]))
    return words[min(LEAD_WORDS, len(words)) - 1].end() if words else 0


def person_keys(
    entities: Iterable[EntityMention], headline: str | None = None
) -> list[tuple[str, EntityMention]]:
    """Each person mention with its key: the surname of the fullest form of the name the
    article uses ("Lindsay" and "Ms Lohan" both -> "lohan" when "Lindsay Lohan" is there),
    the headline's full name too: a body that calls its subject by the first name alone
    ("Lindsay checked out") under a headline naming her in full is about "lohan"."""
    people = [
        ([t for t in name_tokens(e.text) if t not in NAME_SUFFIXES], e)
        for e in entities
        if e.label == "PERSON" and not institution_name(e.text)
    ]
    full = sorted((tokens for tokens, _ in people if len(tokens) > 1), key=len, reverse=True)
    full += headline_full_names(headline, {tokens[0] for tokens, _ in people if len(tokens) == 1})
    keyed = []
    for tokens, entity in people:
        if not tokens:
            continue
        fuller = next((f for f in full if tokens[-1] in f), tokens)
        keyed.append((fuller[-1], entity))
    return keyed


def headline_full_names(headline: str | None, single: set[str]) -> list[list[str]]:
    """Full names the headline gives for names the body uses alone: a capitalised word right
    after one of them ("Lindsay Lohan Checks Out" for "Lindsay")."""
    if not headline or not single:
        return []
    found = []
    for match in re.finditer(r"\b([A-Z][\w'’-]+)\s+([A-Z][\w'’-]+)", headline):
        first, last = (name_tokens(match.group(n)) for n in (1, 2))
        if first and last and first[0] in single and last[0] not in single and last[0] not in NAME_SUFFIXES:
            found.append([first[0], last[0]])
    return found


def institution_name(name: str) -> bool:
    """A name the tagger took for a person that names a body, a place or a product: "Betty Ford
    Center", "Mayo Clinic", "MacBook Pro" (a tagger's slip that would make "center" or "pro" an
    article's main person)."""
    tokens = name_tokens(name)
    return len(tokens) > 1 and tokens[-1] in INSTITUTION_WORDS


def lead_weekdays(article: Article) -> frozenset[str]:
    """ "on Thursday", "late Sunday": the day of the week the lead gives its event."""
    lead = f"{article.headline or ''}\n{article.body[: lead_end(article)]}"
    return frozenset(day.lower() for day in WEEKDAY.findall(lead))


def protagonist(article: Article, entities: Iterable[EntityMention]) -> str | None:
    """Surname of the person the lead names who is mentioned most in the whole article
    (twice at least, or in the headline: one passing name is not what an article is about)."""
    keyed = person_keys(entities, article.headline)
    mentions = Counter(key for key, _ in keyed)
    end = lead_end(article)
    in_lead = {key for key, entity in keyed if entity.start < end}
    headline = set(name_tokens(article.headline or ""))
    weight = {k: mentions[k] + 2 * (k in headline) for k in in_lead}
    ranked = sorted((k for k in in_lead if weight[k] >= 2), key=lambda k: (-weight[k], k))
    return ranked[0] if ranked else None


def place_key(name: str) -> str | None:
    """The distinctive words of a place name ("aoraki mount cook" -> "aoraki cook")."""
    tokens = [t for t in name_tokens(name) if t not in PLACE_GENERIC]
    return " ".join(tokens) or None


def lead_place(article: Article, entities: Iterable[EntityMention]) -> str | None:
    """The lead's most mentioned place finer than a country (mentions counted in the whole text)."""
    countries = load_gazetteer().countries
    mentions: Counter[str] = Counter()
    in_lead: set[str] = set()
    end = lead_end(article)
    for entity in entities:
        folded = " ".join(name_tokens(entity.text))
        # the gazetteer's keys are folded as compare folds names ("new zealand" -> "nev zealand")
        if entity.label not in PLACE_LABELS or fold_transliteration(folded) in countries or folded in REGIONS:
            continue
        key = place_key(entity.text)
        if key is None:
            continue
        mentions[key] += 1
        if entity.start < end:
            in_lead.add(key)
    ranked = sorted(in_lead, key=lambda k: (-mentions[k], k))
    return ranked[0] if ranked else None


def named_in(key: str | None, names: Iterable[str] | Counter[str]) -> bool:
    """Whether any word of ``key`` is among ``names`` (lenient: a clash needs a real absence)."""
    if key is None:
        return True
    pool = names if isinstance(names, (set, frozenset, Counter, dict)) else set(names)
    return any(token in pool for token in key.split())
