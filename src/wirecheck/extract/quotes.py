"""Quotes of one article and who said them.

Finding the quoted words (character level, over the article body):
- straight ("), curly (\u201c \u201d), low (\u201e) and angle (\u00ab \u00bb) double marks, mixed freely;
  a straight mark opens when outside a quote and closes when inside, so mis-spaced marks
  (``that" glass rained down" on``) still pair up;
- a quote left open at the end of a paragraph either closes in the next paragraph (one quote
  across the break) or, when the next paragraph opens a new quote, ends there and is chained
  to it: a speaker found for either part is the speaker of both (news convention for
  quotes running over several paragraphs).

Finding the speaker (with the spaCy parse):
1. the speech verb governing the quote: walk up the parse from the quote's words to a verb
   such as "said", "told", "wrote", "added", "according to" outside the quote, in the same
   paragraph (also partial quotes: calling Moscow "a threat" -> the subject of the clause);
2. else the nearest speech verb in the same sentence, after the quote, then before it;
3. else, for a quote standing alone in its paragraph: a previous paragraph ending with a colon
   ("X said of the talks:"); the speaker of the quoted paragraph just before, unless this quote
   ends with a comma (the attribution follows); a speech verb in the first sentence of the next
   paragraph ("X said in a post on X.");
4. the verb's subject names the speaker: a person ("Dan Driscoll"; a surname is expanded to
   the full name given earlier in the article; "the commander, Robert Brovdi"), a named body
   ("the Kremlin"), a pronoun ("he added") or a definite title ("the Commission president")
   resolved to the person most recently named as the subject of a clause (a title only to a
   person holding it, when roles are known), or an unnamed source ("one resident",
   "a US official") -> None.
Quotes of one to three words are kept only when a speech verb governs them, and quotes that
name something (the so-called "Coalition of the Willing") are not speech.  A quote left open
that nothing continues or attributes is dropped (a stray mark, an inch sign).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from wirecheck.extract.lexicon import NAMING_VERBS, SPEECH_VERBS, TITLE_WORDS
from wirecheck.extract.names import fold_word, name_words
from wirecheck.model import EntityMention, QuoteMention

OPENING_MARKS = "\u201c\u201e\u00ab"
CLOSING_MARKS = "\u201d\u00bb"
QUOTE_MARKS = '"' + OPENING_MARKS + CLOSING_MARKS
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
# Honorifics and role words that give a person's gender (lower case, without a full stop).
MALE_WORDS = frozenset(
    [
        "mr",
        "sir",
        "lord",
        "actor",
        "father",
        "son",
        "brother",
        "husband",
        "man",
        "boy",
        "grandfather",
        "uncle",
        "nephew",
        "king",
        "prince",
        "spokesman",
        "chairman",
        "congressman",
        "businessman",
        "policeman",
        "widower",
        "boyfriend",
    ]
)
FEMALE_WORDS = frozenset(
    [
        "mrs",
        "ms",
        "miss",
        "madam",
        "lady",
        "actress",
        "mother",
        "daughter",
        "sister",
        "wife",
        "woman",
        "girl",
        "grandmother",
        "aunt",
        "niece",
        "queen",
        "princess",
        "spokeswoman",
        "chairwoman",
        "congresswoman",
        "businesswoman",
        "policewoman",
        "widow",
        "girlfriend",
    ]
)
# Titles and roles written before a name (besides the shared TITLE_WORDS).
SPEAKER_TITLE_WORDS = TITLE_WORDS | frozenset(
    [
        "producer",
        "showrunner",
        "publicist",
        "filmmaker",
        "actor",
        "actress",
        "singer",
        "star",
        "councilman",
        "councilwoman",
        "undersheriff",
        "rev",
        "reverend",
        "detective",
        "officer",
        "defender",
        "sgt",
        "lt",
        "gen",
        "col",
        "capt",
        "det",
        "insp",
        "supt",
        "assemblyman",
        "assemblywoman",
        "executive-producer",
        "creator",
        "writer",
        "author",
        "host",
        "anchor",
        "engineer",
        "witness",
        "doctor",
        "nurse",
        "teacher",
        "pilot",
    ]
)
HONORIFIC_WEIGHT = 3  # an honorific or role word outweighs a few pronouns
PRONOUN_LOOKBACK_SENTENCES = 8
TITLE_LOOKBACK_SENTENCES = 6  # "the Navy chief said" refers to a titled person named this close  # "he said" refers to someone named at most this many sentences back
# Documents through which a body or person speaks ("the ministry's statement said").
DOCUMENT_NOUNS = frozenset(
    [
        "statement",
        "release",
        "editorial",
        "communique",
        "communiqué",
        "memo",
        "letter",
        "report",
        "filing",
        "post",
        "tweet",
        "announcement",
        "bulletin",
        "notice",
        "email",
        "message",
        "blog",
        "column",
        "complaint",
        "indictment",
        "affidavit",
    ]
)
AUTHOR_LABELS = frozenset({"ORG", "NORP", "GPE", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC"})
# Labels the small tagger gives people it does not know ("said Jo Rivers" as FAC or PRODUCT).
MISTAGGED_PERSON_LABELS = frozenset({"FAC", "PRODUCT", "LOC", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
# Nouns that news writing uses, with "the", for a person already named ("the star said"), unlike
# "the witness" or "the driver", which often introduce someone unnamed.
EPITHET_WORDS = frozenset(
    [
        "star",
        "actress",
        "actor",
        "singer",
        "rapper",
        "songwriter",
        "musician",
        "comedian",
        "filmmaker",
        "showrunner",
        "novelist",
        "author",
        "quarterback",
        "striker",
        "frontman",
        "rocker",
    ]
)
# Days and months that are never someone's name (April, June, August may be; the tagger's DATE covers them)
CALENDAR_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "january",
        "february",
        "september",
        "october",
        "november",
        "december",
    ]
)
UNNAMED_PRONOUNS = frozenset({"i", "we", "they", "it", "you", "who", "which", "that", "one"})
MIN_QUOTE_WORDS = 4
MAX_CLIMB = 8
NEXT_PARAGRAPH_TOKENS = 15
MAX_QUOTE_PARAGRAPHS = 8  # a quotation runs over at most this many paragraphs without marks
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# Two apostrophes misprinted for a double mark: opening before a word (''We), closing after one
_DOUBLED_APOSTROPHE = r"(?<![\w'])''(?=[\w(\[])|(?<=[\w.,!?;:])''(?![\w'])"
_QUOTE_MARK = re.compile(_DOUBLED_APOSTROPHE + "|[" + QUOTE_MARKS + "]")


@dataclass(frozen=True)
class QuoteSpan:
    """Where a quote is: its marks and the quoted words (offsets into the body)."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the paragraph ends first
    start: int  # first quoted character
    end: int  # one past the last quoted character
    paragraph: int  # where it opens
    last_paragraph: int  # where it closes or ends
    chained: bool = False  # continues a quote left open at the end of the previous paragraph


