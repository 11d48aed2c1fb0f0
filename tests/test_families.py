"""Source families and witnesses: a wire story's trims and rewrites are one family, an outlet's own
report another; a claim's primary source is read from its sentence; fifteen papers relaying one
official are one witness, two parties giving two figures are two.  Texts are our own."""

from __future__ import annotations

import json

from tests.compare_builders import article, citation, mentions, span_of
from wirecheck.compare.independence import StoryContext, count_witnesses
from wirecheck.compare.primary import primary_source, source_key
from wirecheck.compare.text import sentence_span
from wirecheck.group.families import agency_credits, find_families
from wirecheck.model import Article, Claim, Grouping, to_jsonable

WIRE = [
    "A passenger ferry ran aground off the island of Lindholm late on Tuesday, forcing the evacuation "
    "of 212 people onto lifeboats in rough seas, the coastguard said.",
    "The vessel, the Sea Lark, struck a sandbank about two miles south of the harbour shortly after "
    "leaving port for the mainland crossing.",
    "Rescue crews from three neighbouring towns worked through the night to bring passengers ashore, "
    "where volunteers handed out blankets and hot drinks in the ferry terminal.",
    "Nine people were taken to hospital with minor injuries and one crew member was treated for a "
    "broken arm, according to the regional health board.",
    "The operator said the ship had passed its annual inspection in the spring and that an inquiry "
    "into the cause of the grounding would begin on Wednesday morning.",
    "Islanders said the channel had silted up over the winter and that they had warned the harbour "
    "authority about the shallow water several times since January.",
    "Ferry services to Lindholm were suspended until further notice, leaving the island without its "
    "only regular link to the mainland for the rest of the week.",
]
TRIM = [
    "Hundreds of ferry passengers spent a cold night in lifeboats after their ship hit a sandbank.",
    WIRE[0],
    WIRE[1],
    "Rescue crews from three neighbouring towns worked through the night to bring passengers ashore.",
    WIRE[6],
]
REWRITE = [
    "Islanders had warned for months that the channel off Lindholm was silting up.",
    "On Tuesday night the Sea Lark, a passenger ferry, ran aground off the island of Lindholm, forcing "
    "the evacuation of 212 people onto lifeboats in rough seas, the coastguard said.",
    WIRE[3],
    "The operator insisted the ship had passed its annual inspection and promised an inquiry.",
    WIRE[5],
]
OWN = [
    "Our reporter on the quay at Lindholm watched the last lifeboat come in just before dawn.",
    "The coastguard put the number taken off the stranded ferry at 212, and nobody was missing.",
    "Harbour master Ruth Adeyemi told this newspaper the channel would be surveyed before any sailing.",
    "Shopkeepers on the island said deliveries of bread and milk would run short within days.",
]


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def story_articles() -> list[Article]:
    return [
        article("wire", body(WIRE), outlet="Nordwire"),
        article("trim", body(TRIM), outlet="Coast Daily"),
        article("rewrite", body(REWRITE), outlet="Island Herald"),
        article("own", body(OWN), outlet="Lindholm Gazette"),
    ]


def members(families, article_id: str) -> set[str]:
    return next(set(f.article_ids) for f in families if article_id in f.article_ids)


def test_a_wire_story_and_its_trims_and_rewrites_are_one_family_and_an_own_report_is_apart():
    families = find_families(story_articles())
    assert members(families, "wire") == {"wire", "trim", "rewrite"}
    assert members(families, "own") == {"own"}
    wire_family = next(f for f in families if "wire" in f.article_ids)
    assert wire_family.name.endswith("family: 3 articles")
    kinds = {e.kind for e in wire_family.evidence}
    assert kinds == {"shared_passages"}
    assert any("coastguard said" in p for e in wire_family.evidence for p in e.passages)


def test_a_long_quotation_shared_by_two_reports_does_not_make_them_one_family():
    statement = (
        '"We ask everyone to stay away from the harbour while the divers inspect the hull, and we '
        "thank the volunteers who kept the passengers warm through a long and frightening night on "
        'the water," the harbour master said in a statement read to reporters on Wednesday.'
    )
    first = "Divers began to inspect the grounded ferry at first light.\n\n" + statement
    second = "The stranded ferry off Lindholm will be inspected before it is towed.\n\n" + statement
    families = find_families([article("first", first), article("second", second)])
    assert len(families) == 2


