"""The ``wirecheck`` command: a thin shell over the pipeline, the store and the app."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from wirecheck.model import InputProblem, Report

ProgressFactory = Callable[[str, int], Callable[[int], None]]

EXIT_OK = 0
EXIT_SKIPPED = 1  # the report was written, but some inputs were skipped
EXIT_FAILED = 2  # nothing usable: no report written


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_FAILED
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("wirecheck: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wirecheck",
        description="Compare news articles about one developing story: agreements, disputes, quotes, copies.",
    )
    sub = parser.add_subparsers(dest="command")

    analyze = sub.add_parser("analyze", help="analyse files and folders of articles")
    analyze.add_argument(
        "paths", nargs="+", help="files or folders (.txt, .html, .jsonl, .warc(.gz), RSS/Atom)"
    )
    analyze.add_argument("--json", dest="json_path", help="write the JSON report here")
    analyze.add_argument("--html", dest="html_path", help="write the one-file HTML report here")
    analyze.add_argument("--db", dest="db_path", help="also add the articles to this SQLite database")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar, no summary")
    analyze.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="where the stages run: this machine (default) or Ray (pip install 'wirecheck[ray]')",
    )
    analyze.add_argument(
        "--address", help="with --engine ray: the Ray cluster to join (default: start a local Ray)"
    )
    analyze.set_defaults(handler=run_analyze)

    serve = sub.add_parser("serve", help="start the local web app over a SQLite database")
    serve.add_argument(
        "--db", dest="db_path", default="wirecheck.db", help="SQLite file (created if missing)"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument(
        "--allow-dir",
        action="append",
        default=[],
        help="a server-side folder users may import from (repeatable)",
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another Host name the app answers to, besides 127.0.0.1, localhost and [::1] (repeatable)",
    )
    serve.set_defaults(handler=run_serve)
    return parser


def run_analyze(args: argparse.Namespace) -> int:
    from wirecheck.report.json import write_json

    started = time.monotonic()
    progress = None if args.quiet else tqdm_progress
    report = analyze_on_engine(args, progress)
    if report is None:
        return EXIT_FAILED
    if not report.articles:
        print_problems(report.problems)
        print("wirecheck: no article could be read from the inputs; no report written", file=sys.stderr)
        return EXIT_FAILED
    if args.json_path:
        write_json(report, args.json_path)
    if args.html_path:
        from wirecheck.report.html import write_html

        write_html(report, args.html_path)
    if args.db_path:
        from wirecheck.store import Store, StoreError

        try:
            with Store(args.db_path) as store:
                store.add_report(report)
        except StoreError as err:
            print(f"wirecheck: {args.db_path}: {err}", file=sys.stderr)
            return EXIT_FAILED
    if not args.quiet:
        print_summary(report, time.monotonic() - started, args)
    return EXIT_SKIPPED if any(p.skipped for p in report.problems) else EXIT_OK


def analyze_on_engine(args: argparse.Namespace, progress: ProgressFactory | None) -> Report | None:
    """The report from the chosen engine; None (and a message) when the engine cannot run."""
    if args.engine != "ray":
        if args.address:
            print("wirecheck: --address names a Ray cluster: use it with --engine ray", file=sys.stderr)
            return None
        from wirecheck.pipeline import analyze

        return analyze(args.paths, progress=progress)
    from wirecheck.engines.ray import RayEngineError
    from wirecheck.engines.ray import analyze as analyze_on_ray

    try:
        return analyze_on_ray(args.paths, address=args.address, progress=progress)
    except RayEngineError as err:
        print(f"wirecheck: {err}", file=sys.stderr)
        return None


def run_serve(args: argparse.Namespace) -> int:
    from wirecheck.app import serve

    serve(
        db_path=args.db_path,
        host=args.host,
        port=args.port,
        allowed_dirs=args.allow_dir,
        allowed_hosts=args.allow_host,
    )
    return EXIT_OK


def tqdm_progress(label: str, total: int) -> Callable[[int], None]:
    """A progress bar that shows itself only on runs longer than a few seconds."""
    from tqdm import tqdm

    bar = tqdm(total=total, desc=label, unit="item", delay=3.0, file=sys.stderr, leave=False)

    def advance(n: int) -> None:
        bar.update(n)
        if bar.n >= total:
            bar.close()

    return advance


def print_summary(report: Report, seconds: float, args: argparse.Namespace) -> None:
    disputed = sum(1 for s in report.stories for f in s.facts if f.status == "disputed")
    print(
        f"wirecheck: {len(report.articles)} articles, {len(report.stories)} stories, "
        f"{disputed} disputed facts in {seconds:.1f}s",
        file=sys.stderr,
    )
    for path in (args.json_path, args.html_path):
        if path:
            print(f"  wrote {path}", file=sys.stderr)
    print_problems(report.problems)


def print_problems(problems: Sequence[InputProblem]) -> None:
    skipped = [p for p in problems if p.skipped]
    warned = [p for p in problems if not p.skipped]
    if warned:
        print(f"warnings ({len(warned)}):", file=sys.stderr)
        for p in warned:
            print(f"  {p.source}: {p.reason}", file=sys.stderr)
    if skipped:
        print(f"skipped ({len(skipped)}):", file=sys.stderr)
        for p in skipped:
            print(f"  {p.source}: {p.reason}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
