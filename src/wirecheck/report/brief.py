"""Brief: a short extractive summary whose every sentence cites its articles.

Public entries: ``build_brief(articles, mentions, facts, grouping, models) -> list[BriefSentence]``,
``story_title(articles, facts) -> str``.

The brief is chosen, never written: every sentence is a sentence of one article (as the
extraction parse split it), picked for coverage (how central it is across outlets, which
entities and facts it carries, how close to the top of its article it stands; ranked by TF-IDF
similarity, cheap for every sentence) and without redundancy (maximal marginal relevance over
sentence embeddings of the best-ranked shortlist only, embedding every sentence cost more than
the spaCy parse; TF-IDF alone for a story of one article).  Each sentence cites the article it
came from plus the articles that say the same thing (a near-duplicate sentence, or the same value of the same fact),
and of those only the ones that contain its claim (``wirecheck.report.brief_support``: its
figures, its names, most of its words).  A figure that outlets dispute is never left standing
as settled: the sentence is annotated with every value and who gives it, also when no fact
recorded the dispute but a near-identical sentence of another outlet gives another figure.  A
claim given as one party's word that another party denies is followed by the denial (a chosen
denial is preceded by the claim it answers), each citing its own articles.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.lang.en.lex_attrs import like_num
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from wirecheck.extract.numbers import single_number
from wirecheck.model import Article, ArticleMentions, BriefSentence, Claim, Fact, Grouping
from wirecheck.nlp import Models
from wirecheck.report.brief_support import TextTerms, cited_text, support, text_terms

MIN_SENTENCES = 5
MAX_SENTENCES = 10
MAX_PER_ARTICLE = 12  # candidate sentences taken from one article, from its top
MIN_WORDS = 8
MAX_WORDS = 60
NEAR_DUPLICATE = 0.8  # cosine similarity above which two sentences say the same thing
TOO_SIMILAR = 0.75  # a candidate this close to a chosen sentence adds nothing
SHORTLIST_PER_SENTENCE = 2  # the brief picks from the best 2 x target + 4 candidates by relevance,
SHORTLIST_EXTRA = 4  # so only those are embedded (embedding every sentence cost more than the parse)
MMR_LAMBDA = 0.7  # relevance against novelty
WEIGHTS = {"centrality": 0.4, "entities": 0.2, "facts": 0.25, "position": 0.15}

QUOTE_MARKS = '"“”„«»'
BOILERPLATE = re.compile(
    r"https?://|www\.|\S+@\S+\.\w|\b(subscribe|newsletter|cookies?|sign up|click here|read more|"
    r"all rights reserved|share this|follow us)\b",
    re.IGNORECASE,
)
# A sentence that opens on a pronoun leans on a sentence the brief will not show.
DANGLING_START = re.compile(
    r"^(he|she|they|it|this|these|those|that|his|her|their|its|we|i|our|such|there|then|but|and|also)\b",
    re.IGNORECASE,
)
NUMBER_TOKEN = re.compile(r"\d[\d,.]*")
# A sentence restates a disputed figure when it gives the same number of the same thing (same
# word after the number) in a sentence on that subject, or any sentence that reads like the claim.
SAME_COUNT = 0.45
SAME_CLAIM = 0.75
# Function words carry no meaning for a title; number words ("six", "seven") do.
TITLE_STOP_WORDS = frozenset(w for w in STOP_WORDS if not like_num(w))


@dataclass(frozen=True)
class Candidate:
    """One sentence of one article that could go into the brief."""

    article_id: str
    text: str
    start: int  # offsets into Article.body
    end: int
    position: float  # 0.0 at the top of the article, 1.0 at its last paragraph


def build_brief(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    facts: Sequence[Fact],
    grouping: Grouping,
    models: Models,
) -> list[BriefSentence]:
    """5-10 sentences that cover the story, each citing its articles, disputes shown."""
    spun = {s.article_id for s in grouping.spin if s.flagged}
    spun.update(c.article_id for c in grouping.copies if c.kind == "spun")
    copies = {c.article_id for c in grouping.copies}
    every_sentence = split_candidates(articles, mentions, models)
    candidates = first_wordings(worthy_candidates(every_sentence), copies)
    if not candidates:
        return []
    lexical = lexical_similarity([c.text for c in candidates])
    families = copy_families(articles, grouping)
    implied = implied_claims(candidates, facts, models)
    claims_in = [claims_inside(c, facts) + implied.get(i, []) for i, c in enumerate(candidates)]
    scores = relevance_scores(candidates, lexical, families, mentions, claims_in)
    eligible = [i for i, c in enumerate(candidates) if c.article_id not in spun]
    if not eligible:  # every article is a spun rewrite: summarise them anyway, cited as they are
        eligible = list(range(len(candidates)))
    target = min(MAX_SENTENCES, max(MIN_SENTENCES, 2 + len(articles)))
    shortlist = sorted(eligible, key=lambda i: -scores[i])[
        : SHORTLIST_PER_SENTENCE * target + SHORTLIST_EXTRA
    ]
    similarity = semantic_similarity(candidates, shortlist, lexical, models)
    chosen = select_by_mmr(shortlist, candidates, scores, similarity, claims_in, target)
    chosen.sort(key=lambda i: (candidates[i].position, -scores[i]))
    shown: set[int] = set()  # a disputed name is flagged once, at its first appearance
    cited = {a.id: text_terms(cited_text(a)) for a in articles}
    other_sides = denied_claims(
        [candidates[i] for i in chosen], [c for c in every_sentence if c.article_id not in spun], models
    )
    sentences = []
    for k, i in enumerate(chosen):
        to_note = [(f, c) for f, c in claims_in[i] if f.kind not in ("name", "place") or id(f) not in shown]
        to_note += unrecorded_disputes(i, candidates, similarity, claims_in[i])
        shown.update(id(f) for f, _ in to_note)
        support_ids = supporting_articles(i, candidates, similarity, claims_in, articles)
        for fact, _ in to_note:  # an article giving another value of a figure does not support it
            if fact.status == "disputed":
                support_ids = [a for a in support_ids if a not in other_values(fact, to_note)]
        own = BriefSentence(
            text=annotate_disputes(candidates[i].text, to_note),
            article_ids=tuple(containing_the_claim(candidates[i], support_ids, cited)),
        )
        side = other_sides.get(k)
        if side is None:
            sentences.append(own)
            continue
        partner, partner_first = side
        other = BriefSentence(text=partner.text, article_ids=tuple(verbatim_in(partner, articles)))
        sentences.extend([other, own] if partner_first else [own, other])
    return list({squash(s.text): s for s in sentences}.values())


def other_values(fact: Fact, noted: Sequence[tuple[Fact, Claim]]) -> set[str]:
    """The articles that give another value of a disputed fact than this sentence does."""
    own = next(value_key(c) for f, c in noted if f is fact)
    return {c.article_id for c in fact.claims if value_key(c) != own}


def verbatim_in(candidate: Candidate, articles: Sequence[Article]) -> list[str]:
    """The sentence's own article, then the articles that reprint it word for word."""
    return [
        candidate.article_id,
        *(a.id for a in articles if a.id != candidate.article_id and candidate.text in a.body),
    ]


