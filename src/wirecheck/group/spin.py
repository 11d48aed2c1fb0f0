"""Spun rewrites: wire copy run through a synonym spinner, found without the original.

A spinner swaps words for dictionary synonyms with no regard to context: "troops"
becomes "colors", "missiles" "dumdums", "on condition of anonymity to discuss sensitive
matters" "on condition of obscurity to bandy delicate accommodations".  The evidence,
each piece weighted and counted per thousand words:

1. *Broken collocations*: known spinner substitutions and "tortured phrases" listed in
   ``data/spinner_substitutions.tsv`` (documented; one signal, not the detector).
2. *Rare stand-ins*: a lowercase word that is uncommon (wordfreq Zipf below
   ``STAND_IN_MAX_ZIPF``) while WordNet 3.0 gives it a synonym at least ten times more
   common ("averred" for "say", "feting" for "celebrate"): a spinner's choice, where news
   prose uses the common word.  ``data/wordnet_common_synonyms.tsv`` is built by
   bench/build_spin_synonyms.py; the weight grows with the frequency gap.
3. *Very rare words* with no common synonym (Zipf below ``RARE_ZIPF``) count a little:
   they may be jargon.  Capitalised words and extracted entities never count.

``score = 1 - exp(-rate / RATE_SCALE)``; flagged at ``score >= 0.5`` with at least
``MIN_DISTINCT_PHRASES`` different phrases.  Thresholds were tuned so that elevated but
genuine vocabulary (machine-written news uses "juncture", "hindered", "endorsing") stays
below the flag: precision first.  Known weakness: spinners that output only common words
("individuals" for "people") leave collocation breaks that a unigram model cannot see.

``link_spun`` then looks for the original of a flagged article: it undoes the listed
substitutions, then aligns word sequences (difflib) with the articles that share most
of its vocabulary; a large aligned share makes a "spun" :class:`CopyLink`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

from wordfreq import zipf_frequency

from wirecheck.group.text import Token, excerpt, tokenize
from wirecheck.model import Article, ArticleMentions, CopyLink, SpinScore

RARE_ZIPF = 2.0
MIN_WORD_LENGTH = 4
RARE_WEIGHT = 0.5
STAND_IN_MAX_ZIPF = (
    2.6  # commoner words are ordinary (if elevated) vocabulary: machine-written prose is full of them
)
MIN_ZIPF_GAP = 1.0  # a synonym this much more common (x10 in frequency) starts to count
FULL_WEIGHT_ZIPF_GAP = 2.0  # ... and counts fully 2 Zipf units beyond that
LEXICON_WEIGHT = 1.5
ARTICLE_MISMATCH_WEIGHT = 1.0
RATE_SCALE = 6.0  # evidence per 1000 words: score 0.5 at about 4 per 1000
MIN_WORDS_FOR_RATE = 250  # short texts are judged as if they had this many words
FLAG_SCORE = 0.5
MIN_DISTINCT_PHRASES = 2
MAX_PHRASES = 12

LINK_VOCABULARY_SHARE = 0.5  # candidate originals share half the spun text's vocabulary
LINK_ALIGNED_SHARE = 0.5  # and half of its words align in order after normalisation
LINK_CANDIDATES = 3
MIN_PASSAGE_WORDS = 8


@dataclass(frozen=True)
class SpinnerSubstitution:
    spun: tuple[str, ...]
    original: tuple[str, ...]


@dataclass(frozen=True)
class SpinnerLexicon:
    """Known substitutions, indexed by their first spun word."""

    by_first_word: Mapping[str, tuple[SpinnerSubstitution, ...]]

    def matches(
        self, tokens: Sequence[Token], *, overlapping: bool = False
    ) -> Iterable[tuple[int, int, SpinnerSubstitution]]:
        """(first index, end index, substitution) for each listed phrase in ``tokens``, longest
        first at each position; ``overlapping`` also reports phrases that share words."""
        norms = [t.norm for t in tokens]
        index = 0
        while index < len(norms):
            for substitution in self.by_first_word.get(norms[index], ()):
                end = index + len(substitution.spun)
                if tuple(norms[index:end]) == substitution.spun:
                    yield index, end, substitution
                    if not overlapping:
                        index = end - 1
                    break
            index += 1


def parse_lexicon(text: str) -> SpinnerLexicon:
    """Read the TSV (spun, original, where seen); '#' lines are comments."""
    table: dict[str, list[SpinnerSubstitution]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spun, original, *_ = line.split("\t")
        entry = SpinnerSubstitution(
            tuple(t.norm for t in tokenize(spun)), tuple(t.norm for t in tokenize(original))
        )
        table.setdefault(entry.spun[0], []).append(entry)
    return SpinnerLexicon(
        {word: tuple(sorted(entries, key=lambda e: -len(e.spun))) for word, entries in table.items()}
    )


@cache
def load_lexicon() -> SpinnerLexicon:
    """The shipped substitution list (read once; the result is immutable)."""
    data = resources.files("wirecheck").joinpath("data/spinner_substitutions.tsv")
    return parse_lexicon(data.read_text(encoding="utf-8"))


@cache
def load_common_synonyms() -> Mapping[str, tuple[str, float]]:
    """form -> (its most common WordNet synonym, that synonym's Zipf frequency)."""
    data = resources.files("wirecheck").joinpath("data/wordnet_common_synonyms.tsv")
    table = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        form, synonym, _, synonym_zipf = line.split("\t")
        table[form] = (synonym, float(synonym_zipf))
    return table


def word_oddity(written: str, synonyms: Mapping[str, tuple[str, float]]) -> float:
    """Evidence (0..1) that a word was put in by a spinner.

    A lowercase word with a much more common synonym ("averred" for "say") weighs by the
    frequency gap; a very rare dictionary word without one weighs ``RARE_WEIGHT`` (it may be
    jargon); words English does not know at all (names, typos, code) weigh nothing."""
    if len(written) < MIN_WORD_LENGTH or not written.isalpha() or not written.islower():
        return 0.0
    zipf = zipf_frequency(written, "en")
    if zipf <= 0.0:
        return 0.0
    if written in synonyms and zipf < STAND_IN_MAX_ZIPF:
        _, synonym_zipf = synonyms[written]
        return min(1.0, max(0.0, (synonym_zipf - zipf - MIN_ZIPF_GAP) / FULL_WEIGHT_ZIPF_GAP))
    return RARE_WEIGHT if zipf < RARE_ZIPF and written not in synonyms else 0.0


def entity_spans(mentions: ArticleMentions | None) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in mentions.entities] if mentions else []


