"""Closed word classes of English grammar, written by hand from any English grammar.

Used by spin detection (``group/spin.py``) to tell a verb stand-in from a noun one: a word after a
determiner is a noun, after a modal a verb, so a rare stand-in of the wrong part of speech there
is a spinner's slip.
"""

from __future__ import annotations

# determiners a noun follows (pronouns left out: "it rose" is a verb after a pronoun)
DETERMINERS = frozenset(("the", "a", "an", "its", "their", "our", "my", "your", "every"))
# modal verbs a bare verb follows
MODALS = frozenset(["will", "would", "can", "could", "should", "may", "might", "must", "shall", "cannot"])
# endings of participles, which may follow a determiner as adjectives ("the injured")
PARTICIPLE_ENDINGS = ("ed", "ing", "en")
