"""The SQLite store: articles, their mentions, copies and spin, story reports, and app state.

One file, WAL mode (readers never wait for the writer), schema migrations recorded in
a ``schema_version`` table, FTS5 for article search.  Model objects are stored as JSON
(``model.to_json``) and read back into the same frozen dataclasses
(``model.from_json``), so a story read from the store renders exactly like one
fresh from the pipeline.

Use it as a context manager; group writes in ``with store.transaction():`` so a
failed import leaves the database as it was::

    with Store("wirecheck.db") as store:
        store.add_report(report)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from wirecheck.model import (
    Article,
    ArticleMentions,
    CopyLink,
    Grouping,
    Report,
    SpinScore,
    StoryCluster,
    StoryReport,
    from_json,
    to_json,
)

SAME_ARTICLE_KEYS = ("body", "headline", "outlet", "url", "published")

# Each migration moves the schema one version up; never edit one that has shipped, add a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, full-text search, stories, copies, spin, key/value state
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        headline TEXT,
        outlet TEXT,
        published TEXT,
        source TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        data TEXT NOT NULL,
        mentions TEXT,
        added_at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE article_search USING fts5(
        headline, outlet, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        data TEXT NOT NULL,
        article_count INTEGER NOT NULL,
        disputed INTEGER NOT NULL,
        latest TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL
    );
    CREATE TABLE copies (article_id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE spin (article_id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: the story list is read newest and most disputed first; articles by story
    """
    CREATE INDEX stories_by_latest ON stories(latest DESC, disputed DESC);
    CREATE INDEX story_articles_by_story ON story_articles(story_id);
    CREATE INDEX articles_by_body ON articles(body_hash);
    """,
    # 3: story pages rendered when the story is written (see wirecheck.app.pages); triggers drop
    # a page whenever its story, or an article, mention, copy or spin row it was rendered
    # from, changes, and mark the story due for rendering before the writer commits
    """
    CREATE TABLE story_pages (story_id TEXT PRIMARY KEY, stamp TEXT NOT NULL, html TEXT NOT NULL);
    CREATE TABLE story_page_inputs (
        story_id TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (story_id, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_page_inputs_by_article ON story_page_inputs(article_id);
    CREATE TABLE story_pages_due (story_id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TRIGGER story_page_dropped AFTER DELETE ON story_pages BEGIN
        DELETE FROM story_page_inputs WHERE story_id = OLD.story_id;
    END;
    CREATE TRIGGER story_inserted AFTER INSERT ON stories BEGIN
        DELETE FROM story_pages WHERE story_id = NEW.id;
        INSERT OR IGNORE INTO story_pages_due VALUES (NEW.id);
    END;
    CREATE TRIGGER story_updated AFTER UPDATE ON stories BEGIN
        DELETE FROM story_pages WHERE story_id IN (OLD.id, NEW.id);
        INSERT OR IGNORE INTO story_pages_due VALUES (NEW.id);
    END;
    CREATE TRIGGER story_deleted AFTER DELETE ON stories BEGIN
        DELETE FROM story_pages WHERE story_id = OLD.id;
        DELETE FROM story_pages_due WHERE story_id = OLD.id;
    END;
    """
    + "".join(
        f"""
    CREATE TRIGGER {table}_{event.lower()}_drops_pages AFTER {event} ON {table} BEGIN
        INSERT OR IGNORE INTO story_pages_due
            SELECT story_id FROM story_page_inputs WHERE article_id = {row}.{column};
        DELETE FROM story_pages WHERE story_id IN
            (SELECT story_id FROM story_page_inputs WHERE article_id = {row}.{column});
    END;
    """
        for table, column in (("articles", "id"), ("copies", "article_id"), ("spin", "article_id"))
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The database cannot be used (newer schema, not a wirecheck database, corrupt file)."""


@dataclass(frozen=True)
class StorySummary:
    id: str
    title: str
    article_count: int
    disputed: int
    latest: str | None
    updated_at: str


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    snippet: tuple[tuple[str, bool], ...]  # (text, matched) pieces; the template escapes them


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- the store


def use_wal(db: sqlite3.Connection, patience: float = 30.0) -> None:
    """Switch the file to write-ahead logging.  Changing the journal mode needs the file to
    itself, and SQLite answers "database is locked" at once, without its busy timeout, while
    other processes open the same new file: so wait and retry, as the busy timeout would."""
    deadline = time.monotonic() + patience
    delay = 0.005
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


class Store:
    """A wirecheck database in one SQLite file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.db.row_factory = sqlite3.Row
            use_wal(self.db)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a usable wirecheck database ({err})") from err

    # ----------------------------------------------------------------- lifecycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all (nested uses join the outer one)."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Reads inside see one committed state of the file (a writer's commit in the middle
        of a page's queries is not half seen); WAL lets them run while a writer writes."""
        if self.db.in_transaction:
            yield self
            return
        self.db.execute("BEGIN")
        try:
            yield self
        finally:
            self.db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes whenever another connection (any process) commits to the file."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def schema_version(self) -> int:
        exists = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self.db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self, target: int = SCHEMA_VERSION) -> int:
        """Apply the migrations this file lacks, each in its own transaction.  The version is
        read again inside the transaction, so processes opening a new file at once apply
        each migration exactly once."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this wirecheck ({SCHEMA_VERSION}); upgrade wirecheck"
            )
        while current < target:
            with self.transaction():  # BEGIN IMMEDIATE: one migrating process at a time
                current = self.schema_version()  # another process may have migrated meanwhile
                if current >= target:
                    break
                self.db.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT)"
                )
                for statement in _statements(MIGRATIONS[current]):
                    self.db.execute(statement)
                current += 1
                self.db.execute("INSERT INTO schema_version VALUES (?, ?)", (current, _now()))
        return self.schema_version()

    def journal_mode(self) -> str:
        return str(self.db.execute("PRAGMA journal_mode").fetchone()[0])

    # ----------------------------------------------------------------- articles

    def put_articles(self, articles: Sequence[Article], mentions: Sequence[ArticleMentions] = ()) -> None:
        """Insert or replace articles (and their mentions), keeping the search index in step."""
        by_id = {m.article_id: m for m in mentions}
        with self.transaction():
            for article in articles:
                old = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article.id,)).fetchone()
                m = by_id.get(article.id)
                values = (
                    article.headline,
                    article.outlet,
                    article.published,
                    article.source,
                    body_hash(article.body),
                    to_json(article),
                    to_json(m) if m else None,
                )
                if old:
                    rowid = old[0]
                    self.db.execute(
                        "UPDATE articles SET headline=?, outlet=?, published=?, source=?, body_hash=?, data=?,"
                        " mentions=COALESCE(?, mentions) WHERE rowid=?",
                        (*values, rowid),
                    )
                    self.db.execute("DELETE FROM article_search WHERE rowid = ?", (rowid,))
                else:
                    cursor = self.db.execute(
                        "INSERT INTO articles"
                        " (id, headline, outlet, published, source, body_hash, data, mentions, added_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (article.id, *values, _now()),
                    )
                    rowid = cursor.lastrowid
                self.db.execute(
                    "INSERT INTO article_search (rowid, headline, outlet, body) VALUES (?, ?, ?, ?)",
                    (rowid, article.headline or "", article.outlet or "", article.body),
                )

    def article_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY rowid")]

    def articles_after(self, rowid: int, limit: int) -> list[tuple[int, str]]:
        """(rowid, id) of the articles stored after ``rowid``, oldest first: a range of the
        primary key, so reading what came since a mark costs nothing per stored article."""
        rows = self.db.execute(
            "SELECT rowid, id FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?", (rowid, limit)
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def last_rowid(self) -> int:
        return int(self.db.execute("SELECT COALESCE(MAX(rowid), 0) FROM articles").fetchone()[0])

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return from_json(Article, row[0]) if row else None

    def get_articles(self, article_ids: Iterable[str]) -> list[Article]:
        """The articles that exist, in the order asked."""
        found = {}
        for aid in dict.fromkeys(article_ids):
            article = self.get_article(aid)
            if article:
                found[aid] = article
        return list(found.values())

    def get_mentions(self, article_ids: Iterable[str]) -> list[ArticleMentions]:
        out = []
        for aid in dict.fromkeys(article_ids):
            row = self.db.execute("SELECT mentions FROM articles WHERE id = ?", (aid,)).fetchone()
            if row and row[0]:
                out.append(from_json(ArticleMentions, row[0]))
        return out

    def find_same(self, article: Article) -> str | None:
        """The id of a stored article with this exact text and the same headline, outlet,
        url and date: the same article uploaded again.  A reprint by another outlet is
        a different article (the copy detector links the two)."""
        for row in self.db.execute(
            "SELECT id, data FROM articles WHERE body_hash = ?", (body_hash(article.body),)
        ):
            stored = json.loads(row["data"])
            if all(stored.get(k) == getattr(article, k) for k in SAME_ARTICLE_KEYS):
                return str(row["id"])
        return None

    # ----------------------------------------------------------------- grouping

    def put_grouping(self, grouping: Grouping, article_ids: Iterable[str] | None = None) -> None:
        """Replace copies and spin of ``article_ids`` (default: the articles the grouping names)."""
        ids = (
            set(article_ids)
            if article_ids is not None
            else ({c.article_id for c in grouping.copies} | {s.article_id for s in grouping.spin})
        )
        with self.transaction():
            for aid in ids:
                self.db.execute("DELETE FROM copies WHERE article_id = ?", (aid,))
                self.db.execute("DELETE FROM spin WHERE article_id = ?", (aid,))
            for c in grouping.copies:
                if c.article_id in ids:
                    self.db.execute("INSERT INTO copies VALUES (?, ?)", (c.article_id, to_json(c)))
            for s in grouping.spin:
                if s.article_id in ids:
                    self.db.execute("INSERT INTO spin VALUES (?, ?)", (s.article_id, to_json(s)))

    def get_grouping(self, article_ids: Iterable[str]) -> Grouping:
        ids = list(dict.fromkeys(article_ids))
        copies, spin = [], []
        for aid in ids:
            row = self.db.execute("SELECT data FROM copies WHERE article_id = ?", (aid,)).fetchone()
            if row:
                copies.append(from_json(CopyLink, row[0]))
            row = self.db.execute("SELECT data FROM spin WHERE article_id = ?", (aid,)).fetchone()
            if row:
                spin.append(from_json(SpinScore, row[0]))
        return Grouping(copies=tuple(copies), spin=tuple(spin))

    # ----------------------------------------------------------------- stories

    def put_story(self, story: StoryReport) -> None:
        """Insert or replace one story report and make it the story of its articles."""
        latest = (
            self.db.execute(
                f"SELECT MAX(published) FROM articles WHERE id IN ({','.join('?' * len(story.article_ids))})",
                story.article_ids,
            ).fetchone()[0]
            if story.article_ids
            else None
        )
        disputed = sum(1 for f in story.facts if f.status == "disputed")
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO stories (id, title, data, article_count, disputed, latest, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (story.id, story.title, to_json(story), len(story.article_ids), disputed, latest, _now()),
            )
            self.db.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
            for aid in story.article_ids:
                self.db.execute("INSERT OR REPLACE INTO story_articles VALUES (?, ?)", (aid, story.id))

    def assign_stories(self, assignment: dict[str, str]) -> None:
        """Record which story each article now belongs to (before its report is rebuilt)."""
        with self.transaction():
            for aid, sid in assignment.items():
                self.db.execute("INSERT OR REPLACE INTO story_articles VALUES (?, ?)", (aid, sid))

    def story_members(self, story_id: str) -> list[str]:
        rows = self.db.execute(
            "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY a.published, a.rowid",
            (story_id,),
        )
        return [r[0] for r in rows]

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        out = {}
        for aid in article_ids:
            row = self.db.execute(
                "SELECT story_id FROM story_articles WHERE article_id = ?", (aid,)
            ).fetchone()
            if row:
                out[aid] = str(row[0])
        return out

    def delete_story(self, story_id: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            self.db.execute("DELETE FROM story_articles WHERE story_id = ?", (story_id,))

    def story_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM stories")]

    def stories(self, limit: int = 500) -> list[StorySummary]:
        """Newest first; among stories of one day, the most disputed first."""
        rows = self.db.execute(
            "SELECT id, title, article_count, disputed, latest, updated_at FROM stories"
            " ORDER BY latest IS NULL, latest DESC, disputed DESC, updated_at DESC LIMIT ?",
            (limit,),
        )
        return [StorySummary(**dict(r)) for r in rows]

    def get_story(self, story_id: str) -> StoryReport | None:
        row = self.db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return from_json(StoryReport, row[0]) if row else None

    def story_report(self, story_ids: Sequence[str] | None = None) -> Report:
        """A Report of the given stories (default: all) with their articles, mentions and
        grouping, ready for the HTML views."""
        ids = story_ids if story_ids is not None else [s.id for s in self.stories(limit=1_000_000)]
        stories = [s for s in (self.get_story(i) for i in ids) if s]
        article_ids = list(dict.fromkeys(a for s in stories for a in s.article_ids))
        grouping = self.get_grouping(article_ids)
        return Report(
            articles=tuple(self.get_articles(article_ids)),
            mentions=tuple(self.get_mentions(article_ids)),
            grouping=Grouping(
                copies=grouping.copies,
                spin=grouping.spin,
                stories=tuple(StoryCluster(id=s.id, article_ids=s.article_ids) for s in stories),
            ),
            stories=tuple(stories),
        )

    # ----------------------------------------------------------------- story pages

    def story_page(self, story_id: str, stamp: str) -> str | None:
        """The story's page as stored when the story was written, if it is current and was
        rendered by the code whose ``stamp`` is given (see :mod:`wirecheck.app.pages`)."""
        row = self.db.execute(
            "SELECT html FROM story_pages WHERE story_id = ? AND stamp = ?", (story_id, stamp)
        ).fetchone()
        return str(row[0]) if row else None

    def put_story_page(self, story_id: str, stamp: str, html: str, article_ids: Iterable[str]) -> None:
        """Store a story's rendered page with the articles it was rendered from: a later
        change to any of them (or to the story) drops the page (the schema's triggers)."""
        with self.transaction():
            self.db.execute("DELETE FROM story_pages WHERE story_id = ?", (story_id,))
            self.db.execute("INSERT INTO story_pages VALUES (?, ?, ?)", (story_id, stamp, html))
            self.db.executemany(
                "INSERT OR IGNORE INTO story_page_inputs VALUES (?, ?)",
                [(story_id, aid) for aid in dict.fromkeys(article_ids)],
            )
            self.db.execute("DELETE FROM story_pages_due WHERE story_id = ?", (story_id,))

    def due_story_pages(self) -> list[str]:
        """Stories written (or whose page lost an input) since their page was last rendered."""
        rows = self.db.execute(
            "SELECT d.story_id FROM story_pages_due d JOIN stories s ON s.id = d.story_id ORDER BY d.story_id"
        )
        return [r[0] for r in rows]

    def render_story_pages(self) -> int:
        """Render the pages of the stories due, inside the current write (the page commits with
        its story); returns how many.  The rendering lives with the app's templates."""
        from wirecheck.app.pages import render_due_pages

        return render_due_pages(self)

    # ----------------------------------------------------------------- the CLI path

    def add_report(self, report: Report) -> dict[str, str]:
        """Store a whole pipeline report in one transaction.

        Articles with an id already stored are replaced.  A report story whose id is
        taken by a stored story with other articles gets the next free ``story-N`` id.
        Returns the story ids as stored, keyed by the report's ids.
        """
        renamed: dict[str, str] = {}
        with self.transaction():
            self.put_articles(report.articles, report.mentions)
            self.put_grouping(report.grouping, [a.id for a in report.articles])
            taken = set(self.story_ids())
            for story in report.stories:
                new_id = story.id
                existing = self.get_story(story.id)
                if existing and set(existing.article_ids) != set(story.article_ids):
                    new_id = next_story_id(taken)
                taken.add(new_id)
                renamed[story.id] = new_id
                self.put_story(dataclasses.replace(story, id=new_id))
            self._drop_empty_stories()
            self.render_story_pages()
        return renamed

    def _drop_empty_stories(self) -> None:
        """Stories whose articles all moved elsewhere disappear."""
        self.drop_empty_stories(self.story_ids())

    def drop_empty_stories(self, story_ids: Iterable[str]) -> None:
        """Those of ``story_ids`` whose articles all moved elsewhere disappear (an update names
        the stories it touched rather than checking the whole archive)."""
        for sid in story_ids:
            if not self.story_members(sid):
                self.delete_story(sid)

    # ----------------------------------------------------------------- search

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Articles matching every word of ``query`` (the last one as a prefix), best first."""
        match = fts_query(query)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT a.id, a.headline, a.outlet, a.published, sa.story_id,"
            " snippet(article_search, 2, char(2), char(3), ' … ', 24) AS snip"
            " FROM article_search JOIN articles a ON a.rowid = article_search.rowid"
            " LEFT JOIN story_articles sa ON sa.article_id = a.id"
            " WHERE article_search MATCH ? ORDER BY bm25(article_search, 4.0, 2.0, 1.0) LIMIT ?",
            (match, limit),
        )
        return [
            SearchHit(
                article_id=r["id"],
                headline=r["headline"],
                outlet=r["outlet"],
                published=r["published"],
                story_id=r["story_id"],
                snippet=_snippet_pieces(r["snip"] or ""),
            )
            for r in rows
        ]

    # ----------------------------------------------------------------- state

    def get_state(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_state(self, key: str, value: Any) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, json.dumps(value)))

    def counts(self) -> dict[str, int]:
        """Rows per table: how tests and the API show that nothing changed."""
        tables = ("articles", "stories", "story_articles", "copies", "spin", "state")
        counts = {t: int(self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}
        counts["article_search"] = int(self.db.execute("SELECT COUNT(*) FROM article_search").fetchone()[0])
        return counts


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def next_story_id(taken: set[str]) -> str:
    numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(r"story-(\d+)", t))]
    return f"story-{max(numbers, default=0) + 1}"


def fts_query(text: str) -> str:
    """User words as an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    words = re.findall(r"\w+", text)
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words[:20]]
    quoted[-1] += "*"
    return " ".join(quoted)


def _snippet_pieces(snippet: str) -> tuple[tuple[str, bool], ...]:
    pieces = []
    for part in re.split(r"(\x02[^\x03]*\x03)", snippet):
        if part.startswith("\x02"):
            pieces.append((part[1:-1], True))
        elif part:
            pieces.append((part, False))
    return tuple(pieces)


def _statements(script: str) -> list[str]:
    """The statements of a migration script; a trigger's body (``BEGIN ... END``) holds
    semicolons, so pieces are joined until SQLite calls the statement complete."""
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    return statements
