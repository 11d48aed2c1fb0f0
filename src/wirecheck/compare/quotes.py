"""One quote as several outlets give it: find the variants and say how their wordings differ.

Two quotes from different articles are one quote when the same person says them (a quote with no
speaker may join only when nearly all its words stand in the other) and their words line up:
most of the shorter quote's words appear, in order, in the longer one; or, with a fair share of
words lined up, the quotes mean the same (sentence embeddings) or the sentences around them
describe the same moment ("one of the longest and most massive" and "one of the Kyiv regime's most
sustained and massive attacks", both the governor's words about one attack).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from wirecheck.compare.merge import merge_best_pairs
from wirecheck.compare.text import STOPWORDS, content_words, fold_transliteration, sentence_span, words
from wirecheck.model import Article, Quote

MIN_WORDS = 4
ALIGNED_SHARE = 0.6  # share of the shorter quote's words that line up, in order, with the other
SAME_MEANING = 0.75  # cosine similarity of the two quotes
SAME_MOMENT = 0.6  # cosine similarity of the sentences around them...
SAME_MOMENT_ALIGNED = 0.4  # ...with at least this share of words lined up
UNNAMED_ALIGNED = 0.8


@dataclass(frozen=True)
class QuoteClaim:
    quote: Quote
    words: tuple[str, ...]
    sentence_start: int
    sentence_end: int
    sentence: str


def aligned_share(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter word list that lines up, in order, with the longer."""
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, list(a), list(b), autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / min(len(a), len(b))


def _same_speaker(a: Quote, b: Quote) -> bool | None:
    """True/False when both are named, None when one is unnamed."""
    if not a.speaker or not b.speaker:
        return None
    return fold_transliteration(a.speaker) == fold_transliteration(b.speaker)


def quote_claims(quotes: Sequence[Quote], articles: Mapping[str, Article]) -> list[QuoteClaim]:
    claims: list[QuoteClaim] = []
    for quote in quotes:
        quote_words = quoted_words(quote.text)
        article = articles.get(quote.article_id)
        if len(quote_words) < MIN_WORDS or article is None:
            continue
        start, end = sentence_span(article.body, quote.start, quote.end)
        claims.append(QuoteClaim(quote, quote_words, start, end, article.body[start:end]))
    return claims


EDITORIAL = re.compile(r"\[[^\]]*\]|\([^)]*\)")  # "[The police] have", "altered (its direction)"
LEADING_ATTRIBUTION = re.compile(
    r"^[^\"“”]{0,60}?\b(?:said|says|added|adds|told [\w ]{1,30}?|explained|continued)\s*[.,:]\s*(?:''|\"|“|‘)\s*",
    re.IGNORECASE,
)
# British and American spellings of one word are one wording: "colour" / "color", "organise" / "organize"
SPELLING_ENDINGS = (
    (re.compile(r"our(s?)$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})tre(s?)$"), r"ter\1"),
    (re.compile(r"(?<=[aeiou][lm])l(ed|ing|er|ers)$"), r"\1"),
    (re.compile(r"ence$"), "ense"),
    (re.compile(r"ogue$"), "og"),
    (re.compile(r"amme$"), "am"),
)


def fold_spelling(word: str) -> str:
    """One spelling for British and American variants (only words of six letters or more)."""
    if len(word) < 6:
        return word
    for pattern, replacement in SPELLING_ENDINGS:
        folded = pattern.sub(replacement, word)
        if folded != word:
            return folded
    return word


def quoted_words(text: str) -> tuple[str, ...]:
    """The speaker's words, compared across outlets: without an outlet's bracketed insertions or an
    attribution that slipped into the quote ("he said. ''You can't..."), without stray quote marks,
    and with British and American spellings folded, so that only real differences of wording remain."""
    text = LEADING_ATTRIBUTION.sub("", EDITORIAL.sub(" ", text))
    folded = (fold_spelling(w.strip("'‘’`")) for w in words(text))
    return tuple(w for w in folded if w)


