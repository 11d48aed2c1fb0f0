"""Every route of the web app through FastAPI's TestClient, on a real SQLite file and the real
pipeline (models loaded once for the session).  Bad uploads get a 4xx naming the file and the
problem, and leave the database exactly as it was."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from tests.app_corpus import BRIDGE_1, BRIDGE_2, BRIDGE_3, CHESS, HOSTILE
from wirecheck.app.library import MAX_FILE_BYTES, Library
from wirecheck.app.web import create_app

BASE = "http://127.0.0.1"  # the app answers only to the host names it serves


@pytest.fixture(scope="module")
def app_env(tmp_path_factory, models):
    """One app with the bridge story in it; tests that change the database use their own."""
    root = tmp_path_factory.mktemp("app")
    allowed = root / "allowed"
    allowed.mkdir()
    (allowed / "bridge3.txt").write_text(BRIDGE_3, encoding="utf-8")
    (root / "outside").mkdir()
    (root / "outside" / "secret.txt").write_text(CHESS, encoding="utf-8")
    library = Library(root / "w.db", [allowed], models_factory=lambda: models)
    client = TestClient(create_app(root / "w.db", library=library), base_url=BASE)
    first = client.post("/api/articles", json={"articles": [BRIDGE_1, BRIDGE_2]})
    assert first.status_code == 201, first.text
    return client, root, allowed, first.json()


def counts(client: TestClient) -> dict[str, int]:
    return client.get("/api/health").json()["counts"]


def test_json_articles_are_added_and_form_one_story(app_env):
    client, _, _, first = app_env
    assert first["added"] == ["lakeview-times", "sable-courier"]
    assert len(first["stories"]) == 1
    story_id = next(iter(first["stories"]))
    listed = client.get("/api/stories").json()
    assert [s["id"] for s in listed] == [story_id]
    assert listed[0]["article_count"] == 2
    story = client.get(f"/api/stories/{story_id}").json()
    assert set(story["article_ids"]) == {"lakeview-times", "sable-courier"}
    assert {"entities", "quotes", "facts", "timeline", "brief"} <= set(story)


def test_story_article_search_and_index_pages_render(app_env):
    client, *_ = app_env
    story_id = client.get("/api/stories").json()[0]["id"]
    home = client.get("/")
    assert home.status_code == 200 and f'href="/stories/{story_id}"' in home.text
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert "Lakeview Times" in page.text and "Sable Courier" in page.text
    assert "<h3>Facts" in page.text and "<h3>Sources</h3>" in page.text
    article = client.get("/articles/sable-courier")
    assert article.status_code == 200 and "Four injured as Lakeview footbridge falls" in article.text
    found = client.get("/search", params={"q": "footbridge walkers"})
    assert found.status_code == 200 and 'href="/articles/sable-courier"' in found.text
    assert "Content-Security-Policy" in page.headers


def test_json_reading_routes(app_env):
    client, *_ = app_env
    got = client.get("/api/articles/lakeview-times").json()
    assert got["article"]["outlet"] == "Lakeview Times"
    assert got["story_id"] and got["mentions"]["article_id"] == "lakeview-times"
    hits = client.get("/api/search", params={"q": "inspected january"}).json()
    assert [h["article_id"] for h in hits] == ["lakeview-times"]
    assert client.get("/api/search", params={"q": '"( NEAR AND'}).status_code == 200
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


def test_openapi_schema_and_the_offline_api_page(app_env):
    client, *_ = app_env
    schema = client.get("/openapi.json").json()
    assert {"/api/uploads", "/api/articles", "/api/imports", "/api/search", "/api/stories"} <= set(
        schema["paths"]
    )
    assert client.get("/docs").status_code == 404  # Swagger UI would load JS from a CDN
    page = client.get("/api")
    assert page.status_code == 200 and "/api/uploads" in page.text
    assert "cdn" not in page.text.lower()


def test_folder_import_inside_an_allowed_dir_and_refusals_outside(app_env):
    client, root, allowed, _ = app_env
    before = counts(client)
    for path in (root / "outside", root / "outside" / "secret.txt", allowed / ".." / "outside", "/etc"):
        refused = client.post("/api/imports", json={"path": str(path)})
        assert refused.status_code == 403, path
        assert "not inside a folder the admin allowed" in refused.json()["error"]
    assert client.post("/api/imports", json={"path": str(allowed / "missing")}).status_code == 404
    assert counts(client) == before
    done = client.post("/api/imports", json={"path": str(allowed)})
    assert done.status_code == 201, done.text
    assert done.json()["added"] == ["bridge3"]
    # the third report of the collapse joins the existing story, it does not start a new one
    stories = client.get("/api/stories").json()
    assert len(stories) == 1 and stories[0]["article_count"] == 3
    again = client.post("/api/imports", json={"path": str(allowed)}).json()
    assert again["added"] == [] and again["duplicates"][0]["stored_as"] == "bridge3"


@pytest.fixture()
def fresh(tmp_path, models):
    library = Library(tmp_path / "w.db", [], models_factory=lambda: models)
    return TestClient(create_app(tmp_path / "w.db", library=library), base_url=BASE)


def upload(client: TestClient, *files: tuple[str, bytes]):
    return client.post("/api/uploads", files=[("files", (name, data)) for name, data in files])


def test_upload_adds_files_and_a_new_story_only_touches_that_story(fresh):
    first = upload(fresh, ("bridge3.txt", BRIDGE_3.encode()), ("chess.txt", CHESS.encode()))
    assert first.status_code == 201, first.text
    body = first.json()
    assert sorted(body["added"]) == ["bridge3", "chess"]
    assert len(body["stories"]) == 2  # a collapse and a chess tournament are two stories
    chess_story = next(s for s, ids in body["stories"].items() if ids == ["chess"])
    before = {s["id"]: s["updated_at"] for s in fresh.get("/api/stories").json()}
    second = fresh.post("/api/articles", json={"articles": [BRIDGE_1]}).json()
    bridge_story = next(iter(second["stories"]))
    assert bridge_story != chess_story
    assert second["updated_stories"] == [bridge_story]
    after = {s["id"]: s["updated_at"] for s in fresh.get("/api/stories").json()}
    assert after[chess_story] == before[chess_story]
    assert sorted(fresh.get(f"/api/stories/{bridge_story}").json()["article_ids"]) == [
        "bridge3",
        "lakeview-times",
    ]
    article = fresh.get("/api/articles/bridge3").json()["article"]
    assert article["source"] == "upload:bridge3.txt"


BAD_UPLOADS = [
    ("notes.pdf", b"%PDF-1.4 a pdf", 415, "unsupported file type"),
    ("huge.txt", b"a" * (MAX_FILE_BYTES + 1), 413, "too large"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 400, "binary"),
    (
        "broken.txt",
        "Caf\u00e9 owners met on Monday. ".encode() + b"\xff\xfe\xc3 then" * 3,
        400,
        "broken encoding",
    ),
    ("empty.txt", b"   \n", 400, "empty"),
    ("fake.warc.gz", b"not gzip at all", 400, "not gzip"),
]


@pytest.mark.parametrize(("name", "data", "status", "reason"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_uploads_get_a_4xx_naming_the_file_and_change_nothing(fresh, name, data, status, reason):
    assert fresh.post("/api/articles", json={"articles": [BRIDGE_1]}).status_code == 201
    before = counts(fresh)
    good = ("bridge2.txt", BRIDGE_2["text"].encode())
    refused = upload(fresh, good, (name, data))
    assert refused.status_code == status, refused.text
    body = refused.json()
    assert "nothing was added" in body["error"]
    assert [p["source"] for p in body["problems"]] == [name]
    assert reason in body["problems"][0]["reason"]
    assert counts(fresh) == before  # the good file in the same upload was not added either


def test_unreadable_json_items_are_refused_by_name(fresh):
    before = counts(fresh)
    refused = fresh.post("/api/articles", json={"articles": [BRIDGE_1, {"title": "no text"}]})
    assert refused.status_code == 400
    assert refused.json()["problems"][0]["source"] == "articles[1]"
    assert fresh.post("/api/articles", json={"articles": []}).status_code == 422
    assert (
        fresh.post(
            "/api/articles", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )
    assert fresh.post("/api/uploads").status_code == 422  # no files part at all
    assert counts(fresh) == before


def test_a_second_file_with_a_taken_name_gets_a_new_id_and_same_text_is_not_duplicated(fresh):
    assert upload(fresh, ("report.txt", BRIDGE_3.encode())).json()["added"] == ["report"]
    second = upload(fresh, ("report.txt", CHESS.encode())).json()
    assert second["added"] == ["report-2"]
    third = upload(fresh, ("copy.txt", BRIDGE_3.encode())).json()
    assert third["added"] == [] and third["duplicates"] == [
        {"item": "upload:copy.txt", "stored_as": "report"}
    ]


def test_hostile_article_text_is_escaped_on_every_page(fresh):
    added = fresh.post("/api/articles", json={"articles": [HOSTILE]})
    assert added.status_code == 201, added.text
    story_id = next(iter(added.json()["stories"]))
    for url in (f"/stories/{story_id}", "/articles/hostile", "/search?q=council", "/"):
        text = fresh.get(url).text
        assert "<script>window.__pwned" not in text and "<img src=x" not in text, url
    assert "&lt;script&gt;window.__pwned = 2&lt;/script&gt;" in fresh.get("/articles/hostile").text
    data = json.loads(fresh.get("/api/articles/hostile").text)
    assert "<script>window.__pwned = 2</script>" in data["article"]["body"]  # JSON keeps the text as it was


def test_articles_stored_by_the_cli_join_the_story_index_on_the_first_add(tmp_path, models):
    """`wirecheck analyze --db` stores a report without the app's story index; the first add
    through the app indexes those articles too, and every article ends in exactly one story."""
    from tests.sample_reports import flood_report
    from wirecheck.store import Store

    with Store(tmp_path / "w.db") as store:
        store.add_report(flood_report())
    library = Library(tmp_path / "w.db", [], models_factory=lambda: models)
    client = TestClient(create_app(tmp_path / "w.db", library=library), base_url=BASE)
    added = client.post("/api/articles", json={"articles": [BRIDGE_1]})
    assert added.status_code == 201, added.text
    assert any("4 stored articles joined the story index" in w["reason"] for w in added.json()["warnings"])
    stories = client.get("/api/stories").json()
    members = [aid for s in stories for aid in client.get(f"/api/stories/{s['id']}").json()["article_ids"]]
    assert sorted(members) == ["council", "flood-a", "flood-b", "flood-c", "lakeview-times"]
    assert sum(s["article_count"] for s in stories) == 5
    with Store(tmp_path / "w.db") as store:
        assert store.get_state("story_index") is not None


def test_posts_from_another_site_or_too_large_are_refused_before_reading(fresh):
    before = counts(fresh)
    evil = fresh.post(
        "/api/articles", json={"articles": [BRIDGE_1]}, headers={"Origin": "http://evil.example"}
    )
    assert evil.status_code == 403 and "cross-site" in evil.json()["error"]
    huge = fresh.post(
        "/api/uploads",
        content=b"x",
        headers={"content-length": str(10**10), "content-type": "multipart/form-data"},
    )
    assert huge.status_code == 413
    assert counts(fresh) == before
    same_site = fresh.post("/api/articles", json={"articles": [BRIDGE_1]}, headers={"Origin": BASE})
    assert same_site.status_code == 201


ODD_IDS = ["2025/11/24/floods", "desk/a b?c#d%20e", "ünï/çødé"]


def test_every_id_the_app_shows_opens_even_with_a_slash(fresh):
    """Ids taken from URL paths hold slashes (and other URL characters): every link the app
    shows must open, on the HTML pages and in the API."""
    from urllib.parse import quote, unquote

    items = [
        {**BRIDGE_1, "id": ODD_IDS[0]},
        {**BRIDGE_2, "id": ODD_IDS[1]},
        {"id": ODD_IDS[2], "text": CHESS},
    ]
    added = fresh.post("/api/articles", json={"articles": items})
    assert added.status_code == 201, added.text
    assert sorted(added.json()["added"]) == sorted(ODD_IDS)
    shown = set()
    for url in ["/", "/search?q=footbridge", "/search?q=chess"]:
        shown |= set(re.findall(r'href="(/(?:articles|stories)/[^"]+)"', fresh.get(url).text))
    story_links = [h for h in shown if h.startswith("/stories/")]
    for link in story_links:
        shown |= set(re.findall(r'href="(/articles/[^"]+)"', fresh.get(html.unescape(link)).text))
    article_links = {html.unescape(h) for h in shown if h.startswith("/articles/")}
    assert {unquote(h.removeprefix("/articles/")) for h in article_links} >= set(ODD_IDS)
    for link in {html.unescape(h) for h in shown}:
        page = fresh.get(link)
        assert page.status_code == 200, link
        api = fresh.get("/api" + link)
        assert api.status_code == 200, link
    for aid in ODD_IDS:
        got = fresh.get("/api/articles/" + quote(aid, safe="/")).json()
        assert got["article"]["id"] == aid
        assert fresh.get("/api/stories/" + quote(got["story_id"], safe="/")).status_code == 200


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/tmp/a\x00b", "NUL byte"),
        ("/tmp/" + "d" * 5000, "longer than the system allows"),
        ("/tmp/" + "n" * 300 + "/x.txt", "name is longer than the system allows"),
        ("   ", "empty path"),
    ],
    ids=["nul", "too-long", "long-name", "blank"],
)
def test_an_unusable_import_path_is_a_400_naming_the_problem(app_env, path, why):
    client, *_ = app_env
    before = counts(client)
    refused = client.post("/api/imports", json={"path": path})
    assert refused.status_code == 400, refused.text
    assert why in refused.json()["error"] and "not a usable path" in refused.json()["error"]
    assert counts(client) == before


def test_a_link_inside_an_allowed_folder_leading_outside_is_refused(app_env):
    client, root, allowed, _ = app_env
    before = counts(client)
    links = allowed / "links"
    links.mkdir(exist_ok=True)
    (links / "secret.txt").symlink_to(root / "outside" / "secret.txt")
    (links / "elsewhere").symlink_to(root / "outside", target_is_directory=True)
    try:
        for path in (links, links / "secret.txt", links / "elsewhere", allowed):
            refused = client.post("/api/imports", json={"path": str(path)})
            assert refused.status_code == 403, (path, refused.text)
        body = client.post("/api/imports", json={"path": str(links)}).json()
        assert {p["reason"] for p in body["problems"]} == {"a link that leads outside the allowed folders"}
        assert {p["source"].rsplit("/", 1)[-1] for p in body["problems"]} == {"secret.txt"}
        assert counts(client) == before
    finally:
        (links / "secret.txt").unlink()
        (links / "elsewhere").unlink()
        links.rmdir()


def test_pages_show_what_another_process_wrote(tmp_path, models):
    """Pages are kept rendered between writes; a write by any connection makes them current."""
    from tests.sample_reports import flood_report
    from wirecheck.store import Store

    library = Library(tmp_path / "w.db", [], models_factory=lambda: models)
    client = TestClient(create_app(tmp_path / "w.db", library=library), base_url=BASE)
    assert "No stories yet" in client.get("/").text
    assert client.get("/search", params={"q": "flood"}).text.count('class="hit"') == 0
    with Store(tmp_path / "w.db") as store:  # as `wirecheck analyze --db` would, from outside the app
        store.add_report(flood_report())
    home = client.get("/").text
    assert "No stories yet" not in home
    story_id = client.get("/api/stories").json()[0]["id"]
    assert f'href="/stories/{story_id}"' in home
    assert client.get(f"/stories/{story_id}").status_code == 200


def test_parsing_an_import_does_not_hold_the_write_lock(tmp_path, models):
    """While one add is parsing its articles, another add (and every read) can proceed: the
    write lock is taken only after parsing, to join stories and write."""
    import threading

    from wirecheck import extract

    library = Library(tmp_path / "w.db", [], models_factory=lambda: models)
    parsing, release = threading.Event(), threading.Event()
    original = extract.extract_mentions
    lock_free_while_parsing = []

    def slow_extract(articles, used_models, **options):
        if any(a.id == "chess" for a in articles):
            parsing.set()
            lock_free_while_parsing.append(library._write_lock.acquire(blocking=False))
            if lock_free_while_parsing[-1]:
                library._write_lock.release()
            release.wait(timeout=300)
        return original(articles, used_models, **options)

    extract.extract_mentions = slow_extract
    try:
        slow = threading.Thread(target=lambda: library.add_json([{"id": "chess", "text": CHESS}]))
        slow.start()
        assert parsing.wait(timeout=300)
        other = library.add_json([BRIDGE_1])  # completes while the first add is still parsing
        assert other.added == ("lakeview-times",)
        release.set()
        slow.join(timeout=300)
    finally:
        extract.extract_mentions = original
        release.set()
    assert lock_free_while_parsing == [True]
    with library.reading() as store:
        assert sorted(store.article_ids()) == ["chess", "lakeview-times"]
