"""`wirecheck analyze` over the hostile corpus (tests/hostile.py): no traceback, the exit status
the README documents, every input in the report or in the skipped list, a report that is UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile import HOSTILE, feed
from wirecheck.ingest.sanitise import display_name

WIRECHECK = Path(sys.executable).parent / "wirecheck"
HANG_GUARD_SECONDS = 1800  # not a speed check: only so that a hang fails instead of blocking CI
IN_ONE_RUN = (
    "deep.jsonl",
    "surrogates.jsonl",
    "b'caf\\xe9-report.txt'",
    "one-line.txt",
    "angles.html",
    "nul-page.warc",
    "nul-page.warc.gz",
    "numbers.jsonl",
    "mixed.jsonl",
    "one-nul-line.jsonl",
)


def analyze(folder: Path, report: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WIRECHECK), "analyze", str(folder), "--json", str(report)],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=HANG_GUARD_SECONDS,
    )


@pytest.mark.slow
def test_the_hostile_corpus_is_analysed_with_every_input_accounted_for(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [
        case.write(folder) for case in HOSTILE if repr(case.name) in IN_ONE_RUN or case.name in IN_ONE_RUN
    ]
    small_feed = folder / "small-feed.rss"
    small_feed.write_text(feed(12, 4), encoding="utf-8")
    paths.append(small_feed)
    report_path = tmp_path / "report.json"

    result = analyze(folder, report_path)

    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1, result.stderr[-3000:]  # some inputs (lines, items) were skipped
    report = json.loads(report_path.read_bytes().decode("utf-8"))  # strict UTF-8
    read = {a["source"] for a in report["articles"]}
    skipped = {p["source"] for p in report["problems"] if p["skipped"]}
    for path in paths:
        shown = display_name(str(path))
        assert any(source.startswith(shown) for source in read | skipped), shown
        assert shown in result.stderr or any(source.startswith(shown) for source in read), shown
    assert len([s for s in read if s.startswith(str(small_feed))]) == 12
    assert {f"{folder}/mixed.jsonl line {n}" for n in (3, 5, 6, 8)} <= skipped
    assert f"{folder}/one-nul-line.jsonl line 3" in skipped
    warned = [f"{p['source']}: {p['reason']}" for p in report["problems"] if not p["skipped"]]
    assert any(w.startswith(f"{folder}/one-line.txt: longer than any article") for w in warned)
    assert any(w.startswith(f"{folder}/angles.html: longer than any article") for w in warned)
    for warning in warned:
        assert warning in result.stderr  # the summary names each file and what was done to it
    assert all(len(a["body"]) <= 120_000 for a in report["articles"])


def test_nothing_readable_exits_2_naming_every_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = ("numbers.jsonl", "nested-array.jsonl", "deep-alone.jsonl")
    for case in HOSTILE:
        if case.name in names:
            case.write(folder)
    (folder / os.fsdecode(b"\xfe.txt")).write_bytes(b"")

    result = analyze(folder, tmp_path / "report.json")

    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "report.json").exists()
    for name in (*names, "\\xfe.txt: empty file"):
        assert name in result.stderr, name
