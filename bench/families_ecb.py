"""Source families and independent witnesses on real news, scored against a person's reading (issue 12).

Runs wirecheck on the ECB+ topics of ``bench/judged/ecb_families.json`` (each judged gold story
analysed as one story, as ``bench/facts_ecb.py`` does) and prints:

- family grouping: the share of articles whose family (the set of its members) is exactly the
  judged one, and the same for articles in families of two or more;
- witness counts: for each judged agreement of ``ecb_facts.json``, the fact that matches it (its
  claims land on the agreement's side, as in facts_ecb) and the number of distinct witnesses among
  the claims landing there (``claims[].witness``).  The judged file gives each agreement's witnesses
  as groups of articles, so that the count is scored on the articles the fact covers (the judged
  groups those articles fall in): a fact that misses some articles is a recall question of the
  fact table (bench/facts_ecb.py), not of witness counting.  Also printed: the share of all judged
  agreements whose full judged count the fact gives (unmatched or partial facts count as wrong).

    PYTHONPATH=src .venv/bin/python bench/families_ecb.py [--verbose] [--save R.json | --report R.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_ecb import CORPUS, analyse_topics, lands_on, matches  # noqa: E402

HERE = Path(__file__).resolve().parent
JUDGED = HERE / "judged" / "ecb_families.json"
FACTS = HERE / "judged" / "ecb_facts.json"

Json = dict[str, Any]


def family_sets(families: Sequence[Json], key: str) -> dict[str, frozenset[str]]:
    """Article id -> the set of its family's members."""
    out: dict[str, frozenset[str]] = {}
    for family in families:
        members = [a["id"] if isinstance(a, dict) else a for a in family[key]]
        for member in members:
            out[member] = frozenset(members)
    return out


def copy_families(found: Json) -> list[Json]:
    """The families copy links alone make (the evidence of kind "copy"): the grouping before issue 12."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for family in found.get("families") or []:
        for member in family["article_ids"]:
            root(member)
        for evidence in family["evidence"]:
            if evidence["kind"] == "copy" and evidence["other"]:
                parent[root(evidence["article_id"])] = root(evidence["other"])
    groups: dict[str, list[str]] = {}
    for member in list(parent):
        groups.setdefault(root(member), []).append(member)
    return [{"article_ids": members} for members in groups.values()]


def score_families(
    judged: Json, found: Json, verbose: bool, copies_only: bool = False
) -> tuple[int, int, int, int]:
    """(right, articles, right in families of 2+, articles in families of 2+)."""
    want = family_sets(judged["families"], "articles")
    found_families = copy_families(found) if copies_only else found.get("families") or []
    got = family_sets(found_families, "article_ids")
    right = right_multi = multi = 0
    for article_id, members in sorted(want.items()):
        ok = got.get(article_id, frozenset({article_id})) == members
        right += ok
        if len(members) > 1:
            multi += 1
            right_multi += ok
        if verbose and not ok:
            print(
                f"    family {article_id}: judged {sorted(members)}, found {sorted(got.get(article_id, []))}"
            )
    return right, len(want), right_multi, multi


def side_witnesses(fact: Json, side: Json, quote: bool) -> int:
    """Distinct witnesses among the fact's claims that land on the side."""
    landed = [c for c in fact["claims"] if lands_on(c, side, quote)]
    return len({c.get("witness") if c.get("witness") is not None else c["article_id"] for c in landed})


