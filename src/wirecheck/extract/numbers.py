"""Numbers as newspapers write them: digits, words and hedges.

Shared by the quantity and time-expression extractors: "600,000", "1.5 million",
"Twenty", "twenty-five", "a dozen", "dozens" (vague), and the hedge in front of a
number ("at least", "more than", "nearly" ...) normalised to a small vocabulary.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1e12}
SCALE_ABBREVIATIONS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
# exact collective counts ("a dozen", "a score") and vague plurals ("dozens"): value is the lower bound
COLLECTIVES = {"dozen": 12, "score": 20, "couple": 2, "pair": 2}
VAGUE_PLURALS = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000}
FRACTIONS = {"half": 0.5, "quarter": 0.25}


# hedges as written -> normalised qualifier; longest first so "no more than" beats "more than"
QUALIFIERS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "at least": "at least",
            "no fewer than": "at least",
            "no less than": "at least",
            "a minimum of": "at least",
            "more than": "more than",
            "over": "more than",
            "upwards of": "more than",
            "in excess of": "more than",
            "just over": "more than",
            "well over": "more than",
            "above": "more than",
            "nearly": "nearly",
            "almost": "nearly",
            "close to": "nearly",
            "just under": "nearly",
            "just shy of": "nearly",
            "up to": "up to",
            "as many as": "up to",
            "as much as": "up to",
            "at most": "at most",
            "no more than": "at most",
            "a maximum of": "at most",
            "about": "about",
            "around": "about",
            "some": "about",
            "roughly": "about",
            "approximately": "about",
            "an estimated": "about",
            "estimated": "about",
            "circa": "about",
            "or so": "about",
            "fewer than": "fewer than",
            "less than": "fewer than",
            "under": "fewer than",
            "below": "fewer than",
            "exactly": "exactly",
            "precisely": "exactly",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)

DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
DIGITS_WITH_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b)$", re.IGNORECASE)


def qualifier_before(text_before: str) -> tuple[str | None, int]:
    """The hedge that ends ``text_before`` (normalised) and how many characters it takes."""
    lowered = text_before.lower()
    for written, normalised in QUALIFIERS:
        match = re.search(r"(?:^|\W)(" + re.escape(written) + r")\s+$", lowered)
        if match:
            return normalised, len(lowered) - match.start(1)
    return None, 0


def parse_number_words(words: list[str]) -> float | None:
    """Value of a run of number words or digits: ["twenty", "five"], ["1.5", "million"], ["a", "dozen"].

    Returns None when the run is not a number ("a", "one of" is the caller's business).
    """
    cleaned = [w.lower().strip(",") for w in words if w.strip(",") and w.lower() not in {"and", "-"}]
    if not cleaned:
        return None
    if cleaned[0] in {"a", "an"}:
        cleaned = ["one", *cleaned[1:]] if len(cleaned) > 1 else []
        if not cleaned:
            return None
    total = 0.0
    current = 0.0
    seen_any = False
    for word in cleaned:
        for part in word.split("-"):
            if not part:
                continue
            value = single_number(part)
            if value is not None:
                current += value
                seen_any = True
            elif part in SCALES:
                scale = SCALES[part]
                current = (current or 1) * scale
                if scale >= 1000:
                    total += current
                    current = 0
                seen_any = True
            elif part in COLLECTIVES:
                current = (current or 1) * COLLECTIVES[part]
                seen_any = True
            elif part in FRACTIONS:
                current = (current or 1) * FRACTIONS[part]
                seen_any = True
            else:
                return None
    return total + current if seen_any else None


def single_number(word: str) -> float | None:
    """One token's value: "600,000", "1.5", "seven", "twenty", "3bn"; None otherwise."""
    lowered = word.lower()
    if DIGITS.match(lowered):
        return float(lowered.replace(",", ""))
    scaled = DIGITS_WITH_SCALE.match(lowered)
    if scaled:
        return float(scaled.group(1)) * SCALE_ABBREVIATIONS[scaled.group(2).lower()]
    if lowered in UNITS:
        return float(UNITS[lowered])
    if lowered in TENS:
        return float(TENS[lowered])
    if "-" in lowered:
        tens, _, unit = lowered.partition("-")
        if tens in TENS and unit in UNITS and UNITS[unit] < 10:
            return float(TENS[tens] + UNITS[unit])
    return None