# --------------------------------------------------------------------------- both sides


# a sentence that denies what someone else said: "denied", "rejected the claim", "said it was false"
# (not the noun "dispute", nor "false" alone: "a dispute between gangs", "a false alarm")
DENIAL = re.compile(
    r"\b(den(?:y|ies|ied|ying|ial)|refut(?:e|es|ed|ing)|contradict(?:s|ed|ing)?|"
    r"reject(?:s|ed|ing)? (?:the |this |that |these |those |such |their |his |her |its )?"
    r"(?:claim|account|report|allegation|accusation|suggestion|version)s?|"
    r"(?:is|was|were|are|as|been) (?:false|untrue|baseless|not true|a lie|lies|fabricated))\b",
    re.IGNORECASE,
)
# a sentence that gives a claim as someone's word
ATTRIBUTED = re.compile(
    r"\b(said|says|say|claim(?:s|ed)?|alleg(?:e|es|ed)|according to|told|insist(?:s|ed)?|accus(?:e|es|ed))\b",
    re.IGNORECASE,
)
UNRESOLVED_SUBJECT = re.compile(r"^(he|she|they|it|this|these|those|we|i|that)\b", re.IGNORECASE)
SAME_MATTER = 0.35  # embedding cosine of what is said and what is denied, for one matter
MIN_SHARED_WORDS = 2  # content words a claim and its denial share (besides the parties' names)
MAX_PARTNERS = 24  # suspects embedded per chosen sentence


