"""Adding articles to the web app's database: check, ingest, clean, extract, join stories.

The route handlers are thin; this is where an upload becomes stored stories.
New articles join existing stories through the grouping stage's incremental
``StoryIndex`` (its state lives in the database), and only the stories that gained
or lost articles are rebuilt with ``pipeline.build_story``.  Everything is computed
first and written in one transaction at the end, so a failure anywhere leaves the
database as it was.  Models load once per process, on the first add.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirecheck.model import Article, ArticleMentions, Grouping, InputProblem, RawDocument, StoryReport
from wirecheck.nlp import Models, load_models
from wirecheck.store import SAME_ARTICLE_KEYS, Store

MAX_FILE_BYTES = 20 * 1024 * 1024  # per uploaded file
MAX_FILES = 200  # per request
MAX_JSON_ARTICLES = 1000  # per JSON request
INDEX_STATE_KEY = "story_index"
PATH_MAX = os.pathconf("/", "PC_PATH_MAX") if hasattr(os, "pathconf") else 4096
NAME_MAX = os.pathconf("/", "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
SUPPORTED_SUFFIXES = (
    ".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson",
    ".warc", ".warc.gz", ".xml", ".rss", ".atom",
)  # fmt: skip


class Rejected(Exception):
    """A request the app refuses as a whole: ``status`` is the HTTP status, ``problems``
    name each offending item (file name, JSON item) and what is wrong with it."""

    def __init__(self, status: int, message: str, problems: Sequence[InputProblem] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class AddResult:
    added: tuple[str, ...] = ()  # new article ids
    duplicates: tuple[tuple[str, str], ...] = ()  # (item, id of the stored article with that text)
    stories: dict[str, tuple[str, ...]] = field(default_factory=dict)  # story id -> its new articles
    updated_stories: tuple[str, ...] = ()  # every story rebuilt (gained or lost articles)
    warnings: tuple[InputProblem, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "duplicates": [{"item": item, "stored_as": aid} for item, aid in self.duplicates],
            "stories": {sid: list(ids) for sid, ids in self.stories.items()},
            "updated_stories": list(self.updated_stories),
            "warnings": [{"source": p.source, "reason": p.reason} for p in self.warnings],
        }


@dataclass(frozen=True)
class RebuiltStory:
    id: str
    report: StoryReport | None  # None: the story lost all its articles
    grouping: Grouping
    members: tuple[str, ...]


# --------------------------------------------------------------------------- checking uploads


def safe_name(name: str) -> str:
    """The file name without any folder part (a client may send "../../etc/passwd")."""
    return Path(name.replace("\\", "/")).name.strip()


def unusable_path(path: str) -> str | None:
    """Why a path sent to the import endpoint cannot name a file, before the OS is asked."""
    if not path.strip():
        return "empty path"
    if "\x00" in path:
        return "it holds a NUL byte"
    try:
        encoded = os.fsencode(path)
    except UnicodeError:
        return "it cannot be encoded for this system"
    if len(encoded) >= PATH_MAX:
        return f"longer than the system allows ({len(encoded):,} bytes, the limit is {PATH_MAX - 1:,})"
    if any(len(part) > NAME_MAX for part in encoded.split(b"/")):
        return f"a file or folder name is longer than the system allows ({NAME_MAX} bytes)"
    return None


def check_upload(upload: Upload) -> str | None:
    """Why an uploaded file cannot be read, or None when it looks like one of our formats."""
    name = safe_name(upload.name)
    lower = name.lower()
    if not name:
        return "the file has no name"
    if not lower.endswith(SUPPORTED_SUFFIXES):
        return f"unsupported file type; expected one of {', '.join(SUPPORTED_SUFFIXES)}"
    if len(upload.data) > MAX_FILE_BYTES:
        return f"too large: {len(upload.data):,} bytes, the limit is {MAX_FILE_BYTES:,}"
    if not upload.data.strip():
        return "the file is empty"
    if lower.endswith(".gz"):
        return None if upload.data[:2] == b"\x1f\x8b" else "not gzip data although the name ends in .gz"
    head = upload.data[:8192]
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
    if lower.endswith(".warc"):
        return (
            None if head.lstrip().startswith(b"WARC/") else "not a WARC file (it does not start with WARC/)"
        )
    if not utf16 and b"\x00" in head:
        return "binary data, not text"
    if not utf16:
        return broken_utf8(upload.data)
    return None


def broken_utf8(data: bytes) -> str | None:
    """Text that is UTF-8 in places and invalid elsewhere is damaged, not in another encoding.

    A file with no valid multi-byte UTF-8 sequence at all may be in a legacy encoding
    (cp1252, latin-1): ingestion guesses those and warns.
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as err:
        first_bad = err.start
    text = data.decode("utf-8", errors="replace")
    has_multibyte = any(ord(ch) > 127 and ch != "\ufffd" for ch in text)
    if has_multibyte:
        return f"broken encoding: valid UTF-8 with invalid bytes (first at byte {first_bad})"
    return None