@dataclass(frozen=True)
class Speech:
    """A speech verb and who it names as speaker."""

    verb: Token
    speaker: str | None
    is_person: bool


# --------------------------------------------------------------------------- quote spans


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; paragraphs are separated by blank lines."""
    ranges, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return ranges


def mark_direction(text: str, i: int) -> str:
    """ "open", "close" or "either" from the mark itself and the characters around it."""
    mark = text[i]
    if mark in OPENING_MARKS:
        return "open"
    if mark in CLOSING_MARKS:
        return "close"
    width = mark_width(text, i)
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    space_before = before.isspace() or before in "([{\u2014\u2013-/"
    space_after = after.isspace() or after in ".,;:!?)]}\u2014\u2013-"
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


# A quote closed by a single mark before its attribution ("“We are sad,' she wrote"): in a quote
# left open, a single mark after a comma or stop followed by a subject and a speech verb.
_SINGLE_MARK_CLOSE = re.compile(
    r"[,.!?]'(?=[ \t]+(?:he|she|they|we|I|[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2})[ \t]+"
    r"(?:said|says|wrote|writes|added|adds|told|tells|asked|asks|explained|recalled|continued)\b)"
)


def mark_width(text: str, i: int) -> int:
    """2 for a double mark printed as two apostrophes (''), else 1."""
    return 2 if text.startswith("''", i) else 1


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted passage of ``text`` (see the module docstring for the rules)."""
    spans: list[QuoteSpan] = []
    pending: OpenQuote | None = None  # a quote still open at the end of the previous paragraph
    paragraphs = paragraph_ranges(text)
    for number, (p_start, p_end) in enumerate(paragraphs):
        inside: OpenQuote | None = None
        marks = [m.start() for m in _QUOTE_MARK.finditer(text, p_start, p_end)]
        if pending is not None and not marks and closes_later(text, paragraphs, number):
            continue  # a paragraph inside a quotation running over several paragraphs
        for position, i in enumerate(marks):
            if inside is None:
                if pending is not None:
                    if position == 0 and mark_direction(text, i) == "close" and text[p_start:i].strip():
                        spans.append(make_span(text, pending, i, number))
                        pending = None
                        continue
                    spans.append(make_span(text, pending, None, pending.paragraph))
                    pending = None
                    inside = OpenQuote(
                        i, number, p_end, chained=position == 0 and not text[p_start:i].strip()
                    )
                else:
                    inside = OpenQuote(i, number, p_end)
            elif text[i] in OPENING_MARKS and not misprinted_close(text, i):
                # a new opening mark: the open quote was never closed
                spans.append(make_span(text, replace(inside, paragraph_end=i), None, number))
                inside = OpenQuote(i, number, p_end)
            else:
                spans.append(make_span(text, inside, i, number))
                inside = None
        if pending is not None:  # no mark in this paragraph: the open quote ended with its own
            spans.append(make_span(text, pending, None, pending.paragraph))
        pending = inside
    if pending is not None:
        spans.append(make_span(text, pending, None, pending.paragraph))
    return [s for s in spans if s.end > s.start]


def misprinted_close(text: str, i: int) -> bool:
    """An opening mark printed where a quote closes: after the quote's final comma or stop and
    before a lower-case word (“We are ready, “said Jo Bell)."""
    before = text[max(0, i - 2) : i].rstrip()
    return bool(before) and before[-1] in ",.!?" and text[i + 1 : i + 2].islower()


def closes_later(text: str, paragraphs: list[tuple[int, int]], number: int) -> bool:
    """Whether a quote left open goes on through paragraph ``number`` (which has no mark) to a
    paragraph whose first mark closes it, within a few paragraphs.

    Texts that print one sentence per paragraph break a quotation of several sentences over
    several paragraphs with no marks between the opening and the closing one.
    """
    for p_start, p_end in paragraphs[number : number + MAX_QUOTE_PARAGRAPHS]:
        first = _QUOTE_MARK.search(text, p_start, p_end)
        if first is None:
            continue
        return mark_direction(text, first.start()) != "open" and bool(text[p_start : first.start()].strip())
    return False


@dataclass(frozen=True)
class OpenQuote:
    """An opening mark not yet closed, with the paragraph it is in."""

    mark: int
    paragraph: int
    paragraph_end: int
    chained: bool = False


def make_span(text: str, opened: OpenQuote, close_at: int | None, last_paragraph: int) -> QuoteSpan:
    """Quoted words between the marks (or to the paragraph end), trimmed of spaces and a final comma."""
    start = opened.mark + mark_width(text, opened.mark)
    stop = close_at if close_at is not None else opened.paragraph_end
    if close_at is None:
        single = _SINGLE_MARK_CLOSE.search(text, start, stop)
        if single is not None:
            close_at = stop = single.start() + 1
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] == ","):
        stop -= 1
    return QuoteSpan(
        open=opened.mark,
        close=close_at,
        start=start,
        end=stop,
        paragraph=opened.paragraph,
        last_paragraph=last_paragraph,
        chained=opened.chained,
    )


