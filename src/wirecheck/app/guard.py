"""The app's front door: which Host names it answers, which origins may write, how big a body may be.

A local app is reachable from every web page its user opens.  Three checks keep those
pages out, before any route runs:

- **Host.**  Only the names the app serves (127.0.0.1, localhost, [::1], the bound
  address and names added with ``--allow-host``).  A DNS-rebinding page reaches
  127.0.0.1 under its own name; its Host header gives it away.
- **Origin.**  A state-changing request (anything but GET, HEAD, OPTIONS) must come from
  a page of this app: its ``Origin`` is this Host, or, without an Origin, its
  ``Sec-Fetch-Site`` says same-origin.  ``Origin: null`` (a sandboxed iframe, a
  ``file://`` page, a ``data:`` URL) is refused.  Clients that are not browsers (curl,
  scripts) send neither header and are let in: they are not a web page acting for the user.
- **Body size.**  Bytes are counted as they arrive, chunked or not, and the request is
  answered 413 the moment the count passes the limit, so memory never grows with the body.

It is plain ASGI so that it sits under every route and sees the body stream itself.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
WILDCARD_BINDS = {"0.0.0.0", "::", ""}


def host_name(host: str) -> str:
    """The name part of a Host header or netloc, lower-case, without port or IPv6 brackets."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    name, _, port = host.rpartition(":")
    return name if name and port.isdigit() else host


def served_hosts(bind: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names the app answers: loopback names, the address it is bound to, and
    the names its user added."""
    names = set(LOCAL_HOSTS)
    if bind and bind not in WILDCARD_BINDS:
        names.add(host_name(bind) if bind.startswith("[") else bind.lower())
    names.update(host_name(h) if h.startswith("[") or h.count(":") == 1 else h.lower() for h in extra)
    return frozenset(n for n in names if n)


class BodyTooLarge(HTTPException):
    """Raised from the body stream; FastAPI passes HTTPExceptions on unchanged."""


class Guard:
    """ASGI middleware applying the Host, Origin and body-size rules above."""

    def __init__(
        self,
        app: ASGIApp,
        hosts: Iterable[str],
        max_body: int,
        path_limits: dict[str, int] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.app = app
        self.hosts = frozenset(hosts)
        self.max_body = max_body
        self.path_limits = path_limits or {}
        self.headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self.with_headers(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            await refuse(
                send,
                400,
                f"this app does not answer to the host name {host!r}; "
                "start it with --allow-host NAME to serve another name",
            )
            return
        if scope["method"] not in SAFE_METHODS:
            why = cross_site(headers, host)
            if why:
                await refuse(send, 403, f"cross-site request refused: {why}")
                return
        limit = self.path_limits.get(scope["path"], self.max_body)
        length = headers.get("content-length", "")
        if length.strip().isdigit() and int(length) > limit:
            await refuse(send, 413, too_large(int(length), limit))
            return
        await self.counted(scope, receive, send, limit)

    def with_headers(self, send: Send) -> Send:
        """Every response, refusals included, carries the app's security headers
        (a header the route set itself wins)."""

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        return send_with_headers

    async def counted(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Run the app with a body stream that stops at the limit; then the app's own
        answer (a parse error, say) is dropped and 413 sent instead."""
        seen = 0
        over = False
        started = False

        async def counting_receive() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    raise BodyTooLarge(413, too_large(seen, limit, streaming=True))
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over and not started:
                return  # the 413 below answers instead
            started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except BodyTooLarge:
            if started:
                raise
        if over and not started:
            await refuse(send, 413, too_large(seen, limit, streaming=True))


def cross_site(headers: dict[str, str], host: str) -> str | None:
    """Why a state-changing request does not come from a page of this app, or None."""
    origin = headers.get("origin")
    if origin is not None:
        if origin.strip().lower() == "null":
            return "Origin: null (a sandboxed frame or a local file)"
        parts = urlsplit(origin.strip())
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != host.strip().lower():
            return f"from {origin}"
        return None
    fetch_site = headers.get("sec-fetch-site", "").lower()
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site: {fetch_site}"
    return None


def too_large(seen: int, limit: int, streaming: bool = False) -> str:
    amount = f"more than {limit:,} bytes" if streaming else f"{seen:,} bytes"
    return f"request too large: {amount}, the limit is {limit:,}"


async def refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "problems": []}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
