"""The size budget of one article: what any input may send to the later stages.

Parsing costs about a millisecond per token on a busy 2-core machine, and some extractors grow
faster than the text (they look at every sentence for every figure), so a 5 MB one-line dump
held a run for hours.  No news article comes near these limits (the longest page in the shared
real corpora is about 101,000 characters, its longest line about 7,200, its longest word 480),
so they touch only dumps and junk, and each change is said in a warning naming the input:

- a text longer than :data:`MAX_ARTICLE_CHARS`, or than :data:`MAX_ARTICLE_TOKENS` words and
  punctuation marks (a page of angle brackets is one token per character), is cut at the last
  paragraph, line, sentence or word break before the limit;
- a line longer than :data:`MAX_LINE_CHARS` is split into paragraphs at sentence ends (or
  spaces), so no paragraph the cleaner and the parser see is a whole book;
- a run of more than :data:`MAX_WORD_CHARS` characters without a space (base64, a row of
  brackets) is broken with spaces, so that it too can be split and cut at a space.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from wirecheck.model import InputProblem, RawDocument

MAX_ARTICLE_CHARS = 120_000
# The parser's cost goes by tokens, not characters: 120,000 characters of prose are about 24,000
# tokens, of "<><>" 120,000.  Words and punctuation marks are counted as a tokenizer would.
MAX_ARTICLE_TOKENS = 30_000
TOKEN = re.compile(r"\w+|[^\w\s]")
MAX_LINE_CHARS = 20_000
MAX_WORD_CHARS = 1_000
LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
BREAKS = ("\n\n", "\n", ". ", "! ", "? ", " ")  # preferred cut points, best first
MIN_PIECE_SHARE = 0.5  # a cut point is used only in the second half of the window


def documents_within_budget(
    documents: Sequence[RawDocument],
) -> tuple[list[RawDocument], list[InputProblem]]:
    """Every document within the budget, and a warning for each one that was cut or split."""
    kept: list[RawDocument] = []
    warnings: list[InputProblem] = []
    for document in documents:
        fitted, notes = within_budget(document)
        kept.append(fitted)
        warnings.extend(InputProblem(document.source, note, skipped=False) for note in notes)
    return kept, warnings


def within_budget(document: RawDocument) -> tuple[RawDocument, list[str]]:
    """The document with its text fitted to the budget, and what was done to it, in words."""
    text, notes = fit_text(document.text)
    if not notes:
        return document, []
    return dataclasses.replace(document, text=text), notes


def fit_text(text: str) -> tuple[str, list[str]]:
    """``text`` cut, split and broken to the budget, and a note for each kind of change.
    Fitting a fitted text changes nothing."""
    notes = []
    original, original_tokens = len(text), _token_limit(text)
    text = _cut(text)
    long_words = LONG_WORD.findall(text)
    if long_words:
        text = LONG_WORD.sub(lambda match: _broken(match.group()), text)
        notes.append(
            f"{len(long_words)} run(s) of over {MAX_WORD_CHARS:,} characters without a space broken with spaces"
        )
    long_lines = sum(1 for line in text.split("\n") if len(line) > MAX_LINE_CHARS)
    if long_lines:
        text = "\n".join(_split_line(line) for line in text.split("\n"))
        notes.append(f"{long_lines} line(s) longer than {MAX_LINE_CHARS:,} characters split into paragraphs")
    text = _cut(text)  # the paragraph breaks and spaces made it longer
    if original > MAX_ARTICLE_CHARS:
        notes.insert(0, f"longer than any article ({original:,} characters); cut to its first {len(text):,}")
    elif original_tokens < original:
        notes.insert(
            0,
            f"more than {MAX_ARTICLE_TOKENS:,} words and marks, more than any article; cut to its first {len(text):,} characters",
        )
    return text, notes


def _cut(text: str) -> str:
    """The text within both limits, cut at the best break before the first one it reaches."""
    end = cut_point(text, 0, min(MAX_ARTICLE_CHARS, _token_limit(text)))
    return text if end == len(text) else text[:end].rstrip()


def _token_limit(text: str) -> int:
    """Characters up to the end of the :data:`MAX_ARTICLE_TOKENS`-th token (all of a shorter text)."""
    if len(text) <= MAX_ARTICLE_TOKENS:
        return len(text)
    for count, match in enumerate(TOKEN.finditer(text), start=1):
        if count == MAX_ARTICLE_TOKENS:
            return match.end()
    return len(text)


def cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a piece of ``text`` that starts at ``start`` and may hold ``limit``
    characters: after the best break in the second half of the window, else at the limit."""
    end = start + limit
    if end >= len(text):
        return len(text)
    lowest = start + int(limit * MIN_PIECE_SHARE)
    for mark in BREAKS:
        found = text.rfind(mark, lowest, end)
        if found >= 0:
            return found + len(mark)
    return end


def _split_line(line: str) -> str:
    if len(line) <= MAX_LINE_CHARS:
        return line
    pieces, start = [], 0
    while start < len(line):
        end = cut_point(line, start, MAX_LINE_CHARS)
        pieces.append(line[start:end].strip())
        start = end
    return "\n\n".join(piece for piece in pieces if piece)


def _broken(word: str) -> str:
    return " ".join(word[i : i + MAX_WORD_CHARS] for i in range(0, len(word), MAX_WORD_CHARS))
