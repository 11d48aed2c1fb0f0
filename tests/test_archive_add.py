"""``wirecheck add`` over the one incremental core: an archive filled in batches, where a
rerun skips what is stored and a batch that fails leaves no trace (real parsing, real
models, a real SQLite file; articles of our own writing from tests/app_corpus.py)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.app_corpus import BRIDGE_1, BRIDGE_2, BRIDGE_3, CHESS
from wirecheck import cli
from wirecheck.ingest import read_inputs
from wirecheck.pipeline import update
from wirecheck.store import Store

BRIDGE_4 = (
    "Lakeview footbridge to be rebuilt in steel\n\n"
    "Lakeview, April 9 (Northline) - The Lakeview footbridge over the Sable river that collapsed "
    "last week will be rebuilt in steel, city engineer Maren Holt said on Thursday.\n\n"
    "Three people were hurt when the old town crossing fell into the river.\n"
)


def write_inputs(folder: Path) -> Path:
    """Two bridge reports as a JSONL feed, a third and a chess story as text files."""
    folder.mkdir()
    lines = [json.dumps(item) for item in (BRIDGE_1, BRIDGE_2)]
    (folder / "a-feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "b-bridge.txt").write_text(BRIDGE_3, encoding="utf-8")
    (folder / "c-chess.txt").write_text(CHESS, encoding="utf-8")
    return folder


def memberships(db: Path) -> set[frozenset[str]]:
    with Store(db) as store:
        return {frozenset(store.story_members(sid)) for sid in store.story_ids()}


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.fixture
def shared_models(models, monkeypatch):
    """``wirecheck add`` loads the real models through ``load_models``: hand it the session's."""
    monkeypatch.setattr("wirecheck.nlp.load_models", lambda: models)
    return models


def test_add_joins_batches_into_stories_and_a_rerun_adds_nothing(tmp_path, shared_models, capsys):
    inputs = write_inputs(tmp_path / "in")
    db = tmp_path / "archive.db"
    assert cli.main(["add", "--db", str(db), "--batch", "1", str(inputs)]) == cli.EXIT_OK
    first = capsys.readouterr().err
    assert "added 4 articles (0 already stored)" in first
    stories = memberships(db)
    assert len(stories) == 2
    bridge = next(s for s in stories if len(s) == 3)
    assert {"lakeview-times", "sable-courier"} <= bridge
    assert integrity(db) == "ok"

    assert cli.main(["add", "--db", str(db), "--batch", "1", str(inputs)]) == cli.EXIT_OK
    assert "added 0 articles (4 already stored), 0 stories updated" in capsys.readouterr().err
    assert memberships(db) == stories


def test_update_rebuilds_only_the_story_that_gained_an_article(tmp_path, shared_models):
    inputs = write_inputs(tmp_path / "in")
    db = tmp_path / "archive.db"
    with Store(db) as store:
        update(store, read_inputs([str(inputs)]).documents, models=shared_models)
        chess_story = store.story_of(["c-chess"])["c-chess"]
        before = store.get_story(chess_story)
        late = tmp_path / "late"
        late.mkdir()
        (late / "rebuild.txt").write_text(BRIDGE_4, encoding="utf-8")
        result = update(store, read_inputs([str(late)]).documents, models=shared_models)
        bridge_story = store.story_of(["lakeview-times"])["lakeview-times"]
        assert result.added == ("rebuild",)
        assert result.stories == {bridge_story: ("rebuild",)}
        assert result.updated_stories == (bridge_story,)
        assert store.get_story(chess_story) == before
        assert "rebuild" in store.story_members(bridge_story)


def test_a_batch_that_fails_leaves_no_trace_and_a_rerun_resumes(tmp_path, shared_models, monkeypatch):
    inputs = write_inputs(tmp_path / "in")
    clean_db = tmp_path / "clean.db"
    assert cli.main(["add", "--quiet", "--db", str(clean_db), "--batch", "1", str(inputs)]) == cli.EXIT_OK

    db = tmp_path / "crashed.db"
    original = Store.set_state
    calls = []

    def crash_on_second_batch(self, key, value):
        calls.append(key)
        if len(calls) == 3:  # two state keys a batch: the second dies after its articles and stories
            raise RuntimeError("power cut")
        original(self, key, value)

    monkeypatch.setattr(Store, "set_state", crash_on_second_batch)
    with pytest.raises(RuntimeError, match="power cut"):
        cli.main(["add", "--quiet", "--db", str(db), "--batch", "1", str(inputs)])
    monkeypatch.setattr(Store, "set_state", original)
    assert integrity(db) == "ok"
    with Store(db) as store:
        assert len(store.article_ids()) == 1  # the first batch only, whole
        assert sum(len(store.story_members(s)) for s in store.story_ids()) == 1

    assert cli.main(["add", "--quiet", "--db", str(db), "--batch", "1", str(inputs)]) == cli.EXIT_OK
    assert integrity(db) == "ok"
    with Store(db) as store:
        assert sorted(store.article_ids()) == ["b-bridge", "c-chess", "lakeview-times", "sable-courier"]
    assert memberships(db) == memberships(clean_db)


