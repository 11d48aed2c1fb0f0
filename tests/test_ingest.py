"""Each reader on inputs written for these tests: HTML, JSONL/JSON, RSS, Atom, WARC, encodings."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirecheck.ingest import read_inputs
from wirecheck.model import InputProblem, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

STORY = (
    "The night ferry to Skerry Island ran aground on a sandbank on Sunday, the coastguard said.\n\n"
    "All 64 passengers were taken off by lifeboat and nobody was injured, according to the operator.\n"
)


def by_id(documents: tuple[RawDocument, ...]) -> dict[str, RawDocument]:
    return {d.id: d for d in documents}


def read_file(folder: Path, name: str, data: bytes) -> tuple[RawDocument, tuple[InputProblem, ...]]:
    """Write one input file into ``folder`` and read the folder: its one document, and the problems."""
    (folder / name).write_bytes(data)
    result = read_inputs([str(folder)])
    (document,) = result.documents
    return document, result.problems


# --------------------------------------------------------------------------- plain text and encodings


def test_plain_text_is_read_verbatim_with_the_file_stem_as_id(tmp_path: Path) -> None:
    (tmp_path / "000_ferry.txt").write_text(STORY, encoding="utf-8")
    result = read_inputs([str(tmp_path)])
    assert result.problems == ()
    (document,) = result.documents
    assert document.id == "000_ferry"
    assert document.format == "text"
    assert document.text == STORY
    assert document.source == str(tmp_path / "000_ferry.txt")


def test_windows_line_endings_become_newlines(tmp_path: Path) -> None:
    document, _ = read_file(tmp_path, "crlf.txt", STORY.replace("\n", "\r\n").encode("utf-8"))
    assert document.text == STORY


def test_utf8_bom_is_removed_without_warning(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners in Gda\u0144sk protested."
    document, problems = read_file(tmp_path, "bom.txt", b"\xef\xbb\xbf" + text.encode())
    assert problems == ()
    assert document.text == text


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Die Br\u00fccke in K\u00f6ln bleibt bis Montag gesperrt, sagte die Stadt."
    document, problems = read_file(tmp_path, "de.txt", text.encode("utf-16"))  # writes a BOM
    assert problems == ()
    assert document.text == text


def test_utf16_without_bom_is_recognised_and_flagged(tmp_path: Path) -> None:
    text = "The tide gauge at Port Ellis recorded 4.2 metres on Sunday night."
    document, (warning,) = read_file(tmp_path, "le.txt", text.encode("utf-16-le"))
    assert document.text == text
    assert not warning.skipped and "utf-16-le" in warning.reason


def test_cp1252_text_is_decoded_and_the_guess_is_reported(tmp_path: Path) -> None:
    text = "The mayor\u2019s caf\u00e9 reopened \u2014 \u201cat last,\u201d said the na\u00efve owner, who paid \u20ac12,000."
    document, (warning,) = read_file(tmp_path, "legacy.txt", text.encode("cp1252"))
    assert document.text == text
    assert warning.skipped is False
    assert "windows-1252" in warning.reason and "guessed" in warning.reason
    assert warning.source.endswith("legacy.txt")


def test_central_european_and_cyrillic_legacy_text_keep_their_own_code_pages(tmp_path: Path) -> None:
    polish = "Zam\u0119t na dworcu w \u0141odzi: poci\u0105gi sp\u00f3\u017anione o dwie godziny, powiedzia\u0142 rzecznik."
    russian = "\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430 \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043c\u043e\u0441\u0442 \u043e\u0442\u043a\u0440\u043e\u044e\u0442 \u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a."
    (tmp_path / "pl.txt").write_bytes(polish.encode("cp1250"))
    (tmp_path / "ru.txt").write_bytes(russian.encode("cp1251"))
    result = read_inputs([str(tmp_path)])
    assert [d.text for d in result.documents] == [polish, russian]
    assert ["windows-1250" in p.reason for p in result.problems] == [True, False]
    assert "windows-1251" in result.problems[1].reason


def test_declared_html_charset_is_trusted_without_warning(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Fu\u00dfball</title></head><body>'
        "<p>Der Trainer des FC Nordhafen sagte am Samstag, die Mannschaft habe gro\u00dfartig gespielt "
        "und verdient gewonnen. Das Stadion war mit 18.000 Zuschauern ausverkauft.</p></body></html>"
    )
    document, problems = read_file(tmp_path, "de.html", page.encode("latin-1"))
    assert problems == ()
    assert "gro\u00dfartig" in document.text


def test_mostly_utf8_with_one_stray_byte_stays_utf8(tmp_path: Path) -> None:
    good = "Z\u00fcrich, S\u00e3o Paulo and Krak\u00f3w signed the pact."
    document, (warning,) = read_file(
        tmp_path, "mixed.txt", good.encode("utf-8") + b" The mayor\x92s office agreed."
    )
    assert document.text.startswith(good)
    assert not warning.skipped and "1 invalid byte" in warning.reason


# --------------------------------------------------------------------------- HTML


def test_html_page_main_text_and_metadata() -> None:
    result = read_inputs([str(FIXTURES / "harbour_bridge.html")])
    assert result.problems == ()
    (page,) = result.documents
    assert page.format == "html"
    assert page.id == "harbour_bridge"
    assert "grain barge drifted into the central pier" in page.text
    assert "diving team would examine the pier footing" in page.text
    # boilerplate around the article is left out
    for boilerplate in (
        "Accept all cookies",
        "Privacy policy",
        "Festival dates announced",
        "All rights reserved",
    ):
        assert boilerplate not in page.text
    # paragraphs are separated by one blank line
    paragraphs = page.text.split("\n\n")
    assert any(p.startswith("Harbour master Ines Dube told reporters") for p in paragraphs)
    assert all(p == p.strip() and p for p in paragraphs)
    assert page.title == "Barge strikes Port Ellis bridge, closing it to traffic"
    assert page.outlet == "The Coastal Ledger"
    assert page.author == "Mara Okonkwo"
    assert page.published == "2024-03-18"
    assert page.url == "https://www.coastalledger.example/news/2024/03/18/barge-bridge"
    assert page.html is not None and "<article>" in page.html


def test_hostile_html_yields_plain_text_only() -> None:
    (page,) = read_inputs([str(FIXTURES / "harbour_bridge.html")]).documents
    for forbidden in ("alert(", "tracker", "steal()", "onmouseover", "<script", "<p", "font-family"):
        assert forbidden not in page.text


def test_html_outlet_falls_back_to_the_canonical_host(tmp_path: Path) -> None:
    page = (
        '<html><head><link rel="canonical" href="https://www.northgazette.example/a/1">'
        "<title>Snow closes mountain pass</title></head><body><article><h1>Snow closes mountain pass</h1>"
        "<p>Heavy snow closed the Varn pass on Wednesday night, stranding about 40 lorries, police said.</p>"
        "<p>Ploughs were expected to clear one lane by noon on Thursday.</p></article></body></html>"
    )
    (tmp_path / "pass.html").write_text(page, encoding="utf-8")
    (document,) = read_inputs([str(tmp_path)]).documents
    assert document.outlet == "northgazette.example"


def test_html_is_sniffed_even_with_a_txt_extension(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><html><body><p>Council approves new cycle lanes on Harbour Road.</p></body></html>"
    (tmp_path / "saved_page.txt").write_text(page, encoding="utf-8")
    (document,) = read_inputs([str(tmp_path)]).documents
    assert document.format == "html"
    assert document.text == "Council approves new cycle lanes on Harbour Road."


def test_malformed_html_still_yields_its_text(tmp_path: Path) -> None:
    broken = (
        "<html><body><div><p>Firefighters contained the warehouse blaze in Dockside after six hours"
        "<p>Two workers were treated for smoke inhalation<table><tr><td>unclosed cell"
        "<b><i>nested badly</b></i></div></span></body"
    )
    (tmp_path / "broken.html").write_text(broken, encoding="utf-8")
    result = read_inputs([str(tmp_path)])
    (document,) = result.documents
    assert "Firefighters contained the warehouse blaze" in document.text
    assert "Two workers were treated for smoke inhalation" in document.text
    assert "<" not in document.text


def test_html_fragment_without_main_content_uses_the_fallback_chain(tmp_path: Path) -> None:
    (tmp_path / "tiny.html").write_text("<span>Polls close at 8 p.m.</span>", encoding="utf-8")
    (document,) = read_inputs([str(tmp_path)]).documents
    assert document.text == "Polls close at 8 p.m."


def test_html_without_any_text_is_reported(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    result = read_inputs([str(tmp_path)])
    assert result.documents == ()
    (problem,) = result.problems
    assert problem.skipped and "blank.html" in problem.source and "no readable text" in problem.reason


def test_gzipped_html_is_read_and_named_without_its_extensions(tmp_path: Path) -> None:
    page = (FIXTURES / "harbour_bridge.html").read_bytes()
    (tmp_path / "kbs.example-bridge.html.gz").write_bytes(gzip.compress(page))
    (document,) = read_inputs([str(tmp_path)]).documents
    assert document.id == "kbs.example-bridge"
    assert "grain barge" in document.text


# --------------------------------------------------------------------------- JSONL / JSON


def test_jsonl_reads_good_lines_and_reports_bad_ones_by_line_number() -> None:
    path = FIXTURES / "wire_items.jsonl"
    result = read_inputs([str(path)])
    documents = by_id(result.documents)
    assert sorted(documents) == ["ledger-101", "wire_items-2", "wire_items-5"]
    first = documents["ledger-101"]
    assert first.format == "jsonl"
    assert first.source == f"{path}#1"
    assert first.published == "2024-04-05"
    assert first.outlet == "The Coastal Ledger"
    assert first.meta == {"section": "Business"}
    assert first.text.startswith("Ferry crews on the northern route")
    second = documents["wire_items-2"]
    assert second.outlet == "Harbour Times"
    assert second.author == "Leo Brandt, Ana Ruiz"
    assert second.published == "2024-04-05"
    from_html = documents["wire_items-5"]
    assert "two-day stoppage will begin" in from_html.text
    assert "<p>" not in from_html.text and from_html.html is not None
    assert from_html.title == "Ferry unions plan walkout"
    assert from_html.published == "2024-04-06"
    problems = {p.source: p for p in result.problems}
    assert set(problems) == {f"{path} line 3", f"{path} line 4"}
    assert "not valid JSON" in problems[f"{path} line 3"].reason
    assert "no article text" in problems[f"{path} line 4"].reason
    assert all(p.skipped for p in problems.values())


def test_json_file_with_a_list_of_articles(tmp_path: Path) -> None:
    items = [
        {
            "headline": "Dam inspection passes",
            "body": "Inspectors found no cracks in the Orre dam on Monday.",
        },
        {"title": "No text here"},
        "just a string",
    ]
    (tmp_path / "batch.json").write_text(json.dumps(items), encoding="utf-8")
    result = read_inputs([str(tmp_path)])
    (document,) = result.documents
    assert document.id == "batch-1"
    assert document.title == "Dam inspection passes"
    assert {p.source for p in result.problems} == {
        f"{tmp_path / 'batch.json'} item 2",
        f"{tmp_path / 'batch.json'} item 3",
    }


def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path: Path) -> None:
    record = {"text": "First part\u2028second part of one paragraph.", "title": "Separators"}
    (tmp_path / "sep.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = read_inputs([str(tmp_path)])
    assert result.problems == ()
    assert "\u2028" in result.documents[0].text


def test_odd_dates_become_none_and_the_raw_value_is_kept(tmp_path: Path) -> None:
    lines = [
        {"text": "Tram line opens.", "published": "sometime last spring"},
        {"text": "Tram line delayed.", "published": "2024-02-30"},
        {"text": "Tram fares rise.", "published": 1711929600},
        {"text": "Tram depot sold.", "published": "2024/03/05 14:00"},
    ]
    (tmp_path / "dates.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    documents = by_id(read_inputs([str(tmp_path)]).documents)
    assert documents["dates-1"].published is None
    assert documents["dates-1"].meta["published_raw"] == "sometime last spring"
    assert documents["dates-2"].published is None
    assert documents["dates-3"].published == "2024-04-01"
    assert documents["dates-4"].published == "2024-03-05"


# --------------------------------------------------------------------------- feeds


def test_rss_entries_with_full_content_become_documents_and_teasers_are_reported() -> None:
    path = FIXTURES / "coastal_feed.rss"
    result = read_inputs([str(path)])
    (entry,) = result.documents
    assert entry.format == "rss"
    assert entry.id == "coastal_feed-1"
    assert entry.source == f"{path}#1"
    assert entry.outlet == "The Coastal Ledger"
    assert entry.title == "Lighthouse restoration finished"
    assert entry.published == "2024-07-10"
    assert entry.author == "Mara Okonkwo"
    assert entry.url == "https://coastalledger.example/news/lighthouse"
    assert entry.text.split("\n\n") == [
        "The restored lighthouse on Gull Point was switched on again on Tuesday evening after three years of repairs.",
        "Volunteers raised 1.2 million euros for the work, the heritage trust said.",
    ]
    (problem,) = result.problems
    assert problem.source == str(path)
    assert "1 of 2" in problem.reason and "Harbour dredging starts" in problem.reason


def test_atom_feed_entry() -> None:
    (entry,) = read_inputs([str(FIXTURES / "river_updates.atom")]).documents
    assert entry.outlet == "River Valley Post"
    assert entry.published == "2024-02-01"
    assert entry.author == "Tomas Lindqvist"
    assert entry.url == "https://rivervalleypost.example/floodgates"
    assert entry.text.startswith("Engineers closed all nine floodgates")
    assert "\n\nThe test lasted four hours" in entry.text


def test_feed_with_long_summary_only_is_read(tmp_path: Path) -> None:
    summary = " ".join(["The regional parliament debated the fishing quota bill for a second day."] * 12)
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Isle Radio</title>'
        f"<item><title>Quota debate</title><description>{summary}</description></item></channel></rss>"
    )
    (tmp_path / "isle.xml").write_text(feed, encoding="utf-8")
    result = read_inputs([str(tmp_path)])
    assert result.problems == ()
    assert result.documents[0].text == summary


# --------------------------------------------------------------------------- WARC


def build_warc(records: list[tuple[str, int, str, bytes]]) -> bytes:
    """A gzipped WARC of HTTP responses: (url, status, content type, body)."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    for url, status, content_type, body in records:
        headers = StatusAndHeaders(f"{status} OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-05-02T10:11:12Z"},
        )
        writer.write_record(record)
    return stream.getvalue()


