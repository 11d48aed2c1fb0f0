"""The story timeline: dated events merged across articles, datelines left out (our own texts)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.articles import seed_articles, text_article
from wirecheck import clean, ingest
from wirecheck.extract.timerefs import find_time_refs
from wirecheck.model import Article, ArticleMentions, TimeRef
from wirecheck.report import timeline
from wirecheck.report.timeline import (
    MIN_AVERAGE_LINK,
    SAME_EVENT,
    SAME_EVENT_OTHER_DATE,
    Candidate,
    build_timeline,
    key_words,
    linkage,
    make_candidate,
    merge_closest,
    normalise,
    similarity,
    tells_same_event,
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
    """The plain definition: clauses worded alike start as one group; score every pair of
    groups, join the best, again, until none is similar enough (ties: the later pair of groups
    first).  Cubic; the reference."""
    alike = {}
    for m in members:
        alike.setdefault(m.words, []).append(m)
    parts = list(alike.values())
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


def merge_every_member_pair(members, weights):
    """The clustering before issue 17's last item, the reference for the demo and seed corpora:
    every clause its own group, every pair with any similarity counted in the average."""

    def old_linkage(first, second):
        scores = [similarity(a.words, b.words, weights) for a in first for b in second]
        return max(scores) if sum(scores) / len(scores) >= MIN_AVERAGE_LINK else 0.0

    parts = [[m] for m in members]
    while len(parts) > 1:
        score, i, j = max(
            (old_linkage(parts[i], parts[j]), i, j)
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


@pytest.mark.parametrize("corpus", ["seeds", "demo"])
def test_timelines_of_the_demo_and_seed_corpora_are_as_before(models, seeds_dir, demo_dir, corpus):
    """The near-linear clustering gives the very entries the every-member-pair clustering gave
    (same events, same articles in the same order, same lines and other dates), with all the
    corpus's articles told as one story so that many clauses meet on one date."""
    documents = ingest.read_inputs([str(seeds_dir if corpus == "seeds" else demo_dir)]).documents
    articles = clean.clean_documents(documents)
    mentions = extracted(models, articles)
    fast = build_timeline(articles, mentions)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timeline, "merge_closest", merge_every_member_pair)
        before = build_timeline(articles, mentions)
    assert len(fast) >= 15
    assert fast == before


# one stormy day in a harbour town, retold by 240 reports: every clause names the storm, the town
# and its residents, and each adds a reporter's own detail, so no two are worded alike
STORM_EVENTS = [
    ("power", "lines", "snapped", "Quarry", "Lane"),
    ("ferry", "service", "suspended", "crossings", "cancelled"),
    ("school", "roof", "collapsed", "gymnasium", "pupils"),
    ("hospital", "generator", "failed", "wards", "backup"),
    ("bridge", "closed", "traffic", "Millrace", "diverted"),
    ("volunteers", "filled", "sandbags", "quay", "seawall"),
]
STORM_WORDS = ("storm", "Lakeport", "residents")


def storm_day(reports: int) -> tuple[list[ArticleMentions], dict[str, int]]:
    """``reports`` one-clause reports of the storm day, and the event each tells."""
    mentions, told = [], {}
    for n in range(reports):
        event = n % len(STORM_EVENTS)
        words = STORM_EVENTS[event]
        chosen = [words[(n // len(STORM_EVENTS) + k) % len(words)] for k in range(3)]  # 3 of its 5 words
        detail = f"detail{n}"  # what only this report adds
        clause = " ".join([*STORM_WORDS, *chosen, detail])
        sentence = f"On June 4 {clause}."
        ref = TimeRef(
            "On June 4", "date", "2024-06-04", "day", None, None, sentence, 0, 9,
            event_text=clause, event_words=(*STORM_WORDS, *chosen, detail),
        )  # fmt: skip
        mentions.append(ArticleMentions(f"r{n}", times=(ref,)))
        told[f"r{n}"] = event
    return mentions, told


def test_many_reports_of_one_day_sharing_common_words_group_by_event():
    mentions, told = storm_day(240)
    entries = build_timeline([], mentions)
    groups = sorted(sorted(e.article_ids) for e in entries)
    expected = sorted(sorted(r for r, event in told.items() if event == e) for e in range(len(STORM_EVENTS)))
    assert groups == expected


def test_the_common_words_of_a_day_are_not_looked_up():
    """A clause's key words (the ones looked up to find its partners) leave out the words every
    clause of the day shares, when its rarer words weigh enough on their own."""
    mentions, _ = storm_day(240)
    members = [make_candidate(m.article_id, m.times[0], None) for m in mentions]
    weights = word_weights(members)
    common = {normalise(w) for w in STORM_WORDS}
    for member in members:
        keys = key_words(member.words, weights)
        assert keys and not set(keys) & common


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.frozensets(st.sampled_from(WORDS), min_size=1, max_size=5), min_size=1, max_size=12),
    st.lists(st.frozensets(st.sampled_from(WORDS), min_size=1, max_size=5), min_size=1, max_size=12),
)
def test_looking_up_key_words_finds_the_same_event_on_another_date(first_sets, second_sets):
    """Other dates of one event: the key-word lookup finds a close pair exactly when one exists."""
    first = [candidate(n, words) for n, words in enumerate(first_sets)]
    second = [candidate(n + 100, words) for n, words in enumerate(second_sets)]
    weights = word_weights(first + second)
    every_pair = any(
        similarity(a.words, b.words, weights) >= SAME_EVENT_OTHER_DATE for a in first for b in second
    )
    assert tells_same_event(first, second, weights) == every_pair
