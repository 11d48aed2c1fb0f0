"""Word tokens with their character spans: the common currency of copy and spin detection.

Copies and spin both compare *words*, not characters: case, typographic quotes and
punctuation differ between mastheads even when the words are the same wire copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_PATTERN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """One word as written in a text, lowercased in ``norm``, with its span."""

    norm: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Lowercased words with spans; curly apostrophes become straight ones."""
    return [
        Token(match.group().lower().replace("’", "'"), match.start(), match.end())
        for match in WORD_PATTERN.finditer(text)
    ]


def words(text: str) -> list[str]:
    return [token.norm for token in tokenize(text)]


def shingles(tokens: list[str], size: int) -> set[str]:
    """Overlapping word n-grams; a text shorter than ``size`` gives itself as one shingle."""
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def excerpt(text: str, start: int, end: int, limit: int = 300) -> str:
    """``text[start:end]`` cut to ``limit`` characters at a word boundary."""
    passage = " ".join(text[start:end].split())
    if len(passage) <= limit:
        return passage
    cut = passage.rfind(" ", 0, limit)
    return passage[: cut if cut > 0 else limit] + " …"
