"""``wirecheck serve --workers N``: several server processes over one SQLite file.

Each process keeps its own rendered pages; they must read like the pages of a single-process
app, and a write by anyone must make every process's kept page stale.  Adds from different
processes must not interleave (each reads the stories it joins, then writes)."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi.testclient import TestClient

from tests.app_corpus import BRIDGE_1, BRIDGE_2, BRIDGE_3, CHESS
from tests.served import request, serve_in_process
from wirecheck.app.library import Library, Upload
from wirecheck.app.web import create_app

BASE = "http://127.0.0.1"


def live_page(db: Path, path: str) -> str:
    """The page as a fresh single-process app renders it now."""
    client = TestClient(create_app(db), base_url=BASE)
    response = client.get(path)
    assert response.status_code == 200
    return response.text


def pages_served(base: str, path: str, times: int) -> set[str]:
    """The distinct bodies served for ``path`` over ``times`` new connections (spread over
    the workers by the kernel)."""
    bodies = set()
    for _ in range(times):
        status, body = request(base, "GET", path, headers={"Host": "127.0.0.1"})
        assert status == 200
        bodies.add(body.decode("utf-8"))
    return bodies


def test_two_workers_serve_the_single_process_page_and_never_a_stale_one(tmp_path, models):
    db = tmp_path / "w.db"
    library = Library(db, [], models_factory=lambda: models)
    first = library.add_json([BRIDGE_1, BRIDGE_2])
    story_id = next(iter(first.stories))
    path = f"/stories/{story_id}"
    before = live_page(db, path)
    with serve_in_process(db, ["--workers", "2"]) as (base, _):
        assert pages_served(base, path, 30) == {before}
        assert pages_served(base, "/articles/lakeview-times", 10) == {
            live_page(db, "/articles/lakeview-times")
        }
        added = library.add_uploads([Upload("bridge3.txt", BRIDGE_3.encode())])  # another process writes
        assert story_id in added.updated_stories
        after = live_page(db, path)
        assert after != before and "Lakeview closes river paths" in after
        assert pages_served(base, path, 30) == {after}
        search = live_page(db, "/search?q=footbridge")
        assert pages_served(base, "/search?q=footbridge", 10) == {search}


def test_adds_in_two_processes_take_turns(tmp_path, models):
    """Two libraries on one file stand for two worker processes: while one holds the write
    side, the other's add waits, and both adds end up stored."""
    db = tmp_path / "w.db"
    holder = Library(db, [], models_factory=lambda: models)
    other = Library(db, [], models_factory=lambda: models)
    entered = threading.Event()
    results = []

    def add_from_the_other() -> None:
        with other.writing():
            entered.set()
        results.append(other.add_json([{"id": "chess", "text": CHESS}]))

    with holder.writing():
        thread = threading.Thread(target=add_from_the_other)
        thread.start()
        assert not entered.wait(1.0)  # the other process's write side is shut while this one writes
    thread.join(timeout=300)
    assert entered.is_set() and results[0].added == ("chess",)
    holder.add_json([BRIDGE_1])
    with holder.reading() as store:
        assert sorted(store.article_ids()) == ["chess", "lakeview-times"]