def denied_claims(
    chosen: Sequence[Candidate], pool: Sequence[Candidate], models: Models
) -> dict[int, tuple[Candidate, bool]]:
    """The other side of each chosen sentence that one party's word denies or is denied by.

    A chosen claim given as someone's word ("the army said ...") that another sentence denies
    ("a UN spokesman denied ...") gets that denial after it; a chosen denial gets the claim it
    answers before it (``True``: the partner goes first).  Both must speak of one matter: what
    is said and what is denied (the words after "said" and after "denied") share content words
    and their embeddings are close."""
    usable = [
        c for c in pool if MIN_WORDS - 2 <= len(c.text.split()) <= MAX_WORDS and not c.text.endswith("?")
    ]
    usable = [c for c in usable if not BOILERPLATE.search(c.text) and not UNRESOLVED_SUBJECT.match(c.text)]
    denials = [c for c in usable if DENIAL.search(c.text)]
    if not denials:
        return {}
    claims = [c for c in usable if ATTRIBUTED.search(c.text) and not DENIAL.search(c.text)]
    taken = {squash(c.text) for c in chosen}
    found: dict[int, tuple[Candidate, bool]] = {}
    for k, sentence in enumerate(chosen):
        is_denial = bool(DENIAL.search(sentence.text))
        if not is_denial and not ATTRIBUTED.search(sentence.text):
            continue
        matter = what_is_said(sentence.text)
        roots = word_roots(matter)
        suspects = [
            c
            for c in (claims if is_denial else denials)
            if squash(c.text) not in taken
            and len(roots & word_roots(what_is_said(c.text))) >= MIN_SHARED_WORDS
        ]
        suspects = sorted(suspects, key=lambda c: -len(roots & word_roots(what_is_said(c.text))))[
            :MAX_PARTNERS
        ]
        if not suspects:
            continue
        vectors = models.embedder.encode([matter, *(what_is_said(c.text) for c in suspects)])
        closeness = vectors[1:] @ vectors[0]
        best = int(np.argmax(closeness))
        if float(closeness[best]) >= SAME_MATTER:
            found[k] = (suspects[best], is_denial)
            taken.add(squash(suspects[best].text))
    return found


def once_each(figures: list[tuple[float, int, int, str]]) -> list[tuple[float, int, int, str]]:
    """The figures whose counted word the sentence uses once: with two ("205 yards", "a 7-yard
    pass") which of them another sentence's figure answers cannot be told."""
    counts: dict[str, int] = defaultdict(int)
    for _, _, _, noun in figures:
        counts[noun] += 1
    return [f for f in figures if f[3] and counts[f[3]] == 1]


def what_is_said(text: str) -> str:
    """The words after the denial or the attribution ("denied that anyone had fired ...")."""
    cue = DENIAL.search(text) or ATTRIBUTED.search(text)
    rest = text[cue.end() :] if cue else text
    return rest if len(rest.split()) >= 3 else text


def word_roots(text: str) -> set[str]:
    """Content words cut to their first four letters ("fired", "fire"; "shelling", "shells")."""
    return {w[:4] for w in content_words(text) if len(w) >= 4 and not w.isdigit()}


def unrecorded_disputes(
    index: int,
    candidates: Sequence[Candidate],
    similarity: np.ndarray,
    recorded: Sequence[tuple[Fact, Claim]],
) -> list[tuple[Fact, Claim]]:
    """Figures that another outlet's near-identical sentence gives otherwise, which no fact
    recorded ("12 people were hurt" against "14 people were hurt"): a dispute all the same.

    The same thing is the same word after the number; a figure inside a claim the comparison
    judged is left to its judgement (a rising toll is a series, not a dispute)."""
    own = candidates[index]
    judged = [(c.start, c.end) for _, c in recorded]
    mine_all = numbers_with_nouns(own.text)
    figures = {
        noun: (number, start, end)
        for number, start, end, noun in once_each(mine_all)
        if not any(s <= own.start + start < e for s, e in judged)
    }
    own_numbers = {number for number, _, _, _ in mine_all}
    others: dict[str, list[Claim]] = defaultdict(list)
    for j, other in enumerate(candidates):
        if other.article_id == own.article_id or similarity[index, j] < NEAR_DUPLICATE:
            continue
        for number, start, end, noun in once_each(numbers_with_nouns(other.text)):
            if noun not in figures or number in own_numbers:  # the same figure, or one of ours elsewhere
                continue
            value = other.text[start:end]
            others[noun].append(
                Claim(other.article_id, value, number, other.text, other.start + start, other.start + end)
            )
    disputes = []
    for noun, claims in others.items():
        number, start, end = figures[noun]
        value = own.text[start:end]
        mine = Claim(own.article_id, value, number, own.text, own.start + start, own.start + end)
        said = re.match(r"\W*([^\W\d_]+)", own.text[end:])
        subject = said.group(1) if said else noun
        fact = Fact(subject=subject, status="disputed", claims=(mine, *claims), articles=len(claims) + 1)
        disputes.append((fact, mine))
    return disputes


