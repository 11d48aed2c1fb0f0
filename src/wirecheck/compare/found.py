"""A fact as the compare stage finds it, before independence and importance are added."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wirecheck.model import Claim

Status = Literal["agreed", "disputed", "single"]


@dataclass(frozen=True)
class FoundClaims:
    """Claims of one fact, its verdict, and the spans of the claims' sentences (where the
    independence count reads attributions)."""

    subject: str
    kind: str  # quantity | name | quote | duration | place
    status: Status
    reason: str
    claims: tuple[Claim, ...]
    sentence_spans: tuple[tuple[int, int], ...]
    soft: bool = False  # a dispute where both values can still hold
    casualty: bool = False  # people killed or hurt: what readers check first
