"""The SQLite store on a real file: migrations, WAL, round trips, FTS5 search, incremental stories."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from tests.sample_reports import flood_report
from wirecheck.model import Article, StoryReport
from wirecheck.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError, fts_query


def test_new_file_is_migrated_to_the_latest_schema_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
        assert store.journal_mode() == "wal"
    raw = sqlite3.connect(path)
    versions = [r[0] for r in raw.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "article_search", "stories", "story_articles", "state"} <= names


def test_an_old_database_is_upgraded_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    raw.executescript(MIGRATIONS[0])
    raw.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT)")
    raw.execute("INSERT INTO schema_version VALUES (1, 'then')")
    raw.execute("INSERT INTO state VALUES ('note', '\"kept\"')")
    raw.commit()
    raw.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.get_state("note") == "kept"
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "stories_by_latest" in indexes


def test_a_newer_schema_or_a_foreign_file_is_refused_with_a_message(tmp_path):
    newer = tmp_path / "newer.db"
    with Store(newer) as store:
        store.db.execute("INSERT INTO schema_version VALUES (?, 'future')", (SCHEMA_VERSION + 5,))
    with pytest.raises(StoreError, match="newer than this wirecheck"):
        Store(newer)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable wirecheck database"):
        Store(junk)


def test_report_round_trips_into_the_same_dataclasses(tmp_path):
    report = flood_report()
    with Store(tmp_path / "w.db") as store:
        renamed = store.add_report(report)
        assert renamed == {"story-1": "story-1", "story-2": "story-2"}
        assert store.get_story("story-1") == report.stories[0]
        assert store.get_article("flood-b") == report.articles[1]
        assert isinstance(store.get_article("flood-b"), Article)
        assert store.get_mentions(["flood-a"]) == [report.mentions[0]]
        grouping = store.get_grouping(["flood-a", "flood-c"])
        assert grouping.copies == report.grouping.copies
        assert grouping.spin == report.grouping.spin
        again = store.story_report(["story-1"])
        assert [a.id for a in again.articles] == ["flood-a", "flood-b", "flood-c"]
        assert again.stories == (report.stories[0],)


def test_story_list_is_newest_first(tmp_path):
    with Store(tmp_path / "w.db") as store:
        store.add_report(flood_report())
        summaries = store.stories()
        assert [s.id for s in summaries] == ["story-1", "story-2"]  # March before February
        assert summaries[0].disputed == 1 and summaries[0].article_count == 3
        assert summaries[0].latest == "2026-03-06"


def test_full_text_search_finds_words_and_prefixes_and_never_breaks_on_syntax(tmp_path):
    with Store(tmp_path / "w.db") as store:
        store.add_report(flood_report())
        hits = store.search("rescue crews")
        assert [h.article_id for h in hits] == ["flood-a"]
        assert hits[0].story_id == "story-1"
        assert ("Rescue", True) in hits[0].snippet
        assert {h.article_id for h in store.search("halv")} == {"flood-a", "flood-b", "flood-c"}
        assert store.search("budget")[0].article_id == "council"
        for hostile in ['"', "AND OR NOT", "(*", "NEAR(", "body:x", "", "   "]:
            store.search(hostile)  # must not raise
        assert store.search("zebra") == []
    assert fts_query('a "b" c*') == '"a" "b" "c"*'


def test_replacing_an_article_keeps_one_search_row(tmp_path):
    report = flood_report()
    with Store(tmp_path / "w.db") as store:
        store.add_report(report)
        before = store.counts()
        changed = dataclasses.replace(report.articles[0], body="Entirely new words about a marmot.")
        store.put_articles([changed])
        assert store.counts() == before
        assert [h.article_id for h in store.search("marmot")] == ["flood-a"]
        assert store.search("rescue") == []
        assert store.find_same(changed) == "flood-a"
        reprint = dataclasses.replace(changed, id="elsewhere", outlet="Another Outlet")
        assert store.find_same(reprint) is None  # same words, another outlet: a reprint, kept
        assert store.find_same(dataclasses.replace(changed, body="nothing like it")) is None


def test_a_failed_transaction_leaves_the_database_as_it_was(tmp_path):
    with Store(tmp_path / "w.db") as store:
        store.add_report(flood_report(with_hostile=False))
        before = store.counts()
        with pytest.raises(RuntimeError), store.transaction():
            store.put_articles([dataclasses.replace(flood_report().articles[3], id="late")])
            store.set_state("index", {"x": 1})
            raise RuntimeError("boom half-way")
        assert store.counts() == before
        assert not store.has_article("late")


def test_incremental_story_updates_move_articles_and_drop_empty_stories(tmp_path):
    report = flood_report()
    with Store(tmp_path / "w.db") as store:
        store.add_report(report)
        # the council article joins the flood story: story-2 loses its only article
        store.assign_stories({"council": "story-1"})
        assert store.story_members("story-1") == ["council", "flood-a", "flood-b", "flood-c"]
        flood = store.get_story("story-1")
        assert flood is not None
        store.put_story(dataclasses.replace(flood, article_ids=(*flood.article_ids, "council")))
        store._drop_empty_stories()
        assert store.story_ids() == ["story-1"]
        assert store.story_of(["council"]) == {"council": "story-1"}


def test_a_second_report_with_a_clashing_story_id_gets_a_new_id(tmp_path):
    first = flood_report()
    second_story = StoryReport(id="story-1", article_ids=("council",), title="Council")
    second = dataclasses.replace(first, stories=(second_story,), articles=first.articles[3:], mentions=())
    with Store(tmp_path / "w.db") as store:
        store.add_report(dataclasses.replace(first, stories=first.stories[:1], articles=first.articles[:3]))
        assert store.add_report(second) == {"story-1": "story-2"}
        assert store.story_members("story-2") == ["council"]
        assert store.story_members("story-1") == ["flood-a", "flood-b", "flood-c"]


def test_readers_see_committed_data_while_a_writer_is_busy(tmp_path):
    path = tmp_path / "w.db"
    with Store(path) as writer, Store(path) as reader:
        writer.add_report(flood_report(with_hostile=False))
        with writer.transaction():
            writer.set_state("busy", True)
            assert reader.article_count() == 3  # WAL: no "database is locked" for readers
            assert reader.get_state("busy") is None
        assert reader.get_state("busy") is True


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path):
    """Each process migrates a fresh file at the same moment: every migration is applied
    once and no process fails (once "table articles already exists")."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src"
    script = (
        "import sys\n"
        "from wirecheck.store import Store\n"
        "print('ready', flush=True)\n"
        "sys.stdin.readline()\n"  # wait for the start signal, so that all open the file together
        "with Store(sys.argv[1]) as store:\n"
        "    print(store.schema_version())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    for trial in range(2):
        db = tmp_path / f"new-{trial}.db"
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", script, str(db)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for _ in range(16)
        ]
        for p in processes:
            assert p.stdout is not None and p.stdout.readline() == b"ready\n"
        for p in processes:
            assert p.stdin is not None
            p.stdin.write(b"go\n")
            p.stdin.flush()
        # a hang guard, not a speed check: 16 processes migrating took 40 s at a load average of 40
        results = [p.communicate(timeout=900) for p in processes]
        failures = [err.decode() for p, (_, err) in zip(processes, results, strict=True) if p.returncode]
        assert not failures, failures[0]
        assert {out.strip() for out, _ in results} == {str(SCHEMA_VERSION).encode()}
        with Store(db) as store:
            versions = [r[0] for r in store.db.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_switching_to_wal_waits_while_another_connection_holds_the_file(tmp_path):
    """SQLite refuses a journal-mode change at once while another connection holds the file:
    the store waits and retries, and gives up with the error only after its patience."""
    import sqlite3
    import threading

    from wirecheck.store import use_wal

    path = tmp_path / "held.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    opener = sqlite3.connect(path, isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        use_wal(opener, patience=0.1)
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    use_wal(opener)
    release.join()
    assert opener.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    opener.close()
    holder.close()
