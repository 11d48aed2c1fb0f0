"""Second-round cleaning rules for naive visible-text dumps (issue #2), on our own invented pages.

Each rule has a case where it drops (or keeps) what it should and a case it must leave alone.
"""

from __future__ import annotations

from wirecheck.clean import clean_documents
from wirecheck.clean.lines import Kind, classify, is_code, is_field, is_read_also_label
from wirecheck.clean.vocabulary import is_credit
from wirecheck.model import Article, RawDocument

LEAD = (
    "The town council of Wellmarsh voted on Tuesday to close the old swing bridge to cars from next spring, "
    "after engineers found cracks in two of its iron girders."
)
SECOND = (
    "Cyclists and walkers will still be allowed to cross, the council said, while a temporary ferry is "
    "considered for the delivery vans that use the bridge every morning."
)
THIRD = (
    "Residents on the east bank, who face a detour of almost six miles, have asked for a public meeting "
    "before any work begins, and the mayor promised one within a month."
)
FOURTH = (
    "Repairs are expected to cost about four million pounds, most of it from a regional fund that the "
    "council applied to last year, according to the budget papers."
)


def clean_one(text: str) -> Article:
    return clean_documents([RawDocument(id="doc", source="doc.txt", format="text", text=text)])[0]


def kept(article: Article) -> str:
    return "\n".join([article.summary or "", *article.subheadings, article.body])


# --------------------------------------------------------------------------- code in how-to articles


def test_code_lines_and_console_output_stay_between_the_paragraphs() -> None:
    intro = (
        "Small integers are cached by the interpreter, which you can see for yourself with a few lines "
        "typed into the console of any recent version."
    )
    outro = "The exact offset of the stored value differs between versions, so try both before you give up."
    text = "\n".join(
        [
            "Blog",
            "Archive",
            intro,
            "import sys",
            "def twice(value):",
            "return value * 2",
            ">>> twice(21)",
            "42",
            "done",
            outro,
            "Tags: Python, Fun",
            "Leave a comment",
        ]
    )
    article = clean_one(text)
    body = article.body
    for line in (intro, "import sys", "def twice(value):", ">>> twice(21)", "42", outro):
        assert line in body
    assert body.index(intro) < body.index(">>> twice(21)") < body.index(outro)
    assert "Leave a comment" not in body


def test_code_detection_leaves_labels_and_prose_alone() -> None:
    for code in (
        "x = f(y)",
        "for i in range(3):",
        "$ make install",
        "./run.sh --fast",
        "cert = load_cert(path)",
    ):
        assert is_code(code), code
    for prose in (
        "Name (required)",
        "for example:",
        "Weather today: sunny spells in the north",
        "Price: 5 euros (incl. VAT)",
        "return to homepage",
        "Tips & Tricks",
        "The minister said the plan (which cost millions) was final.",
    ):
        assert not is_code(prose), prose
    assert classify("x = f(y)").kind is Kind.CODE


# --------------------------------------------------------------------------- per-item buttons


def test_a_button_repeated_between_recipe_steps_does_not_cut_the_steps() -> None:
    steps = [
        "Heat the oven to 180 degrees and grease a round tin with a little butter.",
        "Whisk the eggs with the sugar for five minutes until the mixture is pale and thick.",
        "Fold in the flour and the cocoa with a spatula, gently, so the batter keeps its air.",
        "Pour the batter into the tin and bake it for about forty minutes on the middle shelf.",
        "Let the cake cool in the tin before you turn it out onto a rack.",
    ]
    lines = ["Recipes", "Cakes", "Chocolate sponge", "Method"]
    for n, step in enumerate(steps, 1):
        lines += [f"Step {n} of {len(steps)}", step, "Enlarge picture", "Close picture"]
    lines += ["Newsletter", "Privacy Policy"]
    article = clean_one("\n".join(lines))
    for step in steps[1:]:
        assert step in article.body
    assert steps[0] in kept(article)  # the body, or the standfirst when it is the shortest
    assert "Enlarge picture" not in article.body
    assert "Enlarge picture" in article.removed


