"""The web app's routes: HTML pages and the JSON API over one SQLite database.

Pages reuse the HTML report's templates, so a story reads the same in the app and in
the one-file report.  Nothing is fetched from the network: Swagger UI (which loads JS
from a CDN) is switched off and /api is a plain page generated from /openapi.json.
Writes go through :class:`~wirecheck.app.library.Library`; refused input is a 4xx
JSON error naming each item and its problem, and leaves the database unchanged.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from wirecheck.app.guard import Guard, served_hosts
from wirecheck.app.library import MAX_FILE_BYTES, MAX_FILES, AddResult, Library, Rejected, Upload
from wirecheck.app.pages import page_stamp
from wirecheck.model import Grouping, Report, to_jsonable
from wirecheck.report.html import make_environment, report_view

log = logging.getLogger("wirecheck.app")
MAX_REQUEST_BYTES = 4 * MAX_FILE_BYTES + MAX_FILES * 4096  # a few files at the size limit, or many small ones
MAX_JSON_BYTES = MAX_FILE_BYTES + 4 * 1024 * 1024  # JSON is parsed in memory: one file's worth of articles
MAX_PATH_REQUEST_BYTES = 64 * 1024
TEMPLATES = Path(__file__).with_name("templates")
CSP = (
    "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ArticleIn(BaseModel):
    """One article; the keys of a JSONL input line.  Unknown keys are kept as metadata."""

    model_config = ConfigDict(extra="allow")
    id: str | None = Field(None, description="becomes the article id (made unique if taken)")
    text: str | None = Field(None, description="plain text of the article (this or html)")
    html: str | None = Field(None, description="the article page's HTML (this or text)")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    outlet: str | None = None
    author: str | None = None


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1)


class ImportIn(BaseModel):
    path: str = Field(description="a file or folder on the server, inside a folder allowed with --allow-dir")


def create_app(
    db_path: str | os.PathLike[str],
    allowed_dirs: Sequence[str | os.PathLike[str]] = (),
    library: Library | None = None,
    allowed_hosts: Sequence[str] = (),
    bind: str | None = None,
) -> FastAPI:
    """The app over ``db_path``, answering to loopback names, ``bind`` (the address it
    listens on) and ``allowed_hosts``; ``library`` lets tests share one set of loaded models."""
    lib = library or Library(db_path, allowed_dirs)
    app = FastAPI(
        title="wirecheck",
        version="0.1.0",
        description="Compare news articles about one story: agreements, disputes, quotes, copies.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.library = lib
    app.add_middleware(
        Guard,
        hosts=served_hosts(bind, allowed_hosts),
        max_body=MAX_REQUEST_BYTES,
        path_limits={"/api/articles": MAX_JSON_BYTES, "/api/imports": MAX_PATH_REQUEST_BYTES},
        headers=SECURITY_HEADERS,
    )

    @app.exception_handler(Rejected)
    async def rejected(request: Request, err: Rejected) -> JSONResponse:
        return JSONResponse(status_code=err.status, content=error_body(err.message, err.problems))

    add_page_routes(app, lib, make_environment(TEMPLATES))
    add_reading_routes(app, lib)
    add_adding_routes(app, lib)
    return app


def add_page_routes(app: FastAPI, lib: Library, env: Environment) -> None:
    """The HTML pages: the story list, a story, an article, search, and the API's own page;
    rendered pages are kept until the archive changes (:class:`PageCache`)."""

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(app=True, allowed_dirs=lib.allowed_dirs, **context)
        return HTMLResponse(html, status_code=status)

    pages = PageCache(lib.version)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return await pages.get(("index",), index_page)

    def index_page() -> HTMLResponse:
        with lib.reading() as store:
            return page("index.html", stories=store.stories(), articles=store.article_count())

    @app.get("/stories/{story_id:path}", response_class=HTMLResponse, include_in_schema=False)
    async def story(request: Request, story_id: str) -> HTMLResponse:
        story_id = path_id(request, story_id)
        return await pages.get(("story", story_id), lambda: story_page(story_id))

    def story_page(story_id: str) -> HTMLResponse:
        with lib.reading() as store:
            stored = store.story_page(story_id, page_stamp())  # rendered when the story was written
            if stored is not None:
                return HTMLResponse(stored)
            report = store.story_report([story_id])
        if not report.stories:
            return page("error.html", status=404, message=f"There is no story {story_id!r}.")
        view = report_view(report)
        return page("story.html", s=view.stories[0], view=view)

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    async def article(request: Request, article_id: str) -> HTMLResponse:
        article_id = path_id(request, article_id)
        return await pages.get(("article", article_id), lambda: article_page(article_id))

    def article_page(article_id: str) -> HTMLResponse:
        with lib.reading() as store:
            found = store.get_article(article_id)
            if found is None:
                return page("error.html", status=404, message=f"There is no article {article_id!r}.")
            story_id = store.story_of([article_id]).get(article_id)
            report = (
                store.story_report([story_id])
                if story_id
                else Report(
                    articles=(found,),
                    mentions=tuple(store.get_mentions([article_id])),
                    grouping=Grouping(),
                    stories=(),
                )
            )
        view = report_view(report)
        a = next(v for v in view.articles if v.article.id == article_id)
        return page("article.html", a=a, story=view.stories[0] if view.stories else None)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(q: str = "") -> HTMLResponse:
        def render() -> HTMLResponse:
            with lib.reading() as store:
                hits = store.search(q) if q.strip() else []
            return page("search.html", q=q, hits=hits)

        return await pages.get(("search", q), render)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> HTMLResponse:
        return page("api.html", routes=api_routes(app.openapi()), max_bytes=MAX_FILE_BYTES)


def add_reading_routes(app: FastAPI, lib: Library) -> None:
    """The JSON API's reading half: health, stories, a story, an article, search."""

    @app.get("/api/health", tags=["read"], summary="Row counts and whether models are loaded")
    def health() -> dict[str, Any]:
        with lib.reading() as store:
            return {
                "counts": store.counts(),
                "schema_version": store.schema_version(),
                "models_loaded": lib.models_loaded,
            }

    @app.get("/api/stories", tags=["read"], summary="Stories, newest and most disputed first")
    def list_stories(limit: Annotated[int, Query(ge=1, le=10_000)] = 500) -> list[dict[str, Any]]:
        with lib.reading() as store:
            return [to_jsonable(s) for s in store.stories(limit)]

    @app.get(
        "/api/stories/{story_id:path}",
        tags=["read"],
        summary="One story report: entities, quotes, facts, timeline, brief",
    )
    def get_story(request: Request, story_id: str) -> Any:
        story_id = path_id(request, story_id)
        with lib.reading() as store:
            story = store.get_story(story_id)
        if story is None:
            return JSONResponse(status_code=404, content=error_body(f"no story {story_id!r}"))
        return to_jsonable(story)

    @app.get(
        "/api/articles/{article_id:path}",
        tags=["read"],
        summary="One cleaned article, its mentions and story",
    )
    def get_article(request: Request, article_id: str) -> Any:
        article_id = path_id(request, article_id)
        with lib.reading() as store:
            article = store.get_article(article_id)
            if article is None:
                return JSONResponse(status_code=404, content=error_body(f"no article {article_id!r}"))
            mentions = store.get_mentions([article_id])
            story_id = store.story_of([article_id]).get(article_id)
        return {
            "article": to_jsonable(article),
            "mentions": to_jsonable(mentions[0]) if mentions else None,
            "story_id": story_id,
        }

    @app.get("/api/search", tags=["read"], summary="Full-text search over articles (every word must match)")
    def search(
        q: Annotated[str, Query(max_length=500)], limit: Annotated[int, Query(ge=1, le=500)] = 50
    ) -> list[dict[str, Any]]:
        with lib.reading() as store:
            hits = store.search(q, limit)
        return [
            {
                "article_id": h.article_id,
                "headline": h.headline,
                "outlet": h.outlet,
                "published": h.published,
                "story_id": h.story_id,
                "snippet": "".join(text for text, _ in h.snippet),
            }
            for h in hits
        ]


