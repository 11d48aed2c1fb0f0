"""Scale: the whole pipeline and the post-extraction stages on a large stream built from real texts.

The stream (nothing downloaded): the real articles of ../shared/corpus/ecb-dev, the web pages of
../shared/corpus/web-pages and examples/demo, read through the real ingest, then repeated.  Copy
``r`` of the corpus is perturbed consistently (the same word always becomes the same other word
within one copy, in bodies, headlines, metadata and mentions alike), so each copy tells distinct
stories while staying internally coherent:

- names and places: every capitalised (or all-capitals) word that is not a common English word
  (wordfreq Zipf frequency below 4) nor a month or weekday becomes a made-up word of the same
  length;
- dates: years move forward by ``r % 7``; a day of the month (next to a month name, or in an
  ISO date) moves within 1-28 (keeping its digit count); months and weekdays stay;
- other numbers: each run of digits is rotated within the numbers of its length.

Every replacement has the length of the original, so character spans stay valid and the
mentions of copy 0 (extracted once) can be perturbed into the mentions of copy ``r`` without
parsing again.  Copy 0 is the corpus itself.

Modes (each size runs in a fresh process, so peak RSS is that size's own):

- ``full N``: ``pipeline.analyze_documents`` on the first N documents of the stream (clean,
  extract, group, compare) -> articles/s, ms/article, peak RSS;
- ``post N``: extraction once (cached in /tmp), then N articles with perturbed mentions through
  story assignment (``group.group_articles``), per-story comparison (``pipeline.build_story``
  over each story's own articles) and the store (``Store.add_report`` into a new SQLite file) ->
  ms/article per stage, peak RSS, database size.  ``--store-only`` skips assignment and
  comparison (their embeddings dominate) and streams the N articles into the store in batches.

- ``core N``: the same N articles with perturbed mentions streamed into a new SQLite archive
  through the incremental core (``incremental.update_articles`` with the mentions given, batches
  of ``--batch``, as ``wirecheck add`` and ``analyze --db`` do): story assignment against the
  stored index, rebuild of the changed stories, one transaction per batch -> ms/article per
  thousand (does it grow with the archive?), peak RSS (does it?), database size.

    python bench/scale.py full 1000
    python bench/scale.py core 1000 10000
    python bench/scale.py post 1000 10000
    python bench/scale.py post 100000 --store-only
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import pickle
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from wirecheck import group, ingest, pipeline
from wirecheck.model import Article, ArticleMentions, RawDocument, Report
from wirecheck.nlp import load_models

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
SOURCES = [SHARED / "ecb-dev", SHARED / "web-pages", ROOT / "examples" / "demo"]
CACHE = Path(tempfile.gettempdir()) / "wirecheck-scale-extracted.pkl"
STORE_BATCH = 10_000
T = TypeVar("T")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
KEEP = set(MONTHS) | set(WEEKDAYS)
MONTH = "|".join(MONTHS)
TOKEN = re.compile(
    rf"(?P<iso>\b(?:19|20)\d\d-\d\d-\d\d\b)"
    rf"|(?P<mday>\b(?:{MONTH})\.? \d{{1,2}}\b)"
    rf"|(?P<daym>\b\d{{1,2}} (?:{MONTH})\b)"
    rf"|(?P<year>\b(?:19|20)\d\d\b)"
    rf"|(?P<digits>\d+)"
    rf"|(?P<word>\b[A-Z][a-z]+\b)"
    rf"|(?P<caps>\b[A-Z]{{3,}}\b)"
)
CONSONANTS, VOWELS = "bdfgklmnprstvz", "aeiou"


# --------------------------------------------------------------------------- perturbation


def shift_year(year: int, copy: int) -> int:
    return min(2099, year + copy % 7)


def shift_day(day: int, copy: int) -> int:
    """A day of the month moved within 1-9 or 10-28, so that its digit count stays."""
    if day < 10:
        return 1 + (day - 1 + copy) % 9 if day else 0
    return 10 + (day - 10 + copy) % 19


def rotate_digits(run: str, copy: int) -> str:
    """A run of digits rotated within the numbers of its length (leading zeros kept)."""
    if len(run) > 1 and run[0] == "0":
        return run[0] + rotate_digits(run[1:], copy)
    low = 0 if len(run) == 1 else 10 ** (len(run) - 1)
    high = 10 ** len(run)
    return str(low + (int(run) - low + 7 * copy) % (high - low))


@lru_cache(maxsize=200_000)
def made_up(word: str, copy: int) -> str:
    """A pronounceable made-up word of the same length, the same for the same word and copy."""
    seed = hashlib.blake2b(f"{copy}:{word}".encode(), digest_size=16).digest()
    letters = [
        (CONSONANTS if n % 2 == 0 else VOWELS)[b % (14 if n % 2 == 0 else 5)] for n, b in enumerate(seed)
    ]
    while len(letters) < len(word):
        letters += letters
    return ("".join(letters[: len(word)])).capitalize()


@lru_cache(maxsize=100_000)
def replaced_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return word not in KEEP and zipf_frequency(word.lower(), "en") < 4.0


def perturb(text: str, copy: int) -> str:
    """``text`` as copy ``copy`` of the corpus tells it (same length; copy 0 is the original)."""
    if copy == 0 or not text:
        return text

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        if match.group("iso"):
            year, month, day = found.split("-")
            return f"{shift_year(int(year), copy)}-{month}-{shift_day(int(day), copy):02d}"
        if match.group("mday") or match.group("daym"):
            return re.sub(r"\d+", lambda d: str(shift_day(int(d.group(0)), copy)), found)
        if match.group("year"):
            return str(shift_year(int(found), copy))
        if match.group("digits"):
            return rotate_digits(found, copy)
        if match.group("caps"):
            return made_up(found.capitalize(), copy).upper() if replaced_word(found.capitalize()) else found
        return made_up(found, copy) if replaced_word(found) else found

    return TOKEN.sub(replace, text)


def perturbed(value: T, copy: int, suffix: str) -> T:
    """A model dataclass with every string perturbed (ids made unique with ``suffix``)."""
    if isinstance(value, str):
        return perturb(value, copy)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(perturbed(v, copy, suffix) for v in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: perturbed(v, copy, suffix) for k, v in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for item in dataclasses.fields(value):
            current = getattr(value, item.name)
            if item.name in ("id", "article_id") or item.name == "source":
                changes[item.name] = current + suffix
            else:
                changes[item.name] = perturbed(current, copy, suffix)
        return dataclasses.replace(value, **changes)  # type: ignore[return-value]
    return value


def copy_suffix(copy: int) -> str:
    return f"~{copy}" if copy else ""


# --------------------------------------------------------------------------- the stream


def base_documents() -> list[RawDocument]:
    found = [str(p) for p in SOURCES if p.exists()]
    if not found:
        raise SystemExit("none of the corpora is present (../shared/corpus, examples/demo)")
    return ingest.read_inputs(found).documents


def document_stream(documents: Sequence[RawDocument]) -> Iterator[RawDocument]:
    copy = 0
    while True:
        for doc in documents:
            yield perturbed(doc, copy, copy_suffix(copy))
        copy += 1


def extracted_base() -> tuple[list[Article], list[ArticleMentions], float, int]:
    """The corpus cleaned and extracted once (cached): articles, mentions, seconds, documents."""
    if CACHE.exists():
        with CACHE.open("rb") as f:
            return pickle.load(f)  # type: ignore[no-any-return]
    documents = base_documents()
    from wirecheck import clean, extract

    started = time.monotonic()
    articles = clean.clean_documents(documents)
    mentions = extract.extract_mentions(articles, load_models())
    result = (articles, mentions, time.monotonic() - started, len(documents))
    with CACHE.open("wb") as f:
        pickle.dump(result, f)
    return result


def article_stream(
    articles: Sequence[Article], mentions: Sequence[ArticleMentions]
) -> Iterator[tuple[Article, ArticleMentions]]:
    copy = 0
    while True:
        suffix = copy_suffix(copy)
        for article, found in zip(articles, mentions, strict=True):
            yield perturbed(article, copy, suffix), perturbed(found, copy, suffix)
        copy += 1


def take(stream: Iterator[T], n: int) -> list[T]:
    return [item for _, item in zip(range(n), stream, strict=False)]


def peak_rss_mib() -> float:
    """This process's peak (forked extraction workers start from its pages and count apart)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: the cost, whatever the machine's load."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --------------------------------------------------------------------------- measurements