# --------------------------------------------------------------------------- speakers


def find_quotes(doc: Doc, entities: Sequence[EntityMention]) -> list[QuoteMention]:
    """Quotes of ``doc`` with their speakers as named in this article."""
    text = doc.text
    spans = find_quote_spans(text)
    if not spans:
        return []
    paragraphs = paragraph_ranges(text)
    quoted = [(s.open, s.close if s.close is not None else s.end) for s in spans]
    names = ArticleNames(doc, entities, quoted)
    speeches = speech_events(doc, names, quoted)
    found: list[tuple[QuoteSpan, Speech | None, bool]] = []
    for span in spans:
        previous = found[-1] if found and found[-1][0].last_paragraph == span.paragraph - 1 else None
        speech, governed = attribute(doc, span, paragraphs, speeches, quoted, previous)
        found.append((span, speech, governed))
    found = share_speakers_along_chains(found)
    quotes = []
    for index, (span, speech, governed) in enumerate(found):
        continued = index + 1 < len(found) and found[index + 1][0].chained
        if span.close is None and speech is None and not continued:
            continue
        words = text[span.start : span.end].split()
        short = len(words) < MIN_QUOTE_WORDS and not governed
        if short and not (speech is not None and is_whole_sentence(text[span.start : span.end])):
            continue  # a short phrase in marks names or stresses something; a short attributed sentence is speech
        spoken = speech is not None and governed and is_whole_sentence(text[span.start : span.end])
        if not spoken and is_name_like(words, text[: span.open]):
            continue  # a governed whole sentence is speech ("Somebody in the FBI?"), not a name
        if not any(c.isalpha() for c in text[span.start : span.end]):
            continue
        quotes.append(
            QuoteMention(
                text=" ".join(text[span.start : span.end].split()),
                speaker=speech.speaker if speech else None,
                cue=cue_text(speech.verb) if speech else None,
                start=span.start,
                end=span.end,
            )
        )
    return quotes


def is_whole_sentence(quoted: str) -> bool:
    """ "He's the patsy.", "Mission accomplished!": a capitalised sentence closed inside the marks."""
    quoted = quoted.strip()
    return quoted[:1].isupper() and quoted.endswith((".", "!", "?", "…"))


def is_name_like(words: list[str], text_before: str) -> bool:
    """A short quote that names something rather than quotes someone: the so-called
    "Coalition of the Willing", a "Washington Format" meeting."""
    if re.search(
        r"\b(so-called|dubbed|nicknamed|known as|named|titled|entitled)[ \t,:]*$", text_before, re.IGNORECASE
    ):
        return True
    content = [w for w in words if w.lower() not in {"of", "the", "and", "for", "a", "an", "in", "on"}]
    return 1 < len(content) <= 6 and all(w[:1].isupper() for w in content)


def cue_text(verb: Token) -> str:
    """The speech verb as the cue; ":" for a transcript line ("Haldeman: ...")."""
    return "according to" if verb.lower_ == "according" else verb.lower_


@dataclass(frozen=True)
class PersonMention:
    """A person named in the narration (not inside a quote), as a pronoun may refer back to it."""

    start: int  # character offset
    name: str  # full name as the article gives it
    sentence: int
    main_subject: bool  # subject of its sentence's main clause ("Producer Jo Bell, who ..., is sure")
    tagged_person: bool = True  # False: a proper name the tagger gave another label ("Jo Bell" as ORG)
    titled: bool = False  # named with a title or role ("Admiral Jo Bell", "Jo Bell, the harbour master")