def test_reply_buttons_of_a_comment_thread_do_not_join_it_to_the_article() -> None:
    lines = ["News", LEAD, SECOND, THIRD, FOURTH, "Comments (3)"]
    comments = [
        "I cross that bridge every day and had no idea it was in such a poor state, thanks for reporting.",
        "Six miles is a long way round for the school buses, I hope the ferry idea goes somewhere soon.",
        "The council has known about these cracks for years and did nothing until now, typical really.",
    ]
    for name, comment in zip(("Ann", "Bob", "Cy"), comments, strict=True):
        lines += [f"{name} says:", comment, "Reply"]
    article = clean_one("\n".join(lines))
    assert article.paragraphs == (LEAD, SECOND, THIRD, FOURTH)


def test_a_label_repeated_beside_teaser_headlines_stays_furniture() -> None:
    lines = [LEAD, SECOND, THIRD, FOURTH, "More from the region"]
    teasers = [
        (
            "Harbour fees to rise in May",
            "The harbour board wants more money from visiting yachts this season.",
        ),
        (
            "New bus line for the valley",
            "A second bus will run to the valley villages from the first of June.",
        ),
        ("Library opens on Sundays", "The central library will open on Sunday afternoons from next month."),
    ]
    for title, teaser in teasers:
        lines += ["Local news", title, teaser, "12 likes"]
    article = clean_one("\n".join(lines))
    assert article.paragraphs == (LEAD, SECOND, THIRD, FOURTH)


# --------------------------------------------------------------------------- teasers


def test_the_headline_under_a_read_also_label_is_a_teaser() -> None:
    teaser = "Wellmarsh ferry service could return after forty years, says the harbour master"
    text = "\n".join([LEAD, SECOND, "Read also:", teaser, THIRD, FOURTH])
    article = clean_one(text)
    assert teaser not in article.body
    assert article.paragraphs == (LEAD, SECOND, THIRD, FOURTH)
    assert is_read_also_label("Lesen Sie auch die folgenden Beiträge:")
    assert not is_read_also_label("Read the full report of the engineers, published on Friday, here.")


def test_dated_teasers_under_headlines_are_dropped_but_a_timeline_stays() -> None:
    teasers = [
        (
            "Bridge tolls scrapped",
            "03.02.2021The council scrapped the tolls on both river bridges after a long campaign.",
        ),
        (
            "Ferry trial ends early",
            "14.06.2021The trial ferry stopped after six weeks because too few people used it.",
        ),
        (
            "Girders painted again",
            "22.09.2021Workers repainted the bridge girders, which will not need it for ten years.",
        ),
    ]
    lines = [LEAD, SECOND, THIRD, FOURTH, "Other articles"]
    for title, teaser in teasers:
        lines += [title, teaser]
    article = clean_one("\n".join(lines))
    assert article.paragraphs == (LEAD, SECOND, THIRD, FOURTH)

    timeline = [
        "12 March 1998 – The swing bridge is listed as a monument and may no longer be widened.",
        "4 May 2010 – A lorry hits the eastern girder and the bridge is closed for three weeks.",
        "9 October 2019 – Engineers report the first cracks and ask for a weight limit.",
    ]
    article = clean_one("\n".join([LEAD, SECOND, *timeline, THIRD]))
    for event in timeline:
        assert event in article.body


# --------------------------------------------------------------------------- captions


def test_a_caption_ending_in_its_credit_is_dropped() -> None:
    caption = (
        "The swing bridge at Wellmarsh seen from the east bank on Tuesday. (Photo: Jane Miller/Valley Press)"
    )
    assert is_credit(caption)
    assert is_credit("Residents queue for the ferry (REUTERS/Tom Hale)")
    article = clean_one("\n".join([LEAD, caption, SECOND, THIRD, FOURTH]))
    assert caption not in article.body
    assert caption in article.removed


