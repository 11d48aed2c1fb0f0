"""When in a game one play came, as outlets give its clock: "tied the game with 10:03 to play in
the third quarter" against "tied it with 6:00 left in the third quarter"; "early in the fourth
quarter" against "late in the fourth quarter".

A game clock is no tally (quantity alignment leaves clock times out), but one play happens at one
moment of its period, so two outlets setting one play at moments that cannot both hold disagree.
The frame is the play, found by structure, never by nearness alone:

- the period is written with the clock ("left in the third quarter", "early in the fourth"); a
  clock without one ("with just over four minutes remaining") takes the period its sentence
  names, when it names exactly one; a reading with no period is never compared;
- the play is what the sentence tells happened: a change of the game's state (the game tied, a
  go-ahead score), which happens about once in a period, or a play (touchdown, field goal,
  interception, fumble, a fourth-down try) that also needs a player named in both sentences;
- a sentence with two readings of the clock is left out (which play has which moment?), and so
  is an article that gives one play two different moments.

Readings are ranges of time left in the period: a clock "10:03" is one moment; "four minutes"
is rounded (3:30 to 4:59), "just over four minutes" 4:00 to 4:59, "just under five" 4:00 to
4:59; "early", "midway" and "late" in a quarter are its first, middle and last parts (a 15-minute
quarter). Two readings disagree when their ranges do not meet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wirecheck.compare.found import FoundClaims, found_in_sentences
from wirecheck.compare.text import fold_transliteration, mentions_with_bodies, sentence_span
from wirecheck.extract.numbers import single_number
from wirecheck.model import Article, ArticleMentions

QUARTER_SECONDS = 15 * 60
# parts of a quarter, in seconds left: early (the first half of it), midway, late (the last half)
PHASES = {
    "early": (QUARTER_SECONDS / 2 + 1, QUARTER_SECONDS),
    "midway": (4 * 60, 11 * 60),
    "late": (0, QUARTER_SECONDS / 2 - 1),
}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ORDINAL = r"(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)"
_PERIOD = rf"(?:in|of)\s+the\s+{_ORDINAL}(?:\s+(?:quarter|period)|(?=\s*[,.;)]|\s+(?:and|but|as|when|after|before)\b))"
_NUMBER = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
_HEDGE = r"(?P<hedge>just\s+over|just\s+under|just\s+more\s+than|just\s+less\s+than|more\s+than|less\s+than|over|under|about|around|nearly|almost|some)"
CLOCK = re.compile(
    rf"\bwith\s+(?:(?:only|just)\s+(?=\d|[a-z]+\s+minutes?))?(?:{_HEDGE}\s+)?"
    rf"(?:(?P<clock>\d{{1,2}}:\d{{2}})(?:\s+minutes?)?|(?P<minutes>{_NUMBER})\s+minutes?)"
    r"\s+(?:left|to\s+play|to\s+go|remaining)(?:\s+on\s+the\s+clock)?"
    rf"(?:\s+{_PERIOD})?",
    re.IGNORECASE,
)
PHASE = re.compile(
    rf"\b(?P<phase>early|late|midway\s+through|halfway\s+through|in\s+the\s+middle\s+of)\s+(?:in\s+)?(?:the\s+)?"
    rf"{_ORDINAL}(?:\s+(?:quarter|period)|(?=\s*[,.;)]|\s+(?:and|but|as|when|after|before)\b))",
    re.IGNORECASE,
)
PERIOD_ALONE = re.compile(rf"\b{_PERIOD}", re.IGNORECASE)
# a sentence about another game or an earlier play of its kind: "in week 3", "another go-ahead drive"
BACKGROUND = re.compile(
    r"\b(?:in\s+week\s+\d+|last\s+(?:week|season|year|game|meeting)|earlier\s+(?:this|in\s+the)\s+season|"
    r"previous\s+(?:game|meeting|week|season)|another)\b",
    re.IGNORECASE,
)

# changes of the game's state: about once a period, so the period alone frames them
STATE_PLAYS = {
    "game-tying score": re.compile(
        r"\b(?:tied|ties|tie|tying|knotted|evened|levell?ed)(?:\s+up)?\s+(?:the\s+(?:game|score|contest|match)|it|things)\b"
        r"|\bgame-tying\b",
        re.IGNORECASE,
    ),
    "go-ahead score": re.compile(
        r"\bgo-ahead\b|\b(?:took|take|takes|taking)\s+the\s+lead\b|\bbr(?:eak|eaks|oke|eaking)\s+an?\s+\d+-\d+\s+tie\b",
        re.IGNORECASE,
    ),
}
# plays that happen many times a game: framed by the period and a player both sentences name
PLAYS = {
    "touchdown": re.compile(r"\btouchdowns?\b", re.IGNORECASE),
    "field goal": re.compile(r"\bfield\s+goals?\b", re.IGNORECASE),
    "interception": re.compile(r"\bintercept(?:ion|ed|s)?\b|\bpick-six\b", re.IGNORECASE),
    "fumble": re.compile(r"\bfumbl(?:e|ed|es)\b", re.IGNORECASE),
    "fourth-down try": re.compile(r"\bfourth\s*-?\s*and\s*-?\s*\w+|\bfourth\s+down\b", re.IGNORECASE),
}
PERIOD_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth"}


@dataclass(frozen=True)
class ClockReading:
    """One outlet's moment of one sentence's play: seconds left in the period, as a range."""

    article_id: str
    period: int
    low: float
    high: float
    value: str  # as written: "with 10:03 to play in the third quarter", "late in the fourth quarter"
    plays: frozenset[str]
    players: frozenset[str]  # folded surnames of the people the sentence names
    start: int
    end: int
    sentence_span: tuple[int, int]

    def meets(self, other: ClockReading) -> bool:
        return self.low <= other.high and other.low <= self.high


def _range(match: re.Match[str]) -> tuple[float, float] | None:
    """Seconds left, as a range, of a clock reading ("10:03"; "just over four minutes")."""
    hedge = re.sub(r"\s+", " ", (match.group("hedge") or "").lower())
    if match.group("clock"):
        minutes, seconds = (int(part) for part in match.group("clock").split(":"))
        if seconds > 59:
            return None
        moment = minutes * 60 + seconds
        if hedge in {"", "just over", "just under"}:  # "just over 4:08" is still about 4:08
            return float(moment), float(moment)
        return moment - 60.0, moment + 60.0
    minutes_number = single_number(match.group("minutes").lower())
    if minutes_number is None:
        return None
    whole = minutes_number * 60
    if hedge in {"just over", "just more than", "more than", "over"}:
        return whole, whole + (59 if hedge.startswith("just") else 119)
    if hedge in {"just under", "just less than", "less than", "under", "nearly", "almost"}:
        return whole - (59 if hedge.startswith("just") or hedge in {"nearly", "almost"} else 119), whole
    if hedge in {"about", "around", "some"}:
        return whole - 60, whole + 60
    return whole - 30, whole + 59  # "four minutes left": rounded from 3:30 to 4:59


def read_clocks(article_id: str, body: str, players_at: Sequence[tuple[int, str]]) -> list[ClockReading]:
    """Every reading of the game clock whose sentence tells a play, one per sentence at most."""
    by_sentence: dict[tuple[int, int], list[tuple[re.Match[str], tuple[float, float] | None]]] = {}
    for match in CLOCK.finditer(body):
        by_sentence.setdefault(sentence_span(body, match.start(), match.end()), []).append(
            (match, _range(match))
        )
    for match in PHASE.finditer(body):
        phase = match.group("phase").lower().split()[0]
        bounds = PHASES.get({"halfway": "midway", "in": "midway"}.get(phase, phase))
        by_sentence.setdefault(sentence_span(body, match.start(), match.end()), []).append((match, bounds))
    readings: list[ClockReading] = []
    for span, found in by_sentence.items():
        sentence = body[span[0] : span[1]]
        if BACKGROUND.search(sentence):
            continue
        periods = {ORDINALS[m.group("ordinal").lower()] for m in PERIOD_ALONE.finditer(sentence)}
        timed: list[tuple[re.Match[str], tuple[float, float], int]] = []
        for match, bounds in found:
            own = match.group("ordinal")
            period = ORDINALS[own.lower()] if own else (next(iter(periods)) if len(periods) == 1 else None)
            if bounds is None or period is None:
                break  # no period, or several: which moment is of which period?
            timed.append((match, bounds, period))
        else:
            timed = _finest(timed)
        if len(timed) != 1:
            continue
        match, (low, high), period = timed[0]
        plays = frozenset(
            name for name, pattern in (*STATE_PLAYS.items(), *PLAYS.items()) if pattern.search(sentence)
        )
        if not plays:
            continue
        players = frozenset(name for at, name in players_at if span[0] <= at < span[1])
        readings.append(
            ClockReading(article_id, period, float(low), float(high), match.group(0).strip(), plays, players,
                         match.start(), match.end(), span)
        )  # fmt: skip
    return readings


def _finest(
    timed: list[tuple[re.Match[str], tuple[float, float], int]],
) -> list[tuple[re.Match[str], tuple[float, float], int]]:
    """One reading of a sentence; a part of the period and a clock inside it are one moment told
    twice ("late in the fourth quarter ... with 4:08 left"): the clock is the finer. Otherwise
    several readings: none is kept."""
    if len(timed) != 2:
        return timed
    clocks = [t for t in timed if t[0].re is CLOCK]
    phases = [t for t in timed if t[0].re is PHASE]
    if len(clocks) == 1 and len(phases) == 1 and clocks[0][2] == phases[0][2]:
        (clock_low, clock_high), (phase_low, phase_high) = clocks[0][1], phases[0][1]
        if phase_low <= clock_low and clock_high <= phase_high:
            return clocks
    return []


def one_play(a: ClockReading, b: ClockReading) -> bool:
    """Readings of one play: the same period and the same change of the game's state, or the same
    kind of play with a player both sentences name."""
    if a.period != b.period:
        return False
    if a.plays & b.plays & STATE_PLAYS.keys():
        return True
    return bool(a.plays & b.plays & PLAYS.keys()) and bool(a.players & b.players)


def game_clock_facts(articles: Sequence[Article], mentions: Sequence[ArticleMentions]) -> list[FoundClaims]:
    """Agreed and disputed moments of the plays that two outlets or more set on the game clock."""
    readings: list[ClockReading] = []
    for article_mentions, body in mentions_with_bodies(articles, mentions):
        players = [
            (m.start, fold_transliteration(m.text.split()[-1]))
            for m in article_mentions.entities
            if m.label == "PERSON" and m.text.split()
        ]
        readings += read_clocks(article_mentions.article_id, body, players)
    labels = {a.id: a.outlet or a.id for a in articles}
    bodies = {a.id: a.body for a in articles}
    facts = []
    for group in _plays(readings):
        kept = _unambiguous(group)
        if len({r.article_id for r in kept}) < 2:
            continue
        facts.append(_fact(kept, labels, bodies))
    return facts


def _plays(readings: Sequence[ClockReading]) -> list[list[ClockReading]]:
    """Readings joined when they are of one play, directly or through others."""
    parent = list(range(len(readings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(readings):
        for j in range(i + 1, len(readings)):
            if readings[j].article_id != a.article_id and one_play(a, readings[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[ClockReading]] = {}
    for i, reading in enumerate(readings):
        groups.setdefault(root(i), []).append(reading)
    return list(groups.values())


def _unambiguous(group: Sequence[ClockReading]) -> list[ClockReading]:
    """Leave out an article that sets the play at two moments that do not meet; keep one reading
    of an article that gives it twice alike."""
    kept: dict[str, ClockReading] = {}
    dropped: set[str] = set()
    for reading in group:
        first = kept.setdefault(reading.article_id, reading)
        if not first.meets(reading):
            dropped.add(reading.article_id)
    return [r for a, r in kept.items() if a not in dropped]


def _fact(group: Sequence[ClockReading], labels: Mapping[str, str], bodies: Mapping[str, str]) -> FoundClaims:
    shared = frozenset.intersection(*(r.plays for r in group))
    play = (
        next((p for p in (*STATE_PLAYS, *PLAYS) if p in shared), None)
        or sorted({p for r in group for p in r.plays})[0]
    )
    period = PERIOD_NAMES[group[0].period]
    clash = any(not a.meets(b) for a in group for b in group if a.article_id < b.article_id)
    listing = " vs ".join(f"{r.value} ({labels[r.article_id]})" for r in group)
    subject = f"when the {play} came in the {period} quarter"
    reason = (
        f"outlets set the {play} at moments of the {period} quarter that cannot both hold: {listing}"
        if clash
        else f"all set the {play} at one moment of the {period} quarter: {listing}"
    )
    figures = [(r.article_id, r.value, None, r.sentence_span, r.start, r.end) for r in group]
    return found_in_sentences(subject, "time", clash, reason, figures, bodies)
