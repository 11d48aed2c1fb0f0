"""The one plain data model that flows through every stage.

ingest -> RawDocument; clean -> Article; extract -> ArticleMentions;
group -> Grouping (copies, spin, stories); compare -> Fact; report -> Report.

Everything is a frozen dataclass of plain values (str, int, float, None, tuples
of those or of other model classes), so any stage's output can be serialised
with :func:`to_jsonable` and tested alone.  Character spans are offsets into
``Article.body``.  The model owns its format: :func:`to_jsonable` / :func:`to_json`
write it and :func:`from_jsonable` / :func:`from_json` read it back into the same
frozen dataclasses (the store and the app use these, nothing else does it again).
"""

from __future__ import annotations

import collections.abc
import dataclasses
import functools
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

T = TypeVar("T")

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class RawDocument:
    """One article as a reader found it, before any cleaning.

    ``text`` is plain text (from .txt inputs, or main text extracted from HTML);
    ``html`` is kept when the source was HTML so the cleaner can use page metadata.
    ``meta`` holds what the source itself declared (JSONL keys, feed fields,
    HTML <meta>): title, published, outlet, url, author, and unknown keys kept.
    """

    id: str
    source: str  # file path, plus "#N" / "::record" for items inside a container file
    format: Literal["text", "html", "jsonl", "warc", "rss"]
    text: str
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD when the source declares it
    outlet: str | None = None
    author: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class InputProblem:
    """An input (or part of one) that was skipped or read with a caveat."""

    source: str
    reason: str
    skipped: bool = True  # False: read, but with a warning (e.g. encoding guessed)


@dataclass(frozen=True)
class IngestResult:
    documents: tuple[RawDocument, ...]
    problems: tuple[InputProblem, ...] = ()


# --------------------------------------------------------------------------- clean


@dataclass(frozen=True)
class Article:
    """A cleaned article: metadata found, boilerplate removed, body as paragraphs."""

    id: str
    source: str
    format: str
    body: str  # paragraphs joined by "\n\n"; all spans point into this
    paragraphs: tuple[str, ...]
    headline: str | None = None
    byline: str | None = None  # names only
    dateline: str | None = None  # place only
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    section: str | None = None
    summary: str | None = None  # standfirst / bullet summary
    subheadings: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # boilerplate lines dropped by the cleaner
    meta: Mapping[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True)
class EntityMention:
    text: str  # as written, titles stripped ("Dan Driscoll")
    label: Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"]
    start: int
    end: int
    role: str | None = None  # "US Army Secretary" when the article gives one


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts: "killing at least seven people" in Kyiv."""

    text: str  # the phrase as written: "at least seven people"
    value: str  # the value as written: "at least seven"
    number: float
    qualifier: str | None  # normalised hedge: "at least", "more than", "about", "up to", "nearly"...
    counted: str | None  # lemma of what is counted: "people", "drone", "point", "country", "year"
    event: str | None  # lemma of the governing verb/noun: "kill", "injure", "launch", "destroy"
    place: str | None  # "Kyiv" when the sentence says where
    time: str | None  # "overnight", "2025-11-25" when the sentence says when
    sentence: str
    start: int
    end: int
    counted_class: str | None = (
        None  # synonyms folded: "person" (people, residents, deaths), "country" (nations), "age"
    )
    vague: bool = False  # "dozens", "hundreds": number is only a lower bound, not a figure to compare
    number_max: float | None = None  # upper end of a range: "10 to 15 people" -> number 10, number_max 15
    # the claim frame: what else must match before two figures are compared (see compare/frames.py)
    # tally | part (of a sum) | sum | conversion | score | rate | age | measure | whole | elapsed | record
    role: str = "tally"
    modifiers: tuple[str, ...] = ()  # what narrows the counted noun: "un", "staff"; "critically"
    holder: str | None = None  # whose figure: "Bush" for "Bush rushed for 404 yards"
    reference: str | None = None  # a distance's reference point: "cloverdale", "depth"
    direction: str | None = None  # "north", "southwest": part of a distance's value
    background: bool = False  # the figure belongs to another, earlier event: "the 2004 tsunami"


@dataclass(frozen=True)
class TimeRef:
    """A time expression resolved against the article's publication date."""

    text: str  # as written: "on Sunday", "late Monday (November 24)", "almost four years"
    kind: Literal["date", "duration"]
    date: str | None  # YYYY-MM-DD (start of the period for week/month/year), None when unresolved
    granularity: Literal["day", "week", "month", "year", "part_of_day", "duration"]
    years: float | None  # for durations: the length in years ("almost four years" -> 4.0)
    qualifier: str | None  # "almost", "nearly", "late", "over"...
    sentence: str
    start: int
    end: int
    event_text: str | None = (
        None  # the clause the expression dates, trimmed: "the war began on February 24, 2022"
    )
    event_words: tuple[str, ...] = ()  # content lemmas of that clause, to match one event across articles
    future: bool = False  # the clause speaks of something planned: "will meet on Friday"
    # what happened, for lining one event up across articles: the verb ("break out", "open"; "since"
    # for a state that began then: "has run since 1888") and its subject's head lemma and names
    event_verb: str | None = None
    event_subject: tuple[str, ...] = ()
    event_phrase: str | None = None  # the subject and verb as written: "the gathering was called"


