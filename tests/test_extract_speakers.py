"""Who said each quote on real-text patterns (issue 11), with our own invented sentences:
quotations over several paragraphs, pronouns resolved to the nearest compatible person, names
given by first name or behind a title, a quote paragraph under reported speech, unnamed speakers
kept unnamed, and sentences that title abbreviations and initials do not end."""

from __future__ import annotations

from tests.lookup import first_where
from wirecheck.extract.entities import find_entities
from wirecheck.extract.quotes import find_quote_spans, find_quotes
from wirecheck.model import QuoteMention


def quotes_of(models, text: str) -> list[QuoteMention]:
    doc = models.nlp(text)
    return find_quotes(doc, find_entities(doc))


def speaker_of(quotes: list[QuoteMention], start: str) -> str | None:
    quote = first_where(quotes, lambda q: start in q.text, f"quote with {start!r}", lambda q: q.text)
    return quote.speaker


def test_a_quotation_over_several_unmarked_paragraphs_is_one_quote():
    text = (
        "\u201cWe dredged the channel twice this year.\n\n"
        "The silt keeps coming back after every storm.\n\n"
        "Nobody upstream wants to pay for it,\u201d the harbour master said."
    )
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].endswith("pay for it")


def test_an_open_quote_does_not_swallow_paragraphs_when_no_closing_mark_follows():
    text = (
        "She called the plan \u201ca disaster for the valley.\n\n"
        "The council meets again on Thursday.\n\n"
        "\u201cWe will rebuild the bridge,\u201d the mayor said."
    )
    quoted = [text[s.start : s.end] for s in find_quote_spans(text)]
    assert not any("council meets" in q for q in quoted)


def test_a_multi_paragraph_quote_keeps_its_speaker_throughout(models):
    text = (
        "Asked about the closure, the ferry operator Marta Lindqvist said: \u201cWe lost three sailings a day.\n\n"
        "Our crews were sent home.\n\n"
        "Nobody told us the pier was unsafe.\u201d"
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "Our crews were sent home") == "Marta Lindqvist"


def test_pronoun_goes_to_the_nearest_compatible_person_before_the_quote(models):
    text = (
        "Ines Okafor, the ferry company's spokeswoman, said she had received the report.\n\n"
        "The inquiry was led by Tomas Berg, a retired judge.\n\n"
        "\u201cThe crew did everything by the book,\u201d he said.\n\n"
        "\u201cWe expect the boats back next week,\u201d she said."
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "everything by the book") == "Tomas Berg"
    assert speaker_of(quotes, "boats back next week") == "Ines Okafor"


def test_a_name_used_as_a_modifier_is_no_referent_for_a_pronoun(models):
    text = (
        "Greta Holm, who chairs the river trust, said the Lindqvist plan had failed.\n\n"
        "\u201cThe old rules kept the water clean,\u201d she said."
    )
    assert speaker_of(quotes_of(models, text), "kept the water clean") == "Greta Holm"


def test_two_speakers_quoted_in_turn_each_keep_their_quote(models):
    text = (
        "\u201cThe bridge will open in May,\u201d said Paolo Ferri, the city engineer.\n\n"
        "\u201cThat date has slipped three times already,\u201d said Dana Whitlock, a local shop owner."
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "open in May") == "Paolo Ferri"
    assert speaker_of(quotes, "slipped three times") == "Dana Whitlock"


def test_a_lone_first_name_and_a_titled_name_are_written_out_in_full(models):
    text = (
        "Rosa Almeida and her husband run the bakery on the square.\n\n"
        "\u201cWe opened the doors to anyone who needed a warm room,\u201d Rosa said.\n\n"
        "Councillor Ben Otieno praised the couple.\n\n"
        "\u201cThis town looks after its own,\u201d said Councillor Otieno."
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "warm room") == "Rosa Almeida"
    assert speaker_of(quotes, "looks after its own") == "Ben Otieno"


def test_a_quote_paragraph_under_reported_speech_continues_that_speaker(models):
    text = (
        "The storm cut power to four villages overnight.\n\n"
        "Engineer Farid Haddad said the lines would be repaired by Sunday.\n\n"
        "\u201cWe have six crews out and more coming from the coast.\u201d"
    )
    assert speaker_of(quotes_of(models, text), "six crews out") == "Farid Haddad"


def test_an_unnamed_speaker_does_not_borrow_a_name(models):
    text = (
        "Mayor Lena Fischer visited the flooded streets on Monday.\n\n"
        "A local shopkeeper said the water rose within minutes.\n\n"
        "\u201cWe had no time to move anything,\u201d he said."
    )
    assert speaker_of(quotes_of(models, text), "no time to move") is None


def test_an_opening_mark_misprinted_at_the_close_still_closes(models):
    text = "\u201cWe are ready for the season, \u201csaid Ana Ruiz, the harbour manager."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans][0] == "We are ready for the season"
    assert speaker_of(quotes_of(models, text), "ready for the season") == "Ana Ruiz"