def add_adding_routes(app: FastAPI, lib: Library) -> None:
    """The JSON API's adding half: posted JSON, uploaded files, a server-side folder; each
    adds its articles to the archive and joins them to its stories."""

    @app.post(
        "/api/articles",
        tags=["add"],
        status_code=201,
        summary="Add articles posted as JSON; they join existing stories",
        responses={400: {"description": "an item is unusable; nothing was added"}},
    )
    def post_articles(body: ArticlesIn) -> dict[str, Any]:
        items = [a.model_dump(exclude_none=True) for a in body.articles]
        return run_add(lambda: lib.add_json(items))

    @app.post(
        "/api/uploads",
        tags=["add"],
        status_code=201,
        summary="Upload article files (.txt, .html, .jsonl, .warc(.gz), RSS/Atom) as multipart 'files'",
        responses={
            400: {"description": "a file is empty, binary or badly encoded; nothing was added"},
            413: {"description": "a file is larger than the limit"},
            415: {"description": "a file is not of a supported type"},
            422: {"description": "a file could not be read as articles"},
        },
    )
    def post_uploads(
        files: Annotated[list[UploadFile], File(description="one or more files")],
    ) -> dict[str, Any]:
        uploads = [Upload(name=f.filename or "", data=read_limited(f)) for f in files]
        return run_add(lambda: lib.add_uploads(uploads))

    @app.post(
        "/api/imports",
        tags=["add"],
        status_code=201,
        summary="Import a server-side file or folder inside an allowed folder",
        responses={403: {"description": "the path is outside every allowed folder"}},
    )
    def post_import(body: ImportIn) -> dict[str, Any]:
        return run_add(lambda: lib.add_folder(body.path))


