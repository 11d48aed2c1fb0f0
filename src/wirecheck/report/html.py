"""The one-file HTML report: every story, its facts, timeline, quotes and sources, and the articles.

Public entries: ``render_html(report) -> str``, ``write_html(report, path) -> Path``.
The web app reuses the same templates (``make_environment``) and view builders
(``report_view``) so a story page in the app reads like a story in the file.

The file is self-contained: CSS and JS are inline, nothing is loaded from the
network, and all article text goes through Jinja2's autoescape (no ``|safe`` on
user text), so a hostile article shows its ``<script>`` as text.
Element ids are built from positions (``art-3``, ``story-1``), never from user
text, so they are always valid and unique.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from wirecheck.model import Article, ArticleMentions, Claim, Fact, Quote, Report, StoryReport, TimelineEntry
from wirecheck.report.json import write_text_atomic
from wirecheck.report.relative_time import RelativeTime, relative_timeline

TEMPLATES_DIR = Path(__file__).with_name("templates")
STATUS_ORDER = {"disputed": 0, "agreed": 1, "single": 2}
MAX_MATRIX_FACTS = 40  # fact columns in the source matrix; the fact list itself shows them all
VALUE_COLOURS = 6  # distinct value chips per fact (v0..v5), cycling after that


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class Segment:
    """A run of article text with the highlight spans covering it and the anchors starting in it."""

    text: str
    kinds: tuple[str, ...] = ()  # css classes: claim, value, quote, spin
    spans: tuple[str, ...] = ()  # ids of the spans covering this text
    anchors: tuple[str, ...] = ()  # ids of the spans starting here


@dataclass(frozen=True)
class ArticleView:
    anchor: str  # "art-3"
    number: int  # 1-based, as shown in citations
    article: Article
    label: str  # outlet, else the headline (shortened), else the body's opening words; never the id
    title: str  # shown on hover: the headline in full and the date
    has_outlet: bool
    cites: tuple[str, ...]
    copy_of: ArticleView | None = None
    copy_kind: str | None = None
    containment: float | None = None
    spin_score: float | None = None
    spin_flagged: bool = False
    spin_phrases: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = ()
    story_anchor: str | None = None


@dataclass(frozen=True)
class ClaimView:
    claim: Claim
    article: ArticleView | None
    target: str | None  # id of the highlighted sentence in the article
    colour: int  # value chip colour: same value, same colour


@dataclass(frozen=True)
class SentenceGroup:
    """One sentence as written, with every claim (article) that carries it word for word."""

    text: str
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True)
class ValueGroup:
    """One distinct value of a fact, shown once: its outlets, and its sentences with repeats folded."""

    value: str  # as the first article writes it
    colour: int
    claims: tuple[ClaimView, ...]
    sentences: tuple[SentenceGroup, ...]  # most carried first


@dataclass(frozen=True)
class FactView:
    anchor: str
    fact: Fact
    claims: tuple[ClaimView, ...]
    values: tuple[str, ...]  # distinct values, in colour order
    groups: tuple[ValueGroup, ...] = ()
    witnesses: tuple[str, ...] = ()  # fact.sources with article ids named as readers know them
    label: str = ""  # the subject, short enough for a column head
    reason: str = ""  # fact.reason with article ids named as readers know them


@dataclass(frozen=True)
class TimelinePoint:
    anchor: str
    entry: TimelineEntry
    articles: tuple[ArticleView, ...]
    x: float | None = None  # position on the SVG axis, None when the date does not parse
    y: float | None = None


@dataclass(frozen=True)
class Timeline:
    points: tuple[TimelinePoint, ...]
    width: int = 800
    height: int = 90
    axis: float = 64  # y of the axis line
    ticks: tuple[tuple[float, str], ...] = ()
    breaks: tuple[float, ...] = ()  # x of an axis break: older dates to its left are not to scale


@dataclass(frozen=True)
class WordDiff:
    """One word of a quote wording; ``changed`` when it differs from the most common wording."""

    text: str
    changed: bool


@dataclass(frozen=True)
class QuoteWording:
    words: tuple[WordDiff, ...]
    articles: tuple[ArticleView, ...]
    targets: tuple[str, ...]  # highlighted quote span ids, one per article


@dataclass(frozen=True)
class QuoteGroup:
    wordings: tuple[QuoteWording, ...]


@dataclass(frozen=True)
class SpeakerQuotes:
    speaker: str
    groups: tuple[QuoteGroup, ...]


@dataclass(frozen=True)
class MatrixRow:
    article: ArticleView
    cells: tuple[tuple[str, int] | None, ...]  # (value, colour) per fact column
    family: str = ""  # the name of its source family, when the family has two or more articles


@dataclass(frozen=True)
class RelativePoint:
    """An event of an undated story, placed by weekday and time of day."""

    anchor: str
    time: RelativeTime
    articles: tuple[ArticleView, ...]


@dataclass(frozen=True)
class OnlyHere:
    """A value of a fact that one source gives and no other source of the story does."""

    fact: FactView
    value: str
    colour: int
    target: str  # the highlighted claim sentence, else the article
    others: tuple[str, ...]  # the values the other sources give instead (none: they leave the fact out)


@dataclass(frozen=True)
class SourceView:
    """One outlet of a story (an article without an outlet stands alone) and what only it said."""

    label: str
    articles: tuple[ArticleView, ...]
    only_here: tuple[OnlyHere, ...]


@dataclass(frozen=True)
class StoryView:
    anchor: str
    number: int
    story: StoryReport
    title: str
    articles: tuple[ArticleView, ...]
    facts: tuple[FactView, ...]
    timeline: Timeline
    speakers: tuple[SpeakerQuotes, ...]
    matrix_facts: tuple[FactView, ...]
    matrix: tuple[MatrixRow, ...]
    disputed: int
    first_date: str | None
    last_date: str | None
    outlets: tuple[str, ...]
    no_outlet: int = 0  # articles the input names no outlet for (shown by headline instead)
    brief_sources: tuple[tuple[ArticleView, ...], ...] = ()  # per brief sentence, the articles it cites
    brief_texts: tuple[
        str, ...
    ] = ()  # per brief sentence, its text with article ids named as readers know them
    any_cites: bool = True
    any_copies: bool = True
    relative_times: tuple[RelativePoint, ...] = ()  # when no article carries a date
    by_source: tuple[SourceView, ...] = ()  # per outlet, the facts and values no other outlet gave


@dataclass(frozen=True)
class ReportView:
    stories: tuple[StoryView, ...]
    articles: tuple[ArticleView, ...]
    unassigned: tuple[ArticleView, ...]
    problems: tuple[tuple[str, str, bool], ...]
    generated: str
    disputed: int = 0
    extra: dict[str, str] = field(default_factory=dict)
    no_outlet: int = 0


# --------------------------------------------------------------------------- building the views


def report_view(report: Report) -> ReportView:
    """Everything the templates show, computed once: ids, highlights, timeline geometry, matrix."""
    mentions = {m.article_id: m for m in report.mentions}
    copies = {c.article_id: c for c in report.grouping.copies}
    spin = {s.article_id: s for s in report.grouping.spin}
    story_of = {aid: f"story-{i}" for i, s in enumerate(report.stories, 1) for aid in s.article_ids}
    anchors = {a.id: f"art-{i}" for i, a in enumerate(report.articles, 1)}
    spans = _article_spans(report)

    base: dict[str, ArticleView] = {}
    for i, article in enumerate(report.articles, 1):
        m = mentions.get(article.id)
        s = spin.get(article.id)
        base[article.id] = ArticleView(
            anchor=anchors[article.id],
            number=i,
            article=article,
            label=article_label(article),
            title=article_title(article),
            has_outlet=bool(article.outlet),
            cites=tuple(sorted({c.source for c in m.citations})) if m else (),
            spin_score=s.score if s else None,
            spin_flagged=bool(s and s.flagged),
            spin_phrases=tuple(s.phrases) if s else (),
            segments=tuple(segment_text(article.body, spans.get(article.id, []))),
            story_anchor=story_of.get(article.id),
        )
    views: dict[str, ArticleView] = {}
    for aid, view in base.items():
        copy = copies.get(aid)
        if copy and copy.copy_of in base:
            view = _replace(
                view, copy_of=base[copy.copy_of], copy_kind=copy.kind, containment=copy.containment
            )
        views[aid] = view

    stories = tuple(_story_view(i, story, views, mentions) for i, story in enumerate(report.stories, 1))
    stories = tuple(sorted(stories, key=lambda s: (-(s.disputed > 0), _neg_date(s.last_date), s.number)))
    assigned = set(story_of)
    return ReportView(
        stories=stories,
        articles=tuple(views[a.id] for a in report.articles),
        unassigned=tuple(views[a.id] for a in report.articles if a.id not in assigned),
        problems=tuple((p.source, p.reason, p.skipped) for p in report.problems),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        disputed=sum(s.disputed for s in stories),
        no_outlet=sum(1 for v in views.values() if not v.has_outlet),
    )


LABEL_WORDS = 6  # a headline standing in for an outlet is cut to this many words
# a dateline opening the body ("LISBON, Sept 4 (Reuters) -"): not words a reader can recognise an article by
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .,'-]{1,40}(?:,[^\n]{0,30}?)?(?:\([^)\n]{1,30}\))?\s*[-\u2013\u2014:]+\s+"
)


def article_label(article: Article) -> str:
    """How a reader names an article: its outlet; where the input gives none, its headline,
    else its opening words; never the internal id or a date line."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    return short_text(article.headline or "") or short_text(opening_words(article.body)) or "untitled article"


