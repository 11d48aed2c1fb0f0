"""The fact table on real news, scored against a person's reading (issue 10).

Runs wirecheck on the ECB+ topics named in ``bench/judged/ecb_facts.json``. Each judged gold story is
analysed as one story (its gold articles handed to ``build_story``), so that grouping errors do not
confound the facts; ``--grouped`` also scores the stories wirecheck's own grouping makes of each
topic. The report's facts are matched to the judged items (see bench/judged/README-facts.md) and
these figures printed:

- dispute precision: of the disputes shown, the share that match a judged real disagreement or match
  a judged not-dispute of a scope kind while their reason names the scope; a dispute matching a
  judged not-dispute is wrong; one matching no judged item is *unjudged*, counted apart (and listed
  with ``--verbose`` so that a person can judge it); "strict" counts unjudged ones as wrong;
- recall of the judged disagreements (found when a non-agreed fact has claims on two of its sides);
- wrong agreements: agreed facts whose claims land on two sides of a judged not-dispute (two
  different things given as one agreed fact), and agreed facts that match a judged agreement.

    PYTHONPATH=src .venv/bin/python bench/facts_ecb.py [--verbose] [--grouped] [--save R.json]
    PYTHONPATH=src .venv/bin/python bench/facts_ecb.py --report R.json   # score a saved run
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
JUDGED = HERE / "judged" / "ecb_facts.json"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "ecb-dev"
SCOPE_CLASSES = {"different_scope", "different_place", "different_day", "different_reference_point"}
SCOPE_WORDS = ("scope", "different place", "different day", "different area", "different town", "separate")
NOT_SHOWN = {"agreed", "single"}
# not-disputes that are one value written two ways: as an agreement they are right
SAME_THING_CLASSES = {
    "hedged_compatible",
    "rounding",
    "currency_conversion",
    "unit_conversion",
    "transliteration_variant",
    "name_short_form",
    "quote_editorial",
    "quote_punctuation",
}

Json = dict[str, Any]


# --------------------------------------------------------------------------- running wirecheck


def analyse_topics(corpus: Path, topics: Sequence[str], grouped: bool) -> Json:
    """Stories per mode ("gold", and "grouped" if asked) as report dicts, every topic analysed once."""
    from wirecheck import clean, extract, group, ingest
    from wirecheck.model import Report
    from wirecheck.nlp import load_models
    from wirecheck.pipeline import build_story
    from wirecheck.report.json import report_to_dict

    gold = json.loads((corpus / "stories.json").read_text(encoding="utf-8"))
    models = load_models()
    out: dict[str, Any] = {"gold": [], "grouped": [], "gold_of": gold}
    for topic in topics:
        started = time.perf_counter()
        files = sorted((corpus / f"topic{topic}").glob("*.txt"))
        articles = clean.clean_documents(ingest.read_inputs([str(f) for f in files]).documents)
        mentions = extract.extract_mentions(articles, models)
        grouping = group.group_articles(articles, mentions, models)
        wanted = [
            ("gold", sid, [a.id for a in articles if gold.get(a.id) == sid])
            for sid in sorted({gold[a.id] for a in articles if a.id in gold})
        ]
        if grouped:
            wanted += [("grouped", s.id, list(s.article_ids)) for s in grouping.stories]
        for mode, sid, ids in wanted:
            story = build_story(sid, ids, articles, mentions, grouping, models)
            report = Report(articles=(), mentions=(), grouping=grouping, stories=(story,))
            found = report_to_dict(report)["stories"][0]
            found["topic"] = topic
            out[mode].append(found)
        print(
            f"  topic {topic}: {len(articles)} articles in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return out


# --------------------------------------------------------------------------- matching


def squash(text: str) -> str:
    """Lower case, letters and digits only: quotes, dashes and spacing do not decide a match."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def same_number(a: float, b: float) -> bool:
    """Equal, also when one is written with a scale word ("2 million" as 2 or as 2000000)."""
    for scale in (1.0, 1e3, 1e6, 1e9):
        for x, y in ((a * scale, b), (a, b * scale)):
            if abs(x - y) <= 1e-6 * max(abs(x), abs(y), 1.0):
                return True
    return False


