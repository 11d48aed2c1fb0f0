"""The one-file HTML report in a real browser: nothing loaded from anywhere, no console errors,
and the links from stories, facts, claims and the timeline land where they should."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import (
    ACTIVE,
    LAPTOP,
    PHONE,
    Watch,
    by_source_problems,
    card_heights,
    cards_fit_the_screen,
    fits_the_width,
    keep_screenshot,
    launch_chromium,
    names_an_article,
    source_labels,
)
from tests.sample_reports import flood_report
from wirecheck.report.html import write_html

pytestmark = pytest.mark.browser
UNDATED = Path(__file__).parent / "fixtures" / "undated"  # our own story of a ferry, no dates, no outlets
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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
    corpora = {"demo": demo_dir, "seeds": SEEDS, "undated": UNDATED}
    for name, folder in corpora.items():
        if not folder.is_dir():
            continue
        report = analyze([folder], models=models)
        reports[name] = (write_html(report, out / f"{name}.html"), report)
    if set(reports) == {"undated"}:
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
    first = page.locator(f'mark[data-spans~="{span_id}"]').first
    expect(first).to_have_class(ACTIVE)
    expect(first).to_be_visible()
    expect(first).to_be_in_viewport()


def click_through(page) -> None:
    """Story list -> story; a claim -> its highlighted sentence; a timeline point -> its entry."""
    first_story = page.locator(".story-list a.title").first
    href = first_story.get_attribute("href")
    first_story.click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    story = page.locator(f"section{href}")
    expect(story).to_be_visible()

    claim_link = story.locator("a.claim-link").first
    if claim_link.count():
        span_id = claim_link.get_attribute("href")[1:]
        claim_link.click()
        target_is_highlighted_and_visible(page, span_id)
        # a second story fact link, then back to the first: highlights follow
        fact_link = story.locator("table.matrix thead a").first
        if fact_link.count():
            fact_id = fact_link.get_attribute("href")[1:]
            fact_link.click()
            expect(page.locator(f"#{fact_id}")).to_have_class(ACTIVE)

    point = story.locator(".timeline svg a").first
    if point.count():
        entry_id = point.get_attribute("href")[1:]
        point.click()
        entry = page.locator(f"#{entry_id}")
        expect(entry).to_have_class(ACTIVE)
        expect(entry).to_be_visible()


def test_hand_built_report_is_offline_safe_and_navigable(browser, tmp_path):
    path = write_html(flood_report(), tmp_path / "flood.html")
    page, watch = open_report(browser, path)
    assert page.evaluate("typeof window.__pwned") == "undefined"  # hostile article text ran nothing
    expect(page.locator("section.story")).to_have_count(2)
    click_through(page)
    # the spun copy's claim: its article opens and the sentence lights up
    link = page.locator('a.claim-link[href^="#c-3-"]').first
    link.click()
    expect(page.locator("details#art-3")).to_have_attribute("open", "")
    target_is_highlighted_and_visible(page, link.get_attribute("href")[1:])
    assert_offline(watch)
    page.close()


@pytest.mark.slow
def test_pipeline_reports_are_offline_and_navigable(browser, pipeline_reports, tmp_path):
    for name, (path, report) in pipeline_reports.items():
        for label, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
            page, watch = open_report(browser, path, viewport=viewport)
            expect(page.locator("section.story")).to_have_count(len(report.stories))
            expect(page.locator("details.article")).to_have_count(len(report.articles))
            fits_the_width(page, viewport["width"])
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
            fits_the_width(page, viewport["width"])
            assert_offline(watch)
            page.close()


def sources_are_named(page, report) -> None:
    outlets = {a.outlet for a in report.articles if a.outlet}
    headlines = [a.headline for a in report.articles if a.headline]
    bodies = [a.body for a in report.articles]
    labels = source_labels(page)
    assert labels, "no source labels"
    unnamed = {text for text, _ in labels if not names_an_article(text, outlets, headlines, bodies)}
    assert not unnamed, f"source labels that are neither outlet nor headline: {sorted(unnamed)[:5]}"
    assert all(title for _, title in labels), "a source label without its headline on hover"


@pytest.mark.slow
def test_a_reader_in_a_hurry_sees_outlets_whole_disputes_and_a_timeline(browser, pipeline_reports, tmp_path):
    """At laptop and phone width: no sideways scroll of the page, every source label an outlet or
    a headline, each dispute card within one laptop screen, and a timeline for the undated story."""
    for name, (path, report) in pipeline_reports.items():
        for label, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
            page, watch = open_report(browser, path, viewport=viewport)
            expect(page.locator("section.story")).to_have_count(len(report.stories))
            fits_the_width(page, viewport["width"])
            sources_are_named(page, report)
            cards_fit_the_screen(page)  # a dispute fits one screen, laptop and phone alike
            print(name, label, "dispute card heights", sorted(card_heights(page))[-3:])
            if label == "laptop":
                card = page.locator(".fact.disputed").first
                if name == "demo" and card.count():
                    shot = tmp_path / "report-demo-dispute-laptop.png"
                    card.screenshot(path=str(shot))
                    keep_screenshot(shot)
            matrix = page.locator(".matrix-wrap").first
            if matrix.count():  # a wide matrix scrolls inside its box, never the page
                matrix.evaluate("m => m.scrollLeft = m.scrollWidth")
                fits_the_width(page, viewport["width"])
            if name == "undated":
                events = page.locator(".timeline ol.relative li")
                expect(events.first).to_be_visible()
                expect(events.first.locator(".date")).to_have_text(re.compile(r"^Friday"))
                days = [WEEKDAYS.index(w.split()[0]) for w in events.locator(".date").all_text_contents()]
                assert [(d - days[0]) % 7 for d in days] == sorted((d - days[0]) % 7 for d in days)
                assert events.count() >= 3 and all(events.nth(i).locator("a.src").count() for i in range(3))
                if label == "laptop":
                    shot = tmp_path / "report-undated-timeline-laptop.png"
                    page.locator(".timeline", has=page.locator("ol.relative")).screenshot(path=str(shot))
                    keep_screenshot(shot)
            assert_offline(watch)
            page.close()


@pytest.mark.slow
def test_the_by_source_view_lists_what_only_each_outlet_said(browser, pipeline_reports, tmp_path):
    """Each item of the view names a fact card holding its value, given by that outlet alone;
    a click on the value shows the sentence; the view fits laptop and phone widths."""
    if "demo" not in pipeline_reports:
        pytest.skip("examples/demo is not present")
    path, _ = pipeline_reports["demo"]
    for label, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        page, watch = open_report(browser, path, viewport=viewport)
        view = page.locator(".by-source").first
        expect(view.locator(".source").first).to_be_visible()
        items, problems = by_source_problems(page)
        assert items >= 5 and not problems, problems[:5]
        fits_the_width(page, viewport["width"])
        value = view.locator("a.only").first
        target = value.get_attribute("href")[1:]
        value.click()
        if page.locator(f'mark[data-spans~="{target}"]').count():
            target_is_highlighted_and_visible(page, target)
        if label == "laptop":
            shot = tmp_path / "report-demo-by-source-laptop.png"
            view.screenshot(path=str(shot))
            keep_screenshot(shot)
        assert_offline(watch)
        page.close()