def measure_full(n: int) -> dict[str, Any]:
    documents = take(document_stream(base_documents()), n)
    models = load_models()
    started, cpu_started = time.monotonic(), cpu_seconds()
    report = pipeline.analyze_documents(documents, models=models)
    seconds, cpu = time.monotonic() - started, cpu_seconds() - cpu_started
    return {
        "mode": "full",
        "articles": len(report.articles),
        "stories": len(report.stories),
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(report.articles) / seconds, 2),
        "ms_per_article": round(1000 * seconds / len(report.articles), 1),
        "cpu_ms_per_article": round(1000 * cpu / len(report.articles), 1),
        "peak_rss_mib": round(peak_rss_mib()),
    }


def measure_post(n: int, store_only: bool) -> dict[str, Any]:
    from wirecheck.store import Store

    base_articles, base_mentions, extract_seconds, _ = extracted_base()
    pairs = article_stream(base_articles, base_mentions)
    result: dict[str, Any] = {"mode": "post (store only)" if store_only else "post", "articles": n}
    with tempfile.TemporaryDirectory(prefix="wirecheck-scale-") as tmp:
        db = Path(tmp) / "scale.db"
        if store_only:
            seconds = 0.0
            for start in range(0, n, STORE_BATCH):
                batch = take(pairs, min(STORE_BATCH, n - start))
                started = time.monotonic()
                with Store(db) as store:
                    store.put_articles([a for a, _ in batch], [m for _, m in batch])
                seconds += time.monotonic() - started
            result.update(store_ms_per_article=round(1000 * seconds / n, 2))
        else:
            batch = take(pairs, n)
            articles, mentions = [a for a, _ in batch], [m for _, m in batch]
            models = load_models()
            started, cpu_started = time.monotonic(), cpu_seconds()
            grouping = group.group_articles(articles, mentions, models)
            assigned = time.monotonic()
            stories = tuple(
                pipeline.build_story(
                    item.story.id, item.story.article_ids, item.articles, item.mentions, grouping, models
                )
                for item in pipeline.story_inputs(articles, mentions, grouping.stories)
            )
            compared = time.monotonic()
            report = Report(tuple(articles), tuple(mentions), grouping, stories)
            with Store(db) as store:
                store.add_report(report)
            stored, cpu = time.monotonic(), cpu_seconds() - cpu_started
            result.update(
                stories=len(stories),
                assign_ms_per_article=round(1000 * (assigned - started) / n, 2),
                compare_ms_per_article=round(1000 * (compared - assigned) / n, 2),
                store_ms_per_article=round(1000 * (stored - compared) / n, 2),
                total_ms_per_article=round(1000 * (stored - started) / n, 2),
                cpu_ms_per_article=round(1000 * cpu / n, 2),
            )
        result.update(
            db_mib=round(db.stat().st_size / 2**20, 1),
            peak_rss_mib=round(peak_rss_mib()),
            extracted_once=f"{len(base_articles)} articles in {extract_seconds:.0f} s",
        )
    return result


