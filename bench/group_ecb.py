"""Story clustering on real coverage of same-kind events (shared/corpus/ecb-dev).

Each ECB+ topic holds two real events of one kind (two earthquakes, two title fights...):
they must come out as two stories.  The articles go through the real ingest, clean and
extract stages, then ``group_articles`` (copies, spin, stories) as ``wirecheck analyze``
runs it.  Prints B-cubed and pairwise precision / recall / F1 against ``stories.json``, how
many topics have their two events joined in one story, and the grouping cost per article.

    .venv/bin/python bench/group_ecb.py [CORPUS_DIR] [--cache /tmp/NAME-ecb.pickle] [--show]

``--cache`` keeps the cleaned articles and their mentions between runs (extraction is
most of the time and does not change when only grouping does); delete the file after
changing ingest, clean or extract.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from group_eval import bcubed  # noqa: E402
from wirecheck import clean, extract, ingest  # noqa: E402
from wirecheck.group import group_articles  # noqa: E402
from wirecheck.model import Article, ArticleMentions  # noqa: E402
from wirecheck.nlp import load_models  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ecb-dev"


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Precision / recall / F1 over pairs of articles put in one story."""
    items = sorted(gold)
    same_pred = {(a, b) for a, b in combinations(items, 2) if predicted.get(a) == predicted.get(b)}
    same_gold = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    shared = len(same_pred & same_gold)
    precision = shared / len(same_pred) if same_pred else 1.0
    recall = shared / len(same_gold) if same_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def topic_of(gold_story: str) -> str:
    return gold_story.split("_", 1)[0]


def joined_topics(predicted: Mapping[str, str], gold: Mapping[str, str]) -> list[str]:
    """Topics whose two gold events have at least one predicted story in common."""
    events: dict[str, set[str]] = {}
    for item, story in predicted.items():
        if item in gold:
            events.setdefault(story, set()).add(gold[item])
    joined: set[str] = set()
    for gold_events in events.values():
        topics = [topic_of(e) for e in gold_events]
        joined.update(t for t in topics if topics.count(t) > 1)
    return sorted(joined, key=lambda t: int(t) if t.isdigit() else 0)


def load_corpus(corpus: Path, cache: Path | None) -> tuple[list[Article], list[ArticleMentions], float]:
    if cache is not None and cache.exists():
        articles, mentions = pickle.loads(cache.read_bytes())
        return articles, mentions, 0.0
    models = load_models()
    started = time.perf_counter()
    documents = ingest.read_inputs([str(corpus)]).documents
    articles = clean.clean_documents(documents)
    mentions = list(extract.extract_mentions(articles, models))
    elapsed = time.perf_counter() - started
    if cache is not None:
        cache.write_bytes(pickle.dumps((articles, mentions)))
    return articles, mentions, elapsed


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, help="pickle of cleaned articles + mentions, reused if present")
    parser.add_argument("--show", action="store_true", help="print every predicted story with gold labels")
    args = parser.parse_args(argv)
    gold_file = args.corpus / "stories.json"
    if not gold_file.exists():
        sys.exit(f"{gold_file}: not found (the ECB+ development corpus with its stories.json)")
    gold_all = {str(k): str(v) for k, v in json.loads(gold_file.read_text(encoding="utf-8")).items()}
    articles, mentions, extract_seconds = load_corpus(args.corpus, args.cache)
    gold = {a.id: gold_all[a.id] for a in articles if a.id in gold_all}
    missing = sorted(set(gold_all) - set(gold))
    models = load_models()
    started = time.perf_counter()
    grouping = group_articles(articles, mentions, models)
    grouped = time.perf_counter() - started
    predicted = {aid: story.id for story in grouping.stories for aid in story.article_ids}

    bp, br, bf = bcubed(predicted, gold)
    pp, pr, pf = pairwise(predicted, gold)
    joined = joined_topics(predicted, gold)
    topics = sorted({topic_of(s) for s in gold.values()})
    print(
        f"corpus {args.corpus}: {len(articles)} articles, {len(set(gold.values()))} gold stories, "
        f"{len(topics)} topics; {len(grouping.stories)} stories predicted"
    )
    if missing:
        print(f"  not read: {len(missing)} gold articles ({', '.join(missing[:5])} ...)")
    print(f"B-cubed   P {bp:.3f} R {br:.3f} F1 {bf:.3f}")
    print(f"pairwise  P {pp:.3f} R {pr:.3f} F1 {pf:.3f}")
    print(f"topics with both events in one story: {len(joined)} of {len(topics)} {joined}")
    print(
        f"cost: grouping {grouped:.1f}s = {1000 * grouped / max(1, len(articles)):.1f} ms per article "
        f"(copies, spin, embeddings, story index)"
        + (f"; ingest+clean+extract {extract_seconds:.0f}s" if extract_seconds else "")
    )
    if args.show:
        for story in grouping.stories:
            labels = sorted({gold.get(a, "?") for a in story.article_ids})
            print(f"  {story.id} {labels}: " + " ".join(story.article_ids))


if __name__ == "__main__":
    main()
