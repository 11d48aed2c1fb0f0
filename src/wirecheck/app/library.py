"""Adding articles to the web app's database: check, ingest, clean, extract, join stories.

The route handlers are thin; this is where an upload is checked and read.  Turning it
into stored stories is the core's one incremental path (``wirecheck.incremental.update``,
also behind ``wirecheck add``): new articles join existing stories through the grouping
stage's ``StoryIndex``, only the stories that gained or lost articles are rebuilt, and
everything is written in one transaction, so a failure leaves the database as it was.
Models load once per process, on the first add.
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

from wirecheck.model import InputProblem, RawDocument
from wirecheck.nlp import Models, load_models
from wirecheck.store import Store

MAX_FILE_BYTES = 20 * 1024 * 1024  # per uploaded file
MAX_FILES = 200  # per request
MAX_JSON_ARTICLES = 1000  # per JSON request
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

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One add at a time, across this process's threads and the server's other worker
        processes and ``wirecheck add`` runs on the same file (the core's ``archive_write_lock``)."""
        from wirecheck.incremental import archive_write_lock

        with self._write_lock, archive_write_lock(self.db_path):
            yield

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
        then, under the lock, hand the batch to the one incremental core (``pipeline.update``),
        which checks again what is new, joins stories and writes in one transaction.  The
        lock is also held against the app's other worker processes (see :meth:`writing`):
        none adds between what another read to join its stories and what it wrote."""
        from wirecheck import clean, ingest
        from wirecheck.incremental import extract_by_id, unseen_articles, update_articles
        from wirecheck.pipeline import cleaning_notes

        fitted, budget_notes = ingest.documents_within_budget(documents)
        articles = clean.clean_documents(fitted)
        with self.store() as store:
            unseen = unseen_articles(articles, store)
        parsed = extract_by_id(unseen, self.models)
        with self.writing(), self.store() as store:
            result = update_articles(store, articles, self.models, extracted=parsed)
        return AddResult(
            added=result.added,
            duplicates=result.duplicates,
            stories=result.stories,
            updated_stories=result.updated_stories,
            warnings=(*warnings, *budget_notes, *cleaning_notes(articles), *result.notes),
        )


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
