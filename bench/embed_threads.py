"""How fast the embedding model runs with one thread or several, on batches of the sizes the
stages ask for (compare and the brief ask for 5-30 sentences at a time).

usage: .venv/bin/python bench/embed_threads.py [PATH ...] [--rounds N]

Default corpus: examples/demo.  Takes 240 sentences of the cleaned bodies, embeds them in
batches of 6, 15 and 30 texts with 1, 2 (and, if the machine has them, more) threads, and
prints the best of ``--rounds`` timings for each, in sentences per second.  The cache is
bypassed: every call runs the model.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    import torch

    from wirecheck import clean, ingest
    from wirecheck.nlp import BATCH_SIZE, load_models, torch_threads

    paths = [str(p) for p in (args.paths or [ROOT / "examples" / "demo"])]
    articles = clean.clean_documents(ingest.read_inputs(paths).documents)
    sentences = [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a.body) if len(s.split()) > 5][:240]
    if not sentences:
        print("no sentences found", file=sys.stderr)
        return 2
    model = load_models().embedder._load()
    model.encode(["warm up"])
    print(
        f"{len(sentences)} sentences; the pipeline uses {torch_threads()} threads, {BATCH_SIZE} texts a pass"
    )
    for per_call in (6, 15, 30):
        for threads in sorted({1, 2, torch_threads()}):
            torch.set_num_threads(threads)
            best = float("inf")
            for _ in range(args.rounds):
                started = time.perf_counter()
                for k in range(0, len(sentences), per_call):
                    model.encode(sentences[k : k + per_call], batch_size=BATCH_SIZE)
                best = min(best, time.perf_counter() - started)
            print(f"batches of {per_call:2d}, {threads} thread(s): {len(sentences) / best:5.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
