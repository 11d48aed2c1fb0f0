"""Spun rewrites: flagged without the original, clean prose left alone, linked when the original is here."""

from __future__ import annotations

import json
from pathlib import Path

from wirecheck.group.spin import (
    WordForm,
    confirm_by_alignment,
    link_spun,
    load_lexicon,
    load_wordnet_forms,
    parse_lexicon,
    part_of_speech_clash,
    score_spin,
    stand_in_weight,
)
from wirecheck.group.text import tokenize
from wirecheck.model import Article, ArticleMentions, EntityMention

CORPUS = Path(__file__).parent / "data" / "group_stories.jsonl"


def load_corpus() -> dict[str, Article]:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return {
        r["id"]: Article(
            r["id"],
            str(CORPUS),
            "jsonl",
            r["body"],
            tuple(r["body"].split("\n\n")),
            headline=r["headline"],
            published=r["published"],
        )
        for r in records
    }


def article(text: str, article_id: str = "a") -> Article:
    return Article(article_id, "x", "text", text, (text,))


def test_hand_spun_copy_is_flagged_and_every_clean_article_is_not():
    articles = load_corpus()
    confirmed = confirm_by_alignment(list(articles.values()), [score_spin(a) for a in articles.values()])
    scores = {s.article_id: s for s in confirmed}
    assert scores["kyiv-missiles-1-spun"].flagged
    assert "dumdums" in " ".join(scores["kyiv-missiles-1-spun"].phrases)
    assert [aid for aid, s in scores.items() if s.flagged] == ["kyiv-missiles-1-spun"]


def test_listed_substitutions_that_touch_merge_into_one_phrase():
    text = (
        "The envoy, who spoke on condition of obscurity to bandy delicate accommodations, said the "
        "concession team would meet again. Ukraine said its drones and dumdums hit an oil painting "
        "refinery, and the plan bars the deployment of colors near the frontal lines. " * 2
    )
    score = score_spin(article(text))
    assert score.flagged
    assert "bandy delicate accommodations" in score.phrases
    assert "condition of obscurity" in score.phrases
    assert "oil painting refinery" in score.phrases


def test_clean_wire_prose_with_a_few_uncommon_words_is_not_flagged():
    text = (
        "Negotiators whittled the draft down to nineteen points after a long session in Geneva, officials "
        "said on Sunday. The talks were described as productive, though Moscow has not accepted the text. "
        "Rescue crews in Kyiv searched the rubble of a damaged apartment block, and the mayor said heating "
        "would be restored within two days. Analysts cautioned that a ceasefire remained distant. " * 3
    )
    score = score_spin(article(text))
    assert not score.flagged
    assert score.score < 0.5


def test_names_marked_as_entities_are_not_evidence():
    text = "Officials met in Dniprovskyi and Zaporizhzhia on Monday. " * 20
    names = ArticleMentions(
        "a",
        entities=(EntityMention("Dniprovskyi", "GPE", 15, 26), EntityMention("Zaporizhzhia", "GPE", 31, 43)),
    )
    assert score_spin(article(text), names).phrases == ()


def test_spun_copy_is_linked_to_its_original_after_undoing_substitutions():
    articles = load_corpus()
    [link] = link_spun(list(articles.values()), {"kyiv-missiles-1-spun"})
    assert (link.article_id, link.copy_of, link.kind) == ("kyiv-missiles-1-spun", "kyiv-missiles-1", "spun")
    assert link.containment >= 0.6
    assert all(p.removesuffix(" …") in articles["kyiv-missiles-1-spun"].body for p in link.shared_passages)


def test_a_flagged_article_without_its_original_in_the_batch_stays_unlinked():
    articles = load_corpus()
    others = [a for aid, a in articles.items() if aid != "kyiv-missiles-1"]
    assert link_spun(others, {"kyiv-missiles-1-spun"}) == []


def test_lexicon_rows_parse_to_word_sequences():
    lexicon = parse_lexicon("# comment\nmilitary-artificial\tmilitary-industrial\tnews spinner\n")
    tokens = tokenize("a military-artificial plant")
    [(first, end, substitution)] = list(lexicon.matches(tokens))
    assert (first, end) == (1, 3)
    assert substitution.original == ("military", "industrial")
    assert load_lexicon().by_first_word  # the shipped list loads


def test_seed_000_is_flagged_with_its_tell_tale_phrases_and_no_other_seed_is(seeds_dir):
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        score = score_spin(article(text, path.stem))
        assert score.flagged == bool(gold["articles"][path.stem].get("spun")), path.stem
        examples = gold["articles"][path.stem].get("spun_examples", [])
        found = [e for e in examples if any(e in p or p in e for p in score.phrases)]
        assert len(found) >= len(examples) - 1, (path.stem, score.phrases)


# Our own short report, and the same report after a context-blind synonym swap of about a
# third of its content words (the kind of rewrite bench/group_spin_bench.py makes at scale).
HARBOUR_REPORT = (
    "Firefighters spent the night pumping water out of the flooded warehouse near the old harbour, "
    "and the owners said most of the stock could still be sold. The storm pushed the river over its "
    "banks late on Tuesday, and several streets were closed while crews cleared fallen trees. "
    "The mayor promised help for shop owners whose buildings were damaged, and said the city would "
    "pay for temporary shelter for families who had to leave their homes. Engineers will check the "
    "bridge on Thursday before traffic is allowed back, officials said. "
)
HARBOUR_REPORT_SPUN = (
    "Firefighters expended the nighttime pumping water out of the flooded storehouse near the erstwhile "
    "haven, and the proprietors averred most of the stock could still be vended. The tempest shoved the "
    "stream over its embankments late on Tuesday, and respective thoroughfares were shut while crews "
    "cleared fallen trees. The mayor pledged assistance for betray owners whose edifices were marred, "
    "and said the metropolis would pay for temporal safehold for households who had to leave their "
    "abodes. Engineers will bridle the span on Thursday before traffic is allowed back, functionaries said. "
)


