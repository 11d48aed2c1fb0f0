"""Speakers, headlines, dates, outlets and kept sentences on real text, against hand-judged files.

usage: .venv/bin/python bench/speakers_ecb.py [--verbose] [--corpus DIR] [--pages DIR]

The judged files (bench/judged/, see its README) were written by a person reading the articles of
../shared/corpus/ecb-dev and a few pages of ../shared/corpus/web-pages.  This script runs
wirecheck's own stages on those articles (ingest -> clean for headlines, dates, outlets and kept
sentences; ingest -> clean -> extract for quotes) and prints:

- quote recall: annotated quotes that wirecheck finds at all (one of its quotes in that article
  contains the annotated snippet, or lies inside it when wirecheck cut a long quote in pieces);
- named-speaker accuracy: of annotated quotes whose text names a speaker, the share whose
  wirecheck speaker is that speaker (an unfound quote counts as wrong); also over found quotes;
- null accuracy: of found quotes whose text names no one, the share wirecheck leaves unnamed;
- speaker coverage: of quotes whose text names a speaker, the share that get any speaker;
- headline, date and outlet accuracy over the annotated ecb-dev articles, and how many of
  wirecheck's headlines there are date or time lines;
- kept-sentence recall: annotated short factual sentences found in the cleaned article text.

A speaker matches when, after case, accents, titles and possessives are folded, the names are the
same, one name's words are all in the other ("Heller" ~ "Mark Jay Heller", "Walter" ~ "Walter A.
Clyburn Reed"), the last words agree and the first words do not contradict ("W. Mark Felt" ~
"Mark Felt", but "Joan Felt" is not "Mark Felt"), or one is the other's acronym ("NRDC").
``--verbose`` lists every miss.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirecheck import clean, extract, ingest
from wirecheck.model import Article, QuoteMention
from wirecheck.nlp import load_models

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "bench" / "judged"
SHARED_CANDIDATES = [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
QUOTE_MARKS = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "`": "'", "\u00ab": '"', "\u00bb": '"'}
)
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "rev", "sen", "rep", "gov", "gen", "lt", "sgt", "const", "st",
    "sir", "dame", "prof", "president", "the", "inspector", "judge", "deputy", "officer", "detective",
}  # fmt: skip
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_OR_TIME = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH}|\b\d{{1,4}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{2,4}}\b"
    r"|\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?",
    re.IGNORECASE,
)
DATE_LINE_WORDS = re.compile(
    rf"{MONTH}|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?|\b(?:first|last|originally)\b"
    r"|\b(?:published|posted|updated|edited|released|time|on|at|uk|et|est|edt|pst|pdt|bst|gmt|cet|ist|cdt|utc)\b"
    r"|\b[ap]\.?m\.?|\d+(?:st|nd|rd|th)?",
    re.IGNORECASE,
)


def norm(text: str | None) -> str:
    """Compare texts as a reader would: NFKC, straight quotes, one space, lower case."""
    return (
        re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "").translate(QUOTE_MARKS)).strip().lower()
    )


def name_words(name: str) -> list[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", norm(name)) if not unicodedata.combining(c))
    plain = re.sub(r"'s\b", "", plain)
    words = [w.strip(".") for w in re.split(r"[^\w.'-]+", plain) if w.strip(".'-")]
    return [w for w in words if w not in TITLES] or words


def is_initial_of(a: str, b: str) -> bool:
    return len(a) == 1 and b.startswith(a)


def same_speaker(found: str, judged: Sequence[str]) -> bool:
    """``found`` names the judged speaker (or one of its aliases); see the module docstring."""
    f = name_words(found)
    if not f:
        return False
    for name in judged:
        g = name_words(name)
        if not g:
            continue
        if f == g or set(f) <= set(g) or set(g) <= set(f):
            return True
        if f[-1] == g[-1] and (f[0] == g[0] or is_initial_of(f[0], g[0]) or is_initial_of(g[0], f[0])):
            return True
        if "".join(w[0] for w in g if w not in {"of", "and", "for"}) == "".join(f) and len(f) == 1:
            return True
        if "".join(w[0] for w in f if w not in {"of", "and", "for"}) == "".join(g) and len(g) == 1:
            return True
    return False


def is_date_line(line: str | None) -> bool:
    """A date or time stamp ("Updated 5/5/2010 1:41 PM", "7:00pm UK, Wednesday 05 May 2010")."""
    if not line or not DATE_OR_TIME.search(line):
        return False
    rest = re.sub(r"[\W_]+", " ", DATE_LINE_WORDS.sub(" ", line)).split()
    return len(rest) <= 1


def same_headline(found: str | None, judged: str, alternatives: Iterable[str] = ()) -> bool:
    def key(text: str | None) -> str:
        return norm(text).rstrip(" .")

    return bool(found) and key(found) in {key(judged), *(key(a) for a in alternatives)}


def same_outlet(found: str | None, host: str) -> bool:
    """The host itself, or a name whose letters spell the host's name ("CBS News" ~ cbsnews.com)."""
    if not found:
        return False
    f = norm(found).removeprefix("www.")
    if f == host or host.endswith("." + f):
        return True
    squashed = re.sub(r"[^a-z0-9]", "", f.removeprefix("the "))
    labels = host.split(".")
    return any(squashed == label for label in labels if len(label) > 2)


