"""The store and the HTML report at archive sizes: insert rate, search and story-list latency,
story-page render time, one-file report size and render time.

Articles are synthesised from templates (distinct invented towns, numbers and dates; five
articles per story, each story with a disputed and an agreed fact), so no model is needed:
this measures the storage and rendering shell, not the NLP stages.

    .venv/bin/python bench/app_store.py [--articles 1000 10000] [--report-articles 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from wirecheck.model import (
    Article,
    ArticleMentions,
    BriefSentence,
    Claim,
    Fact,
    Grouping,
    Report,
    StoryCluster,
    StoryReport,
    TimelineEntry,
)
from wirecheck.report.html import render_html, report_view
from wirecheck.store import Store

SYLLABLES = ["har", "vel", "mor", "tin", "sal", "ken", "dro", "lia", "bor", "ques", "fen", "ra", "ul", "po"]
EVENTS = ["flood", "fire", "strike", "storm", "landslide", "blackout", "collapse", "protest"]
OUTLETS = ["Daily Ledger", "Valley Post", "North Wire", "Coast Herald", "City Courier"]


def town(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def synth_story(n: int, rng: random.Random) -> tuple[list[Article], StoryReport]:
    place, event = town(rng), rng.choice(EVENTS)
    day = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
    killed = rng.randint(2, 30)
    articles, claims_dead, claims_day = [], [], []
    for k in range(5):
        count = killed + (1 if k == 4 else 0)
        first = f"A {event} in {place} on Monday left {count} people dead, officials said."
        body = "\n\n".join(
            [
                first,
                f"Residents of {place} described the {event} as the worst in decades. "
                f"Crews worked through the night near the {town(rng)} road.",
                f"The mayor, {town(rng)} {town(rng)}, said help would arrive by {rng.choice(['Tuesday', 'Wednesday'])}.",
            ]
        )
        aid = f"s{n}-a{k}"
        articles.append(
            Article(
                id=aid,
                source=f"synth/{aid}.txt",
                format="text",
                body=body,
                paragraphs=tuple(body.split("\n\n")),
                headline=f"{event.capitalize()} in {place}",
                outlet=OUTLETS[k],
                published=day,
            )
        )
        value = f"{count} people"
        start = first.index(value)
        claims_dead.append(Claim(aid, value, float(count), first, start, start + len(value)))
        claims_day.append(Claim(aid, "Monday", None, first, first.index("Monday"), first.index("Monday") + 6))
    story = StoryReport(
        id=f"story-{n}",
        article_ids=tuple(a.id for a in articles),
        title=f"{event.capitalize()} in {place}",
        facts=(
            Fact(
                f"people killed in the {event}",
                "disputed",
                tuple(claims_dead),
                articles=5,
                independent_sources=5,
            ),
            Fact(f"day of the {event}", "agreed", tuple(claims_day), kind="date", articles=5),
        ),
        timeline=(TimelineEntry(day, f"The {event} strikes {place}", tuple(a.id for a in articles)),),
        brief=(BriefSentence(f"A {event} hit {place}.", (articles[0].id,)),),
    )
    return articles, story


def synth_report(stories: int, seed: int = 7) -> Report:
    rng = random.Random(seed)
    all_articles: list[Article] = []
    reports = []
    for n in range(1, stories + 1):
        articles, story = synth_story(n, rng)
        all_articles += articles
        reports.append(story)
    return Report(
        articles=tuple(all_articles),
        mentions=tuple(ArticleMentions(a.id) for a in all_articles),
        grouping=Grouping(stories=tuple(StoryCluster(s.id, s.article_ids) for s in reports)),
        stories=tuple(reports),
    )


def timed(fn, repeat: int = 1) -> float:
    """Median seconds over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_store(n_articles: int) -> None:
    report = synth_report(max(1, n_articles // 5))
    rng = random.Random(3)
    words = sorted(
        {w.strip(".,").lower() for a in report.articles[:200] for w in a.body.split() if len(w) > 5}
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        with Store(path) as store:
            insert = timed(lambda: store.add_report(report))
            queries = [" ".join(rng.sample(words, 2)) for _ in range(50)]
            search = timed(lambda: [store.search(q, 20) for q in queries]) / len(queries)
            listing = timed(lambda: store.stories(500), repeat=20)
            sid = report.stories[len(report.stories) // 2].id
            page = timed(lambda: render_html(store.story_report([sid])), repeat=10)
        size = path.stat().st_size
    print(
        f"store {n_articles:>6} articles: insert {n_articles / insert:8.0f} articles/s | "
        f"search {1000 * search:6.2f} ms/query | story list {1000 * listing:6.2f} ms | "
        f"story page (5 articles) {1000 * page:6.1f} ms | db {size / 2**20:6.1f} MiB"
    )


def bench_report(n_articles: int) -> None:
    report = synth_report(max(1, n_articles // 5))
    build = timed(lambda: report_view(report), repeat=3)
    render = timed(lambda: render_html(report), repeat=3)
    size = len(render_html(report).encode("utf-8"))
    print(
        f"html report {n_articles:>5} articles: views {1000 * build:7.1f} ms | render (views + templates) "
        f"{1000 * render:7.1f} ms | file {size / 2**20:5.2f} MiB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--report-articles", type=int, nargs="+", default=[50, 500])
    args = parser.parse_args(argv)
    for n in args.articles:
        bench_store(n)
    for n in args.report_articles:
        bench_report(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