def words(text: str) -> list[str]:
    return re.findall(r"[0-9a-z]+", text.lower())


def contains_words(text: str, part: str) -> bool:
    """Whether ``part``'s words appear in ``text`` in a row ("two" is not found in "twenty-two")."""
    want, have = words(part), words(text)
    return bool(want) and any(have[i : i + len(want)] == want for i in range(len(have) - len(want) + 1))


CURRENCIES = {"$": "dollar", "dollar": "dollar", "€": "euro", "euro": "euro", "£": "pound", "pound": "pound"}


def currency(value: str) -> str | None:
    """The currency a value is written in ("$2.6 million", "two million euros"), if any."""
    lowered = value.lower()
    found = {name for mark, name in CURRENCIES.items() if mark in lowered}
    return found.pop() if len(found) == 1 else None


def lands_on(claim: Json, side: Json, quote: bool = False) -> bool:
    """Whether a report claim is one of the values a judged side stands for."""
    if claim.get("article_id") not in side["articles"]:
        return False
    wanted_currency, given_currency = currency(side["value"]), currency(claim.get("value") or "")
    if wanted_currency and given_currency and wanted_currency != given_currency:
        return False  # 2 million euros is not the side's $2 million
    if side.get("in") and squash(side["in"]) not in squash(claim.get("text") or ""):
        return False
    number = claim.get("number")
    if side.get("number") is not None and isinstance(number, (int, float)):
        wanted = side["number"] if isinstance(side["number"], list) else [side["number"]]
        # a figure lands by its number: a sum written with its parts ("12 Somali and 11 Yemeni",
        # 23) is the total's value, not also each part's
        return any(same_number(float(number), float(n)) for n in wanted)
    if quote:
        return bool(squash(side["value"])) and squash(side["value"]) in squash(claim.get("value") or "")
    return contains_words(claim.get("value") or "", side["value"])


def comparable(fact: Json, item: Json) -> bool:
    """Quotes are matched only to quote items and names to name items; figures to the rest."""
    special = {"quote", "name"}
    kind = fact.get("kind")
    return kind == item["kind"] if (kind in special or item["kind"] in special) else True


def sides_hit(fact: Json, item: Json) -> set[int]:
    """Indexes of the item's sides that some claim of the fact lands on."""
    quote = item["kind"] == "quote"
    return {i for i, side in enumerate(item["sides"]) for c in fact["claims"] if lands_on(c, side, quote)}


def matches(fact: Json, item: Json) -> bool:
    """A fact matches an item when its claims land on two of the item's sides (an agreement: two claims
    on its one side)."""
    if not comparable(fact, item):
        return False
    if len(item["sides"]) == 1:
        return sum(lands_on(c, item["sides"][0], item["kind"] == "quote") for c in fact["claims"]) >= 2
    return len(sides_hit(fact, item)) >= 2


def stray_claims(fact: Json, item: Json) -> int:
    """Claims of a matched fact that land on none of the item's sides (a mixed comparison)."""
    quote = item["kind"] == "quote"
    return sum(not any(lands_on(c, s, quote) for s in item["sides"]) for c in fact["claims"])


# --------------------------------------------------------------------------- scoring


@dataclass
class Tally:
    """Counts of scoring (shown, real, scope, wrong, unjudged, mixed, judged_real, found, agreed,
    agreed_right, agreed_wrong, agreed_over_real); ``lines`` are what --verbose prints."""

    n: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)


def describe(fact: Json) -> str:
    claims = "; ".join(f"{c['article_id']}={c.get('value')!r}" for c in fact["claims"][:8])
    more = f" (+{len(fact['claims']) - 8})" if len(fact["claims"]) > 8 else ""
    return f"[{fact['status']} {fact.get('kind')}] {fact['subject']}: {claims}{more}"


def across_events_only(fact: Json, gold_of: dict[str, str]) -> bool:
    """Whether the fact's values differ only between the topic's two gold events (two different
    quakes, heists, captures): within each event its claims give one value."""
    values: dict[str, set[str]] = {}
    for claim in fact["claims"]:
        value = claim.get("number") if claim.get("number") is not None else squash(claim.get("value") or "")
        values.setdefault(gold_of.get(claim["article_id"], "?"), set()).add(str(value))
    return len(values) > 1 and all(len(v) == 1 for v in values.values())


