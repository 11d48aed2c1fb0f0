"""Measure the HTML report as a reader in a hurry meets it (issue 12): page width, dispute card
heights, source labels and the undated timeline, at laptop (1366x768) and phone (390x844) width.

    PYTHONPATH=src .venv/bin/python bench/report_reader.py examples/demo ../shared/corpus/seeds tests/fixtures/undated

Needs Debian's chromium (/usr/bin/chromium) and Playwright.  Prints one line per folder and width.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from wirecheck.pipeline import analyze
from wirecheck.report.html import write_html

SIZES = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
MEASURE = """() => ({
  scroll: document.documentElement.scrollWidth,
  cards: [...document.querySelectorAll('.fact.disputed')].map(e => Math.round(e.getBoundingClientRect().height)),
  labels: [...document.querySelectorAll('a.src')].map(a => a.textContent.trim()),
  relative: document.querySelectorAll('.timeline ol.relative li').length,
})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="report-reader-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for folder in args.folders:
            report = analyze([folder])
            ids = {a.id for a in report.articles}
            path = write_html(report, out / f"{folder.name}.html")
            for name, size in SIZES.items():
                page = browser.new_page(viewport=size)
                page.goto(path.as_uri())
                m = page.evaluate(MEASURE)
                cards = sorted(m["cards"])
                by_id = sum(1 for label in m["labels"] if label in ids)
                print(
                    f"{folder.name:>10} {name:>6}: page {m['scroll']} px wide (window {size['width']}); "
                    f"{len(cards)} dispute cards, tallest {max(cards, default=0)} px, median "
                    f"{cards[len(cards) // 2] if cards else 0} px (window {size['height']}); "
                    f"{len(m['labels'])} source labels, {by_id} of them ids; "
                    f"{m['relative']} relative-time timeline entries"
                )
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
