"""Time expressions, resolved against the article's publication date.

``find_time_refs(doc, article)`` finds dates ("November 23, 2025", "Nov. 25",
"late Monday (November 24)"), relative days ("on Sunday", "yesterday", "overnight",
"last week"), months and years ("late November", "in 2022") and durations
("almost four years", "nearly three-year conflict", "less than two weeks ago").

Our own patterns do the finding (fast and predictable); spaCy DATE/TIME entities the
patterns missed are kept as unresolved references so nothing is silently lost.  The
parse tree says whether a weekday is past ("met on Sunday") or planned ("will meet on
Friday") and which clause the expression dates, for the timeline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from wirecheck.extract.numbers import QUALIFIERS, parse_number_words
from wirecheck.model import Article, TimeRef

Granularity = Literal["day", "week", "month", "year", "part_of_day", "duration"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                         "sat": 5, "sun": 6}  # fmt: skip
UNIT_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "night": 1, "week": 7,
             "fortnight": 14, "month": 30.44, "year": 365.25, "decade": 3652.5, "century": 36525}  # fmt: skip
DAYS_PER_YEAR = 365.25

MONTH = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b))"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:)"
YEAR = r"(?P<year>(?:1[89]|20)\d{2})(?![\d:])"
EDGE = r"(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)"
NUMBER_WORD = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a|an|half|and|a\s+half|one\s+and\s+a\s+half|couple\s+of)"
NUMBER = rf"(?P<number>{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD})*?)"
UNIT = r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|century)s?"
HEDGE = "(?P<hedge>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in QUALIFIERS) + r")\s+"
PREPOSITIONS = r"on|in|since|until|till|by|from|for|during|through|before|after|over|within|as\s+of"

FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Found:
    """One matched piece of a time expression, before resolution and merging."""

    start: int
    end: int
    kind: str  # which pattern: "date", "weekday", "month", "year", "relative", "ago", "duration", "entity"
    groups: dict[str, str]


PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        "numeric",
        re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d{2})\b"),
    ),
    ("date", re.compile(rf"\b{MONTH}\s+{DAY}(?:,?\s+{YEAR})?", FLAGS)),
    ("date", re.compile(rf"\b(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?", FLAGS)),
    ("month", re.compile(rf"\b(?:(?P<edge>{EDGE})[\s-]+(?:of\s+)?)?{MONTH}(?:,?\s+{YEAR})", FLAGS)),
    (
        "month",
        re.compile(
            rf"\b(?:(?P<edge>{EDGE})[\s-]+(?:of\s+)?|(?P<prep>in|since|until|by|during|through|from|of|last|next|this|earlier\s+in|later\s+in)\s+){MONTH}\b(?!\s*\d)",
            FLAGS,
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?:(?P<edge>{EDGE})[\s-]+(?:of\s+)?|(?P<prep>in|since|until|by|during|through|from|before|after|the\s+year)\s+){YEAR}(?!\s*(?:%|percent|per\s+cent|-))",
            FLAGS,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming)\s+)?"
            rf"(?:(?P<pre>early|late|overnight|(?:on\s+)?the\s+night\s+of)\s+(?:on\s+)?)?{WEEKDAY}"
            r"(?:\s+(?P<post>morning|afternoon|evening|night|overnight))?",
            FLAGS,
        ),
    ),
    ("ago", re.compile(rf"\b(?:{HEDGE})?{NUMBER}[\s-]+{UNIT}\s+ago\b", FLAGS)),
    (
        "duration",
        re.compile(
            rf"\b(?P<prep>for|over\s+the\s+(?:past|last|next)|(?:in|during)\s+the\s+(?:past|last|next)|the\s+(?:past|last|next)|within|after)?\s*"
            rf"(?:{HEDGE})?{NUMBER}[\s-]+{UNIT}(?![\w-]*-?\s*old\b)(?P<long>-long)?",
            FLAGS,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>today|tonight|yesterday|tomorrow|last\s+night|overnight|during\s+the\s+night|"
            r"through\s+the\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today|"
            r"(?:earlier|later)\s+this\s+(?:week|month|year)|"
            r"(?:last|this|next|the\s+past|the\s+previous|the\s+coming|the\s+current)\s+(?:week|month|year|weekend)|"
            r"(?:over\s+|during\s+|at\s+)?the\s+weekend|the\s+day\s+before\s+yesterday|the\s+early\s+hours)\b",
            FLAGS,
        ),
    ),
)


def find_time_refs(doc: Doc, article: Article) -> list[TimeRef]:
    """Every time expression in ``article.body`` (parsed as ``doc``), resolved where possible."""
    text = article.body
    published = parse_iso_date(article.published)
    pieces = merge_adjacent(text, choose_longest(find_pieces(text) + entity_pieces(doc)))
    sentences = SentenceIndex(doc)
    refs = []
    for piece in pieces:
        ref = resolve(text, piece, published, doc)
        if ref is None:
            continue
        sentence_text = sentences.text_around(text, piece.start, piece.end)
        clause = dated_clause(doc, text, piece.start, piece.end)
        if clause is not None:
            ref = replace(ref, event_text=clause_text(clause), event_words=content_lemmas(clause))
            event = event_of(doc, piece.start, piece.end)
            if event is not None:
                ref = replace(ref, event_verb=event[0], event_subject=event[1], event_phrase=event[2])
        refs.append(replace(ref, sentence=sentence_text))
    return refs


# --------------------------------------------------------------------------- finding


UNIT_WORD = re.compile(r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur)", FLAGS)
UNIT_WINDOW = (90, 12)  # characters before and after a unit word that a duration phrase can span


def find_pieces(text: str) -> list[Found]:
    found = []
    unit_windows = windows_around(text, UNIT_WORD, *UNIT_WINDOW)
    for kind, pattern in PATTERNS:
        # durations need a unit word: search only near one (the patterns are slow to try everywhere)
        windows = unit_windows if kind in {"duration", "ago"} else [(0, len(text))]
        matches = {m.span(): m for start, end in windows for m in pattern.finditer(text, start, end)}
        for match in sorted(matches.values(), key=lambda m: m.start()):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if not plausible(kind, groups, text, match.start()):
                continue
            start, end = match.span()
            while start < end and text[start].isspace():
                start += 1
            found.append(Found(start, end, kind, groups))
    return found


def windows_around(text: str, anchor: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    """Merged character windows around each match of ``anchor``."""
    windows: list[tuple[int, int]] = []
    for match in anchor.finditer(text):
        start, end = max(0, match.start() - before), min(len(text), match.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def plausible(kind: str, groups: dict[str, str], text: str, start: int) -> bool:
    """Reject matches that only look like dates: the verb "may", "March 3 points"."""
    month = groups.get("month")
    if month and not month[0].isupper():
        return False
    weekday = groups.get("weekday")
    if weekday and not weekday[0].isupper():
        return False
    if kind in {"duration", "ago"}:
        number = number_value(groups.get("number", ""))
        if number is None:
            return False
        bare_article = groups["number"].strip().lower() in {"a", "an"}
        if bare_article and not (groups.get("hedge") or groups.get("prep")) and kind == "duration":
            return False  # "once a year", "a day after": no length is being stated
    if kind == "date":
        day = int(groups["day"])
        if not 1 <= day <= 31:
            return False
    return True


def entity_pieces(doc: Doc) -> list[Found]:
    """spaCy DATE/TIME entities, so expressions our patterns do not know are still reported."""
    return [
        Found(ent.start_char, ent.end_char, "entity", {"label": ent.label_, "text": ent.text})
        for ent in doc.ents
        if ent.label_ in {"DATE", "TIME"} and re.search(r"[A-Za-z0-9]", ent.text)
    ]


def choose_longest(pieces: list[Found]) -> list[Found]:
    """Non-overlapping pieces, longest first; our own patterns beat spaCy entities of equal span."""
    chosen: list[Found] = []
    for piece in sorted(pieces, key=lambda p: (p.kind == "entity", -(p.end - p.start), p.start)):
        if piece.kind == "entity" and any(p.start < piece.end and piece.start < p.end for p in chosen):
            continue
        if any(p.start < piece.end and piece.start < p.end for p in chosen):
            continue
        chosen.append(piece)
    return sorted(chosen, key=lambda p: p.start)


def merge_adjacent(text: str, pieces: list[Found]) -> list[Found]:
    """Join pieces that name one moment: "late Monday (November 24)", "Monday, November 24, 2025"."""
    merged: list[Found] = []
    for piece in pieces:
        if merged:
            last = merged[-1]
            gap = text[last.end : piece.start]
            joinable = {last.kind, piece.kind} <= {"weekday", "date", "iso", "numeric", "relative", "year"}
            if joinable and re.fullmatch(r"[\s,(]*(?:on\s+)?", gap) and compatible(last, piece):
                groups = {**last.groups, **{k: v for k, v in piece.groups.items() if k not in last.groups}}
                kind = "date" if "date" in (last.kind, piece.kind) else last.kind
                if "iso" in (last.kind, piece.kind) or "numeric" in (last.kind, piece.kind):
                    kind = piece.kind if piece.kind in {"iso", "numeric"} else last.kind
                if last.kind == "relative" and piece.kind in {"weekday", "date"}:
                    groups["pre"] = groups.pop("rel")  # "overnight on Tuesday, November 25"
                end = piece.end
                if "(" in gap and text[end : end + 1] == ")":
                    end += 1
                merged[-1] = Found(last.start, end, kind, groups)
                continue
        merged.append(piece)
    return merged


def compatible(first: Found, second: Found) -> bool:
    """May these two adjacent pieces be one expression?"""
    kinds = (first.kind, second.kind)
    if kinds == ("relative", "weekday") or kinds == ("relative", "date"):
        return first.groups.get("rel", "").lower() in {"overnight", "last night", "during the night"}
    if first.kind == "relative" or second.kind == "relative":
        return False
    if second.kind == "year":
        return first.kind == "date" and "year" not in first.groups
    return first.kind == "weekday" and second.kind in {"date", "iso", "numeric"}


# --------------------------------------------------------------------------- resolving


def resolve(text: str, piece: Found, published: dt.date | None, doc: Doc) -> TimeRef | None:
    resolver = RESOLVERS[piece.kind]
    resolved = resolver(piece.groups, published, lambda: tense_of(doc, piece.start, piece.end))
    if resolved is None:
        return None
    start, end = piece.start, piece.end
    preposition = re.search(rf"\b({PREPOSITIONS})\s+$", text[max(0, start - 12) : start], FLAGS)
    qualifier = resolved.qualifier
    possessive = re.match(r"['\u2019]s\b", text[end : end + 3]) is not None  # "by Friday's earthquake"
    if (
        preposition
        and piece.kind not in {"duration", "ago"}
        and not piece.groups.get("prep")
        and not possessive
    ):
        start -= len(text[max(0, start - 12) : start]) - preposition.start()
        word = preposition.group(1).lower()
        if word in {"since", "until", "till", "before", "after", "by", "as of"}:
            qualifier = qualifier or word
    return TimeRef(
        text=text[start:end],
        kind=resolved.kind,
        date=resolved.date.isoformat() if resolved.date else None,
        granularity=resolved.granularity,
        years=resolved.years,
        qualifier=qualifier,
        sentence="",
        start=start,
        end=end,
        future=resolved.future or (resolved.kind == "date" and is_future(doc, piece.start, piece.end)),
    )


@dataclass(frozen=True)
class Resolved:
    kind: Literal["date", "duration"]
    date: dt.date | None
    granularity: Granularity
    years: float | None = None
    qualifier: str | None = None
    future: bool = False


FutureTest = Callable[[], "Tense"]


def resolve_date(groups: dict[str, str], published: dt.date | None, future: FutureTest) -> Resolved | None:
    month = MONTHS[groups["month"].lower().rstrip(".")]
    day = int(groups["day"])
    year = int(groups["year"]) if "year" in groups else None
    date = make_date(year, month, day, published)
    granularity: Granularity = "part_of_day" if groups.get("pre") or groups.get("post") else "day"
    return Resolved("date", date, granularity, qualifier=edge_qualifier(groups.get("pre")))


def resolve_iso(groups: dict[str, str], published: dt.date | None, future: FutureTest) -> Resolved | None:
    date = safe_date(int(groups["year"]), int(groups["mon"]), int(groups["day"]))
    return Resolved("date", date, "day")  # an impossible date ("2024-02-30") stays, unresolved


def resolve_numeric(groups: dict[str, str], published: dt.date | None, future: FutureTest) -> Resolved | None:
    first, second, year = int(groups["a"]), int(groups["b"]), int(groups["year"])
    day_first = groups["sep"] == "." or first > 12
    day, month = (first, second) if day_first else (second, first)
    return Resolved("date", safe_date(year, month, day), "day")


def resolve_weekday(groups: dict[str, str], published: dt.date | None, future: FutureTest) -> Resolved | None:
    if "month" in groups and "day" in groups:
        return resolve_date(groups, published, future)
    name = groups["weekday"].lower().rstrip(".")
    weekday = WEEKDAYS.get(name, WEEKDAY_ABBREVIATIONS.get(name, 0))
    relation = re.sub(r"\s+", " ", groups.get("rel", "").lower())
    granularity: Granularity = "part_of_day" if groups.get("pre") or groups.get("post") else "day"
    qualifier = edge_qualifier(groups.get("pre"))
    tense = future() if relation in {"", "this"} else "unknown"
    if published is None:
        return Resolved("date", None, granularity, qualifier=qualifier, future=tense == "future")
    forward = (weekday - published.weekday()) % 7
    backward = (published.weekday() - weekday) % 7
    ahead = relation in {"next", "this coming", "coming"} or tense == "future"
    if relation in {"", "this"} and tense == "unknown":
        ahead = 0 < forward < backward  # nothing in the verb says: take the nearer day
    if ahead:
        offset = (weekday - published.weekday()) % 7 or (7 if relation == "next" else 0)
        date = published + dt.timedelta(days=offset)
    else:
        offset = (published.weekday() - weekday) % 7 or (
            7 if relation in {"last", "past", "this past"} else 0
        )
        date = published - dt.timedelta(days=offset)
    return Resolved("date", date, granularity, qualifier=qualifier, future=ahead)


def resolve_month(groups: dict[str, str], published: dt.date | None, future: FutureTest) -> Resolved | None:
    month = MONTHS[groups["month"].lower().rstrip(".")]
    prep = re.sub(r"\s+", " ", groups.get("prep", "").lower())
    qualifier = edge_qualifier(groups.get("edge")) or (prep if prep in {"since", "until", "by"} else None)
    if "year" in groups:
        return Resolved("date", dt.date(int(groups["year"]), month, 1), "month", qualifier=qualifier)
    if published is None:
        return Resolved("date", None, "month", qualifier=qualifier)
    year = published.year
    if prep == "last" or (prep != "next" and month > published.month + 2):
        year -= 1 if month >= published.month else 0
    if prep == "next" and month <= published.month:
        year += 1
    return Resolved("date", dt.date(year, month, 1), "month", qualifier=qualifier, future=prep == "next")


def resolve_year(groups: dict[str, str], published: dt.date | None, future: FutureTest) -> Resolved | None:
    prep = re.sub(r"\s+", " ", groups.get("prep", "").lower())
    qualifier = edge_qualifier(groups.get("edge")) or (
        prep if prep in {"since", "until", "by", "before", "after"} else None
    )
    return Resolved("date", dt.date(int(groups["year"]), 1, 1), "year", qualifier=qualifier)


RELATIVE_DAYS = {
    "today": (0, "day"),
    "earlier today": (0, "day"),
    "later today": (0, "day"),
    "tonight": (0, "part_of_day"),
    "this morning": (0, "part_of_day"),
    "this afternoon": (0, "part_of_day"),
    "this evening": (0, "part_of_day"),
    "yesterday": (-1, "day"),
    "the day before yesterday": (-2, "day"),
    "tomorrow": (1, "day"),
    # the night that ends on the publication day: "overnight", "last night"
    "overnight": (0, "part_of_day"),
    "last night": (0, "part_of_day"),
    "during the night": (0, "part_of_day"),
    "through the night": (0, "part_of_day"),
    "the early hours": (0, "part_of_day"),
}


def resolve_relative(
    groups: dict[str, str], published: dt.date | None, future: FutureTest
) -> Resolved | None:
    phrase = re.sub(r"\s+", " ", groups["rel"].lower())
    qualifier = next((w for w in ("earlier", "later") if phrase.startswith(w)), None)
    if phrase in RELATIVE_DAYS:
        offset, granularity = RELATIVE_DAYS[phrase]
        date = published + dt.timedelta(days=offset) if published else None
        return Resolved("date", date, granularity, qualifier=qualifier, future=offset > 0)  # type: ignore[arg-type]
    words = phrase.split()
    unit = words[-1]
    relation = " ".join(words[:-1]).removeprefix("over ").removeprefix("during ").removeprefix("at ")
    if unit == "weekend":
        return resolve_weekend(relation, published, relation in {"the", "this"} and future() == "future")
    shift = {"last": -1, "the previous": -1, "next": 1, "the coming": 1}.get(relation, 0)
    if relation == "the past":
        length = UNIT_DAYS[unit]
        date = published - dt.timedelta(days=round(length)) if published else None
        return Resolved("duration", date, "duration", years=length / DAYS_PER_YEAR, qualifier="past")
    if published is None:
        return Resolved("date", None, unit, qualifier=qualifier, future=shift > 0)  # type: ignore[arg-type]
    return Resolved("date", shift_period(published, unit, shift), unit, qualifier=qualifier, future=shift > 0)  # type: ignore[arg-type]


def resolve_weekend(relation: str, published: dt.date | None, planned: bool = False) -> Resolved:
    """The weekend before publication ("over the weekend"), or the next one ("next weekend",
    "disruption will continue over the weekend")."""
    ahead = relation in {"next", "the coming"} or planned
    if published is None:
        return Resolved("date", None, "week", qualifier="weekend", future=ahead)
    back_to_saturday = (published.weekday() - 5) % 7
    saturday = published - dt.timedelta(days=back_to_saturday)
    if relation == "last" and back_to_saturday < 2:
        saturday -= dt.timedelta(days=7)
    if ahead:
        saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7 or 7)
    return Resolved("date", saturday, "week", qualifier="weekend", future=ahead)


def resolve_ago(groups: dict[str, str], published: dt.date | None, future: FutureTest) -> Resolved | None:
    number = number_value(groups["number"])
    if number is None:
        return None
    unit = groups["unit"].lower()
    days = number * UNIT_DAYS[unit]
    date = published - dt.timedelta(days=round(days)) if published else None
    granularity: Granularity = unit if unit in {"week", "month", "year"} else "day"  # type: ignore[assignment]
    return Resolved("date", date, granularity, years=days / DAYS_PER_YEAR, qualifier=hedge(groups))


def resolve_duration(
    groups: dict[str, str], published: dt.date | None, future: FutureTest
) -> Resolved | None:
    number = number_value(groups["number"])
    if number is None:
        return None
    days = number * UNIT_DAYS[groups["unit"].lower()]
    prep = re.sub(r"\s+", " ", groups.get("prep", "").lower())
    start = None
    if published is not None and re.search(r"\b(?:past|last)$", prep):
        start = published - dt.timedelta(days=round(days))
    return Resolved("duration", start, "duration", years=days / DAYS_PER_YEAR, qualifier=hedge(groups))


def resolve_entity(groups: dict[str, str], published: dt.date | None, future: FutureTest) -> Resolved | None:
    """A spaCy DATE/TIME entity our patterns do not read: kept, unresolved, unless it is noise."""
    text = groups["text"].lower()
    if re.search(r"\bold\b|year-old|^\W*\d+\W*$", text):
        return None  # ages ("90-year-old") and bare numbers the tagger took for dates
    for unit in ("year", "month", "week"):
        if unit in text:
            kind: Literal["date", "duration"] = "duration" if re.search(r"\d|\bone\b|s\b", text) else "date"
            return Resolved(kind, None, "duration" if kind == "duration" else unit)
    granularity: Granularity = "part_of_day" if groups["label"] == "TIME" else "day"
    return Resolved("date", None, granularity)


RESOLVERS: dict[str, Callable[[dict[str, str], dt.date | None, FutureTest], Resolved | None]] = {
    "date": resolve_date,
    "iso": resolve_iso,
    "numeric": resolve_numeric,
    "weekday": resolve_weekday,
    "month": resolve_month,
    "year": resolve_year,
    "relative": resolve_relative,
    "ago": resolve_ago,
    "duration": resolve_duration,
    "entity": resolve_entity,
}


# --------------------------------------------------------------------------- date arithmetic


def parse_iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def make_date(year: int | None, month: int, day: int, published: dt.date | None) -> dt.date | None:
    """A day-and-month date; without a year, the year that puts it nearest the publication date."""
    if year is not None:
        return safe_date(year, month, day)
    if published is None:
        return None
    candidates = [
        d for y in (published.year - 1, published.year, published.year + 1) if (d := safe_date(y, month, day))
    ]
    return min(candidates, key=lambda d: abs((d - published).days)) if candidates else None


def shift_period(published: dt.date, unit: str, shift: int) -> dt.date:
    """Start of the week/month/year ``shift`` periods away from the one holding ``published``."""
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(weeks=shift)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + shift
        return dt.date(index // 12, index % 12 + 1, 1)
    return dt.date(published.year + shift, 1, 1)


def number_value(written: str) -> float | None:
    written = re.sub(r"\s+", " ", written.strip().lower()).replace("couple of", "couple")
    if written in {"a half", "half", "half a", "half an"}:
        return 0.5
    if written.endswith(" and a half"):
        whole = number_value(written.removesuffix(" and a half"))
        return whole + 0.5 if whole is not None else None
    return parse_number_words([w for w in re.split(r"[\s-]+", written) if w])


def hedge(groups: dict[str, str]) -> str | None:
    """The hedge as written, lower-cased ("almost", "less than"): durations keep their wording."""
    return re.sub(r"\s+", " ", groups.get("hedge", "").lower()) or None


def edge_qualifier(written: str | None) -> str | None:
    if not written:
        return None
    words = re.sub(r"\s+", " ", written.lower()).removeprefix("on ").removesuffix(" on")
    return {
        "the end of": "late",
        "the start of": "early",
        "the beginning of": "early",
        "the middle of": "mid",
    }.get(words, words)


# --------------------------------------------------------------------------- the parse tree


FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo"}
PLANNING_VERBS = {"expect", "plan", "schedule", "set", "due", "intend", "prepare", "hope", "aim", "go"}


Tense = Literal["past", "future", "unknown"]


def is_future(doc: Doc, start: int, end: int) -> bool:
    """Does the clause this expression sits in speak of something still to come?"""
    return tense_of(doc, start, end) == "future"


def tense_of(doc: Doc, start: int, end: int) -> Tense:
    """Past ("met on Sunday", "has been closed since Monday"), future ("will meet on Friday",
    "expects to reopen on Saturday"), or unknown ("is meeting on Friday", "said it expected to
    reopen on Saturday"), from the auxiliaries and tags of the governing verb and its heads."""
    verb = governing_verb(doc, start, end)
    hops = 0
    while verb is not None and hops < 3:
        auxiliaries = {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}
        if auxiliaries & FUTURE_AUXILIARIES or ("would" in auxiliaries and "have" not in auxiliaries):
            return "future"  # "will meet on Friday"; "said flights would resume on Saturday"
        if auxiliaries & {"has", "have", "had", "was", "were", "did"} or verb.tag_ == "VBD":
            return "past"
        if verb.tag_ == "VBN" and not auxiliaries:
            return "past"  # "the plan unveiled on Tuesday"
        if verb.dep_ in {"xcomp", "ccomp"} and verb.head.lemma_ in PLANNING_VERBS:
            return "unknown" if verb.head.tag_ == "VBD" else "future"
        if verb.dep_ not in {"xcomp", "conj"}:
            return "unknown"
        verb, hops = verb.head, hops + 1
    return "unknown"


def governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    for _ in range(12):
        if token.pos_ in {"VERB", "AUX"} and token.lemma_ != "accord":  # "according to X on Tuesday"
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


CLAUSE_CUTS = {"advcl", "parataxis", "relcl", "appos"}
MAX_CLAUSE_TOKENS = 30


def dated_clause(doc: Doc, text: str, start: int, end: int) -> list[Token] | None:
    """The clause the expression dates: its verb's subtree without side clauses.  An infinitive
    climbs to the verb that governs it ("expects to reopen on Saturday"), and a participle or
    relative clause takes its noun along ("the plan unveiled on Tuesday")."""
    verb = governing_verb(doc, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if verb is None or span is None:
        return None
    root = verb
    if span.root.dep_ == "poss" and span.root.head.pos_ in {"NOUN", "PROPN"}:
        root = span.root.head  # "Friday's earthquake": the noun is the dated event
    while root.dep_ == "xcomp" and root.head.pos_ in {"VERB", "AUX"} and root.head.i != root.i:
        root = root.head
    if root.dep_ in {"acl", "relcl"} and root.head.pos_ in {"NOUN", "PROPN"}:
        root = root.head
    inside = {t.i for t in span}
    spine = {t.i for t in path_up_to(span.root, root)}  # the path from the expression up: never cut
    line_start, line_end = line_around(text, start, end)
    kept: list[Token] = []
    for token in root.subtree:
        if not line_start <= token.idx < line_end:
            continue  # a headline or dateline the sentence splitter glued on
        cut_branch = any(
            ancestor.i not in inside and ancestor.i not in spine and cuts_clause(ancestor)
            for ancestor in path_up_to(token, root)
        )
        if not cut_branch or token.i in inside:
            kept.append(token)
    if len(kept) > MAX_CLAUSE_TOKENS:
        centre = span.start
        kept = sorted(kept, key=lambda t: abs(t.i - centre))[:MAX_CLAUSE_TOKENS]
        kept.sort(key=lambda t: t.i)
    return kept


LOOSE_ADVERBS = {"also", "then", "now", "later", "again", "already", "still", "just", "soon", "there", "here"}


def event_of(doc: Doc, start: int, end: int) -> tuple[str, tuple[str, ...], str | None] | None:
    """The dated event as (verb, subject, phrase): "The fire broke out on Thursday" -> ("break out",
    ("fire",), "The fire broke out"); "the Glória line opened in 1885" -> ("open", ("line",
    "Glória"), ...); "the funicular, built in 1885" -> ("build", ("funicular",), "the funicular was
    built"); "which has climbed the hill since 1888" -> ("since", ...).  The subject is its head
    noun's lemma (a name as written), then the names before it; a pronoun subject gives () and no
    phrase."""
    verb = governing_verb(doc, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    named_act = act_on_a_named_victim(span) if span is not None and len(span) > 0 else None
    if named_act is not None:
        return named_act
    if (
        span is not None
        and len(span) > 0
        and span.root.dep_ == "poss"
        and span.root.head.pos_ in {"NOUN", "PROPN"}
    ):
        return span.root.head.lemma_.lower(), (), None  # "Friday's earthquake": the noun is the event
    if verb is None or span is None:
        return None
    while verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    name = f"{verb.lemma_.lower()} {particle.lower_ if particle is not None else ''}".strip()
    if span[0].lower_ == "since" or (span.start > 0 and doc[span.start - 1].lower_ == "since"):
        name = "since"
    described = verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}
    subject = (
        verb.head if described else next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    )
    victim = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
    if name in VICTIM_VERBS and victim is not None and verb.tag_ != "VBN":
        return name, names_of(victim), " ".join([*noun_words(victim), "was", VICTIM_VERBS[name]])
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return name, (), None
    before = [t for left in subject.lefts for t in left.subtree]
    names = [t.text for t in before if t.pos_ == "PROPN" and t.ent_type_ not in {"DATE", "TIME"}]
    head = subject.text if subject.pos_ == "PROPN" else subject.lemma_.lower()
    noun_phrase = sorted([*before, subject], key=lambda t: t.i)
    phrase_words = ["".join(t.text_with_ws for t in noun_phrase).strip(" ,")]
    auxiliaries = [c.text for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i]
    relative_subject = any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in verb.children)
    if described and (verb.dep_ == "acl" or not relative_subject) and not auxiliaries:
        auxiliaries = ["were" if subject.tag_ in {"NNS", "NNPS"} else "was"]  # "the line, built in 1885"
    completion = particle or next(
        (
            c
            for c in verb.children
            if c.i == verb.i + 1
            and c.dep_ == "advmod"
            and c.lower_ not in LOOSE_ADVERBS
            and not c.lower_.endswith("ly")
        ),
        None,
    )  # "broke out", "ran aground"
    phrase_words += [*auxiliaries, verb.text] + ([completion.text] if completion is not None else [])
    return name, tuple(dict.fromkeys([head, *names])), " ".join(phrase_words)


# Acts done to one person, as a noun and as its verb: "the shooting of X on Friday", "Friday's
# killing of X", "the Oct. 3 shooting of X" date the same act as "X was shot on Friday".
EVENT_NOUNS = {"shooting": "shoot", "killing": "kill", "murder": "kill", "slaying": "kill",
               "stabbing": "stab", "kidnapping": "kidnap", "abduction": "kidnap"}  # fmt: skip
VICTIM_VERBS = {"shoot": "shot", "kill": "killed", "murder": "murdered", "slay": "slain", "stab": "stabbed",
                "kidnap": "kidnapped", "abduct": "abducted"}  # fmt: skip


def act_on_a_named_victim(span: Span) -> tuple[str, tuple[str, ...], str] | None:
    """A date on an act noun with a named victim: "the shooting of Ana Ruiz on Friday", "Friday's
    killing of Ana Ruiz", "the Oct. 3 stabbing of Ana Ruiz" -> ("shoot", ("Ruiz", "Ana"), ...), the
    same event as the verb "Ana Ruiz was shot on Friday".  Without a named victim, None: an
    unnamed "shooting" could be any shooting."""
    root = span.root
    noun = None
    if root.dep_ in {"poss", "nmod", "compound", "npadvmod"}:
        noun = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "on" and root.head.dep_ == "prep":
        noun = root.head.head
        if noun.pos_ in {"VERB", "AUX"}:
            noun = _act_subject_before(root.head) or noun
    if noun is None or noun.pos_ != "NOUN" or noun.lower_ not in EVENT_NOUNS:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    victim = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if victim is None or victim.pos_ != "PROPN":
        return None
    phrase = " ".join(["the", noun.text, "of", *noun_words(victim)])
    return EVENT_NOUNS[noun.lower_], names_of(victim), phrase


def _act_subject_before(on: Token) -> Token | None:
    """ "The shooting of X, 15, on Saturday sparked riots": after an apposition (an age) the parser
    hangs "on Saturday" on the verb, yet it is written inside the subject, straight after the act's
    victim; the act noun subject it follows, or None."""
    verb = on.head
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < on.i), None)
    if subject is None or on.i > verb.i or on.i == 0:
        return None
    before = on.doc[on.i - 1]
    inside = {t.i for t in subject.subtree}
    return subject if before.i in inside and before.i == max(inside) else None


