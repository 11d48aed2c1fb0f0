"""How much the compare stage, and the whole analysis, cost next to bare spaCy over the same texts.

usage: .venv/bin/python bench/compare_speed.py [PATH ...] [--repeat N] [--rounds N]

Default corpus: ../shared/corpus/seeds and examples/demo (whatever of them exists).  The script
ingests and cleans the inputs, times bare ``nlp.pipe`` over the bodies, runs extraction and
grouping and story entity/quote resolution (not timed: other stages), then times ``compare_story``
for every story with a fresh embedding cache (the model itself is loaded before timing).

The whole analysis (``analyze_documents``: clean .. brief, fresh embedding cache) is timed in
``--rounds`` rounds, each right after a bare single-process ``nlp.pipe`` over the same bodies:
the figure is the median of the rounds' ratios, because this machine's speed drifts from one
minute to the next.  Spacy's own ``n_process`` over the same bodies is printed for the record.

``--repeat N`` adds N-1 renamed copies of every article, to see how alignment scales with story
size; copies share their sentences, so the embedder's cache makes their embedding free: that
figure measures alignment, not embedding.  Prints one line per figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "examples" / "demo"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5, help="bare parse + whole analysis, back to back")
    args = parser.parse_args(argv)
    paths = [p for p in (args.paths or DEFAULT_INPUTS) if p.exists()]
    if not paths:
        print("no input found", file=sys.stderr)
        return 2

    from wirecheck import clean, compare, extract, group, ingest
    from wirecheck.extract.runner import worker_count
    from wirecheck.nlp import Embedder, Models, load_models
    from wirecheck.pipeline import analyze_documents

    articles = clean.clean_documents(ingest.read_inputs([str(p) for p in paths]).documents)
    articles = [
        dataclasses.replace(a, id=f"{a.id}~{n}" if n else a.id) for n in range(args.repeat) for a in articles
    ]
    models = load_models()
    models.nlp("warm up")
    bodies = [a.body for a in articles]

    started = time.perf_counter()
    docs = list(models.nlp.pipe(bodies, batch_size=32))
    spacy_seconds = time.perf_counter() - started
    sentences = sum(len(list(doc.sents)) for doc in docs)
    del docs

    mentions = extract.extract_mentions(articles, models)
    grouping = group.group_articles(articles, mentions, models)

    class CountingEmbedder(Embedder):
        """Counts the texts compare asks for (and how long the model takes for them)."""

        calls: list[tuple[int, float]] = []

        def encode(self, texts):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            vectors = super().encode(texts)
            self.calls.append((len(texts), time.perf_counter() - started))
            return vectors

    fresh = Models(nlp=models.nlp, embedder=CountingEmbedder())
    fresh.embedder.encode(["warm up: the model loads before timing starts"])
    by_id = {a.id: a for a in articles}
    facts = disputed = 0
    compare_seconds = 0.0
    for story in grouping.stories:
        story_articles = [by_id[i] for i in story.article_ids if i in by_id]
        wanted = set(story.article_ids)
        story_mentions = [m for m in mentions if m.article_id in wanted]
        entities = extract.resolve_story_entities(story_articles, story_mentions)
        quotes = extract.resolve_story_quotes(story_mentions, entities)
        started = time.perf_counter()
        found = compare.compare_story(story_articles, story_mentions, entities, quotes, grouping, fresh)
        compare_seconds += time.perf_counter() - started
        facts += len(found)
        disputed += sum(f.status == "disputed" for f in found)
    embedded = len(fresh.embedder._cache) - 1

    # the whole analysis after ingestion (clean, extract, group, every story: entities, quotes,
    # facts, timeline, brief) with a fresh embedding cache, against the same bare parse; in
    # rounds, bare and whole back to back, because this machine's speed drifts by 30% from one
    # minute to the next: the median of the rounds' ratios is the figure
    documents = ingest.read_inputs([str(p) for p in paths]).documents
    documents = [
        dataclasses.replace(d, id=f"{d.id}~{n}" if n else d.id) for n in range(args.repeat) for d in documents
    ]
    rounds: list[tuple[float, float]] = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for _doc in models.nlp.pipe(bodies, batch_size=32):
            pass
        bare_seconds = time.perf_counter() - started
        whole_models = Models(nlp=models.nlp, embedder=Embedder(_model=models.embedder._load()))
        started = time.perf_counter()
        report = analyze_documents(documents, models=whole_models)
        rounds.append((bare_seconds, time.perf_counter() - started))
    ratios = sorted(whole / bare for bare, whole in rounds)
    # for the record: spaCy's own multiprocessing over the same bodies (it ships every Doc back)
    cores = worker_count(len(bodies))
    started = time.perf_counter()
    for _doc in models.nlp.pipe(bodies, batch_size=32, n_process=cores):
        pass
    bare_multi_seconds = time.perf_counter() - started
    whole_seconds = sorted(whole for _, whole in rounds)[len(rounds) // 2]

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs: {', '.join(str(p) for p in paths)} (x{args.repeat})")
    print(f"articles: {len(articles)}  stories: {len(grouping.stories)}  sentences: {sentences}")
    print(f"bare spaCy: {spacy_seconds:.2f} s  ({sentences / spacy_seconds:.0f} sentences/s)")
    print(
        f"compare_story, all stories: {compare_seconds:.2f} s  "
        f"({sentences / max(compare_seconds, 1e-9):.0f} sentences/s)"
    )
    print(f"compare / bare spaCy: {compare_seconds / spacy_seconds:.2f}x")
    calls = CountingEmbedder.calls[1:]  # the first call is the warm-up
    print(
        f"sentences embedded by compare: {embedded} in {len(calls)} calls, "
        f"{sum(t for _, t in calls):.2f} s in the embedding model  facts: {facts}  disputed: {disputed}"
    )
    print(
        f"whole analysis (clean .. brief, {len(report.stories)} stories): {whole_seconds:.2f} s (median) = "
        f"{ratios[len(ratios) // 2]:.2f}x bare spaCy (median of {len(ratios)} rounds; "
        f"each round: {', '.join(f'{whole:.2f} s / {bare:.2f} s' for bare, whole in rounds)})"
    )
    print(
        f"bare spaCy with n_process={cores}: {bare_multi_seconds:.2f} s; whole analysis / that: "
        f"{whole_seconds / bare_multi_seconds:.2f}x"
    )
    print(f"peak memory (process): {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