class ArticleNames:
    """Who the article names: token -> entity mention, surname -> full name, and for pronouns the
    people named in the narration, sentence by sentence, with the gender the text gives them."""

    def __init__(
        self, doc: Doc, entities: Sequence[EntityMention], quoted: Sequence[tuple[int, int]] = ()
    ) -> None:
        self.by_token: dict[int, EntityMention] = {}
        for m in entities:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.by_token.setdefault(t.i, m)
        full: dict[str, set[str]] = {}
        given: dict[str, set[str]] = {}
        for m in entities:
            bare = bare_name(m.text)
            words = name_words(bare)
            if m.label == "PERSON" and len(words) > 1:
                full.setdefault(fold_word(words[-1]), set()).add(bare)
                given.setdefault(fold_word(words[0]), set()).add(bare)
        self.full_names = {k: next(iter(v)) for k, v in full.items() if len(v) == 1}
        # a lone first name ("Chela said") is the one person of the article who has it
        self.given_names = {k: next(iter(v)) for k, v in given.items() if len(v) == 1 and k not in full}
        self.people = sorted((m for m in entities if m.label == "PERSON"), key=lambda m: m.start)
        self.surnames = set(full)
        self.roles: dict[str, str] = {}
        for m in self.people:
            if m.role:
                self.roles.setdefault(self.person_name(m.text), m.role)
        self.sentence_of = sentence_indexes(doc)
        mentions = self.narration_mentions(doc, entities, quoted)
        self.genders = genders_in_text(doc, mentions, self.sentence_of, quoted, self.roles)
        # A proper name tagged as something else is a person when the text gives it a gender
        # ("Jo Bell penned a letter. ... she wrote"): the small tagger often calls people ORG.
        self.mentions = [m for m in mentions if m.tagged_person or m.name in self.genders]

    def narration_mentions(
        self, doc: Doc, entities: Sequence[EntityMention], quoted: Sequence[tuple[int, int]]
    ) -> list[PersonMention]:
        """Names outside quotes, with the tagger's persons first; a name used as a modifier
        ("the Bush administration") is no referent."""
        found = []
        for m in entities:
            if m.label not in {"PERSON", "ORG", "GPE"} or inside_any(m.start, list(quoted)):
                continue
            if not self.is_person_surname(m.text) and all(
                w.lower().rstrip(".") in SPEAKER_TITLE_WORDS for w in m.text.split()
            ):
                continue  # "Filmmaker" tagged as a person is a title, not a name ("King" may be a surname)
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if m.label != "PERSON" and (
                len(span) > 3
                or any(t.pos_ != "PROPN" for t in span)
                or root.dep_ not in {"nsubj", "nsubjpass"}
            ):
                continue  # another label: only a proper name that acts as a subject may be a person
            if root.dep_ == "compound" and not (span.start <= root.head.i < span.end):
                continue
            head = root.head if root.dep_ in {"appos", "compound", "flat"} else root
            subject = root if root.dep_ in {"nsubj", "nsubjpass"} else head
            main = subject.dep_ in {"nsubj", "nsubjpass"} and subject.head.dep_ == "ROOT"
            name = self.person_name(m.text) if m.label == "PERSON" else self.untagged_name(m.text, entities)
            titled = (
                bool(m.role)
                or bare_name(m.text) != m.text
                or bool(described_as(doc, m.start) & SPEAKER_TITLE_WORDS)
            )
            found.append(
                PersonMention(m.start, name, self.sentence_of[root.i], main, m.label == "PERSON", titled)
            )
        found += self.untagged_subjects(doc, entities, quoted)
        return sorted(found, key=lambda m: m.start)

    def untagged_subjects(
        self, doc: Doc, entities: Sequence[EntityMention], quoted: Sequence[tuple[int, int]]
    ) -> list[PersonMention]:
        """Proper names the tagger missed that act as subjects ("Meyer penned a letter"): possible
        referents of a pronoun, kept only when the text gives them a gender."""
        found = []
        for token in doc:
            if (
                token.dep_ not in {"nsubj", "nsubjpass"}
                or token.pos_ != "PROPN"
                or not token.text.istitle()
                or token.lower_ in TITLE_WORDS
                or token.i in self.by_token
                or token.ent_type_
                or inside_any(token.idx, list(quoted))
            ):
                continue
            first = token
            while first.i > 0 and (left := doc[first.i - 1]).dep_ == "compound" and left.head is token:
                if left.pos_ != "PROPN" or not left.text.istitle() or left.i in self.by_token:
                    break
                first = left
            name = self.untagged_name(doc[first.i : token.i + 1].text, entities)
            main = token.head.dep_ == "ROOT"
            found.append(PersonMention(first.idx, name, self.sentence_of[token.i], main, False, False))
        return found

    def untagged_name(self, text: str, entities: Sequence[EntityMention]) -> str:
        """A surname given alone, written out as the one longer name of the article ending with it."""
        words = name_words(text)
        if len(words) != 1:
            return text
        longer = {
            m.text for m in entities if len(name_words(m.text)) > 1 and name_words(m.text)[-1] == words[0]
        }
        return next(iter(longer)) if len(longer) == 1 else self.person_name(text)

    def titled_before(self, token: Token) -> str | None:
        """The person named nearest before ``token`` within a few sentences, when the article gives
        that person a title or role: what "the Navy chief" or "the commander" refers back to."""
        here = self.sentence_of[token.i]
        before = [
            m
            for m in self.mentions
            if m.start < token.idx and here - m.sentence < TITLE_LOOKBACK_SENTENCES and m.titled
        ]
        return before[-1].name if before else None

    def referent_of(self, pronoun: Token, unnamed: Sequence[tuple[int, int]]) -> tuple[str | None, bool]:
        """(name, found) for "he"/"she": the nearest compatible person named before it.

        Sentence by sentence back from the pronoun: the first sentence that names a person of
        compatible gender (or an unnamed speaker, "a senior officer said") holds the referent; in
        it the subject of the main clause wins, else the first person named.  An unnamed
        speaker gives (None, True): the pronoun is that unnamed person, not someone named earlier.
        """
        gender = "f" if pronoun.lower_ in FEMALE_PRONOUNS else "m"
        here = self.sentence_of[pronoun.i]
        for sentence in range(here, max(-1, here - PRONOUN_LOOKBACK_SENTENCES), -1):
            named = [
                m
                for m in self.mentions
                if m.sentence == sentence
                and m.start < pronoun.idx
                and self.genders.get(m.name, gender) == gender
            ]
            nameless = [start for start, at in unnamed if at == sentence and start < pronoun.idx]
            if named and not (nameless and nameless[-1] > named[-1].start and not named[-1].main_subject):
                main = [m for m in named if m.main_subject]
                return (main[-1] if main else named[0]).name, True
            if nameless:
                return None, True
        return None, False

    def last_person_before(self, position: int) -> str | None:
        before = [m for m in self.people if m.end <= position]
        return before[-1].text if before else None

    def person_name(self, text: str) -> str:
        """A lone surname written out as the full name the article gives."""
        text = bare_name(text)
        words = name_words(text)
        if len(words) == 1:
            key = fold_word(words[0])
            return self.full_names.get(key) or self.given_names.get(key) or text
        return text

    def is_person_surname(self, text: str) -> bool:
        words = name_words(text)
        return len(words) == 1 and fold_word(words[0]) in self.surnames


def bare_name(text: str) -> str:
    """A person's name without the title or role written in front of it: "Producer Jo Bell",
    "City Councilman Jo Bell" -> "Jo Bell" (the name is what follows the last title word)."""
    words = text.split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        if word.lower().rstrip(".") in SPEAKER_TITLE_WORDS or word.lower() in SPEAKER_TITLE_WORDS:
            cut = i + 1
    return " ".join(words[cut:]) if cut else text


def sentence_indexes(doc: Doc) -> list[int]:
    """The sentence number of every token."""
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for i in range(sentence.start, sentence.end):
            index[i] = number
    return index


