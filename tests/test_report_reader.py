"""The report for a reader in a hurry: sources named by outlet or headline, one line per value in a
fact card, spin only when it matters, and a timeline of weekdays for a story with no dates."""

from __future__ import annotations

import dataclasses
import html as html_lib
import re

from tests.articles import text_article
from tests.sample_reports import FLOOD_A, FLOOD_B, claim, flood_report
from wirecheck.model import ArticleMentions, BriefSentence, Report, SpinScore, TimelineEntry, TimeRef
from wirecheck.report.html import article_label, article_title, render_html, report_view
from wirecheck.report.relative_time import relative_timeline


def visible(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def test_an_article_is_named_by_outlet_else_headline_else_its_opening_words_never_its_id():
    with_outlet = text_article("nb-7", "Body.", outlet="Harbour Gazette", headline="Tide breaks the sea wall")
    no_outlet = text_article(
        "nb-8", "Body.", headline="Tide breaks the old sea wall at Fenmouth and floods the lower harbour"
    )
    bare = text_article(
        "nb-9", "FENMOUTH, Friday (Wirepress) - The sea wall gave way at dawn as the tide rose."
    )
    assert article_label(with_outlet) == "Harbour Gazette"
    assert article_label(no_outlet) == "Tide breaks the old sea wall\u2026"
    assert article_label(bare) == "The sea wall gave way at\u2026"  # the date line is not a name
    assert "nb-" not in article_label(bare) + article_title(bare)
    assert article_title(no_outlet).startswith("Tide breaks the old sea wall at Fenmouth and floods")


def without_outlets(report: Report) -> Report:
    articles = tuple(
        dataclasses.replace(a, outlet=None) if a.id.startswith("flood") else a for a in report.articles
    )
    story = report.stories[0]
    facts = tuple(
        dataclasses.replace(f, reason=f"{f.reason} (flood-a)", sources=("flood-a", "flood-b"))
        for f in story.facts
    )
    brief = (BriefSentence(text="Four died, says one paper [flood-a].", article_ids=("flood-a",)),)
    stories = (dataclasses.replace(story, facts=facts, brief=brief), *report.stories[1:])
    return dataclasses.replace(report, articles=articles, stories=stories)


def test_brief_and_fact_cards_name_outlets_and_say_once_when_the_input_gives_none():
    html = render_html(flood_report())
    story = html[html.index('id="story-1"') : html.index('id="story-2"')]
    brief = story[story.index('class="brief"') : story.index("<h3>Facts")]
    assert re.search(
        r'<a class="src" href="#art-1" title="Flood kills four in Halvik[^"]*">River Daily</a>', brief
    )
    assert "no outlet" not in html

    bare = render_html(without_outlets(flood_report()))
    assert bare.count('class="notice no-outlet"') == 1
    assert "The input names no outlet for 3 of 4 articles" in bare
    shown = visible(bare[bare.index('id="story-1"') : bare.index("<h3>Timeline")])
    assert "flood-a" not in shown and "flood-b" not in shown  # ids in reasons, sources and brief are named
    assert "Four died, says one paper [Flood kills four in Halvik]." in shown


def test_a_fact_card_shows_each_value_once_and_folds_repeated_sentences():
    report = flood_report()
    deaths = next(f for f in report.stories[0].facts if f.status == "disputed")
    first = FLOOD_A.split("\n\n")[0]
    # a wire copy repeats River Daily's sentence word for word, a third paper words it its own way
    copy = text_article("wire-copy", FLOOD_A, outlet="Coast Wire")
    own = text_article("own-words", "Four people drowned in Halvik.", outlet="Hill Times")
    claims = (
        *deaths.claims,
        claim("wire-copy", FLOOD_A, "four people", 4, first),
        claim("own-words", own.body, "Four people", 4, own.body),
    )
    facts = tuple(
        dataclasses.replace(f, claims=claims) if f is deaths else f for f in report.stories[0].facts
    )
    story = dataclasses.replace(
        report.stories[0], facts=facts, article_ids=(*report.stories[0].article_ids, "wire-copy", "own-words")
    )
    report = dataclasses.replace(
        report, articles=(*report.articles, copy, own), stories=(story, *report.stories[1:])
    )
    card = next(f for f in report_view(report).stories[0].facts if f.fact.status == "disputed")
    assert [g.value for g in card.groups] == ["four people", "Five people", "four individuals"]
    four = card.groups[0]
    assert [c.article.label for c in four.claims if c.article] == ["River Daily", "Coast Wire", "Hill Times"]
    assert [len(s.claims) for s in four.sentences] == [2, 1]  # the repeated sentence is shown once
    html = render_html(report)
    card_html = html[html.index(f'id="{card.anchor}"') :]
    card_html = card_html[: card_html.index('<div class="fact')]
    assert visible(card_html).count(first) == 1
    assert "1 other wording" in card_html and "2 articles, word for word" in card_html


def test_spin_score_shows_only_for_a_flagged_article_or_on_demand_with_what_it_means():
    report = flood_report()
    calm = SpinScore(article_id="flood-b", score=0.12, flagged=False, phrases=())
    report = dataclasses.replace(
        report, grouping=dataclasses.replace(report.grouping, spin=(*report.grouping.spin, calm))
    )
    html = render_html(report)
    on_demand = html[html.index('<details class="spin-scores">') :]
    on_demand = on_demand[: on_demand.index("</details>")]
    outside = html.replace(on_demand, "")
    assert "0.12" in on_demand and "0.12" not in outside  # the unflagged score waits to be asked for
    assert "spun 0.81" in outside  # the flagged one is shown where its article is listed
    assert "Spin score, 0 to 1:" in on_demand


def ref(text: str, clause: str, *, future: bool = False, granularity: str = "day") -> TimeRef:
    return TimeRef(
        text=text,
        kind="date",
        date=None,
        granularity=granularity,  # type: ignore[arg-type]
        years=None,
        qualifier=None,
        sentence=clause,
        start=0,
        end=0,
        event_text=clause,
        future=future,
    )


def test_an_undated_story_gets_its_weekdays_in_order_with_the_clock_time_of_the_clause():
    grounding = "The tanker Morvane grounded on the reef on Sunday at about 11 pm"
    tow = "Tugs towed the Morvane off the reef on Monday morning"
    hearing = "The master will face a tribunal on Wednesday"
    articles = [text_article(i, "Body.") for i in ("ship-1", "ship-2")]
    mentions = {
        "ship-1": ArticleMentions(
            article_id="ship-1",
            times=(
                ref("on Monday morning", tow, granularity="part_of_day"),
                ref("on Sunday", grounding),
                ref("about 11 pm", grounding, granularity="part_of_day"),
                ref("tonight", "Crews will watch the hull tonight", granularity="part_of_day"),
            ),
        ),
        "ship-2": ArticleMentions(
            article_id="ship-2",
            times=(ref("on Wednesday", hearing, future=True), ref("late on Sunday", grounding)),
        ),
    }
    events = relative_timeline(articles, mentions)
    # Sunday to Wednesday is the short way round the week; a clause with no weekday is left out
    assert [e.when for e in events] == ["Sunday about 11 pm", "Monday morning", "Wednesday"]
    assert events[0].article_ids == ("ship-1", "ship-2") and events[0].also == ("late Sunday",)
    assert events[2].planned and not events[0].planned


def test_dated_stories_keep_the_calendar_and_undated_ones_also_list_their_weekdays():
    dated = render_html(flood_report())
    assert 'class="relative"' not in dated
    body = FLOOD_B
    clause = "Repairs to the old bridge are expected to start in March"
    undated = text_article("flood-b", body, outlet="Valley Post")
    mentions = (
        ArticleMentions(
            article_id="flood-b",
            times=(ref("on Friday", "Divers checked the bridge piers on Friday"), ref("in March", clause)),
        ),
    )
    report = flood_report(with_hostile=False)
    background = TimelineEntry(
        date="1978", text="The old bridge opens", article_ids=("flood-b",), granularity="year"
    )
    story = dataclasses.replace(report.stories[0], article_ids=("flood-b",), timeline=(background,), facts=())
    report = dataclasses.replace(
        report, articles=(undated,), mentions=mentions, stories=(story,), grouping=report.grouping
    )
    html = render_html(report)
    timeline = html[html.index("<h3>Timeline") : html.index("<h3>Quotes")]
    # the background date keeps its calendar; the story's own weekdays are listed beside it
    assert "The old bridge opens" in timeline and "<svg" in timeline
    assert 'class="relative"' in timeline and "Friday" in timeline and "Divers checked" in timeline
    assert ">Valley Post</a>" in timeline
