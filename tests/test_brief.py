"""The brief: covers the story, says each thing once, cites its articles, and never states a
disputed figure as settled.  Texts are our own (an invented footbridge collapse); the spaCy
and embedding models are the real ones.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirecheck.extract import extract_mentions
from wirecheck.model import (
    Article,
    ArticleMentions,
    BriefSentence,
    Claim,
    CopyLink,
    Fact,
    Grouping,
    SpinScore,
)
from wirecheck.nlp import Embedder, Models
from wirecheck.report.brief import build_brief, is_brief_worthy, spans_within, split_candidates, story_title

WIRE = [
    "A footbridge over the River Wend in Kessleton collapsed on Saturday afternoon during a crowded "
    "street festival, killing seven people and injuring more than 40, the town's emergency services said.",
    "The steel bridge, built in 1974, gave way shortly after 3 p.m. as hundreds of visitors crossed it "
    "to reach the festival grounds on the north bank.",
    'Mayor Helen Brandt said the town was in shock. "We have lost neighbours and friends today," she said.',
    "Engineers from the regional transport authority have begun an investigation into the cause of the "
    "collapse, which the police said did not appear to be deliberate.",
    "Divers searched the river until nightfall for anyone who may have been swept downstream by the current.",
    "Is the other bridge in the town centre safe to use?",
    "Traffic in the town centre has been diverted while the second road bridge is inspected by engineers.",
]
LOCAL = [
    "At least six people died when a pedestrian bridge in Kessleton gave way on Saturday, as crowds made "
    "their way to the annual river festival.",
    "Emergency services said 43 people were taken to hospital, several of them with serious injuries.",
    '"It just dropped, there was a crack and then everyone was in the water," one witness told local radio.',
    "The regional transport authority has opened an investigation into why the 1974 structure failed.",
    "Mayor Helen Brandt cancelled the rest of the festival and announced three days of mourning in the town.",
    "Kessleton's footbridge had been closed for repairs for two months last year, according to council records.",
]
EVENING = [
    "Kessleton is mourning after its festival footbridge collapsed on Saturday, sending dozens of people "
    "into the cold water of the River Wend.",
    "Seven people were killed, the emergency services said on Sunday, and more than 40 were injured.",
    "Investigators from the regional transport authority are examining the bridge's supports, which had "
    "been repaired last year.",
    "Who approved those repairs, and were they ever checked by an independent engineer?",
    "The town council said the festival would not go ahead next year unless a new crossing was built.",
    "Local businesses have set up a fund for the families of the victims and raised a large sum within hours.",
]
SPUN = [
    "A walker overpass over the Stream Wend in Kessleton fell on Saturday evening during a packed road "
    "celebration, slaughtering seven individuals and harming in excess of 40, the town's crisis administrations said.",
    "The steel span, constructed in 1974, surrendered not long after 3 p.m. as many guests crossed it.",
    "Designers from the local vehicle authority have started an examination concerning the reason for the breakdown.",
    "Jumpers scanned the waterway until sunset for anybody who may have been cleared downstream by the flow.",
]


def article(article_id: str, paragraphs: list[str], headline: str | None) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        format="text",
        body="\n\n".join(paragraphs),
        paragraphs=tuple(paragraphs),
        headline=headline,
    )


ARTICLES = [
    article("wire", WIRE, "Seven dead as festival footbridge collapses in Kessleton"),
    article("local", LOCAL, "Kessleton bridge collapse: at least six killed"),
    article("reprint", WIRE, "Seven dead as festival footbridge collapses in Kessleton"),
    article("evening", EVENING, "A town in mourning"),
    article("spun", SPUN, "Walker overpass breakdown slaughters seven in Kessleton"),
]
BY_ID = {a.id: a for a in ARTICLES}
GROUPING = Grouping(
    copies=(
        CopyLink("reprint", "wire", "reprint", 1.0),
        CopyLink("spun", "wire", "spun", 0.2),
    ),
    spin=(SpinScore("spun", 0.9, True, ("walker overpass",)),),
)


def claim(article_id: str, value: str, number: float | None, sentence_start: str) -> Claim:
    """A claim whose span is the value inside the sentence that starts with ``sentence_start``."""
    body = BY_ID[article_id].body
    sentence_at = body.index(sentence_start)
    start = body.index(value, sentence_at)
    sentence = next(p for p in BY_ID[article_id].paragraphs if p.startswith(sentence_start))
    return Claim(article_id, value, number, sentence, start, start + len(value))


KILLED = Fact(
    subject="people killed in the footbridge collapse",
    status="disputed",
    claims=(
        claim("wire", "seven", 7, "A footbridge over"),
        claim("reprint", "seven", 7, "A footbridge over"),
        claim("local", "At least six", 6, "At least six"),
        claim("evening", "Seven", 7, "Seven people were killed"),
    ),
    articles=4,
    importance=1.0,
)
BUILT = Fact(
    subject="year the footbridge was built",
    status="agreed",
    claims=(claim("wire", "1974", 1974, "The steel bridge"), claim("local", "1974", 1974, "The regional")),
    articles=2,
    importance=0.3,
)
FACTS = [KILLED, BUILT]
MENTIONS = [ArticleMentions(a.id) for a in ARTICLES]


@pytest.fixture(scope="module")
def brief(models) -> list[BriefSentence]:
    return build_brief(ARTICLES, MENTIONS, FACTS, GROUPING, models)


def without_notes(text: str) -> str:
    return text.split(" (outlets differ")[0].rstrip(".") if "(outlets differ" in text else text.rstrip(".")


def test_brief_has_five_to_ten_sentences_each_taken_from_the_article_it_cites_first(brief):
    assert 5 <= len(brief) <= 10
    for sentence in brief:
        assert sentence.article_ids, sentence
        assert not sentence.generated
        assert without_notes(sentence.text) in BY_ID[sentence.article_ids[0]].body
        assert set(sentence.article_ids) <= set(BY_ID)


def test_brief_covers_the_toll_the_cause_inquiry_and_the_mayor(brief):
    text = " ".join(s.text for s in brief).lower()
    assert "killed" in text or "killing" in text or "died" in text
    assert "investigation" in text or "investigators" in text
    assert "brandt" in text


def test_brief_skips_questions_quote_led_lines_and_the_spun_rewrite(brief):
    for sentence in brief:
        assert not sentence.text.endswith("?")
        assert not sentence.text.startswith(('"', "“"))
        assert sentence.article_ids[0] != "spun"
        assert sentence.article_ids[0] != "reprint", "the original is cited first, not its reprint"


def test_brief_says_each_thing_once(brief, models):
    vectors = models.embedder.encode([without_notes(s.text) for s in brief])
    similarity = vectors @ vectors.T
    for i in range(len(brief)):
        for j in range(i + 1, len(brief)):
            assert similarity[i, j] < 0.75, (brief[i].text, brief[j].text)
    stating_toll = [s for s in brief if "outlets differ" in s.text]
    assert len(stating_toll) <= 1


def test_disputed_toll_is_never_stated_as_settled(brief):
    toll_sentences = [c.text for c in KILLED.claims]
    chosen = [s for s in brief if any(without_notes(s.text) in t for t in toll_sentences)]
    assert chosen, "the death toll is the most important fact of the story"
    for sentence in chosen:
        assert "outlets differ" in sentence.text
        assert "At least six [local]" in sentence.text
        assert "[evening, reprint, wire]" in sentence.text


def test_a_sentence_cites_its_reprint_and_only_articles_giving_its_figures(brief):
    """An article agreeing on the year of a sentence is cited only when it contains the rest of
    the sentence too (tests/test_brief_support.py checks that in full)."""
    for sentence in brief:
        if sentence.article_ids[0] == "wire":
            assert "reprint" in sentence.article_ids, sentence
        if "1974" in sentence.text:
            assert all("1974" in BY_ID[a].body for a in sentence.article_ids)


def test_near_duplicate_with_another_figure_is_not_cited_as_support(models):
    a = article(
        "a", ["Officials said 12 people were hurt when the roof of the station fell in on Monday."], None
    )
    b = article(
        "b", ["Officials said 14 people were hurt when the roof of the station fell in on Monday."], None
    )
    c = article(
        "c",
        ["Officials said 12 people were hurt when the roof of the station fell in on Monday night."],
        None,
    )
    result = build_brief([a, b, c], [], [], Grouping(), models)
    assert result
    for sentence in result:
        figure = "12" if "12" in sentence.text else "14"
        for aid in sentence.article_ids:
            assert figure in {"a": "12", "b": "14", "c": "12"}[aid]


def test_brief_of_nothing_usable_is_empty(models):
    only_questions = article("q", ["Who knew what, and when did they know it?", "Share this article"], None)
    assert build_brief([only_questions], [], [], Grouping(), models) == []


@pytest.mark.parametrize(
    ("text", "worthy"),
    [
        ("The regional transport authority has opened an investigation into the failure.", True),
        ("Is the other bridge in the town centre safe to use?", False),
        ('"It just dropped, there was a crack and everyone was in the water," a witness said.', False),
        ("He said the town would rebuild the bridge as soon as it could.", False),
        ("Sign up for our newsletter to get the latest news every morning.", False),
        ("Bridge collapse", False),
    ],
)
def test_is_brief_worthy(text, worthy):
    assert is_brief_worthy(text) is worthy


def test_story_title_is_the_most_representative_headline():
    assert story_title(ARTICLES) == "Seven dead as festival footbridge collapses in Kessleton"


def test_story_title_without_headlines_uses_the_opening_words():
    bare = [article("x", LOCAL, None)]
    assert story_title(bare).startswith("At least six people died when a pedestrian bridge")
    assert story_title([]) == "Untitled story"


def test_a_disputed_figure_the_comparison_missed_in_one_article_is_still_annotated(models):
    first = article(
        "first",
        [
            "The cable car slid back down the hill on Wednesday evening and killed 16 people, the fire service said."
        ],
        None,
    )
    second = article(
        "second",
        ["Seventeen people were killed when the cable car slid back down the hill on Wednesday evening."],
        None,
    )
    missed = article(
        "missed",
        [
            "Investigators are examining the cable of the car, which slid down the hill on Wednesday "
            "and killed 16 people, the police said."
        ],
        None,
    )
    text_1, text_2 = first.paragraphs[0], second.paragraphs[0]
    toll = Fact(
        subject="people killed",
        status="disputed",
        claims=(
            Claim("first", "16", 16, text_1, text_1.index("16"), text_1.index("16") + 2),
            Claim("second", "Seventeen", 17, text_2, 0, len("Seventeen")),
        ),
        articles=2,
    )
    result = build_brief([first, second, missed], [], [toll], Grouping(), models)
    history = article(
        "history",
        ["The line opened in the nineteenth century and was powered by water counterweights at first."],
        None,
    )
    result += build_brief([missed, history], [], [toll], Grouping(), models)  # the claims' own sentences away
    stating_16 = [s for s in result if "killed 16 people" in s.text]
    assert any(s.article_ids[0] == "missed" for s in stating_16)
    for sentence in stating_16:
        assert "outlets differ" in sentence.text and "Seventeen [second]" in sentence.text
        assert "second" not in sentence.article_ids


# --------------------------------------------------------------------------- sentences from the parse


class CountingEmbedder(Embedder):
    """The real model, counting the texts it is asked to embed."""

    def __init__(self, model: Embedder) -> None:
        super().__init__(_model=model._load())
        self.asked: list[str] = []

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.asked.extend(texts)
        return super().encode(texts)


def test_the_brief_takes_the_sentences_of_the_extraction_parse(models):
    """Candidates are the parse's sentences, cut where a paragraph ends; with no sentences
    stored (mentions saved by an older version) the sentence recogniser splits the same text
    the same way."""
    story = [BY_ID["wire"], BY_ID["local"]]
    parsed = extract_mentions(story, models)
    assert all(m.sentences for m in parsed)
    from_parse = split_candidates(story, parsed, models)
    from_senter = split_candidates(story, [ArticleMentions(a.id) for a in story], models)
    assert [(c.article_id, c.text, c.start) for c in from_parse] == [
        (c.article_id, c.text, c.start) for c in from_senter
    ]
    for candidate in from_parse:
        body = BY_ID[candidate.article_id].body
        assert body[candidate.start : candidate.end] == candidate.text
        assert "\n\n" not in candidate.text

    wire = BY_ID["wire"]
    one_long_sentence = ArticleMentions("wire", sentences=((0, len(wire.body)),))
    cut = split_candidates([wire], [one_long_sentence], models)
    assert [c.text for c in cut] == list(WIRE)


@given(
    st.lists(st.integers(min_value=1, max_value=40), min_size=0, max_size=12),
    st.integers(min_value=0, max_value=300),
    st.integers(min_value=0, max_value=300),
)
def test_spans_within_cuts_sentences_to_the_paragraph(lengths, start, end):
    sentences, cursor = [], 0
    for length in lengths:
        sentences.append((cursor, cursor + length))
        cursor += length + 1  # a space between sentences
    spans = spans_within(sentences, start, end)
    covered = {i for s, e in sentences for i in range(max(s, start), min(e, end))}
    assert {i for s, e in spans for i in range(s, e)} == covered
    for s, e in spans:
        assert start <= s < e <= end
        assert any(a <= s and e <= b for a, b in sentences)


def test_a_one_article_story_is_briefed_without_the_embedding_model(models):
    """Embeddings find two outlets saying one thing in different words; a lone article's brief
    is chosen on TF-IDF alone, and a story of several articles still embeds its shortlist."""
    lone = CountingEmbedder(models.embedder)
    alone = build_brief([BY_ID["wire"]], [], [], Grouping(), Models(nlp=models.nlp, embedder=lone))
    assert len(alone) >= 3 and lone.asked == []

    several = CountingEmbedder(models.embedder)
    story = [BY_ID["wire"], BY_ID["local"], BY_ID["evening"]]
    assert build_brief(story, [], [], Grouping(), Models(nlp=models.nlp, embedder=several))
    assert several.asked
