"""Named entities of one article, cleaned: names without titles, roles kept apart.

spaCy's small English model finds the names; this module repairs what it gets wrong
in news text, using only the article itself:

- titles are not part of a name: "US Army Secretary Dan Driscoll" gives the name
  "Dan Driscoll" with the role "US Army Secretary"; an appositive gives a role too
  ("Rustem Umerov, a former defense minister who ..." -> "former defense minister");
- a first name the model left out is put back ("Rustem" + "Umerov");
- a subject of a speech verb that looks like a name but was not tagged becomes a PERSON;
- entities that run across a line break or a list ("Kyiv, Kharkiv") are split;
- possessive 's and a leading "the" are stripped; heading-like paragraphs are skipped;
- within the article, a single word tagged ORG/GPE that is the surname of a tagged
  person becomes PERSON, and a single word tagged PERSON that stands where places
  stand ("in Kyiv", "the Dniprovskyi district", "the city of Taganrog") becomes GPE.

Story-wide repairs (majority types, joining spellings) are in :mod:`wirecheck.extract.story`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, cast

from spacy.tokens import Doc, Span, Token

from wirecheck.extract.lexicon import (
    NAME_PARTICLES,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    TITLE_WORDS,
)
from wirecheck.extract.names import fold_name, fold_word, name_words
from wirecheck.model import EntityMention

EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"]
WANTED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_ROLE_TOKENS = 12
_ROLE_STOP_POS = frozenset({"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "DET", "NUM", "ADV"})
_POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})


def find_entities(doc: Doc, subheadings: Sequence[str] = ()) -> list[EntityMention]:
    """Cleaned entity mentions of ``doc`` (its text is the article body), in text order."""
    skipped = heading_ranges(doc.text, subheadings)
    mentions: list[EntityMention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in WANTED_LABELS or any(a <= ent.start_char < b for a, b in skipped):
            continue
        for piece in split_entity(ent):
            if ent.label_ != "PERSON" and is_title_of_phrase(piece.root):
                continue  # "State" in "Secretary of State": part of a title, not a body
            if any(i in covered for i in range(piece.start, piece.end)):
                continue  # already inside a repaired name ("Leyen" after "Ursula von der")
            mention = clean_mention(piece, ent.label_)
            if mention is not None:
                mentions.append(mention)
                name = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                covered.update(
                    range(name.start, name.end) if name is not None else range(piece.start, piece.end)
                )
    for span in untagged_speakers(doc, covered):
        mention = clean_mention(span, "PERSON")
        if mention is not None and not any(a <= span.start_char < b for a, b in skipped):
            mentions.append(mention)
            covered.update(range(span.start, span.end))
    for span in untagged_surnames(doc, mentions, covered):
        if not any(a <= span.start_char < b for a, b in skipped):
            mentions.append(
                EntityMention(text=span.text, label="PERSON", start=span.start_char, end=span.end_char)
            )
    mentions.sort(key=lambda m: m.start)
    return relabel_within_article(doc, mentions)


# --------------------------------------------------------------------------- spans


def heading_ranges(text: str, subheadings: Sequence[str]) -> list[tuple[int, int]]:
    """Character ranges of lines that are headings, not prose (NER is unreliable there)."""
    known = {" ".join(h.split()) for h in subheadings}
    ranges = []
    start = 0
    for line in text.split("\n"):
        flat = " ".join(line.split())
        if flat and (flat in known or looks_like_heading(flat)):
            ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


def looks_like_heading(line: str) -> bool:
    """Short, no closing punctuation, mostly capitalised words: "Europe Backs Ukraine"."""
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    if not words or len(words) > 12 or line[-1] in ".!?\"'\u201d\u2019):;,":
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6


def split_entity(ent: Span) -> Iterable[Span]:
    """Pieces of an entity between line breaks and commas, trimmed of "the" and 's."""
    doc = ent.doc
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        at_break = i == ent.end or "\n" in doc[i].text or doc[i].text in {",", ";", "/"}
        if not at_break:
            continue
        piece = trim_span(doc[start:i])
        if piece is not None:
            yield piece
        start = i + 1


