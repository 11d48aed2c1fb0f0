"""Spin detector precision / recall on texts we spin ourselves (tuning and held-out halves).

Procedure (documented so the figures can be reproduced):
1. Clean texts: the main text of each English page of ../shared/corpus/web-pages
   (trafilatura, at bench time: nothing is committed), at least 150 words, cut to 900.
   English = at least 25% of words are common English function words.
2. Halves: a page goes to "tuning" or "held-out" by the parity of a hash of its name.
   Thresholds in wirecheck.group.spin were set looking at the tuning half only.
3. Spun copy of every clean text: each word found in bench/data/spin_thesaurus.tsv is
   replaced with probability ``--rate`` by one of its synonyms picked uniformly (blind to
   context, senses mixed, as spinners do); capitalisation kept, nothing else fixed.
   The thesaurus shares no entry with the detector's curated list.
4. Each clean text (label 0) and each spun text (label 1) is scored without the original.

    .venv/bin/python bench/group_spin_bench.py [--rate 0.5] [--seed 7] [--show 5]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from wirecheck.group.spin import load_lexicon, score_spin
from wirecheck.model import Article

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "corpus" / "web-pages" / "html"
THESAURUS = Path(__file__).resolve().parent / "data" / "spin_thesaurus.tsv"
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


def english_texts(limit_words: int = 900) -> dict[str, str]:
    import trafilatura

    texts = {}
    for path in sorted(PAGES.glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        text = trafilatura.extract(html, include_comments=False) or ""
        tokens = text.split()
        if len(tokens) < 150:
            continue
        lowered = [t.lower().strip(".,;:!?\"'()") for t in tokens]
        if sum(t in FUNCTION_WORDS for t in lowered) / len(lowered) < 0.25:
            continue
        kept = " ".join(tokens[:limit_words])
        texts[path.name.removesuffix(".html.gz")] = kept
    return texts


def read_thesaurus() -> dict[str, list[str]]:
    table = {}
    for line in THESAURUS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        head, synonyms = line.split("\t")
        table[head] = synonyms.split("|")
    return table


def spin_text(text: str, thesaurus: dict[str, list[str]], rate: float, rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        word = match.group()
        synonyms = thesaurus.get(word.lower())
        if not synonyms or rng.random() >= rate:
            return word
        choice = rng.choice(synonyms)
        return choice[:1].upper() + choice[1:] if word[:1].isupper() else choice

    return WORD.sub(replace, text)


def half(name: str) -> str:
    return "tuning" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def as_article(key: str, text: str) -> Article:
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    return Article(id=key, source=key, format="text", body="\n\n".join(paragraphs), paragraphs=paragraphs)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=0.5, help="share of thesaurus words replaced")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print this many misclassified texts per half")
    args = parser.parse_args(argv)
    if not PAGES.is_dir():
        sys.exit(f"{PAGES} is not present")
    texts = english_texts()
    thesaurus = read_thesaurus()
    rng = random.Random(args.seed)
    lexicon = load_lexicon()
    print(f"{len(texts)} English pages; spin rate {args.rate}; thesaurus {len(thesaurus)} headwords")
    for part in ("tuning", "held-out"):
        names = [n for n in texts if half(n) == part]
        tp = fp = fn = tn = 0
        errors = []
        for name in names:
            clean = score_spin(as_article(name, texts[name]), None, lexicon)
            spun = score_spin(
                as_article(name, spin_text(texts[name], thesaurus, args.rate, rng)), None, lexicon
            )
            tp += spun.flagged
            fn += not spun.flagged
            fp += clean.flagged
            tn += not clean.flagged
            if clean.flagged:
                errors.append(f"  false positive {name} {clean.score} {list(clean.phrases)[:6]}")
            if not spun.flagged:
                errors.append(f"  missed {name} {spun.score} {list(spun.phrases)[:6]}")
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"{part:9s} {len(names)} clean + {len(names)} spun: precision {precision:.3f} recall {recall:.3f}"
            f" (tp {tp} fp {fp} fn {fn} tn {tn})"
        )
        for line in errors[: args.show]:
            print(line)


if __name__ == "__main__":
    main()
