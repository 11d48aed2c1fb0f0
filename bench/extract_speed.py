"""Extraction speed and memory: the full extraction against a bare ``nlp.pipe`` of the same texts.

usage: .venv/bin/python bench/extract_speed.py [--articles N] [--inputs PATH ...] [--breakdown]

The corpus is the seed articles (../shared/corpus/seeds, when present) and the demo corpus
(examples/demo), read and cleaned by the real ingest and clean stages, replicated to at least
N articles (default 240, above the runner's multiprocess threshold).  Each phase runs in its own
fresh Python process, so its peak memory (max RSS of the process and its spaCy workers) is its
own.  Prints articles/s, words/s, peak memory for both phases and the ratio full / bare.
``--breakdown`` also times each extractor on pre-parsed docs (one process, first 40 articles).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "examples" / "demo"]


def load_articles(inputs: list[Path], at_least: int) -> list:  # type: ignore[type-arg]
    """Cleaned articles from ``inputs``, replicated (with fresh ids) to ``at_least`` articles."""
    from dataclasses import replace

    from wirecheck import clean, ingest

    found = [str(p) for p in inputs if p.exists()]
    base = clean.clean_documents(ingest.read_inputs(found).documents)
    if not base:
        raise SystemExit(f"no article could be read from {found}")
    articles = []
    while len(articles) < max(at_least, len(base)):
        copy = len(articles) // len(base)
        articles.extend(replace(a, id=f"{a.id}~{copy}") for a in base)
    return articles[: max(at_least, len(base))]


def peak_rss_mib() -> float:
    """Peak resident memory of this process and its finished children (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (spaCy workers): robust to other load."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_phase(phase: str, inputs: list[Path], at_least: int) -> dict[str, float]:
    """One measurement in this process: model load excluded from the time, included in memory."""
    from wirecheck.extract import extract_mentions
    from wirecheck.extract.runner import BATCH_SIZE, worker_count
    from wirecheck.nlp import load_models

    articles = load_articles(inputs, at_least)
    models = load_models()
    models.nlp("warm up the pipeline once.")
    loaded = peak_rss_mib()
    texts = [a.body for a in articles]
    words = sum(len(t.split()) for t in texts)
    cpu_start = cpu_seconds()
    start = time.perf_counter()
    if phase == "bare":
        for _ in models.nlp.pipe(texts, n_process=worker_count(len(texts)), batch_size=BATCH_SIZE):
            pass
    else:
        extract_mentions(articles, models)
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    return {
        "cpu_seconds": cpu,
        "articles": len(articles),
        "words": words,
        "seconds": seconds,
        "processes": worker_count(len(texts)),
        "rss_after_load_mib": loaded,
        "peak_rss_mib": peak_rss_mib(),
    }


def breakdown(inputs: list[Path]) -> None:
    """CPU seconds per extractor on already-parsed docs."""
    from wirecheck.extract import runner
    from wirecheck.extract.citations import find_citations
    from wirecheck.extract.entities import find_entities
    from wirecheck.extract.quotes import find_quotes
    from wirecheck.nlp import load_models

    articles = load_articles(inputs, 0)[:40]
    models = load_models()
    start = time.process_time()
    docs = list(models.nlp.pipe([a.body for a in articles]))
    parse = time.process_time() - start
    totals = {"entities": 0.0, "quotes": 0.0, "citations": 0.0, "timerefs": 0.0, "quantities": 0.0}
    for doc, article in zip(docs, articles, strict=True):
        t0 = time.process_time()
        entities = find_entities(doc, article.subheadings)
        t1 = time.process_time()
        find_quotes(doc, entities)
        t2 = time.process_time()
        find_citations(doc)
        t3 = time.process_time()
        times = runner.find_time_refs(doc, article)
        t4 = time.process_time()
        runner.find_quantities(doc, article, times)
        t5 = time.process_time()
        for name, seconds in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            totals[name] += seconds
    print(
        f"breakdown over {len(articles)} articles: parse {parse:.2f}s; "
        + ", ".join(f"{k} {v:.2f}s" for k, v in totals.items())
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--phase", choices=["bare", "full"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.inputs, args.articles)))
        return 0
    results = {}
    for phase in ("bare", "full"):
        command = [
            sys.executable,
            __file__,
            "--phase",
            phase,
            "--articles",
            str(args.articles),
            "--inputs",
            *map(str, args.inputs),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        results[phase] = json.loads(done.stdout.strip().splitlines()[-1])
    for phase, r in results.items():
        print(
            f"{phase:>4}: {r['articles']} articles, {r['words']} words, {r['processes']} process(es): "
            f"wall {r['seconds']:.1f}s = {r['articles'] / r['seconds']:.1f} articles/s, {r['words'] / r['seconds']:.0f} words/s; "
            f"CPU {r['cpu_seconds']:.1f}s = {r['words'] / r['cpu_seconds']:.0f} words per CPU-second; "
            f"memory after model load {r['rss_after_load_mib']:.0f} MiB, peak {r['peak_rss_mib']:.0f} MiB"
        )
    bare, full = results["bare"], results["full"]
    print(
        f"ratio full / bare: wall {full['seconds'] / bare['seconds']:.2f}x, "
        f"CPU {full['cpu_seconds'] / bare['cpu_seconds']:.2f}x (CPU is the figure to trust on a shared machine)"
    )
    if args.breakdown:
        breakdown(args.inputs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
