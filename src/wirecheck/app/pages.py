"""Story pages rendered when the story is written, so a first visit reads one stored page.

Rendering a story page (rows back into dataclasses, the report views, the templates) is the
costliest read the app serves; a story changes only when something writes it.  So the
writer renders the page of every story it changed, inside its own transaction
(``Store.add_report`` and the incremental core call :func:`render_due_pages` before they
commit), and the app serves the stored page.  The store's triggers drop a page whenever
its story, or an article, mention, copy or spin row it was rendered from, changes, so a
stored page is never stale; a page missing (a story written before pages were stored,
or by code that does not render them) is rendered on its visit as before.

A page carries the stamp of the code that rendered it (:func:`page_stamp`): after an
upgrade, pages rendered by the old templates are not served but rendered afresh.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from wirecheck.model import Report

if TYPE_CHECKING:
    from wirecheck.store import Store

log = logging.getLogger("wirecheck.app")
TEMPLATES = Path(__file__).with_name("templates")
PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def page_stamp() -> str:
    """A digest of every file of the wirecheck package (code, templates, data): a stored
    page was rendered by this code only if its stamp is this one.  Wider than the views
    and templates on purpose: any change of the package re-renders, none is missed."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def story_page_html(report: Report) -> str | None:
    """The app's page of the one story in ``report`` (None when there is none), byte for
    byte what the app renders on a visit (tests compare the two)."""
    from wirecheck.report.html import make_environment, report_view

    if not report.stories:
        return None
    view = report_view(report)
    template = make_environment(TEMPLATES).get_template("story.html")
    return template.render(app=True, allowed_dirs=(), s=view.stories[0], view=view)


def render_due_pages(store: Store) -> int:
    """Render and store the page of every story due (written since its page was rendered),
    inside the caller's write; returns how many.  A page that fails to render is left to
    its first visit (which renders it, or fails, as before): the write goes on."""
    stamp = page_stamp()
    rendered = 0
    for story_id in store.due_story_pages():
        report = store.story_report([story_id])
        try:
            html = story_page_html(report)
        except Exception:  # a template or view bug must not lose the analysis being stored
            log.exception("rendering the page of story %r failed; it will be rendered on its visit", story_id)
            continue
        if html is not None:
            store.put_story_page(story_id, stamp, html, report.stories[0].article_ids)
            rendered += 1
    return rendered
