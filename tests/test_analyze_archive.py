"""``wirecheck analyze ... --db`` through the one incremental core: inputs streamed into a real
SQLite archive in batches (the report read back from the store), a rerun that skips what is
stored, a failed batch that leaves no trace; and the story index's backlog read by a bounded,
indexed range rather than a scan of every stored article per batch (real parsing, real models;
articles of our own writing from tests/app_corpus.py and tests/test_archive_add.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sample_reports import flood_report
from tests.test_archive_add import BRIDGE_4, integrity, memberships, write_inputs
from wirecheck import cli, incremental
from wirecheck.ingest import read_inputs
from wirecheck.pipeline import update
from wirecheck.store import Store


@pytest.fixture
def shared_models(models, monkeypatch):
    """The CLI loads the real models through ``load_models``: hand it the session's."""
    monkeypatch.setattr("wirecheck.nlp.load_models", lambda: models)
    return models


def stored_facts(db: Path) -> dict[frozenset[str], list[tuple[str, str, str]]]:
    """Each story's facts as (kind, subject, status), keyed by the story's members."""
    facts = {}
    with Store(db) as store:
        for sid in store.story_ids():
            story = store.get_story(sid)
            assert story is not None
            facts[frozenset(story.article_ids)] = sorted((f.kind, f.subject, f.status) for f in story.facts)
    return facts


def test_analyze_into_an_archive_streams_batches_through_the_core(tmp_path, shared_models, monkeypatch):
    inputs = write_inputs(tmp_path / "in")
    db, out = tmp_path / "archive.db", tmp_path / "report.json"
    batches: list[int] = []
    original = incremental.update_articles

    def recording(store, articles, models, **options):
        batches.append(len(articles))
        return original(store, articles, models, **options)

    monkeypatch.setattr(incremental, "update_articles", recording)
    status = cli.main(
        ["analyze", "--quiet", "--db", str(db), "--batch", "2", "--json", str(out), str(inputs)]
    )
    assert status == cli.EXIT_OK
    assert batches and max(batches) <= 2 and sum(batches) == 4  # never the whole input at once
    assert integrity(db) == "ok"

    add_db = tmp_path / "added.db"
    monkeypatch.setattr(incremental, "update_articles", original)
    assert cli.main(["add", "--quiet", "--db", str(add_db), "--batch", "2", str(inputs)]) == cli.EXIT_OK
    assert memberships(db) == memberships(add_db)  # the same core, the same stories
    assert stored_facts(db) == stored_facts(add_db)

    report = json.loads(out.read_text(encoding="utf-8"))
    with Store(db) as store:
        assert {s["id"] for s in report["stories"]} == set(store.story_ids())
        assert {a["id"] for a in report["articles"]} == set(store.article_ids())
        for story in report["stories"]:
            assert story["article_ids"] == list(store.get_story(story["id"]).article_ids)


def test_a_rerun_of_analyze_into_an_archive_resumes_and_writes_the_same_report(tmp_path, shared_models):
    inputs = write_inputs(tmp_path / "in")
    db = tmp_path / "archive.db"
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert cli.main(["analyze", "--quiet", "--db", str(db), "--json", str(first), str(inputs)]) == cli.EXIT_OK
    stories = memberships(db)
    with Store(db) as store:
        counts = store.counts()
    assert cli.main(["analyze", "--db", str(db), "--json", str(second), str(inputs)]) == cli.EXIT_OK
    assert memberships(db) == stories
    with Store(db) as store:
        assert store.counts() == counts  # nothing stored twice
    assert (
        json.loads(second.read_text(encoding="utf-8"))["stories"]
        == json.loads(first.read_text(encoding="utf-8"))["stories"]
    )