def genders_in_text(
    doc: Doc,
    mentions: Sequence[PersonMention],
    sentence_of: Sequence[int],
    quoted: Sequence[tuple[int, int]],
    roles: dict[str, str],
) -> dict[str, str]:
    """The gender the article itself gives each person ("m"/"f"), where its evidence is one-sided:
    an honorific or role word ("Ms.", "actress", "father"), and the pronouns of the sentences that
    name that person alone (and of the next sentence when it names nobody)."""
    votes: dict[str, list[int]] = {}
    people_in: dict[int, set[str]] = {}
    last_in: dict[int, int] = {}  # sentence -> offset of its last mention
    first_in: dict[int, int] = {}  # sentence -> offset of its first mention
    named_by_first: set[str] = set()
    for m in mentions:
        people_in.setdefault(m.sentence, set()).add(m.name)
        last_in[m.sentence] = max(last_in.get(m.sentence, 0), m.start)
        first_in[m.sentence] = min(first_in.get(m.sentence, m.start), m.start)
        words = set((roles.get(m.name) or "").lower().split()) | described_as(doc, m.start)
        tally = votes.setdefault(m.name, [0, 0])
        tally[0] += HONORIFIC_WEIGHT * len(words & MALE_WORDS)
        tally[1] += HONORIFIC_WEIGHT * len(words & FEMALE_WORDS)
        if m.name not in named_by_first:  # a common given name, counted once per person
            named_by_first.add(m.name)
            given = given_name_gender(m.name)
            tally[0] += HONORIFIC_WEIGHT * (given == "m")
            tally[1] += HONORIFIC_WEIGHT * (given == "f")
    # sentence -> (offset, is female, is a subject) of its pronouns
    pronouns: dict[int, list[tuple[int, bool, bool]]] = {}
    for token in doc:
        lower = token.lower_
        if (lower in MALE_PRONOUNS or lower in FEMALE_PRONOUNS) and not inside_any(token.idx, list(quoted)):
            pronouns.setdefault(sentence_of[token.i], []).append(
                (token.idx, lower in FEMALE_PRONOUNS, token.dep_ in {"nsubj", "nsubjpass"})
            )
    for sentence, names in people_in.items():
        if len(names) != 1:
            continue
        tally = votes[next(iter(names))]
        # pronouns after the name in its sentence, and in the next sentence when it names nobody
        after = [female for at, female, _ in pronouns.get(sentence, []) if at > last_in[sentence]]
        # and in the next sentence, before it names anyone ("Jo Bell wrote. Later she added, with Al: ...")
        if sentence + 1 not in people_in:
            after += [female for _, female, _ in pronouns.get(sentence + 1, [])]
        else:  # only a subject pronoun before the first name: "... she wrote, with Al: ..."
            first = first_in[sentence + 1]
            after += [
                female for at, female, subject in pronouns.get(sentence + 1, []) if at < first and subject
            ]
        tally[0] += after.count(False)
        tally[1] += after.count(True)
    genders = {}
    for name, (male, female) in votes.items():
        if male > 2 * female:
            genders[name] = "m"
        elif female > 2 * male:
            genders[name] = "f"
    return genders


