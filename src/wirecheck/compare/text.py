"""Small text helpers the compare stage shares: normalising, sentence spans, name folding."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

from wirecheck.model import Article, ArticleMentions

_QUOTE_MARKS = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_WORD = re.compile(r"[\w']+")
# a sentence ends at . ! ? (optionally followed by a closing quote) and then a space, or at a paragraph break
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n\s*\n")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "we",
        "our",
        "us",
        "they",
        "their",
        "he",
        "his",
        "she",
        "her",
        "i",
        "my",
        "you",
        "your",
        "not",
        "no",
        "now",
        "will",
        "would",
        "can",
        "could",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "so",
        "than",
        "then",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "also",
        "into",
        "over",
        "about",
    ]
)


def normalise(text: str) -> str:
    """NFKC, straight quotes and dashes, single spaces, lower case: for comparing wordings."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    return re.sub(r"\s+", " ", text).strip().lower()


def words(text: str) -> list[str]:
    """The words of ``text`` after :func:`normalise`, punctuation dropped."""
    return _WORD.findall(normalise(text))


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS and not w.isdigit()}


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The character span of the sentence around ``body[start:end]`` (regex boundaries, no parse)."""
    start = max(0, min(start, len(body)))
    end = max(start, min(end, len(body)))
    sentence_start = 0
    for match in _SENTENCE_END.finditer(body, 0, start):
        sentence_start = match.end()
    following = _SENTENCE_END.search(body, end)
    sentence_end = following.start() if following else len(body)
    return sentence_start, sentence_end


def mentions_with_bodies(
    articles: Sequence[Article], mentions: Sequence[ArticleMentions]
) -> Iterator[tuple[ArticleMentions, str]]:
    """Each article's mentions beside the body their offsets point into; mentions of an article
    that is not in ``articles`` are passed over."""
    bodies = {a.id: a.body for a in articles}
    for article_mentions in mentions:
        body = bodies.get(article_mentions.article_id)
        if body is not None:
            yield article_mentions, body


def locate_sentence(body: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where ``sentence`` (as an extractor gave it) stands in ``body`` around the span start..end.

    Falls back to regex sentence boundaries when the sentence text cannot be found verbatim.
    """
    if sentence:
        window_start = max(0, start - len(sentence))
        found = body.find(sentence, window_start, end + len(sentence))
        if found != -1 and found <= start and found + len(sentence) >= end:
            return within_paragraph(body, found, found + len(sentence), start, end)
    return sentence_span(body, start, end)


def within_paragraph(
    body: str, sentence_start: int, sentence_end: int, start: int, end: int
) -> tuple[int, int]:
    """Clip a sentence to the paragraph holding start..end: sentences never cross paragraphs,
    whatever a parser made of a quote that runs over a paragraph break."""
    paragraph_start = body.rfind("\n\n", sentence_start, start)
    if paragraph_start != -1:
        sentence_start = paragraph_start + 2
    paragraph_end = body.find("\n\n", end, sentence_end)
    if paragraph_end != -1:
        sentence_end = paragraph_end
    return sentence_start, sentence_end


# Common romanisation differences (Cyrillic, Arabic, ...): folded so that Zelensky / Zelenskyy /
# Zelenskiy, Dmitry / Dmitri, Tkachenko / Tkatchenko compare equal; accents are dropped too
# (Luís / Luis).  Applied in order.
_TRANSLITERATION_FOLDS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"iy\b", "y"),
        (r"yy\b", "y"),
        (r"ii\b", "y"),
        (r"i\b", "y"),
        (r"tch", "ch"),
        (r"tz", "ts"),
        (r"kh", "h"),
        (r"ph", "f"),
        (r"w", "v"),
        (r"ou", "u"),
        (r"j", "y"),
    )
)  # a doubled consonant is NOT folded: Milliband / Miliband is a misspelling, not a romanisation


@lru_cache(maxsize=65536)
def fold_transliteration(name: str) -> str:
    """A key under which spelling variants of one transliterated name coincide (cached: a story
    asks for the same few names thousands of times)."""
    key = unicodedata.normalize("NFKD", name.lower())
    key = "".join(c for c in key if c.isalnum() or c == " ")
    for pattern, replacement in _TRANSLITERATION_FOLDS:
        key = pattern.sub(replacement, key)
    return " ".join(key.split())


def quote_excerpt(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