def trim_span(span: Span) -> Span | None:
    """Drop a leading determiner, trailing possessive marks and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].text in _POSSESSIVE_MARKS or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        if doc[end - 1].text == "." and end - start == 1:
            break
        end -= 1
    if end <= start or not any(c.isalpha() for c in doc[start:end].text):
        return None
    return doc[start:end]


def clean_mention(span: Span, label: str) -> EntityMention | None:
    """An EntityMention for ``span``; for people: title moved to role, first name restored."""
    if len(span.text) > 80:
        return None
    if label != "PERSON":
        text = strip_trailing_possessive(span.text)
        return EntityMention(
            text=text, label=cast(EntityLabel, label), start=span.start_char, end=span.start_char + len(text)
        )
    doc = span.doc
    start, end = span.start, span.end
    while end - start > 1 and doc[start].lower_ in TITLE_WORDS:
        start += 1
    while start > 0 and is_missing_first_name(doc[start - 1], start, end):
        start -= 1
    end = with_particle_surname(doc, end)
    name = doc[start:end]
    if not looks_like_person_name(name):
        return None
    role = title_before(doc, start, end) or appositive_role(name)
    text = strip_trailing_possessive(name.text)
    return EntityMention(
        text=text, label="PERSON", start=name.start_char, end=name.start_char + len(text), role=role
    )


def strip_trailing_possessive(text: str) -> str:
    for mark in ("'s", "\u2019s"):
        if text.endswith(mark):
            return text[: -len(mark)]
    return text


def is_missing_first_name(token: Token, start: int, end: int) -> bool:
    """A capitalised proper noun just before the name, attached to it, not a title."""
    return (
        token.pos_ == "PROPN"
        and token.text.istitle()
        and token.lower_ not in TITLE_WORDS
        and token.ent_type_ in {"", "PERSON"}
        and token.dep_ in {"compound", "nmod", "nsubj", "flat"}
        and start <= token.head.i < end
    )


def with_particle_surname(doc: Doc, end: int) -> int:
    """ "Ursula von" + "der Leyen": a name the model cut at a lower-case particle."""
    j = end
    while j < len(doc) and doc[j].lower_ in NAME_PARTICLES and doc[j].text[:1].islower():
        j += 1
    if j > end and j < len(doc) and doc[j].text.istitle():
        return j + 1
    if end - 1 >= 0 and doc[end - 1].lower_ in NAME_PARTICLES and j < len(doc) and doc[j].text.istitle():
        return j + 1
    return end


def looks_like_person_name(span: Span) -> bool:
    """Every word capitalised (or a particle such as "de"); one to five words."""
    words = [t for t in span if not t.is_punct]
    if not 1 <= len(words) <= 5:
        return False
    for token in words:
        text = token.text
        if token.lower_ in NAME_PARTICLES:
            continue
        if not text[:1].isupper() or "\n" in text:
            return False
    return True


# --------------------------------------------------------------------------- roles


def title_before(doc: Doc, start: int, end: int) -> str | None:
    """The title words right before a name: "White House press secretary" Karoline Leavitt."""
    first = start
    i = start - 1
    while i >= 0 and start - i <= MAX_ROLE_TOKENS:
        token = doc[i]
        if token.is_space:
            break
        is_possessive = token.dep_ == "case" and token.text in _POSSESSIVE_MARKS
        if not is_possessive and not is_title_of_phrase(token):
            if token.pos_ in _ROLE_STOP_POS or token.is_punct and token.text not in {"-", "."}:
                break
            if not (i < token.head.i < end):
                break
        first = i
        i -= 1
    while first < start and (doc[first].dep_ == "case" or doc[first].is_punct):
        first += 1
    role = doc[first:start]
    if not len(role) or not any(t.lower_ in TITLE_WORDS for t in role):
        return None
    return role.text.strip()


def is_title_of_phrase(token: Token) -> bool:
    """The "of State" in "Secretary of State Marco Rubio": "of" after a title, or its object."""
    doc = token.doc
    of = (
        token
        if token.lower_ == "of"
        else token.head
        if token.dep_ == "pobj" and token.head.lower_ == "of"
        else None
    )
    if of is None or of.i == 0 or of.i > token.i:
        return False
    return doc[of.i - 1].lower_ in TITLE_WORDS and (token is of or token.text[:1].isupper())


def appositive_role(name: Span) -> str | None:
    """Role from an appositive: "Name, a former defense minister" or "The commander ..., Name"."""
    root = name.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= name.end and child.pos_ == "NOUN":
            role = noun_phrase_text(child, exclude=None)
            if role:
                return role
    if root.dep_ == "appos" and root.head.i < name.start and root.head.pos_ == "NOUN":
        return noun_phrase_text(root.head, exclude=root)
    return None


def noun_phrase_text(head: Token, exclude: Token | None) -> str | None:
    """The head noun with its modifiers and "of" phrase, without clauses; None when no title."""
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ in {"relcl", "acl", "appos", "advcl", "cc", "conj", "punct"} or child is exclude:
            dropped.update(t.i for t in child.subtree)
    kept = [t for t in head.subtree if t.i not in dropped]
    run = contiguous_run(kept, head.i)
    while run and (run[0].pos_ == "DET" or run[0].is_punct):
        run = run[1:]
    while run and run[-1].is_punct:
        run = run[:-1]
    if not run or len(run) > MAX_ROLE_TOKENS or not any(t.lower_ in TITLE_WORDS for t in run):
        return None
    return head.doc[run[0].i : run[-1].i + 1].text


def contiguous_run(tokens: list[Token], anchor: int) -> list[Token]:
    """The tokens around ``anchor`` with no gap in their indices."""
    by_index = {t.i: t for t in tokens}
    lo = hi = anchor
    while lo - 1 in by_index:
        lo -= 1
    while hi + 1 in by_index:
        hi += 1
    return [by_index[i] for i in range(lo, hi + 1)]


# --------------------------------------------------------------------------- repairs


def untagged_speakers(doc: Doc, covered: set[int]) -> Iterable[Span]:
    """Names the model missed that are the subject of a speech verb: "Rustem Umerov ... said"."""
    for token in doc:
        if (
            token.dep_ == "nsubj"
            and token.pos_ == "PROPN"
            and token.text.istitle()
            and token.i not in covered
            and token.ent_type_ == ""
            and token.head.lemma_ in SPEECH_VERBS
            and token.lower_ not in TITLE_WORDS
        ):
            start = token.i
            while start > 0 and is_missing_first_name(doc[start - 1], start, token.i + 1):
                start -= 1
            if token.i + 1 - start >= 2:
                yield doc[start : token.i + 1]


def untagged_surnames(doc: Doc, mentions: Sequence[EntityMention], covered: set[int]) -> Iterable[Span]:
    """A capitalised word the model left untagged that is the surname of a person named in
    the article ("Starmer stressed" after "Keir Starmer")."""
    surnames = {
        words[-1]
        for m in mentions
        if m.label == "PERSON" and len(words := m.text.split()) > 1 and len(words[-1]) > 2
    }
    for token in doc:
        if token.text in surnames and token.i not in covered and token.ent_type_ == "":
            yield doc[token.i : token.i + 1]


def relabel_within_article(doc: Doc, mentions: list[EntityMention]) -> list[EntityMention]:
    """Fix single-word type errors with evidence from the same article (see module docstring)."""
    surnames = {
        fold_word(words[-1]) for m in mentions if m.label == "PERSON" and len(words := name_words(m.text)) > 1
    }
    fixed = []
    for m in mentions:
        words = name_words(m.text)
        if len(words) == 1 and m.label in {"ORG", "GPE", "NORP", "LOC"} and fold_word(words[0]) in surnames:
            m = EntityMention(text=m.text, label="PERSON", start=m.start, end=m.end, role=m.role)
        elif len(words) == 1 and m.label == "GPE" and used_as_adjective(doc, m):
            m = EntityMention(text=m.text, label="NORP", start=m.start, end=m.end)
        elif (
            len(words) == 1
            and m.role is None
            and fold_name(m.text) not in surnames
            and is_misplaced_place(doc, m)
        ):
            m = EntityMention(text=m.text, label="GPE", start=m.start, end=m.end)
        fixed.append(m)
    return fixed


def is_misplaced_place(doc: Doc, m: EntityMention) -> bool:
    """A lone "person" after "in", or a lone "organisation" before "region", is a place."""
    if m.label == "PERSON":
        return stands_where_places_stand(doc, m, prepositions=True)
    return m.label == "ORG" and stands_where_places_stand(doc, m, prepositions=False)


def used_as_adjective(doc: Doc, mention: EntityMention) -> bool:
    """ "Ukrainian officials": a nationality adjective tagged as a country."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].pos_ == "ADJ"


def stands_where_places_stand(doc: Doc, mention: EntityMention, *, prepositions: bool) -> bool:
    """ "in Kyiv", "the Krasnodar region", "the city of Taganrog", "Kherson and <place>"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    before = [t for t in doc[max(0, span.start - 3) : span.start] if t.pos_ != "DET"]
    after = doc[span.end : span.end + 2]
    if after and after[0].lower_ in PLACE_NOUNS:
        return True
    if len(after) > 1 and after[0].text in _POSSESSIVE_MARKS and after[1].lower_ in PLACE_NOUNS:
        return True
    if len(before) >= 2 and before[-1].lower_ == "of" and before[-2].lower_ in PLACE_NOUNS:
        return True
    if prepositions and before and before[-1].lower_ in PLACE_PREPOSITIONS and before[-1].pos_ == "ADP":
        return True
    root = span.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    return any(t.ent_type_ in PLACE_LABELS and t.ent_type_ != "" for t in linked)