def score_spin(
    article: Article, mentions: ArticleMentions | None = None, lexicon: SpinnerLexicon | None = None
) -> SpinScore:
    """How much ``article`` reads like spinner output, with the phrases that say so."""
    lexicon = lexicon or load_lexicon()
    synonyms = load_common_synonyms()
    body = article.body
    tokens = tokenize(body)
    names = entity_spans(mentions)
    evidence: list[tuple[int, int, float]] = []  # (first token, end token, weight)
    in_lexicon_phrase: set[int] = set()
    for first, end, _ in lexicon.matches(tokens, overlapping=True):
        evidence.append((first, end, LEXICON_WEIGHT))
        in_lexicon_phrase.update(range(first, end))
    for index in article_mismatches(body, tokens):
        evidence.append((index, index + 2, ARTICLE_MISMATCH_WEIGHT))
    for index, token in enumerate(tokens):
        if index in in_lexicon_phrase or any(s <= token.start < e for s, e in names):
            continue
        weight = word_oddity(body[token.start : token.end], synonyms)
        if weight > 0:
            evidence.append((index, index + 1, weight))
    total = sum(weight for _, _, weight in evidence)
    rate = 1000.0 * total / max(len(tokens), MIN_WORDS_FOR_RATE)
    score = 1.0 - math.exp(-rate / RATE_SCALE)
    phrases = tell_tale_phrases(body, tokens, evidence)
    flagged = score >= FLAG_SCORE and len(phrases) >= MIN_DISTINCT_PHRASES
    return SpinScore(
        article_id=article.id, score=round(score, 3), flagged=flagged, phrases=phrases[:MAX_PHRASES]
    )


def article_mismatches(body: str, tokens: Sequence[Token]) -> list[int]:
    """Indexes of "a"/"an" that disagree with the next word ("a onslaught", "an bureau"):
    a spinner swaps the noun and leaves the article.  Silent h and you-sounding u/eu/one
    words are allowed either way."""
    found = []
    for index in range(len(tokens) - 1):
        article, following = tokens[index].norm, body[tokens[index + 1].start : tokens[index + 1].end]
        if article not in ("a", "an") or not following.isalpha() or not following.islower():
            continue
        vowel = following[0] in "aeiou"
        ambiguous = following.startswith(("u", "eu", "one", "once", "h"))
        if not ambiguous and vowel == (article == "a"):
            found.append(index)
    return found


