"""Two events of one kind stay two stories: when, who, where, and background is not identity.

Our own texts, parsed by the real models (spaCy entities and time references through the
extract stage, sentence embeddings): each pair reads alike on purpose, as two earthquakes or
two heists do, and only the signal under test tells them apart.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.articles import text_article
from wirecheck import extract
from wirecheck.group.evidence import event_evidence, headline_day, lead_weekdays
from wirecheck.group.stories import StoryIndex, story_embeddings
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
