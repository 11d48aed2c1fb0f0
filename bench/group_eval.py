"""Grouping quality on any labelled JSONL corpus (format: bench/group_corpus.py).

Prints B-cubed precision / recall / F1 of the stories against the ``story`` labels,
precision / recall of copy links against ``copy_of`` (a link counts when it names the
labelled original), and precision / recall of the spin flag against ``spun``.

    .venv/bin/python bench/group_eval.py tests/data/group_stories.jsonl [--show]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from group_corpus import read_labelled, spacy_mentions  # noqa: E402
from wirecheck.group import group_articles  # noqa: E402
from wirecheck.nlp import load_models  # noqa: E402


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster label)."""
    items = list(gold)
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in items:
        by_pred.setdefault(predicted.get(item, f"missing:{item}"), set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        same_pred = by_pred[predicted.get(item, f"missing:{item}")]
        same_gold = by_gold[gold[item]]
        shared = len(same_pred & same_gold)
        precision += shared / len(same_pred)
        recall += shared / len(same_gold)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def precision_recall(found: set[object], wanted: set[object]) -> tuple[float, float]:
    precision = len(found & wanted) / len(found) if found else 1.0
    recall = len(found & wanted) / len(wanted) if wanted else 1.0
    return precision, recall


def evaluate(path: Path, show: bool) -> dict[str, float]:
    articles, records = read_labelled(path)
    models = load_models()
    start = time.perf_counter()
    mentions = spacy_mentions(articles, models)
    extracted = time.perf_counter()
    grouping = group_articles(articles, mentions, models)
    grouped = time.perf_counter()

    gold_story = {str(r["id"]): str(r["story"]) for r in records}
    predicted = {aid: story.id for story in grouping.stories for aid in story.article_ids}
    p, r, f = bcubed(predicted, gold_story)
    found_copies = {(c.article_id, c.copy_of) for c in grouping.copies}
    wanted_copies = {(str(x["id"]), str(x["copy_of"])) for x in records if x.get("copy_of")}
    cp, cr = precision_recall(found_copies, wanted_copies)  # type: ignore[arg-type]
    flagged = {s.article_id for s in grouping.spin if s.flagged}
    wanted_spun = {str(x["id"]) for x in records if x.get("spun")}
    sp, sr = precision_recall(flagged, wanted_spun)  # type: ignore[arg-type]

    print(f"corpus {path} : {len(articles)} articles, {len(set(gold_story.values()))} labelled stories")
    print(f"stories  B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f} ({len(grouping.stories)} predicted)")
    print(f"copies   P {cp:.3f} R {cr:.3f} ({len(found_copies)} found, {len(wanted_copies)} labelled)")
    print(f"spun     P {sp:.3f} R {sr:.3f} ({len(flagged)} flagged, {len(wanted_spun)} labelled)")
    print(f"time     mentions {extracted - start:.1f}s, grouping {grouped - extracted:.1f}s")
    if show:
        show_details(grouping.stories, gold_story, grouping.copies, grouping.spin)
    return {"bcubed_f1": f, "copy_precision": cp, "copy_recall": cr, "spun_precision": sp, "spun_recall": sr}


def show_details(stories: Sequence, gold: Mapping[str, str], copies: Sequence, spin: Sequence) -> None:
    for story in stories:
        print(f"  {story.id}: " + ", ".join(f"{a} [{gold.get(a)}]" for a in story.article_ids))
    for link in copies:
        print(f"  copy {link.article_id} -> {link.copy_of} {link.kind} {link.containment}")
    for score in spin:
        if score.score > 0.2:
            print(f"  spin {score.article_id} {score.score} {score.flagged} {list(score.phrases)[:8]}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show", action="store_true", help="print the stories, links and spin scores")
    args = parser.parse_args(argv)
    evaluate(args.corpus, args.show)


if __name__ == "__main__":
    main()
