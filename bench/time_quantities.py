"""Quantities, time expressions and the timeline on an annotated corpus: speed and timeline recall.

Runs the real ingest and clean stages on a corpus folder that has a ``gold.json`` (the demo
corpus by default, or ../shared/corpus/seeds), parses every body once with spaCy, then times
``find_time_refs``, ``find_quantities`` and ``build_timeline`` (per gold story) on their own.
Timeline recall counts gold events found as an entry with the same date citing at least one
of the gold articles (the rule of shared/tools/score_report.py); "merged" counts gold events
whose entry cites two or more of the gold articles.

    .venv/bin/python bench/time_quantities.py [CORPUS_DIR] [--show]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from wirecheck import clean, ingest
from wirecheck.extract.quantities import find_quantities
from wirecheck.extract.timerefs import find_time_refs
from wirecheck.model import ArticleMentions
from wirecheck.nlp import load_models
from wirecheck.report.timeline import build_timeline

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=DEMO)
    parser.add_argument("--show", action="store_true", help="print the timeline entries")
    args = parser.parse_args()
    gold = json.loads((args.corpus / "gold.json").read_text())
    inputs = sorted(p for p in args.corpus.iterdir() if p.name != "gold.json" and not p.name.endswith(".md"))
    articles = clean.clean_documents(ingest.read_inputs([str(p) for p in inputs]).documents)
    models = load_models()

    started = time.perf_counter()
    docs = [models.nlp(a.body) for a in articles]
    parse_seconds = time.perf_counter() - started
    characters = sum(len(a.body) for a in articles)

    started = time.perf_counter()
    times = [find_time_refs(doc, a) for doc, a in zip(docs, articles, strict=True)]
    time_seconds = time.perf_counter() - started
    started = time.perf_counter()
    quantities = [find_quantities(doc, a, ts) for doc, a, ts in zip(docs, articles, times, strict=True)]
    quantity_seconds = time.perf_counter() - started

    mentions = [
        ArticleMentions(article_id=a.id, quantities=tuple(q), times=tuple(t))
        for a, q, t in zip(articles, quantities, times, strict=True)
    ]
    started = time.perf_counter()
    timelines = []
    for story in gold["stories"]:
        wanted = set(story)
        timelines.append(
            build_timeline(
                [a for a in articles if a.id in wanted], [m for m in mentions if m.article_id in wanted]
            )
        )
    timeline_seconds = time.perf_counter() - started
    entries = [e for timeline in timelines for e in timeline]

    found = merged = 0
    for event in gold.get("timeline", []):
        hits = [e for e in entries if e.date == event["date"] and set(e.article_ids) & set(event["articles"])]
        found += bool(hits)
        merged += any(len(set(e.article_ids) & set(event["articles"])) >= 2 for e in hits)
        if not hits:
            print(f"  missed {event['date']} {event['event']}")
        elif len(event["articles"]) >= 2 and args.show:
            cited = [sorted(set(e.article_ids) & set(event["articles"])) for e in hits]
            print(
                f"  {event['date']} {event['event'][:50]}: gold {sorted(event['articles'])}, entries {cited}"
            )
    multi_gold = sum(len(e["articles"]) >= 2 for e in gold.get("timeline", []))

    resolved = sum(1 for ts in times for t in ts if t.date is not None)
    print(f"corpus {args.corpus.name}: {len(articles)} articles, {characters:,} characters")
    print(f"spaCy parse (for reference): {parse_seconds:.2f} s")
    print(
        f"find_time_refs: {time_seconds * 1000 / len(articles):.1f} ms/article, "
        f"{sum(map(len, times))} refs ({resolved} resolved)"
    )
    print(
        f"find_quantities (times given): {quantity_seconds * 1000 / len(articles):.1f} ms/article, "
        f"{sum(map(len, quantities))} quantities"
    )
    print(
        f"build_timeline: {timeline_seconds * 1000:.1f} ms for {len(gold['stories'])} stories, {len(entries)} entries"
    )
    print(
        f"timeline recall: {found}/{len(gold.get('timeline', []))}; multi-article gold events merged: {merged}/{multi_gold}"
    )
    if args.show:
        for timeline in timelines:
            print("--")
            for e in timeline:
                print(
                    f"  {e.date} {e.granularity:<11} {','.join(i.split('_')[0][:8] for i in e.article_ids):<16} {e.text[:100]}"
                )


if __name__ == "__main__":
    main()
