"""Metamorphic checks: the seeds and the demo with every person renamed and every figure scaled,
consistently across all their files, give the same disputes (scaled) as the originals.

The variants are made here at run time from ../shared/corpus/seeds and examples/demo (nothing is
stored): a rule that keys on a name or a figure of the visible corpora, not on the structure of
the text, shows up as a dispute gained or lost.  Person names keep their length and ending and
change their first three letters ("Zelenskyy" / "Zelensky" stay two spellings of one name);
figures are multiplied by three (those in words written as digits: "ten" -> "30"), except years,
days of a month, clock times, spans of time ("two days") and numbers glued to other words.  Places keep their names: the gazetteer that tells a city inside a country is
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


UNIT_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
]
UNIT_WORDS += ["sixteen", "seventeen", "eighteen", "nineteen"]
TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {word: value for value, word in enumerate(UNIT_WORDS, 1)} | {
    word: 10 * value for value, word in enumerate(TENS_WORDS, 2)
}
NUMBER_WORD = re.compile(
    rf"\b({'|'.join(TENS_WORDS)})(?:-({'|'.join(UNIT_WORDS[:9])}))?\b|\b({'|'.join(UNIT_WORDS)})\b",
    re.IGNORECASE,
)
# a span of time stays as it is: scaling it would change the span, not a tally
TIME_UNIT_AFTER = re.compile(
    r"[\s-]*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|nights?)\b", re.I
)
NOT_A_NUMBER_ONE = (
    re.compile(r"\s*(?:of|another|day|time|way|side|hand)\b", re.I),
    re.compile(r"\b(?:no|any|every|the|this|that|which|each)\s*$", re.I),
)


def scale_number_words(text: str) -> str:
    """Figures written in words ("ten", "Twenty-six") times FACTOR, written in digits; never "one"
    where it is no number ("one of", "no one"), a span of time or a word glued to another."""

    def scaled(match: re.Match[str]) -> str:
        before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() : match.end() + 12]
        if TIME_UNIT_AFTER.match(after) or after.startswith("-") or before.endswith("-"):
            return match.group(0)
        word = match.group(0).lower()
        if word == "one" and (NOT_A_NUMBER_ONE[0].match(after) or NOT_A_NUMBER_ONE[1].search(before)):
            return match.group(0)
        value = sum(WORD_VALUES[part] for part in word.split("-"))
        return str(value * FACTOR)

    return NUMBER_WORD.sub(scaled, text)


def scale_numbers(text: str) -> str:
    """Every figure times FACTOR, except years, days of a month, clock times and spans of time;
    figures written in words too (:func:`scale_number_words`)."""
    return scale_number_words(scale_digits(text))


def scale_digits(text: str) -> str:
    """Every figure in digits times FACTOR, except years, days of a month, clock times and spans."""

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
        if TIME_UNIT_AFTER.match(after):
            return match.group(0)  # a span of time
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
    reason="not met yet (issue 10): with figures in words scaled and spans of time kept, every quantity "
    "dispute of the seeds comes out the same, but one name dispute is lost (the small spaCy model does not "
    "tag made-up names as persons), and on the demo one figure dispute rests on sentence-embedding "
    "similarity near the link threshold (digits for 'Twenty-six', renamed people change the sentence)",
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


def test_scaling_turns_figures_in_words_into_scaled_digits_but_keeps_spans_and_pronouns():
    text = "Twenty-six boats and one ferry sank; no one knows why; one of the crews waited two days."
    assert (
        scale_numbers(text)
        == "78 boats and 3 ferry sank; no one knows why; one of the crews waited two days."
    )
