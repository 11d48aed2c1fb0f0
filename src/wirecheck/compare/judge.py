"""Judge a set of readings of one measurable thing: agreed, disputed or single, with a reason.

Two ways of comparing numbers, because readers treat them differently:

- tallies (people killed, drones downed, countries in a coalition): the *figure* matters.  The same
  figure with different hedges agrees ("460" / "over 460", "13" / "at least 13"), and so does a bare
  figure inside another's bound ("23" / "at least 21") or a round lower bound just under it ("more
  than 1,600" / "at least 1,644").  Other different figures are a dispute: hard when the values
  exclude each other ("20" / "13"), soft when both can hold ("at least six" / "at least seven": both
  lower bounds).  A toll that rises between earlier and later publications is an update.
- spans of time ("almost four years" of war): approximate by nature, so only values whose ranges
  cannot overlap are a dispute ("nearly three years" against "almost four years").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Status = Literal["agreed", "disputed", "single"]

LOWER_BOUNDS = frozenset(
    {
        "at least",
        "more than",
        "over",
        "above",
        "upwards of",
        "in excess of",
        "no fewer than",
        "no less than",
        "at minimum",
        "a minimum of",
        "beyond",
        "exceeding",
    }
)
UPPER_BOUNDS = frozenset(
    {
        "up to",
        "at most",
        "fewer than",
        "less than",
        "under",
        "below",
        "no more than",
        "a maximum of",
        "as many as",
    }
)
JUST_BELOW = frozenset({"nearly", "almost", "close to", "just under", "approaching", "roughly almost"})


@dataclass(frozen=True)
class Reading:
    """One article's value for the thing being judged."""

    article_id: str
    label: str  # how the reason names the article: outlet or id
    value: str  # as written: "at least seven"
    number: float
    qualifier: str | None = None
    when: str | None = None  # publication date or datetime, ISO
    number_max: float | None = None  # upper end of a written range


@dataclass(frozen=True)
class Verdict:
    status: Status
    reason: str
    soft: bool = False  # a difference in figures where both can still be true


def qualifier_kind(qualifier: str | None) -> str:
    """exact | lower | upper | just_below | approximate."""
    q = (qualifier or "").strip().lower()
    if not q or q in {"exactly", "precisely"}:
        return "exact"
    if q in LOWER_BOUNDS:
        return "lower"
    if q in UPPER_BOUNDS:
        return "upper"
    if q in JUST_BELOW:
        return "just_below"
    return "approximate"


def tally_interval(reading: Reading) -> tuple[float, float]:
    """The values a tally as written allows (a bare figure allows itself, or its written range)."""
    n = reading.number
    kind = qualifier_kind(reading.qualifier)
    if kind == "lower":
        return n, math.inf
    if kind == "upper":
        return 0.0, n
    if kind == "just_below":
        return n * 0.8, n
    if kind == "approximate":
        return n * 0.8, n * 1.2
    return n, reading.number_max if reading.number_max is not None else n


def span_interval(reading: Reading) -> tuple[float, float]:
    """The lengths a span of time as written allows, in its unit: "three years" is said of 3 to
    under 4 years, "nearly four years" of about 3.5 to 4, "about four years" of 3.5 to 4.5."""
    n = reading.number
    kind = qualifier_kind(reading.qualifier)
    if kind == "exact":
        return n, (reading.number_max if reading.number_max is not None else n + 0.99)
    if kind == "just_below":
        return max(n * 0.8, n - 0.5), n
    if kind == "approximate":
        return max(n * 0.8, n - 0.5), min(n * 1.2, n + 0.5)
    return tally_interval(reading)


STRICT_LOWER = frozenset({"more than", "over", "above", "upwards of", "in excess of", "beyond", "exceeding"})
STRICT_UPPER = frozenset({"fewer than", "less than", "under", "below"}) | JUST_BELOW  # "nearly 100" < 100


def _strict_bounds_clash(readings: Sequence[Reading]) -> bool:
    """ "more than 40" against "fewer than 40": one figure, bounds that exclude each other."""
    qualifiers = {(r.qualifier or "").lower() for r in readings}
    return bool(qualifiers & STRICT_LOWER) and bool(qualifiers & STRICT_UPPER)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def describe(readings: Sequence[Reading]) -> str:
    """ "at least six (001, 003) vs at least seven (000)": each value with who gives it, most common first."""
    by_value: dict[str, list[str]] = {}
    for reading in readings:
        labels = by_value.setdefault(reading.value.strip(), [])
        if reading.label not in labels:
            labels.append(reading.label)
    ordered = sorted(by_value.items(), key=lambda item: -len(item[1]))
    return " vs ".join(f"{value} ({', '.join(labels)})" for value, labels in ordered)


def _figure(reading: Reading) -> tuple[float, float | None]:
    return reading.number, reading.number_max


def single_verdict(readings: Sequence[Reading]) -> Verdict:
    label = readings[0].label if readings else "one article"
    return Verdict("single", f"only {label} reports this")