def containing_the_claim(
    candidate: Candidate, article_ids: Sequence[str], cited: dict[str, TextTerms]
) -> list[str]:
    """The sentence's own article, and those of the others that contain its claim: an article
    agreeing on one figure of a sentence does not support the rest of it."""
    return [
        aid
        for aid in article_ids
        if aid == candidate.article_id or (aid in cited and support(candidate.text, cited[aid]).supported)
    ]


# --------------------------------------------------------------------------- candidates


def split_candidates(
    articles: Sequence[Article], mentions: Sequence[ArticleMentions], models: Models
) -> list[Candidate]:
    """Every sentence of every article body, with its offsets and place in the article.

    The sentences are extraction's (the parse's, cut at paragraph breaks); an article stored
    before extraction kept them is split again with the pipeline's sentence recogniser."""
    parsed = {m.article_id: m.sentences for m in mentions if m.sentences}
    located: list[tuple[Article, int, int, str]] = []  # article, paragraph index, offset, text
    for article in articles:
        cursor = 0
        for index, paragraph in enumerate(article.paragraphs):
            offset = article.body.find(paragraph, cursor)
            if offset < 0:  # paragraphs not verbatim in the body: nothing can be cited safely
                continue
            cursor = offset + len(paragraph)
            located.append((article, index, offset, paragraph))
    unparsed = [text for article, _, _, text in located if article.id not in parsed]
    split = iter(sentence_split(models, unparsed)) if unparsed else iter(())
    candidates = []
    for article, index, offset, paragraph in located:
        if article.id in parsed:
            spans = spans_within(parsed[article.id], offset, offset + len(paragraph))
        else:
            spans = [(offset + s.start_char, offset + s.end_char) for s in next(split).sents]
        position = index / max(1, len(article.paragraphs) - 1)
        for start, end in spans:
            raw = article.body[start:end]
            text = raw.strip()
            if text:
                start += len(raw) - len(raw.lstrip())
                candidates.append(Candidate(article.id, text, start, start + len(text), position))
    return candidates


def spans_within(sentences: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The sentence spans that overlap ``start:end``, cut to it (a parse may run a sentence over
    a paragraph break; a candidate never does)."""
    first = bisect.bisect_right(sentences, start, key=lambda span: span[1])
    spans = []
    for sentence_start, sentence_end in sentences[first:]:
        if sentence_start >= end:
            break
        if max(sentence_start, start) < min(sentence_end, end):
            spans.append((max(sentence_start, start), min(sentence_end, end)))
    return spans


def sentence_split(models: Models, texts: list[str]) -> Iterable[Doc]:
    """Sentences only: the pipeline's own sentence recogniser ("senter", shipped disabled, about
    twenty times faster than a second full parse and agreeing with the parser's boundaries on
    nearly every paragraph), called directly so the shared pipeline is never reconfigured; the
    parser where a pipeline has no senter."""
    nlp = models.nlp
    if "senter" in nlp.component_names:
        senter: Any = nlp.get_pipe("senter")  # a TrainablePipe; typed as a bare callable
        return cast(Iterable[Doc], senter.pipe(nlp.make_doc(text) for text in texts))
    unused = [name for name in ("tagger", "attribute_ruler", "lemmatizer", "ner") if name in nlp.pipe_names]
    return nlp.pipe(texts, disable=unused)


def worthy_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The brief-worthy sentences, at most a dozen per article: the top of an article carries
    its news, and embedding every sentence of a long story would cost more than it adds."""
    kept: list[Candidate] = []
    per_article: dict[str, int] = defaultdict(int)
    for candidate in candidates:
        if per_article[candidate.article_id] < MAX_PER_ARTICLE and is_brief_worthy(candidate.text):
            per_article[candidate.article_id] += 1
            kept.append(candidate)
    return kept