def score_story(story: Json, judged: Sequence[Json], gold_of: dict[str, str]) -> Tally:
    """Match one report story's facts against the judged items of its articles' stories."""
    real = [i for s in judged for i in s["disagreements"]]
    nots = [i for s in judged for i in s["not_disputes"]]
    agreements = [i for s in judged for i in s["agreements"]]
    tally = Tally()
    tally.n["judged_real"] = len(real)
    found: set[str] = set()
    for fact in story["facts"]:
        status = fact.get("status")
        if status == "agreed":
            tally.n["agreed"] += 1
            different = [i for i in nots if i["class"] not in SAME_THING_CLASSES] + list(real)
            wrong = [i["id"] for i in different if matches(fact, i)]
            wrong += (
                ["across the two events"]
                if len({gold_of.get(c["article_id"]) for c in fact["claims"]}) > 1
                else []
            )
            if wrong:
                tally.n["agreed_wrong"] += 1
                tally.n["agreed_over_real"] += any(i["id"] in wrong for i in real)
                tally.lines.append(f"    WRONG AGREEMENT {wrong}: {describe(fact)}")
            elif any(matches(fact, i) for i in agreements):
                tally.n["agreed_right"] += 1
            continue
        if status in NOT_SHOWN:
            continue
        tally.n["shown"] += 1
        hits = [i for i in real if matches(fact, i)]
        misses = [i for i in nots if matches(fact, i)]
        found.update(i["id"] for i in hits)
        if hits:
            tally.n["real"] += 1
            if misses or any(stray_claims(fact, i) for i in hits):
                tally.n["mixed"] += 1
                tally.lines.append(f"    real but mixed {[i['id'] for i in hits + misses]}: {describe(fact)}")
        elif (
            misses
            and all(i["class"] in SCOPE_CLASSES for i in misses)
            and any(w in (fact.get("reason") or "").lower() for w in SCOPE_WORDS)
        ):
            tally.n["scope"] += 1
        elif misses:
            tally.n["wrong"] += 1
            tally.lines.append(f"    WRONG {[i['id'] for i in misses]}: {describe(fact)}")
        elif across_events_only(fact, gold_of):
            tally.n["wrong"] += 1
            tally.lines.append(
                f"    WRONG (values differ only between the topic's two events): {describe(fact)}"
            )
        else:
            tally.n["unjudged"] += 1
            tally.lines.append(f"    UNJUDGED: {describe(fact)}\n      reason: {fact.get('reason')}")
    tally.n["found"] = len(found)
    for item in real:
        if item["id"] not in found:
            tally.lines.append(f"    missed {item['id']} ({item['kind']}): {item['subject']}")
    return tally


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part}/{whole})" if whole else "n/a (0/0)"


def units(runs: Json, judged_doc: Json, mode: str) -> list[tuple[str, Json, list[Json]]]:
    """What to score: each gold story against its judged story, or each topic's grouped stories
    (their facts pooled) against the topic's judged stories."""
    by_story = {s["story"]: s for s in judged_doc["stories"]}
    if mode == "gold":
        return [(s["id"], s, [by_story[s["id"]]]) for s in runs["gold"] if s["id"] in by_story]
    out = []
    for topic in sorted({s["topic"] for s in judged_doc["stories"]}, key=int):
        facts = [f for s in runs.get("grouped", []) if s.get("topic") == topic for f in s["facts"]]
        judged = [s for s in judged_doc["stories"] if s["topic"] == topic]
        out.append((f"topic {topic}", {"facts": facts}, judged))
    return out