# --------------------------------------------------------------------------- reading the corpora


def shared_dir(given: str | None, sub: str) -> Path:
    if given:
        return Path(given)
    for candidate in SHARED_CANDIDATES:
        if (candidate / "corpus" / sub).is_dir():
            return candidate / "corpus" / sub
    sys.exit(f"speakers_ecb: ../shared/corpus/{sub} not found (give --corpus/--pages)")


def article_path(name: str, corpus: Path, pages: Path) -> Path:
    if name.startswith("web:"):
        return pages / "html" / f"{name[4:]}.html.gz"
    topic = int(name.split("_")[0])
    return corpus / f"topic{topic:02d}" / f"{name}.txt"


def load_judged(name: str) -> list[dict[str, Any]]:
    path = JUDGED / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def cleaned(names: Iterable[str], corpus: Path, pages: Path) -> dict[str, Article]:
    """Each named article through wirecheck's ingest and clean, keyed by its judged name."""
    by_path = {str(article_path(n, corpus, pages)): n for n in names}
    result = ingest.read_inputs(list(by_path))
    for problem in result.problems:
        print(f"  (input note: {problem.source}: {problem.reason})")
    articles = clean.clean_documents(result.documents)
    return {by_path[a.source]: a for a in articles if a.source in by_path}


# --------------------------------------------------------------------------- scoring


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> bool:
        self.hit += ok
        self.total += 1
        return ok

    def __str__(self) -> str:
        share = self.hit / self.total if self.total else 0.0
        return f"{share:6.1%}  ({self.hit}/{self.total})"


def quote_found(snippet: str, quotes: Sequence[QuoteMention]) -> QuoteMention | None:
    """The wirecheck quote holding the snippet; else one lying inside it (a long quote cut up)."""
    s = norm(snippet).strip(" .,\"'")
    texts = [(norm(q.text), q) for q in quotes]
    inside = next((q for t, q in texts if s in t), None)
    return inside or next((q for t, q in texts if len(t) >= 12 and t.strip(" .,\"'") in s), None)


def score_quotes(judged: list[dict[str, Any]], corpus: Path, pages: Path, verbose: bool) -> list[str]:
    names = sorted({q["article"] for q in judged})
    articles = cleaned(names, corpus, pages)
    order = [n for n in names if n in articles]
    started = time.perf_counter()
    mentions = extract.extract_mentions([articles[n] for n in order], load_models())
    seconds = time.perf_counter() - started
    quotes_of = {n: m.quotes for n, m in zip(order, mentions, strict=True)}

    recall, named_all, named_found, null_ok, coverage = Ratio(), Ratio(), Ratio(), Ratio(), Ratio()
    by_tag: dict[str, Ratio] = {}
    misses: list[str] = []
    for q in judged:
        found = quote_found(q["quote"], quotes_of.get(q["article"], ()))
        judged_names = [q["speaker"], *q.get("aliases", ())] if q["speaker"] else []
        where = f"{q['article']}: \u201c{q['quote']}\u201d"
        if not recall.add(found is not None):
            misses.append(f"  not found   {where} (speaker {q['speaker']})")
        got = found.speaker if found else None
        if judged_names:
            right = bool(got) and same_speaker(got or "", judged_names)
            named_all.add(right)
            coverage.add(bool(got))
            if found is not None:
                named_found.add(right)
                if not right:
                    misses.append(f"  speaker     {where}: wirecheck {got!r}, reader {q['speaker']!r}")
            for tag in q.get("tags", ()):
                by_tag.setdefault(tag, Ratio()).add(right)
        elif found is not None and not null_ok.add(got is None):
            misses.append(f"  not null    {where}: wirecheck {got!r}, reader: no one named")
    n_named = sum(1 for q in judged if q["speaker"])
    lines = [
        f"quotes: {len(judged)} judged in {len(names)} articles ({n_named} with a named speaker, "
        f"{len(judged) - n_named} with none); extraction {seconds:.1f}s",
        f"  quote recall                     {recall}",
        f"  named-speaker accuracy (all)     {named_all}",
        f"  named-speaker accuracy (found)   {named_found}",
        f"  null accuracy (found)            {null_ok}",
        f"  speaker coverage                 {coverage}",
        "  named-speaker accuracy by case:  "
        + ", ".join(f"{tag} {r.hit}/{r.total}" for tag, r in sorted(by_tag.items())),
    ]
    return lines + (["quote misses:", *misses] if verbose else [])