def page(title: str, paragraph: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{paragraph}</p></article></body></html>"
    ).encode()


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    data = build_warc(
        [
            (
                "https://dailyfen.example/levee",
                200,
                "text/html; charset=utf-8",
                page(
                    "Levee holds",
                    "The levee held overnight as the river peaked at 6.1 metres, officials said.",
                ),
            ),
            ("https://dailyfen.example/logo.png", 200, "image/png", b"\x89PNG\r\n\x1a\n...."),
            ("https://dailyfen.example/old", 301, "text/html", b"<html>moved</html>"),
            (
                "https://dailyfen.example/pumps",
                200,
                "text/html",
                page("Pumps arrive", "Twelve extra pumps arrived in Marshby on Thursday morning."),
            ),
        ]
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    result = read_inputs([str(path)])
    assert result.problems == ()
    documents = by_id(result.documents)
    assert sorted(documents) == ["crawl-1", "crawl-2"]
    levee = documents["crawl-1"]
    assert levee.format == "warc"
    assert levee.url == "https://dailyfen.example/levee"
    assert levee.source == f"{path}::https://dailyfen.example/levee"
    assert "river peaked at 6.1 metres" in levee.text
    assert levee.published == "2024-05-02"  # capture date, as the page declares none
    assert levee.meta["published_method"] == "capture date (WARC-Date)"


def test_truncated_warc_keeps_the_complete_records_and_reports_the_rest(tmp_path: Path) -> None:
    records = [
        (
            f"https://dailyfen.example/{n}",
            200,
            "text/html",
            page(f"Update {n}", f"Water level report number {n} for the Fen district."),
        )
        for n in range(1, 6)
    ]
    data = build_warc(records)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.7)])
    result = read_inputs([str(path)])
    assert 1 <= len(result.documents) < 5
    assert [p.source for p in result.problems] == [str(path)]
    (problem,) = result.problems
    assert problem.skipped
    assert problem.reason.startswith("gzip data is truncated")
    assert f"the {len(result.documents)} page(s) before the damage were read" in problem.reason


