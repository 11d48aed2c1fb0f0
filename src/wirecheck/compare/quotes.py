"""One quote as several outlets give it: find the variants and say how their wordings differ.

Two quotes from different articles are one quote when the same person says them (a quote with no
speaker may join only when nearly all its words stand in the other) and their words line up:
most of the shorter quote's words appear, in order, in the longer one; or, with a fair share of
words lined up, the quotes mean the same (sentence embeddings) or the sentences around them
describe the same moment ("one of the longest and most massive" and "one of the Kyiv regime's most
sustained and massive attacks", both the governor's words about one attack).

Wordings are compared word by word after what an outlet's house style changes without changing the
speaker's words: case, punctuation and quote marks (a nested 'I think' or a stray '' swept in
with the attribution), British and American spelling (neighbourhood / neighborhood, organise /
organize, centre / center, travelled / traveled).  Words an editor puts in brackets ("[the police]
have", "altered (its direction) towards") are marked so that a difference made only of them is no
difference: they are the outlet's words, not the speaker's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from wirecheck.compare.merge import merge_best_pairs
from wirecheck.compare.text import STOPWORDS, content_words, fold_transliteration, sentence_span
from wirecheck.model import Article, Quote
from wirecheck.settings import DEFAULT_SETTINGS, Settings

MIN_WORDS = 4
ALIGNED_SHARE = 0.6  # share of the shorter quote's words that line up, in order, with the other
SAME_MOMENT_ALIGNED = 0.4  # ...with at least this share of words lined up
UNNAMED_ALIGNED = 0.8


EDITORIAL = "["  # prefix of a word the editor put in brackets: never a word of the speaker's
_BRACKETED = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
SENTENCE_END = "."  # a sentence ends inside the quote: the words after it are another sentence
_MARKS = "\"'\u201c\u201d\u2018\u2019"
# a word (apostrophes inside it only: 'I think' -> i, think), or a stop before the next sentence's capital
_QUOTE_TOKEN = re.compile(rf"\w+(?:['\u2019]\w+)*|[.!?](?=[{_MARKS})\]]*\s+[{_MARKS}(\[]*[A-Z])")
# British spellings folded to American ones; each needs a few letters before it, so that short
# words (our, hour, tour, rise, metre's "met") are left alone
_BRITISH = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=\w{2})our(?=s?$|ed$|ing$|ite|ites|hood|hoods|able|er|ers$)", "or"),  # colour, neighbourhood
        (r"(?<=\w{3})is(?=e$|es$|ed$|ing$|ation$|ations$)", "iz"),  # organise, realised, organisation
        (r"(?<=\w{2})ys(?=e$|es$|ed$|ing$)", "yz"),  # analyse, paralysed
        (r"(?<=\w{3})tre(?=s?$)", "ter"),  # centre, theatre
        (r"(?<=\w{3}[aeiou])ll(?=ed$|ing$|er$|ers$)", "l"),  # travelled, cancelling, modeller
        (r"(?<=\w{2})ence$", "ense"),  # defence, offence
    )
)


def american(word: str) -> str:
    """A word in American spelling, where British spelling differs by a regular pattern."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


def _tokens(text: str, editorial: bool = False) -> list[str]:
    mark = EDITORIAL if editorial else ""
    found = [
        t if t in ".!?" else mark + american(t.lower().replace("\u2019", "'"))
        for t in _QUOTE_TOKEN.findall(text)
    ]
    return [SENTENCE_END if t in ".!?" else t for t in found if t.strip("_" + EDITORIAL)]


def quote_words(text: str) -> tuple[str, ...]:
    """The speaker's words of a quote as compared across outlets: lower case, no punctuation or quote
    marks, American spelling; words in brackets are marked with EDITORIAL, and a sentence ending
    inside the quote with SENTENCE_END."""
    found: list[str] = []
    position = 0
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    for match in _BRACKETED.finditer(text):
        found += _tokens(text[position : match.start()])
        found += _tokens(match.group(0), editorial=True)
        position = match.end()
    return tuple(found + _tokens(text[position:]))


def _spoken(side: Sequence[str]) -> list[str]:
    return [w for w in side if w != SENTENCE_END]


def _editorial(side: Sequence[str]) -> bool:
    return bool(side) and all(w.startswith(EDITORIAL) for w in side)


@dataclass(frozen=True)
class QuoteClaim:
    quote: Quote
    words: tuple[str, ...]
    sentence_start: int
    sentence_end: int
    sentence: str


def aligned_share(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter word list that lines up, in order, with the longer."""
    a, b = _spoken(a), _spoken(b)
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
        spoken = quote_words(quote.text)
        article = articles.get(quote.article_id)
        if len(spoken) < MIN_WORDS or article is None:
            continue
        start, end = sentence_span(article.body, quote.start, quote.end)
        claims.append(QuoteClaim(quote, spoken, start, end, article.body[start:end]))
    return claims


def align_quotes(
    claims: Sequence[QuoteClaim],
    encode: Callable[[list[str]], np.ndarray],
    settings: Settings = DEFAULT_SETTINGS,
) -> list[list[QuoteClaim]]:
    """Groups of two or more claims from different articles that are one quote: words lined up,
    or (partly lined up) quotes of ``quote_same_meaning`` cosine or sentences around them of
    ``quote_same_moment``."""
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
            if meaning >= settings.quote_same_meaning or moment >= settings.quote_same_moment:
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


def sentences(quote: Sequence[str]) -> list[list[str]]:
    """A quote's words cut at its inner sentence ends."""
    cut: list[list[str]] = [[]]
    for word in quote:
        if word == SENTENCE_END:
            cut.append([])
        else:
            cut[-1].append(word)
    return [s for s in cut if s]


@dataclass(frozen=True)
class WordingDifference:
    ours: str
    theirs: str


def wording_differences(a: Sequence[str], b: Sequence[str]) -> list[WordingDifference]:
    """Words one wording has where the other has different words, ignoring the ends a shorter
    excerpt leaves out, changes of small words only ("our further steps" / "further steps") and
    an editor's bracketed words set against the speaker's ("[the police]" / "they").

    Quotes of several sentences are compared sentence by sentence, each with the other's sentence
    that lines up best: a sentence one outlet quotes and the other does not (it goes on quoting
    another sentence) is a longer or another excerpt, not another wording."""
    ours, theirs = sentences(a), sentences(b)
    if len(ours) <= 1 and len(theirs) <= 1:
        return _sentence_differences(_spoken(a), _spoken(b))
    differences: list[WordingDifference] = []
    for sentence in ours:
        share, best = max((aligned_share(sentence, other), other) for other in theirs)
        if share >= ALIGNED_SHARE:
            differences += [d for d in _sentence_differences(sentence, best) if d not in differences]
    return differences


def _sentence_differences(a: Sequence[str], b: Sequence[str]) -> list[WordingDifference]:
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
        if _editorial(ours) or _editorial(theirs):
            continue
        if all(w in STOPWORDS for w in ours + theirs):
            continue
        if sorted(ours) == sorted(theirs):
            continue
        if tag == "replace" and i2 < len(a) and j2 < len(b) and a[i2] == b[j2]:
            ours, theirs = ours + [a[i2]], theirs + [b[j2]]  # "core terms" / "key terms" reads better
        differences.append(WordingDifference(" ".join(ours), " ".join(theirs)))
    return differences