@cache
def given_names() -> dict[str, str]:
    """The shipped list of common given names and their usual gender (``data/given_names.tsv``)."""
    data = resources.files("wirecheck").joinpath("data/given_names.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in data.splitlines() if line and not line.startswith("#"))
    return {name: gender for name, gender in rows}


def given_name_gender(name: str) -> str | None:
    """ "m"/"f" when a full name starts with a common given name ("Howard Roe"), else None."""
    words = name_words(name)
    return given_names().get(words[0].lower().strip(".")) if len(words) > 1 else None


def described_as(doc: Doc, start: int) -> set[str]:
    """Words that describe the person named at ``start``: the honorific before the name ("Ms."),
    the noun it stands in apposition to ("his daughter, Jo"), lower case without full stops."""
    before = doc.text[max(0, start - 6) : start].strip().rstrip(".").lower().split()
    words = set(before[-1:])
    index = token_index_at(doc, start)
    if index < len(doc):
        token = doc[index]
        while token.dep_ in {"compound", "flat"} and token.head is not token:
            token = token.head
        if token.dep_ == "appos":
            words.add(token.head.lower_)
        words.update(c.lower_ for c in token.children if c.dep_ == "appos")
    return words


def speech_events(doc: Doc, names: ArticleNames, quoted: list[tuple[int, int]]) -> list[Speech]:
    """Every speech verb outside quotes with its speaker, in text order.

    Pronouns ("he said") and definite titles ("the Commission president said") are resolved to
    the person most recently named as the subject of a clause (any verb, or "according to"):
    "X said after meeting Y. '...,' he added" -> X, "Y, the chief executive, defended the plan.
    '...,' he said" -> Y."""
    events: list[Speech] = []
    people = SubjectHistory(names)
    transcript = transcript_speakers(doc, names, quoted)
    for token in doc:
        if token.i in transcript:
            events.append(transcript[token.i])
            continue
        if inside_any(token.idx, quoted):
            continue
        if is_speech_verb(token):
            subject = subject_of(token)
            speaker, is_person = (
                people.resolve(subject, speaking=True) if subject is not None else (None, False)
            )
            events.append(Speech(token, speaker, is_person))
        elif token.dep_ in {"nsubj", "nsubjpass"} and not is_speech_verb(token.head):
            people.resolve(token)
    return events


_TRANSCRIPT_LINE = re.compile(
    r"(?:^|\n)[ \t]*((?:[A-Z][\w'.-]*\.?[ \t]+){0,3}[A-Z][\w'.-]*)[ \t]*:[ \t]*(?=[" + QUOTE_MARKS + "])"
)


def transcript_speakers(doc: Doc, names: ArticleNames, quoted: list[tuple[int, int]]) -> dict[int, Speech]:
    """Transcript lines, "Haldeman: “Yes, sir.”": a paragraph that opens with a proper name and a
    colon right before a quote mark names the speaker of that quote.  Keyed by the colon's token."""
    found: dict[int, Speech] = {}
    for match in _TRANSCRIPT_LINE.finditer(doc.text):
        name_span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        colon = token_index_at(doc, match.end(1))
        if name_span is None or colon >= len(doc) or doc[colon].text != ":":
            continue
        mention = names.by_token.get(name_span[-1].i)
        tagged = mention is not None and mention.label in {"PERSON", "ORG"}
        if len(match.group(1).replace(".", "")) < 3 or not (
            tagged or named_elsewhere(doc, name_span[-1], names)
        ):
            continue  # "Q:", "Note:", "Update:" are labels, not speakers
        if inside_any(match.start(1), quoted):
            continue
        is_person = (mention is not None and mention.label == "PERSON") or names.is_person_surname(
            match.group(1)
        )
        found[colon] = Speech(doc[colon], names.person_name(match.group(1)), is_person)
    return found


def named_elsewhere(doc: Doc, word: Token, names: ArticleNames) -> bool:
    """Whether ``word`` is a proper name of the article: part of a name the tagger found, or written
    capitalised somewhere else in the middle of a sentence ("... says Forstall."), as labels like
    "Note" never are."""
    return any(
        t.text == word.text
        and t.i != word.i
        and (t.i in names.by_token or not t.is_sent_start and t.i > 0 and t.nbor(-1).text not in ".:\n")
        for t in doc
    )


class SubjectHistory:
    """The people named so far as subjects, to resolve "he" and "the minister"."""

    def __init__(self, names: ArticleNames) -> None:
        self.names = names
        self.people: list[str] = []
        self.unnamed: list[
            tuple[int, int]
        ] = []  # (offset, sentence) of unnamed speakers: "a senior officer said"
        self.unnamed_nouns: set[str] = set()  # their nouns: "the officer added" is that officer

    def resolve(self, subject: Token, speaking: bool = False) -> tuple[str | None, bool]:
        speaker, is_person = name_of(subject, self.names, speaking)
        if subject.lower_ in PERSON_PRONOUNS:
            # a speaker: the nearest compatible person; else (and for other verbs) the latest subject
            speaker, found = self.names.referent_of(subject, self.unnamed) if speaking else (None, False)
            if not found:
                fallback = self.names.last_person_before(subject.idx)
                speaker = (
                    self.people[-1] if self.people else self.names.person_name(fallback) if fallback else None
                )
            is_person = speaker is not None
        elif speaking and speaker is None and subject.pos_ == "NOUN" and not is_definite_title(subject):
            self.unnamed.append((subject.idx, self.names.sentence_of[subject.i]))
            self.unnamed_nouns.add(subject.lower_)
        elif speaker is None and is_definite_title(subject):
            if subject.lower_ in self.unnamed_nouns and speaking:
                speaker = None  # "a Western diplomat said ... the diplomat added": still unnamed
            elif subject.lower_ in TITLE_WORDS:
                speaker = self.holder_of(subject.lower_, subject)
            else:
                speaker = self.described_by(subject.lower_, subject)
            is_person = speaker is not None
        if speaker and is_person:
            self.people.append(speaker)
        return speaker, is_person

    def described_by(self, epithet: str, subject: Token) -> str | None:
        """Who "the star" or "the novelist" is: the latest person whose role has that word, else
        the person the article has named most often so far (the one it is about)."""
        for person in reversed(self.people):
            role = re.split(r"['\u2019]s\b", (self.names.roles.get(person) or "").lower())[-1]
            if epithet in role.split():
                return person
        counts: dict[str, int] = {}
        for mention in self.names.mentions:
            if mention.start < subject.idx:
                counts[mention.name] = counts.get(mention.name, 0) + 1
        if not counts:
            return None
        most = max(counts.values())
        leaders = [name for name, count in counts.items() if count == most]
        return leaders[0] if len(leaders) == 1 else None

    def holder_of(self, title: str, subject: Token | None = None) -> str | None:
        """The latest person whose role has this title word; else the nearest person named with a
        title in the sentences just before ("Admiral Jo Bell ... said the Navy chief"); else the
        latest person if no role is known."""
        for person in reversed(self.people):
            # the words after a possessive: "the star's rep" is a rep, not a star
            role = re.split(r"['\u2019]s\b", (self.names.roles.get(person) or "").lower())[-1]
            if title in role:
                return person
        titled = self.names.titled_before(subject) if subject is not None else None
        if titled:
            return titled
        if self.people and not self.names.roles.get(self.people[-1]):
            return self.people[-1]
        return None


def is_definite_title(token: Token) -> bool:
    """ "the Commission president", "the minister", "the Oscar-winning actress": a title noun, or
    an epithet that news writing uses for a person it has named, with "the" and no name."""
    return (
        token.pos_ == "NOUN"
        and (token.lower_ in TITLE_WORDS or token.lower_ in EPITHET_WORDS)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


def is_speech_verb(token: Token) -> bool:
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children) or (
            token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
        )
    if token.lemma_ == "continue" and any(c.dep_ == "xcomp" for c in token.children):
        return False  # "it will continue to sell", not "..., he continued"
    if token.lemma_ == "add" and any(c.dep_ == "auxpass" for c in token.children):
        return False  # "chips will be added", not "he added"
    return token.pos_ in {"VERB", "AUX"} and token.lemma_ in SPEECH_VERBS | NAMING_VERBS


def inside_any(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= position <= b for a, b in ranges)


def subject_of(verb: Token) -> Token | None:
    """The speaker token of a speech verb: its subject, the object of "according to", or, for
    a verb without one ("..., but added that", "calling Moscow ..."), the subject of the
    nearest speech verb it hangs from (else of the nearest clause)."""
    if verb.lower_ == "according":
        to = next((c for c in verb.children if c.lower_ == "to"), None)
        if to is None and verb.i + 1 < len(verb.doc):
            to = verb.doc[verb.i + 1]
        if to is not None:
            return next((c for c in to.children if c.dep_ == "pobj"), None)
        return None
    fallback = None
    current = verb
    for level in range(5):
        subject = main_subject(current)
        if subject is not None and (level == 0 or is_speech_verb(current)):
            return subject
        fallback = fallback or subject
        if current.dep_ not in {"conj", "advcl", "xcomp", "pcomp", "ccomp"} or current.head is current:
            break
        if crosses_paragraph(current, current.head):
            break  # the parser joined two paragraphs: never take a subject from the other one
        current = current.head
    return fallback or nearest_subject_before(verb)


def main_subject(verb: Token) -> Token | None:
    """The verb's subject; of two (a misparse: "New mode: “Eyes free,” says Forstall"), the proper
    name after the verb, as in an inverted attribution."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if len(subjects) > 1:
        inverted = [c for c in subjects if c.i > verb.i and c.pos_ == "PROPN"]
        return inverted[0] if inverted else subjects[0]
    return subjects[0] if subjects else None


def crosses_paragraph(a: Token, b: Token) -> bool:
    first, last = sorted((a.i, b.i))
    return any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[first:last])


def nearest_subject_before(verb: Token) -> Token | None:
    """The closest subject before ``verb`` in its sentence, when the parse gives it none."""
    for token in reversed(verb.doc[: verb.i]):
        if token.text in {".", "!", "?"} or "\n" in token.text or token.text in QUOTE_MARKS:
            return None
        if token.dep_ in {"nsubj", "nsubjpass"}:
            return token
    return None


def name_of(token: Token, names: ArticleNames, speaking: bool = False) -> tuple[str | None, bool]:
    """(speaker name, is a person) for a subject token; (None, False) when unnamed.  ``speaking``:
    the token is the subject of a speech verb, so a proper name tagged as a place speaks."""
    if token.lower_ in UNNAMED_PRONOUNS or token.pos_ == "PRON" and token.lower_ not in PERSON_PRONOUNS:
        return None, False
    if token.lemma_.lower() in DOCUMENT_NOUNS and token.pos_ == "NOUN":
        return document_author(token, names)
    mention = names.by_token.get(token.i)
    if mention is None:
        for child in token.subtree:
            if child.i != token.i and child.i in names.by_token and linked_by_name(child, token):
                mention = names.by_token[child.i]
                if mention.label == "PERSON":
                    break
    if token.i not in names.by_token and token.lower_ in TITLE_WORDS:
        # "The commander of the drone unit, Robert Brovdi, said": the person in apposition
        appositive = next(
            (
                names.by_token[t.i]
                for t in token.subtree
                if t.dep_ in {"appos", "conj"} and t.i in names.by_token
            ),
            None,
        )
        if appositive is not None and appositive.label == "PERSON":
            mention = appositive
    if mention is not None:
        if mention.label == "PERSON" or names.is_person_surname(mention.text):
            return names.person_name(mention.text), True
        if mention.label in {"ORG", "GPE", "NORP"} and token.pos_ == "PROPN":
            return mention.text, False
        if speaking and mention.label in MISTAGGED_PERSON_LABELS and token.pos_ == "PROPN":
            # the subject of a speech verb speaks: "said Jo Rivers" tagged as a place or facility is
            # a person; with "the" it is an institution ("the White House said")
            if any(c.dep_ == "det" for c in token.children):
                return mention.text, False
            return names.person_name(mention.text), True
        return None, False
    if names.is_person_surname(token.text):
        return names.person_name(token.text), True
    if token.ent_type_ in {"DATE", "TIME"} or token.lower_ in CALENDAR_WORDS:
        return None, False  # a date never speaks ("Monday said" is a misparse)
    if (
        token.text.istitle()
        and token.lower_ not in TITLE_WORDS
        and (token.pos_ == "PROPN" or not token.is_sent_start)
    ):
        chunk = [
            t
            for t in token.lefts
            if t.dep_ == "compound" and t.text.istitle() and t.lower_ not in TITLE_WORDS
        ]
        text = " ".join([t.text for t in chunk] + [token.text])
        return names.person_name(text), names.is_person_surname(text) or len(chunk) > 0
    return None, False


def document_author(document: Token, names: ArticleNames) -> tuple[str | None, bool]:
    """Who speaks through a document: "the ministry's statement", "the DOJ release", "an
    editorial in the daily Kathimerini", "a statement from Acme Corp" -> that body or person."""
    candidates = [c for c in document.children if c.dep_ in {"poss", "compound", "nmod"}]
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "in", "of"}:
            candidates += [c for c in prep.children if c.dep_ == "pobj"]
    for candidate in candidates:
        mentions = [names.by_token[t.i] for t in candidate.subtree if t.i in names.by_token]
        person = next((m for m in mentions if m.label == "PERSON"), None)
        if person is not None:
            return names.person_name(person.text), True
        if mentions and mentions[0].label in AUTHOR_LABELS:
            return mentions[0].text, False
        if candidate.pos_ == "PROPN" and candidate.text[:1].isupper():
            return candidate.text, False
    return None, False


