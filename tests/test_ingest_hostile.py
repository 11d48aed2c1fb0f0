"""Hostile input (tests/hostile.py, and hypothesis for the readers): every input is read or named
with a reason, no string that cannot be written comes out, and no article exceeds the size budget."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import HOSTILE, article, feed, good_record, jsonl, nested, page, warc, with_key
from wirecheck.ingest import read_inputs
from wirecheck.ingest.budget import (
    MAX_ARTICLE_CHARS,
    MAX_ARTICLE_TOKENS,
    MAX_LINE_CHARS,
    MAX_WORD_CHARS,
    TOKEN,
    fit_text,
)
from wirecheck.ingest.sanitise import MAX_JSON_DEPTH, display_name
from wirecheck.model import IngestResult, RawDocument, to_jsonable

CASES = {str(case.name): case for case in HOSTILE}


def read_case(tmp_path: Path, name: str) -> tuple[Path, IngestResult]:
    path = CASES[name].write(tmp_path)
    return path, read_inputs([str(path)])


def assert_within_budget(document: RawDocument) -> None:
    text = document.text
    assert len(text) <= MAX_ARTICLE_CHARS
    assert sum(1 for _ in TOKEN.finditer(text)) <= MAX_ARTICLE_TOKENS
    assert max(len(line) for line in text.split("\n")) <= MAX_LINE_CHARS
    assert max(len(word) for word in text.split()) <= MAX_WORD_CHARS


def assert_writable(result: IngestResult) -> None:
    """Everything read can go into a UTF-8 JSON report (the writer the CLI uses)."""
    json.dumps(to_jsonable(result), ensure_ascii=False).encode("utf-8")


def assert_accounted(path: Path, result: IngestResult) -> None:
    """The input gave articles, or is named as skipped: never neither."""
    shown = display_name(str(path))
    read = [d for d in result.documents if d.source.startswith(shown)]
    skipped = [p for p in result.problems if p.skipped and p.source.startswith(shown)]
    assert read or skipped, (shown, result.problems)
    for problem in result.problems:
        assert problem.reason.strip()


# --------------------------------------------------------------------------- each probe finding


@pytest.mark.parametrize("name", [str(case.name) for case in HOSTILE])
def test_every_hostile_input_is_read_or_named_within_budget(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path, result = read_case(tmp_path, name)
    assert_accounted(path, result)
    assert_writable(result)
    for document in result.documents:
        assert_within_budget(document)
    if case.outcome == "read":
        assert result.documents
    else:
        assert not result.documents and any(p.skipped for p in result.problems)


def test_a_value_nested_600_levels_deep_is_cut_from_the_metadata(tmp_path: Path) -> None:
    path, result = read_case(tmp_path, "deep.jsonl")
    (document,) = result.documents  # line 2 (5,000 levels) is beyond what the JSON parser reads
    assert document.id == "wire-1"
    extra = document.meta["extra"]
    for _ in range(MAX_JSON_DEPTH - 1):
        (extra,) = extra
    assert extra is None
    reasons = {p.source: (p.reason, p.skipped) for p in result.problems}
    assert reasons[f"{path} line 1"] == (
        f"1 value(s) nested deeper than {MAX_JSON_DEPTH} levels left out of its metadata",
        False,
    )
    assert reasons[f"{path} line 2"][0].startswith("not valid JSON (maximum recursion depth")


@pytest.mark.parametrize("field", ["text", "title", "outlet", "author", "url"])
def test_lone_surrogates_in_any_field_become_replacement_characters(tmp_path: Path, field: str) -> None:
    record = {**good_record(1), field: "Fen \ud800 Wire " + ("report " * 20 if field == "text" else "")}
    path = tmp_path / "lone.jsonl"
    path.write_text(jsonl([record]), encoding="utf-8")  # json.dumps escapes the surrogate as \ud800
    result = read_inputs([str(path)])
    (document,) = result.documents
    assert "Fen \ufffd Wire" in getattr(document, field)
    assert_writable(result)
    (warning,) = result.problems
    assert not warning.skipped and warning.source == f"{path}#1"
    assert warning.reason.startswith("invalid characters (lone UTF-16 surrogates, replaced with U+FFFD")
    assert warning.reason.endswith(f" in: {field}")


def test_nul_characters_escaped_in_json_are_removed(tmp_path: Path) -> None:
    record = {**good_record(2), "title": "River\u0000 rises", "text": article(2).replace(" ", "\u0000 ", 3)}
    path = tmp_path / "nul.jsonl"
    path.write_text(jsonl([record]), encoding="utf-8")
    result = read_inputs([str(path)])
    (document,) = result.documents
    assert document.title == "River rises" and document.text == article(2)
    (warning,) = result.problems
    assert not warning.skipped and warning.reason.endswith(" in: text, title")


def test_a_file_name_that_is_not_utf8_is_shown_with_byte_escapes(tmp_path: Path) -> None:
    folder = tmp_path / os.fsdecode(b"d\xfcr")
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(article(1))
    (folder / os.fsdecode(b"\xff.bin")).write_bytes(b"%PDF-1.7\n")
    result = read_inputs([str(folder)])
    (document,) = result.documents
    assert document.id == "caf\\xe9" and document.source == str(tmp_path / "d\\xfcr" / "caf\\xe9.txt")
    named = {(p.source, p.reason) for p in result.problems}
    assert (str(tmp_path / "d\\xfcr" / "\\xff.bin"), "not text: a PDF document") in named
    assert (document.source, "file name is not valid UTF-8 (its bytes are shown as \\xNN)") in named
    assert_writable(result)


def test_a_five_megabyte_line_is_cut_and_split_with_warnings(tmp_path: Path) -> None:
    path, result = read_case(tmp_path, "one-line.txt")
    (document,) = result.documents
    assert_within_budget(document)
    assert document.text.startswith(article(6)[:40])
    reasons = [p.reason for p in result.problems if p.source == str(path) and not p.skipped]
    assert any(
        r.startswith("longer than any article (4,625,000 characters); cut to its first") for r in reasons
    )
    assert any("split into paragraphs" in r for r in reasons)


@pytest.mark.parametrize("name", ["angles.html", "angle-text.txt"])
def test_a_page_of_angle_brackets_is_cut_to_the_token_budget(tmp_path: Path, name: str) -> None:
    path, result = read_case(tmp_path, name)
    (document,) = result.documents
    assert_within_budget(document)
    assert len(document.text) < MAX_ARTICLE_CHARS / 2  # one token per character
    assert any("cut to its first" in p.reason and p.source == str(path) for p in result.problems)


def test_a_feed_of_200_full_content_entries_is_read_whole(tmp_path: Path) -> None:
    path, result = read_case(tmp_path, "full-feed.rss")
    assert len(result.documents) == 200
    assert result.problems == ()


@pytest.mark.parametrize("name", ["nul-page.warc", "nul-page.warc.gz"])
def test_nul_bytes_in_a_warc_payload_are_removed_and_said(tmp_path: Path, name: str) -> None:
    path, result = read_case(tmp_path, name)
    (document,) = result.documents
    assert "\x00" not in document.text and document.text.startswith("Flood water reached")
    (warning,) = result.problems
    assert warning.source == f"{path}::https://fenwire.example/flood" and not warning.skipped
    assert "NUL byte(s) removed from the captured page" in warning.reason


def test_a_warc_payload_of_nul_bytes_only_is_named(tmp_path: Path) -> None:
    path, result = read_case(tmp_path, "nul-only.warc.gz")
    assert result.documents == ()
    assert any(p.skipped and p.reason == "captured page has no readable text" for p in result.problems)


@pytest.mark.parametrize(
    ("name", "places"),
    [
        ("numbers.jsonl", ["item 1", "item 2", "item 3"]),
        ("nested-array.jsonl", ["item 1", "item 2"]),
        ("array-lines.jsonl", ["line 1", "line 2"]),
    ],
)
def test_a_top_level_array_names_each_of_its_items(tmp_path: Path, name: str, places: list[str]) -> None:
    path, result = read_case(tmp_path, name)
    assert result.documents == ()
    assert [p.source for p in result.problems] == [f"{path} {place}" for place in places]
    assert all(p.skipped and "not an article object" in p.reason for p in result.problems)


def test_good_lines_are_read_and_each_bad_line_is_named(tmp_path: Path) -> None:
    path, result = read_case(tmp_path, "mixed.jsonl")
    assert [d.id for d in result.documents] == ["wire-10", "wire-11", "wire-12", "wire-13", "wire-14"]
    assert [(p.source, p.reason) for p in result.problems] == [
        (f"{path} line 3", "not valid JSON (Unterminated string starting at column 10)"),
        (f"{path} line 5", "a JSON list, not an article object"),
        (f"{path} line 6", "no article text (no non-empty 'text' or 'html' value)"),
        (f"{path} line 8", "not valid JSON (Expecting value at column 1)"),
    ]


def test_one_nul_byte_costs_one_jsonl_line_not_the_file(tmp_path: Path) -> None:
    path, result = read_case(tmp_path, "one-nul-line.jsonl")
    assert [d.id for d in result.documents] == ["wire-15", "wire-16", "wire-17"]
    assert [(p.source, p.reason) for p in result.problems] == [
        (f"{path} line 3", "holds a NUL byte; not valid JSON")
    ]


def test_a_stray_nul_byte_in_a_text_is_removed_but_a_binary_file_is_refused(tmp_path: Path) -> None:
    path, result = read_case(tmp_path, "nul-in-text.txt")
    (document,) = result.documents
    assert "\x00" not in document.text
    assert [(p.source, p.reason, p.skipped) for p in result.problems] == [
        (str(path), "1 NUL byte(s) removed", False)
    ]
    path, result = read_case(tmp_path, "gzip-nul.txt.gz")  # a thousand NULs ahead of the text
    assert [(p.source, p.reason) for p in result.problems] == [
        (str(path), "not text: binary data (contains NUL bytes)")
    ]


# --------------------------------------------------------------------------- the size budget


def test_fitting_keeps_ordinary_articles_whole() -> None:
    text = article(3, paragraphs=200)
    assert fit_text(text) == (text, [])


WORDY = st.lists(
    st.sampled_from(["flood", "<", ">", "x" * 700, ".", " ", "\n", "\n\n", "Kelby", "x" * 3000]),
    max_size=400,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(text=WORDY, repeat=st.integers(min_value=1, max_value=400))
def test_fitted_text_is_within_budget_a_prefix_of_the_original_and_stable(text: str, repeat: int) -> None:
    original = text * repeat
    fitted, notes = fit_text(original)
    if fitted.strip():
        assert_within_budget(RawDocument(id="a", source="a", format="text", text=fitted))
    assert "".join(original.split()).startswith("".join(fitted.split()))  # breaks only added or cut
    assert bool(notes) == (fitted != original)
    assert fit_text(fitted) == (fitted, [])


# --------------------------------------------------------------------------- readers, fuzzed

HOSTILE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(["\ud800", "\udfff", "\x00", "<", "\n"]),
    max_size=200,
)
DEEP = st.integers(min_value=1, max_value=2000).map(nested)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(
        st.one_of(
            st.fixed_dictionaries(
                {"text": HOSTILE_TEXT.map(lambda t: article(1) + t)},
                optional={
                    "title": HOSTILE_TEXT,
                    "outlet": HOSTILE_TEXT,
                    "author": HOSTILE_TEXT,
                    "id": HOSTILE_TEXT,
                },
            ).map(lambda record: json.dumps(record) + "\n"),
            st.tuples(st.just(good_record(2)), DEEP).map(lambda pair: with_key(pair[0], "deep", pair[1])),
            DEEP.map(lambda raw: raw + "\n"),
            HOSTILE_TEXT.map(lambda t: t.replace("\n", " ") + "\n"),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_every_hostile_jsonl_line_is_read_or_named_and_writable(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lines.jsonl"
        path.write_bytes("".join(lines).encode("utf-8", "surrogatepass"))
        result = read_inputs([str(path)])
    assert_writable(result)
    assert result.documents or result.problems
    if any(p.source == str(path) and p.skipped for p in result.problems):
        return  # refused whole (binary, undecodable), and said so
    if any(f"{path} item " in p.source for p in result.problems):
        return  # the whole file parsed as one JSON list; its items are named
    lines_with_content = {n for n, line in enumerate("".join(lines).split("\n"), start=1) if line.strip()}
    named = {int(d.source.rsplit("#", 1)[1]) for d in result.documents}
    named |= {int(p.source.rsplit(" ", 1)[1]) for p in result.problems if p.source.startswith(f"{path} line")}
    named |= {
        int(p.source.rsplit("#", 1)[1]) for p in result.problems if p.skipped and "#" in p.source
    }  # duplicates
    assert lines_with_content == named


FILE_NAME = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b"..")
)


@settings(max_examples=60, deadline=None)
@given(name=FILE_NAME)
def test_any_file_name_gives_a_writable_result(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / os.fsdecode(name)
        path.write_text(article(4), encoding="utf-8")
        result = read_inputs([str(path)])
    assert_writable(result)
    assert_accounted(path, result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    payload=st.binary(max_size=2000),
    splice=st.sampled_from([b"", b"\x00", b"\x00" * 100, b"\xff\xfe", b"<<<<"]),
    compressed=st.booleans(),
)
def test_any_warc_payload_is_read_or_named(payload: bytes, splice: bytes, compressed: bool) -> None:
    body = page(article(5)).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("crawl.warc.gz" if compressed else "crawl.warc")
        path.write_bytes(warc(body[:80] + splice + payload + body[80:], compressed=compressed))
        result = read_inputs([str(path)])
    assert_writable(result)
    assert_accounted(path, result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.integers(min_value=0, max_value=5), noise=HOSTILE_TEXT)
def test_any_feed_is_read_or_named(entries: int, noise: str) -> None:
    text = feed(entries, 3).replace("<title>Fen Wire</title>", f"<title>{noise}</title>")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.rss"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        result = read_inputs([str(path)])
    assert_writable(result)
    assert_accounted(path, result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    markup=st.lists(
        st.sampled_from(["<", ">", "<a ", "</p>", "<p>", "&#xd800;", "&#0;", "\x00", "x", " "]), max_size=300
    ).map("".join)
)
def test_any_broken_markup_around_an_article_is_read_or_named(markup: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(markup + page(article(6)) + markup, encoding="utf-8")
        result = read_inputs([str(path)])
    assert_writable(result)
    assert_accounted(path, result)
