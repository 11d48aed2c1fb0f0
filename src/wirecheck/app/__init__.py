"""The local web app: ``wirecheck serve`` (FastAPI over the SQLite store).

``create_app(db_path, allowed_dirs)`` builds the app; ``serve(...)`` runs it with uvicorn.
"""

from __future__ import annotations

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
) -> None:
    """Run the app until interrupted; models load on the first article added.  It answers
    to loopback names, ``host`` and ``allowed_hosts`` (see :mod:`wirecheck.app.guard`)."""
    import sys

    import uvicorn

    from wirecheck.store import StoreError

    try:
        app = create_app(db_path, allowed_dirs, allowed_hosts, bind=host)
    except StoreError as err:
        print(f"wirecheck: {err}", file=sys.stderr)
        raise SystemExit(2) from err
    print(f"wirecheck: serving {os.fspath(db_path)} on http://{host}:{port}/ (API: /api, /openapi.json)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
