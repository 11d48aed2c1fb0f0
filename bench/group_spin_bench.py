"""Spin detector precision / recall on texts we spin ourselves (tuning and held-out halves).

Procedure (documented so the figures can be reproduced):
1. Clean texts: the main text of each English page of ../shared/corpus/web-pages
   (trafilatura, at least 150 words, cut to 900; English = at least 25% of the words are
   common function words), the seed articles of ../shared/corpus/seeds and the articles
   of examples/demo (read and cleaned by wirecheck itself), minus those their gold files
   call spun or copies of another.  Nothing is committed: texts are read at bench time.
2. Halves: a text goes to "tuning" or "held-out" by the parity of a hash of its name, so
   every spun copy of a text sits in the same half as the text.  The constants of
   wirecheck.group.spin were set looking at the tuning half only.
3. Spun copy of every clean text at each rate R (share of its content words, i.e. words of
   3+ letters that are not spaCy stop words nor all capitals): round(R x content words) of
   the content words the thesaurus knows are picked at random and each is replaced by one of
   its synonyms picked uniformly, across all senses, blind to context, as spinners do.
   Inflected words are looked up by their stem and the synonym inflected the naive way
   ("troops" -> "soldierys" is possible, as with real spinners); capitalisation is kept.
   Thesauri (``--thesaurus``):
   * ``mythes`` (default): the LibreOffice English thesaurus of Debian's ``mythes-en-us``
     (/usr/share/mythes/th_en_US_v2.dat, MPL): synonyms and similar terms of every sense,
     no antonyms, generic or related terms, single words only.  It is derived from WordNet,
     like the thesauri of many spinners, so it overlaps the detector's synonym table.
   * ``own``: bench/data/spin_thesaurus.tsv, 210 headwords we wrote, mostly common words
     ("individuals", "stated"): the hard case for a word-level detector.
   Neither shares an entry with the detector's curated substitution list.
4. Each clean text (label 0) and each spun copy (label 1) is scored without the original,
   with a fixed random seed (``--seed``) per text and rate.

    apt-get install mythes-en-us
    .venv/bin/python bench/group_spin_bench.py [--thesaurus mythes|own] [--rates 0.2 0.35 0.5]
                                               [--seed 7] [--show 5]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from wirecheck import clean, ingest
from wirecheck.group.spin import load_lexicon, score_spin
from wirecheck.model import Article

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "corpus" / "web-pages" / "html"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEMO = ROOT / "examples" / "demo"
OWN_THESAURUS = Path(__file__).resolve().parent / "data" / "spin_thesaurus.tsv"
MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
LEFT_OUT_MYTHES_TERMS = ("(antonym)", "(generic term)", "(related term)")
FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "it",
        "on",
        "was",
        "with",
        "as",
        "by",
        "be",
        "are",
        "this",
        "from",
        "at",
        "or",
        "an",
        "have",
    ]
)
WORD = re.compile(r"[A-Za-z]+")
INFLECTIONS = (  # suffix, ways to find the stem
    ("ies", (lambda w: w[:-3] + "y",)),
    ("es", (lambda w: w[:-2],)),
    ("s", (lambda w: w[:-1],)),
    ("ed", (lambda w: w[:-2], lambda w: w[:-1], lambda w: w[:-3])),
    ("ing", (lambda w: w[:-3], lambda w: w[:-3] + "e", lambda w: w[:-4])),
)

Thesaurus = Mapping[str, Sequence[str]]


# --------------------------------------------------------------------------- clean texts


def english_pages(limit_words: int = 900) -> dict[str, str]:
    import trafilatura

    texts = {}
    for path in sorted(PAGES.glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        tokens = (trafilatura.extract(html, include_comments=False) or "").split()
        if len(tokens) < 150:
            continue
        lowered = [t.lower().strip(".,;:!?\"'()") for t in tokens]
        if sum(t in FUNCTION_WORDS for t in lowered) / len(lowered) < 0.25:
            continue
        texts[path.name.removesuffix(".html.gz")] = " ".join(tokens[:limit_words])
    return texts


def unspun_articles(corpus: Path) -> dict[str, str]:
    """Bodies of a labelled corpus as wirecheck cleans them, minus spun articles and copies."""
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    copies = {c["id"] for c in gold.get("copies", [])}
    labels = gold.get("articles", {})
    articles = clean.clean_documents(ingest.read_inputs([str(corpus)]).documents)
    return {
        f"{corpus.name}/{a.id}": a.body
        for a in articles
        if not labels.get(a.id, {}).get("spun") and a.id not in copies
    }


def clean_texts() -> dict[str, str]:
    texts = english_pages()
    for corpus in (SEEDS, DEMO):
        if (corpus / "gold.json").exists():
            texts.update(unspun_articles(corpus))
    return texts


# --------------------------------------------------------------------------- the spinner


def read_own_thesaurus() -> dict[str, list[str]]:
    table = {}
    for line in OWN_THESAURUS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        head, synonyms = line.split("\t")
        table[head] = synonyms.split("|")
    return table


def read_mythes(path: Path = MYTHES) -> dict[str, list[str]]:
    """headword -> single-word synonyms of all its senses (MyThes .dat: "word|n" then n sense lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    table = {}
    index = 0
    while index < len(lines):
        head, count = lines[index].rsplit("|", 1)
        senses = lines[index + 1 : index + 1 + int(count)]
        index += 1 + int(count)
        synonyms = {
            item.replace(" (similar term)", "").strip().lower()
            for sense in senses
            for item in sense.split("|")[1:]
            if not any(term in item for term in LEFT_OUT_MYTHES_TERMS)
        }
        synonyms = {s for s in synonyms if s.isalpha() and s != head}
        if head.isalpha() and head.islower() and synonyms:
            table[head] = sorted(synonyms)
    return table


def inflect(synonym: str, suffix: str) -> str:
    """The naive inflection a spinner applies to the synonym of an inflected word."""
    if suffix in ("s", "es", "ies"):
        if synonym.endswith("y") and synonym[-2:-1] not in tuple("aeiou"):
            return synonym[:-1] + "ies"
        return synonym + "es" if synonym.endswith(("s", "x", "ch", "sh", "z")) else synonym + "s"
    if suffix == "ed":
        return synonym + "d" if synonym.endswith("e") else synonym + "ed"
    if suffix == "ing":
        return (synonym[:-1] if synonym.endswith("e") else synonym) + "ing"
    return synonym


def synonyms_of(word: str, thesaurus: Thesaurus) -> tuple[Sequence[str], str]:
    """(synonyms, suffix to put back) for a lowercase word, looked up as is or by its stem."""
    if word in thesaurus:
        return thesaurus[word], ""
    for suffix, stems in INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            for stem in stems:
                if stem(word) in thesaurus:
                    return thesaurus[stem(word)], suffix
    return (), ""


def is_content_word(word: str) -> bool:
    return len(word) >= 3 and word.lower() not in STOP_WORDS and not word.isupper()


def spin_text(text: str, thesaurus: Thesaurus, rate: float, rng: random.Random) -> tuple[str, int]:
    """``text`` with ``rate`` of its content words swapped for random synonyms; and how many were."""
    matches = list(WORD.finditer(text))
    content = [m for m in matches if is_content_word(m.group())]
    known = [m for m in content if synonyms_of(m.group().lower(), thesaurus)[0]]
    chosen = {m.start() for m in rng.sample(known, min(len(known), round(rate * len(content))))}
    pieces, position = [], 0
    for match in matches:
        word = match.group()
        if match.start() in chosen:
            synonyms, suffix = synonyms_of(word.lower(), thesaurus)
            new = inflect(rng.choice(synonyms), suffix)
            word = new[:1].upper() + new[1:] if word[:1].isupper() else new
        pieces += [text[position : match.start()], word]
        position = match.end()
    return "".join(pieces) + text[position:], len(chosen)


# --------------------------------------------------------------------------- scoring


def half(name: str) -> str:
    return "tuning" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def as_article(key: str, text: str) -> Article:
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    return Article(id=key, source=key, format="text", body="\n\n".join(paragraphs), paragraphs=paragraphs)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn, self.tn = (
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.tn + other.tn,
        )

    def line(self) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return f"precision {precision:.3f} recall {recall:.3f} (tp {self.tp} fp {self.fp} fn {self.fn} tn {self.tn})"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thesaurus", choices=("mythes", "own"), default="mythes")
    parser.add_argument("--rates", type=float, nargs="+", default=[0.2, 0.35, 0.5])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print this many misclassified texts per half")
    args = parser.parse_args(argv)
    if not PAGES.is_dir():
        sys.exit(f"{PAGES} is not present")
    if args.thesaurus == "mythes" and not MYTHES.exists():
        sys.exit(f"{MYTHES} is not present: apt-get install mythes-en-us")
    thesaurus = read_mythes() if args.thesaurus == "mythes" else read_own_thesaurus()
    texts = clean_texts()
    lexicon = load_lexicon()
    print(f"{len(texts)} clean texts; thesaurus {args.thesaurus} ({len(thesaurus)} headwords)")
    for part in ("tuning", "held-out"):
        names = [n for n in texts if half(n) == part]
        clean_flags = {n: score_spin(as_article(n, texts[n]), None, lexicon) for n in names}
        errors = [
            f"  false positive {n} {s.score} {list(s.phrases)[:6]}"
            for n, s in clean_flags.items()
            if s.flagged
        ]
        fp = sum(s.flagged for s in clean_flags.values())
        overall = Tally()
        for rate in args.rates:
            tally = Tally(fp=fp, tn=len(names) - fp)
            replaced = words = 0
            for name in names:
                rng = random.Random(f"{args.seed}/{name}/{rate}")
                spun_text, count = spin_text(texts[name], thesaurus, rate, rng)
                replaced += count
                words += sum(is_content_word(m.group()) for m in WORD.finditer(texts[name]))
                spun = score_spin(as_article(name, spun_text), None, lexicon)
                tally.tp += spun.flagged
                tally.fn += not spun.flagged
                if not spun.flagged:
                    errors.append(f"  missed at {rate}: {name} {spun.score} {list(spun.phrases)[:6]}")
            overall.add(tally)
            print(
                f"{part:9s} rate {rate:.2f} ({replaced / max(words, 1):.0%} of content words replaced), "
                f"{len(names)} clean + {len(names)} spun: {tally.line()}"
            )
        print(f"{part:9s} all rates: {overall.line()}")
        for line in errors[: args.show]:
            print(line)


if __name__ == "__main__":
    main()
