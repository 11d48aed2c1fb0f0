"""The story timeline: dated events merged across articles, datelines left out (our own texts)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.articles import seed_articles, text_article
from wirecheck.extract.timerefs import find_time_refs
from wirecheck.model import Article, ArticleMentions, TimeRef
from wirecheck.report.timeline import (
    SAME_EVENT,
    Candidate,
    build_timeline,
    linkage,
    merge_closest,
    word_weights,
)


def article(article_id: str, body: str, published: str | None) -> Article:
    return text_article(article_id, body, published=published)


def extracted(models, articles: list[Article]) -> list[ArticleMentions]:
    return [
        ArticleMentions(article_id=a.id, times=tuple(find_time_refs(models.nlp(a.body), a))) for a in articles
    ]


ALPHA = article(
    "alpha",
    "Vienna, March 12, 2024\n\n"
    "Energy ministers from nine countries met in Vienna on Sunday to agree a gas price cap. "
    "A fire destroyed a grain warehouse near Graz on Sunday, police said.\n\n"
    "The Danube ferry strike began on Monday, stranding commuters.",
    "2024-03-12",
)
BRAVO = article(
    "bravo",
    "The gas price cap was agreed by energy ministers who met in Vienna on March 10, 2024. "
    "Ferry crews on the Danube walked out on March 12 in a strike over pay.",
    "2024-03-13",
)


def test_one_event_told_by_two_articles_is_one_entry(models):
    entries = build_timeline([ALPHA, BRAVO], extracted(models, [ALPHA, BRAVO]))
    talks = [e for e in entries if e.date == "2024-03-10" and "Vienna" in e.text]
    assert len(talks) == 1
    assert set(talks[0].article_ids) == {"alpha", "bravo"}


def test_different_events_on_one_date_stay_apart(models):
    entries = build_timeline([ALPHA, BRAVO], extracted(models, [ALPHA, BRAVO]))
    same_day = [e for e in entries if e.date == "2024-03-10"]
    assert any("Graz" in e.text and e.article_ids == ("alpha",) for e in same_day)
    assert len(same_day) == 2


def test_dateline_is_not_an_event(models):
    entries = build_timeline([ALPHA, BRAVO], extracted(models, [ALPHA, BRAVO]))
    assert not [
        e for e in entries if e.date == "2024-03-12" and e.article_ids == ("alpha",) and "Vienna" in e.text
    ]


def test_an_event_dated_differently_shows_both_dates(models):
    entries = build_timeline([ALPHA, BRAVO], extracted(models, [ALPHA, BRAVO]))
    monday = [e for e in entries if e.date == "2024-03-11" and "ferry" in e.text.lower()]
    tuesday = [e for e in entries if e.date == "2024-03-12" and "ferry" in e.text.lower()]
    assert monday and tuesday
    assert ("2024-03-12", ("bravo",)) in monday[0].conflicts
    assert ("2024-03-11", ("alpha",)) in tuesday[0].conflicts


def test_entries_are_sorted_by_date(models):
    entries = build_timeline([ALPHA, BRAVO], extracted(models, [ALPHA, BRAVO]))
    dates = [e.date for e in entries]
    assert dates == sorted(dates)


def test_unresolved_and_duration_references_are_not_events():
    refs = (
        TimeRef("on Sunday", "date", None, "day", None, None, "The mayor spoke on Sunday.", 0, 9),
        TimeRef(
            "for three years",
            "duration",
            None,
            "duration",
            3.0,
            None,
            "The war went on for three years.",
            0,
            9,
        ),
    )
    body = "The mayor spoke on Sunday. The war went on for three years."
    assert build_timeline([article("x", body, None)], [ArticleMentions("x", times=refs)]) == []


def test_without_lemmas_the_sentence_words_are_used():
    """Time references from elsewhere (no clause, no lemmas) still merge on their sentences' words."""

    def on_may_2(sentence: str) -> TimeRef:
        return TimeRef("on May 2", "date", "2024-05-02", "day", None, None, sentence, 30, 38)

    first = on_may_2("The harbour crane collapsed on May 2 in Gdansk.")
    second = on_may_2("In Gdansk a harbour crane collapsed on May 2.")
    entries = build_timeline(
        [], [ArticleMentions("a", times=(first,)), ArticleMentions("b", times=(second,))]
    )
    assert [(e.date, e.article_ids) for e in entries] == [("2024-05-02", ("a", "b"))]


def test_seed_story_timeline_has_the_annotated_events(models, seeds_dir):
    gold = json.loads((seeds_dir / "gold.json").read_text())
    articles = seed_articles(seeds_dir)
    entries = build_timeline(articles, extracted(models, articles))
    for expected in gold["timeline"]:
        assert any(
            e.date == expected["date"] and set(e.article_ids) & set(expected["articles"]) for e in entries
        ), expected["event"]
    geneva = [e for e in entries if e.date == "2025-11-23" and "Geneva" in e.text]
    assert any(len(e.article_ids) >= 2 for e in geneva)


def test_an_event_named_by_a_possessive_date_joins_its_reports(models):
    first = article("one", "Hundreds of homes were damaged by Friday's earthquake near Kars.", "2024-03-10")
    second = article("two", "A strong earthquake struck the city of Kars on Friday at dawn.", "2024-03-10")
    entries = build_timeline([first, second], extracted(models, [first, second]))
    friday = [e for e in entries if e.date == "2024-03-08"]
    assert len(friday) == 1 and set(friday[0].article_ids) == {"one", "two"}


def test_a_lone_date_inside_a_quotation_is_not_an_event(models):
    quoted = article(
        "q", '"We expect the harbour deal to close today," the minister told reporters.', "2024-03-10"
    )
    assert build_timeline([quoted], extracted(models, [quoted])) == []


# --------------------------------------------------------------------------- clustering at scale


def merge_every_pair(members, weights):
    """The plain definition: score every pair of groups, join the best, again, until none is
    similar enough (ties: the later pair of groups first).  Cubic; the reference."""
    parts = [[m] for m in members]
    while len(parts) > 1:
        score, i, j = max(
            (linkage(parts[i], parts[j], weights), i, j)
            for i in range(len(parts))
            for j in range(i + 1, len(parts))
        )
        if score < SAME_EVENT:
            break
        parts[i] = parts[i] + parts.pop(j)
    return parts


WORDS = ["ferry", "strike", "harbour", "crew", "pay", "mayor", "bridge", "closed", "storm", "vote", "port"]


def candidate(n: int, words: frozenset[str]) -> Candidate:
    ref = TimeRef("on Monday", "date", "2024-03-11", "day", None, None, "x", 0, 9)
    return Candidate(f"a{n % 5}", ref, words, f"clause {n}")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from(WORDS), min_size=1, max_size=5), min_size=1, max_size=30))
def test_merging_through_the_word_index_equals_comparing_every_pair(word_sets):
    members = [candidate(n, words) for n, words in enumerate(word_sets)]
    weights = word_weights(members)
    fast = merge_closest(members, weights)
    plain = merge_every_pair(members, weights)
    assert [[id(m) for m in part] for part in fast] == [[id(m) for m in part] for part in plain]