def measure_core(n: int, batch_size: int) -> dict[str, Any]:
    from wirecheck import incremental
    from wirecheck.store import Store

    base_articles, base_mentions, _, _ = extracted_base()
    pairs = article_stream(base_articles, base_mentions)
    models = load_models()
    per_thousand: list[float] = []
    rss_at: list[int] = []
    stories = 0
    with tempfile.TemporaryDirectory(prefix="wirecheck-scale-") as tmp:
        db = Path(tmp) / "scale.db"
        started, cpu_started = time.monotonic(), cpu_seconds()
        mark = started
        with Store(db) as store:
            for done in range(0, n, batch_size):
                batch = take(pairs, min(batch_size, n - done))
                incremental.update_articles(
                    store, [a for a, _ in batch], models, extracted={m.article_id: m for _, m in batch}
                )
                if (done + len(batch)) % 1000 == 0 or done + len(batch) == n:
                    now = time.monotonic()
                    per_thousand.append(round(now - mark, 1))
                    rss_at.append(round(peak_rss_mib()))
                    mark = now
            stories = len(store.story_ids())
        seconds, cpu = time.monotonic() - started, cpu_seconds() - cpu_started
        db_mib = round(db.stat().st_size / 2**20, 1)
    return {
        "mode": f"core (batches of {batch_size})",
        "articles": n,
        "stories": stories,
        "seconds": round(seconds, 1),
        "ms_per_article": round(1000 * seconds / n, 1),
        "cpu_ms_per_article": round(1000 * cpu / n, 1),
        "seconds_per_thousand": per_thousand,
        "peak_rss_mib_per_thousand": rss_at,
        "db_mib": db_mib,
        "peak_rss_mib": round(peak_rss_mib()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("full", "post", "core"))
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--store-only", action="store_true")
    parser.add_argument("--batch", type=int, default=100, help="core: articles per update")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child process
    args = parser.parse_args()
    if args.one:
        size = args.sizes[0]
        if args.mode == "core":
            figures = measure_core(size, args.batch)
        else:
            figures = measure_full(size) if args.mode == "full" else measure_post(size, args.store_only)
        print(json.dumps(figures))
        return
    if args.mode in ("post", "core"):
        extracted_base()  # extract once, before the timed children
    for size in args.sizes:
        command = [sys.executable, __file__, args.mode, str(size), "--one"]
        command += ["--store-only"] if args.store_only else []
        command += ["--batch", str(args.batch)]
        load = os.getloadavg()[0]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stderr[-3000:])
        print(f"load {load:.1f}:", done.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
