"""The local web app: ``wirecheck serve`` (FastAPI over the SQLite store).

``create_app(db_path, allowed_dirs)`` builds the app; ``serve(...)`` runs it with uvicorn,
in one process or in several (``workers``) sharing the listening socket.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(
    db_path: str | os.PathLike[str],
    allowed_dirs: Sequence[str | os.PathLike[str]] = (),
    allowed_hosts: Sequence[str] = (),
    bind: str | None = None,
) -> FastAPI:
    from wirecheck.app.web import create_app as build

    return build(db_path, allowed_dirs, allowed_hosts=allowed_hosts, bind=bind)


def serve(
    db_path: str | os.PathLike[str] = "wirecheck.db",
    host: str = "127.0.0.1",
    port: int = 8765,
    allowed_dirs: Sequence[str | os.PathLike[str]] = (),
    allowed_hosts: Sequence[str] = (),
    workers: int = 1,
) -> None:
    """Run the app until interrupted; models load on the first article added.  It answers
    to loopback names, ``host`` and ``allowed_hosts`` (see :mod:`wirecheck.app.guard`).

    A page never seen is rendered on a CPU (rows, views, templates: a few ms) under one
    interpreter lock per process; ``workers`` > 1 runs that many processes, so first
    visits use every core.  Each process keeps its own pages and checks them against the
    file's version, so a write by any of them makes the others' kept pages stale."""
    import sys

    import uvicorn

    from wirecheck.store import StoreError

    try:
        # creates and migrates the file once, before any worker opens it
        app = create_app(db_path, allowed_dirs, allowed_hosts, bind=host)
    except StoreError as err:
        print(f"wirecheck: {err}", file=sys.stderr)
        raise SystemExit(2) from err
    print(f"wirecheck: serving {os.fspath(db_path)} on http://{host}:{port}/ (API: /api, /openapi.json)")
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ[SERVE_SETTINGS] = json.dumps(
        {
            "db_path": os.fspath(db_path),
            "allowed_dirs": [os.fspath(d) for d in allowed_dirs],
            "allowed_hosts": list(allowed_hosts),
            "bind": host,
        }
    )
    uvicorn.run(
        "wirecheck.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        timeout_worker_healthcheck=WORKER_START_SECONDS,
    )


SERVE_SETTINGS = "WIRECHECK_SERVE_SETTINGS"
# uvicorn kills a worker that does not answer its health check in time (5 s by default) and
# starts another; a worker importing the app on a busy machine takes longer than that, so
# with the default the workers were restarted forever and the port never answered.
WORKER_START_SECONDS = 120


def app_from_environment() -> FastAPI:
    """The app of one worker process, built from the settings ``serve`` put in the environment
    (uvicorn starts workers from an import string, so they cannot be handed arguments)."""
    settings = json.loads(os.environ[SERVE_SETTINGS])
    return create_app(
        settings["db_path"], settings["allowed_dirs"], settings["allowed_hosts"], bind=settings["bind"]
    )