@dataclass(frozen=True)
class QuoteMention:
    text: str  # the quoted words, without the marks
    speaker: str | None  # the name as resolved in this article (canonical name set later per story)
    cue: str | None  # "said", "told", "wrote", "added"...
    start: int
    end: int


@dataclass(frozen=True)
class Citation:
    """An outlet or agency the article attributes something to."""

    source: str  # normalised: "The Associated Press", "CNN", "dpa"
    text: str  # as written: "told The Associated Press"
    start: int
    end: int


@dataclass(frozen=True)
class ArticleMentions:
    article_id: str
    entities: tuple[EntityMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeRef, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    citations: tuple[Citation, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # the parse's sentences: character spans in the body


# --------------------------------------------------------------------------- group


@dataclass(frozen=True)
class CopyLink:
    """``article_id`` reprints or rewrites ``copy_of``; the evidence is kept."""

    article_id: str
    copy_of: str
    kind: Literal["reprint", "syndicated", "spun"]
    containment: float  # share of article_id's text that stands in copy_of (after normalisation)
    shared_passages: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpinScore:
    article_id: str
    score: float  # 0..1
    flagged: bool
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryCluster:
    id: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Grouping:
    copies: tuple[CopyLink, ...] = ()
    spin: tuple[SpinScore, ...] = ()
    stories: tuple[StoryCluster, ...] = ()


# --------------------------------------------------------------------------- compare / story level


@dataclass(frozen=True)
class Entity:
    """A story-level entity: one canonical name, its aliases and variants."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    # near-identical names that clash with the majority ("Keith Starmer"): name -> article ids
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Quote:
    article_id: str
    text: str
    speaker: str | None  # canonical story-level name
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Claim:
    article_id: str
    value: str  # as the article gives it: "at least seven"
    number: float | None
    text: str  # the sentence it comes from
    start: int = 0
    end: int = 0
    family: str | None = None  # id of the source family of its article (see SourceFamily)
    source: str | None = None  # the primary source the sentence names: "police", "USGS", "Jane Roe"
    witness: int | None = None  # claims of one fact with the same number are one witness (1, 2, ...)


@dataclass(frozen=True)
class FamilyEvidence:
    """Why an article belongs to its family: text shared with another member, or an agency credit."""

    article_id: str
    kind: Literal[
        "copy", "shared_passages", "outlet_credit", "agency_credit", "agency_contributed", "agency_cited"
    ]
    detail: str  # in words: "shares 42% of its passages with 12_3ecb", "credit line: (AP)"
    other: str | None = None  # the member it shares text with
    passages: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceFamily:
    """Articles deriving from one wire story or one original report: reprints, trims, rewrites."""

    id: str  # "family-1", unique within the story
    name: str  # "AP family: 6 articles", "Harbour Post: own report"
    article_ids: tuple[str, ...]
    original: str | None = None  # the article the others derive from, when it can be told
    agency: str | None = None  # the agency a member credits: "AP", "Reuters"
    evidence: tuple[FamilyEvidence, ...] = ()


@dataclass(frozen=True)
class Fact:
    subject: str
    status: Literal["agreed", "disputed", "single"]
    claims: tuple[Claim, ...]
    kind: str = "quantity"  # quantity | name | quote | date | duration | place
    reason: str = ""  # why the status, in words a reader accepts
    articles: int = 0  # how many articles carry it
    independent_sources: int = 0  # how many independent witnesses that makes
    sources: tuple[str, ...] = ()  # who those witnesses are
    importance: float = 0.0
    families: int = 0  # how many source families carry it (a wire story and its rewrites are one)
    family_names: tuple[str, ...] = ()  # those families, named: "AP family: 6 articles"
    primary_sources: tuple[str, ...] = ()  # who the sentences name as their source: "police", "USGS"


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    text: str
    article_ids: tuple[str, ...]
    granularity: str = "day"
    # the same event placed on other dates by other articles: (other date, those article ids)
    conflicts: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class BriefSentence:
    text: str
    article_ids: tuple[str, ...]
    generated: bool = False


@dataclass(frozen=True)
class StoryReport:
    id: str
    article_ids: tuple[str, ...]
    title: str = ""
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    facts: tuple[Fact, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    families: tuple[SourceFamily, ...] = ()


@dataclass(frozen=True)
class Report:
    articles: tuple[Article, ...]
    mentions: tuple[ArticleMentions, ...]
    grouping: Grouping
    stories: tuple[StoryReport, ...]
    problems: tuple[InputProblem, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)  # the thresholds it ran with, when known


# --------------------------------------------------------------------------- serialisation


def to_jsonable(value: Any) -> Any:
    """Turn any model value into JSON-ready dicts, lists and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def to_json(value: Any) -> str:
    """A model value as compact JSON text (how the store keeps it)."""
    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"))


def from_json(cls: type[T], text: str) -> T:
    """The model value of class ``cls`` written by :func:`to_json`."""
    return from_jsonable(cls, json.loads(text))


def from_jsonable(cls: type[T], data: Any) -> T:
    """Rebuild a model dataclass from :func:`to_jsonable` output, field types guiding."""
    return typing.cast(T, _convert(cls, data))


def _convert(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    kind, args = _shape(tp)
    if kind == "dataclass":
        return tp(**{name: _convert(hint, data[name]) for name, hint in args if name in data})
    if kind == "optional":
        return _convert(args, data)
    if kind == "sequence":
        return tuple(_convert(args, v) for v in data)
    if kind == "fixed":
        return tuple(_convert(a, v) for a, v in zip(args, data, strict=False))
    if kind == "dict":
        return dict(data)
    if kind == "float" and isinstance(data, int):
        return float(data)
    return data


@functools.cache
def _shape(tp: Any) -> tuple[str, Any]:
    """How to rebuild a value of type ``tp``, worked out once per type (resolving type hints
    per row cost more than the query): a dataclass's (field, type) pairs, the element type
    of a tuple, the one type of an Optional..."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        return "dataclass", tuple((f.name, hints[f.name]) for f in dataclasses.fields(tp))
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return ("optional", options[0]) if len(options) == 1 else ("as is", None)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return "sequence", args[0]
        return "fixed", args
    if origin in (dict, collections.abc.Mapping) or tp is dict:
        return "dict", None
    if tp is float:
        return "float", None
    return "as is", None
