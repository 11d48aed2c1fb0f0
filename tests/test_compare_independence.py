"""Independent witnesses: copies and shared attributions are one witness, not several."""

from __future__ import annotations

from tests.compare_builders import article, citation, mentions, span_of
from wirecheck.compare.independence import StoryContext, count_witnesses
from wirecheck.compare.text import sentence_span
from wirecheck.model import Claim, CopyLink, Grouping

HARBOUR = "Fire crews fought the blaze for six hours. Eleven dock workers were hurt, port officials said."
REPRINT = "Fire crews fought the blaze for six hours. Eleven dock workers were hurt, port officials said."
AGENCY_A = "Eleven dock workers were hurt in the blaze, according to Nordwire."
AGENCY_B = "The blaze hurt eleven dock workers, Nordwire reported on Tuesday."
OWN_REPORTING = "Our reporter at the quay counted eleven injured dock workers."


def claim_for(article_id: str, body: str, phrase: str) -> tuple[Claim, tuple[int, int]]:
    start, end = span_of(body, phrase)
    return Claim(article_id, phrase, 11, body, start, end), sentence_span(body, start, end)


def test_a_reprint_is_not_a_second_witness():
    articles = [
        article("harbour", HARBOUR, outlet="Harbour Post"),
        article("reprint", REPRINT, outlet="Coast Daily"),
    ]
    grouping = Grouping(copies=(CopyLink("reprint", "harbour", "reprint", 1.0),))
    context = StoryContext.build(articles, [mentions("harbour"), mentions("reprint")], grouping)
    pairs = [claim_for("harbour", HARBOUR, "Eleven"), claim_for("reprint", REPRINT, "Eleven")]
    witnesses = count_witnesses([c for c, _ in pairs], context, [s for _, s in pairs])
    assert witnesses.articles == 2
    assert witnesses.independent == 1
    assert witnesses.sources == ("Harbour Post",)


def test_without_the_copy_link_the_same_two_articles_are_two_witnesses():
    # no source named in the sentence: "port officials said" would make them one witness (below)
    unsourced = "Fire crews fought the blaze for six hours. Eleven dock workers were hurt."
    articles = [
        article("harbour", unsourced, outlet="Harbour Post"),
        article("reprint", unsourced, outlet="Coast Daily"),
    ]
    context = StoryContext.build(articles, [mentions("harbour"), mentions("reprint")], Grouping())
    pairs = [claim_for("harbour", unsourced, "Eleven"), claim_for("reprint", unsourced, "Eleven")]
    assert count_witnesses([c for c, _ in pairs], context, [s for _, s in pairs]).independent == 2


def test_two_outlets_citing_the_same_agency_are_one_witness_and_own_reporting_is_another():
    articles = [
        article("a", AGENCY_A),
        article("b", AGENCY_B),
        article("c", OWN_REPORTING, outlet="Quay Times"),
    ]
    story_mentions = [
        mentions("a", citations=(citation(AGENCY_A, "according to Nordwire", "Nordwire"),)),
        mentions("b", citations=(citation(AGENCY_B, "Nordwire reported", "Nordwire"),)),
        mentions("c"),
    ]
    context = StoryContext.build(articles, story_mentions, Grouping())
    pairs = [
        claim_for("a", AGENCY_A, "Eleven"),
        claim_for("b", AGENCY_B, "eleven"),
        claim_for("c", OWN_REPORTING, "eleven"),
    ]
    witnesses = count_witnesses([c for c, _ in pairs], context, [s for _, s in pairs])
    assert witnesses.articles == 3
    assert witnesses.independent == 2
    assert set(witnesses.sources) == {"Nordwire", "Quay Times"}


def test_a_citation_outside_the_claim_sentence_does_not_merge_witnesses():
    body_a = "Eleven dock workers were hurt. Separately, Nordwire reported a strike at the rail depot."
    articles = [article("a", body_a), article("b", AGENCY_B)]
    story_mentions = [
        mentions("a", citations=(citation(body_a, "Nordwire reported", "Nordwire"),)),
        mentions("b", citations=(citation(AGENCY_B, "Nordwire reported", "Nordwire"),)),
    ]
    context = StoryContext.build(articles, story_mentions, Grouping())
    pairs = [claim_for("a", body_a, "Eleven"), claim_for("b", AGENCY_B, "eleven")]
    assert count_witnesses([c for c, _ in pairs], context, [s for _, s in pairs]).independent == 2


def test_copies_chain_transitively():
    bodies = {"first": HARBOUR, "second": REPRINT, "third": REPRINT}
    articles = [article(k, v) for k, v in bodies.items()]
    grouping = Grouping(
        copies=(CopyLink("second", "first", "reprint", 1.0), CopyLink("third", "second", "syndicated", 0.9))
    )
    context = StoryContext.build(articles, [mentions(k) for k in bodies], grouping)
    pairs = [claim_for(k, v, "Eleven") for k, v in bodies.items()]
    assert count_witnesses([c for c, _ in pairs], context, [s for _, s in pairs]).independent == 1