def test_the_same_agency_credit_joins_two_differently_worded_reports():
    first = (
        "LINDHOLM (AP) — A ferry carrying 212 people ran aground off Lindholm on Tuesday.\n\n"
        "All passengers were brought ashore by morning."
    )
    second = (
        "The Sea Lark struck a sandbank south of the harbour, stranding its passengers overnight.\n\n"
        "Ferry services to the island were suspended. — AP"
    )
    families = find_families([article("first", first), article("second", second)])
    assert len(families) == 1
    family = families[0]
    assert family.agency == "AP" and family.name == "AP family: 2 articles"
    assert {e.kind for e in family.evidence} == {"agency_credit"}
    assert any("(AP)" in e.detail for e in family.evidence)


def test_agency_credit_lines_are_read_and_a_contribution_alone_joins_nothing():
    credited = article("credited", "The ferry was refloated on Thursday.\n\n— Reuters")
    assert [(c.agency, c.kind) for c in agency_credits(credited)] == [("Reuters", "wire")]
    signed = article("signed", "The ferry was refloated.\n\n(Reporting by Ana Lind; Editing by Tom Brede)")
    assert [c.agency for c in agency_credits(signed)] == ["Reuters"]
    helped_a = article(
        "helped_a",
        "Our crew counted eleven lifeboats on the shore.\n\nThe Associated Press contributed to this report.",
    )
    helped_b = article(
        "helped_b",
        "Volunteers in the terminal ran out of blankets.\n\nThe Associated Press contributed to this report.",
    )
    assert [(c.agency, c.kind) for c in agency_credits(helped_a)] == [("AP", "contributed")]
    assert len(find_families([helped_a, helped_b])) == 2
    # "ap" as a lowercase word is no credit
    assert agency_credits(article("word", "The ferry will sail again soon, said the harbour ap.")) == ()


def test_primary_sources_are_read_from_the_sentence_and_one_source_named_two_ways_is_one():
    cases = {
        "Nine people were hurt, police said.": "police",
        "The quake struck at 4:10 a.m., according to the fire chief.": "fire chief",
        "A UN spokesman told reporters that 40 tents had been flown in.": "UN spokesman",
        "The Northland Geological Survey says the tremor measured 4.1.": "Northland Geological Survey",
        "He said 40 tents had been flown in.": None,
        "The quake was reported at 4:10 a.m.": None,
    }
    for sentence, expected in cases.items():
        assert primary_source(sentence, 0, 0) == expected, sentence
    assert source_key("Northland Geological Survey") == source_key("NGS")
    assert source_key("a police source") == source_key("Police")
    assert source_key("Inspector Mara Holt") == source_key("Holt")
    assert source_key("police") != source_key("organisers")


def claim(article_id: str, text: str, phrase: str, number: float) -> tuple[Claim, tuple[int, int]]:
    start, end = span_of(text, phrase)
    return Claim(article_id, phrase, number, text, start, end), sentence_span(text, start, end)


def witnesses_of(texts: dict[str, str], phrase: dict[str, str], number: float, outlets: dict[str, str]):
    articles = [article(k, v, outlet=outlets.get(k)) for k, v in texts.items()]
    context = StoryContext.build(articles, [mentions(k) for k in texts], Grouping())
    pairs = [claim(k, v, phrase[k], number) for k, v in texts.items()]
    return count_witnesses([c for c, _ in pairs], context, [s for _, s in pairs])


def test_papers_relaying_one_official_are_one_witness():
    texts = {
        "a": "About 3,000 people marched through Varnhem on Saturday, police said.",
        "b": "Police said about 3,000 people joined the march in the old town.",
        "c": "The march drew some 3,000 people, according to police.",
    }
    found = witnesses_of(texts, {k: "3,000" for k in texts}, 3000, {"a": "Post", "b": "Echo", "c": "Star"})
    assert found.articles == 3
    assert found.independent == 1
    assert found.primary_sources == ("police",)
    assert len(found.families) == 3  # three families (no shared text), one witness
    assert len({c.witness for c in found.claims}) == 1


