"""Does a cited article contain the claim of a brief sentence?

Public entries: ``claim_terms(sentence) -> ClaimTerms``, ``support(sentence, article_text) ->
Support``, ``cited_text(article) -> str``, ``without_notes(text) -> str``.

A brief sentence cites its own article and the articles that say the same thing.  "Says the
same thing" is judged by what a reader would check first, with no model: every figure of the
sentence is in the article (as digits or words: "seven" is 7), every proper name of the
sentence is in it, and most of the sentence's other content words are in it too.  A figure or
a name the article lacks is a claim it does not make; the content-word bar keeps an article
that shares the figures but tells of something else (the toll of another event) from being
cited.  The notes the brief adds ("outlets differ: ...") are the brief's words, not the
article's, and are left out of the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from wirecheck.extract.numbers import single_number
from wirecheck.model import Article

MIN_CONTENT_OVERLAP = 0.6  # share of the sentence's other content words the article must carry
NOTE = re.compile(
    r"\s*\((?:outlets differ|denied by|disputed by|not confirmed by)[^()]*(?:\([^()]*\)[^()]*)*\)"
)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:[.,]\d+)*|\d[\d,.]*\d|\d")
# Words that start with a capital for grammar, not because they name something.
NOT_NAMES = frozenset(
    {"mr", "mrs", "ms", "dr", "sir", "st", "a", "an", "the", "i"} | {w.lower() for w in STOP_WORDS}
)
ORDINALS = frozenset({"first", "second", "third", "last"})


@dataclass(frozen=True)
class ClaimTerms:
    """What a sentence claims, as a reader would check it against another text."""

    numbers: frozenset[float]
    names: frozenset[str]  # lower case
    content: frozenset[str]  # stemmed, lower case, names and numbers excluded


@dataclass(frozen=True)
class Support:
    """Whether an article contains a sentence's claim, and what it lacks when it does not."""

    supported: bool
    missing_numbers: tuple[float, ...] = ()
    missing_names: tuple[str, ...] = ()
    overlap: float = 1.0  # share of the sentence's other content words found in the article


def without_notes(text: str) -> str:
    """The sentence as its article gives it: the brief's own notes taken out."""
    return NOTE.sub("", text)


def cited_text(article: Article) -> str:
    """What a citation points at: the headline and the body."""
    return "\n".join(part for part in (article.headline, article.summary, article.body) if part)


def claim_terms(sentence: str) -> ClaimTerms:
    """The numbers, proper names and content words of a sentence."""
    numbers: set[float] = set()
    names: set[str] = set()
    content: set[str] = set()
    tokens = [m.group(0) for m in WORD.finditer(sentence.replace("’", "'"))]
    for position, token in enumerate(tokens):
        word = re.sub(r"'s$", "", token)
        lowered = word.lower()
        number = number_of(lowered)
        if number is not None:
            numbers.add(number)
        elif len(word) < 2:  # an initial ("U.S.", "John F. Kennedy") is written many ways
            continue
        elif lowered not in NOT_NAMES and (is_acronym(word) or (word[:1].isupper() and position > 0)):
            names.add(lowered)
        elif lowered not in STOP_WORDS and lowered not in ORDINALS and len(lowered) > 2:
            content.add(stem(lowered))
    return ClaimTerms(frozenset(numbers), frozenset(names), frozenset(content - {stem(n) for n in names}))


@dataclass(frozen=True)
class TextTerms:
    """Every number and every word (as written and stemmed) of a text, to look a claim up in."""

    numbers: frozenset[float]
    words: frozenset[str]


def text_terms(text: str) -> TextTerms:
    """The terms of a cited text, computed once per article."""
    numbers: set[float] = set()
    words: set[str] = set()
    for match in WORD.finditer(text.replace("’", "'")):
        lowered = re.sub(r"'s$", "", match.group(0)).lower()
        number = number_of(lowered)
        if number is not None:
            numbers.add(number)
        words.add(lowered)
        words.add(stem(lowered))
    return TextTerms(frozenset(numbers), frozenset(words))


def support(sentence: str, article_text: str | TextTerms) -> Support:
    """Whether ``article_text`` contains the claim of ``sentence`` (notes left out)."""
    terms = claim_terms(without_notes(sentence))
    found = text_terms(article_text) if isinstance(article_text, str) else article_text
    numbers, words = found.numbers, found.words
    missing_numbers = tuple(sorted(n for n in terms.numbers if n not in numbers))
    missing_names = tuple(sorted(n for n in terms.names if n not in words))
    overlap = len([w for w in terms.content if w in words]) / len(terms.content) if terms.content else 1.0
    return Support(
        supported=not missing_numbers and not missing_names and overlap >= MIN_CONTENT_OVERLAP,
        missing_numbers=missing_numbers,
        missing_names=missing_names,
        overlap=overlap,
    )


def is_acronym(word: str) -> bool:
    """ "UN", "USGS": a name wherever it stands in the sentence."""
    return len(word) > 1 and word.isupper()


def number_of(word: str) -> float | None:
    """A number written in digits ("1,200", "3.5") or as one word ("seven", "dozen")."""
    if word[:1].isdigit():
        try:
            return float(word.replace(",", "").rstrip("."))
        except ValueError:
            return None
    if "-" in word:
        return None
    value = single_number(word)
    return float(value) if value is not None else None


def stem(word: str) -> str:
    """Crude suffix stripping ("crashes", "crashed" -> "crash"), as the brief's title uses."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
