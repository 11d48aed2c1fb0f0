"""Cleaning benchmark on 300 real web pages (shared/corpus/web-pages).

usage: .venv/bin/python bench/web_pages.py [--limit N] [--show NAME]

(a) From HTML: wirecheck's body (HTML -> trafilatura-based RawDocument -> clean)
    against plain ``trafilatura.extract`` on the same pages.
(b) From naive visible-text dumps of each page (bench/visible_text.py: all visible
    text, one block per line, like the seed files): ``clean_documents`` on the dumps.

A page's "with" snippets must be in the kept text, its "without" snippets must not.
Kept text is the article's summary, subheadings and body (what the cleaner keeps as
article content).  Snippets and texts are compared after NFKC, quote and whitespace
normalisation.  Pages are split into a fixed tuning half and a held-out half by a
hash of their name; both halves are printed.  Prints articles/s for cleaning.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent))
from visible_text import visible_text_dump  # noqa: E402
from wirecheck.clean import clean_documents  # noqa: E402
from wirecheck.model import Article, RawDocument  # noqa: E402

T = TypeVar("T")
PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "web-pages"
QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u201e": '"'}
)


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "").translate(QUOTES)).strip()


def half_of(name: str) -> str:
    """A fixed split: the same page always lands in the same half."""
    return "tune" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "held-out"


@dataclass
class Tally:
    with_found: int = 0
    with_total: int = 0
    without_found: int = 0
    without_total: int = 0

    def add(self, text: str, with_: Iterable[str], without: Iterable[str]) -> None:
        t = norm(text)
        for s in with_:
            self.with_total += 1
            self.with_found += norm(s) in t
        for s in without:
            self.without_total += 1
            self.without_found += norm(s) in t

    def line(self) -> str:
        recall = self.with_found / max(1, self.with_total)
        rejection = 1 - self.without_found / max(1, self.without_total)
        accuracy = (self.with_found + self.without_total - self.without_found) / max(
            1, self.with_total + self.without_total
        )
        precision = self.with_found / max(1, self.with_found + self.without_found)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        return (
            f"must-have recall {recall:6.1%} ({self.with_found}/{self.with_total})  "
            f"must-not rejection {rejection:6.1%} ({self.without_total - self.without_found}/{self.without_total})  "
            f"accuracy {accuracy:6.1%}  F1 {f1:.3f}"
        )


def kept_text(article: Article) -> str:
    return "\n".join([article.summary or "", *article.subheadings, article.body])


def html_documents(names: Sequence[str], expected: dict) -> tuple[list[RawDocument], str]:
    """HTML -> RawDocument through wirecheck's reader (``wirecheck.ingest.read_inputs``) on the saved
    .html.gz files; a plain trafilatura RawDocument while the reader is not implemented."""
    from wirecheck import ingest

    paths = [str(PAGES / "html" / expected[n]["file"]) for n in names]
    try:
        result = ingest.read_inputs(paths)
    except NotImplementedError:
        return [
            trafilatura_document(n, expected[n]["url"]) for n in names
        ], "fallback: trafilatura in the bench"
    by_file = {Path(d.source.split("#")[0].split("::")[0]).name: d for d in result.documents}
    docs = []
    for n in names:
        doc = by_file.get(expected[n]["file"])
        docs.append(doc if doc is not None else RawDocument(id=n, source=n, format="html", text="", html=""))
    return [
        dataclasses.replace(d, id=n) for d, n in zip(docs, names, strict=True)
    ], "wirecheck.ingest.read_inputs"


def read_page(entry: dict) -> bytes:
    return gzip.decompress((PAGES / "html" / entry["file"]).read_bytes())


def trafilatura_document(name: str, entry: dict) -> RawDocument:
    html, url = read_page(entry), entry["url"]
    page: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = "\n\n".join(line for line in (page.text or "").split("\n") if line.strip()) if page else ""
    return RawDocument(
        id=name,
        source=name,
        format="html",
        text=text,
        html=html.decode("utf-8", "replace"),
        url=url,
        title=page.title if page else None,
        published=page.date if page else None,
        outlet=page.sitename if page else None,
        author=page.author if page else None,
    )


def score(names: Sequence[str], expected: dict, texts: dict[str, str]) -> dict[str, Tally]:
    tallies = {"tune": Tally(), "held-out": Tally(), "all": Tally()}
    for name in names:
        for key in (half_of(name), "all"):
            tallies[key].add(texts[name], expected[name]["with"], expected[name]["without"])
    return tallies


def present(names: Sequence[str], expected: dict, dumps: dict[str, str]) -> dict:
    """The snippets a dump contains at all: the cleaner can only keep or drop what is there."""
    return {
        n: {
            "with": [s for s in expected[n]["with"] if norm(s) in norm(dumps[n])],
            "without": [s for s in expected[n]["without"] if norm(s) in norm(dumps[n])],
        }
        for n in names
    }


def report(title: str, tallies: dict[str, Tally]) -> None:
    print(title)
    for key in ("tune", "held-out", "all"):
        print(f"  {key:9s} {tallies[key].line()}")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (for quick runs)")
    ap.add_argument("--show", help="print the dump and the cleaned text of one page")
    ap.add_argument(
        "--dumps-only", action="store_true", help="skip (a), the HTML comparison (quicker while tuning)"
    )
    ap.add_argument(
        "--misses",
        action="store_true",
        help="list the snippets the dump cleaner gets wrong (tuning half only)",
    )
    args = ap.parse_args()

    expected = json.loads((PAGES / "expected.json").read_text())
    names = sorted(expected)
    if args.show:
        names = [args.show]
    elif args.limit:
        names = names[: args.limit]
    pages = {n: read_page(expected[n]) for n in names}
    print(
        f"{len(names)} pages ({sum(half_of(n) == 'tune' for n in names)} tuning, "
        f"{sum(half_of(n) == 'held-out' for n in names)} held-out)"
    )

    if not args.dumps_only:
        compare_on_html(names, expected, pages)
    compare_on_dumps(names, expected, pages, show=args.show, misses=args.misses)


def compare_on_html(names: Sequence[str], expected: dict, pages: dict[str, bytes]) -> None:
    """(a) wirecheck's HTML route against plain trafilatura.extract."""
    baseline, t_base = timed(
        lambda: {n: trafilatura.extract(pages[n], url=expected[n]["url"]) or "" for n in names}
    )
    (raw_html, route), t_ingest = timed(lambda: html_documents(names, expected))
    cleaned_html, t_clean_html = timed(lambda: clean_documents(raw_html))
    ours_html = {a.id: kept_text(a) for a in cleaned_html}
    print("\n(a) from HTML")
    report(" trafilatura.extract (defaults):", score(names, expected, baseline))
    report(f" wirecheck ({route} -> clean_documents):", score(names, expected, ours_html))
    print(
        f"  speed: trafilatura.extract {len(names) / t_base:.1f} pages/s; wirecheck reading "
        f"{len(names) / t_ingest:.1f} pages/s, cleaning {len(names) / t_clean_html:.0f} articles/s"
    )


