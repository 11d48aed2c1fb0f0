"""The model owns its JSON format: every model value written by ``to_json`` reads back equal."""

from __future__ import annotations

import json

from tests.sample_reports import flood_report
from wirecheck.model import (
    Article,
    ArticleMentions,
    EntityMention,
    Quantity,
    Report,
    StoryReport,
    from_json,
    from_jsonable,
    to_json,
    to_jsonable,
)


def test_a_whole_report_reads_back_equal() -> None:
    report = flood_report()
    again = from_json(Report, to_json(report))
    assert again == report
    assert isinstance(again.stories[0], StoryReport)
    assert isinstance(again.stories[0].facts, tuple)  # tuples come back as tuples, not lists


def test_nested_mentions_and_optional_fields_read_back_equal() -> None:
    sentence = "Rescuers said at least 12 to 15 boats sank near the quay."
    mentions = ArticleMentions(
        article_id="harbour-1",
        entities=(EntityMention(text="Port Alder", label="GPE", start=10, end=20, role=None),),
        quantities=(
            Quantity(
                text="at least 12 to 15 boats",
                value="at least 12 to 15",
                number=12,  # an int where the model says float: read back as 12.0
                qualifier="at least",
                counted="boat",
                event="sink",
                place=None,
                time=None,
                sentence=sentence,
                start=14,
                end=37,
                number_max=15.0,
                modifiers=("fishing", "small"),
            ),
        ),
    )
    again = from_jsonable(ArticleMentions, json.loads(json.dumps(to_jsonable(mentions))))
    assert again == mentions
    assert again.quantities[0].modifiers == ("fishing", "small")
    assert isinstance(again.quantities[0].number, float)
    assert again.quantities[0].place is None


def test_a_whole_number_read_for_a_float_field_becomes_a_float() -> None:
    data = to_jsonable(flood_report().grouping.spin[0])
    data["score"] = 1  # JSON writers may drop the ".0"
    spin = from_jsonable(type(flood_report().grouping.spin[0]), data)
    assert spin.score == 1.0 and isinstance(spin.score, float)


def test_the_compact_text_is_one_line_and_keeps_non_ascii() -> None:
    article = flood_report().articles[0]
    text = to_json(article)
    assert "\n" not in text
    assert from_json(Article, text) == article
    assert to_json({"place": "Zürich"}) == '{"place":"Zürich"}'


def test_missing_optional_values_stay_none() -> None:
    data = to_jsonable(flood_report().articles[0])
    data["byline"] = None
    assert from_jsonable(Article, data).byline is None
