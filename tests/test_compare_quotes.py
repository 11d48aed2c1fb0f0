"""One quote in several wordings across outlets, with the real embedding model."""

from __future__ import annotations

from tests.compare_builders import article, quote
from wirecheck.compare import quote_facts
from wirecheck.compare.quotes import wording_differences
from wirecheck.compare.text import words

PROMISE = "We will rebuild every home on the waterfront before the winter storms return."
MAYOR_A = f'Mayor Ines Calloway said: "{PROMISE}" She spoke at the harbour office.'
MAYOR_B = (
    'Calloway told reporters: "We will rebuild every house on the seafront before the winter storms return."'
)
MAYOR_C = 'The mayor said "We will rebuild every home on the waterfront before the winter storms return!"'
MAYOR_EXCERPT = 'The city will "rebuild every home on the waterfront," Mayor Ines Calloway promised.'


def mayor(article_id: str, body: str, words: str):
    """The mayor's words as quoted in one article."""
    return quote(article_id, body, words, "Ines Calloway")


def facts_for(bodies: dict[str, str], quotes, models):
    articles = {k: article(k, v) for k, v in bodies.items()}
    return quote_facts(quotes, articles, models.embedder.encode)


def test_the_same_quote_in_two_wordings_is_disputed_and_names_the_words(models):
    quotes = [
        mayor("a", MAYOR_A, PROMISE),
        mayor("b", MAYOR_B, "We will rebuild every house on the seafront before the winter storms return."),
    ]
    facts = facts_for({"a": MAYOR_A, "b": MAYOR_B}, quotes, models)
    assert len(facts) == 1
    fact = facts[0]
    assert fact.status == "disputed"
    assert "'home on'" in fact.reason and "'house on'" in fact.reason
    assert "'waterfront before'" in fact.reason and "'seafront before'" in fact.reason
    assert {c.article_id for c in fact.claims} == {"a", "b"}


def test_identical_words_after_punctuation_and_case_agree(models):
    quotes = [
        mayor("a", MAYOR_A, PROMISE),
        mayor("c", MAYOR_C, "We will rebuild every home on the waterfront before the winter storms return!"),
    ]
    facts = facts_for({"a": MAYOR_A, "c": MAYOR_C}, quotes, models)
    assert [(f.status, f.reason) for f in facts] == [("agreed", "the same words in every article")]


def test_an_excerpt_of_the_same_words_agrees(models):
    quotes = [
        mayor("a", MAYOR_A, PROMISE),
        mayor("e", MAYOR_EXCERPT, "rebuild every home on the waterfront,"),
    ]
    facts = facts_for({"a": MAYOR_A, "e": MAYOR_EXCERPT}, quotes, models)
    assert [f.status for f in facts] == ["agreed"]


def test_different_quotes_of_one_speaker_stay_apart(models):
    a = 'Calloway said: "The ferry service will resume on Thursday if the pier holds."'
    b = 'Calloway added: "Insurance claims must be filed at city hall within thirty days."'
    quotes = [
        mayor("a", a, "The ferry service will resume on Thursday if the pier holds."),
        mayor("b", b, "Insurance claims must be filed at city hall within thirty days."),
    ]
    assert facts_for({"a": a, "b": b}, quotes, models) == []


def test_the_same_words_from_two_different_speakers_are_not_one_quote(models):
    a = f'Calloway said: "{PROMISE}"'
    b = f'Governor Hal Brisco said: "{PROMISE}"'
    quotes = [mayor("a", a, PROMISE), quote("b", b, PROMISE, "Hal Brisco")]
    assert facts_for({"a": a, "b": b}, quotes, models) == []


def test_one_description_quoted_in_two_wordings_by_the_same_person(models):
    a = (
        'Harbour master Tomas Vell described the storm surge at the Valmora docks as "the highest and most '
        'destructive," with eleven cranes toppled.'
    )
    b = (
        'At the Valmora docks, harbour master Tomas Vell called the surge "one of the most violent and destructive '
        'in living memory," saying eleven cranes had fallen.'
    )
    quotes = [
        quote("a", a, "the highest and most destructive,", "Tomas Vell"),
        quote("b", b, "one of the most violent and destructive in living memory,", "Tomas Vell"),
    ]
    facts = facts_for({"a": a, "b": b}, quotes, models)
    assert [f.status for f in facts] == ["disputed"]
    assert "highest" in facts[0].reason and "violent" in facts[0].reason


def test_wording_differences_ignore_small_words_and_the_ends_of_an_excerpt():
    full = words("Now we count on the support of our partners in our further steps")
    other = words("We now count on the support of our partners in further steps")
    assert wording_differences(full, other) == []
    assert wording_differences(words("count on the support of our partners"), full) == []


def _one_speaker(bodies: dict[str, str], models):
    """Each article quotes one speaker between double quote marks."""
    quotes = [quote(key, body, body.split('"')[1], "Ines Calloway") for key, body in bodies.items()]
    return facts_for(bodies, quotes, models)


def test_quote_marks_inside_a_quote_and_a_swept_in_attribution_are_no_other_wording(models):
    a = "She told the crowd, 'We will not move the market.' Then she left."
    b = "Calloway said. ''She told the crowd, We will not move the market."
    quotes = [
        quote("a", a, "She told the crowd, 'We will not move the market.'", "Ines Calloway"),
        quote("b", b, b, "Ines Calloway"),
    ]
    assert [f.status for f in facts_for({"a": a, "b": b}, quotes, models)] == ["agreed"]


def test_words_an_editor_put_in_brackets_are_not_the_speakers_other_wording(models):
    bodies = {
        "a": '"[The inspectors] checked every crane on the wharf before dawn," Calloway said.',
        "b": '"They checked every crane on the wharf before dawn," Calloway said.',
        "c": '"They checked every crane (on the wharf) before dawn," Calloway said.',
    }
    assert [f.status for f in _one_speaker(bodies, models)] == ["agreed"]


def test_british_and_american_spelling_of_one_quote_agree(models):
    bodies = {
        "a": '"The neighbourhood centre was organised by volunteers who travelled all night," she said.',
        "b": '"The neighborhood center was organized by volunteers who traveled all night," she said.',
    }
    assert [f.status for f in _one_speaker(bodies, models)] == ["agreed"]


def test_excerpts_going_on_with_different_sentences_are_no_other_wording(models):
    first = "The pumps ran through the night and the water fell by a metre."
    bodies = {
        "a": f'"{first} We expect the tunnel to reopen by Friday," Calloway said.',
        "b": f'"{first} Nobody was hurt in the flooding," Calloway said.',
    }
    assert [f.status for f in _one_speaker(bodies, models)] == ["agreed"]


def test_one_sentence_reworded_inside_a_longer_quote_is_still_found(models):
    bodies = {
        "a": '"The pumps ran all night. Somebody opened the floodgate too early," Calloway said.',
        "b": '"The pumps ran all night. Something opened the floodgate too early," Calloway said.',
    }
    facts = _one_speaker(bodies, models)
    assert [f.status for f in facts] == ["disputed"]
    assert "'somebody opened'" in facts[0].reason and "'something opened'" in facts[0].reason