def linked_by_name(token: Token, head: Token) -> bool:
    """True when ``token`` names ``head`` (compound, appositive, flat), not a prepositional object."""
    current = token
    while current.i != head.i:
        if current.dep_ not in {"compound", "appos", "flat", "nmod", "amod"} or current.head is current:
            return False
        current = current.head
    return True


def attribute(
    doc: Doc,
    span: QuoteSpan,
    paragraphs: list[tuple[int, int]],
    speeches: list[Speech],
    quoted: list[tuple[int, int]],
    previous: tuple[QuoteSpan, Speech | None, bool] | None = None,
) -> tuple[Speech | None, bool]:
    """The speech event that attributes ``span`` and whether a verb governs it (rules 1-3).

    ``previous`` is the quote ending in the paragraph before, if any: a quote paragraph that
    ends a full sentence right after another quoted paragraph continues its speaker."""
    by_verb = {s.verb.i: s for s in speeches}
    p_start = paragraphs[span.paragraph][0]
    p_end = paragraphs[span.last_paragraph][1]
    close = span.close if span.close is not None else span.end
    governing = governing_verb(doc, span, close, (p_start, p_end))
    if governing is not None and governing.i in by_verb:
        return by_verb[governing.i], True
    after = [s for s in speeches if close < s.verb.idx < sentence_end(doc, close, p_end)]
    if after:
        return after[0], False
    before = [s for s in speeches if sentence_start(doc, span.open, p_start) <= s.verb.idx < span.open]
    if before:
        return before[-1], False
    text = doc.text  # built from the tokens on each access: read it once
    carried = attribution_just_before(doc, span, speeches, p_start)
    if carried is not None:
        return carried, False
    outside = (text[p_start : span.open] + text[close + 1 : p_end]).strip()
    if len(re.findall(r"[A-Za-z]+", outside)) > 2:
        return None, False
    if span.paragraph > 0 and text[p_start : span.open].strip() == "":
        b_start, b_end = paragraphs[span.paragraph - 1]
        if text[b_start:b_end].rstrip().endswith(":"):
            last = [s for s in speeches if sentence_start(doc, b_end - 1, b_start) <= s.verb.idx < b_end]
            if last:
                return last[-1], False
    attribution_follows = span.close is not None and "," in text[span.end : span.close]
    if previous is not None and previous[1] is not None and not attribution_follows:
        return previous[1], False
    if span.paragraph > 0 and not attribution_follows and text[p_start : span.open].strip() == "":
        # "Jo Bell said the talks had stalled." / "“We are not giving up.”": a quote paragraph
        # under a paragraph that reports a named person's words goes on with that person
        b_start, b_end = paragraphs[span.paragraph - 1]
        reported = [s for s in speeches if b_start <= s.verb.idx < b_end]
        if reported and reported[-1].is_person and not any(b_start <= a < b_end for a, _ in quoted):
            return reported[-1], False
    if span.last_paragraph + 1 < len(paragraphs):
        n_start, n_end = paragraphs[span.last_paragraph + 1]
        nxt = text[n_start:n_end].lstrip()
        if nxt and nxt[0] not in QUOTE_MARKS:
            near = token_offset(doc, n_start, NEXT_PARAGRAPH_TOKENS, n_end)
            first = [s for s in speeches if n_start <= s.verb.idx < sentence_end(doc, n_start, n_end)]
            # a speech verb at the start of the next paragraph, or later in its first sentence
            # when it names a person ("X made the promise when ..., and said ...")
            first = [s for s in first if (s.verb.idx < near or s.is_person) and s.verb.text != ":"]
            if first:
                return first[0], False
    return None, False


