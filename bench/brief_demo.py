"""The brief on the demo corpus: time per story, length, citations, and whether any sentence
states a gold-disputed value without showing the dispute.

Runs the real stages (ingest, clean, extract, group, compare) once, then times
``build_brief`` and ``story_title`` per gold story of examples/demo/gold.json.

    .venv/bin/python bench/brief_demo.py [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

from wirecheck import clean, compare, extract, group, ingest
from wirecheck.nlp import load_models
from wirecheck.report import brief

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


def settled_disputes(sentences: list[str], gold: dict, story: list[str]) -> list[str]:
    """Brief sentences stating a figure of a 'must' gold dispute with no 'outlets differ' note."""
    values = {
        v
        for item in gold["disputed"]
        if item["level"] == "must" and set(item["values"]) <= set(story)
        for v in item["values"].values()
        if re.search(r"\d", v)
    }
    return [s for s in sentences if "outlets differ" not in s and any(v in s for v in values)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print each brief")
    args = parser.parse_args()
    gold = json.loads((DEMO / "gold.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    models = load_models()
    articles = clean.clean_documents(ingest.read_inputs([str(DEMO)]).documents)
    mentions = extract.extract_mentions(articles, models)
    grouping = group.group_articles(articles, mentions, models)
    print(f"stages before the brief: {time.perf_counter() - started:.1f} s for {len(articles)} articles")
    print(
        f"grouping: copies {[(c.article_id, c.copy_of, c.kind) for c in grouping.copies]}; "
        f"spin flagged {[s.article_id for s in grouping.spin if s.flagged]}"
    )
    by_id = {a.id: a for a in articles}
    timings, lengths, cites, settled = [], [], [], 0
    for story in gold["stories"]:
        story_articles = [by_id[i] for i in story if i in by_id]
        story_mentions = [m for m in mentions if m.article_id in story]
        entities = extract.resolve_story_entities(story_articles, story_mentions)
        quotes = extract.resolve_story_quotes(story_mentions, entities)
        facts = compare.compare_story(story_articles, story_mentions, entities, quotes, grouping, models)
        t0 = time.perf_counter()
        sentences = brief.build_brief(story_articles, story_mentions, facts, grouping, models)
        title = brief.story_title(story_articles)
        timings.append(time.perf_counter() - t0)
        lengths.append(len(sentences))
        cites.extend(len(s.article_ids) for s in sentences)
        bad = settled_disputes([s.text for s in sentences], gold, story)
        settled += len(bad)
        if args.show:
            print(f"\n## {title}")
            for s in sentences:
                print(f"- {s.text} {list(s.article_ids)}")
        for s in bad:
            print(f"  STATED AS SETTLED: {s}")
    print(
        f"stories: {len(gold['stories'])}; brief+title per story: median {statistics.median(timings):.2f} s, "
        f"max {max(timings):.2f} s"
    )
    print(
        f"sentences per brief: {min(lengths)}-{max(lengths)}; articles cited per sentence: "
        f"mean {statistics.mean(cites):.2f}, sentences citing 2+ articles {sum(c > 1 for c in cites)}/{len(cites)}"
    )
    print(f"sentences stating a gold-disputed value without the dispute note: {settled}")


if __name__ == "__main__":
    main()