def test_title_abbreviations_and_initials_do_not_end_sentences(models):
    doc = models.nlp(
        "The warrant was served by Sgt. Omar Pike on Friday. Const. Ruth Lane and Gov. Ian Moss were told. "
        "The order was signed by Lt. Gen. P. K. Sandhu."
    )
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [
        "The warrant was served by Sgt. Omar Pike on Friday.",
        "Const. Ruth Lane and Gov. Ian Moss were told.",
        "The order was signed by Lt. Gen. P. K. Sandhu.",
    ]


def test_a_paragraph_break_ends_a_sentence_so_attributions_stay_with_their_quote(models):
    text = (
        "\u201cThe levee held, but only just,\u201d said Rep. Carla Wynn, D-La.\n\n"
        "The agency ignored the warnings for a decade."
    )
    doc = models.nlp(text)
    assert len(list(doc.sents)) == 2
    assert speaker_of(quotes_of(models, text), "levee held") == "Carla Wynn"


def test_a_definite_title_refers_back_to_the_nearest_titled_person(models):
    text = (
        "Captain Ruth Adeyemi had defended the crew's decision to turn back.\n\n"
        "\u201cThe ice was thicker than any chart showed,\u201d said the expedition leader."
    )
    assert speaker_of(quotes_of(models, text), "thicker than any chart") == "Ruth Adeyemi"


def test_a_short_attributed_sentence_is_a_quote_but_a_short_phrase_is_not(models):
    text = (
        "\u201cThe pier was never safe,\u201d Hugo Marsh said.\n\n"
        "\u201cEveryone knew.\u201d\n\n"
        "The \u201cdeeply flawed\u201d maps were withdrawn on Friday."
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "Everyone knew.") == "Hugo Marsh"
    assert not any(q.text == "deeply flawed" for q in quotes)


def test_the_second_half_of_a_split_quote_after_said_keeps_the_speaker(models):
    text = (
        "The ferry service resumed on Tuesday after a week of storms.\n\n"
        "\u201cThe crossings are safe again,\u201d said Ines Calder, the harbour master. "
        "\u201cWe checked every buoy and every ramp before opening.\u201d"
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "crossings are safe") == "Ines Calder"
    assert speaker_of(quotes, "checked every buoy") == "Ines Calder"


def test_a_quote_after_reported_speech_in_the_same_paragraph_continues_that_speaker(models):
    text = (
        "The library will close for repairs.\n\n"
        "Tomas Weller, the head librarian, said the roof had leaked since spring. "
        "\u201cWe moved the rare books to the basement last month.\u201d"
    )
    assert speaker_of(quotes_of(models, text), "rare books") == "Tomas Weller"


def test_a_phrase_after_a_sentence_with_said_is_not_given_that_speaker(models):
    text = (
        "Farmer Rosa Idle said the harvest was late. The co-op called it "
        "\u201ca year to forget for every grower in the valley\u201d in its newsletter."
    )
    assert speaker_of(quotes_of(models, text), "a year to forget") != "Rosa Idle"


def test_two_apostrophes_misprinted_for_a_double_mark_open_a_quote(models):
    text = (
        "Sergeant Colm Reddy said the boat capsized near the pier.\n\n"
        "''The water was too cold for anyone to last long,\u201d Sergeant Reddy said."
    )
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["The water was too cold for anyone to last long"]
    assert speaker_of(quotes_of(models, text), "water was too cold") == "Colm Reddy"


def test_an_apostrophe_ending_a_plural_possessive_is_no_quote_mark():
    text = "The players' coach and the fans' club met. The umpires' union stayed away."
    assert find_quote_spans(text) == []


def test_a_transcript_line_names_its_speaker(models):
    text = (
        "The recording, released on Friday, caught Mayor Dana Cole talking with her aide Piet Marsh.\n\n"
        "Cole asks: \u201cWho signed the permit?\u201d\n\n"
        "Marsh: \u201cNobody in this office, ma'am.\u201d\n\n"
        "Piet Marsh later resigned."
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "Who signed the permit") == "Dana Cole"
    assert speaker_of(quotes, "Nobody in this office") == "Piet Marsh"


def test_a_label_with_a_colon_is_no_transcript_speaker(models):
    text = (
        "The council met on Monday.\n\nNote: \u201cThe vote was postponed to next week,\u201d a clerk said."
    )
    assert speaker_of(quotes_of(models, text), "vote was postponed") is None


def test_a_body_speaks_through_its_statement(models):
    text = (
        "Two men were detained near the port on Sunday.\n\n"
        "According to the Coast Guard's statement, the men \u201crefused to stop when hailed "
        "and threw a bag overboard.\u201d\n\n"
        "\u201cThe situation is out of hand,\u201d said an editorial in the daily Morning Ledger."
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "refused to stop") == "Coast Guard"
    assert speaker_of(quotes, "out of hand") == "Morning Ledger"