def test_report_swapped_for_rare_synonyms_is_flagged_against_its_original_and_the_original_is_not():
    spun, original = article(HARBOUR_REPORT_SPUN * 2, "spun"), article(HARBOUR_REPORT * 2, "original")
    alone = score_spin(spun)
    assert not alone.flagged  # rare words alone: no known substitution, no aligned article
    assert {"averred", "edifices", "storehouse"} <= set(alone.phrases) | set(" ".join(alone.phrases).split())
    scores = confirm_by_alignment([spun, original], [alone, score_spin(original)])
    assert [s.article_id for s in scores if s.flagged] == ["spun"]


def test_an_original_letter_with_unusual_words_is_not_a_spun_rewrite():
    letter = (
        "Sir, your columnist's praise for the new bypass was hard to read. For a decade the people of our "
        "village have been cajoled and finally bamboozled into accepting a road that cuts across the common, "
        "fells the old oaks and threatens the skylarks that nest in the long grass. The councillors who "
        "backed it ignored the bog beneath the meadow, and the contractors skimped on drainage. Now the "
        "embankment is sinking, the drains are choked with silt and the verges are a morass of ruts. I urge "
        "the editor to spend less time on fawning praise and more on the accounts: the overspend is "
        "egregious, the promised lay-bys never appeared and the loss of hedgerows is lamentable. Our "
        "grandparents loved this pasture; we have traded it for a strip of asphalt and a parade of lorries."
    )
    column = article(letter, "letter")
    score = score_spin(column)
    assert score.score >= 0.5  # the word-level signal alone would have called it spun
    other = article(HARBOUR_REPORT * 2, "report")
    assert not any(s.flagged for s in confirm_by_alignment([column, other], [score, score_spin(other)]))


def test_a_rare_word_the_text_keeps_repeating_counts_once():
    once = score_spin(article(HARBOUR_REPORT + "Residents averred the damage was worse than feared. "))
    repeated = score_spin(
        article(HARBOUR_REPORT + "Residents averred the damage was worse than feared. " * 6)
    )
    assert repeated.phrases.count("averred") == 1
    assert repeated.score <= once.score


def test_stand_in_weight_grows_with_rarity_and_the_gap_to_a_common_synonym():
    forms = load_wordnet_forms()
    assert forms["averred"].synonym == "said" and "v" in forms["averred"].parts
    assert stand_in_weight(forms["averred"]) == 1.0
    assert stand_in_weight(forms.get("building")) == 0.0  # common words are no evidence
    assert stand_in_weight(None) == 0.0  # WordNet does not know it: jargon or a name
    assert 0.0 < stand_in_weight(WordForm("n", "", 1.5, 0.0)) < 1.0  # rare word with no synonym


def test_part_of_speech_clash_needs_a_real_determiner_or_modal():
    forms = load_wordnet_forms()
    verb_only = WordForm("v", "use", 1.5, 5.8)
    noun_only = WordForm("n", "area", 2.1, 5.0)
    assert part_of_speech_clash("the", "habituate", verb_only)
    assert not part_of_speech_clash(
        "the", "dampened", WordForm("v", "wet", 2.0, 4.5)
    )  # participle as adjective
    assert not part_of_speech_clash("these", "habituate", verb_only)  # "these" may be a pronoun
    assert part_of_speech_clash("will", "bailiwick", noun_only)
    assert not part_of_speech_clash("will", "probably", forms.get("probably"))
    phrases = score_spin(article("The pilots said the habituate of old maps was common. " * 30)).phrases
    assert "the habituate" in phrases


def test_letters_and_initials_are_not_articles():
    text = "Options: a) insert the card, b) wait. A. Smith and an editor met. " * 20
    assert score_spin(article(text)).phrases == ()


WIRE_COPY = (
    "The toll from the quake in the hill country rose to 212 on Sunday, the survey office said, and "
    "crews with few tools searched the fallen homes. The governor said the region would invite "
    "assistance from abroad and that roads would reopen shortly, about a week after the first tremor. "
    "Officials asked residents to stay out of damaged buildings while engineers checked the bridges."
)
# the same copy with words swapped for WordNet synonyms, most of them common words
SYNONYM_SPUN = (
    "The toll from the tremor in the hill nation climbed to 212 on Sunday, the study office said, and "
    "crews with few tools searched the fallen homes. The governor averred the region would welcome "
    "help from abroad and that roads would reopen soon, around a week after the first tremor. "
    "Officials asked occupants to stay out of damaged edifices while engineers checked the bridges."
)
LIGHT_REWRITE = WIRE_COPY.replace("rose to", "climbed to").replace("shortly", "soon")


def test_a_copy_with_many_common_synonyms_swapped_in_is_spun_and_linked_to_its_source():
    original, spun = article(WIRE_COPY, "wire"), article(SYNONYM_SPUN, "farm")
    alone = score_spin(spun)
    assert not alone.flagged  # common words: the word-level signals alone do not see it
    scores = confirm_by_alignment([original, spun], [score_spin(original), alone])
    assert [s.article_id for s in scores if s.flagged] == ["farm"]
    assert [(link.article_id, link.copy_of) for link in link_spun([original, spun], ["farm"])] == [
        ("farm", "wire")
    ]


def test_an_editors_light_rewrite_of_a_copy_is_not_spun():
    original, edited = article(WIRE_COPY, "wire"), article(LIGHT_REWRITE, "edited")
    scores = confirm_by_alignment([original, edited], [score_spin(original), score_spin(edited)])
    assert not any(s.flagged for s in scores)
