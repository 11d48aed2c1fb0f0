"""The web app in a real browser: uvicorn on 127.0.0.1, upload through the page, see the
articles join a story, search, open the story and an article."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.app_corpus import BRIDGE_1, BRIDGE_2, BRIDGE_3, CHESS
from tests.browser import (
    ACTIVE,
    LAPTOP,
    PHONE,
    Watch,
    by_source_problems,
    fits_the_width,
    keep_screenshot,
    launch_chromium,
    names_an_article,
    source_labels,
)
from tests.served import serve_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    yield from launch_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory, models):
    """The app served by uvicorn on 127.0.0.1 in a thread, sharing the session's models."""
    from wirecheck.app.library import Library
    from wirecheck.app.web import create_app

    root = tmp_path_factory.mktemp("served")
    library = Library(root / "w.db", [], models_factory=lambda: models)
    with serve_in_thread(create_app(root / "w.db", library=library)) as base:
        yield base, root


def write_inputs(root):
    folder = root / "to-upload"
    folder.mkdir(exist_ok=True)
    files = {
        "lakeview-times.txt": f"{BRIDGE_1['title']}\n\n{BRIDGE_1['text']}\n",
        "sable-courier.txt": f"{BRIDGE_2['title']}\n\n{BRIDGE_2['text']}\n",
        "northline.txt": BRIDGE_3,
        "chess.txt": CHESS,
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / n) for n in files]


def sources_are_named(page) -> None:
    """Every source label on a story page of the bridge story is an outlet or a headline."""
    page.wait_for_load_state("load")  # the labels are read at once: the whole page first, not its start
    outlets = {BRIDGE_1["outlet"], BRIDGE_2["outlet"], "Northline"}
    headlines = [BRIDGE_1["title"], BRIDGE_2["title"], BRIDGE_3.split("\n")[0]]
    bodies = [BRIDGE_1["text"], BRIDGE_2["text"], BRIDGE_3]
    labels = source_labels(page)
    assert labels, "no source labels on the story page"
    assert all(names_an_article(text, outlets, headlines, bodies) for text, _ in labels), labels


def upload_through_page(page, paths) -> None:
    page.set_input_files('#upload input[name="files"]', paths)
    page.click("#upload button")
    done = page.locator("#result .notice.ok a.joined, #result .notice.err").first
    expect(done).to_be_visible(timeout=600_000)  # the first upload loads the models
    expect(page.locator("#result .notice.err")).to_have_count(0)


def test_upload_join_search_and_read(browser, server, tmp_path):
    base, root = server
    paths = write_inputs(root)
    page = browser.new_page(viewport=LAPTOP)
    watch = Watch()
    watch.attach(page)
    page.goto(base + "/")
    expect(page.locator("#stories")).to_contain_text("No stories yet")

    upload_through_page(page, paths[:2] + paths[3:])  # two bridge reports and the chess story
    expect(page.locator("#result a.joined")).to_have_count(2)
    page.goto(base + "/")
    expect(page.locator("#stories li")).to_have_count(2)

    upload_through_page(page, paths[2:3])  # a later report of the collapse
    expect(page.locator("#result a.joined")).to_have_count(1)
    page.locator("#result a.joined").first.click()
    expect(page).to_have_url(re.compile(r"/stories/"))
    expect(page.locator("details.article")).to_have_count(3)  # it joined the bridge story
    fits_the_width(page, LAPTOP["width"])
    sources_are_named(page)
    expect(page.locator("h3", has_text="By source")).to_be_visible()
    items, problems = by_source_problems(page)
    assert items and not problems, problems
    shot = tmp_path / "app-story-laptop.png"
    page.screenshot(path=str(shot))
    keep_screenshot(shot)
    claim = page.locator("a.claim-link").first
    if claim.count():
        span_id = claim.get_attribute("href")[1:]
        claim.click()
        expect(page.locator(f'mark[data-spans~="{span_id}"]').first).to_have_class(ACTIVE)

    page.fill('header input[name="q"]', "footbridge station")
    page.press('header input[name="q"]', "Enter")
    page.wait_for_url("**/search?q=*")
    hits = page.locator("ol.hits a.hit")
    expect(hits.nth(1)).to_be_visible()  # at least two reports of the collapse
    hits.first.click()
    page.wait_for_url("**/articles/*")
    expect(page.locator("details.article[open] .body")).to_be_visible()

    page.goto(base + "/")
    shot = tmp_path / "app-home-laptop.png"
    page.screenshot(path=str(shot))
    keep_screenshot(shot)
    page.close()

    phone = browser.new_page(viewport=PHONE)
    watch.attach(phone)
    phone.goto(base + "/")
    fits_the_width(phone, PHONE["width"])
    shot = tmp_path / "app-home-phone.png"
    phone.screenshot(path=str(shot))
    keep_screenshot(shot)
    phone.locator("#stories a.title", has_text="ridge").first.click()  # the bridge story
    expect(phone).to_have_url(re.compile(r"/stories/"))
    expect(phone.locator("details.article").first).to_be_attached()
    fits_the_width(phone, PHONE["width"])
    sources_are_named(phone)
    shot = tmp_path / "app-story-phone.png"
    phone.screenshot(path=str(shot))
    keep_screenshot(shot)
    phone.close()

    outside = [u for u in watch.requests if not u.startswith((base, "data:"))]
    assert not outside, f"the app made requests elsewhere: {outside}"
    assert not watch.errors, f"console errors: {watch.errors}"


def test_a_bad_upload_shows_the_file_and_the_problem(browser, server):
    base, root = server
    bad = root / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    page = browser.new_page(viewport=LAPTOP)
    page.goto(base + "/")
    page.set_input_files('#upload input[name="files"]', [str(bad)])
    page.click("#upload button")
    result = page.locator("#result .notice.err")
    expect(result).to_contain_text("photo.txt")
    expect(result).to_contain_text("binary")
    page.close()
