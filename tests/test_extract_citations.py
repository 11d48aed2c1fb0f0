"""Citations: the outlets and agencies an article leans on, and nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirecheck.extract.citations import find_citations, outlet_name
from wirecheck.model import Citation


def cites(models, text: str) -> list[Citation]:
    return find_citations(models.nlp(text))


def sources(models, text: str) -> set[str]:
    return {c.source for c in cites(models, text)}


def test_according_to_told_and_reported_by(models):
    text = (
        "The ferry was delayed for six hours, according to Reuters. "
        "A harbour official told The Associated Press that the engines had failed. "
        "Another official told the AP the repairs would take a week. "
        "The damage was first described, as reported by the FT, by a passenger on the deck."
    )
    assert sources(models, text) == {"Reuters", "The Associated Press", "Financial Times"}


def test_outlets_as_subject_of_reported_and_in_a_list(models):
    text = (
        "Sky News and the BBC reported that the bridge had been closed. "
        "The plan, as reported by several outlets including Bloomberg and the Financial Times, was dropped."
    )
    assert sources(models, text) == {"Sky News", "BBC", "Bloomberg", "Financial Times"}


def test_outlet_named_with_a_media_word(models):
    text = (
        "The minister was speaking to the Bergens Tidende newspaper on Monday. "
        "He later told Norway's NTB news agency that the talks would go on, telling RTL radio the same."
    )
    found = sources(models, text)
    assert "RTL" in found
    assert "NTB" in found or "Bergens Tidende" in found


def test_agency_computation_counts_as_citation(models):
    found = cites(
        models, "It was the third largest storm of the decade, according to an AFP count of official data."
    )
    assert [c.source for c in found] == ["AFP"]
    assert found[0].text.startswith("according to")


def test_people_and_official_bodies_are_not_outlets(models):
    text = (
        "Twelve boats were damaged, according to Mayor Ana Lopes. "
        "According to the Norwegian Fisheries Ministry, the quota stays the same. "
        "According to the coast guard, two sailors were rescued. "
        "Fisheries Minister Tomas Berg told reporters the port would reopen. "
        "The ministry reported that the storm had passed, the Harbour Council said."
    )
    assert sources(models, text) == set()


def test_a_person_saying_something_is_not_an_outlet_but_a_known_agency_is(models):
    assert sources(models, "Ana Lopes said the port would reopen on Friday.") == set()
    assert sources(models, "Reuters said the port would reopen on Friday.") == {"Reuters"}


def test_spans_point_into_the_text(models):
    text = "The fleet stayed in port, CNN reported, after the storm warning."
    for c in cites(models, text):
        assert " ".join(text[c.start : c.end].split()) == c.text
        assert c.source in c.text or c.source == "The Associated Press"


def test_outlet_name_normalisation():
    assert outlet_name("Germany's dpa news agency") == "dpa"
    assert outlet_name("the Kommersant newspaper") == "Kommersant"
    assert outlet_name("FT") == "Financial Times"
    assert outlet_name("Kyiv Post") == "Kyiv Post"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(
            st.sampled_from(
                [
                    "according",
                    "to",
                    "told",
                    "the",
                    "AP",
                    "reported",
                    "by",
                    "CNN",
                    "Reuters",
                    ",",
                    ".",
                    "news",
                    "agency",
                    "'s",
                ]
            ),
            max_size=40,
        ).map(" ".join),
    )
)
def test_arbitrary_text_never_crashes_citations(models, text):
    for c in find_citations(models.nlp(text)):
        assert 0 <= c.start <= c.end <= len(text)
        assert c.source


def test_an_organisation_named_with_a_media_word_as_speaker(models):
    assert sources(models, "State broadcaster MRTV said 3,408 people had been injured.") == {"MRTV"}


def test_a_capitalised_media_word_is_part_of_the_outlet_name(models):
    text = (
        "The levee failed overnight, according to the Fairbanks Daily News. "
        "Two roads were shut, the Portland Evening News reported. "
        "A ranger told the Tromso Herald newspaper that the trail was closed."
    )
    assert sources(models, text) == {"Fairbanks Daily News", "Portland Evening News", "Tromso Herald"}