def article_title(article: Article) -> str:
    """The hover text of a source label: the headline (or opening words) in full, then the date."""
    words = article.headline or opening_words(article.body, 30)
    return " \u00b7 ".join(part for part in (words, article.published) if part)


def opening_words(body: str, limit: int = LABEL_WORDS) -> str:
    first = DATELINE.sub("", body.split("\n", 1)[0] if body else "")
    words = first.split()
    return " ".join(words[:limit]) + ("\u2026" if len(words) > limit else "")


def short_text(text: str, limit: int = LABEL_WORDS) -> str:
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:limit]).rstrip(",;:") + "\u2026"


def _replace(view: ArticleView, **changes: object) -> ArticleView:
    return dataclasses.replace(view, **changes)  # type: ignore[arg-type]


def _neg_date(date: str | None) -> str:
    """Sort key putting the newest date first (dates are YYYY-MM-DD strings)."""
    if not date:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def claim_target(article_id: str, anchor: str, claim: Claim, body: str) -> tuple[str, int, int] | None:
    """The span id and the sentence range a claim links to, or None when it cannot be placed."""
    start, end = sentence_range(body, claim.text, claim.start, claim.end)
    if end <= start:
        return None
    return f"c-{anchor.removeprefix('art-')}-{start}-{end}", start, end


