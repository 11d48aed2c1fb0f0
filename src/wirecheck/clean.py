"""Clean: boilerplate out; headline, byline, dateline, date, section found.

Public entry: ``clean_documents(docs) -> list[Article]``.
(INTERFACE PLACEHOLDER - being implemented)
"""

from __future__ import annotations

from collections.abc import Sequence

from wirecheck.model import Article, RawDocument


def clean_documents(docs: Sequence[RawDocument]) -> list[Article]:
    raise NotImplementedError
