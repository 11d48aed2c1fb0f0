"""The Ray engine on a local 2-core Ray against the local engine: wall time, same report.

Each round runs both engines back to back, each in a fresh process (``wirecheck analyze
--quiet --json``), on the same inputs, alternating which goes first; the figure is the median of
the rounds' ratios (Ray / local), so both sides of a ratio saw about the same load.  Wall time
covers everything a user waits for: imports, model loading, and for Ray its start-up and
shutdown; the Ray start-up alone (``ray.init``) is timed in a separate process and printed too.
Each round also checks that the two JSON reports hold the same stories and facts.

    python bench/ray_engine.py [--rounds 3] [--ecb-topics 4] [--db] [PATH ...]

``--db``: both engines stream into a fresh SQLite archive through the incremental core
(``analyze --db``), and the JSON compared is the one read back from each archive.

Default inputs: examples/demo and the first ``--ecb-topics`` topic folders of
../shared/corpus/ecb-dev.  Needs ``pip install 'wirecheck[ray]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "corpus" / "ecb-dev"
RAY_START = (
    "import time, ray; t = time.monotonic(); "
    "from wirecheck.engines.ray import connect, import_ray; r = import_ray(); connect(r, None); "
    "print(time.monotonic() - t); r.shutdown()"
)


def default_inputs(ecb_topics: int) -> list[str]:
    inputs = [str(ROOT / "examples" / "demo")]
    if ECB.is_dir():
        inputs += [str(p) for p in sorted(ECB.glob("topic*"))[:ecb_topics]]
    return inputs


def run_engine(engine: str, inputs: list[str], out: Path, db: Path | None = None) -> float:
    command = [sys.executable, "-m", "wirecheck.cli", "analyze", *inputs, "--quiet", "--json", str(out)]
    if db is not None:
        db.unlink(missing_ok=True)
        command += ["--db", str(db)]
    if engine == "ray":
        command += ["--engine", "ray"]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode not in (0, 1) or not out.exists():
        raise SystemExit(f"{engine} engine failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return seconds


def stories_and_facts(path: Path) -> list[tuple[str, list[str], str]]:
    report = json.loads(path.read_text(encoding="utf-8"))
    return [
        (story["id"], story["article_ids"], json.dumps(story["facts"], sort_keys=True))
        for story in report["stories"]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ecb-topics", type=int, default=4)
    parser.add_argument("--db", action="store_true", help="through the archive core (analyze --db)")
    args = parser.parse_args()
    inputs = args.paths or default_inputs(args.ecb_topics)
    print("inputs:", " ".join(Path(p).name for p in inputs))
    ratios = []
    with tempfile.TemporaryDirectory(prefix="wirecheck-ray-bench-") as tmp:
        local_json, ray_json = Path(tmp) / "local.json", Path(tmp) / "ray.json"
        for round_number in range(args.rounds):
            order = ["local", "ray"] if round_number % 2 == 0 else ["ray", "local"]
            for stale in (local_json, ray_json):
                stale.unlink(missing_ok=True)
            load = os.getloadavg()[0]
            seconds = {
                engine: run_engine(
                    engine,
                    inputs,
                    local_json if engine == "local" else ray_json,
                    Path(tmp) / f"{engine}.db" if args.db else None,
                )
                for engine in order
            }
            same = stories_and_facts(local_json) == stories_and_facts(ray_json)
            n_articles = len(json.loads(local_json.read_text(encoding="utf-8"))["articles"])
            ratio = seconds["ray"] / seconds["local"]
            ratios.append(ratio)
            print(
                f"round {round_number + 1} ({' then '.join(order)}): {n_articles} articles, "
                f"local {seconds['local']:.1f} s, ray {seconds['ray']:.1f} s, ratio {ratio:.2f}x, "
                f"same stories and facts: {same} (load {load:.1f} at start, {os.getloadavg()[0]:.1f} at end)",
                flush=True,
            )
    start = subprocess.run([sys.executable, "-c", RAY_START], capture_output=True, text=True)
    print(f"ray start-up alone (ray.init, local 2 CPUs): {start.stdout.strip() or start.stderr[-500:]} s")
    print(f"median ratio ray / local over {len(ratios)} rounds: {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
