"""Headlines, dates and outlets from the first lines of plain text (issue 11), on our own invented
articles: date/time stamp lines are never headlines, a URL line on top gives URL and outlet, flash
labels and date prefixes are not part of the title."""

from __future__ import annotations

import pytest

from wirecheck.clean import clean_documents
from wirecheck.clean.dates import stamp_line
from wirecheck.model import Article, RawDocument

LEAD = (
    "Volunteers in the river town of Aldermoor spent Saturday filling sandbags after forecasters warned "
    "that the Wend could rise another metre before Monday."
)
SECOND = (
    "The town council opened two sports halls as shelters and asked residents of the lower streets to "
    "move cars and valuables to higher ground overnight."
)
THIRD = "Nobody has been hurt so far, the council said in a statement on its website."


def clean_one(text: str) -> Article:
    return clean_documents([RawDocument(id="doc", source="doc.txt", format="text", text=text)])[0]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Updated 5/5/2010 1:41 PM", "2010-05-05"),
        ("First Posted 23:37:00", None),
        ("Wed May 5, 2010 7:12pm BST", "2010-05-05"),
        ("7:00pm UK, Wednesday 05 May 2010", "2010-05-05"),
        ("Updated 6:15 p.m. ET", None),
        ("09/14/11 08:05 AM ET", "2011-09-14"),
        ("published: 2019 - 03-21 10:04:55", "2019-03-21"),
        ("3 February 2016, 14:20 (GMT+04:00)", "2016-02-03"),
        ("Sun Jan 8 2017, 22:10 hrs", "2017-01-08"),
        ("OCT 9", None),
        ("11.30.18 3:45 PM", "2018-11-30"),
    ],
)
def test_date_and_time_stamp_lines_are_recognised(line: str, iso: str | None) -> None:
    assert stamp_line(line) == (True, iso)


@pytest.mark.parametrize(
    "line",
    ["May the river spare the old mill", "At 5 pm the gates open to visitors", "Posted 2 years, 40 days ago"],
)
def test_prose_and_titles_with_dates_or_times_are_not_stamps(line: str) -> None:
    assert stamp_line(line) == (False, None)


@pytest.mark.parametrize(
    "stamp",
    [
        "Updated 6:15 p.m. ET",
        "First Posted 23:37:00",
        "Sat Mar 2, 2019 7:12pm BST",
        "7:00pm UK, Saturday 02 March 2019",
    ],
)
def test_a_stamp_line_beside_the_headline_is_never_the_headline(stamp: str) -> None:
    text = "\n\n".join(["Aldermoor fills sandbags as the Wend rises", stamp, LEAD, SECOND, THIRD])
    article = clean_one(text)
    assert article.headline == "Aldermoor fills sandbags as the Wend rises"
    assert stamp in article.removed
    assert article.body.startswith("Volunteers")


def test_the_date_of_a_stamp_line_dates_the_article() -> None:
    article = clean_one("\n\n".join(["Aldermoor fills sandbags", "Sat Mar 2, 2019 7:12pm BST", LEAD, SECOND]))
    assert article.published == "2019-03-02"


def test_a_url_line_on_top_is_the_url_and_its_host_the_outlet() -> None:
    url = "https://www.aldermoor-gazette.example/news/2019/03/02/sandbags"
    article = clean_one(
        "\n\n".join([url, "Aldermoor fills sandbags as the Wend rises", "March 2, 2019", LEAD, SECOND])
    )
    assert article.url == url
    assert article.outlet == "aldermoor-gazette.example"
    assert article.headline == "Aldermoor fills sandbags as the Wend rises"
    assert url not in article.body


def test_a_headline_may_end_with_a_full_stop_above_its_date_line() -> None:
    text = "\n\n".join(
        [
            "http://news.example.org/a/1",
            "Aldermoor fills sandbags as the river rises.",
            "02/03/2019",
            LEAD,
            SECOND,
        ]
    )
    article = clean_one(text)
    assert article.headline == "Aldermoor fills sandbags as the river rises."
    assert article.body.startswith("Volunteers")