def compare_on_dumps(
    names: Sequence[str], expected: dict, pages: dict[str, bytes], show: str | None, misses: bool
) -> None:
    """(b) clean_documents on naive visible-text dumps of the pages."""
    dumps, t_dump = timed(lambda: {n: visible_text_dump(pages[n]) for n in names})
    raw_text = [RawDocument(id=n, source=n, format="text", text=dumps[n]) for n in names]
    cleaned_text, t_clean_text = timed(lambda: clean_documents(raw_text))
    ours_text = {a.id: kept_text(a) for a in cleaned_text}
    in_dump = present(names, expected, dumps)
    print("\n(b) from naive visible-text dumps")
    report(" snippets counted against everything expected:", score(names, expected, ours_text))
    report(" snippets present in the dump (what the cleaner can act on):", score(names, in_dump, ours_text))
    report(" the raw dump itself, uncleaned:", score(names, in_dump, dumps))
    body_only = {a.id: a.body for a in cleaned_text}
    report(
        " body only (no summary/subheadings), snippets present in the dump:", score(names, in_dump, body_only)
    )
    print(
        f"  speed: dump {len(names) / t_dump:.1f} pages/s, clean_documents {len(names) / t_clean_text:.0f} articles/s "
        f"({sum(len(d) for d in dumps.values()) / t_clean_text / 1e6:.2f} MB/s)"
    )

    if misses or show:
        for n in names:
            if not show and half_of(n) != "tune":
                continue  # held-out misses stay unseen: tuning looks at the tuning half only
            t = norm(ours_text[n])
            for s in in_dump[n]["with"]:
                if norm(s) not in t:
                    print(f"  MISSING [{half_of(n)}] {n}: {s[:90]!r}")
            for s in in_dump[n]["without"]:
                if norm(s) in t:
                    print(f"  KEPT    [{half_of(n)}] {n}: {s[:90]!r}")
    if show:
        print("\n--- dump\n" + dumps[show] + "\n--- cleaned\n" + ours_text[show])


if __name__ == "__main__":
    main()
