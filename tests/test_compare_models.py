"""A count of one model, however it is written ("nine M16s" / "nine M16 rifles"), is one counted
thing (compare/align.py ``model_designation``); the real extractor reads our own sentences."""

from __future__ import annotations

from tests.articles import text_article
from wirecheck.compare.align import model_designation, quantity_claims
from wirecheck.extract.quantities import find_quantities
from wirecheck.model import ArticleMentions


def claims_of(models, bodies: dict[str, str]):
    articles = [text_article(k, b, published="2031-05-14") for k, b in bodies.items()]
    mentions = [
        ArticleMentions(article_id=a.id, quantities=tuple(find_quantities(models.nlp(a.body), a)))
        for a in articles
    ]
    return quantity_claims(articles, mentions)


def test_a_model_named_as_the_noun_or_before_a_generic_noun_is_one_counted_thing(models):
    claims = claims_of(
        models,
        {
            "a": "Customs officers seized nine M16s from the lorry at the border.",
            "b": "Customs officers seized eleven M16 rifles from the lorry at the border.",
            "c": "Customs officers seized forty M16 magazines from the lorry.",
        },
    )
    counted = {c.article_id: c.counted for c in claims if c.quantity.number in {9, 11, 40}}
    assert counted["a"] == counted["b"] == "model:m16"
    assert counted["c"] != "model:m16"  # magazines for the rifle are another thing
    frames = {c.frame for c in claims if c.article_id in {"a", "b"}}
    assert len(frames) == 1


def test_counts_without_a_model_are_left_alone(models):
    [claim] = [c for c in claims_of(models, {"a": "Customs officers seized nine rifles at the border."})]
    assert claim.counted != "" and not claim.counted.startswith("model:")
    assert model_designation(claim.quantity) is None
