"""Kill -9 trials of ``wirecheck add``: a killed archive run must resume with nothing lost or
stored twice, and the database must pass ``PRAGMA integrity_check``.

A reference run adds the inputs to a fresh database.  Each trial then starts ``wirecheck add``
on a new database, kills it with SIGKILL at a random moment after the database holds a random
number of articles (between the first batch and the last), reruns the same command to the end, and checks: the
integrity check, the article ids against the reference, no text stored twice, and the stories'
memberships against the reference.  Prints the rate of the reference run and its peak RSS.

    PYTHONPATH=src .venv/bin/python bench/archive_resume.py [--trials 10] [--batch 4] [--command analyze] [INPUTS ...]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_inputs import tree_rss_kb  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def add_command(db: Path, inputs: list[str], batch: int, command: str = "add") -> list[str]:
    return [
        sys.executable,
        "-m",
        "wirecheck.cli",
        command,
        "--quiet",
        "--db",
        str(db),
        "--batch",
        str(batch),
        *inputs,
    ]


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def snapshot(db: Path) -> tuple[str, list[str], int, set[frozenset[str]]]:
    """(integrity, article ids, texts stored more than once, story memberships)."""
    with sqlite3.connect(db) as connection:
        integrity = str(connection.execute("PRAGMA integrity_check").fetchone()[0])
        ids = sorted(r[0] for r in connection.execute("SELECT id FROM articles"))
        twice = int(
            connection.execute(
                "SELECT count(*) FROM (SELECT body_hash FROM articles GROUP BY body_hash, data HAVING count(*) > 1)"
            ).fetchone()[0]
        )
        members: dict[str, set[str]] = {}
        for story, article in connection.execute("SELECT story_id, article_id FROM story_articles"):
            members.setdefault(story, set()).add(article)
    return integrity, ids, twice, {frozenset(m) for m in members.values()}


def run_to_end(command: list[str]) -> tuple[float, int]:
    """(seconds, peak RSS MB of the process tree) of one complete run."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=os.environ | {"PYTHONPATH": str(ROOT / "src")})
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(0.2)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit status {process.returncode}")
    return time.monotonic() - started, peak // 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "examples" / "demo")])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--command", choices=("add", "analyze"), default="add", help="wirecheck add, or analyze --db"
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="wirecheck-resume-") as tmp:
        reference_db = Path(tmp) / "reference.db"
        seconds, peak = run_to_end(add_command(reference_db, args.inputs, args.batch, args.command))
        reference = snapshot(reference_db)
        total = len(reference[1])
        print(
            f"reference: {total} articles, {len(reference[3])} stories in {seconds:.1f}s "
            f"({total / seconds:.2f} articles/s with model loading), peak RSS {peak} MB"
        )
        passed = 0
        for trial in range(1, args.trials + 1):
            db = Path(tmp) / f"trial-{trial}.db"
            kill_at = rng.randint(1, max(1, total - 1))
            process = subprocess.Popen(
                add_command(db, args.inputs, args.batch, args.command),
                env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
            )
            while process.poll() is None and stored_count(db) < kill_at:
                time.sleep(rng.uniform(0.05, 0.5))
            time.sleep(rng.uniform(0.0, 3.0))  # anywhere in the next batch: parsing or writing
            killed_with = stored_count(db)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait()
            run_to_end(add_command(db, args.inputs, args.batch, args.command))
            integrity, ids, twice, stories = snapshot(db)
            problems = []
            if integrity != "ok":
                problems.append(f"integrity: {integrity}")
            if ids != reference[1]:
                problems.append(f"articles differ: {len(ids)} vs {total}")
            if twice:
                problems.append(f"{twice} texts stored twice")
            if stories != reference[3]:
                problems.append("stories differ from the reference run")
            passed += not problems
            print(
                f"trial {trial}: killed with {killed_with}/{total} stored, resumed: "
                + ("ok" if not problems else "; ".join(problems))
            )
        print(f"resumed with nothing lost: {passed} of {args.trials} trials")
    return 0 if passed == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