def first_wordings(candidates: Sequence[Candidate], copies: set[str]) -> list[Candidate]:
    """One candidate per identical sentence, taken from an original rather than a copy."""
    ordered = sorted(candidates, key=lambda c: c.article_id in copies)
    seen: set[str] = set()
    kept = []
    for candidate in ordered:
        key = squash(candidate.text)
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return kept


def is_brief_worthy(text: str) -> bool:
    """A statement a reader can take on its own: no question, quote-only line, fragment or page furniture."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if text.endswith("?") or text[-1] not in ".!" + QUOTE_MARKS + "’')":
        return False
    if text[0] in QUOTE_MARKS or quoted_share(text) > 0.5:
        return False
    return not (text.isupper() or BOILERPLATE.search(text) or DANGLING_START.match(text))


def quoted_share(text: str) -> float:
    """How much of the sentence stands between quotation marks."""
    inside = sum(len(m.group(0)) for m in re.finditer(r"[\"“„«][^\"“”„«»]*[\"”»]", text))
    return inside / max(1, len(text))


# --------------------------------------------------------------------------- relevance


def copy_families(articles: Sequence[Article], grouping: Grouping) -> dict[str, str]:
    """Article id -> the original it copies (itself when none): copies are one witness."""
    original = {a.id: a.id for a in articles}
    links = {c.article_id: c.copy_of for c in grouping.copies}
    for article_id in original:
        seen = {article_id}
        root = article_id
        while root in links and links[root] not in seen:
            root = links[root]
            seen.add(root)
        original[article_id] = root
    return original


def lexical_similarity(texts: list[str]) -> np.ndarray:
    """Cosine of TF-IDF vectors (content words, sublinear counts): cheap enough for every
    candidate, and what ranks them; sentence embeddings are kept for the shortlist."""
    try:
        matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # nothing but stop words
        return np.eye(len(texts))
    return np.asarray((matrix @ matrix.T).todense(), dtype=float)


def semantic_similarity(
    candidates: Sequence[Candidate], shortlist: Sequence[int], lexical: np.ndarray, models: Models
) -> np.ndarray:
    """Sentence-embedding cosine among the shortlisted candidates (they are what the brief picks
    from, and what their redundancy is judged on); TF-IDF cosine for every other pair.

    A story of one article gets TF-IDF throughout: embeddings are there to see two outlets say
    one thing in different words, and the redundancy within one article that they would add to
    cost a tenth of a second per story, a quarter of the whole analysis on a feed of unrelated
    pages (``bench/compare_speed.py`` on the 300 web pages)."""
    similarity = lexical.copy()
    if shortlist and len({candidates[i].article_id for i in shortlist}) > 1:
        vectors = models.embedder.encode([candidates[i].text for i in shortlist])
        similarity[np.ix_(shortlist, shortlist)] = np.clip(vectors @ vectors.T, -1.0, 1.0)
    return similarity


def relevance_scores(
    candidates: Sequence[Candidate],
    similarity: np.ndarray,
    families: dict[str, str],
    mentions: Sequence[ArticleMentions],
    claims_in: Sequence[list[tuple[Fact, Claim]]],
) -> np.ndarray:
    """Centrality across outlets, entities and facts covered, and lead position, each in 0..1."""
    centrality = cross_outlet_centrality(candidates, similarity, families)
    entities = entity_coverage(candidates, mentions)
    facts = np.array(
        [sum(fact_weight(f) * agreement(f, c) for f, c in claims) for claims in claims_in], dtype=float
    )
    position = np.array([1.0 - c.position for c in candidates], dtype=float)
    features = {"centrality": centrality, "entities": entities, "facts": facts, "position": position}
    return sum(
        (WEIGHTS[name] * rescale(values) for name, values in features.items()), np.zeros(len(candidates))
    )


def cross_outlet_centrality(
    candidates: Sequence[Candidate], similarity: np.ndarray, families: dict[str, str]
) -> np.ndarray:
    """Mean, over the other witnesses, of the closest sentence each of them has."""
    family_of = np.array([families.get(c.article_id, c.article_id) for c in candidates])
    names = sorted(set(family_of))
    if len(names) < 2:
        return np.zeros(len(candidates))
    best = np.stack([np.where(family_of == name, -1.0, similarity).max(axis=1) for name in names], axis=1)
    own = np.array([[family_of[i] == name for name in names] for i in range(len(candidates))])
    return np.where(own, 0.0, np.maximum(best, 0.0)).sum(axis=1) / (len(names) - 1)


def entity_coverage(candidates: Sequence[Candidate], mentions: Sequence[ArticleMentions]) -> np.ndarray:
    """Entities in the sentence, each weighted by how many articles name it."""
    articles_naming: dict[str, set[str]] = defaultdict(set)
    for article_mentions in mentions:
        for entity in article_mentions.entities:
            articles_naming[entity.text.lower()].add(article_mentions.article_id)
    entities_of = {m.article_id: m.entities for m in mentions}
    values = []
    for c in candidates:
        inside = (e for e in entities_of.get(c.article_id, ()) if c.start <= e.start and e.end <= c.end)
        names = {e.text.lower() for e in inside}
        values.append(sum(math.log1p(len(articles_naming[name])) for name in names))
    return np.array(values, dtype=float)


def fact_weight(fact: Fact) -> float:
    """Facts many outlets carry, and disputes, matter most to a reader."""
    base = fact.importance if fact.importance > 0 else 0.5
    return base * (1.5 if fact.status == "disputed" else 1.0) * math.log1p(max(1, fact.articles))


def agreement(fact: Fact, claim: Claim) -> float:
    """Share of the fact's articles that give this claim's value: lead with the common figure."""
    articles = {c.article_id for c in fact.claims}
    agreeing = {c.article_id for c in fact.claims if value_key(c) == value_key(claim)}
    return len(agreeing) / max(1, len(articles))


def rescale(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.zeros_like(values)


def select_by_mmr(
    eligible: Sequence[int],
    candidates: Sequence[Candidate],
    scores: np.ndarray,
    similarity: np.ndarray,
    claims_in: Sequence[list[tuple[Fact, Claim]]],
    target: int,
) -> list[int]:
    """Maximal marginal relevance: each pick is relevant and unlike the picks before it.

    Two sentences stating the same fact (a figure, a date, a quote) are redundant however
    differently worded; names and places recur everywhere and do not count."""
    per_article_cap = max(2, math.ceil(target / 2))
    taken_from: dict[str, int] = defaultdict(int)
    chosen: list[int] = []
    pool = list(eligible)
    while pool and len(chosen) < target:

        def marginal(i: int) -> float:
            redundancy = max((float(similarity[i, j]) for j in chosen), default=0.0)
            return MMR_LAMBDA * float(scores[i]) - (1 - MMR_LAMBDA) * redundancy

        best = max(pool, key=marginal)
        pool.remove(best)
        if any(similarity[best, j] >= TOO_SIMILAR for j in chosen):
            continue
        if stated_facts(claims_in[best]) & set().union(*(stated_facts(claims_in[j]) for j in chosen)):
            continue
        if taken_from[candidates[best].article_id] >= per_article_cap:
            continue
        chosen.append(best)
        taken_from[candidates[best].article_id] += 1
    return chosen


def stated_facts(claims: Sequence[tuple[Fact, Claim]]) -> set[int]:
    return {id(fact) for fact, _ in claims if fact.kind not in ("name", "place")}


# --------------------------------------------------------------------------- citations and disputes


def claims_inside(candidate: Candidate, facts: Iterable[Fact]) -> list[tuple[Fact, Claim]]:
    """The fact claims this sentence makes (their spans lie inside it)."""
    found = []
    for fact in facts:
        for claim in fact.claims:
            if claim.article_id != candidate.article_id:
                continue
            if claim.end > claim.start:
                inside = candidate.start <= claim.start and claim.end <= candidate.end
            else:  # a claim without offsets: fall back to its sentence and value
                inside = squash(claim.text) == squash(candidate.text) and squash(claim.value) in squash(
                    candidate.text
                )
            if inside:
                found.append((fact, claim))
                break
    return found


def implied_claims(
    candidates: Sequence[Candidate], facts: Sequence[Fact], models: Models
) -> dict[int, list[tuple[Fact, Claim]]]:
    """Disputed figures a sentence states although the fact did not record its claim.

    The comparison may miss one article's wording; the brief still must not state that
    figure as settled.  A sentence states it when it gives one of the fact's numbers for the
    same thing (the word after the number matches) and reads like one of its claim sentences.
    """
    disputed = [f for f in facts if f.status == "disputed" and f.kind not in ("name", "place", "quote")]
    found: dict[int, list[tuple[Fact, Claim]]] = defaultdict(list)
    figures = {i: numbers_with_nouns(c.text) for i, c in enumerate(candidates)}
    for fact in disputed:
        numbered = [c for c in fact.claims if c.number is not None]
        numbers = {c.number for c in numbered}
        # only sentences that give one of the fact's figures need reading closely (and embedding)
        suspects = [
            i
            for i, candidate in enumerate(candidates)
            if not any(c.article_id == candidate.article_id for c in fact.claims)
            and any(number in numbers for number, _, _, _ in figures[i])
        ]
        if not suspects:
            continue
        vectors = models.embedder.encode([candidates[i].text for i in suspects])
        closeness = dict(
            zip(suspects, vectors @ models.embedder.encode([c.text for c in numbered]).T, strict=True)
        )
        for i in suspects:
            candidate = candidates[i]
            for number, start, end, counted in figures[i]:
                matches = [
                    k
                    for k, c in enumerate(numbered)
                    if c.number == number
                    and closeness[i][k]
                    >= (SAME_COUNT if counted == noun_after(c.text, c.value) else SAME_CLAIM)
                ]
                if matches:
                    offset = candidate.start + start
                    value = candidate.text[start:end]
                    found[i].append(
                        (
                            fact,
                            Claim(
                                candidate.article_id,
                                value,
                                number,
                                candidate.text,
                                offset,
                                offset + len(value),
                            ),
                        )
                    )
                    break
    return found


def numbers_with_nouns(text: str) -> list[tuple[float, int, int, str]]:
    """Each number written in digits, its span, and the word that follows it."""
    found = []
    for match in NUMBER_TOKEN.finditer(text):
        written = match.group(0).rstrip(".,")
        try:
            number = float(written.replace(",", ""))
        except ValueError:
            continue
        end = match.start() + len(written)
        found.append((number, match.start(), end, next_word(text[end:])))
    return found


def noun_after(sentence: str, value: str) -> str:
    at = sentence.find(value)
    return next_word(sentence[at + len(value) :]) if at >= 0 else ""


def next_word(text: str) -> str:
    match = re.match(r"\W*([^\W\d_]+)", text)
    return stem(match.group(1).lower()) if match else ""


def supporting_articles(
    index: int,
    candidates: Sequence[Candidate],
    similarity: np.ndarray,
    claims_in: Sequence[list[tuple[Fact, Claim]]],
    articles: Sequence[Article],
) -> list[str]:
    """The sentence's own article first, then every article that says the same thing."""
    own = candidates[index]
    support = {own.article_id}
    values = {id(fact): value_key(claim) for fact, claim in claims_in[index]}
    for j, other in enumerate(candidates):
        if other.article_id in support or similarity[index, j] < NEAR_DUPLICATE:  # embeddings or TF-IDF
            continue
        if same_figures(own, other, values, claims_in[j]):
            support.add(other.article_id)
    for fact, claim in claims_in[index]:
        if fact.status in ("agreed", "disputed"):
            support.update(c.article_id for c in fact.claims if value_key(c) == value_key(claim))
    support.update(a.id for a in articles if own.text in a.body)  # verbatim reprints
    for fact, claim in claims_in[index]:  # an article giving another value does not support this one
        if fact.status == "disputed":
            support -= {c.article_id for c in fact.claims if value_key(c) != value_key(claim)}
    support.add(own.article_id)
    return [own.article_id, *sorted(support - {own.article_id})]


