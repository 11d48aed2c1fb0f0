"""A euro sign lost in a feed's encoding ("stole e60 million") is read as a euro amount,
with every offset still pointing into the body as written."""

from __future__ import annotations

import pytest

from tests.articles import text_article
from wirecheck.extract.runner import mentions_in_order, parsed_text


@pytest.mark.parametrize(
    "written",
    [
        "Burglars took e60 million in paintings.",
        "The council approved a e1.5bn ring road.",
        "Savings of e250m were promised (e12 million this year).",
    ],
)
def test_an_e_before_an_amount_with_a_scale_word_is_a_euro_sign(written: str) -> None:
    restored = parsed_text(written)
    assert len(restored) == len(written)
    assert "€" in restored
    assert restored.replace("€", "e") == written


@pytest.mark.parametrize(
    "written",
    [
        "She sent an e-mail at 9am.",
        "The e30 coupe won its class.",  # a model name: no scale word after the number
        "Write to office@e5million.example for details.",
        "The score was 2e6 million points.",  # inside a word
        "Vitamin E100 million units were sold.",  # a capital E is a letter, not a lost sign
    ],
)
def test_other_letters_e_stay_as_written(written: str) -> None:
    assert parsed_text(written) == written


def test_a_lost_euro_sign_gives_a_euro_amount_at_the_body_offsets(models) -> None:
    body = "Two men stole e60 million in paintings from a museum in Ghent on Tuesday."
    article = text_article("ghent", body)
    (mentions,) = mentions_in_order([article], models.nlp, 1)
    money = [q for q in mentions.quantities if q.counted == "euro"]
    assert len(money) == 1
    assert money[0].number == 60_000_000
    assert body[money[0].start : money[0].end].lstrip("e€").startswith("60 million")
