"""The gazetteer: which country holds a city (GeoNames, see compare/data/GEONAMES_LICENSE.txt)."""

from __future__ import annotations

import pytest

from wirecheck.compare.align import place_key
from wirecheck.compare.places import load_gazetteer, table_rows


def holds(outer: str, inner: str) -> bool:
    outer_key, inner_key = place_key(outer), place_key(inner)
    assert outer_key and inner_key
    return load_gazetteer().holds(outer_key, inner_key)


@pytest.mark.parametrize(
    ("outer", "inner"),
    [
        ("southern Russia", "Taganrog"),
        ("Ukraine", "Kyiv"),
        ("Ukraine", "Kiev"),
        ("the US", "Chicago"),
        ("United States", "Chicago"),
        ("Britain", "Manchester"),
        ("Myanmar", "Mandalay"),
        ("Burma", "Mandalay"),
    ],
)
def test_a_country_holds_its_cities_under_any_name_news_uses(outer, inner):
    assert holds(outer, inner)


@pytest.mark.parametrize(
    ("outer", "inner"),
    [
        ("Russia", "Kyiv"),  # another country
        ("Kyiv", "Ukraine"),  # the wrong way round
        ("Italy", "Italy"),  # a country does not hold itself
        ("Milan", "Turin"),  # a city holds no city
    ],
)
def test_nothing_else_is_held(outer, inner):
    assert not holds(outer, inner)


def test_the_table_keys_are_what_place_key_makes_of_the_names():
    """The table stores folded keys so that reading it is one split a line; if the folding
    changes, bench/build_places.py must be run again, and this test says so."""
    rows = table_rows()
    assert len(rows) > 20_000
    stale = [(name, key) for _, key, _, name, _ in rows if place_key(name) != key]
    assert stale == [], f"rebuild with bench/build_places.py: {stale[:5]}"
