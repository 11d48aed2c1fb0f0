"""Name keys: how two spellings of one name are recognised as the same name.

``fold_name`` maps a name to a comparison key.  Besides case, accents, dots,
apostrophes and a leading "the", it folds the transliteration endings that
English news writes in several ways for Slavic names (each word separately):

- word endings ``-yy``, ``-iy``, ``-ii``, ``-yi``, ``-ij`` and a final ``-i`` after a
  consonant all become ``-y``  (Zelenskyy / Zelensky / Zelenskiy, Vitalii / Vitaliy,
  Dmitri / Dmitry);
- ``-ei`` at the end becomes ``-ey``  (Sergei / Sergey);
- ``tz`` becomes ``ts``, ``x`` becomes ``ks``  (Olexandr / Oleksandr);

Whatever the folding does not catch, ``edit_distance`` measures (used only on long names).
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_ENDINGS = (("yy", "y"), ("iy", "y"), ("ii", "y"), ("yi", "y"), ("ij", "y"), ("ei", "ey"))
_VOWELS = set("aeiouy")


def plain_text(text: str) -> str:
    """Lower case, accents removed, apostrophes unified, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped).strip().lower()


def strip_possessive(text: str) -> str:
    """ "Zelenskyy's" -> "Zelenskyy"; "Reuters'" stays (it is a name ending in s)."""
    return re.sub(r"['\u2019]s$", "", text.strip())


def fold_word(word: str) -> str:
    """One word's transliteration key (see the module docstring)."""
    w = word.replace("tz", "ts").replace("x", "ks")
    for ending, replacement in _ENDINGS:
        if len(w) > 3 and w.endswith(ending):
            w = w[: -len(ending)] + replacement
            break
    else:
        if len(w) > 3 and w.endswith("i") and w[-2] not in _VOWELS:
            w = w[:-1] + "y"
    return w


def name_words(text: str) -> list[str]:
    """The words of a name, lower case, without dots, possessives or a leading "the"."""
    plain = plain_text(strip_possessive(text)).replace(".", "")
    words = [w for w in re.split(r"[\s\-]+", plain) if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return words


def fold_name(text: str) -> str:
    """The comparison key of a whole name: "Volodymyr Zelenskyy" -> "volodymyr zelensky"."""
    return " ".join(fold_word(w) for w in name_words(text))


def acronym(text: str) -> str:
    """Initials of a multi-word name without function words: "the United States" -> "us"."""
    words = [w for w in name_words(text) if w not in {"of", "and", "the", "for", "de", "&"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute), for short strings such as names."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
