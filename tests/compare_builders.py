"""Build compare-stage inputs by hand from our own short texts (no extractor involved).

Spans are found in the body by searching the phrase, so a test reads like the article it models.
"""

from __future__ import annotations

from wirecheck.compare.text import sentence_span
from wirecheck.model import Article, ArticleMentions, Citation, EntityMention, Quantity, Quote, TimeRef


def article(
    article_id: str,
    body: str,
    *,
    published: str | None = "2031-03-04",
    outlet: str | None = None,
    meta: dict[str, str] | None = None,
) -> Article:
    paragraphs = tuple(p for p in body.split("\n\n") if p.strip())
    return Article(
        id=article_id,
        source=article_id + ".txt",
        format="text",
        body=body,
        paragraphs=paragraphs,
        published=published,
        outlet=outlet,
        meta=meta or {},
    )


def span_of(body: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(phrase, start + 1)
    return start, start + len(phrase)


def sentence_of(body: str, start: int, end: int) -> str:
    s, e = sentence_span(body, start, end)
    return body[s:e]


def quantity(
    body: str,
    phrase: str,
    *,
    value: str,
    number: float,
    qualifier: str | None = None,
    counted: str | None = None,
    event: str | None = None,
    place: str | None = None,
    time: str | None = None,
    counted_class: str | None = None,
) -> Quantity:
    start, end = span_of(body, phrase)
    return Quantity(
        text=phrase,
        value=value,
        number=number,
        qualifier=qualifier,
        counted=counted,
        event=event,
        place=place,
        time=time,
        sentence=sentence_of(body, start, end),
        start=start,
        end=end,
        counted_class=counted_class,
    )


def tally(body: str, phrase: str, number: float, *, counted: str = "people", **about: str) -> Quantity:
    """A count of what ``phrase`` ends with ("at least nine people" killed): the value as written
    is the phrase without that last word; ``about``: its event, place and qualifier."""
    return quantity(body, phrase, value=phrase.rsplit(" ", 1)[0], number=number, counted=counted, **about)


def duration(body: str, phrase: str, *, years: float, qualifier: str | None = None) -> TimeRef:
    start, end = span_of(body, phrase)
    return TimeRef(
        text=phrase,
        kind="duration",
        date=None,
        granularity="duration",
        years=years,
        qualifier=qualifier,
        sentence=sentence_of(body, start, end),
        start=start,
        end=end,
    )


def entity(body: str, phrase: str, label: str, occurrence: int = 0) -> EntityMention:
    start, end = span_of(body, phrase, occurrence)
    return EntityMention(text=phrase, label=label, start=start, end=end)  # type: ignore[arg-type]


def quote(article_id: str, body: str, words: str, speaker: str | None) -> Quote:
    start, end = span_of(body, words)
    return Quote(article_id=article_id, text=words, speaker=speaker, start=start, end=end)


def citation(body: str, phrase: str, source: str) -> Citation:
    start, end = span_of(body, phrase)
    return Citation(source=source, text=phrase, start=start, end=end)


def mentions(article_id: str, **fields: tuple) -> ArticleMentions:
    return ArticleMentions(article_id=article_id, **fields)
