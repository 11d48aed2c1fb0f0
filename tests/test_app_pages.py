"""Story pages stored when the story is written (wirecheck.app.pages): the stored page is the
page the app renders on a visit, byte for byte, and any write that changes what a page shows
replaces or drops it, so the app never serves a stale one."""

from __future__ import annotations

import dataclasses

from fastapi.testclient import TestClient

from tests.app_corpus import BRIDGE_1, BRIDGE_2, CHESS
from tests.sample_reports import flood_report
from wirecheck.app.library import Library
from wirecheck.app.pages import page_stamp
from wirecheck.app.web import create_app
from wirecheck.model import CopyLink, Grouping
from wirecheck.store import Store

BASE = "http://127.0.0.1"


def app_over(db, allowed_dirs=(), models=None) -> TestClient:
    library = Library(db, allowed_dirs, models_factory=lambda: models)
    return TestClient(create_app(db, library=library), base_url=BASE)


def rendered_on_visit(db, story_id: str, allowed_dirs=()) -> str:
    """The page as the app renders it when nothing is stored: a new app over a copy of the
    pages table emptied (the database itself keeps its stored pages)."""
    with Store(db) as store:
        kept = store.db.execute("SELECT story_id, stamp, html FROM story_pages").fetchall()
        inputs = store.db.execute("SELECT story_id, article_id FROM story_page_inputs").fetchall()
        due = store.db.execute("SELECT story_id FROM story_pages_due").fetchall()
        store.db.execute("DELETE FROM story_pages")
    try:
        response = app_over(db, allowed_dirs).get(f"/stories/{story_id}")
        assert response.status_code == 200
        return response.text
    finally:
        with Store(db) as store, store.transaction():
            # put back exactly what was there; the triggers do not fire on these tables
            store.db.execute("DELETE FROM story_pages")
            store.db.executemany("INSERT INTO story_pages VALUES (?, ?, ?)", [tuple(r) for r in kept])
            store.db.executemany("INSERT INTO story_page_inputs VALUES (?, ?)", [tuple(r) for r in inputs])
            store.db.executemany("INSERT OR IGNORE INTO story_pages_due VALUES (?)", [tuple(r) for r in due])


def test_a_story_written_to_the_store_has_its_page_stored_as_the_app_renders_it(tmp_path):
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_report(flood_report())
        stored = {sid: store.story_page(sid, page_stamp()) for sid in store.story_ids()}
        assert store.due_story_pages() == []
    assert set(stored) == {"story-1", "story-2"} and all(stored.values())
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    for story_id, html in stored.items():
        assert rendered_on_visit(db, story_id, [allowed]) == html
    assert "Halvik flood: five dead" in stored["story-1"]
    assert "<script>window.__pwned" not in stored["story-2"]  # escaped, as on a visit
    assert app_over(db).get("/stories/story-1").text == stored["story-1"]


def test_rewriting_a_story_replaces_its_page_and_the_app_shows_the_new_one(tmp_path):
    db = tmp_path / "w.db"
    report = flood_report()
    with Store(db) as store:
        store.add_report(report)
    client = app_over(db)
    assert "Halvik flood: five dead" in client.get("/stories/story-1").text  # kept in memory now
    retold = dataclasses.replace(
        report,
        articles=tuple(
            dataclasses.replace(a, headline="Halvik flood toll rises to five") if a.id == "flood-b" else a
            for a in report.articles
        ),
        stories=tuple(
            dataclasses.replace(s, title="Halvik counts its flood dead") if s.id == "story-1" else s
            for s in report.stories
        ),
    )
    with Store(db) as store:
        store.add_report(retold)
        page = store.story_page("story-1", page_stamp())
    assert page is not None
    assert "Halvik counts its flood dead" in page and "Halvik flood toll rises to five" in page
    assert "Deadly flood in Halvik" not in page and "Halvik flood: five dead" not in page
    assert rendered_on_visit(db, "story-1") == page
    assert client.get("/stories/story-1").text == page


def test_a_change_to_what_a_page_shows_drops_the_page_even_without_the_story_rewritten(tmp_path):
    db = tmp_path / "w.db"
    report = flood_report()
    with Store(db) as store:
        store.add_report(report)
        flood_b = next(a for a in report.articles if a.id == "flood-b")
        store.put_articles([dataclasses.replace(flood_b, headline="A headline changed alone")])
        assert store.story_page("story-1", page_stamp()) is None
        assert store.story_page("story-2", page_stamp()) is not None  # not one of its articles
        assert store.due_story_pages() == ["story-1"]
        store.render_story_pages()
        assert "A headline changed alone" in (store.story_page("story-1", page_stamp()) or "")
        # a copy link of one of its articles
        store.put_grouping(Grouping(copies=(CopyLink("flood-b", "flood-a", "reprint", 0.9),)), ["flood-b"])
        assert store.story_page("story-1", page_stamp()) is None
        store.render_story_pages()
        assert store.story_page("story-1", page_stamp()) is not None
        store.delete_story("story-1")
        assert store.story_page("story-1", page_stamp()) is None and store.due_story_pages() == []
    assert app_over(db).get("/stories/story-1").status_code == 404


def test_a_page_left_by_other_code_is_not_served(tmp_path):
    """After an upgrade the stored pages of the old templates are rendered afresh."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_report(flood_report())
        current = store.story_page("story-1", page_stamp())
        store.put_story_page("story-1", "another version", "<p>old templates</p>", ["flood-a"])
    page = app_over(db).get("/stories/story-1").text
    assert "old templates" not in page and page == current


def test_stories_the_app_adds_get_their_pages_stored(tmp_path, models):
    """The incremental core (behind the app's adds and `wirecheck add`) renders the pages of
    the stories it rebuilt, in the same write."""
    db = tmp_path / "w.db"
    client = app_over(db, models=models)
    first = client.post("/api/articles", json={"articles": [BRIDGE_1]}).json()
    (story_id,) = first["stories"]
    with Store(db) as store:
        before = store.story_page(story_id, page_stamp())
    assert before is not None and "Sable Courier" not in before
    added = client.post("/api/articles", json={"articles": [BRIDGE_2, {"text": CHESS, "id": "chess"}]}).json()
    assert story_id in added["updated_stories"]
    with Store(db) as store:
        assert store.due_story_pages() == []
        after = {sid: store.story_page(sid, page_stamp()) for sid in store.story_ids()}
    assert set(after) == set(added["updated_stories"]) | {story_id} and all(after.values())
    assert "Sable Courier" in (after[story_id] or "")
    for sid, html in after.items():
        assert rendered_on_visit(db, sid) == html
    assert client.get(f"/stories/{story_id}").text == after[story_id]
