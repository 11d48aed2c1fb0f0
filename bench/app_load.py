"""Load on the web app: requests per second and latency of story, article and search pages.

Builds a database of synthetic stories (``bench/app_store.py``'s: 5 articles each, no model
needed), starts ``wirecheck serve`` on 127.0.0.1 in its own process, and sends a bounded
number of requests from another process over keep-alive connections (loopback only):

1. each page kind, ``--requests`` requests spread over a working set of pages (readers
   come back to the stories in the news), after one visit of each to fill the page cache;
2. the same without the cache warm: every request a page not asked for before (cold);
3. the three kinds mixed, without and then with a writer (another process) holding the
   database's write transaction open for seconds (a big ``add_report``): writes must never
   block reads.

    .venv/bin/python bench/app_load.py [--articles 10000] [--requests 2000] [--concurrency 16]
                                       [--workers 2] [--db saved.db]

``--workers`` is passed to ``wirecheck serve``; ``--db`` keeps the database (built if the file
does not exist) so runs one after the other read the same file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_store import synth_report  # noqa: E402
from wirecheck.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TIME_LIMIT = 120.0  # seconds per phase, whatever the request count


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def run_load(port: int, paths: list[str], concurrency: int) -> tuple[list[float], int, float]:
    """Send ``paths`` over ``concurrency`` keep-alive connections; latencies, errors, wall time."""
    host = f"127.0.0.1:{port}"
    queue = list(reversed(paths))
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while queue and time.perf_counter() - started < TIME_LIMIT:
                path = queue.pop()
                sent = time.perf_counter()
                status = await fetch(reader, writer, host, path)
                latencies.append(time.perf_counter() - sent)
                errors += status != 200
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - started


def report(label: str, latencies: list[float], errors: int, wall: float) -> None:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    print(
        f"{label:<34} {len(ordered):5d} req in {wall:5.1f}s: {len(ordered) / wall:6.0f} req/s | "
        f"p50 {p50:6.1f} ms | p99 {p99:6.1f} ms | errors {errors}"
    )


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "wirecheck.cli", "serve", "--db", str(db), "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 180  # each worker process imports the app on its own
    while time.monotonic() < deadline:
        try:
            asyncio.run(asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 1))
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()  # not kill: uvicorn's parent stops its workers on SIGTERM
    process.wait(timeout=30)
    raise SystemExit("the app did not start")


WRITER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from app_store import synth_report
from wirecheck.store import Store
extra = synth_report(int(sys.argv[3]), seed=99)
with Store(sys.argv[2]) as store, store.transaction():
    began = time.perf_counter()
    print("writing", flush=True)
    store.add_report(extra)  # the same ids: stories and articles replaced in place
    time.sleep(max(0.0, 8 - (time.perf_counter() - began)))  # hold the write lock a while
    print(f"held {time.perf_counter() - began:.1f}s, {len(extra.articles)} articles rewritten")
"""


def start_writer(db: Path, articles: int) -> subprocess.Popen[bytes]:
    """Another process holding the write transaction for several seconds; returns once it began."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    bench = str(Path(__file__).resolve().parent)
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, bench, str(db), str(max(1, articles // 5))],
        env=env,
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == b"writing"
    return process


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2000, help="per phase")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--working-set", type=int, default=300, help="distinct pages per kind, warm phases")
    parser.add_argument("--workers", type=int, default=1, help="server processes (wirecheck serve --workers)")
    parser.add_argument("--db", type=Path, help="keep the database here (reused if it exists)")
    args = parser.parse_args(argv)
    rng = random.Random(5)
    archive = synth_report(args.articles // 5)
    words = sorted(
        {w.strip(".,").lower() for a in archive.articles[:500] for w in a.body.split() if len(w) > 5}
    )
    with tempfile.TemporaryDirectory(prefix="wirecheck-load-") as tmp:
        db = args.db or Path(tmp) / "load.db"
        started = time.perf_counter()
        if not db.exists():
            with Store(db) as store:
                store.add_report(archive)
        print(
            f"database: {args.articles:,} articles, {len(archive.stories):,} stories, built in {time.perf_counter() - started:.0f}s"
        )
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            story_ids = [s.id for s in archive.stories]
            article_ids = [a.id for a in archive.articles]
            kinds = {
                "story pages": [f"/stories/{quote(s)}" for s in story_ids],
                "article pages": [f"/articles/{quote(a)}" for a in article_ids],
                "search pages": [f"/search?q={quote(' '.join(rng.sample(words, 2)))}" for _ in range(2000)]
                + [f"/search?q={quote(w)}" for w in words],
            }
            warm: list[str] = []
            for label, every in kinds.items():
                working = rng.sample(every, min(args.working_set, len(every)))
                warm += working
                asyncio.run(run_load(port, working, args.concurrency))  # first visits
                paths = [rng.choice(working) for _ in range(args.requests)]
                report(f"{label}, warm", *asyncio.run(run_load(port, paths, args.concurrency)))
            for label, every in kinds.items():
                fresh = rng.sample(every, min(args.requests, len(every)))  # every page asked once
                report(f"{label}, cold (first visit)", *asyncio.run(run_load(port, fresh, args.concurrency)))
            asyncio.run(run_load(port, warm, args.concurrency))  # the working sets, current again
            mixed = [rng.choice(warm) for _ in range(args.requests)]
            report("mixed reads, no writer", *asyncio.run(run_load(port, mixed, args.concurrency)))
            writer = start_writer(db, args.articles // 20)
            report("mixed reads during a long write", *asyncio.run(run_load(port, mixed, args.concurrency)))
            print(f"  (the writer's transaction: {writer.communicate(timeout=300)[0].decode().strip()})")
        finally:
            server.terminate()
            server.wait(timeout=180)  # uvicorn's parent stops its workers first; slow on a busy machine
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
