"""The app's front door against a real uvicorn on 127.0.0.1: writes only from its own pages,
answers only to its own host names, and refuses an oversized body while it streams in."""

from __future__ import annotations

import json
import select
import socket

import pytest

from tests.served import request, serve_in_process, serve_in_thread
from wirecheck.app.guard import host_name, served_hosts
from wirecheck.app.web import MAX_JSON_BYTES, MAX_REQUEST_BYTES

ARTICLE = json.dumps({"articles": [{"id": "x", "text": "The ferry to Oskar Island was cancelled."}]}).encode()
EMPTY = json.dumps({"articles": []}).encode()  # passes the door, refused by the route (422)
WRITES = [("/api/articles", ARTICLE), ("/api/imports", json.dumps({"path": "/nowhere"}).encode())]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`wirecheck serve` in its own process, with one extra host name allowed."""
    db = tmp_path_factory.mktemp("guard") / "w.db"
    with serve_in_process(db, ["--allow-host", "newsroom.lan"]) as (base, process):
        yield base, process


def port_of(base: str) -> str:
    return base.rsplit(":", 1)[1]


def post(base: str, path: str, body: bytes, **headers: str) -> tuple[int, dict]:
    status, data = request(
        base,
        "POST",
        path,
        body,
        {"Content-Type": "application/json", **{k.replace("_", "-"): v for k, v in headers.items()}},
    )
    return status, json.loads(data or b"{}")


@pytest.mark.parametrize(("path", "body"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "null"},
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1.evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["origin-null", "other-origin", "lookalike-origin", "fetch-cross-site", "fetch-same-site"],
)
def test_writes_from_other_origins_are_refused(served, path, body, headers):
    base, _ = served
    status, answer = post(base, path, body, **headers)
    assert status == 403, answer
    assert "cross-site request refused" in answer["error"]


def test_a_write_from_the_apps_own_page_passes_the_door(served):
    base, _ = served
    for headers in ({"Origin": base}, {"Sec-Fetch-Site": "same-origin"}, {}):
        status, answer = post(base, "/api/articles", EMPTY, **headers)
        assert status == 422, (headers, answer)  # the route's own validation: the door let it in
    status, uploads = request(
        base,
        "POST",
        "/api/uploads",
        b"",
        {"Origin": "null", "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert status == 403


def test_multipart_upload_from_a_null_origin_is_refused(served):
    base, _ = served
    body = b'--x\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nFerry cancelled.\r\n--x--\r\n'
    status, _ = request(
        base,
        "POST",
        "/api/uploads",
        body,
        {"Origin": "null", "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert status == 403


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:{port}", "127.0.0.1.nip.io:{port}"])
def test_other_host_names_get_no_answer_dns_rebinding(served, host):
    base, _ = served
    name = host.format(port=port_of(base))
    status, data = request(base, "GET", "/api/stories", headers={"Host": name})
    assert status == 400 and b"--allow-host" in data
    status, _ = request(base, "GET", "/", headers={"Host": name})
    assert status == 400
    # the rebinding page's write: its Origin matches its Host, and both are the attacker's
    status, _ = post(base, "/api/articles", ARTICLE, Host=name, Origin=f"http://{name}")
    assert status == 400


@pytest.mark.parametrize(
    "host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST", "newsroom.lan:{port}"]
)
def test_served_host_names_are_answered(served, host):
    base, _ = served
    status, data = request(base, "GET", "/api/stories", headers={"Host": host.format(port=port_of(base))})
    assert status == 200, data
    assert json.loads(data) == []


def test_host_names_parse():
    assert host_name("LocalHost:8765") == "localhost"
    assert host_name("[::1]:8765") == "::1"
    assert host_name("[::1]") == "::1"
    assert host_name("example.org") == "example.org"
    assert served_hosts("0.0.0.0", ["Desk.lan:8765"]) == {"127.0.0.1", "localhost", "::1", "desk.lan"}
    assert "10.0.0.5" in served_hosts("10.0.0.5")


def peak_rss(pid: int) -> int:
    """Highest resident memory of a process so far, in bytes (Linux)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def stream_chunked(
    base: str, path: str, content_type: str, total: int, prefix: bytes = b""
) -> tuple[int, bytes, int]:
    """Send up to ``total`` bytes as a chunked body, stopping as soon as the server answers.
    Returns the status, the body and how many bytes went out."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=60)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    sock.sendall(head)
    if prefix:
        sock.sendall(f"{len(prefix):x}\r\n".encode() + prefix + b"\r\n")
    chunk = b"a" * (1 << 20)
    framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent = 0
    try:
        while sent < total:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break  # the server has answered: stop sending
            sock.sendall(framed)
            sent += len(chunk)
        else:
            sock.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    received = b""
    try:
        while b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < content_length(
            received
        ):
            data = sock.recv(65536)
            if not data:
                break
            received += data
    finally:
        sock.close()
    status = int(received.split(b" ", 2)[1])
    return status, received.split(b"\r\n\r\n", 1)[1], sent


def content_length(head: bytes) -> int:
    for line in head.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 1 << 30


@pytest.mark.parametrize(
    ("path", "content_type", "prefix", "limit"),
    [
        ("/api/articles", "application/json", b'{"articles": [{"text": "', MAX_JSON_BYTES),
        (
            "/api/uploads",
            "multipart/form-data; boundary=x",
            b'--x\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n',
            MAX_REQUEST_BYTES,
        ),
    ],
    ids=["json", "multipart"],
)
def test_a_300_mib_chunked_body_is_refused_while_it_streams(served, path, content_type, prefix, limit):
    base, process = served
    before = peak_rss(process.pid)
    status, body, sent = stream_chunked(base, path, content_type, 300 << 20, prefix)
    assert status == 413, body
    assert "request too large" in json.loads(body)["error"]
    assert sent < 300 << 20  # refused before the body was all sent
    grown = peak_rss(process.pid) - before
    assert grown < limit + (48 << 20), f"server memory grew by {grown >> 20} MiB"
    status, _ = request(base, "GET", "/api/health")
    assert status == 200  # and the app still serves


def test_a_sized_body_over_the_limit_is_refused_before_it_is_read(served):
    base, process = served
    before = peak_rss(process.pid)
    status, data = request(
        base,
        "POST",
        "/api/articles",
        None,
        {"Content-Type": "application/json", "Content-Length": str(300 << 20)},
    )
    assert status == 413 and b"request too large" in data
    assert peak_rss(process.pid) - before < 16 << 20


def test_security_headers_on_refusals_and_pages(served):
    base, _ = served
    for headers in ({}, {"Host": "evil.example"}):
        host, port = base.removeprefix("http://").rsplit(":", 1)
        import http.client

        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.putrequest("GET", "/", skip_host=bool(headers))
        for k, v in headers.items():
            connection.putheader(k, v)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        assert "frame-ancestors 'none'" in (response.getheader("Content-Security-Policy") or "")
        connection.close()


def test_thread_server_helper_serves_the_same_app(tmp_path):
    from wirecheck.app.web import create_app

    with serve_in_thread(create_app(tmp_path / "w.db")) as base:
        status, data = request(base, "GET", "/api/health")
        assert status == 200 and json.loads(data)["counts"]["articles"] == 0
