"""Outlets and agencies an article leans on: "according to CNN", "told the AP", "Reuters reported".

A citation needs two things:

1. an attribution frame: "according to X", "told X" / "telling X", "(as) reported by X",
   "X reported", "citing X", "quoted by X", "in an interview with X", "speaking to X",
   "X said" / "X wrote" / "X quoted";
2. evidence that X is a news organisation and not a person or an official body:
   - X is in the documented list of well-known outlets (:data:`lexicon.KNOWN_OUTLETS`,
     which also normalises "AP" -> "The Associated Press", "FT" -> "Financial Times"), or
   - X is an organisation named with a media word ("dpa news agency", "RTL radio",
     "the Kyiv Post"), or
   - in a reporting frame only ("X reported", "reported by X"): X is tagged ORG, is not an
     acronym and has no word of an official body (ministry, council, army, ...).
People ("according to Mayor Vitalii Klitschko") and official sources ("according to the
Russian Defense Ministry") are therefore never listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from wirecheck.extract.lexicon import KNOWN_OUTLETS, MEDIA_WORDS, OFFICIAL_WORDS
from wirecheck.model import Citation

MAX_WINDOW_TOKENS = 12
MEDIA_TAIL_WORDS = frozenset(
    {
        "news",
        "agency",
        "newspaper",
        "radio",
        "broadcaster",
        "telecaster",
        "channel",
        "magazine",
        "daily",
        "outlet",
        "network",
        "television",
        "tv",
        "wire",
    }
)
SAY_LEMMAS = frozenset({"say", "write", "quote", "cite", "report", "publish", "reveal", "learn", "find"})


def _outlet_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    canonical = {spelling: name for name, spellings in KNOWN_OUTLETS.items() for spelling in spellings}
    alternatives = sorted(canonical, key=len, reverse=True)
    pattern = r"(?<![\w-])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w-])"
    return re.compile(pattern), canonical


OUTLET_PATTERN, OUTLET_NAMES = _outlet_pattern()


@dataclass(frozen=True)
class Frame:
    """An attribution frame: the cue's span and the region where the source is named."""

    cue_start: int
    cue_end: int
    region_start: int
    region_end: int
    reporting: bool  # "reported" frames accept any non-official organisation
    lexicon_only: bool = False  # "X said": only well-known outlets (X could be a person)


def find_citations(doc: Doc) -> list[Citation]:
    """Citations of outlets in ``doc`` (its text is the article body), in text order."""
    citations: dict[tuple[int, int], Citation] = {}
    text = doc.text  # built from the tokens on each access: read it once
    entities = list(doc.ents)
    organisations = [e for e in entities if e.label_ in {"ORG", "WORK_OF_ART", "PRODUCT"}]
    not_outlets = {e.text for e in entities if e.label_ in {"GPE", "LOC", "NORP", "PERSON", "FAC"}}
    for frame in attribution_frames(doc):
        for source, start, end in outlets_in(doc, text, frame, organisations, not_outlets):
            span_start, span_end = min(start, frame.cue_start), max(end, frame.cue_end)
            if (start, end) not in citations:
                citations[(start, end)] = Citation(
                    source=source,
                    text=" ".join(text[span_start:span_end].split()),
                    start=span_start,
                    end=span_end,
                )
    return sorted(citations.values(), key=lambda c: c.start)


def attribution_frames(doc: Doc) -> Iterable[Frame]:
    for token in doc:
        lower, lemma = token.lower_, token.lemma_
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        nxt_lower = nxt.lower_ if nxt is not None else ""
        if lower == "according" and nxt_lower == "to" and nxt is not None:
            yield after_frame(nxt, cue=token, reporting=False)
        elif token.pos_ in {"VERB", "AUX"} and lemma == "tell":
            yield after_frame(token, cue=token, reporting=False)
        elif (
            token.pos_ == "VERB"
            and lemma in {"report", "quote", "cite", "publish"}
            and nxt_lower == "by"
            and nxt is not None
        ):
            yield after_frame(nxt, cue=token, reporting=lemma == "report")
        elif token.pos_ == "VERB" and lemma == "cite" and lower == "citing":
            yield after_frame(token, cue=token, reporting=False)
        elif lemma in {"speak", "talk", "interview"} and nxt_lower in {"to", "with"} and nxt is not None:
            yield after_frame(nxt, cue=token, reporting=False)
        elif token.pos_ == "VERB" and lemma in SAY_LEMMAS:
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.dep_ == "nsubj":
                first, last = subject.left_edge, subject.right_edge
                yield Frame(
                    cue_start=token.idx,
                    cue_end=token.idx + len(token.text),
                    region_start=first.idx,
                    region_end=last.idx + len(last.text),
                    reporting=lemma == "report",
                    lexicon_only=lemma != "report",
                )