def path_id(request: Request, decoded: str) -> str:
    """The id at the end of the request path, percent-decoded exactly once.

    Ids come from file names and URL paths and may hold "/", "?", "#" or "%": links
    quote them, and the router's own decoding would turn an id's "%20" into a space."""
    raw = request.scope.get("raw_path")
    if not raw:
        return decoded
    path = raw.decode("latin-1").split("?", 1)[0]
    prefix = request.scope.get("root_path", "") + str(request.scope["route"].path_format).split("{", 1)[0]
    return (
        unquote(path.removeprefix(prefix), encoding="utf-8", errors="replace")
        if path.startswith(prefix)
        else decoded
    )


class PageCache:
    """Rendered pages, each kept with the database version it was rendered from.

    A stored story changes only when something is written, so a page is rendered once
    per change and then served from memory; any write (by this app or another process,
    see :meth:`Library.version`) makes every kept page stale.  The version is read before
    the page's data, so a page rendered during a write is never kept as current.
    """

    def __init__(self, version: Callable[[], int], size: int = 1024) -> None:
        self.version = version
        self.size = size
        self.kept: OrderedDict[tuple[str, ...], tuple[int, HTMLResponse]] = OrderedDict()
        self.lock = threading.Lock()

    async def get(self, key: tuple[str, ...], render: Callable[[], HTMLResponse]) -> HTMLResponse:
        """A kept page is served on the event loop (no thread hop); a page to render goes
        to a worker thread, so a slow render never holds up the pages kept."""
        version = self.version()
        with self.lock:
            hit = self.kept.get(key)
            if hit is not None and hit[0] == version:
                self.kept.move_to_end(key)
                return copy_response(hit[1])
        response = await run_in_threadpool(render)
        with self.lock:
            self.kept[key] = (version, response)
            self.kept.move_to_end(key)
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return copy_response(response)


def copy_response(response: HTMLResponse) -> HTMLResponse:
    """A fresh response object per request (middleware may add headers to it)."""
    return HTMLResponse(content=response.body, status_code=response.status_code)


def run_add(add: Callable[[], AddResult]) -> dict[str, Any]:
    """Run one add; refusals become 4xx, a crash in a stage a 500 that names it."""
    try:
        result: AddResult = add()
    except Rejected:
        raise
    except Exception as err:  # a stage failed: the transaction never started or rolled back
        log.exception("adding articles failed")
        raise Rejected(500, f"analysis failed, nothing was added: {type(err).__name__}: {err}") from err
    return result.to_json()


def read_limited(upload: UploadFile) -> bytes:
    """Read at most one byte more than the limit, so a huge file is refused without being held."""
    data = upload.file.read(MAX_FILE_BYTES + 1)
    return data


def error_body(message: str, problems: Sequence[Any] = ()) -> dict[str, Any]:
    return {"error": message, "problems": [{"source": p.source, "reason": p.reason} for p in problems]}


def api_routes(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The documented routes, for the offline API page."""
    routes = []
    for path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            params = [p.get("name", "") for p in spec.get("parameters", [])]
            body = spec.get("requestBody", {}).get("content", {})
            routes.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": spec.get("summary", ""),
                    "params": params,
                    "body": ", ".join(body),
                    "responses": sorted(spec.get("responses", {})),
                }
            )
    return routes