def sentence_range(body: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the claim's sentence stands in the body: found near ``start`` when possible,
    else the given offsets when they are valid, else (0, 0)."""
    valid = 0 <= start < end <= len(body)
    if sentence:
        hits = literal_matches(body, sentence)
        if hits:
            best = min(hits, key=lambda h: abs(h - start)) if valid else hits[0]
            return best, best + len(sentence)
    return (start, end) if valid else (0, 0)


def literal_matches(body: str, text: str) -> list[int]:
    """Where ``text`` stands in ``body``, left to right, not overlapping (as ``re.finditer`` of
    the escaped text finds it, without compiling a pattern per sentence on every page view)."""
    found, at = [], body.find(text)
    while at >= 0 and text:
        found.append(at)
        at = body.find(text, at + len(text))
    return found


def _article_spans(report: Report) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per article: (start, end, kind, id) of the spans the report links to or marks."""
    anchors = {a.id: f"art-{i}" for i, a in enumerate(report.articles, 1)}
    bodies = {a.id: a.body for a in report.articles}
    spans: dict[str, set[tuple[int, int, str, str]]] = defaultdict(set)
    for story in report.stories:
        for fact in story.facts:
            for claim in fact.claims:
                body = bodies.get(claim.article_id)
                if body is None:
                    continue
                target = claim_target(claim.article_id, anchors[claim.article_id], claim, body)
                if target is None:
                    continue
                span_id, start, end = target
                spans[claim.article_id].add((start, end, "claim", span_id))
                if 0 <= claim.start < claim.end <= len(body) and (claim.start, claim.end) != (start, end):
                    spans[claim.article_id].add((claim.start, claim.end, "value", ""))
        for quote in story.quotes:
            body = bodies.get(quote.article_id)
            if body is None:
                continue
            qstart, qend = _quote_range(body, quote.text, quote.start, quote.end)
            if qend > qstart:
                anchor = anchors[quote.article_id].removeprefix("art-")
                spans[quote.article_id].add((qstart, qend, "quote", f"q-{anchor}-{qstart}-{qend}"))
    for s in report.grouping.spin:
        body = bodies.get(s.article_id)
        if body is None or not s.flagged:
            continue
        for phrase in s.phrases:
            for found in literal_matches(body, phrase) if phrase else ():
                spans[s.article_id].add((found, found + len(phrase), "spin", ""))
    return {aid: sorted(v) for aid, v in spans.items()}


def _quote_range(body: str, text: str, start: int, end: int) -> tuple[int, int]:
    if 0 <= start < end <= len(body):
        return start, end
    found = body.find(text) if text else -1
    return (found, found + len(text)) if found >= 0 else (0, 0)


def segment_text(body: str, spans: Sequence[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut the body at every span boundary; each piece knows which spans cover it.

    Spans may overlap or nest; a sweep over the sorted boundaries keeps this linear
    in the number of boundaries times the (small) number of spans open at once.
    """
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(body)]
    if not spans:
        return [Segment(text=body)] if body else []
    cuts = sorted({0, len(body), *(s[0] for s in spans), *(s[1] for s in spans)})
    starts: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for s in spans:
        starts[s[0]].append(s)
    open_spans: list[tuple[int, int, str, str]] = []
    segments = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        open_spans = [s for s in open_spans if s[1] > left] + starts.get(left, [])
        kinds = tuple(sorted({s[2] for s in open_spans}))
        ids = tuple(s[3] for s in open_spans if s[3])
        anchors = tuple(s[3] for s in starts.get(left, []) if s[3])
        segments.append(Segment(text=body[left:right], kinds=kinds, spans=ids, anchors=anchors))
    return segments


def _value_key(claim: Claim) -> str:
    if claim.number is not None:
        return f"{claim.value.lower().strip()}"
    return re.sub(r"\W+", " ", claim.value.lower()).strip()


def _story_view(
    number: int,
    story: StoryReport,
    views: dict[str, ArticleView],
    mentions: dict[str, ArticleMentions],
) -> StoryView:
    anchor = f"story-{number}"
    articles = tuple(views[a] for a in story.article_ids if a in views)
    ordered = sorted(
        enumerate(story.facts), key=lambda p: (STATUS_ORDER.get(p[1].status, 3), -p[1].importance, p[0])
    )
    facts = []
    for i, (_, fact) in enumerate(ordered, 1):
        values = list(dict.fromkeys(_value_key(c) for c in fact.claims))
        claims = []
        for claim in fact.claims:
            view = views.get(claim.article_id)
            target = claim_target(claim.article_id, view.anchor, claim, view.article.body) if view else None
            claims.append(
                ClaimView(
                    claim=claim,
                    article=view,
                    target=target[0] if target else None,
                    colour=values.index(_value_key(claim)) % VALUE_COLOURS,
                )
            )
        facts.append(
            FactView(
                anchor=f"f-{number}-{i}",
                fact=fact,
                claims=tuple(claims),
                values=tuple(values),
                groups=value_groups(claims),
                witnesses=tuple(dict.fromkeys(views[x].label if x in views else x for x in fact.sources)),
                label=short_text(fact.subject, 6),
                reason=name_articles(fact.reason, articles),
            )
        )

    matrix_facts = tuple(facts[:MAX_MATRIX_FACTS])
    matrix = sources_matrix(story, articles, matrix_facts)

    dates = sorted(a.article.published for a in articles if a.article.published)
    return StoryView(
        anchor=anchor,
        number=number,
        story=story,
        title=story.title
        or (articles[0].article.headline if articles and articles[0].article.headline else "")
        or f"Story {number}",
        articles=articles,
        facts=tuple(facts),
        timeline=build_timeline_view(number, story.timeline, views),
        speakers=group_quotes(story, views),
        matrix_facts=matrix_facts,
        matrix=matrix,
        disputed=sum(1 for f in story.facts if f.status == "disputed"),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        outlets=tuple(dict.fromkeys(a.article.outlet for a in articles if a.article.outlet)),
        no_outlet=sum(1 for a in articles if not a.has_outlet),
        brief_sources=tuple(tuple(views[x] for x in b.article_ids if x in views) for b in story.brief),
        brief_texts=tuple(name_articles(b.text, articles) for b in story.brief),
        any_cites=any(a.cites for a in articles),
        any_copies=any(a.copy_of for a in articles),
        relative_times=()
        if dates
        else relative_points(number, [a.article for a in articles], mentions, views),
        by_source=by_source(articles, facts),
    )


def sources_matrix(
    story: StoryReport, articles: Sequence[ArticleView], matrix_facts: Sequence[FactView]
) -> tuple[MatrixRow, ...]:
    """One row per article, one cell per fact (its values there); rows grouped by source family:
    a wire story's rewrites side by side, largest family first."""
    matrix = []
    family_by_article = {a: f for f in story.families for a in f.article_ids}
    for view in articles:
        cells: list[tuple[str, int] | None] = []
        for fv in matrix_facts:
            mine = [c for c in fv.claims if c.claim.article_id == view.article.id]
            cells.append(
                (" / ".join(dict.fromkeys(c.claim.value for c in mine)), mine[0].colour) if mine else None
            )
        family = family_by_article.get(view.article.id)
        name = family.name if family is not None and len(family.article_ids) > 1 else ""
        matrix.append(MatrixRow(article=view, cells=tuple(cells), family=name))
    family_rank = {a: n for n, f in enumerate(story.families) for a in f.article_ids}
    matrix.sort(key=lambda row: family_rank.get(row.article.article.id, len(family_rank)))
    return tuple(matrix)


def by_source(articles: Sequence[ArticleView], facts: Sequence[FactView]) -> tuple[SourceView, ...]:
    """What each outlet said that no other outlet did (the "blindspot" idea, at the level of
    facts): a fact only its articles carry, or a value of a fact that only it gives.

    Sources are outlets as readers name them (two articles of one outlet are one source); a
    source that said nothing the others did not is listed with nothing under it.  A story of
    one source has no one to compare with, so no view."""
    label_of = {a.article.id: a.label for a in articles}
    sources: dict[str, list[ArticleView]] = defaultdict(list)
    for a in articles:
        sources[a.label].append(a)
    if len(sources) < 2:
        return ()
    found: dict[str, list[OnlyHere]] = defaultdict(list)
    for fv in facts:
        for group in fv.groups:
            givers = {label_of.get(c.claim.article_id) for c in group.claims} - {None}
            if len(givers) != 1:
                continue
            first = group.claims[0]
            others = tuple(g.value for g in fv.groups if g is not group)
            found[givers.pop() or ""].append(
                OnlyHere(
                    fact=fv,
                    value=group.value,
                    colour=group.colour,
                    target=first.target or (first.article.anchor if first.article else fv.anchor),
                    others=others,
                )
            )
    return tuple(
        SourceView(
            label=label,
            articles=tuple(members),
            # values others contest first, then facts only this source carries, most important first
            only_here=tuple(
                sorted(found.get(label, []), key=lambda o: (not o.others, -o.fact.fact.importance))
            ),
        )
        for label, members in sorted(sources.items(), key=lambda item: -len(found.get(item[0], [])))
    )


def name_articles(text: str, articles: Sequence[ArticleView]) -> str:
    """Text written by the comparison names articles by their ids ("16 (nb-14)"); a reader
    knows them by outlet or headline, so each id standing alone is replaced by its label."""
    ids = sorted(
        (a.article.id for a in articles if a.article.id and a.article.id in text), key=len, reverse=True
    )
    if not ids:
        return text
    label = {a.article.id: a.label for a in articles}
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(i) for i in ids) + r")(?![\w-])")
    return pattern.sub(lambda m: label[m.group(1)], text)


def value_groups(claims: Sequence[ClaimView]) -> tuple[ValueGroup, ...]:
    """Each distinct value once, with its claims; within a value, one entry per distinct sentence
    (wire copies repeat a sentence word for word), the most repeated first."""
    by_value: dict[str, list[ClaimView]] = {}
    for c in claims:
        by_value.setdefault(_value_key(c.claim), []).append(c)
    groups = []
    for members in by_value.values():
        by_text: dict[str, list[ClaimView]] = {}
        for c in members:
            by_text.setdefault(" ".join(c.claim.text.split()).lower(), []).append(c)
        sentences = sorted(by_text.values(), key=lambda cs: -len(cs))
        groups.append(
            ValueGroup(
                value=members[0].claim.value,
                colour=members[0].colour,
                claims=tuple(members),
                sentences=tuple(SentenceGroup(text=cs[0].claim.text, claims=tuple(cs)) for cs in sentences),
            )
        )
    return tuple(groups)


def relative_points(
    number: int,
    articles: Sequence[Article],
    mentions: dict[str, ArticleMentions],
    views: dict[str, ArticleView],
) -> tuple[RelativePoint, ...]:
    """The timeline of an undated story: weekdays and times of day as its articles give them."""
    return tuple(
        RelativePoint(
            anchor=f"rt-{number}-{i}", time=t, articles=tuple(views[a] for a in t.article_ids if a in views)
        )
        for i, t in enumerate(relative_timeline(articles, mentions), 1)
    )


def parse_date(text: str) -> dt.date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY; None for anything else."""
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except (ValueError, AttributeError):
            continue
    return None


RECENT_DAYS = 60  # a story's own days; older dates are background, drawn in a compressed band
TIMELINE_WIDTH, TIMELINE_PAD, LEVEL_STEP, MIN_POINT_GAP, TIMELINE_TOP = 800, 40, 16, 16, 14


def build_timeline_view(
    story_number: int, entries: Sequence[TimelineEntry], views: dict[str, ArticleView]
) -> Timeline:
    """Place each dated entry on a horizontal axis; points that would touch stack upwards,
    so every point stays clickable (:func:`axis_positions`, :func:`stack_levels`)."""
    xs, ticks, breaks = axis_positions([parse_date(e.date) for e in entries])
    level_of, levels = stack_levels(xs)
    axis = TIMELINE_TOP + LEVEL_STEP * max(levels - 1, 0) + 12
    points = []
    for i, (entry, x) in enumerate(zip(entries, xs, strict=True)):
        y = axis - 12 - LEVEL_STEP * level_of[i] if i in level_of else None
        points.append(
            TimelinePoint(
                anchor=f"tl-{story_number}-{i + 1}",
                entry=entry,
                articles=tuple(views[a] for a in entry.article_ids if a in views),
                x=x,
                y=y,
            )
        )
    return Timeline(
        points=tuple(points),
        width=TIMELINE_WIDTH,
        height=axis + 26,
        axis=axis,
        ticks=tuple(ticks),
        breaks=tuple(breaks),
    )


def axis_positions(
    dates: Sequence[dt.date | None],
) -> tuple[list[float | None], list[tuple[float, str]], list[float]]:
    """Each date's x on the axis (None when undated), the axis ticks and where the axis breaks.

    News timelines mix the story's own days with background ("opened in 1885"): on one
    linear axis the story's days would collapse into a single pixel.  So when dates reach
    back further than ``RECENT_DAYS`` before the latest, the axis breaks: the last
    ``RECENT_DAYS`` are drawn to scale on the right, older dates in date order in a band on
    the left.
    """
    width, pad = TIMELINE_WIDTH, TIMELINE_PAD
    known = sorted({d for d in dates if d})
    ticks: list[tuple[float, str]] = []
    breaks: list[float] = []
    xs: list[float | None] = [None] * len(dates)
    if not known:
        return xs, ticks, breaks
    lo, hi = known[0], known[-1]
    recent_lo = max(lo, hi - dt.timedelta(days=RECENT_DAYS))
    older = [d for d in known if d < recent_lo]
    if older:  # a band for the background, then a break, then the recent days to scale
        band = 0.22 * (width - 2 * pad)
        left = pad + band + 24
        breaks.append(pad + band + 12)
        rank = {d: i for i, d in enumerate(older)}
        for i, d in enumerate(dates):
            if d and d < recent_lo:
                xs[i] = pad + band * (rank[d] / (len(older) - 1) if len(older) > 1 else 0.5)
        ticks += (
            [(pad, str(lo.year)), (pad + band, str(older[-1].year))]
            if len(older) > 1
            else [(pad + band / 2, str(lo.year))]
        )
        recent = [d for d in known if d >= recent_lo]
        recent_lo = recent[0] if recent else hi
    else:
        left = pad
    span = (hi - recent_lo).days
    for i, d in enumerate(dates):
        if d and d >= recent_lo:
            xs[i] = left + (width - pad - left) * ((d - recent_lo).days / span if span else 0.5)
    ticks.append((left if span else (left + width - pad) / 2, recent_lo.isoformat()))
    if span >= 4:
        mid = recent_lo + dt.timedelta(days=span // 2)
        ticks.append((left + (width - pad - left) * ((mid - recent_lo).days / span), mid.isoformat()))
    if span:
        ticks.append((width - pad, hi.isoformat()))
    return xs, ticks, breaks


def stack_levels(xs: Sequence[float | None]) -> tuple[dict[int, int], int]:
    """The level of each placed point (0 on the axis, up one when it would touch a point
    already placed there), left to right, and how many levels there are."""
    levels: list[list[float]] = []  # the x of every point already placed, per level
    level_of: dict[int, int] = {}
    for i in sorted((i for i, x in enumerate(xs) if x is not None), key=lambda i: (xs[i], i)):
        x = xs[i]
        assert x is not None
        level = next(
            (n for n, row in enumerate(levels) if all(abs(x - px) >= MIN_POINT_GAP for px in row)),
            len(levels),
        )
        if level == len(levels):
            levels.append([])
        levels[level].append(x)
        level_of[i] = level
    return level_of, len(levels)


def when(entry: TimelineEntry) -> str:
    """The entry's date as precise as it is: "2025-11" for a month, "2025" for a year."""
    if entry.granularity == "month" and re.fullmatch(r"\d{4}-\d{2}(-01)?", entry.date):
        return entry.date[:7]
    if entry.granularity == "year" and re.fullmatch(r"\d{4}(-01-01)?", entry.date):
        return entry.date[:4]
    if entry.granularity == "week":
        return f"week of {entry.date}"
    return entry.date


def _words(text: str) -> list[str]:
    return text.split()


def _norm_words(text: str) -> list[str]:
    return [w for w in re.sub(r"[^\w\s]", " ", text.lower()).split() if w]


def group_quotes(story: StoryReport, views: dict[str, ArticleView]) -> tuple[SpeakerQuotes, ...]:
    """Quotes by speaker; near-identical quotes form one group with its wordings, word-diffed
    against the most common wording so a changed word stands out."""
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in story.quotes:
        by_speaker[quote.speaker or "Unattributed"].append(quote)
    result = []
    for speaker, quotes in by_speaker.items():
        groups: list[list[Quote]] = []
        for quote in quotes:
            words = _norm_words(quote.text)
            for group in groups:
                ratio = difflib.SequenceMatcher(
                    None, _norm_words(group[0].text), words, autojunk=False
                ).ratio()
                if ratio >= 0.6:
                    group.append(quote)
                    break
            else:
                groups.append([quote])
        result.append(SpeakerQuotes(speaker=speaker, groups=tuple(_quote_group(g, views) for g in groups)))
    result.sort(
        key=lambda s: (s.speaker == "Unattributed", -sum(len(g.wordings) for g in s.groups), s.speaker)
    )
    return tuple(result)


def _quote_group(quotes: list[Quote], views: dict[str, ArticleView]) -> QuoteGroup:
    wordings: dict[tuple[str, ...], list[Quote]] = defaultdict(list)
    for quote in quotes:
        wordings[tuple(_norm_words(quote.text))].append(quote)
    ordered = sorted(wordings.values(), key=lambda qs: -len(qs))
    reference = _norm_words(ordered[0][0].text)
    out = []
    for qs in ordered:
        shown = _words(qs[0].text)
        out.append(
            QuoteWording(
                words=tuple(word_diff(reference, shown)),
                articles=tuple(views[q.article_id] for q in qs if q.article_id in views),
                targets=tuple(_quote_target(q, views) for q in qs if q.article_id in views),
            )
        )
    return QuoteGroup(wordings=tuple(out))


def _quote_target(quote: Quote, views: dict[str, ArticleView]) -> str:
    view = views[quote.article_id]
    start, end = _quote_range(view.article.body, quote.text, quote.start, quote.end)
    return f"q-{view.anchor.removeprefix('art-')}-{start}-{end}" if end > start else view.anchor


def word_diff(reference: Sequence[str], shown: Sequence[str]) -> list[WordDiff]:
    """The shown words, each marked when it is not in the reference wording at that place."""
    normalised = [re.sub(r"[^\w]", "", w.lower()) for w in shown]
    matcher = difflib.SequenceMatcher(None, list(reference), normalised, autojunk=False)
    same: set[int] = set()
    for block in matcher.get_matching_blocks():
        same.update(range(block.b, block.b + block.size))
    return [WordDiff(text=w, changed=i not in same and bool(normalised[i])) for i, w in enumerate(shown)]


# --------------------------------------------------------------------------- rendering


@functools.lru_cache(maxsize=8)
def make_environment(*extra_dirs: str | os.PathLike[str]) -> Environment:
    """The Jinja2 environment: autoescape on for every template, the report's partials
    available to the web app (whose own template folders come first).  Cached: compiling
    the templates costs far more than rendering them."""
    loaders = [FileSystemLoader(str(d)) for d in extra_dirs] + [FileSystemLoader(str(TEMPLATES_DIR))]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda v: f"{100 * float(v):.0f}%"
    env.filters["num"] = lambda v: f"{float(v):.2f}"
    env.filters["when"] = when
    env.globals["spin_meaning"] = SPIN_MEANING
    env.globals["no_outlet_note"] = no_outlet_note
    return env


SPIN_MEANING = (
    "Spin score, 0 to 1: how much an article reads like a copy run through a synonym spinner "
    "(rare stand-ins for common words, tortured phrases); flagged from 0.5 with several such phrases."
)


def no_outlet_note(missing: int, total: int) -> str:
    """The one plain sentence saying the input names no outlet for some articles."""
    which = "any article" if missing == total else f"{missing} of {total} articles"
    return f"The input names no outlet for {which}; those are shown by headline (or their opening words)."


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    env = make_environment()
    return env.get_template("report.html").render(view=report_view(report), app=False)


def write_html(report: Report, path: str | os.PathLike[str]) -> Path:
    """Write the report atomically, like the JSON report."""
    return write_text_atomic(path, render_html(report))
