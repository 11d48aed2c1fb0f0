"""StoryIndex cost per article as the archive grows (1k, 10k, 100k articles).

Corpus synthesis (documented procedure, nothing downloaded):
- A news stream of ``--per-day`` articles a day (default 200), so a bigger archive spans
  more days, as a real archive does.  Stories last 1-3 days and have 2-8 articles.
- Each story belongs to one of 40 topics; its embedding is 0.6 x the topic's direction
  + 0.8 x its own (unit vectors, 384 dimensions), and each article adds noise (cosine
  to its story centre about 0.8): stories of one topic are near each other, like two
  strikes on one city.  Vectors are fed directly: the spaCy and embedding cost (per
  article, independent of archive size) is left out.
- Entities: 3 story-specific names (made-up words) + 1 topic place + "Russia"-like
  names shared by everything in the topic; text: headline and 3 sentences from story
  keywords and topic words.

Prints time per article for the 1,000 articles added after the archive reaches each
size, the B-cubed F1 of the synthetic stories, and the state size / round-trip time.

    .venv/bin/python bench/group_scale.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from group_eval import bcubed  # noqa: E402
from wirecheck.group.stories import StoryIndex  # noqa: E402
from wirecheck.model import Article, ArticleMentions, EntityMention  # noqa: E402

DIM = 384
TOPICS = 40
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ru",
    "ten",
    "sa",
    "vo",
    "rin",
    "de",
    "pa",
    "zu",
    "hel",
    "mar",
    "tor",
    "ben",
    "sul",
    "gri",
    "fa",
    "no",
    "ve",
]


def made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def synthetic_stream(
    total: int, per_day: int, seed: int
) -> Iterator[tuple[Article, ArticleMentions, np.ndarray, str]]:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    topics = [
        (unit(nrng.standard_normal(DIM)), made_up_word(rng).title(), [made_up_word(rng) for _ in range(20)])
        for _ in range(TOPICS)
    ]
    start = date(2024, 1, 1)
    produced = 0
    story_number = 0
    live: list[dict] = []
    while produced < total:
        day = start + timedelta(days=produced // per_day)
        while len(live) < per_day // 4:
            story_number += 1
            topic_vector, place, topic_words = topics[rng.randrange(TOPICS)]
            live.append(
                {
                    "label": f"s{story_number}",
                    "vector": unit(0.6 * topic_vector + 0.8 * unit(nrng.standard_normal(DIM))),
                    "names": [made_up_word(rng).title() + " " + made_up_word(rng).title() for _ in range(3)],
                    "place": place,
                    "keywords": [made_up_word(rng) for _ in range(12)],
                    "topic_words": topic_words,
                    "left": rng.randint(2, 8),
                    "until": day + timedelta(days=rng.randint(0, 2)),
                }
            )
        story = live[rng.randrange(len(live))]
        produced += 1
        names = rng.sample(story["names"], 2) + [story["place"]]
        words = rng.sample(story["keywords"], 6) + rng.sample(story["topic_words"], 4)
        headline = f"{names[0]} {words[0]} {words[1]} in {story['place']}"
        body = (
            f"{names[0]} said on {day:%A} that the {words[2]} {words[3]} in {story['place']} would continue.\n\n"
            f"{names[1]} told reporters the {words[4]} and {words[5]} were {words[6]} {words[7]}.\n\n"
            f"Officials in {story['place']} said {words[8]} {words[9]} had followed."
        )
        article = Article(
            id=f"a{produced}",
            source="synthetic",
            format="jsonl",
            body=body,
            paragraphs=tuple(body.split("\n\n")),
            headline=headline,
            published=day.isoformat(),
        )
        entities = []
        for name, label in ((names[0], "PERSON"), (names[1], "PERSON"), (story["place"], "GPE")):
            position = body.find(name)
            entities.append(EntityMention(name, label, max(position, 0), max(position, 0) + len(name)))  # type: ignore[arg-type]
        vector = unit(story["vector"] + 0.75 * unit(nrng.standard_normal(DIM)) * 0.6)
        yield article, ArticleMentions(article.id, entities=tuple(entities)), vector, story["label"]
        story["left"] -= 1
        if story["left"] <= 0 or day > story["until"]:
            live.remove(story)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--per-day", type=int, default=200)
    parser.add_argument("--batch", type=int, default=100, help="articles per add() call")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    window = 1000
    index = StoryIndex()
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    batch: list[tuple[Article, ArticleMentions, np.ndarray, str]] = []
    timings: dict[int, float] = {}
    added = 0
    window_time = 0.0
    for item in synthetic_stream(sizes[-1] + window, args.per_day, args.seed):
        batch.append(item)
        if len(batch) < args.batch:
            continue
        started = time.perf_counter()
        assigned = index.add([b[0] for b in batch], [b[1] for b in batch], np.vstack([b[2] for b in batch]))
        elapsed = time.perf_counter() - started
        predicted.update(assigned)
        gold.update({b[0].id: b[3] for b in batch})
        added += len(batch)
        batch = []
        for size in sizes:
            if size < added <= size + window:
                window_time += elapsed
                if added == size + window:
                    timings[size] = window_time / window
                    window_time = 0.0
                    print(
                        f"archive {size:>7,}: {1000 * timings[size]:.2f} ms per article (next {window} added)",
                        flush=True,
                    )
    p, r, f = bcubed(predicted, gold)
    print(f"synthetic stories: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f} over {len(gold):,} articles")
    if len(timings) >= 2:
        first, last = timings[sizes[0]], timings[sizes[-1]]
        print(f"cost ratio {sizes[-1]:,} / {sizes[0]:,}: {last / first:.2f}")
    started = time.perf_counter()
    text = json.dumps(index.to_state())
    restored = StoryIndex.from_state(json.loads(text))
    print(
        f"state: {len(text) / 1e6:.1f} MB JSON, dump+load {time.perf_counter() - started:.1f}s, "
        f"{len(restored.stories()):,} stories"
    )


if __name__ == "__main__":
    main()
