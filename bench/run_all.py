"""Run every benchmark with its default settings, one after another, and print their figures.

usage: .venv/bin/python bench/run_all.py [--quick] [--only NAME ...]

Each script runs in its own process (so each measures its own peak memory) and prints its own
figures; this runner adds the wall time of each and a summary of which ran, failed or were
skipped.  Scripts that need ../shared (the seeds, the 300 web pages) say so and are skipped when
it is absent.  --quick leaves out the long ones (the 100k-article scaling run, the 300 pages).
The figures go into docs/benchmarks.md by hand, with the date and the machine's load.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SHARED = BENCH.parent.parent / "shared"

# (script, arguments, needs ../shared, long)
BENCHMARKS: list[tuple[str, list[str], bool, bool]] = [
    ("ingest_inputs.py", [], False, True),
    ("hostile_inputs.py", [], False, True),
    ("web_pages.py", [], True, True),
    ("extract_speed.py", [], False, False),
    ("time_quantities.py", [], False, False),
    ("group_eval.py", ["tests/data/group_stories.jsonl"], False, False),
    ("group_spin_bench.py", [], True, False),
    ("group_scale.py", [], False, True),
    ("compare_speed.py", [], False, False),
    ("brief_demo.py", [], False, False),
    ("app_store.py", [], False, False),
    ("app_add.py", [], False, False),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the long benchmarks")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scripts")
    args = parser.parse_args()
    outcomes: list[tuple[str, str]] = []
    for script, arguments, needs_shared, long in BENCHMARKS:
        if args.only and script not in args.only and script.removesuffix(".py") not in args.only:
            continue
        if needs_shared and not SHARED.is_dir():
            outcomes.append((script, f"skipped: {SHARED} is absent"))
            continue
        if args.quick and long:
            outcomes.append((script, "skipped: --quick"))
            continue
        print(f"\n===== {script} {' '.join(arguments)}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(BENCH / script), *arguments], cwd=BENCH.parent)
        took = time.perf_counter() - started
        outcomes.append(
            (script, f"{'ok' if result.returncode == 0 else f'failed ({result.returncode})'}, {took:.0f} s")
        )
    print("\n===== summary")
    for script, outcome in outcomes:
        print(f"{script:24} {outcome}")
    return 1 if any(o.startswith("failed") for _, o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
