"""Whether a short line is a sentence of prose: such lines are facts, never furniture by repetition."""

from __future__ import annotations


def is_short_sentence(text: str) -> bool:
    """A capitalised line of two words or more ending in a full stop with a lower-case word in it
    ("No one was hurt.", "She was 91."): a statement of prose, not a label or a button.  A line
    ending in "?" or "!" is as often a headline printed twice."""
    words = text.split()
    return (
        len(words) >= 2
        and text[:1].isupper()
        and text.rstrip("\"”’'").endswith(".")
        and any(w[:1].islower() for w in words[1:])
    )