def test_police_and_organisers_are_two_witnesses_and_unsourced_reports_count_apart():
    texts = {
        "a": "About 3,000 people marched through Varnhem on Saturday, police said.",
        "b": "Organisers said 12,000 people joined the march in the old town.",
        "c": "Our reporter counted roughly 5,000 marchers on the bridge.",
        "d": "Some 5,000 marchers crossed the bridge at noon.",
    }
    phrase = {"a": "3,000", "b": "12,000", "c": "5,000", "d": "5,000"}
    found = witnesses_of(texts, phrase, 0, {"a": "Post", "b": "Echo", "c": "Star", "d": "Star"})
    assert found.independent == 3  # police, organisers, and the Star (its two reports are one witness)
    assert set(found.primary_sources) == {"police", "Organisers"}


def test_an_official_named_by_title_speaks_for_the_organisation():
    from wirecheck.model import Entity

    texts = {
        "a": "The climber fell about 300 metres, Inspector Mara Holt said.",
        "b": "Police said the climber fell about 300 metres.",
    }
    articles = [article(k, v) for k, v in texts.items()]
    holt = Entity("Mara Holt", "PERSON", aliases=("Holt",), roles=("police inspector",))
    context = StoryContext.build(articles, [mentions(k) for k in texts], Grouping(), entities=[holt])
    pairs = [claim(k, v, "300", 300) for k, v in texts.items()]
    assert count_witnesses([c for c, _ in pairs], context, [s for _, s in pairs]).independent == 1
    plain = StoryContext.build(articles, [mentions(k) for k in texts], Grouping())
    assert count_witnesses([c for c, _ in pairs], plain, [s for _, s in pairs]).independent == 2


def test_an_article_crediting_another_outlet_it_rewrites_joins_its_family():
    original = body(WIRE[:4])
    retold = (
        "A ferry emergency off Lindholm made headlines across the coast, according to the Nordwire Daily.\n\n"
        + WIRE[1]
        + "\n\nPassengers were later brought ashore, and the ferry company opened a telephone line for "
        "relatives who could not reach anyone on board during the long night on the water.\n\n"
        "Local schools stayed closed on Wednesday so that teachers who had helped in the terminal "
        "could rest, and the island council met in the afternoon to discuss the channel.\n\n"
        "Fishermen moored in the inner basin said they would offer their boats to carry food and "
        "medicine across the strait until the regular service could run again."
    )
    articles = [
        article("orig", original, outlet="nordwiredaily.com"),
        article("retold", retold, outlet="Bay Post"),
    ]
    credit = citation(retold, "according to the Nordwire Daily", "Nordwire Daily")
    story_mentions = [mentions("orig"), mentions("retold", citations=(credit,))]
    without = find_families(articles, [mentions("orig"), mentions("retold")])
    assert len(without) == 2  # one shared sentence alone is not enough
    families = find_families(articles, story_mentions)
    assert len(families) == 1
    assert any(e.kind == "outlet_credit" for e in families[0].evidence)


def test_the_story_report_carries_families_and_each_fact_its_witnesses(models):
    from wirecheck.model import RawDocument
    from wirecheck.pipeline import analyze_documents
    from wirecheck.report.html import render_html
    from wirecheck.report.json import report_to_dict

    docs = [
        RawDocument(
            id=a.id, source=a.id + ".txt", format="text", text=a.body, outlet=a.outlet, published="2031-03-04"
        )
        for a in story_articles()
    ]
    report = analyze_documents(docs, models=models)
    story = next(s for s in report.stories if "wire" in s.article_ids)
    assert {"wire", "trim", "rewrite"} in [set(f.article_ids) for f in story.families]
    data = to_jsonable(story)
    json.dumps(data)
    evacuated = [f for f in story.facts if any(c.number == 212 for c in f.claims)]
    assert evacuated, [f.subject for f in story.facts]
    fact = evacuated[0]
    assert fact.families >= 1 and "coastguard" in fact.primary_sources
    assert fact.independent_sources == 1  # wire family and the Gazette both have it from the coastguard
    assert all(c.family and c.witness for c in fact.claims)
    report_json = report_to_dict(report)["stories"]
    assert any(f["primary_sources"] == ["coastguard"] for s in report_json for f in s["facts"])
    html = render_html(report)
    assert "1 source: coastguard" in html and "1 independent witness<" in html
    assert "Nordwire family: 3 articles" in html  # the fact card's hover and the matrix's family column
