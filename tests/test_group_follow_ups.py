"""Stories apart, part 3: which one of a series, follow-ups years on, and who a name is.

Our own texts, parsed by the real models (spaCy entities and time references through the
extract stage, sentence embeddings).  Each signal is tested with a pair that differs in it
alone, and with the case it must leave alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from tests.articles import text_article
from wirecheck import extract
from wirecheck.group.evidence import EventEvidence, event_evidence, person_keys, scheduled, series_ordinals
from wirecheck.group.stories import StoryIndex, StoryProfile, follows_from, identity_clash, story_embeddings
from wirecheck.model import Article

pytestmark = pytest.mark.slow


def assign(articles: list[Article], models) -> dict[str, str]:
    mentions = extract.extract_mentions(articles, models)
    return StoryIndex().add(articles, mentions, story_embeddings(articles, models))


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def evidence_with(figures: set[str]) -> EventEvidence:
    return EventEvidence(
        None, None, None, Counter(), None, frozenset(), frozenset(), figures=frozenset(figures)
    )


# --------------------------------------------------------------------------- which one of a series


def test_an_ordinal_with_its_noun_says_which_one_of_a_series():
    assert series_ordinals("The theatre named her its 9th artistic director on Monday.") == {"nth-artistic:9"}
    assert series_ordinals("Varga becomes the club's fourteenth manager.") == {"nth-manager:14"}
    # a date, a count of times and a place in a list are no series
    assert series_ordinals("The vote was held on the 26th of May.") == set()
    assert series_ordinals("It was the third time the bridge had closed.") == set()
    assert series_ordinals("The port is the second largest in the region.") == set()


def test_two_appointments_to_a_recurring_post_are_told_apart_by_their_ordinal(models):
    """A club names a new manager every few years; the reports read alike, undated, with no
    name in common beyond the club: the ordinal ("its 14th manager", "its 15th") and the new
    manager's age, read from the lead, push a report of the other appointment off the story
    and pull one of the same appointment in (soft evidence: 0.1 and 0.05)."""

    def manager(article_id: str, nth: str, age: int, extra: str) -> Article:
        return text_article(
            article_id,
            f"Harbour Rovers have named the {age}-year-old as the club's {nth} manager, the board "
            f"said on Saturday.\n\n{extra}\n\nThe board said the search had taken two months.",
        )

    articles = [
        manager("old-1", "14th", 44, "He signed a three-year contract."),
        manager("old-2", "14th", 44, "Supporters welcomed the choice."),
        manager("same", "14th", 44, "Fans sang his name at the ground."),
        manager("new", "15th", 51, "She signed a two-year contract."),
    ]
    mentions = extract.extract_mentions(articles, models)
    evidence = [event_evidence(a, m) for a, m in zip(articles, mentions, strict=True)]
    assert {"nth-manager:14", "age:44"} <= evidence[0].figures
    assert {"nth-manager:15", "age:51"} <= evidence[3].figures
    story = StoryProfile("story-1", article_ids=["old-1", "old-2"])
    story.figures.update(evidence[0].figures)
    story.figures.update(evidence[1].figures)
    assert identity_clash(evidence[2], story) < 0 < identity_clash(evidence[3], story)


def test_an_age_agrees_within_a_year_and_clashes_beyond():
    story = StoryProfile("story-1", article_ids=["a", "b", "c"])
    story.figures.update({"age:44": 3})
    assert identity_clash(evidence_with({"age:45"}), story) < 0  # a birthday between two reports
    assert identity_clash(evidence_with({"age:51"}), story) > 0
    # a clash in one kind outweighs an agreement in another
    story.figures.update({"nth-manager:14": 2})
    assert identity_clash(evidence_with({"age:44", "nth-manager:15"}), story) > 0


# --------------------------------------------------------------------------- a follow-up years on


def shooting(article_id: str, published: str, body: str) -> Article:
    return text_article(article_id, body, published=published)


def killing() -> list[Article]:
    return [
        shooting(
            f"killing-{n}",
            f"2019-03-1{n}",
            "A night watchman, Teodor Halloran, was shot dead outside a grain warehouse in the port "
            f"district of Kelbridge, police said. {extra}\n\nDetectives arrested a dock worker, Miles "
            "Fenwick, hours later. Halloran had guarded the warehouse for nine years.",
        )
        for n, extra in ((1, "Neighbours heard two shots."), (2, "The warehouse was closed."))
    ]


def test_a_trial_whose_lead_recalls_the_killing_and_its_people_joins_it_years_later(models):
    trial = shooting(
        "trial",
        "2021-06-04",
        "A jury convicted Miles Fenwick of murdering the night watchman Teodor Halloran in March "
        "2019 outside a grain warehouse in Kelbridge.\n\nFenwick showed no emotion as the verdict "
        "was read. The judge will pass sentence next month.",
    )
    articles = [*killing(), trial]
    mentions = extract.extract_mentions(articles, models)
    evidence = event_evidence(trial, mentions[-1])
    assert evidence.recalled == ((day("2019-03-01"), day("2019-03-31")),)
    assigned = StoryIndex().add(articles, mentions, story_embeddings(articles, models))
    assert assigned["trial"] == assigned["killing-1"] == assigned["killing-2"]


def test_an_article_about_another_event_that_recalls_the_first_in_one_paragraph_stays_apart(models):
    """Background is not identity: a later shooting in the same district, whose report recalls
    the 2019 killing in its last paragraph, is its own story; its lead names its own event."""
    later = shooting(
        "other-shooting",
        "2021-06-04",
        "A taxi driver, Rosa Quintero, was shot and wounded outside a bar in the port district of "
        "Kelbridge late on Thursday, police said.\n\nOfficers were searching for a man seen running "
        "towards the docks, and asked anyone who had filmed the street that evening to come forward. "
        "Quintero was taken to the city hospital, where doctors said her wounds were not life "
        "threatening.\n\nThe district has seen violence before: a night watchman, Teodor "
        "Halloran, was shot dead outside a grain warehouse there in March 2019.",
    )
    articles = [*killing(), later]
    mentions = extract.extract_mentions(articles, models)
    assert event_evidence(later, mentions[-1]).recalled == ()  # the recall is not in the lead
    assigned = StoryIndex().add(articles, mentions, story_embeddings(articles, models))
    assert assigned["killing-1"] == assigned["killing-2"]
    assert assigned["other-shooting"] != assigned["killing-1"]


def test_a_recalled_date_ties_only_through_the_story_s_people():
    story = StoryProfile(
        "story-1", article_ids=["a", "b"], first_day=day("2019-03-11"), last_day=day("2019-03-12")
    )
    story.protagonists.update({"halloran": 2})
    story.names.update({"halloran": 2, "fenwick": 2})
    march = ((day("2019-03-01"), day("2019-03-31")),)

    def evidence(people: dict[str, int], protagonist: str | None, recalled=march) -> EventEvidence:
        return EventEvidence(
            day("2021-06-04"),
            None,
            protagonist,
            Counter(people),
            None,
            frozenset(),
            frozenset(),
            recalled=recalled,
        )

    assert follows_from(evidence({"fenwick": 3, "halloran": 1}, "fenwick"), story)
    assert not follows_from(evidence({"quintero": 3}, "quintero"), story)  # nobody of the story
    assert not follows_from(evidence({"quintero": 3, "halloran": 1}, "quintero"), story)  # led by another
    june = ((day("2019-06-01"), day("2019-06-30")),)
    assert not follows_from(evidence({"fenwick": 3, "halloran": 1}, "fenwick", june), story)  # another time


def test_a_scheduled_date_is_a_plan_not_a_bound_on_the_page():
    assert scheduled("The sequel keeps its scheduled March 3, 2027 release date.", "March 3, 2027")
    assert scheduled("The album has a release date of 9 May 2025.", "9 May 2025")
    assert not scheduled("The bridge was closed on May 9, 2025 after the flood.", "May 9, 2025")


def test_an_undated_page_is_not_bounded_by_the_date_its_film_is_scheduled_for(models):
    page = text_article(
        "film-page",
        "The studio said director Anna Kowalczyk will not return for the sequel.\n\n"
        "The sequel is scheduled to open in theaters on March 3, 2027.",
    )
    evidence = event_evidence(page, extract.extract_mentions([page], models)[0])
    assert evidence.day is None and evidence.not_before is None


# --------------------------------------------------------------------------- who a name is


def test_a_clinic_or_a_product_named_after_someone_is_not_a_person(models):
    article = text_article(
        "clinic",
        "The singer Dana Whitcombe checked into the Harlow Ford Center on Monday.\n\n"
        "Whitcombe had cancelled her tour, her agent said.",
    )
    mentions = extract.extract_mentions([article], models)[0]
    keys = {key for key, _ in person_keys(mentions.entities, article.headline)}
    assert "center" not in keys and "whitcombe" in keys


def test_a_body_that_uses_the_first_name_alone_is_keyed_by_the_headline_s_full_name(models):
    article = text_article(
        "first-name",
        "Dana has left the clinic after thirty days, a friend said.\n\nDana plans to return to the stage in May.",
        headline="Dana Whitcombe Leaves Clinic After A Month",
    )
    evidence = event_evidence(article, extract.extract_mentions([article], models)[0])
    assert evidence.protagonist == "whitcombe"


def test_a_country_spelled_as_the_gazetteer_folds_it_is_no_finest_place(models):
    article = text_article(
        "country-only",
        "Two climbers died in New Zealand on Sunday after a fall, police in New Zealand said.\n\n"
        "New Zealand police named the climbers on Monday.",
    )
    evidence = event_evidence(article, extract.extract_mentions([article], models)[0])
    assert evidence.place is None


# --------------------------------------------------------------------------- undated parts of one person's story


class FixedLikeness(StoryIndex):
    """A story index where every story reads as ``LIKENESS`` like every other: to test what the
    evidence of when and who adds to or takes from it."""

    LIKENESS = 0.6

    def _likeness(self, feature, weights, story):  # type: ignore[no-untyped-def]
        return self.LIKENESS


def profile(story_id: str, size: int, lead: dict[str, int], **fields) -> StoryProfile:  # type: ignore[no-untyped-def]
    story = StoryProfile(story_id, article_ids=[f"{story_id}-{n}" for n in range(size)], **fields)
    story.protagonists.update(lead)
    story.names.update({key: size for key in lead})
    story.people.update({key: 3 * size for key in lead})
    return story


def test_undated_parts_led_by_one_person_owe_no_weekday_clash():
    """A rehab stay reported on the Friday of the check-in, then on a Tuesday: two undated
    parts whose leads give different weekdays.  Led by the same person (two leads or more
    each) they owe no weekday clash; a part led by someone else still does."""
    index = FixedLikeness()
    tuesday = profile("story-2", 3, {"brennan": 3})
    tuesday.weekdays.update({"tuesday": 3})
    for lead, joins in (({"brennan": 2}, True), ({"solheim": 2}, False)):
        friday = profile("story-1", 2, lead)
        friday.weekdays.update({"friday": 2})
        score = index._merge_score(friday, friday.as_features(), {}, tuesday)
        assert (score == FixedLikeness.LIKENESS) is joins


def test_an_undated_story_reaches_the_dated_story_its_main_person_leads():
    """An undated story is taken as current news, so the week buckets never lead it to a
    dated story of another year; the protagonist bucket does, but only to a dated story its
    main person leads too (a dated story where that person led one report of several is not
    reached)."""
    for dated_lead, joined in (({"brennan": 3}, True), ({"okafor": 3, "brennan": 1}, False)):
        index = FixedLikeness()
        filler = [profile(f"story-{n}", 1, {}, first_day=day("2010-01-01") + 30 * n) for n in range(1, 70)]
        for story in filler:
            story.last_day = story.first_day
        dated = profile("story-70", 4, dated_lead, first_day=day("2016-05-02"), last_day=day("2016-05-04"))
        undated = profile("story-71", 2, {"brennan": 2})
        for story in (*filler, dated, undated):
            index._stories[story.id] = story
            for article_id in story.article_ids:
                index._article_story[article_id] = story.id
        index._buckets["p:brennan"] = [dated.id]
        index._new_ids.append(undated.id)
        index._merge_new_stories(70)
        assert (index.story_of("story-71-0") == "story-70") is joined
