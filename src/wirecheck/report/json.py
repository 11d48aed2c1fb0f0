"""The JSON report: the contract in docs/report-schema.md, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from wirecheck.model import Report, to_jsonable

SCHEMA_VERSION = 1


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as the documented JSON document (contract keys plus extras)."""
    copies = {c.article_id: c for c in report.grouping.copies}
    spin = {s.article_id: s for s in report.grouping.spin}
    mentions = {m.article_id: m for m in report.mentions}
    articles = []
    for a in report.articles:
        m = mentions.get(a.id)
        cites = sorted({c.source for c in m.citations}) if m else []
        s = spin.get(a.id)
        copy = copies.get(a.id)
        articles.append(
            {
                "id": a.id,
                "outlet": a.outlet,
                "headline": a.headline,
                "byline": a.byline,
                "dateline": a.dateline,
                "published": a.published,
                "body": a.body,
                "cites": cites,
                "copy_of": copy.copy_of if copy else None,
                "spin": {
                    "score": round(s.score, 4) if s else 0.0,
                    "flagged": bool(s and s.flagged),
                    "phrases": list(s.phrases) if s else [],
                },
                # extras beyond the contract
                "source": a.source,
                "format": a.format,
                "url": a.url,
                "section": a.section,
                "summary": a.summary,
                "subheadings": list(a.subheadings),
                "paragraphs": list(a.paragraphs),
                "removed": list(a.removed),
                "copy": to_jsonable(copy) if copy else None,
                "mentions": to_jsonable(m) if m else None,
            }
        )
    stories = [to_jsonable(s) for s in report.stories]
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "articles": articles,
        "stories": stories,
        "problems": [to_jsonable(p) for p in report.problems],
    }
    if report.settings:  # an analysis records its thresholds; a report of stored stories has none
        document["settings"] = dict(report.settings)
    return document


def write_json(report: Report, path: str | os.PathLike[str]) -> Path:
    """Write the report atomically: a reader never sees half a file."""
    return write_text_atomic(path, json.dumps(report_to_dict(report), ensure_ascii=False, indent=1))


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write to a temporary file beside ``path`` and rename it into place."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; a report is for sharing
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