def same_figures(
    own: Candidate, other: Candidate, own_values: dict[int, str], other_claims: list[tuple[Fact, Claim]]
) -> bool:
    """A near-duplicate sentence only supports ours when it gives the same numbers and values."""
    if set(NUMBER_TOKEN.findall(own.text)) != set(NUMBER_TOKEN.findall(other.text)):
        return False
    return all(own_values.get(id(fact), value_key(claim)) == value_key(claim) for fact, claim in other_claims)


def annotate_disputes(text: str, claims: Sequence[tuple[Fact, Claim]]) -> str:
    """Show every value of each disputed fact the sentence states, with who gives it."""
    disputed = [(fact, claim) for fact, claim in claims if fact.status == "disputed"]
    if not disputed:
        return text
    if len(disputed) == 1:
        annotation = f" (outlets differ: {dispute_note(*disputed[0])})"
    else:
        annotation = "".join(
            f" (outlets differ on {fact.subject}: {dispute_note(fact, claim)})" for fact, claim in disputed
        )
    if text[-1] in ".!":
        return text[:-1] + annotation + text[-1]
    return text + annotation


def dispute_note(fact: Fact, own_claim: Claim) -> str:
    """'at least seven [000]; at least six [001, 003]': this sentence's value first."""
    groups: dict[str, tuple[str, set[str]]] = {}
    claims = [own_claim, *(c for c in fact.claims if c.article_id != own_claim.article_id)]
    for claim in sorted(claims, key=lambda c: value_key(c) != value_key(own_claim)):
        _, ids = groups.setdefault(value_key(claim), (claim.value.strip(), set()))
        ids.add(claim.article_id)
    return "; ".join(f"{shown} [{', '.join(sorted(ids))}]" for shown, ids in groups.values())