def attribution_just_before(doc: Doc, span: QuoteSpan, speeches: list[Speech], p_start: int) -> Speech | None:
    """A quote that opens a sentence right after the attribution sentence of its paragraph goes on
    with that speaker: "“We lost,” Jo Bell said. “But we fought.”", "Jo Bell said the talks had
    stalled. “We are not giving up.”" (a quote split by "he said", the second half).

    The attribution sentence is the one just before the opening mark; it must hold a speech verb
    and nothing may stand between its end and the mark."""
    text = doc.text
    quoted = text[span.start : span.start + 1]
    if not quoted[:1].isupper() and quoted[:1] not in "[(":
        return None  # a phrase inside a sentence ("... as “a mistake”"), not a new sentence
    earlier = [s for s in speeches if p_start <= s.verb.idx < span.open]
    if not earlier:
        return None
    last = earlier[-1]
    stop = sentence_end(doc, last.verb.idx, span.open)
    if stop >= span.open or text[stop + 1 : span.open].strip(" \t\n" + QUOTE_MARKS + "'"):
        return None
    return last


def governing_verb(doc: Doc, span: QuoteSpan, close: int, paragraph: tuple[int, int]) -> Token | None:
    """Rule 1: walk up from the quoted words to a speech verb outside the quote, in its paragraph."""
    for token in tokens_between(doc, span.start, span.end):
        head = token.head
        if span.open <= head.idx <= close:
            continue
        for _ in range(MAX_CLIMB):
            if not paragraph[0] <= head.idx < paragraph[1]:
                break
            if not (span.open <= head.idx <= close) and is_speech_verb(head):
                return head
            if head.head is head:
                break
            head = head.head
    return None


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def sentence_end(doc: Doc, position: int, limit: int) -> int:
    """Offset of the end of the sentence running after ``position`` (stops at ``limit``)."""
    for token in doc[token_index_at(doc, position) :]:
        if token.idx >= limit:
            return limit
        if token.idx > position and token.text in {".", "!", "?"}:
            return token.idx
    return limit


def sentence_start(doc: Doc, position: int, limit: int) -> int:
    """Offset just after the previous sentence end before ``position`` (not before ``limit``)."""
    index = token_index_at(doc, position)
    for token in reversed(doc[:index]):
        if token.idx < limit:
            return limit
        if token.text in {".", "!", "?"}:
            return token.idx + 1
    return limit


def token_index_at(doc: Doc, position: int) -> int:
    """Index of the first token starting at or after ``position``."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < position:
            lo = mid + 1
        else:
            hi = mid
    return lo


def token_offset(doc: Doc, position: int, count: int, limit: int) -> int:
    index = token_index_at(doc, position) + count
    return limit if index >= len(doc) else min(doc[index].idx, limit)


def share_speakers_along_chains(
    found: list[tuple[QuoteSpan, Speech | None, bool]],
) -> list[tuple[QuoteSpan, Speech | None, bool]]:
    """Quotes chained over paragraph breaks share the speaker any of them has."""
    result = list(found)
    for i in range(1, len(result)):
        span, speech, governed = result[i]
        previous = result[i - 1]
        if span.chained and previous[0].close is None:
            if speech is None and previous[1] is not None:
                result[i] = (span, previous[1], governed)
            elif previous[1] is None and speech is not None:
                result[i - 1] = (previous[0], speech, previous[2])
    for i in range(len(result) - 2, -1, -1):  # a chain of three or more: pass speakers back
        span, speech, governed = result[i]
        nxt = result[i + 1]
        if speech is None and span.close is None and nxt[0].chained and nxt[1] is not None:
            result[i] = (span, nxt[1], governed)
    return result