def score(
    scored: Sequence[tuple[str, Json, list[Json]]], gold_of: dict[str, str], label: str, verbose: bool
) -> Tally:
    """Print the figures of one mode and return its totals."""
    total = Tally()
    print(f"\n== {label}")
    print(
        f"  {'story':<14}{'shown':>6}{'real':>6}{'scope':>6}{'wrong':>6}{'unjdg':>6}{'found':>9}{'agreed':>7}{'bad':>5}"
    )
    for name, story, judged in scored:
        tally = score_story(story, judged, gold_of)
        total.n.update(tally.n)
        print(
            f"  {name:<14}{tally.n['shown']:>6}{tally.n['real']:>6}{tally.n['scope']:>6}{tally.n['wrong']:>6}{tally.n['unjudged']:>6}"
            f"{tally.n['found']:>5}/{tally.n['judged_real']:<3}{tally.n['agreed']:>7}{tally.n['agreed_wrong']:>5}"
        )
        if verbose:
            for line in tally.lines:
                print(line)
    judged_shown = total.n["real"] + total.n["scope"] + total.n["wrong"]
    print(
        f"  dispute precision (judged): {ratio(total.n['real'] + total.n['scope'], judged_shown)}"
        f"   strict (unjudged as wrong): {ratio(total.n['real'] + total.n['scope'], total.n['shown'])}"
    )
    print(
        f"  unjudged disputes: {total.n['unjudged']}   real but mixed with other claims: {total.n['mixed']}"
    )
    print(f"  recall of judged disagreements: {ratio(total.n['found'], total.n['judged_real'])}")
    print(
        f"  wrong agreements: {total.n['agreed_wrong']} of {total.n['agreed']} agreed facts, {total.n['agreed_over_real']} of them"
        f" over a judged real disagreement   (agreed facts matching a judged agreement: {total.n['agreed_right']})"
    )
    return total


def check_judged(judged_doc: Json, corpus: Path) -> list[str]:
    """Problems of the judged file against the corpus: unknown articles, articles of another topic,
    ``in`` fragments their article does not contain."""
    gold = read_gold(corpus)
    problems = []
    for story in judged_doc["stories"]:
        for section in ("disagreements", "not_disputes", "agreements"):
            for item in story[section]:
                for side in item["sides"]:
                    for article in side["articles"]:
                        path = corpus / f"topic{story['topic']}" / f"{article}.txt"
                        if gold.get(article, "").split("_")[0] != story["topic"] or not path.is_file():
                            problems.append(
                                f"{item['id']}: {article} is not an article of topic {story['topic']}"
                            )
                        elif side.get("in") and squash(side["in"]) not in squash(
                            path.read_text(encoding="utf-8")
                        ):
                            problems.append(f"{item['id']}: {article} does not contain {side['in']!r}")
    return problems


def read_gold(corpus: Path) -> dict[str, str]:
    """Each article's gold story (for runs saved without it)."""
    path = corpus / "stories.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--report", type=Path, help="score stories saved by --save instead of running")
    parser.add_argument("--save", type=Path, help="write the analysed stories here (JSON)")
    parser.add_argument("--check", action="store_true", help="only check the judged file against the corpus")
    parser.add_argument(
        "--grouped", action="store_true", help="also score wirecheck's own grouping of each topic"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="list wrong, mixed and unjudged disputes, misses"
    )
    args = parser.parse_args(argv)
    try:
        judged_doc = json.loads(args.judged.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"cannot read the judged file {args.judged}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        problems = check_judged(judged_doc, args.corpus)
        print("\n".join(problems) or f"{args.judged}: every article and fragment found in {args.corpus}")
        return 1 if problems else 0
    topics = sorted({s["topic"] for s in judged_doc["stories"]}, key=int)
    started = time.perf_counter()
    if args.report:
        runs = json.loads(args.report.read_text(encoding="utf-8"))
    else:
        if not args.corpus.is_dir():
            print(f"corpus not found: {args.corpus}", file=sys.stderr)
            return 2
        runs = analyse_topics(args.corpus, topics, args.grouped)
        if args.save:
            args.save.write_text(json.dumps(runs, ensure_ascii=False), encoding="utf-8")
    print(
        f"judged: {len(judged_doc['stories'])} stories of topics {', '.join(topics)}; "
        f"analysis {time.perf_counter() - started:.0f} s"
    )
    gold_of = runs.get("gold_of") or read_gold(args.corpus)
    score(
        units(runs, judged_doc, "gold"),
        gold_of,
        "gold stories (each judged story analysed as one story)",
        args.verbose,
    )
    if runs.get("grouped"):
        score(
            units(runs, judged_doc, "grouped"),
            gold_of,
            "grouped (wirecheck's own stories, pooled per topic)",
            args.verbose,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
