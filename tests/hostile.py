"""A corpus of hostile input files, written on demand: what an attacker or a careless scraper
hands wirecheck.  Used by the fuzz suite (tests/test_ingest_hostile.py) and measured by
bench/hostile_inputs.py.  Every text is made up here; none is copied from a real article.

Each case is one file and what must become of it: read (articles come out of it, perhaps with
warnings or some parts named as skipped) or skipped (listed with a reason).
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TOWNS = ["Aldport", "Kelby", "Marshby", "Orrin", "Skerry", "Varn", "Dunmere", "Holt"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def paragraph(n: int) -> str:
    """One made-up news paragraph; ``n`` varies the town, the day and the figures."""
    town, day = TOWNS[n % len(TOWNS)], WEEKDAYS[n % len(WEEKDAYS)]
    return (
        f"Flood water reached the market square in {town} on {day}, and {n % 40 + 3} families "
        f"left their homes, the county council said. Engineers expect the river to fall by "
        f"{n % 5 + 1} metres before the weekend."
    )


def article(n: int, paragraphs: int = 4) -> str:
    return "\n\n".join(paragraph(n * 7 + k) for k in range(paragraphs))


def good_record(n: int) -> dict[str, str]:
    return {
        "id": f"wire-{n}",
        "title": f"River rises in {TOWNS[n % len(TOWNS)]} (update {n})",
        "text": article(n),
        "outlet": "Fen Wire",
        "published": f"2025-03-{n % 28 + 1:02d}",
    }


def jsonl(records: list[object]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def warc(payload: bytes, *, compressed: bool) -> bytes:
    stream = io.BytesIO()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer = WARCWriter(stream, gzip=compressed)
    record = writer.create_warc_record(
        "https://fenwire.example/flood", "response", payload=io.BytesIO(payload), http_headers=headers
    )
    writer.write_record(record)
    return stream.getvalue()


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>River rises</title></head><body><article>{body}</article></body></html>"


def feed(entries: int, paragraphs: int) -> str:
    items = "".join(
        f"<item><title>Flood update {n}</title><link>https://fenwire.example/{n}</link>"
        f"<pubDate>{WEEKDAYS[n % 7][:3]}, {n % 28 + 1:02d} Mar 2025 09:00:00 GMT</pubDate>"
        "<content:encoded><![CDATA["
        + "".join(f"<p>{paragraph(n * 31 + k)}</p>" for k in range(paragraphs))
        + "]]></content:encoded></item>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Fen Wire</title>{items}</channel></rss>"
    )


def nested(depth: int) -> str:
    """A JSON list ``depth`` levels deep (written as text: json.dumps itself would recurse)."""
    return "[" * depth + '"bottom"' + "]" * depth


def with_key(record: dict[str, str], key: str, raw_json: str) -> str:
    """``record`` as one JSON line with ``key`` set to the already-encoded ``raw_json``."""
    return json.dumps(record)[:-1] + f', "{key}": {raw_json}}}\n'


@dataclass(frozen=True)
class Hostile:
    """One hostile input: its file name, its bytes, and what must come of it."""

    name: str  # str, or bytes for a name that is not valid UTF-8
    content: Callable[[], bytes]
    outcome: str  # "read": articles come out of it; "skipped": it is listed as skipped

    def write(self, folder: Path) -> Path:
        name = self.name if isinstance(self.name, str) else os.fsdecode(self.name)
        path = folder / name
        path.write_bytes(self.content())
        return path


def _text(value: str) -> Callable[[], bytes]:
    return lambda: value.encode("utf-8", "surrogatepass")


HOSTILE: tuple[Hostile, ...] = (
    # crashes seen by the probe
    Hostile(
        "deep.jsonl",
        lambda: (
            with_key(good_record(1), "extra", nested(600)) + with_key(good_record(2), "tags", nested(5000))
        ).encode(),
        "read",
    ),
    Hostile("deep-alone.jsonl", lambda: f"{nested(600)}\n{nested(100_000)}\n".encode(), "skipped"),
    Hostile(
        "surrogates.jsonl",
        # json.dumps writes a lone surrogate as a \ud800 escape, which json.loads reads back as one
        lambda: jsonl(
            [
                {**good_record(3), "text": article(3) + " \ud800 and \udfff.", "title": "Flood \ud83d"},
                {**good_record(4), "outlet": "Fen \udc00 Wire", "author": "\ud800"},
            ]
        ).encode(),
        "read",
    ),
    Hostile(os.fsencode("caf\udce9-report.txt"), _text(article(5)), "read"),
    # slow or memory-hungry
    Hostile("one-line.txt", lambda: (paragraph(6) + " ").encode() * 25_000, "read"),
    Hostile("no-spaces.txt", lambda: b"x" * 3_000_000, "read"),
    Hostile("unbalanced.html", lambda: b"<a " * 200_000 + b"<p>" + article(7).encode(), "read"),
    Hostile("angles.html", lambda: b"<" * 190_000 + b">" * 190_000, "read"),
    Hostile("angle-text.txt", lambda: b"<>" * 190_000, "read"),
    Hostile("full-feed.rss", lambda: feed(200, 12).encode(), "read"),
    # silent drops seen by the probe
    Hostile(
        "nul-page.warc",
        lambda: warc(
            page(article(8)).encode()[:120] + b"\x00" * 64 + page(article(8)).encode()[120:], compressed=False
        ),
        "read",
    ),
    Hostile(
        "nul-page.warc.gz", lambda: warc(b"\x00" * 300 + page(article(9)).encode(), compressed=True), "read"
    ),
    Hostile("nul-only.warc.gz", lambda: warc(b"\x00" * 4096, compressed=True), "skipped"),
    Hostile("numbers.jsonl", lambda: b"[1, 2, 3]\n", "skipped"),
    Hostile("nested-array.jsonl", lambda: b"[[1, [2]], [[3]]]\n", "skipped"),
    Hostile("array-lines.jsonl", lambda: b"[1, 2]\n[3]\n", "skipped"),
    Hostile(
        "mixed.jsonl",
        lambda: (
            jsonl([good_record(10), good_record(11)])
            + '{"text": "cut off\n'
            + jsonl([good_record(12)])
            + "[1, 2]\n"
            + jsonl([{"title": "no text"}, good_record(13)])
            + "not json at all\n"
            + jsonl([good_record(14)])
        ).encode(),
        "read",
    ),
    Hostile(
        "one-nul-line.jsonl",
        lambda: (
            jsonl([good_record(15), good_record(16)]) + '{"text": "bad\x00line"}\n' + jsonl([good_record(17)])
        ).encode(),
        "read",
    ),
    Hostile(
        "nul-in-text.txt", lambda: article(18).encode()[:200] + b"\x00" + article(18).encode()[200:], "read"
    ),
    Hostile("gzip-nul.txt.gz", lambda: gzip.compress(b"\x00" * 1000 + article(19).encode()), "skipped"),
)