# --------------------------------------------------------------------------- the library


class Library:
    """The app's write side over one database file; safe to share between request threads."""

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        allowed_dirs: Sequence[str | os.PathLike[str]] = (),
        models_factory: Callable[[], Models] = load_models,
    ) -> None:
        self.db_path = os.fspath(db_path)
        self.allowed_dirs = tuple(Path(d).expanduser().resolve() for d in allowed_dirs)
        self._models_factory = models_factory
        self._models: Models | None = None
        self._models_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._readers = threading.local()
        self._watch = Store(self.db_path)  # create and migrate the file now: a bad path fails at start
        self._watch_lock = threading.Lock()

    def store(self) -> Store:
        """A new connection of its own (for writing; the caller closes it)."""
        return Store(self.db_path)

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """This thread's read connection (opened once per thread), inside one snapshot:
        a page is a few indexed queries, not a connection set-up and a schema check."""
        store = getattr(self._readers, "store", None)
        if store is None:
            store = self._readers.store = Store(self.db_path)
        with store.snapshot():
            yield store

    def version(self) -> int:
        """A number that changes whenever anything (this app or another process) wrote to
        the database: what cached pages are checked against."""
        with self._watch_lock:
            return self._watch.data_version()

    def models(self) -> Models:
        with self._models_lock:
            if self._models is None:
                self._models = self._models_factory()
            return self._models

    @property
    def models_loaded(self) -> bool:
        return self._models is not None

    # ----------------------------------------------------------------- entry points

    def add_uploads(self, uploads: Sequence[Upload]) -> AddResult:
        if not uploads:
            raise Rejected(400, "no files in the upload")
        if len(uploads) > MAX_FILES:
            raise Rejected(413, f"too many files: {len(uploads)}, the limit is {MAX_FILES} per upload")
        problems = [InputProblem(u.name or "(unnamed)", why) for u in uploads if (why := check_upload(u))]
        names = [safe_name(u.name) for u in uploads]
        problems += [InputProblem(n, "the same file name twice in one upload") for n in _repeated(names)]
        if problems:
            raise Rejected(_status_for(problems), "upload refused; nothing was added", problems)
        with tempfile.TemporaryDirectory(prefix="wirecheck-upload-") as tmp:
            paths = []
            for name, upload in zip(names, uploads, strict=True):
                path = Path(tmp) / name
                path.write_bytes(upload.data)
                paths.append(str(path))
            documents, warnings = self._ingest(paths, rename={str(Path(tmp)): "upload:"})
        return self._add_documents(documents, warnings)

    def add_folder(self, folder: str) -> AddResult:
        """Import a server-side path.  Real paths are checked, the given one and every file
        under it: a link inside an allowed folder that leads outside it is refused."""
        why = unusable_path(folder)
        if why:
            raise Rejected(400, f"{folder!r}: not a usable path ({why})")
        try:
            resolved = Path(folder).expanduser().resolve()
        except (OSError, ValueError, RuntimeError) as err:
            raise Rejected(400, f"{folder!r}: not a usable path ({err})") from err
        if not self.allowed(resolved):
            raise Rejected(403, f"{folder}: not inside a folder the admin allowed ({self.allowed_list()})")
        if not resolved.exists():
            raise Rejected(404, f"{folder}: no such file or folder")
        from wirecheck.ingest.walk import find_input_files

        files, _ = find_input_files([str(resolved)])
        outside = [str(f) for f in files if not self.allowed(Path(os.path.realpath(f)))]
        if outside:
            raise Rejected(
                403,
                f"{folder}: links to files outside the allowed folders ({self.allowed_list()}); nothing was added",
                [InputProblem(f, "a link that leads outside the allowed folders") for f in outside],
            )
        documents, warnings = self._ingest([str(resolved)], rename={})
        return self._add_documents(documents, warnings)

    def allowed(self, real_path: Path) -> bool:
        return any(real_path == d or d in real_path.parents for d in self.allowed_dirs)

    def allowed_list(self) -> str:
        return ", ".join(map(str, self.allowed_dirs)) or "none (start the app with --allow-dir)"

    def add_json(self, items: Sequence[dict[str, Any]]) -> AddResult:
        """Articles posted as JSON objects (keys as in a JSONL input: text or html, title,
        url, published, outlet, id); read by the JSONL reader so they are cleaned alike."""
        if not items:
            raise Rejected(400, "no articles in the request")
        if len(items) > MAX_JSON_ARTICLES:
            raise Rejected(413, f"too many articles: {len(items)}, the limit is {MAX_JSON_ARTICLES}")
        problems = []
        for i, item in enumerate(items):
            text = item.get("text") or item.get("html")
            if not isinstance(text, str) or not text.strip():
                problems.append(InputProblem(f"articles[{i}]", "needs a non-empty 'text' or 'html' string"))
            elif len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
                problems.append(
                    InputProblem(f"articles[{i}]", f"too large; the limit is {MAX_FILE_BYTES:,} bytes")
                )
            elif "\x00" in text:
                problems.append(InputProblem(f"articles[{i}]", "binary data (NUL characters), not text"))
        if problems:
            raise Rejected(_status_for(problems), "request refused; nothing was added", problems)
        with tempfile.TemporaryDirectory(prefix="wirecheck-json-") as tmp:
            path = Path(tmp) / "api.jsonl"
            lines = [
                json.dumps({k: v for k, v in item.items() if v is not None}, ensure_ascii=False)
                for item in items
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            documents, warnings = self._ingest([str(path)], rename={str(path): "api"})
        return self._add_documents(documents, warnings)

    # ----------------------------------------------------------------- the work

    def _ingest(
        self, paths: list[str], rename: dict[str, str]
    ) -> tuple[list[RawDocument], list[InputProblem]]:
        from wirecheck.ingest import read_inputs

        result = read_inputs(paths)

        def public(source: str) -> str:
            for private, shown in rename.items():
                if source.startswith(private):
                    rest = source[len(private) :].lstrip("/")
                    return f"{shown}{rest}" if shown.endswith(":") else f"{shown}{rest and '/' + rest}"
            return source

        skipped = [InputProblem(public(p.source), p.reason) for p in result.problems if p.skipped]
        if skipped:
            raise Rejected(422, "some inputs could not be read; nothing was added", skipped)
        warnings = [dataclasses.replace(p, source=public(p.source)) for p in result.problems]
        documents = [dataclasses.replace(d, source=public(d.source)) for d in result.documents]
        if not documents:
            raise Rejected(
                422,
                "no article could be read from the input",
                [InputProblem(public(p), "no article found") for p in paths],
            )
        return documents, warnings

    def _add_documents(self, documents: Sequence[RawDocument], warnings: Sequence[InputProblem]) -> AddResult:
        """Parse first, outside the write lock (a huge text must not hold up other imports),
        then, under the lock, check again what is new, join stories and write in one transaction."""
        from wirecheck import clean

        articles = clean.clean_documents(documents)
        with self.store() as store:
            unseen = [original for original, _ in _new_articles(articles, store)[0]]
        parsed = self._extract(unseen)
        with self._write_lock, self.store() as store:
            news, duplicates = _new_articles(articles, store)
            if not news:
                return AddResult(duplicates=tuple(duplicates), warnings=tuple(warnings))
            late = self._extract([a for a, _ in news if a.id not in parsed])  # stored meanwhile, then gone
            fresh = [dataclasses.replace(a, id=new_id) if new_id != a.id else a for a, new_id in news]
            mentions = [
                dataclasses.replace(m, article_id=new_id) if new_id != a.id else m
                for a, new_id in news
                if (m := parsed.get(a.id) or late.get(a.id)) is not None
            ]
            models = self.models()
            assignment, index_state, notes = self._assign(store, fresh, mentions, models)
            stories = self._rebuild(store, fresh, mentions, assignment, models)
            with store.transaction():
                store.put_articles(fresh, mentions)
                store.assign_stories(assignment)
                for rebuilt in stories:
                    if rebuilt.report is None:
                        store.delete_story(rebuilt.id)
                    else:
                        store.put_grouping(rebuilt.grouping, rebuilt.members)
                        store.put_story(rebuilt.report)
                store._drop_empty_stories()
                store.set_state(INDEX_STATE_KEY, index_state)
        by_story: dict[str, list[str]] = {}
        for article in fresh:
            by_story.setdefault(assignment[article.id], []).append(article.id)
        return AddResult(
            added=tuple(a.id for a in fresh),
            duplicates=tuple(duplicates),
            stories={sid: tuple(ids) for sid, ids in by_story.items()},
            updated_stories=tuple(r.id for r in stories),
            warnings=tuple(warnings) + tuple(notes),
        )

    def _extract(self, articles: Sequence[Article]) -> dict[str, ArticleMentions]:
        """Mentions of each article by its id (the parse: the slow part of an add)."""
        from wirecheck import extract

        if not articles:
            return {}
        return {m.article_id: m for m in extract.extract_mentions(articles, self.models())}

    def _assign(
        self, store: Store, fresh: Sequence[Article], mentions: Sequence[ArticleMentions], models: Models
    ) -> tuple[dict[str, str], dict[str, Any], list[InputProblem]]:
        """Story of every new article (and of stored articles the index has not seen yet,
        e.g. added by ``wirecheck analyze --db``), from the saved incremental index."""
        from wirecheck.group import StoryIndex, story_embeddings

        state = store.get_state(INDEX_STATE_KEY)
        notes: list[InputProblem] = []
        try:
            index = StoryIndex.from_state(state) if state else StoryIndex()
        except (ValueError, KeyError, TypeError) as err:  # saved by another wirecheck version
            index = StoryIndex()
            notes.append(
                InputProblem("story index", f"rebuilt from the stored articles ({err})", skipped=False)
            )
        known = {aid for s in index.stories() for aid in s.article_ids}
        backlog_ids = [aid for aid in store.article_ids() if aid not in known]
        backlog = store.get_articles(backlog_ids)
        batch = [*backlog, *fresh]
        batch_mentions = [*store.get_mentions(backlog_ids), *mentions]
        assignment = index.add(batch, batch_mentions, story_embeddings(batch, models))
        if backlog:
            notes.append(
                InputProblem(
                    "story index", f"{len(backlog)} stored articles joined the story index", skipped=False
                )
            )
        return assignment, index.to_state(), notes

    def _rebuild(
        self,
        store: Store,
        fresh: Sequence[Article],
        mentions: Sequence[ArticleMentions],
        assignment: dict[str, str],
        models: Models,
    ) -> list[RebuiltStory]:
        """Rebuild only the stories that gained or lost an article."""
        from wirecheck import group
        from wirecheck.pipeline import build_story

        previous = store.story_of(assignment)
        changed = set(assignment.values()) | {old for aid, old in previous.items() if assignment[aid] != old}
        new_by_id = {a.id: a for a in fresh}
        new_mentions = {m.article_id: m for m in mentions}
        results: list[RebuiltStory] = []
        for sid in sorted(changed):
            stored = [aid for aid in store.story_members(sid) if assignment.get(aid, sid) == sid]
            joined = [aid for aid, s in assignment.items() if s == sid and aid not in stored]
            members = tuple(dict.fromkeys([*stored, *joined]))
            if not members:
                results.append(RebuiltStory(sid, None, Grouping(), ()))
                continue
            from_store = [aid for aid in members if aid not in new_by_id]
            stored_articles = {a.id: a for a in store.get_articles(from_store)}
            stored_mentions = {m.article_id: m for m in store.get_mentions(from_store)}
            articles = [
                new_by_id.get(aid) or stored_articles[aid]
                for aid in members
                if aid in new_by_id or aid in stored_articles
            ]
            story_mentions = [
                m for aid in members if (m := new_mentions.get(aid) or stored_mentions.get(aid)) is not None
            ]
            grouping = group.group_articles(articles, story_mentions, models)
            ids = tuple(a.id for a in articles)
            story = build_story(sid, ids, articles, story_mentions, grouping, models)
            results.append(RebuiltStory(sid, story, grouping, ids))
        return results


def _new_articles(
    articles: Sequence[Article], store: Store
) -> tuple[list[tuple[Article, str]], list[tuple[str, str]]]:
    """Drop articles stored already (same text and metadata: an upload repeated); give a
    fresh id to a new article whose id is taken (two uploads named "report.txt").
    Returns (article, the id it is stored under) pairs and the duplicates."""
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


def _repeated(names: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    repeated = []
    for name in names:
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


def _status_for(problems: Sequence[InputProblem]) -> int:
    """413 when every problem is a size limit, 415 when every one is a file type, else 400."""
    if all(p.reason.startswith("too large") for p in problems):
        return 413
    if all(p.reason.startswith("unsupported file type") for p in problems):
        return 415
    return 400
