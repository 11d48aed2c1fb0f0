"""Extraction speed and memory: the full extraction against a bare ``nlp.pipe`` of the same texts.

usage: .venv/bin/python bench/extract_speed.py [--articles N] [--repeat R] [--inputs PATH ...] [--breakdown]

The corpus is the seed articles (../shared/corpus/seeds, when present) and the demo corpus
(examples/demo), read and cleaned by the real ingest and clean stages, replicated to at least
N articles (default 240, above the runner's multiprocess threshold).  Three phases, each in its
own fresh Python process so that its peak memory (max RSS of the process and its workers) is
its own, run R times (default 3) in turn; the medians are reported:

- ``bare``: ``nlp.pipe`` of the bodies with spaCy's own multiprocessing (same pipeline, same
  number of processes and batch size as the runner): the target's yardstick;
- ``parse``: the runner's own worker processes parsing the same bodies without extracting:
  the runner minus the extractors;
- ``full``: ``extract_mentions``.

Prints articles/s, words/s, CPU and peak memory per phase and the ratios full / bare and
full / parse.  ``--breakdown`` also times each extractor on pre-parsed docs (one process).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from wirecheck.model import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "examples" / "demo"]


def load_articles(inputs: list[Path], at_least: int) -> list[Article]:
    """Cleaned articles from ``inputs``, replicated (with fresh ids) to ``at_least`` articles."""
    from dataclasses import replace

    from wirecheck import clean, ingest

    found = [str(p) for p in inputs if p.exists()]
    base = clean.clean_documents(ingest.read_inputs(found).documents)
    if not base:
        raise SystemExit(f"no article could be read from {found}")
    articles: list[Article] = []
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
    from wirecheck.extract.runner import BATCH_SIZE, run_chunks, worker_count
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
    elif phase == "parse":
        for _ in run_chunks(token_counts, articles, models.nlp, worker_count(len(texts))):
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


def token_counts(articles: Sequence[Article], nlp: Language) -> Iterator[int]:
    """Parse only, as the runner's workers do, and send back next to nothing."""
    from wirecheck.extract.runner import parse_bodies

    return (len(doc) for doc in parse_bodies(articles, nlp))


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


PHASES = ("bare", "parse", "full")


def run_in_fresh_process(phase: str, at_least: int, inputs: list[Path]) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--phase",
        phase,
        "--articles",
        str(at_least),
        "--inputs",
        *map(str, inputs),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"phase {phase} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def median_run(results: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs (figures of one phase are medians independently)."""
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def paired_ratios(runs: dict[str, list[dict[str, float]]], baseline: str) -> str:
    """Ratios taken within each round (phases run back to back under similar load), then the median."""
    pairs = list(zip(runs["full"], runs[baseline], strict=True))
    wall = statistics.median(f["seconds"] / b["seconds"] for f, b in pairs)
    cpu = statistics.median(f["cpu_seconds"] / b["cpu_seconds"] for f, b in pairs)
    memory = statistics.median(f["peak_rss_mib"] - b["peak_rss_mib"] for f, b in pairs)
    return f"wall {wall:.2f}x, CPU {cpu:.2f}x, peak memory {memory:+.0f} MiB"


def describe(phase: str, r: dict[str, float]) -> str:
    return (
        f"{phase:>5}: {r['articles']:.0f} articles, {r['words']:.0f} words, {r['processes']:.0f} process(es): "
        f"wall {r['seconds']:.1f}s = {r['articles'] / r['seconds']:.1f} articles/s, {r['words'] / r['seconds']:.0f} words/s; "
        f"CPU {r['cpu_seconds']:.1f}s; "
        f"memory after model load {r['rss_after_load_mib']:.0f} MiB, peak {r['peak_rss_mib']:.0f} MiB"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.inputs, args.articles)))
        return 0
    runs: dict[str, list[dict[str, float]]] = {phase: [] for phase in PHASES}
    for round_number in range(1, args.repeat + 1):
        for phase in PHASES:
            result = run_in_fresh_process(phase, args.articles, args.inputs)
            runs[phase].append(result)
            print(f"run {round_number} {describe(phase, result)}", flush=True)
    medians = {phase: median_run(results) for phase, results in runs.items()}
    print(f"medians of {args.repeat} run(s):")
    for phase, result in medians.items():
        print(f"  {describe(phase, result)}")
    for baseline in ("bare", "parse"):
        print(
            f"ratio full / {baseline}, median of the {args.repeat} paired runs: "
            + paired_ratios(runs, baseline)
        )
    if args.breakdown:
        breakdown(args.inputs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
