"""Bad inputs become InputProblems naming the file and the reason; never a traceback."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wirecheck.ingest import read_inputs
from wirecheck.ingest.budget import MAX_ARTICLE_CHARS
from wirecheck.ingest.load import MAX_FILE_BYTES
from wirecheck.ingest.reading import normalise_newlines
from wirecheck.model import InputProblem

GOOD = "Rail services between Aldport and Kelby resumed on Friday after a two-day signal failure."


def only_problem(path: Path) -> InputProblem:
    result = read_inputs([str(path)])
    assert result.documents == ()
    (problem,) = result.problems
    assert problem.source == str(path)
    return problem


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "contains only whitespace"),
        (b"\xfe\xff", "contains only a byte-order mark"),
        (b"\x00\x01\x02binary\x00stuff" * 20, "not text: binary data (contains NUL bytes)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "not text: a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text: a PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not text: a ZIP archive (or DOCX/EPUB/ODT)"),
        (
            b"\x1b\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11" * 30,
            "not text: binary data (mostly control bytes)",
        ),
        (b"\x1f\x8b\x08\x00", "gzip data is truncated; nothing could be read"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage-not-deflate", "nothing could be read"),
    ],
)
def test_unreadable_content_is_reported_with_the_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    problem = only_problem(path)
    assert problem.skipped
    assert reason in problem.reason


def test_empty_after_decompression(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt.gz"
    path.write_bytes(gzip.compress(b""))
    assert only_problem(path).reason == "empty after decompression"


def test_truncated_gzip_keeps_the_readable_part_and_warns(tmp_path: Path) -> None:
    text = "\n\n".join(
        f"Paragraph {n}: the council met again about the flooded underpass." for n in range(400)
    )
    data = gzip.compress(text.encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    result = read_inputs([str(path)])
    (document,) = result.documents
    assert document.text.startswith("Paragraph 0: the council met again")
    assert len(document.text) < len(text)
    (warning,) = result.problems
    assert warning.source == str(path) and not warning.skipped
    assert "gzip data is truncated" in warning.reason


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (MAX_FILE_BYTES + 1024 * 1024), compresslevel=1))
    assert "decompresses to more than" in only_problem(path).reason


def test_file_above_the_size_cap_is_reported_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_FILE_BYTES + 1)
    assert "too large to be an article" in only_problem(path).reason


def test_ten_megabyte_text_is_cut_at_a_line_break_with_a_warning(tmp_path: Path) -> None:
    line = "The inquiry heard evidence from harbour pilots about the night of the collision.\n"
    text = line * (10 * 1024 * 1024 // len(line))
    path = tmp_path / "transcript.txt"
    path.write_text(text)
    result = read_inputs([str(path)])
    (document,) = result.documents
    assert MAX_ARTICLE_CHARS - len(line) < len(document.text) <= MAX_ARTICLE_CHARS
    assert text.startswith(document.text + "\n") and document.text.endswith(line.strip())
    (warning,) = result.problems
    assert warning.source == str(path) and not warning.skipped
    assert f"longer than any article ({len(text):,} characters); cut to its first {len(document.text):,}" in (
        warning.reason
    )


def test_undecodable_bytes_are_reported(tmp_path: Path) -> None:
    # invalid in UTF-8 and full of bytes that are undefined or control characters in legacy code pages
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x1C, 0x1D, 0x1E]) * 200)
    problem = only_problem(path)
    assert problem.reason.startswith("not text")


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "not-there.txt"
    result = read_inputs([str(missing)])
    assert result.problems == (InputProblem(str(missing), "no such file or directory"),)


def test_broken_symbolic_link_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "deleted.txt")
    result = read_inputs([str(tmp_path)])
    assert [d.id for d in result.documents] == ["good"]
    (problem,) = result.problems
    assert problem.source == str(tmp_path / "dangling.txt")
    assert problem.reason.startswith("broken symbolic link")


def test_named_pipe_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in only_problem(fifo).reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    assert "permission denied" in only_problem(path).reason.lower()


def test_folder_link_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "story.txt").write_text(GOOD)
    (tmp_path / "inner" / "back").symlink_to(tmp_path)
    result = read_inputs([str(tmp_path)])
    assert [d.id for d in result.documents] == ["story"]
    assert any("loops back" in p.reason and not p.skipped for p in result.problems)


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    result = read_inputs([str(tmp_path)])
    assert result.problems == (InputProblem(str(tmp_path), "folder holds no input files"),)


def test_file_named_warc_without_a_warc_header(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text(GOOD)
    assert "does not start with a WARC header" in only_problem(path).reason


def test_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert "feed without entries" in only_problem(path).reason


def test_wirecheck_reports_in_an_input_folder_are_ignored_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "report.json").write_text('{"articles": [], "stories": []}')
    result = read_inputs([str(tmp_path)])
    assert [d.id for d in result.documents] == ["a"]
    (note,) = result.problems
    assert not note.skipped and "wirecheck report" in note.reason


# --------------------------------------------------------------------------- properties

EXTENSIONS = ["", ".txt", ".html", ".jsonl", ".json", ".xml", ".rss", ".warc", ".warc.gz", ".html.gz"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=3000), extension=st.sampled_from(EXTENSIONS), compress=st.booleans())
def test_arbitrary_bytes_never_raise(content: bytes, extension: str, compress: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(gzip.compress(content) if compress else content)
        result = read_inputs([folder])
    assert result.documents or result.problems
    for document in result.documents:
        assert document.text.strip()
    assert len({d.id for d in result.documents}) == len(result.documents)


TEXT_PIECES = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="<{[\ufeff"
) | (st.sampled_from(["\n", "\r\n", "\r", "\t", " "]))


@settings(max_examples=80, deadline=None)
@given(content=st.lists(TEXT_PIECES, min_size=1, max_size=400).map("".join))
def test_any_utf8_text_without_markup_comes_back_as_written(content: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.txt"
        path.write_bytes(content.encode("utf-8"))
        result = read_inputs([folder])
    if not content.strip():
        assert result.documents == () and result.problems[0].reason == "contains only whitespace"
    else:
        assert result.problems == ()
        assert result.documents[0].text == normalise_newlines(content)


def test_huge_html_page_keeps_its_visible_text_and_head_metadata(tmp_path: Path) -> None:
    paragraph = "<p>Witness {n} described the pilot boat leaving the harbour at dusk.</p>\n"
    page = (
        '<html><head><title>Inquiry day three</title><meta property="og:site_name" content="Fen Daily"></head>'
        "<body><article>" + "".join(paragraph.format(n=n) for n in range(50_000)) + "</article></body></html>"
    )
    path = tmp_path / "transcript.html"
    path.write_text(page)
    result = read_inputs([str(path)])
    (document,) = result.documents
    assert document.title == "Inquiry day three" and document.outlet == "Fen Daily"
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == "Witness 0 described the pilot boat leaving the harbour at dusk."
    last = len(paragraphs) - 1  # the text is cut to the size budget at a paragraph break
    assert paragraphs[last] == f"Witness {last} described the pilot boat leaving the harbour at dusk."
    reasons = [p.reason for p in result.problems if not p.skipped]
    assert any("too large for main-text extraction" in reason for reason in reasons)
    assert any("longer than any article" in reason for reason in reasons)


def test_a_feed_file_holding_a_url_or_a_path_is_never_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    long_text = "SECRET-CONTENT " * 150  # long enough to count as an article if the file were opened
    secret.write_text(f"<rss><channel><item><description>{long_text}</description></item></channel></rss>")
    for name, content in (("path.rss", str(secret)), ("url.rss", "http://127.0.0.1:9/feed.xml")):
        path = tmp_path / "feeds" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(content)
        result = read_inputs([str(path)])
        assert result.documents == ()
        assert "SECRET-CONTENT" not in repr(result)
        assert len(result.problems) == 1 and result.problems[0].skipped


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
RECORDS = st.dictionaries(
    st.sampled_from(["id", "text", "html", "title", "published", "outlet", "author", "url", "body", "other"]),
    JSON_VALUES,
    max_size=6,
)


@settings(max_examples=80, deadline=None)
@given(lines=st.lists(RECORDS | JSON_VALUES, min_size=2, max_size=6))
@example(lines=[{"text": "0"}, {"text": "0"}])  # a record read twice is named as a duplicate
def test_every_jsonl_line_is_either_read_or_reported(lines: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lines.jsonl"
        path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
        result = read_inputs([str(path)])
    numbers = {int(d.source.rsplit("#", 1)[1]) for d in result.documents}
    # a bad line is named "FILE N"; a record whose text an earlier one had is "FILE#N", a duplicate
    numbers |= {int(p.source.rsplit(" ", 1)[1]) for p in result.problems if p.source.startswith(f"{path} ")}
    numbers |= {
        int(p.source.rsplit("#", 1)[1])
        for p in result.problems
        if p.source.startswith(f"{path}#") and p.reason.startswith("duplicate of")
    }
    assert numbers == set(range(1, len(lines) + 1))