def tell_tale_phrases(
    body: str, tokens: Sequence[Token], evidence: Sequence[tuple[int, int, float]]
) -> tuple[str, ...]:
    """Evidence as readable phrases: touching pieces merge ("proscribing" + "deployment of
    colors"), strongest first."""
    merged: list[tuple[int, int, float]] = []
    for first, end, weight in sorted(evidence):
        if merged and first <= merged[-1][1]:
            last_first, last_end, last_weight = merged[-1]
            merged[-1] = (last_first, max(last_end, end), last_weight + weight)
        else:
            merged.append((first, end, weight))
    phrases: dict[str, None] = {}
    for first, end, _ in sorted(merged, key=lambda m: (-m[2], m[0])):
        phrases[body[tokens[first].start : tokens[end - 1].end]] = None
    return tuple(phrases)


def unspun_tokens(tokens: Sequence[Token], lexicon: SpinnerLexicon) -> list[tuple[str, int]]:
    """Words with each listed spun phrase put back to its original wording; each word keeps
    the index of the token it came from, so aligned runs map back to the spun text."""
    out: list[tuple[str, int]] = []
    position = 0
    for first, end, substitution in lexicon.matches(tokens):
        out.extend((tokens[i].norm, i) for i in range(position, first))
        out.extend((word, first) for word in substitution.original)
        position = end
    out.extend((tokens[i].norm, i) for i in range(position, len(tokens)))
    return out


def link_spun(
    articles: Sequence[Article], spun_ids: Iterable[str], lexicon: SpinnerLexicon | None = None
) -> list[CopyLink]:
    """Link each flagged article to the article it was most likely spun from, if present."""
    lexicon = lexicon or load_lexicon()
    spun = set(spun_ids)
    tokens = {a.id: tokenize(a.body) for a in articles}
    unspun = {a.id: unspun_tokens(tokens[a.id], lexicon) for a in articles}
    sequences = {key: [word for word, _ in value] for key, value in unspun.items()}
    vocabularies = {a.id: frozenset(sequences[a.id]) for a in articles}
    links = []
    for article in articles:
        if article.id not in spun or not sequences[article.id]:
            continue
        own = vocabularies[article.id]
        shares = sorted(
            (
                (len(own & vocabularies[other.id]) / len(own), other.id)
                for other in articles
                if other.id not in spun and vocabularies[other.id]
            ),
            reverse=True,
        )
        best: tuple[float, str, SequenceMatcher[str]] | None = None
        for vocabulary_share, other_id in shares[:LINK_CANDIDATES]:
            if vocabulary_share < LINK_VOCABULARY_SHARE:
                break
            matcher = SequenceMatcher(None, sequences[article.id], sequences[other_id], autojunk=False)
            aligned = sum(block.size for block in matcher.get_matching_blocks())
            share = aligned / len(sequences[article.id])
            if share >= LINK_ALIGNED_SHARE and (best is None or share > best[0]):
                best = (share, other_id, matcher)
        if best is None:
            continue
        share, original_id, matcher = best
        links.append(
            CopyLink(
                article_id=article.id,
                copy_of=original_id,
                kind="spun",
                containment=round(share, 3),
                shared_passages=aligned_passages(article, tokens[article.id], unspun[article.id], matcher),
            )
        )
    return links


def aligned_passages(
    article: Article,
    tokens: Sequence[Token],
    unspun: Sequence[tuple[str, int]],
    matcher: SequenceMatcher[str],
) -> tuple[str, ...]:
    """The longest aligned runs, as written in the spun article."""
    blocks = sorted(
        (b for b in matcher.get_matching_blocks() if b.size >= MIN_PASSAGE_WORDS), key=lambda b: -b.size
    )[:3]
    passages = []
    for block in sorted(blocks, key=lambda b: b.a):
        first, last = tokens[unspun[block.a][1]], tokens[unspun[block.a + block.size - 1][1]]
        passages.append(excerpt(article.body, first.start, last.end))
    return tuple(passages)