def test_a_title_joined_to_a_name_gives_the_person(models):
    text = (
        "\u201cWe will build the plant next year,\u201d said Brightwave CEO and new board "
        "chairman Oskar Lindqvist."
    )
    assert speaker_of(quotes_of(models, text), "build the plant") == "Oskar Lindqvist"


def test_continue_to_and_be_added_are_no_speech_verbs(models):
    text = (
        "Brightwave says it will continue to sell its old pumps \u201cfor as long as farmers want them.\u201d\n\n"
        "Chief engineer Mara Quist said new valves will be added \u201cbefore the end of the winter.\u201d"
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "as long as farmers") == "Brightwave"
    assert speaker_of(quotes, "end of the winter") == "Mara Quist"


def test_an_inverted_attribution_wins_over_a_misparsed_subject(models):
    text = "A new quiet mode for the drill: \u201cNo more noise,\u201d says Halvorsen."
    assert speaker_of(quotes_of(models, text), "No more noise") == "Halvorsen"


def test_a_quote_closed_by_a_single_mark_before_its_attribution_ends_there(models):
    text = "\u201cWe will miss the old bridge,' she wrote on her blog, adding that the new one was ugly."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["We will miss the old bridge"]


def test_a_common_given_name_rules_out_a_pronoun_of_the_other_gender(models):
    text = (
        "Mrs. Greta Holm ran the bakery for forty years.\n\n"
        "Victor Albescu also doggedly courted Holm, but she turned him down.\n\n"
        "\u201cI never answered a single one of his letters,\u201d she said."
    )
    assert speaker_of(quotes_of(models, text), "single one of his letters") == "Greta Holm"


def test_a_title_tagged_as_a_name_is_no_referent(models):
    text = (
        "Ms. Edda Lind posed for the painters of the town until 1960.\n\n"
        "Filmmaker and sailor Howard Vrba also doggedly pursued Lind but she rebuffed him as well.\n\n"
        "\u201cI found the stone studio far too cold,\u201d she once said."
    )
    assert speaker_of(quotes_of(models, text), "stone studio") == "Edda Lind"


def test_a_name_the_tagger_misses_gets_its_gender_from_the_next_subject_pronoun(models):
    text = (
        "Nobody expected the sequel to change hands.\n\n"
        "Ashgrove penned a long letter to calm the readers.\n\n"
        "\u201cThe story is safe with him,' she wrote on her site, speaking of Tobias Wren.\n\n"
        "Tobias Wren, the new director, has made two films."
    )
    assert speaker_of(quotes_of(models, text), "story is safe") == "Ashgrove"


def test_contended_and_lamented_attribute_a_quote(models):
    text = (
        "\u201cThe lights were on when the guard arrived,\u201d defence lawyer Ravi Menon contended.\n\n"
        "Councillor Ada Okafor lamented that \u201cthe park has been left to rot for years.\u201d"
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "lights were on") == "Ravi Menon"
    assert speaker_of(quotes, "park has been left") == "Ada Okafor"


def test_a_date_a_dateline_or_a_signature_is_never_a_speaker(models):
    text = (
        "ODESA, Ukraine -- The port reopened after the storm.\n\n"
        "\u201cThe cranes are working again after three days,\u201d Tuesday said.\n\n"
        "\u201cWe expect the first ships by the weekend,\u201d a port official said. -- AP\n\n"
        "\u201cNobody was hurt in the flooding at the docks,\u201d the official added. -H"
    )
    quotes = quotes_of(models, text)
    assert [q.speaker for q in quotes] == [None, None, None]


def test_the_star_said_refers_back_to_the_named_person(models):
    text = (
        "Singer Mara Vinton cancelled her autumn tour on Friday.\n\n"
        "Vinton, 34, had played forty nights since May.\n\n"
        "Her manager, Teo Brandt, said the decision was hers alone.\n\n"
        "Asked whether she would return next year, the Grammy-winning star said: "
        "\u201cI need a long rest with my family first.\u201d"
    )
    assert speaker_of(quotes_of(models, text), "long rest") == "Mara Vinton"


def test_the_star_is_the_person_the_article_is_about_not_the_last_one_named(models):
    text = (
        "Actress Lina Froy left the set in March.\n\n"
        "Froy had filmed for six weeks.\n\n"
        "The star's agent, Bruno Keller, spoke to reporters and she did not.\n\n"
        "The star said she would \u201cnever work with that studio again.\u201d"
    )
    assert speaker_of(quotes_of(models, text), "never work with") == "Lina Froy"


def test_the_title_of_an_unnamed_speaker_stays_unnamed(models):
    text = (
        "President Omar Haddad opened the new parliament on Monday.\n\n"
        "\u201cNothing has really changed here,\u201d said a European diplomat, who asked not to be named.\n\n"
        "\u201cEvery decision still goes through one office,\u201d the diplomat added."
    )
    quotes = quotes_of(models, text)
    assert speaker_of(quotes, "Nothing has really changed") is None
    assert speaker_of(quotes, "Every decision still") is None