def test_an_analyze_batch_that_fails_leaves_no_trace_and_a_rerun_resumes(
    tmp_path, shared_models, monkeypatch
):
    inputs = write_inputs(tmp_path / "in")
    clean_db = tmp_path / "clean.db"
    assert cli.main(["analyze", "--quiet", "--db", str(clean_db), "--batch", "1", str(inputs)]) == cli.EXIT_OK

    db = tmp_path / "crashed.db"
    original = Store.set_state
    calls = []

    def crash_in_third_batch(self, key, value):
        calls.append(key)
        if len(calls) == 5:  # two state keys per batch: the third batch dies in its last writes
            raise RuntimeError("power cut")
        original(self, key, value)

    monkeypatch.setattr(Store, "set_state", crash_in_third_batch)
    with pytest.raises(RuntimeError, match="power cut"):
        cli.main(["analyze", "--quiet", "--db", str(db), "--batch", "1", str(inputs)])
    monkeypatch.setattr(Store, "set_state", original)
    assert integrity(db) == "ok"
    with Store(db) as store:
        assert len(store.article_ids()) == 2  # the first two batches, whole

    out = tmp_path / "resumed.json"
    status = cli.main(
        ["analyze", "--quiet", "--db", str(db), "--batch", "1", "--json", str(out), str(inputs)]
    )
    assert status == cli.EXIT_OK
    assert integrity(db) == "ok"
    with Store(db) as store:
        assert sorted(store.article_ids()) == ["b-bridge", "c-chess", "lakeview-times", "sable-courier"]
    assert memberships(db) == memberships(clean_db)
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 4


def test_analyze_into_an_archive_with_nothing_readable_fails_and_writes_nothing(tmp_path, capsys):
    empty = tmp_path / "in"
    empty.mkdir()
    (empty / "blank.txt").write_bytes(b"")
    out = tmp_path / "report.json"
    status = cli.main(["analyze", "--db", str(tmp_path / "a.db"), "--json", str(out), str(empty)])
    assert status == cli.EXIT_FAILED
    assert "no article could be read" in capsys.readouterr().err
    assert not out.exists()


def test_the_story_index_backlog_is_taken_in_bounded_parts(tmp_path, shared_models, monkeypatch):
    """Articles stored without the story index (an older ``analyze --db``) join it a bounded
    part per update, read past a stored mark; once caught up, an update reads no stored id."""
    db = tmp_path / "archive.db"
    with Store(db) as store:
        store.add_report(flood_report())  # four articles, no story index
    monkeypatch.setattr(incremental, "BACKLOG_LIMIT", 3)
    inputs = write_inputs(tmp_path / "in")
    documents = read_inputs([str(inputs)]).documents
    with Store(db) as store:
        first = update(store, documents[:1], models=shared_models)
        assert any("3 stored articles joined the story index" in n.reason for n in first.notes)
        mark = store.get_state(incremental.INDEX_ROWID_KEY)
        assert mark and store.articles_after(mark, 10)  # the fourth stored article still waits

        second = update(store, documents[1:2], models=shared_models)
        assert any("1 stored articles joined the story index" in n.reason for n in second.notes)
        assert store.get_state(incremental.INDEX_ROWID_KEY) == store.last_rowid()

        def no_scan(self):
            raise AssertionError("an update read every stored article id")

        monkeypatch.setattr(Store, "article_ids", no_scan)
        third = update(store, documents[2:], models=shared_models)
        assert not any("joined the story index" in n.reason for n in third.notes)
        monkeypatch.undo()
        members = [aid for sid in store.story_ids() for aid in store.story_members(sid)]
    assert sorted(members) == sorted(
        ["council", "flood-a", "flood-b", "flood-c", "lakeview-times", "sable-courier", "b-bridge", "c-chess"]
    )
    assert integrity(db) == "ok"


def test_a_late_article_after_analyze_into_an_archive_rebuilds_one_story(tmp_path, shared_models):
    inputs = write_inputs(tmp_path / "in")
    db = tmp_path / "archive.db"
    assert cli.main(["analyze", "--quiet", "--db", str(db), str(inputs)]) == cli.EXIT_OK
    late = tmp_path / "late"
    late.mkdir()
    (late / "rebuild.txt").write_text(BRIDGE_4, encoding="utf-8")
    with Store(db) as store:
        chess = store.story_of(["c-chess"])["c-chess"]
        before = store.get_story(chess)
        result = update(store, read_inputs([str(late)]).documents, models=shared_models)
        bridge = store.story_of(["lakeview-times"])["lakeview-times"]
        assert result.updated_stories == (bridge,)
        assert store.get_story(chess) == before
