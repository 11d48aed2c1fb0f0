"""Hand-built reports for the report, store and app tests (our own invented story, our own words).

Offsets are computed from the bodies here, so the claims and quotes point at real text.
"""

from __future__ import annotations

from tests.articles import text_article
from wirecheck.model import (
    Article,
    ArticleMentions,
    BriefSentence,
    Citation,
    Claim,
    CopyLink,
    Entity,
    Fact,
    Grouping,
    InputProblem,
    Quote,
    Report,
    SpinScore,
    StoryCluster,
    StoryReport,
    TimelineEntry,
)

FLOOD_A = (
    "Floodwater swept through the river town of Halvik on Tuesday night, leaving four people dead.\n\n"
    '"We have never seen the water rise this fast," said mayor Ines Aldana.\n\n'
    "Rescue crews reached the lower district on Wednesday, the regional agency Nordpress reported."
)
FLOOD_B = (
    "Five people died when the Halvik river burst its banks late on Tuesday.\n\n"
    '"We have never seen water rise so fast," Ines Aldana told reporters.\n\n'
    "Repairs to the old bridge are expected to start in March."
)
FLOOD_SPUN = (
    "Inundation water cleared through the stream town of Halvik on Tuesday evening, leaving four individuals dead.\n\n"
    "Salvage teams arrived at the lower area on Wednesday."
)
HOSTILE = (
    "A council vote on the budget passed narrowly. <script>window.__pwned = 1</script>\n\n"
    'Critics posted <img src=x onerror="window.__pwned = 2"> online and <a href="https://evil.example/">links</a>.'
)


def span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def claim(article_id: str, body: str, value: str, number: float | None, sentence: str) -> Claim:
    s, e = span(body, value)
    return Claim(article_id=article_id, value=value, number=number, text=sentence, start=s, end=e)


def quote(article_id: str, body: str, text: str, speaker: str | None) -> Quote:
    s, e = span(body, text)
    return Quote(article_id=article_id, text=text, speaker=speaker, start=s, end=e)


def article(aid: str, body: str, **meta: str) -> Article:
    return text_article(aid, body, source=f"/inputs/{aid}.txt", **meta)


def flood_report(with_hostile: bool = True) -> Report:
    """Two stories: a flood told by three articles (one spun copy, one dispute), and a council
    vote whose article carries hostile markup."""
    a = article(
        "flood-a",
        FLOOD_A,
        headline="Flood kills four in Halvik",
        outlet="River Daily",
        published="2026-03-04",
    )
    b = article(
        "flood-b",
        FLOOD_B,
        headline="Halvik flood: five dead",
        outlet="Valley Post",
        published="2026-03-05",
        byline="Ana Reyes",
    )
    c = article(
        "flood-c", FLOOD_SPUN, headline="Inundation in Halvik", outlet="Content Farm", published="2026-03-06"
    )
    h = article(
        "council",
        HOSTILE,
        headline="Budget <b>passes</b>",
        outlet="Town <i>Crier</i>",
        published="2026-02-01",
    )
    articles = [a, b, c] + ([h] if with_hostile else [])
    sent_a = FLOOD_A.split("\n\n")[0]
    sent_b = FLOOD_B.split("\n\n")[0]
    sent_c = FLOOD_SPUN.split("\n\n")[0]
    deaths = Fact(
        subject="people killed in the Halvik flood",
        status="disputed",
        kind="quantity",
        reason="River Daily says four died, Valley Post says five",
        claims=(
            claim("flood-a", FLOOD_A, "four people", 4, sent_a),
            claim("flood-b", FLOOD_B, "Five people", 5, sent_b),
            claim("flood-c", FLOOD_SPUN, "four individuals", 4, sent_c),
        ),
        articles=3,
        independent_sources=2,
        sources=("River Daily", "Valley Post"),
        importance=1.0,
    )
    day = Fact(
        subject="day the river flooded",
        status="agreed",
        kind="date",
        reason="both say Tuesday",
        claims=(
            claim("flood-a", FLOOD_A, "Tuesday", None, sent_a),
            claim("flood-b", FLOOD_B, "Tuesday", None, sent_b),
        ),
        articles=2,
        independent_sources=2,
    )
    bridge = Fact(
        subject="start of bridge repairs",
        status="single",
        kind="date",
        claims=(claim("flood-b", FLOOD_B, "March", None, FLOOD_B.split("\n\n")[2]),),
        articles=1,
        independent_sources=1,
    )
    flood = StoryReport(
        id="story-1",
        article_ids=("flood-a", "flood-b", "flood-c"),
        title="Deadly flood in Halvik",
        entities=(
            Entity(name="Halvik", type="GPE", article_ids=("flood-a", "flood-b", "flood-c")),
            Entity(name="Ines Aldana", type="PERSON", roles=("mayor",), article_ids=("flood-a", "flood-b")),
        ),
        quotes=(
            quote("flood-a", FLOOD_A, "We have never seen the water rise this fast,", "Ines Aldana"),
            quote("flood-b", FLOOD_B, "We have never seen water rise so fast,", "Ines Aldana"),
        ),
        facts=(bridge, day, deaths),  # deliberately not in display order
        timeline=(
            TimelineEntry(
                date="2026-03-03", text="The river floods Halvik", article_ids=("flood-a", "flood-b")
            ),
            TimelineEntry(
                date="2026-03-04", text="Rescue crews reach the lower district", article_ids=("flood-a",)
            ),
            TimelineEntry(
                date="2026-03", text="Bridge repairs begin", article_ids=("flood-b",), granularity="month"
            ),
        ),
        brief=(
            BriefSentence(
                text="A flood in Halvik killed four or five people.", article_ids=("flood-a", "flood-b")
            ),
            BriefSentence(text="The mayor said the water rose faster than ever.", article_ids=("flood-a",)),
        ),
    )
    stories = [flood]
    if with_hostile:
        stories.append(
            StoryReport(
                id="story-2",
                article_ids=("council",),
                title="Budget <script>alert(1)</script> vote",
                facts=(
                    Fact(
                        subject="vote <img src=x onerror=alert(3)>",
                        status="single",
                        claims=(
                            Claim(
                                article_id="council",
                                value="narrowly",
                                number=None,
                                text="A council vote on the budget passed narrowly.",
                                start=HOSTILE.index("narrowly"),
                                end=HOSTILE.index("narrowly") + 8,
                            ),
                        ),
                    ),
                ),
                brief=(BriefSentence(text="<script>window.__pwned = 3</script>", article_ids=("council",)),),
            )
        )
    mentions = [
        ArticleMentions(
            article_id="flood-a",
            citations=(Citation(source="Nordpress", text="Nordpress reported", start=0, end=1),),
        ),
        ArticleMentions(article_id="flood-b"),
        ArticleMentions(article_id="flood-c"),
    ]
    grouping = Grouping(
        copies=(CopyLink(article_id="flood-c", copy_of="flood-a", kind="spun", containment=0.42),),
        spin=(
            SpinScore(
                article_id="flood-c", score=0.81, flagged=True, phrases=("Inundation water", "stream town")
            ),
        ),
        stories=tuple(StoryCluster(id=s.id, article_ids=s.article_ids) for s in stories),
    )
    return Report(
        articles=tuple(articles),
        mentions=tuple(mentions),
        grouping=grouping,
        stories=tuple(stories),
        problems=(InputProblem(source="/inputs/broken.bin", reason="binary file <not text>"),),
    )
