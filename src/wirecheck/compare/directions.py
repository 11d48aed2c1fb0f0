"""Directions of one distance: "150 km east of Port Alva" against "150 km west of Port Alva".

A distance from a named reference point locates one thing; its direction is part of its value.
Two outlets that give the same reference point and directions a quarter turn or more apart
("east" / "west", "north" / "southeast") disagree on where the thing is, whatever the figures say;
neighbouring points of the compass ("west" / "southwest") are one rough direction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from wirecheck.compare import judge
from wirecheck.model import Quantity

BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
            "west": 270, "northwest": 315}  # fmt: skip
MIN_CLASH_DEGREES = 90


class _Located(Protocol):
    @property
    def article_id(self) -> str: ...

    @property
    def quantity(self) -> Quantity: ...


def bearing(direction: str | None) -> int | None:
    return BEARINGS.get((direction or "").replace("-", "").lower())


def apart(a: int, b: int) -> int:
    """Degrees between two compass bearings (0 to 180)."""
    return min(abs(a - b), 360 - abs(a - b))


def direction_verdict(
    group: Sequence[_Located], verdict: judge.Verdict, label: Callable[[str], str]
) -> judge.Verdict:
    """The verdict on a group of distances, with their directions weighed: a dispute when two
    articles put the thing in directions a quarter turn or more apart from one reference point."""
    directions: dict[str, list[str]] = {}
    for claim in group:
        if bearing(claim.quantity.direction) is None or not claim.quantity.reference:
            continue
        holders = directions.setdefault(claim.quantity.direction or "", [])
        if label(claim.article_id) not in holders:
            holders.append(label(claim.article_id))
    if len({c.quantity.reference for c in group if c.quantity.reference}) != 1:
        return verdict
    clash = [
        (a, b)
        for a in directions
        for b in directions
        if a < b and apart(bearing(a) or 0, bearing(b) or 0) >= MIN_CLASH_DEGREES
    ]
    if not clash:
        return verdict
    reference = next(c.quantity.reference for c in group if c.quantity.reference)
    listing = " vs ".join(f"{d} ({', '.join(outlets)})" for d, outlets in directions.items())
    place = (reference or "").title()
    reason = f"different directions from {place}: {listing}"
    if verdict.status == "disputed":
        reason = verdict.reason + "; and " + reason
    return judge.Verdict("disputed", reason)