def score_headlines(judged: list[dict[str, Any]], corpus: Path, pages: Path, verbose: bool) -> list[str]:
    articles = cleaned([h["article"] for h in judged], corpus, pages)
    headline, date, outlet = Ratio(), Ratio(), Ratio()
    date_lines: list[str] = []
    misses: list[str] = []
    for h in judged:
        a = articles.get(h["article"])
        if a is None:
            misses.append(f"  missing     {h['article']}: not read or cleaned")
        if a is not None and is_date_line(a.headline):
            date_lines.append(f"  date line   {h['article']}: headline {a.headline!r}")
        if h["headline"] is not None and not headline.add(
            a is not None and same_headline(a.headline, h["headline"], h.get("alt", ()))
        ):
            misses.append(
                f"  headline    {h['article']}: wirecheck {a and a.headline!r}, reader {h['headline']!r}"
            )
        if h["date"] is not None and not date.add(a is not None and a.published == h["date"]):
            misses.append(
                f"  date        {h['article']}: wirecheck {a and a.published!r}, reader {h['date']!r}"
            )
        if h["outlet"] is not None and not outlet.add(a is not None and same_outlet(a.outlet, h["outlet"])):
            misses.append(
                f"  outlet      {h['article']}: wirecheck {a and a.outlet!r}, reader {h['outlet']!r}"
            )
    lines = [
        f"headlines: {len(judged)} judged articles",
        f"  headline accuracy                {headline}",
        f"  headlines that are date/time lines: {len(date_lines)}",
        f"  date accuracy                    {date}",
        f"  outlet accuracy                  {outlet}",
    ]
    return lines + (["headline misses:", *misses, *date_lines] if verbose else [])


def score_kept(judged: list[dict[str, Any]], corpus: Path, pages: Path, verbose: bool) -> list[str]:
    if not judged:
        return ["kept sentences: no judged file"]
    articles = cleaned({k["article"] for k in judged}, corpus, pages)
    kept = Ratio()
    misses: list[str] = []
    for k in judged:
        a = articles.get(k["article"])
        if not kept.add(a is not None and norm(k["sentence"]) in norm(a.body)):
            dropped = a is not None and any(norm(k["sentence"]) in norm(r) for r in a.removed)
            why = "dropped as boilerplate" if dropped else "not in the body"
            misses.append(f"  {why:22} {k['article']}: \u201c{k['sentence']}\u201d")
    lines = [f"kept sentences: {len(judged)} judged", f"  kept-sentence recall             {kept}"]
    return lines + (["kept-sentence misses:", *misses] if verbose else [])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--corpus", help="the ecb-dev folder (default ../shared/corpus/ecb-dev)")
    parser.add_argument("--pages", help="the web-pages folder (default ../shared/corpus/web-pages)")
    args = parser.parse_args(argv)
    corpus, pages = shared_dir(args.corpus, "ecb-dev"), shared_dir(args.pages, "web-pages")
    started = time.perf_counter()
    report = [
        *score_headlines(load_judged("ecb_headlines.json"), corpus, pages, args.verbose),
        *score_kept(load_judged("ecb_keep_sentences.json"), corpus, pages, args.verbose),
        *score_quotes(load_judged("ecb_speakers.json"), corpus, pages, args.verbose),
        f"total {time.perf_counter() - started:.1f}s",
    ]
    print("\n".join(report))


if __name__ == "__main__":
    main()
