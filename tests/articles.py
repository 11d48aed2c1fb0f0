"""Articles for tests, built from our own texts or read from the seed folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from wirecheck.model import Article


def text_article(article_id: str, body: str, *, source: str | None = None, **fields: Any) -> Article:
    """An article as read from a plain text file: its paragraphs are the blocks between blank
    lines.  ``fields``: any other field of Article (published, outlet, headline, meta...)."""
    return Article(
        id=article_id,
        source=source or f"{article_id}.txt",
        format="text",
        body=body,
        paragraphs=tuple(body.split("\n\n")),
        **fields,
    )


def seed_articles(seeds_dir: Path, pattern: str = "*.txt") -> list[Article]:
    """The seed articles matching ``pattern``, each dated as the hand annotation (gold.json) says."""
    gold = json.loads((seeds_dir / "gold.json").read_text())
    return [
        text_article(path.stem, path.read_text(), published=gold["articles"][path.stem]["published"])
        for path in sorted(seeds_dir.glob(pattern))
    ]


def jsonl_articles(path: Path) -> list[Article]:
    """The articles of a JSONL test corpus, one object a line: id, body, headline, published, outlet."""
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles.append(
            Article(
                id=record["id"],
                source=str(path),
                format="jsonl",
                body=record["body"],
                paragraphs=tuple(record["body"].split("\n\n")),
                headline=record.get("headline"),
                published=record.get("published"),
                outlet=record.get("outlet"),
            )
        )
    return articles


def noise_texts(words: list[str]) -> st.SearchStrategy[str]:
    """Arbitrary text, and strings of the words an extractor reacts to, spaced or run together."""
    return st.one_of(
        st.text(max_size=200),
        st.lists(st.sampled_from(words), max_size=40).map(" ".join),
        st.lists(st.sampled_from(words), max_size=40).map("".join),
    )
