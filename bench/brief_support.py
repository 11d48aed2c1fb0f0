"""Brief support on the demo and on the judged ecb-dev stories (issue 12).

For every brief sentence and every article it cites, does the cited article contain the claim
(``wirecheck.report.brief_support.support``: every number and proper name of the sentence, and
most of its content words)?  Also counts brief sentences that state a disputed figure of the
story's facts with no "outlets differ" note.  The demo is analysed as the pipeline does; each
judged ecb-dev story (``bench/judged/ecb_facts.json``) is analysed as one story, its gold
articles handed to ``build_story``.

    PYTHONPATH=src .venv/bin/python bench/brief_support.py [--save R.json | --load R.json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEMO = ROOT / "examples" / "demo"
JUDGED = HERE / "judged" / "ecb_facts.json"
ECB = ROOT.parent / "shared" / "corpus" / "ecb-dev"

Json = dict[str, Any]


def squash(text: str) -> str:
    return " ".join(text.split()).rstrip(".").lower()


def story_record(story: Any, articles: Any) -> Json:
    from wirecheck.report.brief_support import cited_text

    texts = {a.id: cited_text(a) for a in articles if a.id in set(story.article_ids)}
    return {
        "story": story.id,
        "brief": [{"text": b.text, "article_ids": list(b.article_ids)} for b in story.brief],
        "texts": texts,
        "disputed_sentences": sorted(
            {
                squash(c.text)
                for f in story.facts
                if f.status == "disputed" and f.kind not in ("name", "place", "quote")
                for c in f.claims
            }
        ),
    }


def run_demo(models: Any) -> list[Json]:
    from wirecheck.pipeline import analyze

    report = analyze([DEMO], models=models)
    return [story_record(s, report.articles) for s in report.stories]


def run_ecb(models: Any) -> list[Json]:
    from wirecheck import clean, extract, group, ingest
    from wirecheck.pipeline import build_story

    judged = json.loads(JUDGED.read_text(encoding="utf-8"))
    gold = json.loads((ECB / "stories.json").read_text(encoding="utf-8"))
    wanted = [s["story"] for s in judged["stories"]]
    out = []
    for topic in sorted({s["topic"] for s in judged["stories"]}, key=int):
        started = time.perf_counter()
        files = sorted((ECB / f"topic{topic}").glob("*.txt"))
        articles = clean.clean_documents(ingest.read_inputs([str(f) for f in files]).documents)
        mentions = extract.extract_mentions(articles, models)
        grouping = group.group_articles(articles, mentions, models)
        for sid in wanted:
            ids = [a.id for a in articles if gold.get(a.id) == sid]
            if ids:
                story = build_story(sid, ids, articles, mentions, grouping, models)
                out.append(story_record(story, articles))
        print(
            f"  topic {topic}: {len(articles)} articles in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return out


def score(stories: list[Json], verbose: bool) -> tuple[int, int, int, int, int, int]:
    """(sentences, sentences every cited article supports, citations, citations supported,
    sentences giving a disputed figure, those of them with no "outlets differ" note)."""
    from wirecheck.report.brief_support import support, without_notes

    sentences = supported_sentences = citations = supported_citations = disputed = settled = 0
    for story in stories:
        stating = set(story.get("disputed_sentences", ()))
        for sentence in story["brief"]:
            sentences += 1
            if squash(without_notes(sentence["text"])) in stating:
                disputed += 1
                settled += "outlets differ" not in sentence["text"]
            verdicts = [
                (aid, support(sentence["text"], story["texts"][aid])) for aid in sentence["article_ids"]
            ]
            citations += len(verdicts)
            supported_citations += sum(v.supported for _, v in verdicts)
            supported_sentences += all(v.supported for _, v in verdicts)
            if verbose:
                for aid, v in verdicts:
                    if not v.supported:
                        print(
                            f"  {story['story']} | {aid}: numbers {v.missing_numbers} names {v.missing_names} "
                            f"overlap {v.overlap:.2f} | {sentence['text'][:160]}"
                        )
    return sentences, supported_sentences, citations, supported_citations, disputed, settled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--save", type=Path, help="write the briefs and cited texts here (JSON)")
    parser.add_argument("--load", type=Path, help="check briefs saved by --save instead of running")
    parser.add_argument("--verbose", action="store_true", help="list every unsupported citation")
    args = parser.parse_args()
    if args.load:
        runs = json.loads(args.load.read_text(encoding="utf-8"))
    else:
        from wirecheck.nlp import load_models

        models = load_models()
        runs = {"demo": run_demo(models)}
        if ECB.is_dir():
            runs["ecb-dev"] = run_ecb(models)
        if args.save:
            args.save.write_text(json.dumps(runs, ensure_ascii=False), encoding="utf-8")
    for name, stories in runs.items():
        if args.verbose:
            print(f"{name}:")
        sentences, whole, citations, cited, disputed, settled = score(stories, args.verbose)
        print(
            f"{name}: {len(stories)} stories, brief sentences supported by every cited article "
            f"{whole}/{sentences}; citations supported {cited}/{citations}; sentences giving a "
            f"disputed figure {disputed}, stated as settled {settled}"
        )


if __name__ == "__main__":
    main()
