"""The brief-support check: every brief sentence is contained in each article it cites (its
figures, its names, most of its content words); a figure outlets give differently is never
stated as settled; a claim one party denies comes with the denial, both with their sources.

Texts are our own (a crane collapse at a port, a shelling near a camp, a roof fall at a
station); the models are the real ones.  The corpus checks run the real pipeline on the demo
and on the judged ecb-dev stories (skipped when ../shared is absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecheck.model import Article, BriefSentence, Claim, Fact, Grouping
from wirecheck.report.brief import Candidate, build_brief, denied_claims
from wirecheck.report.brief_support import cited_text, claim_terms, support, without_notes

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "bench" / "judged" / "ecb_facts.json"
ECB = ROOT.parent / "shared" / "corpus" / "ecb-dev"


def article(article_id: str, paragraphs: list[str], headline: str | None = None) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        format="text",
        body="\n\n".join(paragraphs),
        paragraphs=tuple(paragraphs),
        headline=headline,
    )


def unsupported(brief: list[BriefSentence], articles: list[Article]) -> list[tuple[str, str]]:
    texts = {a.id: cited_text(a) for a in articles}
    return [
        (s.text, aid) for s in brief for aid in s.article_ids if not support(s.text, texts[aid]).supported
    ]


def settled(brief: list[BriefSentence], facts: list[Fact]) -> list[str]:
    """Brief sentences that are the very sentence giving a disputed figure, with no note."""

    def squash(text: str) -> str:
        return " ".join(text.split()).rstrip(".").lower()

    stating = {
        squash(c.text)
        for f in facts
        if f.status == "disputed" and f.kind not in ("name", "place", "quote")
        for c in f.claims
    }
    return [
        s.text for s in brief if squash(without_notes(s.text)) in stating and "outlets differ" not in s.text
    ]


# --------------------------------------------------------------------------- what "contains" means

CRANE = (
    "A harbour crane collapsed at Port Elmstead on Tuesday, killing three dock workers, "
    "and the port authority closed the western quay until further notice."
)


def test_claim_terms_are_its_figures_names_and_content_words():
    terms = claim_terms(CRANE)
    assert terms.numbers == {3.0}
    assert {"port", "elmstead", "tuesday"} <= terms.names
    assert {"harbour", "crane", "collaps", "dock", "worker", "quay"} <= terms.content
    assert "the" not in terms.content and "harbour" not in terms.names  # an opening capital is grammar


@pytest.mark.parametrize(
    ("text", "supported"),
    [
        # the same claim in other words: digits for the number word, the quay closed, most words shared
        (
            "Three dock workers were killed on Tuesday when a harbour crane collapsed at Port Elmstead. "
            "The port authority has closed the western quay until further notice.",
            True,
        ),
        # another toll
        (
            "Four dock workers were killed on Tuesday when a harbour crane collapsed at Port Elmstead. "
            "The port authority has closed the western quay until further notice.",
            False,
        ),
        # no port named
        (
            "A harbour crane collapsed on Tuesday, killing three dock workers; the western quay is closed.",
            False,
        ),
        # the same figure and names, another matter
        (
            "Port Elmstead reopened on Tuesday after three days of strikes over pay and the pension scheme.",
            False,
        ),
    ],
)
def test_an_article_contains_a_claim_when_it_has_its_figures_names_and_most_words(text, supported):
    assert support(CRANE, text).supported is supported


def test_the_brief_notes_are_not_part_of_the_claim():
    noted = CRANE[:-1] + " (outlets differ: three [ledger]; four [courier])."
    assert without_notes(noted) == CRANE
    assert support(
        noted,
        "Three dock workers died when a harbour crane collapsed at Port Elmstead on "
        "Tuesday; the port authority closed the western quay until further notice.",
    ).supported


# --------------------------------------------------------------------------- the brief cites only support

LEDGER = [
    CRANE,
    "Emergency crews worked through the night to free a fourth man, who was trapped in the cab of the crane.",
    "The crane, installed in 2009, had passed an inspection in the spring, the port authority said.",
    "Union leaders called for an independent inquiry and said workers had raised concerns about the crane.",
    "Ships due at the western quay were sent to the eastern berths while the wreckage is cleared.",
]
BRIEFLY = [
    "Three dock workers died at the port on Tuesday morning in what unions called an avoidable accident.",
    "The Transport Workers Union said it would hold a minute of silence at every port in the region.",
    "Shipping companies said delays to container traffic in the region could last several weeks.",
    "The regional government announced a review of safety rules for lifting equipment at all ports.",
]


def test_an_article_agreeing_on_one_figure_is_not_cited_for_the_whole_sentence(models):
    ledger, briefly = article("ledger", LEDGER), article("briefly", BRIEFLY)
    killed = Fact(
        subject="dock workers killed",
        status="agreed",
        claims=(
            Claim("ledger", "three", 3, CRANE, CRANE.index("three"), CRANE.index("three") + 5),
            Claim("briefly", "Three", 3, BRIEFLY[0], 0, 5),
        ),
        articles=2,
        importance=1.0,
    )
    brief = build_brief([ledger, briefly], [], [killed], Grouping(), models)
    crane = [s for s in brief if s.text.startswith("A harbour crane collapsed")]
    assert crane, "the lead sentence carries the story"
    assert crane[0].article_ids == ("ledger",), "the short report lacks the port, the quay and the closure"
    assert not unsupported(brief, [ledger, briefly])


# --------------------------------------------------------------------------- disputed figures


def test_a_figure_another_outlet_gives_otherwise_is_shown_with_both_values_and_sources(models):
    """No fact recorded the dispute: near-identical sentences give 12 and 14 hurt."""
    north = article(
        "north", ["Officials said 12 people were hurt when the roof of the station fell in on Monday."]
    )
    south = article(
        "south", ["Officials said 14 people were hurt when the roof of the station fell in on Monday."]
    )
    brief = build_brief([north, south], [], [], Grouping(), models)
    assert brief
    for sentence in brief:
        assert "outlets differ" in sentence.text, sentence.text
        assert "12 [north]" in sentence.text and "14 [south]" in sentence.text
        own = "north" if without_notes(sentence.text).startswith("Officials said 12") else "south"
        assert sentence.article_ids == (own,)


# --------------------------------------------------------------------------- a claim and its denial

ARMY_WIRE = [
    "The army said its soldiers returned fire at gunmen who were shooting from the roof of a school in the Dalmor camp.",
    "Two soldiers were wounded in the exchange on Thursday, according to a military statement.",
    "Residents of the camp said the shelling lasted for more than an hour and damaged dozens of homes.",
    "Aid convoys bound for the camp were halted at the checkpoint until the fighting ended.",
]
AGENCY = [
    "Shelling near the Dalmor camp on Thursday damaged dozens of homes and wounded two soldiers.",
    "A United Nations spokesman denied that anyone had fired from the school, which was sheltering 300 families.",
    "Aid convoys were halted at the checkpoint until the fighting ended, aid workers said.",
    "The school had been marked as a shelter and its location shared with both sides, the spokesman said.",
]
FESTIVAL = [
    "The mayor of Ellery denied that the harvest festival had been overcrowded when the stage collapsed.",
    "Organisers said about 5,000 people attended the festival on Saturday evening.",
]


def test_a_claim_that_another_party_denies_comes_with_the_denial_and_its_source(models):
    army, agency = article("army-wire", ARMY_WIRE), article("agency", AGENCY)
    brief = build_brief([army, agency], [], [], Grouping(), models)
    texts = [without_notes(s.text) for s in brief]
    claim_at = next((i for i, t in enumerate(texts) if t.startswith("The army said")), None)
    denial_at = next((i for i, t in enumerate(texts) if "denied that anyone had fired" in t), None)
    assert claim_at is not None or denial_at is not None, texts
    assert claim_at is not None and denial_at is not None, "one side without the other"
    assert brief[claim_at].article_ids[0] == "army-wire" and brief[denial_at].article_ids[0] == "agency"
    assert abs(claim_at - denial_at) == 1, "the two sides stand together"


def test_a_denial_of_another_matter_is_not_taken_for_the_other_side(models):
    def candidate(article_id: str, text: str) -> Candidate:
        return Candidate(article_id, text, 0, len(text), 0.0)

    claim = candidate("army-wire", ARMY_WIRE[0])
    festival = [candidate("fair", text) for text in FESTIVAL]
    assert denied_claims([claim], festival, models) == {}
    answered = denied_claims([claim], [*festival, candidate("agency", AGENCY[1])], models)
    assert answered == {0: (candidate("agency", AGENCY[1]), False)}
    # a chosen denial gets the claim it answers, placed before it
    assert denied_claims([candidate("agency", AGENCY[1])], [claim, *festival], models) == {0: (claim, True)}


# --------------------------------------------------------------------------- the corpora


def test_every_brief_sentence_of_the_demo_is_contained_in_each_article_it_cites(models, demo_dir):
    from wirecheck.pipeline import analyze

    report = analyze([demo_dir], models=models)
    articles = list(report.articles)
    sentences = [s for story in report.stories for s in story.brief]
    assert len(sentences) >= 5 * len([s for s in report.stories if len(s.article_ids) > 1])
    assert not unsupported(sentences, articles)
    assert not [t for story in report.stories for t in settled(list(story.brief), list(story.facts))]
    assert sum(len(s.article_ids) > 1 for s in sentences) >= len(sentences) // 4, "citations kept where due"


@pytest.mark.slow
def test_every_brief_sentence_of_the_judged_ecb_stories_is_contained_in_each_article_it_cites(models):
    if not ECB.is_dir():
        pytest.skip("../shared/corpus/ecb-dev is not present")
    from wirecheck import clean, extract, group, ingest
    from wirecheck.pipeline import build_story

    judged = json.loads(JUDGED.read_text(encoding="utf-8"))
    gold = json.loads((ECB / "stories.json").read_text(encoding="utf-8"))
    checked = 0
    for topic in sorted({s["topic"] for s in judged["stories"]}, key=int):
        files = sorted((ECB / f"topic{topic}").glob("*.txt"))
        articles = clean.clean_documents(ingest.read_inputs([str(f) for f in files]).documents)
        mentions = extract.extract_mentions(articles, models)
        grouping = group.group_articles(articles, mentions, models)
        for story_id in [s["story"] for s in judged["stories"] if s["topic"] == topic]:
            ids = [a.id for a in articles if gold.get(a.id) == story_id]
            story = build_story(story_id, ids, articles, mentions, grouping, models)
            assert not unsupported(list(story.brief), articles), story_id
            assert not settled(list(story.brief), list(story.facts)), story_id
            checked += len(story.brief)
    assert checked >= 5 * len(judged["stories"])