def names_of(person: Token) -> tuple[str, ...]:
    """A named person as a date subject: the last name, then the names before it."""
    before = [t.text for left in person.lefts for t in left.subtree if t.pos_ == "PROPN"]
    return tuple(dict.fromkeys([person.text, *before]))


def noun_words(person: Token) -> list[str]:
    return [
        t.text
        for t in sorted([*[t for left in person.lefts for t in left.subtree], person], key=lambda t: t.i)
    ]


def cuts_clause(token: Token) -> bool:
    if token.dep_ in CLAUSE_CUTS:
        return True
    if token.dep_ == "conj":
        return token.pos_ in {"VERB", "AUX"}
    if token.dep_ == "cc":
        return token.head.dep_ == "ROOT" or any(s.pos_ in {"VERB", "AUX"} for s in token.head.conjuncts)
    return False


def line_around(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end


def path_up_to(token: Token, top: Token) -> Iterable[Token]:
    while token.i != top.i:
        yield token
        if token.head.i == token.i:
            return
        token = token.head


def clause_text(tokens: list[Token]) -> str:
    parts = []
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if previous is not None:
            parts.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        parts.append(token.text)
    text = re.sub(r"\s+", " ", "".join(parts))
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)  # brackets whose aside was cut away
    text = re.sub(r"[,;:]+(?=[.,;:])|(?:\s*--)+\s*(?=[.,;:]|$)", "", text)
    text = re.sub(r"\s*--\s*--\s*", " ", text)
    return text.strip(" ,;:.-\u2014\u201c\u201d\"'()")


