"""The judging rules, one by one, including the differences that must NOT be called disputes."""

from __future__ import annotations

from wirecheck.compare.judge import Reading, judge_span, judge_tally


def reading(
    article_id: str, value: str, number: float, qualifier: str | None = None, when: str | None = None
):
    return Reading(article_id, article_id, value, number, qualifier, when)


def test_lower_bounds_with_different_figures_are_a_soft_dispute_that_says_so():
    verdict = judge_tally(
        [reading("a", "at least six", 6, "at least"), reading("b", "at least seven", 7, "at least")]
    )
    assert verdict.status == "disputed"
    assert verdict.soft
    assert "lower bounds" in verdict.reason
    assert "at least six (a)" in verdict.reason and "at least seven (b)" in verdict.reason


def test_more_than_twenty_and_over_thirty_differ_in_figure_not_in_logic():
    verdict = judge_tally(
        [reading("a", "over 30", 30, "more than"), reading("b", "more than 20", 20, "more than")]
    )
    assert (verdict.status, verdict.soft) == ("disputed", True)
    assert "both are lower bounds" in verdict.reason


def test_bare_figures_that_differ_cannot_both_be_right():
    verdict = judge_tally([reading("a", "20", 20), reading("b", "13", 13)])
    assert verdict.status == "disputed"
    assert not verdict.soft
    assert "cannot both be right" in verdict.reason


def test_same_figure_with_a_hedge_agrees():
    assert (
        judge_tally([reading("a", "460", 460), reading("b", "over 460", 460, "more than")]).status == "agreed"
    )
    verdict = judge_tally([reading("a", "13", 13), reading("b", "at least 13", 13, "at least")])
    assert verdict.status == "agreed"
    assert "only hedged differently" in verdict.reason


def test_bounds_that_exclude_each_other_are_disputed_even_for_one_figure():
    verdict = judge_tally(
        [reading("a", "fewer than 40", 40, "fewer than"), reading("b", "more than 40", 40, "more than")]
    )
    assert verdict.status == "disputed"


def test_one_article_is_single():
    assert judge_tally([reading("a", "five", 5)]).status == "single"


def test_a_toll_that_rises_between_publications_is_an_update():
    verdict = judge_tally(
        [
            reading("early", "four", 4, when="2031-03-04T06:10"),
            reading("late", "nine", 9, when="2031-03-04T18:40"),
        ],
        cumulative=True,
    )
    assert verdict.status == "agreed"
    assert verdict.reason.startswith("updated over time")


def test_a_falling_toll_or_an_unordered_one_is_no_update():
    falling = [
        reading("early", "nine", 9, when="2031-03-04T06:10"),
        reading("late", "four", 4, when="2031-03-04T18:40"),
    ]
    assert judge_tally(falling, cumulative=True).status == "disputed"
    same_day = [reading("x", "four", 4, when="2031-03-04"), reading("y", "nine", 9, when="2031-03-04")]
    assert judge_tally(same_day, cumulative=True).status == "disputed"
    date_against_time = [
        reading("x", "four", 4, when="2031-03-04"),
        reading("y", "nine", 9, when="2031-03-04T18:40"),
    ]
    assert judge_tally(date_against_time, cumulative=True).status == "disputed"


def test_updates_only_count_for_tallies_that_grow():
    verdict = judge_tally(
        [
            reading("early", "12 points", 12, when="2031-03-01"),
            reading("late", "15 points", 15, when="2031-03-09"),
        ]
    )
    assert verdict.status == "disputed"


def test_spans_of_time_whose_ranges_cannot_meet_are_disputed():
    verdict = judge_span(
        [reading("a", "almost five years", 5, "nearly"), reading("b", "nearly four years", 4, "nearly")]
    )
    assert verdict.status == "disputed"
    assert "cannot both hold" in verdict.reason


def test_approximate_spans_that_overlap_agree():
    assert (
        judge_span([reading("a", "almost five years", 5, "nearly"), reading("b", "four years", 4)]).status
        == "agreed"
    )
    assert (
        judge_span(
            [reading("a", "over four years", 4, "more than"), reading("b", "nearly five", 5, "nearly")]
        ).status
        == "agreed"
    )


def test_a_bare_figure_inside_another_outlets_bound_agrees():
    verdict = judge_tally([reading("a", "Twenty-three", 23), reading("b", "at least 21", 21, "at least")])
    assert verdict.status == "agreed"
    assert "within" in verdict.reason


def test_a_round_lower_bound_just_under_the_figure_agrees_but_far_under_it_does_not():
    rounded = [
        reading("a", "more than 1,600", 1600, "more than"),
        reading("b", "at least 1,644", 1644, "at least"),
    ]
    assert judge_tally(rounded).status == "agreed"
    far = [
        reading("a", "more than 1,000", 1000, "more than"),
        reading("b", "at least 1,644", 1644, "at least"),
    ]
    assert judge_tally(far).status == "disputed"


def test_one_conflicting_pair_makes_the_whole_fact_a_hard_dispute():
    verdict = judge_tally(
        [reading("a", "20", 20), reading("b", "13", 13), reading("c", "at least 13", 13, "at least")]
    )
    assert (verdict.status, verdict.soft) == ("disputed", False)


def test_two_approximate_figures_that_differ_are_disputed():
    verdict = judge_tally([reading("a", "about 18", 18, "about"), reading("b", "about 16", 16, "about")])
    assert verdict.status == "disputed"
