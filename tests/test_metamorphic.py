"""Metamorphic checks: the seeds and the demo with every person renamed and every figure scaled,
consistently across all their files, give the same disputes (scaled) as the originals.

The variants are made here at run time from ../shared/corpus/seeds and examples/demo (nothing is
stored): a rule that keys on a name or a figure of the visible corpora, not on the structure of
the text, shows up as a dispute gained or lost.  Person names keep their length and ending and
change their first three letters ("Zelenskyy" / "Zelensky" stay two spellings of one name);
digits are multiplied by three, except years, days of a month, clock times and numbers glued
to other words.  Places keep their names: the gazetteer that tells a city inside a country is
real-world data, and renaming places would test the gazetteer, not the rules.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from wirecheck.pipeline import analyze

FACTOR = 3
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
NUMBER = re.compile(r"(?<![\w.,:/#&;-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w:/-]|\.\d|,\d)")
NEW_PREFIXES = [
    "Vor",
    "Kal",
    "Bry",
    "Tam",
    "Lud",
    "Gos",
    "Fen",
    "Hax",
    "Dri",
    "Mol",
    "Pes",
    "Quo",
    "Rav",
    "Sil",
]


def scale_numbers(text: str) -> str:
    """Every figure times FACTOR, except years, days of a month and clock times."""

    def scaled(match: re.Match[str]) -> str:
        whole, fraction = match.group(1), match.group(2) or ""
        value = int(whole.replace(",", ""))
        before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() : match.end() + 12]
        if fraction == "" and 1800 <= value <= 2100 and "," not in whole:
            return match.group(0)  # a year
        if re.search(rf"\b(?:{MONTHS})\.?\s*$", before) or re.match(rf"\s*(?:{MONTHS})\b", after):
            return match.group(0)  # a day of a month
        if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|o'clock|h\b)", after, re.IGNORECASE):
            return match.group(0)  # a clock time
        if fraction:
            return f"{float(whole.replace(',', '') + fraction) * FACTOR:.{len(fraction) - 1}f}"
        new = value * FACTOR
        return f"{new:,}" if "," in whole else str(new)

    return NUMBER.sub(scaled, text)


def rename_people(text: str, renamed: dict[str, str]) -> str:
    for old in sorted(renamed, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(old)}\b", renamed[old], text)
    return text


def person_renames(report) -> dict[str, str]:
    """Every word of every person's name (and aliases) -> the word with a new first three letters,
    one new prefix per old prefix, so that spelling variants of one name stay variants."""
    words = {
        word
        for story in report.stories
        for entity in story.entities
        if entity.type == "PERSON"
        for name in (entity.name, *entity.aliases)
        for word in name.split()
        if len(word) >= 4 and word[:1].isupper() and word[1:].isalpha() and word[1:].islower()
    }
    prefixes = sorted({w[:3] for w in words})
    made_up = [f"{c}{v}{e}" for c in "BDFGKLMNPRSTVZ" for v in "aeiou" for e in "lmnrvx"]
    unused = iter(p for p in NEW_PREFIXES + made_up if p not in prefixes)
    new_prefix = {old: next(unused) for old in prefixes}
    return {word: new_prefix[word[:3]] + word[3:] for word in words}


def variant(source: Path, target: Path, renamed: dict[str, str]) -> Path:
    target.mkdir()
    for path in sorted(source.iterdir()):
        if path.name == "gold.json" or path.is_dir():
            continue
        if path.suffix in {".txt", ".html", ".jsonl", ".xml"}:
            text = path.read_text(encoding="utf-8")
            (target / path.name).write_text(rename_people(scale_numbers(text), renamed), encoding="utf-8")
        else:
            shutil.copy(path, target / path.name)
    return target


def disputes(report, scale: float = 1.0) -> Counter[tuple[str, tuple[float, ...]]]:
    """Each dispute by its kind and its claims' figures (divided by ``scale``)."""
    found: Counter[tuple[str, tuple[float, ...]]] = Counter()
    for story in report.stories:
        for fact in story.facts:
            if fact.status == "disputed" and fact.kind == "quantity":
                numbers = sorted({round(c.number / scale, 3) for c in fact.claims if c.number is not None})
                found[fact.kind, tuple(numbers)] += 1
            elif fact.status == "disputed":
                found[fact.kind, ()] += 1  # dates, spans, names, quotes: not scaled, counted by kind
    return found


@pytest.mark.xfail(
    reason="not met yet (issue 10): figures written in words ('ten') are not scaled with the digits, "
    "and digits in spans of time change the span; the variants then differ in a few disputes",
    strict=False,
)
@pytest.mark.parametrize("corpus", ["seeds", "demo"])
def test_renamed_and_scaled_corpus_gives_the_same_disputes(corpus, models, tmp_path, request):
    source = request.getfixturevalue("seeds_dir" if corpus == "seeds" else "demo_dir")
    original = analyze([source], models=models)
    renamed = person_renames(original)
    assert renamed, "the corpus names people: the renaming must have something to do"
    changed = analyze([variant(source, tmp_path / corpus, renamed)], models=models)
    assert disputes(original) and disputes(changed, scale=FACTOR) == disputes(original)


def test_scaling_keeps_years_days_and_clock_times():
    text = "On November 25, 2025 at 10 a.m. 22 missiles and 1,600 drones hit; 7.7 quake; 3 March."
    assert scale_numbers(text) == (
        "On November 25, 2025 at 10 a.m. 66 missiles and 4,800 drones hit; 23.1 quake; 3 March."
    )