def align_quotes(
    claims: Sequence[QuoteClaim], encode: Callable[[list[str]], np.ndarray]
) -> list[list[QuoteClaim]]:
    """Groups of two or more claims from different articles that are one quote."""
    pairs: list[tuple[float, int, int]] = []
    to_embed: list[tuple[int, int, float]] = []
    content = [content_words(c.quote.text) for c in claims]
    for i, j in _candidate_pairs(claims):
        a, b = claims[i], claims[j]
        shared = content[i] & content[j]
        if a.quote.article_id == b.quote.article_id or not shared:
            continue
        if _same_speaker(a.quote, b.quote) is None:  # one unnamed: nearly all words must line up
            if len(shared) >= MIN_WORDS and min(len(a.words), len(b.words)) >= 2 * MIN_WORDS:
                share = aligned_share(a.words, b.words)
                if share >= UNNAMED_ALIGNED:
                    pairs.append((share, i, j))
            continue
        share = aligned_share(a.words, b.words)
        if share >= ALIGNED_SHARE:
            pairs.append((share, i, j))
        elif share >= SAME_MOMENT_ALIGNED:
            to_embed.append((i, j, share))
    if to_embed:
        texts = sorted(
            {
                t
                for i, j, _ in to_embed
                for t in (claims[i].quote.text, claims[j].quote.text, claims[i].sentence, claims[j].sentence)
            }
        )
        vectors = encode(texts)
        row = {t: k for k, t in enumerate(texts)}

        def similarity(x: str, y: str) -> float:
            return float(vectors[row[x]] @ vectors[row[y]])

        for i, j, share in to_embed:
            a, b = claims[i], claims[j]
            meaning = similarity(a.quote.text, b.quote.text)
            moment = similarity(a.sentence, b.sentence)
            if meaning >= SAME_MEANING or moment >= SAME_MOMENT:
                pairs.append((max(meaning, share), i, j))
    return _group(claims, pairs)


def _candidate_pairs(claims: Sequence[QuoteClaim]) -> list[tuple[int, int]]:
    """Pairs worth comparing: the same named speaker, or one side unnamed (never two named speakers
    who differ), so the work grows with quotes per speaker, not with all quotes squared."""
    by_speaker: dict[str, list[int]] = {}
    unnamed: list[int] = []
    for index, claim in enumerate(claims):
        if claim.quote.speaker:
            by_speaker.setdefault(fold_transliteration(claim.quote.speaker), []).append(index)
        else:
            unnamed.append(index)
    pairs = [
        (i, j) for members in by_speaker.values() for k, i in enumerate(members) for j in members[k + 1 :]
    ]
    unnamed_set = set(unnamed)
    pairs += [
        (min(i, j), max(i, j))
        for i in unnamed
        for j in range(len(claims))
        if j != i and (j not in unnamed_set or j > i)
    ]
    return pairs


def _group(claims: Sequence[QuoteClaim], pairs: list[tuple[float, int, int]]) -> list[list[QuoteClaim]]:
    """Merge best pairs first; a group holds at most one quote per article."""

    def one_quote_per_article(group: list[int], other: list[int]) -> bool:
        articles = {claims[k].quote.article_id for k in group}
        return not any(claims[k].quote.article_id in articles for k in other)

    groups = merge_best_pairs(len(claims), pairs, one_quote_per_article)
    return [[claims[k] for k in group] for group in groups if len(group) > 1]


SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def shared_statements(ours: str, theirs: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of the sentences both quotes give (a sentence lines up when half its words do, in
    order): a quote that goes on with another statement of the speaker's is compared only on the
    statement both outlets quote."""
    a = [quoted_words(s) for s in SENTENCE_END.split(ours) if s.strip()]
    b = [quoted_words(s) for s in SENTENCE_END.split(theirs) if s.strip()]
    kept_a = [s for s in a if any(aligned_share(s, t) >= 0.5 for t in b)]
    kept_b = [t for t in b if any(aligned_share(s, t) >= 0.5 for s in a)]
    if not kept_a or not kept_b:
        return quoted_words(ours), quoted_words(theirs)
    return tuple(w for s in kept_a for w in s), tuple(w for t in kept_b for w in t)


def different_continuations(ours: Sequence[str], theirs: Sequence[str]) -> bool:
    """Where two quotes part at their start or end, at least four words each that share no content
    word are two different statements, not two wordings of one."""
    content = set(STOPWORDS)
    return min(len(ours), len(theirs)) >= 4 and not (
        {w for w in ours if w not in content} & {w for w in theirs if w not in content}
    )


@dataclass(frozen=True)
class WordingDifference:
    ours: str
    theirs: str


def wording_differences(a: Sequence[str], b: Sequence[str]) -> list[WordingDifference]:
    """Words one wording has where the other has different words, ignoring the ends a shorter
    excerpt leaves out and changes of small words only ("our further steps" / "further steps")."""
    matcher = SequenceMatcher(None, list(a), list(b), autojunk=False)
    opcodes = matcher.get_opcodes()
    differences: list[WordingDifference] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            continue
        at_edge = index == 0 or index == len(opcodes) - 1
        if tag in {"insert", "delete"} and at_edge:
            continue  # one outlet quotes a longer excerpt
        ours, theirs = list(a[i1:i2]), list(b[j1:j2])
        if at_edge and different_continuations(ours, theirs):
            continue  # each outlet goes on with another sentence of the speaker's: two statements
        if all(w in STOPWORDS for w in ours + theirs):
            continue
        if sorted(ours) == sorted(theirs):
            continue
        if tag == "replace" and i2 < len(a) and j2 < len(b) and a[i2] == b[j2]:
            ours, theirs = ours + [a[i2]], theirs + [b[j2]]  # "core terms" / "key terms" reads better
        differences.append(WordingDifference(" ".join(ours), " ".join(theirs)))
    return differences
