"""The `wirecheck` command as a user runs it: exit status, summary of skipped inputs, outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

WIRECHECK = Path(sys.executable).parent / "wirecheck"

ARTICLE = """Harbour Gazette

Storm closes port as ferries stay docked

By Mira Okafor

PORTSMOUTH, MARCH 3, 2025 — A winter storm closed the ferry port on Monday, leaving at least 40
lorries queued on the approach road, the harbour master said.

"We will reopen as soon as the swell drops below two metres," harbour master Ian Pryce told reporters.

Forecasters expect the wind to ease overnight, and operators said sailings could resume on Tuesday.
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(WIRECHECK), *args], capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_skipped_inputs_are_named_and_set_the_exit_status(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "storm.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    report_path = tmp_path / "out" / "report.json"

    result = run("analyze", str(corpus), "--json", str(report_path))

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "empty.txt" in result.stderr and "photo.txt" in result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == ["storm"]
    skipped = {Path(p["source"]).name for p in report["problems"] if p["skipped"]}
    assert skipped == {"empty.txt", "photo.txt"}


def test_nothing_readable_is_a_failure_without_report(tmp_path: Path) -> None:
    missing = tmp_path / "does-not-exist"
    report_path = tmp_path / "report.json"
    result = run("analyze", str(missing), "--json", str(report_path))
    assert result.returncode == 2
    assert "does-not-exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not report_path.exists()


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "analyze" in result.stdout and "serve" in result.stdout