def score_witnesses(
    items: Sequence[Json], witnesses: Sequence[Json], found: Json, verbose: bool
) -> tuple[int, int, int]:
    """(right on the covered articles, matched, full judged count right) for the story's agreements."""
    by_id = {i["id"]: i for i in items}
    right = matched = full = 0
    for judged in witnesses:
        item = by_id[judged["agreement"]]
        side, quote = item["sides"][0], item["kind"] == "quote"
        candidates = [f for f in found["facts"] if f["status"] != "disputed" and matches(f, item)]
        if not candidates:
            if verbose:
                print(f"    witnesses {item['id']}: no fact matches ({item['subject']})")
            continue
        fact = max(candidates, key=lambda f: sum(lands_on(c, side, quote) for c in f["claims"]))
        count = side_witnesses(fact, side, quote)
        covered = {c["article_id"] for c in fact["claims"] if lands_on(c, side, quote)}
        expected = sum(bool(covered & set(group)) for group in judged["groups"])
        matched += 1
        right += count == expected
        full += count == judged["witnesses"]
        if verbose and count != expected:
            sources = sorted({str(c.get("source")) for c in fact["claims"] if lands_on(c, side, quote)})
            print(
                f"    witnesses {item['id']}: judged {expected} on {sorted(covered)}, found {count} "
                f"(named sources {sources}; {judged['reason']})"
            )
    return right, matched, full


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else "0/0"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument("--facts", type=Path, default=FACTS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--report", type=Path, help="score stories saved by --save instead of running")
    parser.add_argument("--save", type=Path, help="write the analysed stories here (JSON)")
    parser.add_argument("--verbose", action="store_true", help="list the articles and counts that differ")
    args = parser.parse_args(argv)
    judged_doc = json.loads(args.judged.read_text(encoding="utf-8"))
    facts_doc = json.loads(args.facts.read_text(encoding="utf-8"))
    agreements = {s["story"]: s["agreements"] for s in facts_doc["stories"]}
    wanted = {s["story"] for s in judged_doc["stories"]}
    topics = sorted({s.split("_")[0] for s in wanted}, key=int)
    started = time.perf_counter()
    if args.report:
        runs = json.loads(args.report.read_text(encoding="utf-8"))
    else:
        runs = analyse_topics(args.corpus, topics, grouped=False)
        if args.save:
            args.save.write_text(json.dumps(runs, ensure_ascii=False), encoding="utf-8")
    found = {s["id"]: s for s in runs["gold"] if s["id"] in wanted}
    print(
        f"judged: {len(wanted)} stories of topics {', '.join(topics)}; analysis {time.perf_counter() - started:.0f} s"
    )
    subsets = {
        "all judged stories": judged_doc["stories"],
        "stories read while the rules were written": [
            s for s in judged_doc["stories"] if not s.get("held_out")
        ],
        "held-out stories (judged after the rules were fixed)": [
            s for s in judged_doc["stories"] if s.get("held_out")
        ],
    }
    results: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = {}
    for story in judged_doc["stories"]:
        sid = story["story"]
        if args.verbose:
            print(f"  {sid}")
        fam = score_families(story, found[sid], args.verbose)
        wit = score_witnesses(agreements[sid], story["witnesses"], found[sid], args.verbose)
        before = score_families(story, found[sid], False, copies_only=True)
        results[sid] = (fam, wit, before)
        print(
            f"  {sid}{' (held out)' if story.get('held_out') else ''}: families {fam[0]}/{fam[1]} articles right; "
            f"witnesses right {wit[0]}/{wit[1]} matched agreements ({len(story['witnesses'])} judged)"
        )
    for label, stories in subsets.items():
        if not stories:
            continue
        fam_t = [sum(results[s["story"]][0][n] for s in stories) for n in range(4)]
        wit_t = [sum(results[s["story"]][1][n] for s in stories) for n in range(3)]
        before_t = [sum(results[s["story"]][2][n] for s in stories) for n in range(4)]
        agreed = sum(len(s["witnesses"]) for s in stories)
        print(f"{label} ({len(stories)}):")
        print(f"  family grouping: articles right {pct(fam_t[0], fam_t[1])}")
        print(f"    articles in judged families of 2+ right {pct(fam_t[2], fam_t[3])}")
        print(
            f"    copy links alone (before issue 12): articles right {pct(before_t[0], fam_t[1])}, "
            f"in families of 2+ {pct(before_t[2], fam_t[3])}"
        )
        print(
            f"  witness counts: right on the articles the fact covers {pct(wit_t[0], wit_t[1])} matched agreements"
        )
        print(
            f"    full judged count given, of all judged agreements {pct(wit_t[2], agreed)} (fact recall included)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
