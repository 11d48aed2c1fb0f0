"""compare_story end to end: hand-built inputs from our own texts, then the real seeds."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.compare_builders import article, citation, duration, entity, mentions, quantity, quote, tally
from wirecheck.compare import compare_story
from wirecheck.model import CopyLink, Entity, Grouping, to_jsonable

A = (
    "Storm Edda tore through Valmora overnight, killing at least nine people in Valmora, the coastguard said.\n\n"
    "Twenty-two people were injured in Valmora, according to Nordwire.\n\n"
    'Mayor Ines Calloway said: "We will rebuild every home on the waterfront before the winter storms return."\n\n'
    "The port has been closed for nearly two years of repairs already, said Finance Minister Marta Lindqvist."
)
B = (
    "The storm killed at least eight people in Valmora and injured 22 others, Nordwire reported.\n\n"
    'Calloway told reporters: "We will rebuild every house on the seafront before the winter storms return."\n\n'
    "Finance Minister Marte Lindqvist said the repairs, under way for almost two years, would cost more."
)
C = A  # a reprint of A under another masthead


def story():
    articles = [
        article("a", A, outlet="Harbour Post"),
        article("b", B, outlet="Coast Daily"),
        article("c", C, outlet="Bay Herald"),
    ]
    story_mentions = []
    for key, body in (("a", A), ("c", C)):
        story_mentions.append(
            mentions(
                key,
                entities=(
                    entity(body, "Valmora", "GPE"),
                    entity(body, "Ines Calloway", "PERSON"),
                    entity(body, "Marta Lindqvist", "PERSON"),
                ),
                quantities=(
                    tally(
                        body, "at least nine people", 9, qualifier="at least", event="kill", place="Valmora"
                    ),
                    tally(body, "Twenty-two people", 22, event="injure", place="Valmora"),
                ),
                times=(duration(body, "nearly two years", years=2.0, qualifier="nearly"),),
                citations=(citation(body, "according to Nordwire", "Nordwire"),),
            )
        )
    story_mentions.append(
        mentions(
            "b",
            entities=(
                entity(B, "Valmora", "GPE"),
                entity(B, "Calloway", "PERSON"),
                entity(B, "Marte Lindqvist", "PERSON"),
            ),
            quantities=(
                tally(B, "at least eight people", 8, qualifier="at least", event="kill", place="Valmora"),
                tally(B, "22 others", 22, event="injure", place="Valmora", counted="other"),
            ),
            times=(duration(B, "almost two years", years=2.0, qualifier="nearly"),),
            citations=(citation(B, "Nordwire reported", "Nordwire"),),
        )
    )
    entities = [
        Entity("Ines Calloway", "PERSON", aliases=("Calloway",), article_ids=("a", "b", "c")),
        Entity(
            "Marta Lindqvist", "PERSON", article_ids=("a", "b", "c"), variants=(("Marte Lindqvist", ("b",)),)
        ),
    ]
    home = "We will rebuild every home on the waterfront before the winter storms return."
    house = "We will rebuild every house on the seafront before the winter storms return."
    quotes = [
        quote(key, body, words, "Ines Calloway")
        for key, body, words in (("a", A, home), ("b", B, house), ("c", C, home))
    ]
    grouping = Grouping(copies=(CopyLink("c", "a", "reprint", 1.0),))
    return articles, story_mentions, entities, quotes, grouping


def test_a_story_gives_judged_facts_most_important_first(models):
    facts = compare_story(*story(), models)
    by_subject = {f.subject: f for f in facts}
    killed = by_subject["people killed in Valmora"]
    assert killed.status == "disputed" and "lower bounds" in killed.reason
    injured = by_subject["people injured in Valmora"]
    assert injured.status == "agreed"
    assert by_subject["name of Marta Lindqvist"].status == "disputed"
    assert (
        by_subject["how long the repairs lasted"].status == "agreed"
    )  # "nearly" and "almost" two years agree
    quote_fact = next(f for f in facts if f.kind == "quote")
    assert quote_fact.status == "disputed"
    # casualty disputes lead, then names and quotes, agreed facts after every dispute
    assert facts[0].subject == "people killed in Valmora"
    statuses = [f.status for f in facts]
    assert statuses.index("agreed") > max(i for i, s in enumerate(statuses) if s == "disputed")
    json.dumps(to_jsonable(facts))  # the report writer can serialise them


def test_a_reprint_and_a_shared_agency_do_not_count_as_independent_witnesses(models):
    facts = compare_story(*story(), models)
    by_subject = {f.subject: f for f in facts}
    killed = by_subject["people killed in Valmora"]
    assert killed.articles == 3
    assert killed.independent_sources == 2  # a and its reprint c are one witness; b another
    injured = by_subject["people injured in Valmora"]
    assert injured.articles == 3
    assert injured.independent_sources == 1  # every article has it from Nordwire
    assert injured.sources == ("Nordwire",)


def test_a_toll_rising_through_the_day_is_an_update_not_a_dispute(models):
    early = "By dawn the landslide in Orsk had killed four people, rescuers said."
    late = "The landslide in Orsk has now killed nine people, rescuers said on Tuesday evening."
    articles = [
        article("early", early, meta={"published_at": "2031-03-04T06:15:00"}, published="2031-03-04"),
        article("late", late, meta={"published_at": "2031-03-04T19:40:00"}, published="2031-03-04"),
    ]
    story_mentions = [
        mentions(
            "early",
            quantities=(tally(early, "four people", 4, event="kill", place="Orsk"),),
        ),
        mentions(
            "late",
            quantities=(tally(late, "nine people", 9, event="kill", place="Orsk"),),
        ),
    ]
    facts = compare_story(articles, story_mentions, [], [], Grouping(), models)
    assert [(f.status, f.reason.split(":")[0]) for f in facts] == [
        ("agreed", "updated over time, not a contradiction")
    ]


def test_empty_input_gives_no_facts(models):
    assert compare_story([], [], [], [], Grouping(), models) == []


def _score_module(seeds_dir):
    path = seeds_dir.parents[1] / "tools" / "score_report.py"
    if not path.exists():
        pytest.skip("shared/tools/score_report.py is not present")
    spec = importlib.util.spec_from_file_location("score_report", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_seeds_disputes_and_agreements_match_the_hand_annotation(seeds_dir, models):
    from wirecheck import clean, extract, group, ingest

    try:
        articles = clean.clean_documents(ingest.read_inputs([str(seeds_dir)]).documents)
        story_mentions = extract.extract_mentions(articles, models)
        entities = extract.resolve_story_entities(articles, story_mentions)
        quotes = extract.resolve_story_quotes(story_mentions, entities)
        grouping = group.group_articles(articles, story_mentions, models)
    except NotImplementedError:
        pytest.skip("an upstream stage is not implemented yet")
    facts = compare_story(articles, story_mentions, entities, quotes, grouping, models)
    report = {"stories": [{"facts": to_jsonable(facts)}]}
    score = _score_module(seeds_dir)
    gold = json.loads((seeds_dir / "gold.json").read_text())
    found = {item["id"]: score.check_disputed(report, item)[0] for item in gold["disputed"]}
    musts = [item["id"] for item in gold["disputed"] if item["level"] == "must"]
    shoulds = [item["id"] for item in gold["disputed"] if item["level"] == "should"]
    assert all(found[i] for i in musts), {i: found[i] for i in musts}
    assert sum(found[i] for i in shoulds) >= 3, {i: found[i] for i in shoulds}
    for item in gold["agreed"]:
        agreed, wrongly_disputed = score.check_agreed(report, item)
        assert agreed and not wrongly_disputed, (item["id"], agreed, wrongly_disputed)
    assert sum(f.status == "disputed" for f in facts) <= 15


def test_odd_inputs_never_raise(models):
    body = "Nothing here adds up: 0 boats, -3 degrees and 1e9 fish were counted."
    weird = article("w", body)
    odd_mentions = [
        mentions(
            "w",
            entities=(entity(body, "Nothing", "PERSON"),),
            quantities=(
                tally(body, "0 boats", 0, event="count", counted="boat"),
                quantity(body, "-3 degrees", value="-3", number=-3, counted="degree"),
                tally(body, "1e9 fish", 1e9, event="count", counted="fish"),
            ),
        ),
        mentions(
            "not-in-story", quantities=(quantity(body, "0 boats", value="0", number=0, counted="boat"),)
        ),
    ]
    odd_entities = [
        Entity("", "PERSON"),
        Entity("Nothing", "PERSON", article_ids=("w", "missing"), variants=(("Nuthing", ("missing",)),)),
    ]
    odd_quotes = [
        quote("w", body, "Nothing here adds up", None),
        quote("missing", body, "0 boats, -3 degrees", "X"),
    ]
    facts = compare_story(
        [weird],
        odd_mentions,
        odd_entities,
        odd_quotes,
        Grouping(copies=(CopyLink("w", "gone", "reprint", 1.0),)),
        models,
    )
    assert all(f.status == "single" for f in facts)
