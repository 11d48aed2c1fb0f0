"""Quotes: the marks in all their forms, and who said the words."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirecheck.extract.entities import find_entities
from wirecheck.extract.quotes import find_quote_spans, find_quotes
from wirecheck.extract.story import resolve_story_entities, resolve_story_quotes
from wirecheck.model import Article, ArticleMentions, QuoteMention


def quotes_of(models, text: str) -> list[QuoteMention]:
    doc = models.nlp(text)
    return find_quotes(doc, find_entities(doc))


def quote_starting(quotes: list[QuoteMention], start: str) -> QuoteMention:
    found = [q for q in quotes if q.text.startswith(start)]
    assert found, f"no quote starting {start!r} in {[q.text for q in quotes]}"
    return found[0]


# --------------------------------------------------------------------------- marks


def test_straight_curly_and_mixed_marks():
    text = (
        'He said "the nets came up empty" again.\n\n'
        "\u201cWe fish at dawn,\u201d she said.\n\n"
        '\u201cThe quay is closed until Friday," the mayor said.'
    )
    words = [text[s.start : s.end] for s in find_quote_spans(text)]
    assert words == ["the nets came up empty", "We fish at dawn", "The quay is closed until Friday"]


def test_misspaced_marks_still_pair():
    text = 'The skipper told reporters that" the nets came up empty" and" nothing at all" was left.'
    words = [text[s.start : s.end] for s in find_quote_spans(text)]
    assert words == ["the nets came up empty", "nothing at all"]


def test_quote_closing_in_the_next_paragraph_is_one_quote():
    text = '"The harbour will stay open all season\n\nand the boats can leave at dawn," the mayor said.'
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].endswith("leave at dawn")
    assert spans[0].last_paragraph == 1


def test_paragraph_left_open_chains_to_the_next_quoted_paragraph():
    text = (
        'Berg said the "quotas are settled for the year.\n\n"The fleet can plan its season now," Berg said.'
    )
    spans = find_quote_spans(text)
    assert [s.close is None for s in spans] == [True, False]
    assert spans[1].chained


# --------------------------------------------------------------------------- speakers


def test_attribution_after_before_and_inverted(models):
    quotes = quotes_of(
        models,
        '"We will rebuild the sea wall before the winter storms," Mayor Ana Lopes said on Monday.\n\n'
        'Fisheries Minister Tomas Berg told the council, "The quotas will not be cut this year."\n\n'
        '"Every boat will be inspected before it sails," said harbour master Lena Falk.',
    )
    assert quote_starting(quotes, "We will rebuild").speaker == "Ana Lopes"
    assert quote_starting(quotes, "We will rebuild").cue == "said"
    assert quote_starting(quotes, "The quotas will").speaker == "Tomas Berg"
    assert quote_starting(quotes, "Every boat").speaker == "Lena Falk"


def test_attribution_in_the_next_paragraph_and_after_a_colon(models):
    quotes = quotes_of(
        models,
        "\u201cThis season the fleet has landed more cod than in any of the last ten years,\u201d\n\n"
        "Port spokeswoman Mara Quint said in a post on X.\n\n"
        "Trade Minister Olav Dahl said of the figures:\n\n"
        "\u201cI think the numbers show the new rules are working for the whole coast.\u201d",
    )
    assert quote_starting(quotes, "This season").speaker == "Mara Quint"
    assert quote_starting(quotes, "I think the numbers").speaker == "Olav Dahl"


def test_pronoun_goes_to_the_last_named_speaker_not_the_last_name(models):
    quotes = quotes_of(
        models,
        "Tomas Berg said the talks would resume after meeting Prime Minister Ana Lopes on Friday.\n\n"
        '"We are not done yet, and the fleet knows it," he added.',
    )
    assert quote_starting(quotes, "We are not done").speaker == "Tomas Berg"


def test_surname_speaker_is_written_as_the_full_name(models):
    quotes = quotes_of(
        models,
        "Harbour master Lena Falk inspected the boats on Monday.\n\n"
        '"Two of the trawlers will stay in port until the repairs are done," Falk said.',
    )
    assert quote_starting(quotes, "Two of the trawlers").speaker == "Lena Falk"


def test_according_to_partial_quote_and_as_reported_by(models):
    quotes = quotes_of(
        models,
        'The talks "are close to a deal on the quotas," according to Fisheries Minister Tomas Berg.\n\n'
        'Ana Lopes rejected the offer, calling it "a betrayal of every fisherman on this coast."\n\n'
        '"The offer came far too late for the northern ports," Olav Dahl said, as reported by the BBC.',
    )
    assert quote_starting(quotes, "are close to a deal").speaker == "Tomas Berg"
    assert quote_starting(quotes, "a betrayal").speaker == "Ana Lopes"
    assert quote_starting(quotes, "The offer came").speaker == "Olav Dahl"


def test_unnamed_speakers_give_no_name(models):
    quotes = quotes_of(
        models,
        '"Nobody asked us before they closed the quay," said one fisherman.\n\n'
        '"The inspections will continue through the winter," a port official said.',
    )
    assert quote_starting(quotes, "Nobody asked us").speaker is None
    assert quote_starting(quotes, "The inspections").speaker is None


def test_consecutive_quoted_paragraphs_keep_their_speaker(models):
    quotes = quotes_of(
        models,
        '"We reached an understanding on the main terms," Tomas Berg said.\n\n'
        '"We now count on our partners in the north to follow."\n\n'
        "Ana Lopes said the meeting would take place later that week.",
    )
    assert quote_starting(quotes, "We now count").speaker == "Tomas Berg"


def test_scare_quotes_and_names_in_quotes_are_not_kept(models):
    quotes = quotes_of(
        models,
        'The ministers met in the so-called "Blue Harbour Group" on Monday. '
        'The plan, dubbed the "Berg plan", was shelved. '
        'Ana Lopes said it was "dead on arrival".',
    )
    texts = [q.text for q in quotes]
    assert "Blue Harbour Group" not in texts
    assert "Berg plan" not in texts
    assert quote_starting(quotes, "dead on arrival").speaker == "Ana Lopes"


def test_story_quotes_use_the_canonical_speaker_name(models):
    bodies = {
        "a": 'British Prime Minister Keir Starmer spoke on Tuesday. "The coalition stands together," Starmer said.',
        "b": "Prime Minister Keir Starmer hosted the call on Tuesday.",
        "c": 'British Prime Minister Keith Starmer joined the call. "We are ready to help the coast," he said.',
    }
    articles = [Article(id=i, source=i, format="text", body=b, paragraphs=(b,)) for i, b in bodies.items()]
    mentions = []
    for a in articles:
        doc = models.nlp(a.body)
        entities = find_entities(doc)
        mentions.append(
            ArticleMentions(a.id, entities=tuple(entities), quotes=tuple(find_quotes(doc, entities)))
        )
    story_quotes = resolve_story_quotes(mentions, resolve_story_entities(articles, mentions))
    speakers = {q.article_id: q.speaker for q in story_quotes}
    assert speakers == {"a": "Keir Starmer", "c": "Keir Starmer"}


def test_seed_articles_quotes_all_have_speakers_from_real_text(models, seeds_dir):
    """The seeds hold 13 hand-checked quotes; checked against the gold by score_report.py, here
    only that every quote of >= 4 words in the seeds is found with offsets into the body."""
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = models.nlp(text)
        for q in find_quotes(doc, find_entities(doc)):
            assert " ".join(text[q.start : q.end].split()) == q.text


# --------------------------------------------------------------------------- robustness


QUOTE_NOISE = st.lists(
    st.sampled_from(list('ab .,"\u201c\u201d\u00ab\u00bb\n') + ["\n\n", " said", " he", " Berg", ":"]),
    max_size=80,
).map("".join)


@given(QUOTE_NOISE)
def test_quote_spans_stay_inside_the_text(text):
    for span in find_quote_spans(text):
        assert 0 <= span.open < span.start <= span.end <= len(text)
        assert span.close is None or span.end <= span.close


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(QUOTE_NOISE, st.text(max_size=300)))
def test_arbitrary_text_never_crashes_quotes(models, text):
    doc = models.nlp(text)
    for q in find_quotes(doc, find_entities(doc)):
        assert " ".join(text[q.start : q.end].split()) == q.text


def test_pronoun_after_a_named_subject_in_apposition(models):
    quotes = quotes_of(
        models,
        "The ferry company said the storm had cut power to the terminal.\n\n"
        "The company's chief executive, Hanna Lind, later defended the closure. "
        '"Safety comes before the timetable, and we will not sail blind," she said.',
    )
    assert quote_starting(quotes, "Safety comes before").speaker == "Hanna Lind"


def test_definite_title_refers_back_to_the_person_named_before(models):
    quotes = quotes_of(
        models,
        "Ursula von der Leyen said the response of the union was measured. "
        '"Our answer is firm, and it matches the harm done to our farmers," the Commission president said.',
    )
    assert quote_starting(quotes, "Our answer is firm").speaker == "Ursula von der Leyen"


def test_next_paragraph_names_the_speaker_later_in_its_first_sentence(models):
    quotes = quotes_of(
        models,
        "\u201cWe will find out whether the welds or the steel were at fault, and someone will answer for it.\u201d\n\n"
        "Prime Minister Ana Lopes made the promise when she visited the yard on Saturday morning, "
        "and said inspectors would check every crane in the port.",
    )
    assert quote_starting(quotes, "We will find out").speaker == "Ana Lopes"


def test_a_stray_mark_does_not_make_a_quote(models):
    quotes = quotes_of(
        models, 'The new mast is 12" wider than the old one and was fitted by the crew in two days.'
    )
    assert quotes == []
