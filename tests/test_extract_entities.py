"""Entities: names without titles, roles, and one canonical name per story."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.articles import text_article as article
from tests.lookup import first_where
from wirecheck.extract.entities import find_entities
from wirecheck.extract.names import acronym, edit_distance, fold_name
from wirecheck.extract.story import resolve_story_entities
from wirecheck.model import ArticleMentions, EntityMention


def mentions_of(models, text: str) -> list[EntityMention]:
    return find_entities(models.nlp(text))


def person(mentions: list[EntityMention], name: str) -> EntityMention:
    return first_where(mentions, lambda m: m.text == name and m.label == "PERSON", f"PERSON {name!r}")


# --------------------------------------------------------------------------- names


def test_fold_name_joins_transliterations_and_keeps_different_names_apart():
    assert fold_name("Zelenskyy") == fold_name("Zelensky") == fold_name("Zelenskiy")
    assert fold_name("Vitalii Klitschko") == fold_name("Vitaliy Klitschko")
    assert fold_name("Sergei Lavrov") == fold_name("Sergey Lavrov")
    assert fold_name("Dmitri") == fold_name("Dmitry")
    assert fold_name("the U.S.") == fold_name("US")
    assert fold_name("Starmer's") == fold_name("Starmer")
    assert fold_name("Keir Starmer") != fold_name("Keith Starmer")
    assert fold_name("CNN") != fold_name("CN")


def test_acronym_and_edit_distance():
    assert acronym("the United States") == "us"
    assert acronym("European Union") == "eu"
    assert acronym("Reuters") == ""
    assert edit_distance("keir", "keith") == 2
    assert edit_distance("", "abc") == 3
    assert edit_distance("same", "same") == 0


# --------------------------------------------------------------------------- one article


def test_title_before_a_name_becomes_its_role(models):
    mentions = mentions_of(
        models,
        "Fisheries Minister Ana Lopes met the fleet on Monday. "
        "City council press secretary Mara Quint announced the new harbour fees on Tuesday.",
    )
    lopes = person(mentions, "Ana Lopes")
    assert lopes.role == "Fisheries Minister"
    quint = person(mentions, "Mara Quint")
    assert quint.role is not None and quint.role.endswith("press secretary")
    assert all(not m.text.startswith(("Minister", "Fisheries")) for m in mentions if m.label == "PERSON")


def test_possessive_title_and_title_with_of(models):
    mentions = mentions_of(
        models,
        "Norway's chief negotiator Lars Holm arrived in Oslo. "
        "The talks were opened by US Secretary of State Marco Rubio in the morning.",
    )
    assert person(mentions, "Lars Holm").role == "Norway's chief negotiator"
    assert person(mentions, "Marco Rubio").role == "US Secretary of State"
    assert not any(m.text == "State" for m in mentions)


def test_appositive_gives_a_role(models):
    mentions = mentions_of(
        models,
        "Tomas Berg, a former trade minister who now chairs the port board, said the quay would reopen.",
    )
    assert person(mentions, "Tomas Berg").role == "former trade minister"


def test_spans_point_into_the_text_and_possessive_is_stripped(models):
    text = "The plan drew on Ana Lopes's earlier proposal, and Ana Lopes defended it in Bergen."
    mentions = mentions_of(models, text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert all(not m.text.endswith("'s") for m in mentions)
    assert sum(m.text == "Ana Lopes" for m in mentions) == 2


def test_headings_are_not_read_as_names(models):
    text = "Harbour Talks Stall Again\nThe mayor of Bergen spoke to fishermen on the quay for an hour."
    mentions = mentions_of(models, text)
    assert all(m.start >= text.index("\n") for m in mentions)


# --------------------------------------------------------------------------- story level


def story_entities(models, bodies: dict[str, str]):
    articles = [article(i, b) for i, b in bodies.items()]
    mentions = [ArticleMentions(a.id, entities=tuple(find_entities(models.nlp(a.body)))) for a in articles]
    return resolve_story_entities(articles, mentions)


def by_name(entities, name):
    return first_where(entities, lambda e: e.name == name, f"entity named {name!r}", lambda e: e.name)


def test_surname_and_transliteration_join_one_person(models):
    entities = story_entities(
        models,
        {
            "a": "Ukrainian President Volodymyr Zelenskyy spoke in Kyiv on Monday. Zelenskyy thanked the allies.",
            "b": "President Volodymyr Zelenskyy travelled to Warsaw. Later Zelensky met the Polish prime minister.",
            "c": "Andriy Yermak joined the meeting. Andrii Yermak later left for Brussels.",
        },
    )
    zelenskyy = by_name(entities, "Volodymyr Zelenskyy")
    assert zelenskyy.type == "PERSON"
    assert set(zelenskyy.aliases) >= {"Zelenskyy", "Zelensky"}
    assert zelenskyy.article_ids == ("a", "b")
    assert "President" in zelenskyy.roles or "Ukrainian President" in zelenskyy.roles
    yermak = [e for e in entities if "Yermak" in e.name]
    assert len(yermak) == 1 and yermak[0].type == "PERSON"
    assert not any(e.name in {"Zelenskyy", "Zelensky"} for e in entities)


def test_clashing_first_name_is_kept_as_a_visible_variant(models):
    entities = story_entities(
        models,
        {
            "a": "British Prime Minister Keir Starmer hosted the call on Tuesday.",
            "b": "Prime Minister Keir Starmer said the coalition would meet again.",
            "c": "The call was chaired by British Prime Minister Keith Starmer in London.",
        },
    )
    starmer = by_name(entities, "Keir Starmer")
    assert starmer.variants == (("Keith Starmer", ("c",)),)
    assert starmer.article_ids == ("a", "b", "c")
    assert "Keith Starmer" not in starmer.aliases
    assert not any(e.name == "Keith Starmer" for e in entities)


def test_different_people_with_one_surname_stay_apart(models):
    entities = story_entities(
        models,
        {
            "a": "Donald Trump spoke to reporters in Washington on Friday.",
            "b": "Melania Trump visited a hospital in Florida on Friday.",
        },
    )
    names = {e.name for e in entities if e.type == "PERSON"}
    assert {"Donald Trump", "Melania Trump"} <= names


def test_majority_type_corrects_a_lone_place_tagged_as_person():
    def m(text: str, label: str, start: int = 0) -> EntityMention:
        return EntityMention(text=text, label=label, start=start, end=start + len(text))  # type: ignore[arg-type]

    mentions = [
        ArticleMentions("a", entities=(m("Lviv", "PERSON"), m("Lviv", "GPE", 10))),
        ArticleMentions("b", entities=(m("Lviv", "PERSON"), m("Lviv", "PERSON", 20))),
        ArticleMentions("c", entities=(m("Lviv", "GPE"), m("European Union", "ORG", 10), m("EU", "ORG", 30))),
    ]
    articles = [article(i, "x") for i in "abc"]
    entities = resolve_story_entities(articles, mentions)
    lviv = by_name(entities, "Lviv")
    assert lviv.type == "GPE"
    assert lviv.article_ids == ("a", "b", "c")
    eu = [e for e in entities if "EU" in (e.name, *e.aliases)]
    assert len(eu) == 1 and eu[0].name in {"European Union", "EU"}


def test_empty_story_gives_no_entities():
    assert resolve_story_entities([], []) == []


# --------------------------------------------------------------------------- robustness


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_text_never_crashes_entities(models, text):
    for m in find_entities(models.nlp(text)):
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start : m.end] == m.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "Ana Lopes",
                "Lopes",
                "President",
                "Minister",
                "of",
                "the",
                "Bergen",
                "Oslo",
                ",",
                "'s",
                "said",
                "\n\n",
                "Keith",
                "Keir",
            ]
        ),
        max_size=40,
    )
)
def test_name_like_noise_never_crashes_story_resolution(models, words):
    text = " ".join(words)
    articles = [article("a", text), article("b", text.upper())]
    mentions = [ArticleMentions(a.id, entities=tuple(find_entities(models.nlp(a.body)))) for a in articles]
    for entity in resolve_story_entities(articles, mentions):
        assert entity.name and set(entity.article_ids) <= {"a", "b"}


def test_name_cut_at_a_particle_is_repaired(models):
    mentions = mentions_of(
        models, "Commission chief Ursula von der Leyen put the figures on the table on Tuesday."
    )
    assert person(mentions, "Ursula von der Leyen").role == "Commission chief"
    assert not any(m.text == "Leyen" for m in mentions)


def test_misspelt_surname_is_a_variant_and_romanisation_is_an_alias():
    def m(text: str, start: int = 0) -> EntityMention:
        return EntityMention(text=text, label="PERSON", start=start, end=start + len(text))

    mentions = [
        ArticleMentions("a", entities=(m("Ed Miliband"), m("Mykhailo Podolyak", 20))),
        ArticleMentions("b", entities=(m("Ed Miliband"), m("Miliband", 30), m("Ursula von der Leyen", 40))),
        ArticleMentions(
            "c",
            entities=(
                m("Ed Milliband"),
                m("Milliband", 30),
                m("Mykhailo Podoliak", 50),
                m("von der Leyen", 70),
            ),
        ),
    ]
    entities = resolve_story_entities([article(i, "x") for i in "abc"], mentions)
    miliband = by_name(entities, "Ed Miliband")
    assert dict(miliband.variants) == {"Ed Milliband": ("c",), "Milliband": ("c",)}
    assert miliband.article_ids == ("a", "b", "c")
    podolyak = [e for e in entities if e.name.startswith("Mykhailo")]
    assert len(podolyak) == 1 and podolyak[0].variants == ()
    assert set(podolyak[0].aliases) | {podolyak[0].name} == {"Mykhailo Podolyak", "Mykhailo Podoliak"}
    assert not any(e.name in {"Milliband", "Ed Milliband", "von der Leyen"} for e in entities)
    assert by_name(entities, "Ursula von der Leyen").article_ids == ("b", "c")
