"""The web app in a real browser: uvicorn on 127.0.0.1, upload through the page, see the
articles join a story, search, open the story and an article."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from tests.app_corpus import BRIDGE_1, BRIDGE_2, BRIDGE_3, CHESS
from tests.browser import LAPTOP, PHONE, Watch, keep_screenshot, launch_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    yield from launch_chromium()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory, models):
    """The app served by uvicorn in a thread, sharing the session's models."""
    import uvicorn

    from wirecheck.app.library import Library
    from wirecheck.app.web import create_app

    root = tmp_path_factory.mktemp("served")
    library = Library(root / "w.db", [], models_factory=lambda: models)
    port = free_port()
    config = uvicorn.Config(
        create_app(root / "w.db", library=library), host="127.0.0.1", port=port, log_level="warning"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", root
    uv.should_exit = True
    thread.join(timeout=10)


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


def upload_through_page(page, paths) -> None:
    page.set_input_files('#upload input[name="files"]', paths)
    page.click("#upload button")
    page.wait_for_selector("#result .notice.ok a.joined, #result .notice.err", timeout=600_000)
    assert page.locator("#result .notice.err").count() == 0, page.locator("#result").inner_text()


def test_upload_join_search_and_read(browser, server, tmp_path):
    base, root = server
    paths = write_inputs(root)
    page = browser.new_page(viewport=LAPTOP)
    watch = Watch()
    watch.attach(page)
    page.goto(base + "/")
    assert "No stories yet" in page.inner_text("#stories")

    upload_through_page(page, paths[:2] + paths[3:])  # two bridge reports and the chess story
    joined = page.locator("#result a.joined")
    assert joined.count() == 2
    page.goto(base + "/")
    assert page.locator("#stories li").count() == 2

    upload_through_page(page, paths[2:3])  # a later report of the collapse
    assert page.locator("#result a.joined").count() == 1
    page.locator("#result a.joined").first.click()
    page.wait_for_load_state("load")
    assert "/stories/" in page.url
    assert page.locator("details.article").count() == 3  # it joined the bridge story
    shot = tmp_path / "app-story-laptop.png"
    page.screenshot(path=str(shot))
    keep_screenshot(shot)
    claim = page.locator("a.claim-link").first
    if claim.count():
        span_id = claim.get_attribute("href")[1:]
        claim.click()
        assert "active" in (page.locator(f'mark[data-spans~="{span_id}"]').first.get_attribute("class") or "")

    page.fill('header input[name="q"]', "footbridge station")
    page.press('header input[name="q"]', "Enter")
    page.wait_for_url("**/search?q=*")
    hits = page.locator("ol.hits a.hit")
    assert hits.count() >= 2
    hits.first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("details.article[open] .body").is_visible()

    page.goto(base + "/")
    shot = tmp_path / "app-home-laptop.png"
    page.screenshot(path=str(shot))
    keep_screenshot(shot)
    page.close()

    phone = browser.new_page(viewport=PHONE)
    watch.attach(phone)
    phone.goto(base + "/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot = tmp_path / "app-home-phone.png"
    phone.screenshot(path=str(shot))
    keep_screenshot(shot)
    phone.locator("#stories a.title").first.click()
    phone.wait_for_load_state("load")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
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
    page.wait_for_selector("#result .notice.err")
    text = page.inner_text("#result")
    assert "photo.txt" in text and "binary" in text
    page.close()