def is_update(readings: Sequence[Reading]) -> bool:
    """Different figures that line up with publication times: each later report gives a higher toll."""
    if any(not r.when for r in readings):
        return False
    for a in readings:
        for b in readings:
            if a.number >= b.number:
                continue
            # a gives fewer than b: a must have been published strictly earlier
            if not (a.when and b.when and _earlier(a.when, b.when)):
                return False
    return True


def _earlier(a: str, b: str) -> bool:
    """a before b: by date, or by time of day when both give one (a bare date cannot be ordered
    against a time on the same day)."""
    if a[:10] != b[:10]:
        return a[:10] < b[:10]
    return len(a) > 10 and len(b) > 10 and a < b


def pair_relation(a: Reading, b: Reading) -> str:
    """How two readings of one tally relate:

    same      the same figure ("460" / "over 460", "13" / "at least 13")
    within    a bare figure inside the other's bound ("23" / "at least 21", "1,351" / "more than 1,300")
    rounded   a round lower bound just under the other figure ("more than 1,600" / "at least 1,644")
    bounds    two different lower bounds: both can be true, the figures still differ
    overlap   hedged figures whose ranges overlap ("about 18" / "about 16")
    conflict  values that cannot both be right as written ("20" / "13")
    clash     the same figure with bounds that exclude each other ("more than 40" / "fewer than 40")
    """
    if _figure(a) == _figure(b):
        return "clash" if _strict_bounds_clash([a, b]) else "same"
    kind_a, kind_b = qualifier_kind(a.qualifier), qualifier_kind(b.qualifier)
    for exact, hedged, hedged_kind in ((a, b, kind_b), (b, a, kind_a)):
        ranged = hedged.number_max is not None  # "three or four" allows four
        if qualifier_kind(exact.qualifier) == "exact" and (hedged_kind != "exact" or ranged):
            low, high = tally_interval(hedged)
            if low <= exact.number <= high and exact.number_max is None:
                return "within"
    if _rounded_to_whole(a, b) or _rounded_to_whole(b, a):
        return "within"
    if kind_a == kind_b == "lower":
        low, high = sorted((a.number, b.number))
        if low >= 10 and low % 10 == 0 and high <= low * 1.1:
            return "rounded"
        return "bounds"
    if _overlap(tally_interval(a), tally_interval(b)):
        return "overlap"
    return "conflict"


def _rounded_to_whole(whole: Reading, precise: Reading) -> bool:
    """ "one mile" for 1.2 miles: a whole figure that is the other's decimal figure rounded."""
    return (
        whole.number == int(whole.number)
        and precise.number != int(precise.number)
        and precise.number < 100
        and round(precise.number) == whole.number
        and qualifier_kind(whole.qualifier) in {"exact", "approximate"}
    )


_AGREEING = frozenset({"same", "within", "rounded"})


def judge_tally(readings: Sequence[Reading], *, cumulative: bool = False) -> Verdict:
    """Judge counts of one thing across articles (see the module docstring and :func:`pair_relation`)."""
    if len({r.article_id for r in readings}) < 2:
        return single_verdict(readings)
    relations = {pair_relation(a, b) for i, a in enumerate(readings) for b in readings[i + 1 :]}
    if relations <= _AGREEING:
        if relations == {"same"}:
            if len({r.value.strip().lower() for r in readings}) == 1:
                return Verdict("agreed", f"all give {readings[0].value.strip()}")
            return Verdict("agreed", f"{describe(readings)} agree: the same figure, only hedged differently")
        return Verdict(
            "agreed", f"{describe(readings)} agree: each bare figure lies within the others' hedged bounds"
        )
    if "clash" in relations:
        return Verdict(
            "disputed", f"the same figure with bounds that exclude each other: {describe(readings)}"
        )
    if cumulative and is_update(readings):
        ordered = sorted(readings, key=lambda r: (r.when or "", r.number))
        steps = " then ".join(f"{r.value.strip()} ({r.label}, {r.when})" for r in ordered)
        return Verdict(
            "agreed", f"updated over time, not a contradiction: {steps}; later reports give the newer tally"
        )
    if "conflict" not in relations and "bounds" in relations and "overlap" not in relations:
        return Verdict(
            "disputed",
            f"different tallies: {describe(readings)}; both are lower bounds, so both can be true, "
            "but the outlets give different figures",
            soft=True,
        )
    if "conflict" not in relations:
        return Verdict(
            "disputed",
            f"different figures: {describe(readings)}; as hedged they do not strictly exclude each other",
            soft=True,
        )
    return Verdict(
        "disputed", f"different figures that cannot both be right as written: {describe(readings)}"
    )


def judge_span(readings: Sequence[Reading], *, unit: str = "years") -> Verdict:
    """Judge lengths of time: a dispute only when the hedged ranges cannot overlap."""
    if len({r.article_id for r in readings}) < 2:
        return single_verdict(readings)
    intervals = [span_interval(r) for r in readings]
    if all(_overlap(a, b) for a in intervals for b in intervals):
        if len({_figure(r) for r in readings}) == 1:
            return Verdict("agreed", f"{describe(readings)}: the same length")
        return Verdict("agreed", f"{describe(readings)}: approximate lengths that can all hold")
    return Verdict("disputed", f"lengths that cannot both hold: {describe(readings)}")
