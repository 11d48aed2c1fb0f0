"""The timeline of one big story: how its time grows with the number of articles.

A story of N articles (60, 120, 200, 500 by default), each telling a dozen dated events
drawn from one pool of events (a flood: rain, evacuations, a bridge closed, aid...), worded
with varying words so that some clauses join and some do not, the way a developing story
is retold.  The texts are generated here; no model is loaded: the time refs are built
directly, as the extractor would give them, so the figure is the timeline stage alone
(``build_timeline``: candidates, clustering, conflicts).

    .venv/bin/python bench/big_story.py [--sizes 60 120 200 500] [--events-per-article 12] [--worded-apart]

With ``--worded-apart`` every clause also carries a word of its own, so no two clauses are
worded alike and each date holds hundreds of distinct clauses sharing the story's common
words: the worst case of the clustering's pair index.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import time

from wirecheck.model import Article, ArticleMentions, TimeRef
from wirecheck.report import timeline
from wirecheck.report.timeline import build_timeline

ACTORS = [
    "rescuers",
    "the mayor",
    "army engineers",
    "the water board",
    "volunteers",
    "police",
    "the governor",
]
ACTIONS = [
    ("evacuated", ["residents", "families", "villages", "homes"]),
    ("closed", ["the bridge", "the rail line", "schools", "the highway"]),
    ("opened", ["shelters", "an emergency centre", "the floodgates", "a relief fund"]),
    ("reported", ["rising water", "landslides", "power cuts", "missing people"]),
    ("delivered", ["drinking water", "sandbags", "food parcels", "generators"]),
]
PLACES = ["Marlow", "Eastfield", "Brenning", "the Oster valley", "Kettle Bay", "Holmsby", "Ravensmoor"]
DAYS = [f"2025-11-{d:02d}" for d in range(18, 30)]


def desk_code(number: int) -> str:
    """A made-up word for one number ("dxaaa", "dxaab"...): a detail no other clause shares."""
    letters = ""
    for _ in range(3):
        number, digit = divmod(number, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
    return "dx" + letters


def story(
    size: int, per_article: int, seed: int = 7, worded_apart: bool = False
) -> tuple[list[Article], list[ArticleMentions]]:
    """``size`` articles about one flood, each dating ``per_article`` clauses (with
    ``worded_apart``, each clause adds a detail of its own, so no two are worded alike)."""
    rng = random.Random(seed)
    events = [
        (rng.choice(DAYS), rng.choice(ACTORS), verb, rng.choice(objects), rng.choice(PLACES))
        for verb, objects in ACTIONS
        for _ in range(8)
    ]
    articles, mentions = [], []
    for n in range(size):
        sentences, refs = [], []
        offset = 0
        for day, actor, verb, obj, place in rng.sample(events, per_article):
            extra = rng.choice(["", " overnight", " after heavy rain", " as the river rose"])
            text = f"{actor.capitalize()} {verb} {obj} in {place} on {day}{extra}."
            if worded_apart:
                text = text[:-1] + f", the desk noted as {desk_code(n * per_article + len(sentences))}."
            sentences.append(text)
            words = tuple(w.strip(".").lower() for w in text.split() if len(w) > 3 and not w[0].isdigit())
            refs.append(
                TimeRef(
                    text=f"on {day}",
                    kind="date",
                    date=day,
                    granularity="day",
                    years=None,
                    qualifier=None,
                    sentence=text,
                    start=offset + text.index(" on "),
                    end=offset + text.index(" on ") + 14,
                    event_text=text.rstrip("."),
                    event_words=words,
                    event_verb=verb,
                )
            )
            offset += len(text) + 1
        body = "Flood report.\n\n" + " ".join(sentences)
        shift = len("Flood report.\n\n")
        article_id = f"outlet-{n}"
        articles.append(
            Article(
                id=article_id,
                source=f"{article_id}.txt",
                format="text",
                body=body,
                paragraphs=tuple(body.split("\n\n")),
                headline="Flood report",
                published="2025-11-30",
                outlet=f"Outlet {n}",
            )
        )
        shifted = tuple(dataclasses.replace(r, start=r.start + shift, end=r.end + shift) for r in refs)
        mentions.append(ArticleMentions(article_id=article_id, times=shifted))
    return articles, mentions


def timed_clustering() -> tuple[list[float], object]:
    """Wrap cluster_by_date to also time it alone."""
    spent: list[float] = []
    original = timeline.cluster_by_date

    def clustering(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent.append(time.perf_counter() - started)

    return spent, clustering


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 120, 200, 500])
    parser.add_argument("--events-per-article", type=int, default=12)
    parser.add_argument(
        "--worded-apart",
        action="store_true",
        help="each clause adds a word of its own (the index's worst case)",
    )
    args = parser.parse_args(argv)
    spent, clustering = timed_clustering()
    timeline.cluster_by_date = clustering  # type: ignore[assignment]
    first: tuple[int, float] | None = None
    for size in args.sizes:
        articles, mentions = story(size, args.events_per_article, worded_apart=args.worded_apart)
        started = time.perf_counter()
        entries = build_timeline(articles, mentions)
        took = time.perf_counter() - started
        first = first or (size, took)
        growth = (took / first[1]) / (size / first[0])
        print(
            f"{size:4d} articles, {size * args.events_per_article:5d} dated clauses: "
            f"timeline {took:7.2f}s (clustering {spent[-1]:6.2f}s), {len(entries)} entries; "
            f"time per article x{growth:.2f} of the {first[0]}-article run"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
