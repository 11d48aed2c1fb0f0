"""Spun rewrites: wire copy run through a synonym spinner, found without the original.

A spinner swaps words for thesaurus synonyms with no regard to context: "troops" becomes
"colors", "missiles" "dumdums", "on condition of anonymity to discuss sensitive matters"
"on condition of obscurity to bandy delicate accommodations".  Each piece of evidence is
weighted, and the sum is counted per content word (lowercase non-stop-words):

1. *Known substitutions*: spinner outputs and "tortured phrases" listed in
   ``data/spinner_substitutions.tsv`` (documented; one signal, not the detector).
2. *Stand-ins*: a lowercase word that WordNet 3.0 lists as a synonym of another word
   (``group/data/wordnet_forms.tsv``, built by bench/build_spin_synonyms.py) and that
   is uncommon (wordfreq Zipf below ``STAND_IN_MAX_ZIPF``): a spinner can only write
   words some thesaurus offers as a synonym, and it picks rare ones as often as common
   ones, where news prose uses the common word.  The weight grows as the word gets rarer,
   and with the frequency gap to its commonest synonym ("averred" for "said").  Each
   distinct word counts once: a rare word a text repeats is its subject ("knead" in a
   recipe), not a spinner's pick.  A rare dictionary word without a synonym ("dumdums")
   counts a little; words WordNet does not know at all are jargon or names.
3. *Part-of-speech clashes*: a verb-only word after a determiner ("the habituate") or a
   word that cannot be a verb after a modal ("will bailiwick"): the spinner took a
   synonym from another sense of the word it replaced.
4. *Article mismatches*: "a onslaught", "an bureau": the spinner swapped the noun and
   left the article.

Capitalised words and extracted entities never count.  ``score = 1 - exp(-rate /
RATE_SCALE)``; flagged at ``score >= 0.5`` with at least ``MIN_DISTINCT_PHRASES``
different phrases when two known substitutions are among the evidence; rare words alone
(as in an opinion column or a reader's letter) flag only with substitutions against an
aligned article of the batch (:func:`is_flagged`, :func:`confirm_by_alignment`).  The constants were set on the tuning half of the labelled set of
bench/group_spin_bench.py (our own spinning of clean pages at 20-50 % of content words)
so that no clean text of that half is flagged: precision first.  Known weakness: a
spinner that outputs only common words ("individuals" for "people") leaves collocation
breaks that these word-level signals cannot see.

``link_spun`` then looks for the original of a flagged article: it undoes the listed
substitutions, then aligns word sequences (difflib) with the articles that share most
of its vocabulary; a large aligned share makes a "spun" :class:`CopyLink`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from wirecheck.group.text import Token, excerpt, tokenize
from wirecheck.lexicons.english import DETERMINERS, MODALS, PARTICIPLE_ENDINGS
from wirecheck.model import Article, ArticleMentions, CopyLink, SpinScore
from wirecheck.settings import DEFAULT_SETTINGS, Settings

MIN_WORD_LENGTH = 3
STAND_IN_MAX_ZIPF = 3.5  # commoner words are ordinary vocabulary, whatever their synonyms
STAND_IN_FULL_ZIPF = 2.0  # ... and a word this rare counts fully
STAND_IN_REPEATS_COUNTED = 1  # a rare word a text repeats is its subject, not a spinner's pick
LONE_WORD_WEIGHT = 0.5  # a rare dictionary word WordNet gives no synonym (listed below Zipf 2)
MIN_ZIPF_GAP = 1.0  # a synonym this much more common (x10 in frequency) starts to count
FULL_WEIGHT_ZIPF_GAP = 2.0  # ... and counts fully 2 Zipf units beyond that
LEXICON_WEIGHT = 1.5
ARTICLE_MISMATCH_WEIGHT = 1.0
POS_CLASH_WEIGHT = 1.0
# evidence per content word: score 0.5 at 3.0 per 100 content words (tuning clean max + 15 %)
RATE_SCALE = 0.043
MIN_CONTENT_WORDS = 120  # short texts are judged as if they had this many content words
MIN_DISTINCT_PHRASES = 2
MAX_PHRASES = 12


LINK_VOCABULARY_SHARE = 0.5  # candidate originals share half the spun text's vocabulary
LINK_ALIGNED_SHARE = 0.5  # and half of its words align in order after normalisation
LINK_CANDIDATES = 3
MIN_PASSAGE_WORDS = 8
MAX_SWAP_RUN = 3  # neighbouring words swapped together, read one for one


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


@dataclass(frozen=True)
class WordForm:
    """What WordNet says of one written form: its parts of speech (letters of "nvar") and
    its most common synonym, with both Zipf frequencies."""

    parts: str
    synonym: str
    zipf: float
    synonym_zipf: float


class WordForms(Mapping[str, WordForm]):
    """The WordNet table, 65,000 rows kept as the lines they were read from and made into a
    :class:`WordForm` when looked up: building every row up front took 0.4 s in a process
    that holds the models (0.17 s in a bare one), reading the lines 0.05 s; an article looks up
    a few hundred words."""

    def __init__(self, text: str) -> None:
        self._rows: dict[str, str] = {}
        for line in text.splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            form, _, row = line.partition("\t")
            self._rows[form] = row

    def __getitem__(self, form: str) -> WordForm:
        parts, synonym, zipf, synonym_zipf = self._rows[form].split("\t")
        return WordForm(parts, synonym, float(zipf), float(synonym_zipf))

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, form: object) -> bool:
        return form in self._rows


@cache
def load_wordnet_forms() -> WordForms:
    """form -> :class:`WordForm` for every form WordNet gives a synonym, and rare ones it
    gives none (``synonym`` empty); read once."""
    data = resources.files("wirecheck.group").joinpath("data/wordnet_forms.tsv")
    return WordForms(data.read_text(encoding="utf-8"))


def stand_in_weight(form: WordForm | None) -> float:
    """Evidence (0..1) that a word with this WordNet entry was put in by a spinner.

    Rarer counts more; so does a much more common synonym ("averred" for "say").  A rare
    dictionary word without a synonym ("dumdums") counts a little; words WordNet does not
    know (jargon, names, typos) and words English does not know weigh nothing."""
    if form is None or form.zipf <= 0.0 or form.zipf >= STAND_IN_MAX_ZIPF:
        return 0.0
    if not form.synonym:
        return LONE_WORD_WEIGHT
    rarity = (STAND_IN_MAX_ZIPF - form.zipf) / (STAND_IN_MAX_ZIPF - STAND_IN_FULL_ZIPF)
    gap = (form.synonym_zipf - form.zipf - MIN_ZIPF_GAP) / FULL_WEIGHT_ZIPF_GAP
    return min(1.0, max(0.0, rarity, gap))


def part_of_speech_clash(previous: str, written: str, form: WordForm | None) -> bool:
    """A verb-only word after a determiner, or a word that cannot be a verb (nor an adverb)
    after a modal: "the habituate", "will bailiwick".  Participles after a determiner are
    adjectives ("the estimated", "a dampened")."""
    if form is None:
        return False
    if previous in DETERMINERS:
        return form.parts == "v" and not written.endswith(PARTICIPLE_ENDINGS)
    return previous in MODALS and "v" not in form.parts and "r" not in form.parts


def is_content_word(written: str) -> bool:
    """A lowercase dictionary-shaped word that is not a function word: what spinners replace
    and what the rate is counted over."""
    return (
        len(written) >= MIN_WORD_LENGTH
        and written.isalpha()
        and written.islower()
        and written not in STOP_WORDS
    )


def entity_spans(mentions: ArticleMentions | None) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in mentions.entities] if mentions else []


def follows_directly(body: str, tokens: Sequence[Token], index: int) -> bool:
    """Token ``index`` comes right after the one before it, with only spaces between."""
    return index > 0 and not body[tokens[index - 1].end : tokens[index].start].strip()


def score_spin(
    article: Article,
    mentions: ArticleMentions | None = None,
    lexicon: SpinnerLexicon | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> SpinScore:
    """How much ``article`` reads like spinner output, with the phrases that say so."""
    lexicon = lexicon or load_lexicon()
    forms = load_wordnet_forms()
    body = article.body
    tokens = tokenize(body)
    names = entity_spans(mentions)
    evidence: list[tuple[int, int, float]] = []  # (first token, end token, weight)
    in_lexicon_phrase: set[int] = set()
    known = 0  # distinct known substitutions
    for first, end, _ in lexicon.matches(tokens, overlapping=True):
        evidence.append((first, end, LEXICON_WEIGHT))
        known += not in_lexicon_phrase.intersection(range(first, end))
        in_lexicon_phrase.update(range(first, end))
    for index in article_mismatches(body, tokens):
        evidence.append((index, index + 2, ARTICLE_MISMATCH_WEIGHT))
    content_words = 0
    seen: Counter[str] = Counter()
    for index, token in enumerate(tokens):
        written = body[token.start : token.end]
        if not is_content_word(written) or any(s <= token.start < e for s, e in names):
            continue
        content_words += 1
        if index in in_lexicon_phrase:
            continue
        form = forms.get(written)
        if follows_directly(body, tokens, index) and part_of_speech_clash(
            tokens[index - 1].norm, written, form
        ):
            evidence.append((index - 1, index + 1, POS_CLASH_WEIGHT))
        seen[written] += 1
        if seen[written] <= STAND_IN_REPEATS_COUNTED:
            weight = stand_in_weight(form)
            if weight > 0:
                evidence.append((index, index + 1, weight))
    total = sum(weight for _, _, weight in evidence)
    rate = total / max(content_words, MIN_CONTENT_WORDS)
    score = 1.0 - math.exp(-rate / RATE_SCALE)
    phrases = tell_tale_phrases(body, tokens, evidence)
    flagged = is_flagged(score, len(phrases), known, settings)
    return SpinScore(
        article_id=article.id, score=round(score, 3), flagged=flagged, phrases=phrases[:MAX_PHRASES]
    )


def is_flagged(
    score: float, phrases: int, known_substitutions: int, settings: Settings = DEFAULT_SETTINGS
) -> bool:
    """Spun on this article's own evidence: the calibrated score with at least two substitutions
    a spinner is known to make ("condition of obscurity").

    Rare words alone never flag: they are what an opinion column, a reader's letter or a
    feature writer uses too (real news articles of ecb-dev score up to 0.66 with no spinner
    involved, a reader's letter of our own 0.8 and more).  A rare-word candidate is flagged only
    with substitutions against an aligned article of the batch (:func:`confirm_by_alignment`).
    """
    return (
        phrases >= MIN_DISTINCT_PHRASES
        and known_substitutions >= settings.spin_min_known_substitutions
        and score >= settings.spin_flag_score
    )


def article_mismatches(body: str, tokens: Sequence[Token]) -> list[int]:
    """Indexes of "a"/"an" that disagree with the next word ("a onslaught", "an bureau"):
    a spinner swaps the noun and leaves the article.  Silent h and you-sounding u/eu/one
    words are allowed either way; a letter in a list ("a) it") or an initial ("A. Smith")
    is no article."""
    found = []
    for index in range(len(tokens) - 1):
        written = body[tokens[index].start : tokens[index].end]
        following = body[tokens[index + 1].start : tokens[index + 1].end]
        if written not in ("a", "an", "A", "An") or not follows_directly(body, tokens, index + 1):
            continue
        if not following.isalpha() or not following.islower():
            continue
        vowel = following[0] in "aeiou"
        ambiguous = following.startswith(("u", "eu", "one", "once", "h"))
        if not ambiguous and vowel == (written.lower() == "a"):
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


def confirm_by_alignment(
    articles: Sequence[Article],
    scores: Sequence[SpinScore],
    lexicon: SpinnerLexicon | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[SpinScore, ...]:
    """Flag a rare-word candidate (scored at ``spin_flag_score`` or more without known
    substitutions) when another article of the batch shows the substitutions: aligned with it, at
    least ``spin_min_aligned_substitutions`` places where the other article has an ordinary word and this
    one a rare stand-in.  An original column with unusual words aligns with nothing, and stays
    unflagged.  Also flag, whatever its score, the spun one of two articles that align but for
    many one-word synonym swaps (:func:`synonym_swapped`)."""
    lexicon = lexicon or load_lexicon()
    forms = load_wordnet_forms()
    words = {a.id: [t.norm for t in tokenize(a.body)] for a in articles}
    confirmed = synonym_swapped(articles, scores, words, forms, settings)
    candidates = {
        s.article_id
        for s in scores
        if not s.flagged and s.score >= settings.spin_flag_score and len(s.phrases) >= MIN_DISTINCT_PHRASES
    }
    for article in articles:
        if article.id not in candidates or not words[article.id]:
            continue
        own = frozenset(words[article.id])
        for other in articles:
            if other.id == article.id or len(own & frozenset(words[other.id])) < LINK_VOCABULARY_SHARE * len(
                own
            ):
                continue
            matcher = SequenceMatcher(None, words[article.id], words[other.id], autojunk=False)
            if (
                aligned_substitutions(matcher, words[article.id], words[other.id], forms)
                >= settings.spin_min_aligned_substitutions
            ):
                confirmed.add(article.id)
                break
    return tuple(
        SpinScore(s.article_id, s.score, True, s.phrases) if s.article_id in confirmed else s for s in scores
    )


def synonym_swapped(
    articles: Sequence[Article],
    scores: Sequence[SpinScore],
    words: Mapping[str, Sequence[str]],
    forms: WordForms,
    settings: Settings = DEFAULT_SETTINGS,
) -> set[str]:
    """Articles that copy another article of the batch word for word except for many single words
    each swapped for a WordNet synonym ("quake" / "tremor", "rose" / "climbed"): a spinner run over
    the other article, even one that picks common words.  Of the two, the one that reads more
    like spinner output (the higher :func:`score_spin` score) is the spun one.  Real news copies and
    rewrites swap at most two words so (ecb-dev and the web pages, 778 articles), a spun copy
    dozens; ``spin_min_synonym_swaps`` sits between."""
    score_of = {s.article_id: s.score for s in scores}
    vocabulary = {a.id: frozenset(words[a.id]) for a in articles}
    spun: set[str] = set()
    for index, article in enumerate(articles):
        for other in articles[index + 1 :]:
            own, theirs = vocabulary[article.id], vocabulary[other.id]
            if (
                not own
                or not theirs
                or len(own & theirs) < LINK_VOCABULARY_SHARE * min(len(own), len(theirs))
            ):
                continue
            matcher = SequenceMatcher(None, words[article.id], words[other.id], autojunk=False)
            aligned = sum(block.size for block in matcher.get_matching_blocks())
            if aligned < LINK_ALIGNED_SHARE * min(len(words[article.id]), len(words[other.id])):
                continue
            if (
                synonym_swaps(matcher, words[article.id], words[other.id], forms)
                < settings.spin_min_synonym_swaps
            ):
                continue
            if score_of.get(article.id, 0.0) != score_of.get(other.id, 0.0):
                spun.add(max((article.id, other.id), key=lambda key: score_of.get(key, 0.0)))
    return spun


def synonym_swaps(
    matcher: SequenceMatcher[str], one: Sequence[str], other: Sequence[str], forms: WordForms
) -> int:
    """Words of aligned text replaced one for one by a WordNet synonym (either word's commonest
    synonym is the other, or both share it); neighbouring swaps ("invite assistance" / "welcome
    help") are read word by word."""
    count = 0
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "replace" and a2 - a1 == b2 - b1 <= MAX_SWAP_RUN:
            count += sum(synonyms(one[a1 + k], other[b1 + k], forms) for k in range(a2 - a1))
    return count


def synonyms(word: str, other: str, forms: WordForms) -> bool:
    a, b = forms.get(word), forms.get(other)
    return bool(
        (a and a.synonym == other)
        or (b and b.synonym == word)
        or (a and b and a.synonym and a.synonym == b.synonym)
    )


def aligned_substitutions(
    matcher: SequenceMatcher[str], spun: Sequence[str], other: Sequence[str], forms: WordForms
) -> int:
    """Places where one or two words of ``spun`` replace as many of ``other`` inside aligned
    text, and a replacing word is a rare stand-in (:func:`stand_in_weight`)."""
    count = 0
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "replace" or not (1 <= a2 - a1 <= 2 and 1 <= b2 - b1 <= 2):
            continue
        if any(stand_in_weight(forms.get(word)) > 0 for word in spun[a1:a2]):
            count += 1
    return count


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
