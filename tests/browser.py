"""Helpers for the browser tests: Debian's chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LAPTOP = {"width": 1366, "height": 768}  # the commonest laptop screen
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


ACTIVE = re.compile(r"(^|\s)active(\s|$)")  # the class a clicked target gets


def fits_the_width(page, width: int) -> None:
    """The page does not scroll sideways (waits for layout, fails after Playwright's timeout)."""
    page.wait_for_function("w => document.documentElement.scrollWidth <= w", arg=width)


def cards_fit_the_screen(page, selector: str = ".fact.disputed") -> None:
    """Every card matching ``selector`` is no taller than the window (waits for layout)."""
    page.wait_for_function(
        "s => [...document.querySelectorAll(s)].every(e => e.getBoundingClientRect().height <= innerHeight)",
        arg=selector,
    )


def card_heights(page, selector: str = ".fact.disputed") -> list[int]:
    return page.evaluate(
        "s => [...document.querySelectorAll(s)].map(e => Math.round(e.getBoundingClientRect().height))",
        selector,
    )


def by_source_problems(page) -> tuple[int, list[str]]:
    """(items listed, problems) of the "by source" view: each item names a fact card on the page
    holding the value shown, and that value is given by the item's outlet alone."""
    return page.evaluate(
        """() => {
        const problems = []; let items = 0;
        for (const s of document.querySelectorAll('.by-source .source')) {
          const names = [...s.querySelectorAll('h4 a.src')].map(a => a.textContent.trim());
          for (const li of s.querySelectorAll('li')) {
            items += 1;
            const id = li.querySelector('a.fact-link').getAttribute('href').slice(1);
            const card = document.getElementById(id);
            const value = li.querySelector('a.only').textContent.trim();
            if (!card) { problems.push('no fact card ' + id); continue; }
            const rows = [...card.querySelectorAll('.values > li')]
              .filter(r => r.querySelector('.chip').textContent.trim() === value);
            if (rows.length !== 1) { problems.push(id + ': value not in its card: ' + value); continue; }
            const givers = [...rows[0].querySelector('.srcs').querySelectorAll('a.src')].map(a => a.textContent.trim());
            if (!givers.length || givers.some(g => !names.includes(g)))
              problems.push(id + ': ' + value + ' is also given by ' + givers.filter(g => !names.includes(g)));
            const alone = li.textContent.includes('no other outlet gives this');
            if (alone !== (card.querySelectorAll('.values > li').length === 1))
              problems.push(id + ': said to stand alone wrongly');
          }
        }
        return [items, problems];
      }"""
    )


def source_labels(page) -> list[tuple[str, str]]:
    """(text, hover title) of every source label on the page."""
    return page.evaluate("[...document.querySelectorAll('a.src')].map(a => [a.textContent.trim(), a.title])")


def names_an_article(label: str, outlets: set[str], headlines: list[str], bodies: list[str]) -> bool:
    """A label is an outlet, or the start of a headline, or (no headline) the opening words of a body."""
    words = " ".join(label.removesuffix("\u2026").split())
    if words in outlets:
        return True
    if not words or re.fullmatch(r"\[?\d+\]?|[\w.-]*\d[\w.-]*", words):
        return False  # a number or an id-like token is not a name a reader knows
    return any(" ".join(h.split()).startswith(words) for h in headlines) or any(
        words in " ".join(b[:400].split()) for b in bodies
    )


def launch_chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did: every request URL, console errors and uncaught page errors."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


def keep_screenshot(path: Path) -> None:
    """Copy a screenshot into docs/screenshots when WIRECHECK_SCREENSHOTS=1 (the README uses them).

    Screenshots of the seed story are never kept: the seed articles' wording stays out of the repo.
    """
    if os.environ.get("WIRECHECK_SCREENSHOTS") == "1" and "seeds" not in path.name:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SCREENSHOTS / path.name)
