"""The one-file HTML report in a real browser: nothing loaded from anywhere, no console errors,
and the links from stories, facts, claims and the timeline land where they should."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import LAPTOP, PHONE, Watch, keep_screenshot, launch_chromium
from tests.sample_reports import flood_report
from wirecheck.report.html import write_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    yield from launch_chromium()


@pytest.fixture(scope="module")
def pipeline_reports(tmp_path_factory, models, demo_dir):
    """HTML reports from real pipeline runs: the demo corpus, and the seeds when present."""
    from tests.conftest import SEEDS
    from wirecheck.pipeline import analyze

    out = tmp_path_factory.mktemp("reports")
    reports = {}
    corpora = {"demo": demo_dir, "seeds": SEEDS}
    for name, folder in corpora.items():
        if not folder.is_dir():
            continue
        report = analyze([folder], models=models)
        reports[name] = (write_html(report, out / f"{name}.html"), report)
    if not reports:
        pytest.skip("neither examples/demo nor ../shared/corpus/seeds is present")
    return reports


def open_report(browser, path: Path, viewport=LAPTOP):
    page = browser.new_page(viewport=viewport)
    watch = Watch()
    watch.attach(page)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, watch


def assert_offline(watch: Watch) -> None:
    outside = [u for u in watch.requests if not u.startswith(("file:", "data:"))]
    assert not outside, f"the report made network requests: {outside}"
    assert not watch.errors, f"console errors: {watch.errors}"


def target_is_highlighted_and_visible(page, span_id: str) -> None:
    marks = page.locator(f'mark[data-spans~="{span_id}"]')
    assert marks.count() >= 1
    first = marks.first
    assert "active" in (first.get_attribute("class") or "")
    assert first.is_visible()
    box = first.bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["y"] <= viewport["height"], "target not scrolled into view"


def click_through(page) -> None:
    """Story list -> story; a claim -> its highlighted sentence; a timeline point -> its entry."""
    first_story = page.locator(".story-list a.title").first
    href = first_story.get_attribute("href")
    first_story.click()
    assert page.evaluate("location.hash") == href
    story = page.locator(f"section{href}")
    assert story.is_visible()

    claim_link = story.locator("a.claim-link").first
    if claim_link.count():
        span_id = claim_link.get_attribute("href")[1:]
        claim_link.click()
        target_is_highlighted_and_visible(page, span_id)
        # a second story fact link, then back to the first: highlights follow
        fact_link = story.locator("table.matrix thead a").first
        if fact_link.count():
            fact_link.click()
            fact_id = fact_link.get_attribute("href")[1:]
            assert "active" in (page.locator(f"#{fact_id}").get_attribute("class") or "")

    point = story.locator(".timeline svg a").first
    if point.count():
        entry_id = point.get_attribute("href")[1:]
        point.click()
        entry = page.locator(f"#{entry_id}")
        assert "active" in (entry.get_attribute("class") or "")
        assert entry.is_visible()


def test_hand_built_report_is_offline_safe_and_navigable(browser, tmp_path):
    path = write_html(flood_report(), tmp_path / "flood.html")
    page, watch = open_report(browser, path)
    assert page.evaluate("typeof window.__pwned") == "undefined"  # hostile article text ran nothing
    assert page.locator("section.story").count() == 2
    click_through(page)
    # the spun copy's claim: its article opens and the sentence lights up
    link = page.locator('a.claim-link[href^="#c-3-"]').first
    link.click()
    assert page.locator("details#art-3").evaluate("d => d.open")
    target_is_highlighted_and_visible(page, link.get_attribute("href")[1:])
    assert_offline(watch)
    page.close()


@pytest.mark.slow
def test_pipeline_reports_are_offline_and_navigable(browser, pipeline_reports, tmp_path):
    for name, (path, report) in pipeline_reports.items():
        for label, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
            page, watch = open_report(browser, path, viewport=viewport)
            assert page.locator("section.story").count() == len(report.stories), name
            assert page.locator("details.article").count() == len(report.articles), name
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], (
                f"{name}: the page scrolls sideways at {label} width ({width}px)"
            )
            shot = tmp_path / f"report-{name}-{label}.png"
            page.screenshot(path=str(shot))
            keep_screenshot(shot)
            click_through(page)
            claim = page.locator("a.claim-link").first
            if claim.count():
                claim.click()
                target_is_highlighted_and_visible(page, claim.get_attribute("href")[1:])
                shot = tmp_path / f"report-{name}-claim-{label}.png"
                page.screenshot(path=str(shot))
                keep_screenshot(shot)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            assert_offline(watch)
            page.close()
