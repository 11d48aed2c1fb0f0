"""Loading labelled corpora for the grouping benchmarks.

A labelled corpus is JSONL, one article per line:
``{"id", "body", "headline"?, "published"?, "outlet"?, "story": label, "copy_of"?: id, "spun"?: bool}``.
Mentions come from ``wirecheck.extract`` when it is implemented, else from spaCy's
named entities directly (same model, fewer details: enough for grouping).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wirecheck.model import Article, ArticleMentions, EntityMention
from wirecheck.nlp import Models

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def article_from_record(record: dict[str, Any]) -> Article:
    body = str(record.get("body") or "")
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    return Article(
        id=str(record["id"]),
        source=str(record.get("source") or record["id"]),
        format="jsonl",
        body="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        headline=record.get("headline"),
        published=record.get("published"),
        outlet=record.get("outlet"),
    )


def read_labelled(path: str | Path) -> tuple[list[Article], list[dict[str, Any]]]:
    records = [
        json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [article_from_record(r) for r in records], records


def spacy_mentions(articles: Sequence[Article], models: Models) -> list[ArticleMentions]:
    """Entity mentions from spaCy NER (fallback while the extract stage is a placeholder)."""
    try:
        from wirecheck import extract

        return list(extract.extract_mentions(articles, models))
    except NotImplementedError:
        pass
    out = []
    for article, doc in zip(
        articles, models.nlp.pipe([a.body for a in articles], batch_size=16), strict=True
    ):
        entities = tuple(
            EntityMention(e.text, e.label_ if e.label_ in LABELS else "OTHER", e.start_char, e.end_char)  # type: ignore[arg-type]
            for e in doc.ents
            if e.label_ in LABELS
        )
        out.append(ArticleMentions(article.id, entities=entities))
    return out