def test_a_sentence_with_brackets_at_its_end_is_not_a_caption() -> None:
    sentence = "The old toll house will become a small museum about the bridge (see the plans on page four)."
    assert not is_credit(sentence)
    assert sentence in clean_one("\n".join([LEAD, sentence, SECOND, THIRD])).body


# --------------------------------------------------------------------------- fact boxes


def test_a_fact_box_under_the_body_is_kept() -> None:
    text = "\n".join(
        [
            "Gallery",
            "Night sky over the moor",
            LEAD,
            "Details",
            "Camera: Mirrorless, 24 megapixels",
            "Lens: 35 mm",
            "Exposure: 20 x 30 seconds",
            "Location: Wellmarsh moor",
            "Back",
            "Next",
            "Leave a comment",
        ]
    )
    article = clean_one(text)
    for field in (
        "Camera: Mirrorless, 24 megapixels",
        "Exposure: 20 x 30 seconds",
        "Location: Wellmarsh moor",
    ):
        assert field in article.body
    assert "Back" not in article.body


def test_a_lone_label_line_after_the_body_is_not_a_fact_box() -> None:
    text = "\n".join([LEAD, SECOND, THIRD, "Tags: bridges, council", "Author: Desk", "Contact", "Imprint"])
    article = clean_one(text)
    assert article.paragraphs == (LEAD, SECOND, THIRD)
    assert is_field("Focal length: 180 mm")
    assert not is_field("Tags: bridges, council")
    assert not is_field(
        "The council said: the bridge will close in spring and reopen in the autumn of next year"
    )


# --------------------------------------------------------------------------- related lists


def test_a_most_read_list_after_a_whole_article_is_not_taken_in() -> None:
    teasers = [
        "Two ferries will share the river crossing while the bridge is closed, the council says.",
        "Heavy rain floods the low road to the harbour for the third time this year.",
        "A bakery on the east bank celebrates its hundredth birthday with free bread.",
    ]
    article = clean_one("\n".join([LEAD, SECOND, THIRD, FOURTH, "Most read", *teasers]))
    assert article.paragraphs == (LEAD, SECOND, THIRD, FOURTH)


def test_the_article_goes_on_after_a_related_box_inside_it() -> None:
    long_paragraph = (
        "The engineers' report, which runs to eighty pages, says that the cracks started where rainwater "
        "collects under the deck and that the iron has been rusting from the inside for decades, which is "
        "why the council cannot simply weld new plates over the damaged girders and reopen the road."
    )
    text = "\n".join([LEAD, SECOND, THIRD, "Related", "Ferry plan for the river", long_paragraph, FOURTH])
    article = clean_one(text)
    assert long_paragraph in article.body
    assert FOURTH in article.body


# --------------------------------------------------------------------------- leads and subtitles


def test_a_lead_above_the_date_and_a_picture_label_is_kept() -> None:
    text = "\n".join(
        [
            "Home",
            "Local",
            "Bridge to close to cars",
            LEAD,
            "14 March 2024",
            "Photo gallery",
            SECOND,
            THIRD,
            FOURTH,
        ]
    )
    article = clean_one(text)
    assert LEAD in kept(article)
    assert article.published == "2024-03-14"


def test_a_longer_sentence_case_line_under_the_headline_is_the_subtitle() -> None:
    headline = "Wellmarsh swing bridge to close"
    subtitle = "Engineers found cracks in two girders and the council wants the repairs done by next summer"
    text = "\n".join(["Menu", "Local news", headline, subtitle, "By Ann Carter", LEAD, SECOND, THIRD, FOURTH])
    article = clean_one(text)
    assert article.headline == headline
    assert subtitle in (article.summary or "")
    assert subtitle not in article.body