# --------------------------------------------------------------------------- folders, ids, duplicates


def test_folders_are_walked_recursively_in_sorted_order_skipping_hidden_and_corpus_docs(
    tmp_path: Path,
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story about the tram depot.")
    (tmp_path / "a" / "1.txt").write_text("First story about the tram depot.")
    (tmp_path / "a" / "0.txt").write_text("Zeroth story about the tram depot.")
    (tmp_path / ".cache" / "x.txt").write_text("hidden")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "README.md").write_text("# Corpus notes")
    (tmp_path / "LICENSE").write_text("CC-BY")
    (tmp_path / "gold.json").write_text("{}")
    result = read_inputs([str(tmp_path)])
    assert [d.id for d in result.documents] == ["0", "1", "2"]
    assert result.problems == ()


def test_a_named_readme_is_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("A note that the user asked for by name.")
    assert len(read_inputs([str(tmp_path / "README.md")]).documents) == 1


def test_same_stem_in_two_folders_gets_unique_ids(tmp_path: Path) -> None:
    for folder, text in (
        ("monday", "Monday edition: the bridge is shut."),
        ("tuesday", "Tuesday edition: one lane reopens."),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text)
    (tmp_path / "story.html").write_text(
        "<html><body><p>Wednesday edition: both lanes reopen.</p></body></html>"
    )
    result = read_inputs([str(tmp_path)])
    # sorted walk: monday/story.txt, story.html, tuesday/story.txt; later ones get their folder as prefix
    assert [(d.id, d.source) for d in result.documents] == [
        ("story", str(tmp_path / "monday" / "story.txt")),
        (f"{tmp_path.name}-story", str(tmp_path / "story.html")),
        ("tuesday-story", str(tmp_path / "tuesday" / "story.txt")),
    ]