def test_add_names_what_it_could_not_read(tmp_path, shared_models, capsys):
    inputs = write_inputs(tmp_path / "in")
    (inputs / "d-empty.txt").write_bytes(b"")
    db = tmp_path / "archive.db"
    assert cli.main(["add", "--db", str(db), str(inputs), str(tmp_path / "missing")]) == cli.EXIT_SKIPPED
    err = capsys.readouterr().err
    assert "d-empty.txt: empty file" in err
    assert "missing" in err
    assert "added 4 articles" in err


def test_report_writes_the_chosen_stories_of_an_archive(tmp_path, shared_models, capsys):
    inputs = write_inputs(tmp_path / "in")
    db = tmp_path / "archive.db"
    assert cli.main(["add", "--quiet", "--db", str(db), str(inputs)]) == cli.EXIT_OK
    with Store(db) as store:
        summaries = {s.id: s for s in store.stories()}
        chess_story = store.story_of(["c-chess"])["c-chess"]
    most_disputed = max(summaries.values(), key=lambda s: (s.disputed, s.article_count)).id

    out = tmp_path / "top.json"
    assert cli.main(["report", "--db", str(db), "--json", str(out), "--most-disputed", "1"]) == cli.EXIT_OK
    top = json.loads(out.read_text(encoding="utf-8"))
    assert [s["id"] for s in top["stories"]] == [most_disputed]
    assert {a["id"] for a in top["articles"]} == set(top["stories"][0]["article_ids"])
    assert len(top["stories"][0]["article_ids"]) == summaries[most_disputed].article_count

    html = tmp_path / "chess.html"
    assert cli.main(["report", "--db", str(db), "--html", str(html), "--search", "chess"]) == cli.EXIT_OK
    page = html.read_text(encoding="utf-8")
    assert "Harrowgate" in page and "Lakeview" not in page
    assert "1 stories, 1 articles" in capsys.readouterr().err

    everything = tmp_path / "all.json"
    assert cli.main(["report", "--db", str(db), "--json", str(everything)]) == cli.EXIT_OK
    assert {s["id"] for s in json.loads(everything.read_text(encoding="utf-8"))["stories"]} == set(summaries)
    assert chess_story in summaries

    assert (
        cli.main(["report", "--db", str(db), "--json", str(out), "--since", "2030-01-01"]) == cli.EXIT_FAILED
    )
    assert "no story matches" in capsys.readouterr().err
    assert cli.main(["report", "--db", str(db), "--json", str(out), "--until", "May 1"]) == cli.EXIT_FAILED
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert cli.main(["report", "--db", str(tmp_path / "none.db"), "--json", str(out)]) == cli.EXIT_FAILED
    assert not (tmp_path / "none.db").exists()


def test_add_waits_while_another_writer_holds_the_archive(tmp_path, shared_models):
    """A running app or another ``add`` holds the archive's write lock: this add writes nothing
    until it is released, then adds everything."""
    import threading

    from wirecheck.incremental import archive_write_lock

    inputs = write_inputs(tmp_path / "in")
    db = tmp_path / "archive.db"
    Store(db).close()
    outcome = []
    with archive_write_lock(db):
        adder = threading.Thread(
            target=lambda: outcome.append(cli.main(["add", "--quiet", "--db", str(db), str(inputs)]))
        )
        adder.start()
        adder.join(timeout=2.0)
        assert adder.is_alive() and not outcome
        with Store(db) as store:
            assert store.article_ids() == []
    adder.join(timeout=600)
    assert outcome == [cli.EXIT_OK]
    with Store(db) as store:
        assert len(store.article_ids()) == 4
