"""The one-file HTML report: escaping of hostile text, no network, links from claims to sentences."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sample_reports import FLOOD_A, FLOOD_B, HOSTILE, flood_report
from wirecheck.model import Claim, Grouping, Report, TimelineEntry
from wirecheck.report.html import (
    build_timeline_view,
    literal_matches,
    render_html,
    segment_text,
    sentence_range,
    when,
    word_diff,
    write_html,
)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.text_by_id: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def marked_text(html: str, span_id: str) -> str:
    """The text of every <mark> covering ``span_id``, in order: what the reader sees highlighted."""
    pattern = re.compile(r'<mark class="[^"]*" data-spans="([^"]*)">(.*?)</mark>', re.S)
    import html as html_lib

    return "".join(
        html_lib.unescape(m.group(2)) for m in pattern.finditer(html) if span_id in m.group(1).split()
    )


def test_hostile_article_text_is_shown_as_text_and_runs_nothing():
    html = render_html(flood_report())
    doc = parse(html)
    assert len(doc.scripts) == 1  # ours, and only ours
    assert "pwned" not in doc.scripts[0]
    assert not [attrs for _, attrs in doc.tags if any(k.startswith("on") for k in attrs)]
    assert not [t for t, _ in doc.tags if t in ("img", "iframe", "object", "embed", "i")]
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "onerror=&#34;window.__pwned = 2&#34;" in html
    assert "Town &lt;i&gt;Crier&lt;/i&gt;" in html
    assert "Budget &lt;script&gt;alert(1)&lt;/script&gt; vote" in html


def test_the_file_references_nothing_outside_itself():
    html = render_html(flood_report())
    doc = parse(html)
    for tag, attrs in doc.tags:
        for name in ("src", "href", "action", "srcset", "xlink:href", "data", "poster"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "data:")), f"<{tag} {name}={value!r}> leaves the file"
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html  # a CSP that forbids loading anything, as a second fence


def test_each_claim_links_to_its_highlighted_sentence_in_the_article():
    report = flood_report()
    html = render_html(report)
    doc = parse(html)
    links = [a["href"] for t, a in doc.tags if t == "a" and "claim-link" in (a.get("class") or "")]
    assert links, "no claim links"
    ids = {a.get("id") for _, a in doc.tags}
    for href in links:
        assert href[1:] in ids, f"{href} points nowhere"
    deaths = next(f for f in report.stories[0].facts if f.status == "disputed")
    for claim in deaths.claims:
        article_number = 1 + [a.id for a in report.articles].index(claim.article_id)
        body = next(a.body for a in report.articles if a.id == claim.article_id)
        start, end = sentence_range(body, claim.text, claim.start, claim.end)
        span_id = f"c-{article_number}-{start}-{end}"
        assert f'href="#{span_id}"' in html
        assert marked_text(html, span_id) == claim.text


def test_disputes_come_first_and_show_each_value_with_its_outlet():
    html = render_html(flood_report())
    first_story = html[html.index('id="story-1"') :]
    statuses = re.findall(r'<div class="fact (\w+)"', first_story[: first_story.index("<h3>Timeline")])
    assert statuses == ["disputed", "agreed", "single"]
    assert "River Daily says four died, Valley Post says five" in html
    chips = re.findall(
        r'<span class="chip (v\d)">(four people|Five people|four individuals)</span>', first_story
    )
    colour = {value: c for c, value in chips}
    assert colour["four people"] != colour["Five people"]


def test_timeline_points_sit_in_date_order_on_the_axis():
    html = render_html(flood_report())
    story = html[html.index('id="story-1"') :]
    svg = story[story.index("<svg") : story.index("</svg>")]
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert len(xs) == 3
    # entries: 2026-03-03, 2026-03-04 and "2026-03" (the month, drawn at its first day)
    assert xs[2] < xs[0] < xs[1]
    for i in (1, 2, 3):
        assert f'href="#tl-1-{i}"' in svg and f'id="tl-1-{i}"' in story


def test_background_dates_get_a_compressed_band_and_the_story_days_stay_to_scale():
    entries = [
        TimelineEntry(date="1885", text="The line opens", article_ids=(), granularity="year"),
        TimelineEntry(date="2025-09-03", text="The crash", article_ids=()),
        TimelineEntry(date="2025-09-05", text="Mourning ends", article_ids=()),
        TimelineEntry(date="2025-09-04", text="Inquiry opens", article_ids=()),
        TimelineEntry(date="sometime", text="Undated", article_ids=()),
    ]
    tl = build_timeline_view(1, entries, {})
    old, crash, end, inquiry, undated = (p.x for p in tl.points)
    assert len(tl.breaks) == 1 and old < tl.breaks[0] < crash < inquiry < end
    assert abs((inquiry - crash) - (end - inquiry)) < 0.01  # to scale on the right of the break
    assert undated is None and tl.points[4].y is None
    assert [when(e) for e in entries[:2]] == ["1885", "2025-09-03"]
    assert when(TimelineEntry(date="2026-03-01", text="", article_ids=(), granularity="month")) == "2026-03"


def test_quote_wordings_are_grouped_and_the_changed_words_marked():
    html = render_html(flood_report())
    assert "2 wordings" in html
    assert '<span class="changed">so</span>' in html
    diff = word_diff(
        ["we", "have", "never", "seen", "the", "water"], ["We", "have", "never", "seen", "water!"]
    )
    assert [w.changed for w in diff] == [False] * 5


def test_source_matrix_and_article_metadata_show_copies_spin_and_citations():
    html = render_html(flood_report())
    assert "spun copy of [1]" in html
    assert "42%" in html and "0.81" in html
    assert "<dd>Nordpress</dd>" in html
    assert re.search(r'<mark class="[^"]*\bspin\b[^"]*"[^>]*>Inundation water</mark>', html)


def test_an_empty_report_and_claims_with_bad_offsets_still_render(tmp_path):
    empty = Report(articles=(), mentions=(), grouping=Grouping(), stories=())
    assert "0 articles" in render_html(empty)
    report = flood_report()
    story = report.stories[0]
    broken = Claim(
        article_id="flood-b", value="five", number=5, text="A sentence not in the body.", start=900, end=2
    )
    ghost = Claim(article_id="nobody", value="x", number=None, text="y")
    fact = dataclasses.replace(story.facts[0], claims=(broken, ghost))
    report = dataclasses.replace(report, stories=(dataclasses.replace(story, facts=(fact,)),))
    path = write_html(report, tmp_path / "out" / "r.html")
    text = path.read_text(encoding="utf-8")
    assert "A sentence not in the body." in text and "nobody" in text
    assert not list((tmp_path / "out").glob(".*tmp"))


def test_sentence_range_prefers_the_occurrence_near_the_offset():
    body = "Same words. Other. Same words."
    assert sentence_range(body, "Same words.", 19, 23) == (19, 30)
    assert sentence_range(body, "Same words.", -1, 0) == (0, 11)
    assert sentence_range(body, "absent", 12, 18) == (12, 18)
    assert sentence_range(body, "absent", 12, 99) == (0, 0)
    assert FLOOD_A and FLOOD_B and HOSTILE


@given(
    st.text(min_size=0, max_size=60),
    st.lists(
        st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(["claim", "quote"])), max_size=8
    ),
)
def test_segments_rebuild_the_body_and_cover_each_span_exactly(body, raw):
    spans = [(s, e, kind, f"id{i}") for i, (s, e, kind) in enumerate(raw)]
    segments = segment_text(body, spans)
    assert "".join(seg.text for seg in segments) == body
    offset = 0
    covered: dict[str, str] = {}
    for seg in segments:
        for span_id in seg.spans:
            covered[span_id] = covered.get(span_id, "") + seg.text
        offset += len(seg.text)
    for s, e, _, span_id in spans:
        if 0 <= s < e <= len(body):
            assert covered[span_id] == body[s:e]
        else:
            assert span_id not in covered


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .", max_size=30), st.text(alphabet="ab .", min_size=1, max_size=4))
def test_literal_matches_are_those_of_the_escaped_pattern(body, text):
    """Sentences and spun phrases are found in a body without compiling a pattern for each."""
    assert literal_matches(body, text) == [m.start() for m in re.finditer(re.escape(text), body)]
