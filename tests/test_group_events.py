"""Two events of one kind stay two stories: when, who, where, and background is not identity.

Our own texts, parsed by the real models (spaCy entities and time references through the
extract stage, sentence embeddings): each pair reads alike on purpose, as two earthquakes or
two heists do, and only the signal under test tells them apart.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from tests.articles import text_article
from wirecheck import extract
from wirecheck.group.evidence import EventEvidence, event_evidence, headline_day, headline_key, lead_weekdays
from wirecheck.group.stories import (
    StoryIndex,
    StoryProfile,
    identity_clash,
    same_month_day,
    same_protagonist,
    story_embeddings,
)
from wirecheck.model import Article

pytestmark = pytest.mark.slow


def assign(articles: list[Article], models) -> dict[str, str]:
    mentions = extract.extract_mentions(articles, models)
    return StoryIndex().add(articles, mentions, story_embeddings(articles, models))


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


# --------------------------------------------------------------------------- when


def test_a_headline_that_is_only_a_date_line_dates_the_article():
    assert headline_day("Updated: March 3, 2016, 4:12 PM ET") == day("2016-03-03")
    assert headline_day("Posted 14 November 2019 08:30 GMT") == day("2019-11-14")
    assert headline_day("Rescuers search collapsed school after quake") is None


def test_a_date_line_the_cleaner_removed_dates_the_article():
    article = text_article(
        "dated-by-furniture",
        "Rescuers searched the collapsed school through the night.",
        removed=("Share this story", "UPDATED 14 March 2017 at 11:00 AM", "Photo: agency"),
    )
    assert event_evidence(article, None).day == day("2017-03-14")


def test_an_undated_article_naming_a_later_year_is_not_about_an_older_story(models):
    older = [
        text_article(
            f"flood-2011-{n}",
            f"Floodwater covered the lower town of Marbury on Tuesday after the Severn burst its banks. {extra}\n\n"
            "Emergency crews moved residents of riverside streets to the sports hall overnight.",
            published="2011-02-08",
        )
        for n, extra in enumerate(["Two bridges were closed.", "Schools stayed shut."])
    ]
    later = text_article(
        "flood-undated",
        "Floodwater covered the lower town of Marbury after the Severn burst its banks again.\n\n"
        "The flood defences finished in March 2016 held back the water for the first two days.\n\n"
        "Emergency crews moved residents of riverside streets to the sports hall overnight.",
    )
    evidence = event_evidence(later, extract.extract_mentions([later], models)[0])
    assert evidence.day is None and evidence.not_before == day("2016-03-01")
    assigned = assign([*older, later], models)
    assert assigned["flood-2011-0"] == assigned["flood-2011-1"]
    assert assigned["flood-undated"] != assigned["flood-2011-0"]


def heist(article_id: str, weekday: str, variant: int) -> Article:
    bodies = [
        f"Four armed robbers raided a jewellery shop in the city centre on {weekday} afternoon and "
        "escaped on motorbikes with watches and diamond rings, police said.\n\nStaff were locked "
        "in a back room during the raid, which lasted under five minutes.",
        f"Police are hunting a gang who held up a jeweller's in the city centre on {weekday}, "
        "taking rings and luxury watches before fleeing on motorbikes.\n\nEmployees were shut in "
        "a storeroom; nobody was injured, a police spokesman said.",
    ]
    return text_article(article_id, bodies[variant])


def test_undated_reports_of_a_heist_on_different_weekdays_are_two_heists(models):
    assert lead_weekdays(heist("h", "Thursday", 0)) == {"thursday"}
    same_day = assign([heist("thu-0", "Thursday", 0), heist("thu-1", "Thursday", 1)], models)
    assert same_day["thu-0"] == same_day["thu-1"]
    other_day = assign([heist("thu-0", "Thursday", 0), heist("mon-1", "Monday", 1)], models)
    assert other_day["thu-0"] != other_day["mon-1"]


# --------------------------------------------------------------------------- who


def climber(article_id: str, name: str, age: int, extra: str) -> Article:
    surname = name.split()[-1]
    return text_article(
        article_id,
        f"{name}, a {age}-year-old climber, died after falling several hundred metres from a ridge "
        f"on the mountain, police said.\n\n{surname} had set out from the hut before dawn with a "
        f"partner who raised the alarm.\n\n{extra}\n\nA rescue helicopter recovered {surname}'s body.",
    )


def test_climbers_killed_in_two_falls_are_two_stories(models):
    articles = [
        climber("fall-a-1", "Tomas Brennan", 34, "Brennan was an experienced guide from Dublin."),
        climber("fall-a-2", "Tomas Brennan", 34, "Friends said Brennan had climbed the route twice."),
        climber("fall-b-1", "Ingrid Solheim", 29, "Solheim was a nurse from Bergen on her first trip."),
        climber("fall-b-2", "Ingrid Solheim", 29, "Her family said Solheim loved the mountains."),
    ]
    assigned = assign(articles, models)
    assert assigned["fall-a-1"] == assigned["fall-a-2"]
    assert assigned["fall-b-1"] == assigned["fall-b-2"]
    assert assigned["fall-a-1"] != assigned["fall-b-1"]


def test_an_article_about_one_event_that_recalls_another_joins_its_own(models):
    """Background is not identity: the second casting article names the first actor in a
    paragraph of history, and still belongs to the story of the second casting."""
    first = [
        text_article(
            f"cast-old-{n}",
            "Daniel Okafor will play the detective in the long-running crime drama, the network said "
            f"on Saturday.\n\nOkafor, 31, {detail}\n\nOkafor said he was thrilled to take the role.",
        )
        for n, detail in enumerate(["was a stage actor until now.", "is best known for radio plays."])
    ]
    second = [
        text_article(
            f"cast-new-{n}",
            "Helen Marsh will play the detective in the long-running crime drama, the network said "
            f"on Saturday.\n\nMarsh, 45, {detail}\n\nMarsh takes over from Daniel Okafor, who played "
            "the part for six series.\n\nMarsh said she was thrilled to take the role.",
        )
        for n, detail in enumerate(["starred in two hospital dramas.", "has won a theatre award."])
    ]
    assigned = assign([*first, *second], models)
    assert assigned["cast-old-0"] == assigned["cast-old-1"]
    assert assigned["cast-new-0"] == assigned["cast-new-1"]
    assert assigned["cast-new-0"] != assigned["cast-old-0"]


# --------------------------------------------------------------------------- where


def test_the_finest_place_is_kept_and_countries_are_not_places_to_tell_events_apart(models):
    article = text_article(
        "quake-place",
        "A magnitude 5.1 earthquake shook the town of Norcia in Italy on Sunday, damaging the "
        "bell tower of its basilica.\n\nResidents of Norcia spent the night in their cars.",
    )
    evidence = event_evidence(article, extract.extract_mentions([article], models)[0])
    assert evidence.place == "norcia"


def quake(article_id: str, town: str, variant: int) -> Article:
    bodies = [
        f"A moderate earthquake shook {town} in Italy early on Sunday, cracking the walls of old "
        f"houses and sending residents into the streets.\n\nThe civil protection agency said "
        f"schools in {town} would stay closed for checks.",
        f"Residents of {town} fled their homes when an earthquake struck before dawn on Sunday, "
        f"Italy's civil protection agency said.\n\nEngineers were inspecting churches and "
        f"schools in {town} for damage.",
    ]
    return text_article(article_id, bodies[variant])


def test_earthquakes_in_two_towns_of_one_country_are_two_stories(models):
    same_town = assign([quake("modena-0", "Modena", 0), quake("modena-1", "Modena", 1)], models)
    assert same_town["modena-0"] == same_town["modena-1"]
    two_towns = assign([quake("modena-0", "Modena", 0), quake("catania-1", "Catania", 1)], models)
    assert two_towns["modena-0"] != two_towns["catania-1"]


# --------------------------------------------------------------------------- a batch's second look


def test_stories_opened_apart_in_one_batch_are_joined_and_numbered_without_gaps(models):
    """The two reports of one fall come first in the batch only through a different wording;
    whatever the order, story ids stay story-1, story-2 ... in order of creation."""
    articles = [
        climber("fall-a-1", "Tomas Brennan", 34, "Brennan was an experienced guide from Dublin."),
        climber("fall-b-1", "Ingrid Solheim", 29, "Solheim was a nurse from Bergen on her first trip."),
        climber("fall-a-2", "Tomas Brennan", 34, "Friends said Brennan had climbed the route twice."),
    ]
    assigned = assign(articles, models)
    assert assigned["fall-a-1"] == assigned["fall-a-2"]
    assert sorted(set(assigned.values())) == ["story-1", "story-2"]


def fire(article_id: str, body: str) -> Article:
    return text_article(article_id, body)


def test_the_first_report_of_an_event_leaves_the_story_it_joined_before_its_own_existed(models):
    """The first report of the mill fire names no one and reads like the timber-yard fire,
    the only story there is when it arrives; once the mill's own reports (its manager, its
    loading bay) have opened the mill's story, the batch's second look moves it there."""
    timber_yard = [
        fire(
            "yard-0",
            "A fire tore through a timber yard on the edge of Dunmore overnight, sending smoke across "
            "the town, the fire service said.\n\nCrews from four stations fought the blaze at the "
            "Harlow timber yard until dawn. Nobody was hurt.\n\nThe owner, Martin Harlow, said stacks "
            "of seasoned oak were lost.",
        ),
        fire(
            "yard-1",
            "Firefighters spent the night tackling a blaze at the Harlow timber yard in Dunmore, where "
            "stacks of oak caught fire late on the evening.\n\nMartin Harlow, who runs the yard, said "
            "the damage would run to hundreds of thousands of pounds.\n\nRoads around the yard were "
            "closed until morning.",
        ),
    ]
    paper_mill = [
        fire(
            "zmill-0",
            "Rolls of paper caught fire at a paper mill in Dunmore, sending smoke across the town, the "
            "fire service said.\n\nWorkers of the night shift left the mill safely. The mill will stay shut.",
        ),
        fire(
            "zmill-1",
            "Fire crews battled a blaze at the Kestrel paper mill in Dunmore, where rolls of paper caught "
            "fire in the loading bay.\n\nThe mill manager, Aisha Rahman, said all forty workers on the "
            "night shift got out safely. Rahman thanked the crews.\n\nThe Kestrel mill will stay shut "
            "while the building is checked.",
        ),
        fire(
            "zmill-2",
            "Forty night-shift workers escaped unhurt when rolls of paper caught fire in the loading bay "
            "of the Kestrel paper mill in Dunmore.\n\nAisha Rahman, who manages the mill, praised the "
            "workers for a calm evacuation.\n\nInvestigators from the fire service will examine the "
            "loading bay.",
        ),
    ]
    assigned = assign([*timber_yard, *paper_mill], models)
    assert assigned["yard-0"] == assigned["yard-1"]
    assert assigned["zmill-0"] == assigned["zmill-1"] == assigned["zmill-2"]
    assert assigned["zmill-0"] != assigned["yard-0"]


def test_a_date_line_without_its_year_is_read_as_month_and_day():
    article = text_article(
        "year-less",
        "Rescuers searched the collapsed school through the night.",
        removed=("Share this story", "APR 28"),
    )
    assert event_evidence(article, None).month_day == (4, 28)
    headline = text_article("year-less-headline", "Rescuers searched the school.", headline="Posted 3 March")
    assert event_evidence(headline, None).month_day == (3, 3)
    prose = text_article(
        "prose", "Rescuers searched the school.", removed=("Vote on April 28 for the school board",)
    )
    assert event_evidence(prose, None).month_day is None


def test_an_undated_page_whose_year_less_date_line_falls_in_a_story_is_dated_by_it():
    story = StoryProfile("story-1", first_day=day("2019-04-27"), last_day=day("2019-04-28"))
    near = EventEvidence(None, None, None, Counter(), None, frozenset(), frozenset(), month_day=(4, 28))
    far = EventEvidence(None, None, None, Counter(), None, frozenset(), frozenset(), month_day=(12, 14))
    assert same_month_day(near, story)
    assert not same_month_day(far, story)
    # a story reported over New Year: the date line may fall in either year
    winter = StoryProfile("story-2", first_day=day("2020-12-30"), last_day=day("2021-01-02"))
    assert same_month_day(
        EventEvidence(None, None, None, Counter(), None, frozenset(), frozenset(), month_day=(1, 1)), winter
    )


# --------------------------------------------------------------------------- who: the story's cast


def test_a_background_name_that_leads_a_story_does_not_push_out_the_story_s_own_people():
    """A story whose leads keep naming a former leader ("overturns the Garner rule") has him
    as its main name, yet its own people are the two ministers named in every article: an
    article led by one minister that names the former leader once is no other event.  An
    article that does not name the former leader at all and is led by someone the story never
    names is still kept out (another event of the kind)."""
    story = StoryProfile("story-1", article_ids=["a", "b", "c", "d"])
    story.protagonists.update({"garner": 3, "lindqvist": 1})
    story.names.update({"garner": 4, "lindqvist": 4, "okoro": 3})
    minister = EventEvidence(
        None,
        None,
        "okoro",
        Counter({"okoro": 2, "lindqvist": 2, "garner": 1}),
        None,
        frozenset(),
        frozenset(),
    )
    assert identity_clash(minister, story) == 0.0
    outsider = EventEvidence(None, None, "brandt", Counter({"brandt": 3}), None, frozenset(), frozenset())
    assert identity_clash(outsider, story) > 0.0
    # the minister named less than the former leader, not one of the story's people: a clash
    stranger = EventEvidence(
        None, None, "brandt", Counter({"brandt": 3, "garner": 1}), None, frozenset(), frozenset()
    )
    assert identity_clash(stranger, story) > 0.0


# --------------------------------------------------------------------------- a repost keeps its report's headline

FERRY_HEADLINE = "Harbour authority unveils new electric ferry for the island route"


def test_a_long_headline_is_a_report_s_own_and_a_short_one_is_not():
    assert headline_key(FERRY_HEADLINE) == headline_key(
        "HARBOUR AUTHORITY UNVEILS NEW ELECTRIC FERRY FOR THE ISLAND ROUTE!"
    )
    assert headline_key(FERRY_HEADLINE) != headline_key(
        "Harbour authority unveils new hydrogen ferry for the island route"
    )
    assert headline_key("Ferry unveiled at port") is None


def test_an_undated_repost_with_a_report_s_headline_joins_that_report_s_story(models):
    """A blog page reposts a dated report under its nine-word headline with a line of comment
    and no date.  Undated, it reads as close to another ferry's undated story as to its own;
    the headline, word for word, is what ties it to its report."""
    articles = [
        text_article(
            "launch-0",
            "The harbour authority unveiled its first electric ferry on Monday, a 60-metre vessel that "
            "will carry 300 passengers between the port and Calder Island.\n\nThe ferry charges at the "
            "quay in twenty minutes, the authority said.",
            headline=FERRY_HEADLINE,
            published="2021-06-14",
        ),
        text_article(
            "launch-1",
            "A battery-powered ferry built for the Calder Island crossing was shown to the public at the "
            "port on Monday.\n\nThe harbour authority said the vessel would enter service in September "
            "and cut the route's fuel bill.",
            headline="Electric ferry shown at port",
            published="2021-06-14",
        ),
        text_article(
            "other-0",
            "The port board unveiled a new battery ferry for the island crossing, the second of its kind "
            "on the coast.\n\nThe vessel will carry 250 passengers to Inchmore from next spring, the "
            "board said.",
            headline="Port board unveils battery ferry for Inchmore crossing",
        ),
        text_article(
            "other-1",
            "A new battery ferry for the Inchmore crossing was unveiled by the port board at the quay."
            "\n\nThe ferry replaces a diesel boat that has served the island for thirty years.",
            headline="Battery ferry unveiled for Inchmore",
        ),
        text_article(
            "repost",
            "? The harbour authority just showed off its battery ferry for the island crossing. ?\n\n"
            "Finally. The old diesel boat shook the whole deck.",
            headline=FERRY_HEADLINE,
        ),
    ]
    assigned = assign(articles, models)
    assert assigned["launch-0"] == assigned["launch-1"]
    assert assigned["other-0"] == assigned["other-1"] != assigned["launch-0"]
    assert assigned["repost"] == assigned["launch-0"]


# --------------------------------------------------------------------------- signature figures


def test_the_lead_s_magnitude_and_sum_are_an_event_s_signature_figures(models):
    articles = [
        text_article(
            "arden-quake",
            "A magnitude 4.6 earthquake shook the hill town of Arden early on Thursday, the geological "
            "survey said.\n\nThe quake was centred five miles north of Arden.",
        ),
        text_article(
            "square-heist",
            "Thieves rammed a car into a jeweller's on the main square and took gems worth €2.5 million, "
            "police said on Monday.\n\nThe gang fled on foot.",
        ),
    ]
    mentions = extract.extract_mentions(articles, models)
    quake_evidence, heist_evidence = (event_evidence(a, m) for a, m in zip(articles, mentions, strict=True))
    assert quake_evidence.figures == frozenset({"magnitude:4.6"})  # the five miles are no signature
    assert heist_evidence.figures == frozenset({"euro:2.5e+06"})


def evidence_with(figures: set[str]) -> EventEvidence:
    return EventEvidence(
        None, None, None, Counter(), None, frozenset(), frozenset(), figures=frozenset(figures)
    )


def test_a_signature_figure_is_soft_evidence_both_ways():
    story = StoryProfile("story-1", article_ids=["a", "b", "c"])
    story.figures.update({"magnitude:4.6": 3, "dollar:2.6e+06": 1})
    other_quake = identity_clash(evidence_with({"magnitude:4.4"}), story)
    same_quake = identity_clash(evidence_with({"magnitude:4.6"}), story)
    silent = identity_clash(evidence_with(set()), story)
    assert other_quake > silent == 0.0 > same_quake
    assert other_quake < 0.35  # soft: less than a clash of who or when
    # a figure the story gives only once (a conversion, a first estimate) is no clash
    assert identity_clash(evidence_with({"dollar:3e+06"}), story) == 0.0


# --------------------------------------------------------------------------- who stands in for an undated page's date


def test_an_undated_page_led_by_a_story_s_own_person_owes_no_undated_margin(models):
    """An undated page has no date to check against a dated story, so it must read closer;
    but when its lead's main person is the one who leads the story (two of its articles or
    more, half of its leads), that person is the check of "who" standing in for the date.
    A page led by someone else, or a story whose main person led one article only, still
    owes the margin."""
    pages = [
        climber("page-same", "Tomas Brennan", 34, "Brennan's brother thanked the rescue team."),
        climber("page-other", "Ingrid Solheim", 29, "Solheim had trained for a year."),
    ]
    mentions = {m.article_id: m for m in extract.extract_mentions(pages, models)}
    same, other = (event_evidence(page, mentions[page.id]) for page in pages)
    assert same.day is None and same.protagonist == "brennan" and other.protagonist == "solheim"
    story = StoryProfile("story-1", article_ids=["a", "b", "c"], first_day=day("2021-07-02"))
    story.protagonists.update({"brennan": 2, "okafor": 1})
    assert same_protagonist(same, story)
    assert not same_protagonist(other, story)
    lone = StoryProfile("story-2", article_ids=["a", "b", "c"])
    lone.protagonists.update({"brennan": 1, "okafor": 1, "varga": 1})
    assert not same_protagonist(same, lone)


# --------------------------------------------------------------------------- a story that spans weeks


def ban(article_id: str, published: str, mayor: str, town: str, act: str, extra: str) -> Article:
    surname = mayor.split()[-1]
    return text_article(
        article_id,
        f"{mayor}, the mayor of {town}, {act} a ban on diesel delivery vans in the old town centre.\n\n"
        f"{surname} said the narrow streets of {town} could no longer take the fumes and the noise.\n\n"
        f"{extra}\n\n{surname} told reporters the ban on diesel vans would be reviewed after a year.",
        published=published,
    )


def test_two_parts_of_one_person_s_story_weeks_apart_are_one_story(models):
    """A rule proposed, then signed six weeks later: the date gap alone would part them, but
    the same person leads both parts (two articles each), so the stories' second look joins
    them.  The same texts led by another mayor in another town stay apart (the control)."""
    articles = [
        ban("ban-1", "2022-03-01", "Helga Lindqvist", "Marrowby", "proposed", "Shop owners asked for time."),
        ban(
            "ban-2",
            "2022-03-02",
            "Helga Lindqvist",
            "Marrowby",
            "proposed",
            "Couriers said they would adapt.",
        ),
        ban("ban-3", "2022-04-12", "Helga Lindqvist", "Marrowby", "signed", "The council had approved it."),
        ban("ban-4", "2022-04-13", "Helga Lindqvist", "Marrowby", "signed", "The first fines start in May."),
    ]
    assigned = assign(articles, models)
    assert len({assigned[a.id] for a in articles}) == 1
    control = [
        *articles[:2],
        ban("other-3", "2022-04-12", "Osman Keller", "Dunholt", "signed", "The council had approved it."),
        ban("other-4", "2022-04-13", "Osman Keller", "Dunholt", "signed", "The first fines start in May."),
    ]
    assigned = assign(control, models)
    assert assigned["ban-1"] == assigned["ban-2"]
    assert assigned["other-3"] == assigned["other-4"]
    assert assigned["ban-1"] != assigned["other-3"]


class FixedMergeScore(StoryIndex):
    """A story index whose stories all score ``SCORE`` against each other: to test the bar."""

    SCORE = 0.42

    def _merge_score(self, story, feature, weights, other):  # type: ignore[no-untyped-def]
        return self.SCORE


def test_a_story_of_one_article_joins_another_at_an_article_s_bar():
    """The stories' second look asks more of a story of several articles (0.5) than of one
    article joining (0.36); a story of a single article is an article, so it joins at the
    article's bar.  Two stories of two articles each at the same score stay apart."""
    for sizes, joined in (((3, 1), True), ((2, 2), False)):
        index = FixedMergeScore()
        ids = iter(f"a{n}" for n in range(10))
        for number, size in enumerate(sizes, start=1):
            story = StoryProfile(f"story-{number}", article_ids=[next(ids) for _ in range(size)])
            index._stories[story.id] = story
            index._new_ids.append(story.id)
            for article_id in story.article_ids:
                index._article_story[article_id] = story.id
        index._merge_new_stories(0)
        assert (len(index.stories()) == 1) is joined
