"""Figure alignment at scale (issue 15): bucketing by place and date, and joining groups by their
summaries, give exactly what comparing every pair of figures and of group members gives."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from wirecheck.compare.align import GroupFrame, QuantityClaim, compatible, frame_partners
from wirecheck.compare.dates import DateClaim, joined_by_subject
from wirecheck.compare.merge import merge_best_pairs, merge_best_pairs_summarised
from wirecheck.model import Quantity

PLACES = [None, "", "valmora", "orsk", "kettle bay"]
DATES = [None, "2025-03-01", "2025-03-02", "overnight"]  # "overnight": a time that is not a date
VERSIONS = [None, "", "original", "revised"]


def figure(article: int, number: float, place: str | None, time: str | None, version: str | None, at: int):
    sentence = f"Report {article} counts {number} homes."
    quantity = Quantity(
        text=f"{number} homes",
        value=str(number),
        number=number,
        qualifier=None,
        counted="home",
        event="flood",
        place=place,
        time=time,
        sentence=sentence,
        start=at,
        end=at + 5,
    )
    return QuantityClaim(
        article_id=f"a{article}",
        quantity=quantity,
        counted="home",
        event="flood",
        event_word="flooded",
        place=place,
        place_key=place,
        place_inferred=False,
        version=version,
        sentence_start=0,
        sentence_end=len(sentence),
        sentence=sentence,
    )


figures = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.sampled_from([3.0, 5.0, 12.0]),
        st.sampled_from(PLACES),
        st.sampled_from(DATES),
        st.sampled_from(VERSIONS),
    ),
    min_size=1,
    max_size=24,
).map(lambda rows: [figure(*row, at=10 * n) for n, row in enumerate(rows)])


@settings(max_examples=120, deadline=None)
@given(figures)
def test_bucketing_by_place_and_date_keeps_every_pair_they_allow(block):
    found = frame_partners(block)
    assert len(found) == len(set(found))
    allowed = {
        (i, j)
        for i, j in combinations(range(len(block)), 2)
        if not (block[i].place_key and block[j].place_key and block[i].place_key != block[j].place_key)
        and not (
            block[i].quantity.time in DATES[1:3]
            and block[j].quantity.time in DATES[1:3]
            and block[i].quantity.time != block[j].quantity.time
        )
    }
    assert set(found) == allowed


@settings(max_examples=120, deadline=None)
@given(figures, st.data())
def test_joining_by_summaries_equals_checking_every_pair_of_members(block, data):
    candidate_pairs = [
        (i, j) for i, j in combinations(range(len(block)), 2) if compatible(block[i], block[j])
    ]
    scores = data.draw(st.lists(st.sampled_from([0.5, 0.6, 0.7, 0.9]), min_size=len(candidate_pairs)))
    pairs = [(score, i, j) for score, (i, j) in zip(scores, candidate_pairs, strict=False)]

    def all_compatible(group: list[int], other: list[int]) -> bool:
        return all(compatible(block[x], block[y]) for x in group for y in other)

    every_pair = merge_best_pairs(len(block), pairs, all_compatible)
    summaries = [GroupFrame.of(claim) for claim in block]
    by_summary = merge_best_pairs_summarised(summaries, pairs, GroupFrame.may_join, GroupFrame.join)
    assert by_summary == every_pair


def dated(row: tuple[int, str, tuple[str, ...], str, str], at: int) -> DateClaim:
    article, verb, subject, date, granularity = row
    return DateClaim(
        f"a{article}", verb, subject, None, date, granularity, "on Friday", at, at + 9, "x", 0, 1
    )


date_claims = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.sampled_from(["open", "break out", "origin"]),
        st.lists(st.sampled_from(["fire", "Fire", "bridge", "Harbour", "mill"]), min_size=1, max_size=3).map(
            tuple
        ),
        st.sampled_from(["2025-03-01", "2025-03-02", "2025-04-20"]),
        st.sampled_from(["day", "year"]),
    ),
    max_size=30,
).map(lambda rows: [dated(row, 10 * n) for n, row in enumerate(rows)])


@settings(max_examples=120, deadline=None)
@given(date_claims)
def test_dates_joined_through_an_index_of_subject_words_equal_joining_every_pair(claims):
    """One event: the same verb and a subject word in common, directly or through other claims."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in combinations(range(len(claims)), 2):
        a, b = claims[i], claims[j]
        if a.verb == b.verb and {w.lower() for w in a.subject} & {w.lower() for w in b.subject}:
            parent[root(j)] = root(i)
    every_pair: dict[int, list[DateClaim]] = {}
    for i, claim in enumerate(claims):
        every_pair.setdefault(root(i), []).append(claim)
    assert joined_by_subject(claims) == list(every_pair.values())