def after_frame(anchor: Token, *, cue: Token, reporting: bool) -> Frame:
    """The region after ``anchor``: up to punctuation, a clause ("that", a verb) or 12 tokens."""
    doc = anchor.doc
    end_token = anchor
    for token in doc[anchor.i + 1 : anchor.i + 1 + MAX_WINDOW_TOKENS]:
        if token.is_punct or token.is_space or token.lower_ in {"that", "who", "which", "as", "when"}:
            break
        if token.pos_ in {"VERB", "AUX"} and token.lower_ not in {"including", "include"}:
            break
        end_token = token
    start = anchor.idx + len(anchor.text)
    end = end_token.idx + len(end_token.text) if end_token is not anchor else start
    return Frame(
        cue_start=cue.idx,
        cue_end=anchor.idx + len(anchor.text),
        region_start=start,
        region_end=end,
        reporting=reporting,
    )


def outlets_in(
    doc: Doc, text: str, frame: Frame, organisations: list[Span], not_outlets: set[str]
) -> Iterable[tuple[str, int, int]]:
    """(normalised outlet, start, end) named in the frame's region."""
    if frame.region_end <= frame.region_start:
        return
    region = text[frame.region_start : frame.region_end]
    found_spans: list[tuple[int, int]] = []
    for match in OUTLET_PATTERN.finditer(region):
        start, end = frame.region_start + match.start(), frame.region_start + match.end()
        found_spans.append((start, end))
        yield OUTLET_NAMES[match.group(1)], start, end
    for ent in organisations + untagged_after_media_word(doc, frame, organisations):
        if ent.start_char < frame.region_start or ent.end_char > frame.region_end:
            continue
        if any(a < ent.end_char and ent.start_char < b for a, b in found_spans):
            continue
        words = [t.lower_ for t in ent]
        following = doc[ent.end].lower_ if ent.end < len(doc) else ""
        preceding = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        official = any(w in OFFICIAL_WORDS for w in words)
        media = any(w in MEDIA_WORDS for w in words) or {following, preceding} & MEDIA_TAIL_WORDS
        acronym = len(ent) == 1 and ent.text.isupper()
        reporting = frame.reporting and not frame.lexicon_only and not acronym
        if official or ent.text in not_outlets or not (media or reporting):
            continue
        name = outlet_name(ent.text)
        if name:
            yield name, ent.start_char, ent.end_char


def untagged_after_media_word(doc: Doc, frame: Frame, organisations: list[Span]) -> list[Span]:
    """Proper nouns the model did not tag, right after a media word: "state broadcaster MRTV"."""
    tagged = {t.i for ent in organisations for t in ent}
    found = []
    region = doc.char_span(frame.region_start, frame.region_end, alignment_mode="expand")
    for token in region if region is not None else ():
        if token.i == 0 or token.i in tagged:
            continue
        if token.pos_ == "PROPN" and doc[token.i - 1].lower_ in MEDIA_TAIL_WORDS:
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and end not in tagged:
                end += 1
            found.append(doc[token.i : end])
    return found


def outlet_name(text: str) -> str:
    """ "the Kommersant newspaper" -> "Kommersant"; "Germany's dpa news agency" -> "dpa"; a
    capitalised media word is part of the name: "the Anchorage Daily News" -> "Anchorage Daily News"."""
    name = re.split(r"['\u2019]s\s+", text)[-1].strip()
    name = re.sub(r"^(the|The)\s+", "", name)
    words = name.split()
    while len(words) > 1 and words[-1].lower() in MEDIA_TAIL_WORDS and not words[-1][:1].isupper():
        words.pop()
    name = " ".join(words)
    return OUTLET_NAMES.get(name, name)
