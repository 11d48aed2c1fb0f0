"""Reports unchanged? Write the JSON reports of a fixed set of corpora, or compare two such sets.

usage:
  PYTHONPATH=src python bench/report_identity.py write DIR   # seeds, demo, web pages, ecb-dev
  python bench/report_identity.py compare BEFORE_DIR AFTER_DIR

A refactor that should not change what wirecheck reports writes the reports before and after it
and compares them.  The corpora: the seeds, examples/demo, every tenth of the 300 web pages (in
name order) and three ecb-dev topics.  Keys that say how a run was made rather than what it found
(``settings``, timings) are ignored.  ``compare`` prints one line per corpus and exits 1 when any
report differs, naming the first differing path in each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
ECB_TOPICS = ("topic04", "topic16", "topic33")
WEB_PAGE_STEP = 10  # every tenth page, by name
IGNORED_KEYS = frozenset({"settings", "seconds", "elapsed", "generated_at", "run_at"})


def corpora() -> dict[str, list[Path]]:
    """Each corpus's name and its input paths (fixed: the same files every run)."""
    pages = sorted((CORPUS / "web-pages" / "html").iterdir())[::WEB_PAGE_STEP]
    found = {
        "seeds": [CORPUS / "seeds"],
        "demo": [ROOT / "examples" / "demo"],
        "web-pages": pages,
    }
    for topic in ECB_TOPICS:
        found[f"ecb-{topic}"] = [CORPUS / "ecb-dev" / topic]
    return found


def write(folder: Path) -> None:
    from wirecheck.nlp import load_models
    from wirecheck.pipeline import analyze
    from wirecheck.report.json import write_json

    folder.mkdir(parents=True, exist_ok=True)
    models = load_models()
    for name, paths in corpora().items():
        started = time.monotonic()
        report = analyze(paths, models=models)
        write_json(report, folder / f"{name}.json")
        print(
            f"{name}: {len(report.articles)} articles, {len(report.stories)} stories "
            f"in {time.monotonic() - started:.1f}s"
        )


def without_run_keys(value: Any) -> Any:
    """The report minus the keys that describe the run, not its findings."""
    if isinstance(value, dict):
        return {k: without_run_keys(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list):
        return [without_run_keys(v) for v in value]
    return value


def first_difference(a: Any, b: Any, path: str = "$") -> str | None:
    """The JSON path of the first place two documents differ, or None when they are equal."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'after' if key not in a else 'before'}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {str(a)[:80]!r} != {str(b)[:80]!r}"


def compare(before: Path, after: Path) -> int:
    changed = 0
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    for name in names:
        if not (before / name).exists() or not (after / name).exists():
            print(f"{name}: missing in {'before' if not (before / name).exists() else 'after'}")
            changed += 1
            continue
        a = without_run_keys(json.loads((before / name).read_text(encoding="utf-8")))
        b = without_run_keys(json.loads((after / name).read_text(encoding="utf-8")))
        difference = first_difference(a, b)
        print(f"{name}: {'unchanged' if difference is None else 'CHANGED at ' + difference}")
        changed += difference is not None
    print(f"{len(names) - changed}/{len(names)} reports unchanged")
    return 1 if changed or not names else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write the reports into a folder")
    w.add_argument("folder", type=Path)
    c = sub.add_parser("compare", help="compare two folders of reports")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.folder)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