def test_identical_files_and_identical_texts_are_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY)  # byte-identical
    (tmp_path / "c.txt").write_text(STORY.replace("\n\n", "\n\n\n"))  # same text, other bytes
    result = read_inputs([str(tmp_path)])
    assert [d.id for d in result.documents] == ["a"]
    reasons = {p.source: p.reason for p in result.problems}
    assert reasons[str(tmp_path / "b.txt")] == f"duplicate of {tmp_path / 'a.txt'} (identical content)"
    assert reasons[str(tmp_path / "c.txt")] == f"duplicate of {tmp_path / 'a.txt'} (same text)"


def test_same_text_from_two_outlets_is_a_reprint_not_a_duplicate(tmp_path: Path) -> None:
    lines = [
        {"text": STORY, "outlet": "Fen Daily", "url": "https://fendaily.example/ferry"},
        {"text": STORY, "outlet": "Marsh Courier", "url": "https://marshcourier.example/ferry"},
    ]
    (tmp_path / "wire.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    result = read_inputs([str(tmp_path)])
    assert len(result.documents) == 2
    assert result.problems == ()


def test_same_path_twice_is_read_once_without_noise(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    result = read_inputs([str(tmp_path), str(tmp_path / "a.txt")])
    assert len(result.documents) == 1 and result.problems == ()


def test_progress_is_reported_per_file(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Story number {n} about the harbour.")
    calls: list[tuple[str, int]] = []
    advanced: list[int] = []

    def progress(label: str, total: int):
        calls.append((label, total))
        return advanced.append

    read_inputs([str(tmp_path)], progress=progress)
    assert [total for _, total in calls] == [3]
    assert sum(advanced) == 3


def test_json_export_with_an_articles_list(tmp_path: Path) -> None:
    export = {
        "status": "ok",
        "articles": [
            {
                "title": "Pier reopens",
                "content": "The pier reopened on Friday after a month of repairs.",
                "source": {"id": None, "name": "Fen Daily"},
            },
            {
                "title": "Pier fee rises",
                "content": "Fishing from the pier will cost two euros a day from June.",
            },
        ],
    }
    (tmp_path / "export.json").write_text(json.dumps(export), encoding="utf-8")
    result = read_inputs([str(tmp_path)])
    assert result.problems == ()
    assert [(d.id, d.outlet) for d in result.documents] == [("export-1", "Fen Daily"), ("export-2", None)]
    assert result.documents[1].text == "Fishing from the pier will cost two euros a day from June."


def test_bz2_and_xz_compressed_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt.bz2").write_bytes(bz2.compress(b"Bz2 story: the quay wall was repaired."))
    (tmp_path / "b.txt.xz").write_bytes(lzma.compress(b"Xz story: the quay crane was replaced."))
    result = read_inputs([str(tmp_path)])
    assert result.problems == ()
    assert [(d.id, d.text) for d in result.documents] == [
        ("a", "Bz2 story: the quay wall was repaired."),
        ("b", "Xz story: the quay crane was replaced."),
    ]