def test_under_a_url_the_first_title_wins_over_a_deck_below_it() -> None:
    text = "\n\n".join(
        [
            "http://news.example.org/a/2",
            "Aldermoor Fills Sandbags as the Wend Rises",
            "Council Opens Two Sports Halls for Families From the Lower Streets",
            "Sat Mar 2, 2019 7:12pm BST",
            LEAD,
            SECOND,
        ]
    )
    assert clean_one(text).headline == "Aldermoor Fills Sandbags as the Wend Rises"


def test_an_opening_sentence_under_a_url_without_a_date_line_is_body() -> None:
    article = clean_one("\n\n".join(["http://news.example.org/a/3", LEAD, SECOND, THIRD]))
    assert article.headline is None
    assert article.body.startswith("Volunteers")


def test_flash_label_and_date_prefix_are_not_the_title() -> None:
    flash = clean_one(
        "\n\n".join(["BREAKING NEWS - Aldermoor fills sandbags as the Wend rises", LEAD, SECOND])
    )
    assert flash.headline == "Aldermoor fills sandbags as the Wend rises"
    dated = clean_one(
        "\n\n".join(["http://x.example/1", "27/03/2019 - Aldermoor fills sandbags", LEAD, SECOND])
    )
    assert dated.headline == "Aldermoor fills sandbags"
    assert dated.published == "2019-03-27"
    unread = clean_one(
        "\n\n".join(["http://x.example/1", "02/03/2019 - Aldermoor fills sandbags", LEAD, SECOND])
    )
    assert unread.headline == "Aldermoor fills sandbags"  # day and month ambiguous: no date, still no prefix


def test_a_dateline_without_year_and_a_labelled_date_are_not_titles() -> None:
    text = "\n\n".join(["ALDERMOOR - March 2 -", LEAD, SECOND])
    article = clean_one(text)
    assert article.headline is None
    assert article.dateline == "Aldermoor"
    memorial = clean_one("\n\n".join(["Last Seen: Friday, June 24, 2005", LEAD, SECOND]))
    assert memorial.headline is None


# --------------------------------------------------------------------------- boilerplate never eats facts


def clean_batch(*docs: tuple[str, str | None]) -> list[Article]:
    return clean_documents(
        [
            RawDocument(id=f"d{i}", source=f"d{i}.txt", format="text", text=text, url=url)
            for i, (text, url) in enumerate(docs)
        ]
    )


def test_a_short_fact_told_by_two_outlets_stays_article_text() -> None:
    one = "\n\n".join([LEAD, "No one was hurt.", SECOND])
    two = "\n\n".join([SECOND, "No one was hurt.", THIRD, LEAD])
    articles = clean_batch((one, "https://gazette.example/a"), (two, "https://courier.example/b"))
    assert all("No one was hurt." in a.body for a in articles)


def test_a_short_line_repeated_by_one_outlet_is_furniture_and_listed_as_removed() -> None:
    one = "\n\n".join([LEAD, "Tide tables are on page two.", SECOND])
    two = "\n\n".join([SECOND, "Tide tables are on page two.", THIRD])
    articles = clean_batch((one, "https://gazette.example/a"), (two, "https://gazette.example/b"))
    assert all(
        "Tide tables are on page two." not in a.body and "Tide tables are on page two." in a.removed
        for a in articles
    )


def test_a_short_fact_printed_twice_in_one_article_is_kept_once() -> None:
    article = clean_one(
        "\n\n".join([LEAD, "The boat has not been found.", SECOND, "The boat has not been found.", THIRD])
    )
    assert article.body.count("The boat has not been found.") == 1


def test_an_attribution_sentence_stays_article_text() -> None:
    said = "Jane Roe, a photographer who reached the bank early, said the water was still rising."
    article = clean_one("\n\n".join([LEAD, said, "Dozens were reported injured.", SECOND]))
    assert said in article.body
    assert "Dozens were reported injured." in article.body