def test_a_short_line_under_the_headline_is_not_a_subtitle() -> None:
    headline = "Wellmarsh swing bridge to close"
    text = "\n".join(["Menu", headline, "Local news", "By Ann Carter", LEAD, SECOND, THIRD, FOURTH])
    article = clean_one(text)
    assert article.headline == headline
    assert "Local news" not in (article.summary or "")


# --------------------------------------------------------------------------- template vocabulary


def test_blog_template_lines_are_dropped() -> None:
    text = "\n".join(
        [
            LEAD,
            SECOND,
            "This post contains affiliate links.",
            THIRD,
            FOURTH,
            "Share this:",
            "Order now",
            "This entry was posted on Monday and filed under Local, Bridges.",
        ]
    )
    article = clean_one(text)
    assert article.paragraphs == (LEAD, SECOND, THIRD, FOURTH)


def test_a_short_sentence_between_a_photo_credit_and_a_heading_is_a_caption() -> None:
    caption = "The bridge seen from the ferry landing."
    text = "\n".join([LEAD, SECOND, "Jane Miller/Valley Press", caption, "What happens next", THIRD, FOURTH])
    article = clean_one(text)
    assert caption not in article.body
    assert "Jane Miller/Valley Press" in article.removed
    assert article.paragraphs == (LEAD, SECOND, THIRD, FOURTH)
    assert not is_credit("Bridges/Roads")  # one word each side: a section path, not a credit


def test_a_paragraph_after_a_credit_that_runs_on_into_the_next_is_not_a_caption() -> None:
    short = "The ferry will run every twenty minutes."
    text = "\n".join([LEAD, "Jane Miller/Valley Press", short, SECOND, THIRD, FOURTH])
    assert short in clean_one(text).body


def test_an_unpunctuated_last_sentence_is_kept_but_an_author_box_is_not() -> None:
    closing = "Whatever happens, the bridge will stay the heart of this town"
    text = "\n".join([LEAD, SECOND, THIRD, closing, "Share:", "Facebook", "Twitter"])
    assert closing in clean_one(text).body
    bio = "Ann Carter covers the valley towns for the Gazette @anncarter"
    text = "\n".join([LEAD, SECOND, THIRD, bio, "Comments"])
    assert bio not in clean_one(text).body


def test_a_disclaimer_with_a_bracketed_aside_is_template_text() -> None:
    disclaimer = (
        "Disclaimer (varies by section): articles on this site may contain the opinions of their authors."
    )
    article = clean_one("\n".join([LEAD, SECOND, THIRD, FOURTH, disclaimer]))
    assert disclaimer not in article.body


def test_a_contact_line_with_an_address_under_the_body_is_not_a_closing_sentence() -> None:
    contact = "Got a tip? Write to desk@wellmarsh-gazette.example"
    assert contact not in clean_one("\n".join([LEAD, SECOND, THIRD, contact, "Imprint"])).body


def test_a_sentence_of_prose_with_markup_glued_after_it_is_prose_not_code() -> None:
    glued = LEAD + " <script>window.alert(1)</script>"
    assert not is_code(glued)
    assert is_code("window.alert(document.cookie);")
    article = clean_documents(
        [
            RawDocument(
                id="doc", source="doc.jsonl", format="jsonl", text=f"{glued}\n\n{SECOND}", title="Bridge"
            )
        ]
    )[0]
    assert article.body.startswith(LEAD)


def test_a_short_line_of_speech_is_body_text_not_a_subheading() -> None:
    text = "\n\n".join(
        [
            "Wellmarsh closes its swing bridge",
            LEAD,
            SECOND,
            "\u201cDone at last.",
            "That is all I want to say about it,\u201d the mayor said.",
            '"No."',
            THIRD,
            "\u201cHeron\u201d ferry to run in spring",
            FOURTH,
        ]
    )
    article = clean_one(text)
    assert "\u201cDone at last." in article.body
    assert '"No."' in article.body
    assert article.subheadings == ("\u201cHeron\u201d ferry to run in spring",)
    assert classify("\u201cStay calm,\u201d says mayor").kind is Kind.TITLE
