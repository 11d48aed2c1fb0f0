"""Which country holds a city, for tallies of places one inside the other.

"Three killed in southern Russia" and "one killed in Taganrog" count the same kind of thing in
places of different size; neither outlet gives the other's figure, so a reader should see them
side by side, with the note that the scopes may differ.  The table (``data/places.tsv``, built by
bench/build_places.py from GeoNames, CC BY 4.0) holds country names with the names news uses
for them and cities of 100,000 people or more; names two countries share are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Gazetteer:
    """Folded place keys (as ``align.place_key`` makes them)."""

    countries: dict[str, str]  # a country's name or a name news uses for it -> the country's key
    city_country: dict[str, str]  # a city's name -> its country's key

    def holds(self, outer: str, inner: str) -> bool:
        """Whether place ``outer`` is the country that holds city ``inner``."""
        country = self.countries.get(outer)
        return country is not None and self.city_country.get(inner) == country


@cache
def load_gazetteer() -> Gazetteer:
    """Read the shipped table once (its keys are folded already, as ``align.place_key`` folds)."""
    text = resources.files("wirecheck.compare").joinpath("data/places.tsv").read_text(encoding="utf-8")
    countries: dict[str, str] = {}
    city_country: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or line.count("\t") != 4:
            continue
        kind, key, country_key, _, _ = line.split("\t")
        (countries if kind == "country" else city_country)[key] = country_key
    return Gazetteer(countries, city_country)


def table_rows() -> list[tuple[str, str, str, str, str]]:
    """Every row of the table as written (kind, key, country key, name, country), for checks."""
    text = resources.files("wirecheck.compare").joinpath("data/places.tsv").read_text(encoding="utf-8")
    return [
        (row[0], row[1], row[2], row[3], row[4])
        for line in text.splitlines()
        if not line.startswith("#") and len(row := line.split("\t")) == 5
    ]
