"""The cleaner on scraped-text patterns (our own invented articles), the seeds' gold metadata,
and properties over arbitrary text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wirecheck.clean import clean_documents
from wirecheck.clean.dates import date_line_iso, find_date
from wirecheck.model import Article, RawDocument

PARA_1 = (
    "The harbour authority of Port Meriden closed two of its five container berths on Monday after a crane "
    "collapsed during a night shift, officials said."
)
PARA_2 = (
    "Nobody was hurt in the collapse, according to a statement from the authority, but cargo handling was "
    "slowed for most of the day and dozens of lorries queued on the coast road."
)
PARA_3 = (
    "Engineers from the crane's maker are expected to arrive on Wednesday to inspect the remaining machines, "
    "the port's operations director, Ilse Marquardt, told reporters."
)
PARA_4 = "“We will not reopen those berths until every crane has been checked,” she said."


def clean_one(text: str, **meta: str) -> Article:
    return clean_documents([RawDocument(id="doc", source="doc.txt", format="text", text=text, **meta)])[0]


def test_headline_printed_twice_with_section_byline_date_credit_and_bullets() -> None:
    text = "\n\n".join(
        [
            "site-banner",
            "Crane collapse shuts half of Port Meriden's berths",
            "In Business News by Harbour Desk March 4, 2024",
            "Crane collapse shuts half of Port Meriden's berths",
            "Credit: Reuters/Tomas Ferreira",
            "  • Two berths closed after night-shift accident.\n  • No injuries reported.\n  • Inspection due on Wednesday.",
            PARA_1,
            PARA_2,
            PARA_3,
        ]
    )
    article = clean_one(text)
    assert article.headline == "Crane collapse shuts half of Port Meriden's berths"
    assert article.byline == "Harbour Desk"
    assert article.section == "Business News"
    assert article.published == "2024-03-04"
    assert (
        article.summary
        == "Two berths closed after night-shift accident.\nNo injuries reported.\nInspection due on Wednesday."
    )
    assert article.body.startswith("The harbour authority of Port Meriden")
    assert article.paragraphs == (PARA_1, PARA_2, PARA_3)
    for line in (
        "site-banner",
        "In Business News by Harbour Desk March 4, 2024",
        "Credit: Reuters/Tomas Ferreira",
    ):
        assert line in article.removed
        assert line not in article.body


def test_text_without_headline_starts_with_the_first_paragraph() -> None:
    article = clean_one("\n\n".join([PARA_1, PARA_2, PARA_3]))
    assert article.headline is None
    assert article.paragraphs == (PARA_1, PARA_2, PARA_3)
    assert article.removed == ()


def test_reworded_second_headline_keeps_the_first_and_reads_byline_and_dateline() -> None:
    text = "\n\n".join(
        [
            "Port Meriden Closes Berths After Night Crane Collapse",
            "Port Meriden Shuts Berths After Crane Collapse at Night",
            "By Ilona Varga\nLISBON, MAR. 5, 2024 —",
            PARA_1,
            PARA_2,
        ]
    )
    article = clean_one(text)
    assert article.headline == "Port Meriden Closes Berths After Night Crane Collapse"
    assert article.byline == "Ilona Varga"
    assert article.dateline == "Lisbon"
    assert article.published == "2024-03-05"
    assert article.body.startswith("The harbour authority")
    assert "Port Meriden Shuts Berths After Crane Collapse at Night" in article.removed


def test_site_date_lone_section_lone_date_and_standfirst() -> None:
    long_para = " ".join([PARA_1, PARA_2])
    text = "\n".join(
        [
            "Today : Jun 30, 2024",
            "Regional Affairs",
            "3 March 2024",
            "",
            "Harbour Crane Collapse Leaves Port Meriden Short of Berths",
            "",
            "A night-time accident halves the port's container capacity as inspectors prepare to visit.",
            "",
            long_para,
            "",
            " ".join([PARA_3, PARA_4]),
            "",
            long_para.replace("Monday", "Tuesday"),
        ]
    )
    article = clean_one(text)
    assert article.section == "Regional Affairs"
    assert article.published == "2024-03-03"  # the article's date line, not the site's "Today"
    assert article.headline == "Harbour Crane Collapse Leaves Port Meriden Short of Berths"
    assert (
        article.summary
        == "A night-time accident halves the port's container capacity as inspectors prepare to visit."
    )
    assert article.body.startswith("The harbour authority")
    assert "Today : Jun 30, 2024" in article.removed


def test_subheadings_between_paragraphs_without_blank_lines() -> None:
    text = "\n".join(
        [
            "Berlin, April 2, 2024",
            PARA_1,
            "What Happened on the Night Shift",
            PARA_2,
            "Inspections Ahead",
            PARA_3,
            PARA_4,
        ]
    )
    article = clean_one(text)
    assert article.headline is None
    assert article.dateline == "Berlin"
    assert article.published == "2024-04-02"
    assert article.subheadings == ("What Happened on the Night Shift", "Inspections Ahead")
    assert article.paragraphs == (PARA_1, PARA_2, PARA_3, PARA_4)
    assert "Inspections Ahead" not in article.body


def test_comment_form_at_the_end_is_dropped() -> None:
    text = "\n\n".join(
        [
            PARA_1,
            PARA_2,
            PARA_3,
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Name *",
            "Post Comment",
        ]
    )
    article = clean_one(text)
    assert article.paragraphs == (PARA_1, PARA_2, PARA_3)
    assert "Leave a Reply" in article.removed
    assert "Your email address will not be published. Required fields are marked *" in article.removed


def test_long_comment_thread_after_the_article_is_not_taken_for_it() -> None:
    comment = (
        "I work two streets from the harbour and we heard the crane come down around three in the morning, "
        "it sounded like thunder. The lorries were still queued past the roundabout at noon and nobody from "
        "the authority told drivers anything useful about when the berths would open again, which is typical."
    )
    thread = []
    for name, day in (("Mira", 4), ("Tomasz", 5), ("Hal", 5), ("Ines", 6)):
        thread += [f"{name} says:", f"March {day}, 2024 at 9:12 am", comment, "Reply"]
    text = "\n".join([PARA_1, PARA_2, PARA_3, PARA_4, "4 Comments", *thread])
    article = clean_one(text)
    assert article.paragraphs == (PARA_1, PARA_2, PARA_3, PARA_4)
    assert comment not in article.body and "Mira says:" in article.removed


def test_a_said_colon_line_before_a_quote_stays_in_the_body() -> None:
    lead_in = "The operations director said:"
    article = clean_one("\n\n".join([PARA_1, PARA_2, lead_in, PARA_4, PARA_3]))
    assert article.paragraphs == (PARA_1, PARA_2, lead_in, PARA_4, PARA_3)


def test_share_bar_and_menu_lines_around_the_body_are_dropped() -> None:
    text = "\n".join(
        [
            "Home",
            "World",
            "Business",
            "Sport",
            "Search",
            PARA_1,
            PARA_2,
            "Share",
            "Tweet",
            "Email",
            PARA_3,
            "Privacy Policy",
            "Contact us",
        ]
    )
    article = clean_one(text)
    assert article.paragraphs == (PARA_1, PARA_2, PARA_3)
    assert {"Home", "Share", "Tweet", "Privacy Policy"} <= set(article.removed)


def test_glued_date_prefixes() -> None:
    for prefix in (" date 2024-03-02 ", "Published: 2024-03-02 — ", "2 March 2024 | "):
        article = clean_one(prefix + PARA_1 + "\n\n" + PARA_2)
        assert article.published == "2024-03-02", prefix
        assert article.body.startswith("The harbour authority"), prefix


def test_datelines_glued_to_the_first_paragraph() -> None:
    cases = {
        "OSLO (Reuters) — ": ("Oslo", None),
        "MADRID, May 2, 2024 — ": ("Madrid", "2024-05-02"),
        "Nairobi (AP) - ": ("Nairobi", None),
    }
    for prefix, (place, date) in cases.items():
        article = clean_one(prefix + PARA_1 + "\n\n" + PARA_2)
        assert article.dateline == place, prefix
        assert article.published == date, prefix
        assert article.body.startswith("The harbour authority"), prefix


def test_dateline_line_alone_in_several_formats() -> None:
    for line, place, date in (
        ("GENEVA, NOV. 28, 2025 —", "Geneva", "2025-11-28"),
        ("Lisbon, 4 April 2023", "Lisbon", "2023-04-04"),
        ("Cape Town, South Africa, 2024-01-09:", "Cape Town", "2024-01-09"),
    ):
        article = clean_one(line + "\n" + PARA_1 + "\n" + PARA_2)
        assert (article.dateline, article.published) == (place, date), line
        assert article.body.startswith("The harbour authority"), line


def test_prose_starting_with_by_is_not_a_byline() -> None:
    opening = (
        "By the end of the week, the port expects to have all five berths working again, officials said."
    )
    article = clean_one(opening + "\n\n" + PARA_1 + "\n\n" + PARA_2)
    assert article.byline is None
    assert article.paragraphs[0] == opening


def test_byline_forms() -> None:
    for line, names in (
        ("By Jane Doe and Ali Khan", "Jane Doe and Ali Khan"),
        ("By Mara Lind | March 3, 2024", "Mara Lind"),
        ("Written by: Tobias Renner", "Tobias Renner"),
        ("By Sven Olsen, Reuters", "Sven Olsen"),
    ):
        article = clean_one(
            "Crane Collapse Shuts Port Meriden Berths\n" + line + "\n" + PARA_1 + "\n" + PARA_2
        )
        assert article.byline == names, line
        assert article.headline == "Crane Collapse Shuts Port Meriden Berths"


def test_short_lines_recurring_across_the_batch_are_furniture() -> None:
    docs = [
        RawDocument(
            id=f"d{i}",
            source=f"d{i}.txt",
            format="text",
            text=f"Harbour Times\nLocal Desk\n{para}\n\n{PARA_4}",
        )
        for i, para in enumerate((PARA_1, PARA_2, PARA_3))
    ]
    for article in clean_documents(docs):
        assert "Harbour Times" in article.removed and "Local Desk" in article.removed
        assert article.section is None or article.section not in article.body


def test_extracted_html_is_trusted_and_trimmed_lightly() -> None:
    text = "\n\n".join(
        ["Crane collapse shuts berths", "By Ilona Varga", PARA_1, PARA_2, PARA_3, "Share this article"]
    )
    doc = RawDocument(
        id="page",
        source="page.html",
        format="html",
        text=text,
        html="<html><head><title>Crane collapse shuts berths</title></head><body></body></html>",
        url="https://www.harbour-times.example/news/crane",
        title="Crane collapse shuts berths",
        published="2024-03-04",
    )
    article = clean_documents([doc])[0]
    assert article.headline == "Crane collapse shuts berths"
    assert article.byline == "Ilona Varga"
    assert article.published == "2024-03-04"
    assert article.outlet == "harbour-times.example"
    assert article.paragraphs == (PARA_1, PARA_2, PARA_3)
    assert article.removed == ("Crane collapse shuts berths", "By Ilona Varga", "Share this article")


def test_empty_and_furniture_only_inputs_give_a_note_not_an_error() -> None:
    empty, menu = clean_documents(
        [
            RawDocument(id="e", source="e.txt", format="text", text=""),
            RawDocument(id="m", source="m.txt", format="text", text="Home\nShare\nTweet"),
        ]
    )
    assert empty.body == "" and empty.meta["cleaning_note"] == "no article text found"
    assert menu.body == "" and set(menu.removed) == {"Home", "Share", "Tweet"}


def test_title_only_text_is_kept_rather_than_dropped() -> None:
    article = clean_one("Harbour crane collapse at Port Meriden")
    assert article.body == "Harbour crane collapse at Port Meriden"
    assert "cleaning_note" in article.meta


def test_dates_in_many_shapes() -> None:
    assert find_date("Tuesday, November 25, 2025 at 5:30 pm EST").iso == "2025-11-25"  # type: ignore[union-attr]
    assert find_date("25.11.2025, 14:03 Uhr").iso == "2025-11-25"  # type: ignore[union-attr]
    assert find_date("le 3 mars 2021").iso == "2021-03-03"  # type: ignore[union-attr]
    assert find_date("13/4/2025").iso == "2025-04-13"  # type: ignore[union-attr]
    assert find_date("3/4/2025") is None  # day and month cannot be told apart
    assert find_date("February 30, 2024") is None
    assert date_line_iso("Updated: Nov. 3, 2024 10:15 a.m.") == "2024-11-03"
    assert date_line_iso("The vote was held on Nov. 3, 2024.") is None


# --------------------------------------------------------------------------- the seeds


def test_seed_articles_match_the_gold_metadata(seeds_dir: Path) -> None:
    gold = json.loads((seeds_dir / "gold.json").read_text())["articles"]
    paths = sorted(seeds_dir.glob("*.txt"))
    docs = [
        RawDocument(id=p.stem, source=str(p), format="text", text=p.read_text(encoding="utf-8"))
        for p in paths
    ]
    articles = {a.id: a for a in clean_documents(docs)}
    assert set(articles) == set(gold)
    for aid, want in gold.items():
        got = articles[aid]
        for field in ("headline", "byline", "published", "dateline", "section"):
            if field in want:
                assert getattr(got, field) == want[field], (aid, field)
        assert got.body.startswith(want["body_starts"]), aid
        for line in want.get("boilerplate_lines", []):
            assert line not in got.body, (aid, line)
            assert line in got.removed, (aid, line)
        if "subheadings" in want:
            assert list(got.subheadings) == want["subheadings"], aid
            assert not any(s in got.paragraphs for s in want["subheadings"])


# --------------------------------------------------------------------------- properties

SCRAPED_LINES = st.sampled_from(
    [
        "",
        "Home",
        "By Jane Doe",
        "Share",
        "Today: March 3, 2024",
        "OSLO (AP) — ",
        "date 2024-01-02 ",
        "  • a bullet point.",
        "Leave a Comment",
        "A Title-Like Line Here",
        PARA_1,
        PARA_2,
        "Credit: AP Photo/Someone",
        "Geneva, November 28, 2025",
    ]
)
ANY_LINE = st.one_of(SCRAPED_LINES, st.text(max_size=120))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_LINE, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_any_text_cleans_without_error_and_body_comes_from_the_input_in_order(
    lines: list[str], sep: str
) -> None:
    text = sep.join(lines)
    article = clean_documents([RawDocument(id="x", source="x.txt", format="text", text=text)])[0]
    assert article.body == "\n\n".join(article.paragraphs)
    source, cursor = squeeze(text), 0
    for paragraph in article.paragraphs:
        assert paragraph.strip() == paragraph and paragraph
        found = source.find(squeeze(paragraph), cursor)
        assert found >= 0, paragraph
        cursor = found + len(squeeze(paragraph))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=40)))
def test_extracted_html_text_never_crashes(text: str, title: str | None) -> None:
    doc = RawDocument(id="h", source="h.html", format="html", text=text, html="<p></p>", title=title)
    article = clean_documents([doc])[0]
    assert article.body == "\n\n".join(article.paragraphs)


def test_second_pass_header_rules() -> None:
    from wirecheck.clean.dates import find_date as fd
    from wirecheck.clean.dates import slash_order_of
    from wirecheck.clean.lines import Kind, classify
    from wirecheck.clean.vocabulary import is_credit, is_furniture

    assert classify("Valley Echo › Sport › Rowing").kind is Kind.FURNITURE  # breadcrumb, not a headline
    assert classify("Weather | Monday 3 February 2025").kind is Kind.DATE
    assert is_credit("Picture credit: Ana Ruiz for the Valley Echo")
    assert is_furniture("Disclaimer: this site gathers posts from elsewhere. Brands belong to their owners.")
    british = "The harbour council organised a meeting about the colour of the new centre. " * 3
    american = "The harbor council organized a meeting about the color of the new center. " * 3
    assert slash_order_of(british) is True and slash_order_of(american) is False
    assert fd("Posted: 04/07/2025", day_first=True).iso == "2025-07-04"  # type: ignore[union-attr]
    assert fd("Posted: 04/07/2025", day_first=False).iso == "2025-04-07"  # type: ignore[union-attr]
