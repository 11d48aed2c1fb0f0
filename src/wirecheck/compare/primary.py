"""The primary source a claim's sentence names: "police said", "according to the USGS".

Independence is about witnesses, not articles: fifteen papers relaying one official's estimate are
one witness.  The source is read from the claim's own sentence, in this order:

1. the speaker of a quotation the claim stands in (found by extraction, names resolved);
2. "according to X" (X up to the next comma or clause break);
3. "X said / says / told / reported / estimated / confirmed ..." with X the words just before the
   verb, and the inverted "..., said X";
an outlet or agency cited there ("told Reuters") is left to the citations.  X is kept only when it
looks like a source: a proper name, or a noun phrase whose head is a source word (police,
officials, spokesman, survey, chief...).  The key that merges two claims is X without articles,
titles and determiners, lowercased: "the police" and "Police" are one source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wirecheck.model import Entity, QuoteMention

SAY = (
    r"(?:said|says|say|told|tells|reported|reports|estimated|estimates|confirmed|confirms|announced|"
    r"stated|added|charge|charges|charged|allege|alleges|alleged|testified|listed|put)"
)
SAY_VERB = re.compile(rf"\b{SAY}\b")
ACCORDING = re.compile(r"\baccording to (?P<who>[^,;:()\"“”]{2,60}?)(?=[,;:()\"“”]|\.\s|\.?$)", re.IGNORECASE)
SAY_THEN_SOURCE = re.compile(rf",\s*{SAY}\s+(?P<who>[^,;:()\"“”]{{2,60}}?)\s*(?:[,;]|\.?$)")
CLAUSE_BREAK = re.compile(r"[,;:()\"“”]|\b(?:that|and|but|while|as|when)\b")
PASSIVE = frozenset({"was", "were", "is", "are", "been", "be", "being", "has", "have", "had"})
MAX_SOURCE_WORDS = 6
SOURCE_WORDS = frozenset(
    [
        "police",
        "officer",
        "officers",
        "official",
        "officials",
        "authorities",
        "authority",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "sheriff",
        "department",
        "ministry",
        "ministries",
        "agency",
        "survey",
        "service",
        "coroner",
        "prosecutor",
        "prosecutors",
        "investigators",
        "witnesses",
        "witness",
        "organisers",
        "organizers",
        "team",
        "coach",
        "mayor",
        "governor",
        "minister",
        "president",
        "commander",
        "army",
        "navy",
        "military",
        "statement",
        "hospital",
        "doctors",
        "firefighters",
        "rescuers",
        "coastguard",
        "paramedics",
        "court",
        "judge",
        "lawyer",
        "attorney",
        "family",
        "relatives",
        "company",
    ]
)
ROLE_WORDS = frozenset(
    {"source", "sources", "spokesman", "spokeswoman", "spokesperson", "official", "officials"}
)
ORGANISATION_WORDS = frozenset(
    [
        "survey",
        "service",
        "department",
        "ministry",
        "agency",
        "office",
        "bureau",
        "institute",
        "center",
        "centre",
        "commission",
        "council",
        "association",
        "company",
        "corporation",
        "nations",
        "union",
        "police",
        "army",
        "navy",
        "court",
        "authority",
        "organization",
        "organisation",
        "university",
        "hospital",
    ]
)
DROP_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "his",
        "her",
        "their",
        "our",
        "some",
        "one",
        "two",
        "several",
        "local",
        "state",
        "federal",
        "senior",
        "top",
        "mr",
        "mrs",
        "ms",
        "dr",
        "inspector",
        "sergeant",
        "detective",
        "officer",
    ]
)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this"})
NOT_SOURCES = frozenset({"reports", "media reports", "news reports", "reports say", "it", "there"})


def source_key(name: str) -> str:
    """The merging key of a source, so that one witness named two ways is one:

    - role words go when an organisation remains ("a police source", "police" -> "police";
      "a UN spokesman" -> "un");
    - an organisation of several capitalised words goes by its initials ("US Geological Survey",
      "USGS" -> "usgs"; "United Nations", "UN" -> "un");
    - a person goes by surname ("Inspector Dave Gaskin", "Gaskin" -> "gaskin");
    - otherwise the words without articles, titles or determiners, lowercased."""
    words = [w.replace(".", "") for w in re.findall(r"[\w'’.-]+", name)]
    kept = [w for w in words if w and w.lower() not in DROP_WORDS]
    if len(kept) > 1 and any(w.lower() not in ROLE_WORDS for w in kept):
        kept = [w for w in kept if w.lower() not in ROLE_WORDS]
    if len(kept) > 1 and all(w[:1].isupper() for w in kept):
        if kept[-1].lower() in ORGANISATION_WORDS:  # the head noun says organisation
            return "".join(w.lower() if w.isupper() else w[0].lower() for w in kept)
        return kept[-1].lower()
    return " ".join(w.lower() for w in kept)


def looks_like_source(phrase: str) -> bool:
    """A proper name, or a phrase with a source word (police, officials, survey...); no pronoun."""
    words = phrase.split()
    if not words or len(words) > MAX_SOURCE_WORDS or words[0].lower() in PRONOUNS:
        return False
    if source_key(phrase) in NOT_SOURCES or words[-1].lower() in PASSIVE:
        return False
    lowered = [w.lower().strip(".,'’") for w in words]
    if any(w in SOURCE_WORDS for w in lowered):
        return True
    named = [w for w in words if w.lower() not in DROP_WORDS]
    return bool(named) and all(w[:1].isupper() for w in named)


def tidy(phrase: str) -> str:
    """The phrase as a reader names the source: leading articles and trailing dots dropped."""
    words = phrase.strip().split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words).strip(" ,.")


def primary_source(
    sentence: str, claim_start: int, claim_end: int, quotes: Sequence[QuoteMention] = ()
) -> str | None:
    """The source the sentence names for its claim, or None (see module docstring).

    ``claim_start``/``claim_end`` are body offsets of the claim; ``quotes`` the article's quotes."""
    for quote in quotes:
        if quote.speaker and quote.start <= claim_start and claim_end <= quote.end:
            return quote.speaker
    found = ACCORDING.search(sentence)
    if found and looks_like_source(tidy(found.group("who"))):
        return tidy(found.group("who"))
    for verb in SAY_VERB.finditer(sentence):
        clause = CLAUSE_BREAK.split(sentence[: verb.start()])[-1]
        who = tidy(clause)
        if who and looks_like_source(who):
            return who
    found = SAY_THEN_SOURCE.search(sentence)
    if found and looks_like_source(tidy(found.group("who"))):
        return tidy(found.group("who"))
    return None


def speaks_for(entities: Sequence[Entity]) -> dict[str, str]:
    """Person source key -> the organisation key they speak for, from their roles in the story
    ("Police Inspector", "police spokesman" -> "police"): an official's word is their organisation's.
    Only when the roles name one organisation word."""
    out: dict[str, str] = {}
    for entity in entities:
        if entity.type != "PERSON":
            continue
        words = {w.lower() for role in entity.roles for w in re.findall(r"[\w'’-]+", role)}
        organisations = words & ORGANISATION_WORDS
        if len(organisations) == 1:
            for name in (entity.name, *entity.aliases):
                out[source_key(name)] = next(iter(organisations))
    return out
