"""`wirecheck analyze` over a folder with broken inputs: a report, a summary naming each, exit 1."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

WIRECHECK = Path(sys.executable).parent / "wirecheck"

ARTICLE = (
    "Dunmere Courier\n\nLandslide blocks coast road\n\n"
    "A landslide blocked the coast road north of Dunmere on Saturday after two days of heavy rain, "
    "police said. About 300 metres of the road are buried under mud and rock.\n\n"
    '"Nobody was hurt, and that is what matters," the county roads officer, Elsa Marr, told reporters.\n'
)


@pytest.mark.slow
def test_analyze_reports_every_broken_input_and_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "landslide.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    (corpus / "cut.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>")[:8])
    (corpus / "wire.jsonl").write_text('{"text": "broken\n', encoding="utf-8")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    (corpus / "README.md").write_text("corpus notes: not an article")
    report_path = tmp_path / "report.json"

    result = subprocess.run(
        [str(WIRECHECK), "analyze", str(corpus), str(tmp_path / "missing"), "--json", str(report_path)],
        capture_output=True,
        text=True,
        timeout=900,
    )

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name in ("scan.pdf", "cut.html.gz", "wire.jsonl line 1", "dangling.txt", "missing"):
        assert name in result.stderr, name
    assert "README.md" not in result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == ["landslide"]
