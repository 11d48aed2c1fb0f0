"""Claim frames: two figures are compared only when they are figures of the same thing.

A frame is what a figure is a figure *of*, beyond its number: what is counted (the head noun's
class and the words that narrow it: "children", "UN staff", "other rifles"), the predicate
(killed, injured, missing, rescued...), whose figure it is (a player's yards, a company's price),
a distance's reference point ("east of Cloverdale", a depth), the unit (a currency: dollars are not
compared with euros) and whether it belongs to an earlier event told as background.  Place and day
are checked pairwise by alignment (a figure without a place may still line up with one that has).

Precision first: a partial match is not a dispute, and an agreement needs matching frames too.
Frames that one article fills with two different figures do not pick out one thing in that article
("yards" said of five plays), so such figures are left out of comparison (:func:`ambiguous_in`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from wirecheck.model import Quantity

# what a figure may be besides a tally: never compared (see extract/quantities.py role_of)
NOT_TALLIES = frozenset(
    {"score", "rate", "conversion", "age", "measure", "part", "code", "whole", "elapsed", "record"}
)
# generic words for people: a frame narrowed by none of them ("people", "victims", "the dead")
GENERIC_COUNTED = frozenset(
    {"people", "person", "persons", "resident", "residents", "victim", "victims", "death", "deaths", "casualty",
     "casualties", "individual", "individuals", "inhabitant", "inhabitants", "other", "others", "more", "body",
     "bodies", "dead", "injured", "wounded", "injury", "injuries", "fatality", "fatalities", "life", "lives"}
)  # fmt: skip
DISTANCE_WORDS = frozenset({"mile", "miles", "kilometre", "kilometres", "kilometer", "kilometers", "km", "metre",
                            "metres", "meter", "meters", "foot", "feet", "yard", "yards"})  # fmt: skip


@dataclass(frozen=True)
class Frame:
    """What a figure is a figure of (its number and hedge aside)."""

    counted: str  # class or head lemma: "person", "drone", "rifle"
    narrowed: tuple[str, ...]  # words that narrow the counted noun, and a subset noun ("child")
    predicate: str  # "kill", "injure", "missing", "" when none is known
    holder: str | None
    reference: str | None  # a distance's reference point, or "depth"
    unit: str | None  # a currency, when the figure is money
    background: bool

    def key(self) -> tuple[object, ...]:
        return (
            self.counted,
            self.narrowed,
            self.predicate,
            self.holder,
            self.reference,
            self.unit,
            self.background,
        )


def frame_of(quantity: Quantity, counted: str, event: str) -> Frame:
    """The frame of one quantity, given the counted and event classes alignment already uses."""
    word = (quantity.counted or "").lower()
    narrowed = list(quantity.modifiers)
    if counted in {"person", "troops"} and word and word not in GENERIC_COUNTED and quantity.number != 1:
        # "children", "civilians": a part of the people; but "one man" is a person described
        narrowed.append("=" + word.rstrip("s"))
    unit = word if (quantity.counted_class or "") == "money" else None
    return Frame(
        counted=counted,
        narrowed=tuple(sorted(set(narrowed))),
        predicate=event,
        holder=quantity.holder,
        reference=quantity.reference,
        unit=unit,
        background=quantity.background,
    )


def comparable(quantity: Quantity) -> bool:
    """A figure that may be set against another: a tally (or a sum), not a score, an age, a rate, a
    conversion or one part of a sum; a distance only with its reference point; no unnamed holder."""
    if quantity.role in NOT_TALLIES:
        return False
    if (quantity.counted or "").lower() in DISTANCE_WORDS and not quantity.reference:
        return False
    return not (quantity.holder or "").startswith("?")


def ambiguous_in(
    keys: Sequence[tuple[str, tuple[object, ...], float]],
) -> set[tuple[str, tuple[object, ...]]]:
    """(article, frame key) pairs where the article gives two different figures for one frame: the
    frame does not pick out one thing there ("yards" of five different plays)."""
    numbers: dict[tuple[str, tuple[object, ...]], set[float]] = defaultdict(set)
    for article_id, key, number in keys:
        numbers[article_id, key].add(number)
    return {pair for pair, values in numbers.items() if len(values) > 1}
