"""Time and peak memory of `wirecheck analyze` on each hostile input of tests/hostile.py, alone.

usage: .venv/bin/python bench/hostile_inputs.py [--limit SECONDS] [--only NAME ...] [--src DIR]

Each case runs in its own process, as a user would run it; the peak memory is the largest sum
of the resident memory of the process and its extraction workers, sampled every 0.2 s (so a
short peak between samples can be missed).  A run still going at --limit is killed and shown
as "> limit".  --src runs another checkout's sources (PYTHONPATH), to measure before and after
a change in one run on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile import HOSTILE  # noqa: E402

WIRECHECK = Path(sys.executable).parent / "wirecheck"
SAMPLE_SECONDS = 0.2


def tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KB (0 once it has exited)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, ()))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


def run_case(
    path: Path, report: Path, limit: float, env: dict[str, str]
) -> tuple[float, int, int | None, str]:
    """(seconds, peak MB, exit status or None when killed, stderr) of one analyze run."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [str(WIRECHECK), "analyze", str(path), "--json", str(report)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            start_new_session=True,
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss_kb(process.pid))
            if time.monotonic() - started > limit:
                os.killpg(process.pid, 9)
                process.wait()
                return time.monotonic() - started, peak // 1024, None, ""
            time.sleep(SAMPLE_SECONDS)
        stderr.seek(0)
        return (
            time.monotonic() - started,
            peak // 1024,
            process.returncode,
            stderr.read().decode("utf-8", "replace"),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=600.0, help="kill a run after this many seconds")
    parser.add_argument("--only", nargs="*", default=[], help="case names to run (default: all)")
    parser.add_argument("--src", help="PYTHONPATH for the runs (default: this checkout's src)")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": args.src or str(ROOT / "src")}
    print(f"{'case':24} {'seconds':>8} {'peak MB':>8} exit  articles  problems")
    with tempfile.TemporaryDirectory(prefix="wirecheck-hostile-") as scratch:
        for number, case in enumerate(HOSTILE):
            label = case.name if isinstance(case.name, str) else repr(case.name)
            if args.only and label not in args.only:
                continue
            folder = Path(scratch) / f"{number:02d}"
            folder.mkdir()
            path = case.write(folder)
            report = Path(scratch) / f"{number:02d}.json"
            seconds, peak, status, stderr = run_case(path, report, args.limit, env)
            if status is None:
                print(f"{label:24} {'> ' + str(int(args.limit)):>8} {peak:8} killed", flush=True)
                continue
            articles = problems = "-"
            if report.exists():
                written = json.loads(report.read_text(encoding="utf-8"))
                articles, problems = str(len(written["articles"])), str(len(written["problems"]))
            crashed = "  TRACEBACK" if "Traceback" in stderr else ""
            print(
                f"{label:24} {seconds:8.1f} {peak:8} {status:4} {articles:>9} {problems:>9}{crashed}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