STOP_LEMMAS = {
    "say",
    "tell",
    "report",
    "accord",
    "be",
    "have",
    "do",
    "make",
    "take",
    "add",
    "claim",
    "announce",
}


def content_lemmas(tokens: list[Token]) -> tuple[str, ...]:
    """Lemmas of nouns, verbs and adjectives (lower case) and names (as written), time words left out."""
    words = []
    for token in tokens:
        if (
            token.pos_ not in {"NOUN", "PROPN", "VERB", "ADJ"}
            or token.is_stop
            or token.ent_type_ in {"DATE", "TIME"}
        ):
            continue
        lemma = token.lemma_.lower()
        if lemma in STOP_LEMMAS or lemma in WEEKDAYS or lemma in MONTHS or not lemma.isalpha():
            continue
        is_name = token.pos_ == "PROPN" or (token.text[:1].isupper() and not token.is_sent_start)
        words.append(token.text if is_name else lemma)  # names keep their capital
    return tuple(dict.fromkeys(words))


class SentenceIndex:
    """Find the sentence holding a character offset quickly."""

    def __init__(self, doc: Doc) -> None:
        try:
            self.sentences: list[Span] = list(doc.sents)
        except ValueError:  # a pipeline without a parser or sentencizer: the whole text is one sentence
            self.sentences = [doc[:]] if len(doc) else []
        self.starts = [s.start_char for s in self.sentences]

    def text_around(self, text: str, start: int, end: int) -> str:
        """The sentence holding the expression, limited to its line (no glued-on headline)."""
        sentence = self.covering(start)
        if sentence is None:
            return ""
        line_start, line_end = line_around(text, start, end)
        return text[max(sentence.start_char, line_start) : min(sentence.end_char, line_end)].strip()

    def covering(self, offset: int) -> Span | None:
        if not self.sentences:
            return None
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.sentences[max(index, 0)]