def value_key(claim: Claim) -> str:
    """Claims giving one number agree on the value, whatever their hedge ("13", "at least 13")."""
    return f"{claim.number:g}" if claim.number is not None else squash(claim.value)


def squash(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


# --------------------------------------------------------------------------- title


def story_title(articles: Sequence[Article], facts: Sequence[Fact] = ()) -> str:
    """The headline whose words the other articles use most: an outlier figure or a
    spinner's odd synonyms in a headline make it less representative.  A headline giving a toll
    that later reports updated ("4 dead", then "9 dead") is passed over while another headline
    does not: the title tells the latest figure."""
    headed = [a for a in articles if a.headline and 3 <= len(a.headline.split()) <= 30]
    if not headed:
        return untitled(articles)
    outdated = outdated_figures(facts)
    current = [a for a in headed if not headline_numbers(a.headline or "") & outdated]
    headed = current or headed
    texts = {a.id: content_words(" ".join([a.headline or "", a.summary or "", a.body])) for a in articles}

    def representativeness(article: Article) -> tuple[float, int]:
        words = content_words(article.headline or "")
        if not words:
            return (0.0, 0)
        others = [texts[b.id] for b in articles if b.id != article.id]
        shared = sum(len(words & text) / len(words) for text in others) / max(1, len(others))
        return (shared, -len(article.headline or ""))

    best = max(headed, key=representativeness)
    return (best.headline or "").strip()


def outdated_figures(facts: Sequence[Fact]) -> set[float]:
    """Every value of a toll that later reports updated (an agreed fact told as a series), but the
    latest: a rising toll's latest figure is its highest."""
    outdated: set[float] = set()
    for fact in facts:
        if fact.status != "agreed" or not fact.reason.startswith("updated over time"):
            continue
        numbers = {c.number for c in fact.claims if c.number is not None}
        if numbers:
            outdated |= numbers - {max(numbers)}
    return outdated


def headline_numbers(headline: str) -> set[float]:
    """The figures a headline gives, in digits or words ("Nine dead", "1,200 homes")."""
    found: set[float] = set()
    for token in re.findall(r"[\w,.]+", headline):
        word = token.strip(",.").lower()
        value = single_number(word.replace(",", "")) if word else None
        if value is not None:
            found.add(float(value))
    return found


def untitled(articles: Sequence[Article]) -> str:
    """No headline anywhere: the opening words of the first article, marked as cut."""
    for article in articles:
        for paragraph in article.paragraphs:
            words = paragraph.split()
            if words:
                return " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    return "Untitled story"


def content_words(text: str) -> set[str]:
    """Lower-case words that carry meaning, crudely stemmed ("crashes", "crashed" -> "crash")."""
    words = re.findall(r"[^\W_]+", re.sub(r"['’]s\b", "", text.lower()))
    return {stem(w) for w in words if w not in TITLE_STOP_WORDS and len(w) > 1}


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
