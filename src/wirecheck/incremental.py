"""Adding articles to a stored archive: the one incremental path.

``update(store, documents)`` cleans and extracts only the articles the store does not hold
yet (an article is known by its text and metadata, so a rerun after a crash skips what
was stored), joins them to stories through the grouping stage's incremental
``StoryIndex`` (its state lives in the database), rebuilds only the stories that gained
or lost articles, and writes everything in one transaction: a failure or a kill leaves
the database as it was before the batch.  ``wirecheck add``, the web app and the archive
bench all call it; none keeps a pipeline of its own.
"""

from __future__ import annotations

import dataclasses
import fcntl
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from wirecheck.model import Article, ArticleMentions, Grouping, InputProblem, RawDocument, StoryReport
from wirecheck.nlp import Models
from wirecheck.store import SAME_ARTICLE_KEYS, Store

INDEX_STATE_KEY = "story_index"
# the highest articles.rowid the story index has seen: stored articles past it are its backlog
INDEX_ROWID_KEY = "story_index_rowid"
BACKLOG_LIMIT = 1_000  # stored articles an update takes into the story index at most (bounded memory)
ProgressFactory = Callable[[str, int], Callable[[int], None]]
ModelsSource = Models | Callable[[], Models]  # models, or how to load them when first needed


@contextmanager
def archive_write_lock(db_path: str | os.PathLike[str]) -> Iterator[None]:
    """One update of an archive at a time, across processes (``wirecheck add`` runs and the web
    app's workers alike): an update reads the story index and stored stories, then writes them,
    and another update in between would be lost.  A lock file beside the database, because
    SQLite's own write lock held that long would make other writers time out.  Not reentrant:
    take it once per update, around the call."""
    with open(f"{os.fspath(db_path)}.write-lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


@dataclass(frozen=True)
class UpdateResult:
    """What one batch changed in the store."""

    added: tuple[str, ...] = ()  # new article ids, as stored
    duplicates: tuple[tuple[str, str], ...] = ()  # (source, id of the stored article with that text)
    stories: dict[str, tuple[str, ...]] = field(default_factory=dict)  # story id -> its new articles
    updated_stories: tuple[str, ...] = ()  # every story rebuilt (gained or lost articles)
    notes: tuple[InputProblem, ...] = ()  # warnings: budget cuts, cleaning notes, index rebuilds


@dataclass(frozen=True)
class RebuiltStory:
    id: str
    report: StoryReport | None  # None: the story lost all its articles
    grouping: Grouping
    members: tuple[str, ...]


@dataclass(frozen=True)
class StoryWork:
    """What rebuilding one story needs, read from the store beforehand: it can travel to
    another process (a Ray actor) and come back as a :class:`RebuiltStory`."""

    id: str
    articles: tuple[Article, ...]
    mentions: tuple[ArticleMentions, ...]


class StoryStages(Protocol):
    """Where an update's model work runs: story assignment's lead embeddings and the rebuild
    of the stories that changed.  :class:`LocalStages` runs them here; the Ray engine on its
    story actors (``wirecheck.engines.ray.RayStages``).  The store is read and written here
    either way."""

    def embed_leads(self, articles: Sequence[Article]) -> Any: ...

    def rebuild(self, works: Sequence[StoryWork]) -> list[RebuiltStory]: ...


class LocalStages:
    """The stages in this process, with models loaded when first needed."""

    def __init__(self, models: ModelsSource) -> None:
        self._models = models

    def models(self) -> Models:
        return self._models() if callable(self._models) else self._models

    def embed_leads(self, articles: Sequence[Article]) -> Any:
        from wirecheck.group import story_embeddings

        return story_embeddings(articles, self.models())

    def rebuild(self, works: Sequence[StoryWork]) -> list[RebuiltStory]:
        return [rebuild_story(work, self.models()) for work in works]


def rebuild_story(work: StoryWork, models: Models) -> RebuiltStory:
    """One story's copies, spin and report from its articles (the per-story compare)."""
    from wirecheck import group
    from wirecheck.pipeline import build_story

    if not work.articles:
        return RebuiltStory(work.id, None, Grouping(), ())
    articles, mentions = list(work.articles), list(work.mentions)
    grouping = group.group_articles(articles, mentions, models)
    ids = tuple(a.id for a in articles)
    return RebuiltStory(
        work.id, build_story(work.id, ids, articles, mentions, grouping, models), grouping, ids
    )


def update(
    store: Store,
    documents: Sequence[RawDocument],
    models: ModelsSource,
    *,
    progress: ProgressFactory | None = None,
) -> UpdateResult:
    """Add ``documents`` to the archive in ``store``; return what changed.  Callers that may run
    beside another writer hold :func:`archive_write_lock` around the call."""
    from wirecheck import clean, ingest
    from wirecheck.pipeline import cleaning_notes

    fitted, budget_notes = ingest.documents_within_budget(documents)
    articles = clean.clean_documents(fitted)
    result = update_articles(store, articles, models, progress=progress)
    return dataclasses.replace(result, notes=(*budget_notes, *cleaning_notes(articles), *result.notes))


def update_articles(
    store: Store,
    articles: Sequence[Article],
    models: ModelsSource,
    *,
    extracted: Mapping[str, ArticleMentions] | None = None,
    progress: ProgressFactory | None = None,
    stages: StoryStages | None = None,
) -> UpdateResult:
    """Add cleaned ``articles``; ``extracted`` may hold mentions parsed beforehand (the web app
    parses outside its write lock; the Ray engine on its actors), keyed by article id.  Models
    load only if something is new; ``stages`` says where the story work runs (default: here)."""
    news, duplicates = new_articles(articles, store)
    if not news:
        return UpdateResult(duplicates=tuple(duplicates))
    load = models if callable(models) else (lambda: models)
    stages = stages or LocalStages(load)
    parsed = dict(extracted or {})
    parsed.update(extract_by_id([a for a, _ in news if a.id not in parsed], load, progress))
    fresh = [dataclasses.replace(a, id=new_id) if new_id != a.id else a for a, new_id in news]
    mentions = [
        dataclasses.replace(m, article_id=new_id) if new_id != a.id else m
        for a, new_id in news
        if (m := parsed.get(a.id)) is not None
    ]
    assignment, index_state, backlog_end, notes = assign_stories(store, fresh, mentions, stages)
    stories = rebuild_changed_stories(store, fresh, mentions, assignment, stages)
    with store.transaction():
        store.put_articles(fresh, mentions)
        store.assign_stories(assignment)
        for rebuilt in stories:
            if rebuilt.report is None:
                store.delete_story(rebuilt.id)
            else:
                store.put_grouping(rebuilt.grouping, rebuilt.members)
                store.put_story(rebuilt.report)
        store.drop_empty_stories({r.id for r in stories})
        store.set_state(INDEX_STATE_KEY, index_state)
        # past the backlog taken (or, with none left, past everything stored now)
        store.set_state(INDEX_ROWID_KEY, backlog_end if backlog_end is not None else store.last_rowid())
        store.render_story_pages()  # a first visit of a changed story reads its page, no render
    by_story: dict[str, list[str]] = {}
    for article in fresh:
        by_story.setdefault(assignment[article.id], []).append(article.id)
    return UpdateResult(
        added=tuple(a.id for a in fresh),
        duplicates=tuple(duplicates),
        stories={sid: tuple(ids) for sid, ids in by_story.items()},
        updated_stories=tuple(r.id for r in stories),
        notes=tuple(notes),
    )


def extract_by_id(
    articles: Sequence[Article], models: Callable[[], Models], progress: ProgressFactory | None = None
) -> dict[str, ArticleMentions]:
    """Mentions of each article by its id (the parse: the slow part of an update)."""
    from wirecheck import extract

    if not articles:
        return {}
    return {m.article_id: m for m in extract.extract_mentions(articles, models(), progress=progress)}


def unseen_articles(articles: Sequence[Article], store: Store) -> list[Article]:
    """The articles ``store`` does not hold yet (what an update will have to parse)."""
    return [original for original, _ in new_articles(articles, store)[0]]


def new_articles(
    articles: Sequence[Article], store: Store
) -> tuple[list[tuple[Article, str]], list[tuple[str, str]]]:
    """Drop articles stored already (same text and metadata: an upload repeated, or a rerun
    after a crash); give a fresh id to a new article whose id is taken (two files named
    "report.txt").  Returns (article, the id it is stored under) pairs and the duplicates."""
    fresh: list[tuple[Article, str]] = []
    duplicates: list[tuple[str, str]] = []
    seen: dict[tuple[str | None, ...], str] = {}
    taken = set()
    for article in articles:
        key = tuple(getattr(article, k) for k in SAME_ARTICLE_KEYS)
        stored = store.find_same(article) or seen.get(key)
        if stored:
            duplicates.append((article.source, stored))
            continue
        new_id, n = article.id, 1
        while store.has_article(new_id) or new_id in taken:
            n += 1
            new_id = f"{article.id}-{n}"
        taken.add(new_id)
        seen[key] = new_id
        fresh.append((article, new_id))
    return fresh, duplicates


def assign_stories(
    store: Store, fresh: Sequence[Article], mentions: Sequence[ArticleMentions], stages: StoryStages
) -> tuple[dict[str, str], dict[str, Any], int | None, list[InputProblem]]:
    """Story of every new article (and of stored articles the index has not seen yet, e.g.
    stored by an older ``wirecheck analyze --db``), from the saved incremental index.  Also
    returns where the backlog taken ends (None: no backlog left)."""
    from wirecheck.group import StoryIndex

    state = store.get_state(INDEX_STATE_KEY)
    notes: list[InputProblem] = []
    try:
        index = StoryIndex.from_state(state) if state else StoryIndex()
        seen_up_to = int(store.get_state(INDEX_ROWID_KEY) or 0) if state else 0
    except (ValueError, KeyError, TypeError) as err:  # saved by another wirecheck version
        index, seen_up_to = StoryIndex(), 0
        notes.append(InputProblem("story index", f"rebuilt from the stored articles ({err})", skipped=False))
    backlog_ids, backlog_end = index_backlog(store, index, seen_up_to)
    backlog = store.get_articles(backlog_ids)
    batch = [*backlog, *fresh]
    batch_mentions = [*store.get_mentions(backlog_ids), *mentions]
    assignment = index.add(batch, batch_mentions, stages.embed_leads(batch))
    if backlog:
        notes.append(
            InputProblem(
                "story index", f"{len(backlog)} stored articles joined the story index", skipped=False
            )
        )
    return assignment, index.to_state(), backlog_end, notes


def index_backlog(store: Store, index: Any, seen_up_to: int) -> tuple[list[str], int | None]:
    """Stored articles the story index lacks, at most :data:`BACKLOG_LIMIT`, read by rowid past
    what the index has seen (an indexed range, empty in the usual case: no scan of the
    archive per batch).  Returns their ids and the rowid the taken part ends at, or None when
    nothing is left past it."""
    known: set[str] | None = None
    backlog: list[str] = []
    after = seen_up_to
    while True:
        rows = store.articles_after(after, BACKLOG_LIMIT)
        if not rows:
            return backlog, None
        if known is None:  # only when something is past the mark (older databases, a lost index)
            known = {aid for s in index.stories() for aid in s.article_ids}
        for rowid, aid in rows:
            after = rowid
            if aid not in known:
                backlog.append(aid)
                if len(backlog) >= BACKLOG_LIMIT:
                    return backlog, after if store.articles_after(after, 1) else None


def rebuild_changed_stories(
    store: Store,
    fresh: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    assignment: dict[str, str],
    stages: StoryStages,
) -> list[RebuiltStory]:
    """Rebuild only the stories that gained or lost an article."""
    previous = store.story_of(assignment)
    changed = set(assignment.values()) | {old for aid, old in previous.items() if assignment[aid] != old}
    new_by_id = {a.id: a for a in fresh}
    new_mentions = {m.article_id: m for m in mentions}
    joined_by_story: dict[str, list[str]] = {}
    for aid, sid in assignment.items():
        joined_by_story.setdefault(sid, []).append(aid)
    works: list[StoryWork] = []
    for sid in sorted(changed):
        stored = [aid for aid in store.story_members(sid) if assignment.get(aid, sid) == sid]
        joined = [aid for aid in joined_by_story.get(sid, []) if aid not in stored]
        members = tuple(dict.fromkeys([*stored, *joined]))
        from_store = [aid for aid in members if aid not in new_by_id]
        stored_articles = {a.id: a for a in store.get_articles(from_store)}
        stored_mentions = {m.article_id: m for m in store.get_mentions(from_store)}
        articles = tuple(
            new_by_id.get(aid) or stored_articles[aid]
            for aid in members
            if aid in new_by_id or aid in stored_articles
        )
        story_mentions = tuple(
            m for aid in members if (m := new_mentions.get(aid) or stored_mentions.get(aid)) is not None
        )
        works.append(StoryWork(sid, articles, story_mentions))
    return stages.rebuild(works)
