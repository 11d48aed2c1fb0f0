"""The Python API path (documents that did not come through ingest) keeps the size budget, and a
run reports progress for every stage, so a long one says where it is."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.hostile import article, paragraph
from wirecheck.ingest import budget
from wirecheck.model import RawDocument
from wirecheck.pipeline import analyze_documents


@pytest.mark.slow
def test_documents_from_the_api_are_fitted_and_every_stage_reports_progress(models, monkeypatch) -> None:
    # a small budget, so that the cut article is quick to analyse
    monkeypatch.setattr(budget, "MAX_ARTICLE_CHARS", 4_000)
    monkeypatch.setattr(budget, "MAX_LINE_CHARS", 1_500)
    dump = " ".join(paragraph(n) for n in range(40))  # one line of about 8,000 characters
    documents = [
        RawDocument(id="short", source="api:short", format="text", text=article(1)),
        RawDocument(id="dump", source="api:dump", format="text", text=dump),
    ]
    totals: dict[str, int] = {}
    done: dict[str, int] = defaultdict(int)

    def progress(label: str, total: int):
        totals[label] = total

        def advance(n: int) -> None:
            done[label] += n

        return advance

    report = analyze_documents(documents, models=models, progress=progress)

    body = next(a.body for a in report.articles if a.id == "dump")
    assert len(body) <= 4_000 and max(len(line) for line in body.split("\n")) <= 1_500
    warnings = [(p.source, p.reason) for p in report.problems if not p.skipped]
    cut = f"longer than any article ({len(dump):,} characters); cut to its first"
    assert any(source == "api:dump" and reason.startswith(cut) for source, reason in warnings), warnings
    assert {"extract", "group into stories", "build stories"} <= set(totals)
    assert totals["build stories"] == len(report.stories)
    assert all(done[label] == total for label, total in totals.items())
