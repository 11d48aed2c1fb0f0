"""A fact as the compare stage finds it, before independence and importance are added."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


# (article id, value as written, number or None, sentence span, start, end) of one figure
SentenceFigure = tuple[str, str, float | None, tuple[int, int], int, int]


def found_in_sentences(
    subject: str,
    kind: str,
    disputed: bool,
    reason: str,
    figures: Sequence[SentenceFigure],
    bodies: Mapping[str, str],
) -> FoundClaims:
    """An agreed or disputed fact over figures read in their articles' sentences: each claim
    quotes its whole sentence, and the sentences' spans go where attributions are read."""
    return FoundClaims(
        subject=subject,
        kind=kind,
        status="disputed" if disputed else "agreed",
        reason=reason,
        claims=tuple(
            Claim(article, value, number, bodies[article][span[0] : span[1]].strip(), start, end)
            for article, value, number, span, start, end in figures
        ),
        sentence_spans=tuple(span for _, _, _, span, _, _ in figures),
    )
