"""Ingest speed and quality: the 300 real web pages, a 1,000-file mixed folder, one 10 MB text.

Web pages (../shared/corpus/web-pages): pages/s, share of expected main-text snippets found,
share of boilerplate snippets kept out, and how often title, outlet, author, URL and date come
out; with --settings, the same for several trafilatura settings (used to choose them).

    .venv/bin/python bench/ingest_inputs.py [--pages 300] [--mixed 1000] [--settings]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import trafilatura

from wirecheck.ingest import read_inputs
from wirecheck.ingest.html import split_paragraphs

WEB_PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "web-pages"
SETTINGS = {
    "default": {"include_comments": False},
    "favor_recall (chosen)": {"include_comments": False, "favor_recall": True},
    "favor_precision": {"include_comments": False, "favor_precision": True},
    "favor_recall, no tables": {"include_comments": False, "favor_recall": True, "include_tables": False},
}


def squeeze(text: str) -> str:
    return " ".join(text.split())


def snippet_scores(texts: dict[str, str], expected: dict) -> tuple[float, float]:
    """(share of 'with' snippets found, share of 'without' snippets absent)."""
    found = total_with = absent = total_without = 0
    for name, case in expected.items():
        text = squeeze(texts.get(name, ""))
        found += sum(squeeze(s) in text for s in case["with"])
        absent += sum(squeeze(s) not in text for s in case["without"])
        total_with, total_without = total_with + len(case["with"]), total_without + len(case["without"])
    return found / total_with, absent / total_without


def bench_web_pages(limit: int) -> None:
    expected = json.loads((WEB_PAGES / "expected.json").read_text(encoding="utf-8"))
    names = sorted(expected)[:limit]
    expected = {name: expected[name] for name in names}
    paths = [str(WEB_PAGES / "html" / expected[name]["file"]) for name in names]
    started, cpu_started = time.perf_counter(), time.process_time()
    result = read_inputs(paths)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    documents = {d.id: d for d in result.documents}
    recall, precision = snippet_scores({k: d.text for k, d in documents.items()}, expected)
    skipped = sum(p.skipped for p in result.problems)
    print(
        f"web pages: {len(documents)}/{len(names)} read, {skipped} skipped, {seconds:.1f} s wall "
        f"({len(names) / seconds:.1f} pages/s), {cpu:.1f} s CPU ({1000 * cpu / len(names):.0f} ms CPU per page)"
    )
    print(f"  main-text snippets found {recall:.3f}, boilerplate snippets kept out {precision:.3f}")
    fields = ("title", "outlet", "author", "url", "published")
    shares = ", ".join(f"{f} {sum(1 for d in documents.values() if getattr(d, f))}" for f in fields)
    print(f"  metadata present: {shares} (of {len(documents)})")
    print(f"  extraction step: {dict(Counter(d.meta.get('extraction') for d in documents.values()))}")


def bench_settings(limit: int) -> None:
    expected = json.loads((WEB_PAGES / "expected.json").read_text(encoding="utf-8"))
    names = sorted(expected)[:limit]
    pages = {
        name: gzip.decompress((WEB_PAGES / "html" / expected[name]["file"]).read_bytes()) for name in names
    }
    for label, options in SETTINGS.items():
        started = time.perf_counter()
        texts = {
            n: "\n\n".join(split_paragraphs(trafilatura.extract(h, **options) or ""))
            for n, h in pages.items()
        }
        seconds = time.perf_counter() - started
        recall, precision = snippet_scores(texts, {n: expected[n] for n in names})
        empty = sum(1 for t in texts.values() if not t)
        print(f"  {label:26s} found {recall:.3f}  kept out {precision:.3f}  empty {empty}  {seconds:.1f} s")


def bench_mixed(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for n in range(count):
            body = f"Item {n}: the harbour board met on day {n} and approved {n * 7} new moorings.\n\nWork starts soon."
            kind = n % 4
            if kind == 0:
                (root / f"{n}.txt").write_text(body)
            elif kind == 1:
                paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
                page = f"<html><head><title>Item {n}</title></head><body><article>{paragraphs}</article></body></html>"
                (root / f"{n}.html").write_text(page)
            elif kind == 2:
                (root / f"{n}.jsonl").write_text(json.dumps({"title": f"Item {n}", "text": body}))
            else:
                (root / f"{n}.txt.gz").write_bytes(gzip.compress(body.encode()))
        started, cpu_started = time.perf_counter(), time.process_time()
        result = read_inputs([folder])
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"mixed folder: {len(result.documents)}/{count} read in {seconds:.1f} s wall "
        f"({count / seconds:.0f} files/s), {cpu:.1f} s CPU"
    )


def bench_large_text() -> None:
    line = "The inquiry heard evidence from harbour pilots about the night of the collision.\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(line * (10 * 1024 * 1024 // len(line)))
        started = time.perf_counter()
        result = read_inputs([str(path)])
        seconds = time.perf_counter() - started
        tracemalloc.start()  # a second, slower run for the memory figure
        read_inputs([str(path)])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(
        f"10 MB text: read in {seconds:.2f} s, {len(result.problems)} warning(s), "
        f"peak Python allocation during the read {peak / 1024 / 1024:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--mixed", type=int, default=1000)
    parser.add_argument("--settings", action="store_true", help="also compare trafilatura settings")
    args = parser.parse_args()
    bench_large_text()
    bench_mixed(args.mixed)
    if WEB_PAGES.is_dir() and args.pages > 0:
        bench_web_pages(args.pages)
        if args.settings:
            print("trafilatura settings on the same pages:")
            bench_settings(args.pages)
    elif not WEB_PAGES.is_dir():
        print(f"{WEB_PAGES} is absent: web-page figures skipped")


if __name__ == "__main__":
    main()
