"""The ``wirecheck`` command: a thin shell over the pipeline, the store and the app."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wirecheck.model import InputProblem, RawDocument, Report

if TYPE_CHECKING:
    from wirecheck.incremental import UpdateResult
    from wirecheck.store import Store

ProgressFactory = Callable[[str, int], Callable[[int], None]]

EXIT_OK = 0
EXIT_SKIPPED = 1  # the report was written, but some inputs were skipped
EXIT_FAILED = 2  # nothing usable: no report written
DEFAULT_REPORT_STORIES = 100  # an archive report without a filter covers at most this many stories


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
    add_analyze_command(sub)
    add_add_command(sub)
    add_report_command(sub)
    add_serve_command(sub)
    return parser


Subcommands = argparse._SubParsersAction  # what add_subparsers returns


def add_analyze_command(sub: Subcommands) -> None:
    analyze = sub.add_parser("analyze", help="analyse files and folders of articles")
    analyze.add_argument(
        "paths", nargs="+", help="files or folders (.txt, .html, .jsonl, .warc(.gz), RSS/Atom)"
    )
    analyze.add_argument("--json", dest="json_path", help="write the JSON report here")
    analyze.add_argument("--html", dest="html_path", help="write the one-file HTML report here")
    analyze.add_argument(
        "--db",
        dest="db_path",
        help=(
            "stream the articles into this SQLite archive in batches (as `wirecheck add`: bounded "
            "memory, a rerun resumes); --json/--html then cover the stories of these articles"
        ),
    )
    analyze.add_argument(
        "--batch", type=int, default=100, help="with --db: articles per transaction (default 100)"
    )
    analyze.add_argument("--quiet", action="store_true", help="no progress bar, no summary")
    analyze.add_argument(
        "--config",
        metavar="FILE",
        help="a TOML file of thresholds (name = value) overriding the defaults in wirecheck.settings",
    )
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


def add_add_command(sub: Subcommands) -> None:
    add = sub.add_parser(
        "add",
        help="add files, folders or feeds to an archive database, joining its stories",
        description=(
            "Stream inputs into a SQLite archive in batches: each batch is cleaned, parsed, joined "
            "to the stored stories and written in one transaction. Articles already stored are "
            "skipped by their text, so a killed run resumes when run again."
        ),
    )
    add.add_argument("paths", nargs="+", help="files or folders (.txt, .html, .jsonl, .warc(.gz), RSS/Atom)")
    add.add_argument("--db", dest="db_path", required=True, help="SQLite archive (created if missing)")
    add.add_argument(
        "--batch", type=int, default=100, help="articles per transaction (default 100); memory grows with it"
    )
    add.add_argument("--quiet", action="store_true", help="no progress bar, no summary")
    add.set_defaults(handler=run_add)


def add_report_command(sub: Subcommands) -> None:
    report = sub.add_parser(
        "report",
        help="write an HTML or JSON report of chosen stories of an archive database",
        description=(
            "A one-file report over part of an archive: the most disputed stories, the stories "
            "of a search, of a date range, or named ones (filters combine). Without a filter: every "
            f"story, or the {DEFAULT_REPORT_STORIES} most disputed when the archive holds more."
        ),
    )
    report.add_argument("--db", dest="db_path", required=True, help="SQLite archive")
    report.add_argument("--html", dest="html_path", help="write the one-file HTML report here")
    report.add_argument("--json", dest="json_path", help="write the JSON report here")
    report.add_argument(
        "--most-disputed", type=int, metavar="N", help="the N stories with most disputed facts"
    )
    report.add_argument("--search", metavar="WORDS", help="stories with an article matching these words")
    report.add_argument(
        "--since", metavar="YYYY-MM-DD", help="stories whose latest article is this day or later"
    )
    report.add_argument(
        "--until", metavar="YYYY-MM-DD", help="stories whose latest article is this day or earlier"
    )
    report.add_argument(
        "--story", action="append", default=[], metavar="ID", help="a story by its id (repeatable)"
    )
    report.set_defaults(handler=run_report)


def add_serve_command(sub: Subcommands) -> None:
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
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes (default 1); pages not rendered yet use one core per process",
    )
    serve.set_defaults(handler=run_serve)


def run_analyze(args: argparse.Namespace) -> int:
    if args.db_path:
        return run_analyze_into_archive(args)
    started = time.monotonic()
    progress = None if args.quiet else tqdm_progress
    report = analyze_on_engine(args, progress)
    if report is None:
        return EXIT_FAILED
    if not report.articles:
        return nothing_read(report.problems)
    write_reports(report, args)
    if not args.quiet:
        print_summary(report, time.monotonic() - started, args)
    return EXIT_SKIPPED if any(p.skipped for p in report.problems) else EXIT_OK


def nothing_read(problems: Sequence[InputProblem]) -> int:
    """What was skipped, and that no report was written: no input gave an article."""
    print_problems(problems)
    print("wirecheck: no article could be read from the inputs; no report written", file=sys.stderr)
    return EXIT_FAILED


def run_analyze_into_archive(args: argparse.Namespace) -> int:
    """``wirecheck analyze ... --db``: the articles streamed into the archive through the one
    incremental core (as ``wirecheck add``), on the chosen engine; the JSON and HTML reports
    are then read back from the store: the stories holding this run's articles (the most
    disputed :data:`DEFAULT_REPORT_STORIES` when there are more)."""
    from wirecheck.store import Store, StoreError

    if args.engine != "ray" and args.address:
        print("wirecheck: --address names a Ray cluster: use it with --engine ray", file=sys.stderr)
        return EXIT_FAILED
    if args.config:  # an archive's stories are all built with one set of thresholds: the defaults
        print(
            "wirecheck: --config works without --db for now (an archive runs with the defaults)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    started = time.monotonic()
    run = stream_into_archive(args)
    if run is None:
        return EXIT_FAILED
    if not run.article_ids:
        return nothing_read(run.problems)
    try:
        with Store(args.db_path) as store:
            stories = set(store.story_of(run.article_ids).values())
            ranked = sorted(
                (s for s in store.stories(limit=10_000_000) if s.id in stories),
                key=lambda s: (-s.disputed, -s.article_count, s.id),
            )
            chosen = [s.id for s in ranked[:DEFAULT_REPORT_STORIES]]
            if args.json_path or args.html_path:
                write_reports(store.story_report(chosen), args)
    except StoreError as err:
        print(f"wirecheck: {args.db_path}: {err}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        disputed = sum(s.disputed for s in ranked)
        left_out = (
            f" (the reports cover the {len(chosen)} most disputed; see wirecheck report)"
            if len(ranked) > len(chosen)
            else ""
        )
        print(
            f"wirecheck: {len(run.article_ids)} articles ({run.added} added, {run.duplicates} already "
            f"stored), {len(ranked)} stories, {disputed} disputed facts in "
            f"{time.monotonic() - started:.1f}s; {args.db_path} holds {run.held[0]} articles in "
            f"{run.held[1]} stories{left_out}",
            file=sys.stderr,
        )
        print_outputs(args, run.problems)
    return EXIT_SKIPPED if any(p.skipped for p in run.problems) else EXIT_OK


def write_reports(report: Report, args: argparse.Namespace) -> None:
    """The JSON and HTML files asked for with --json and --html."""
    if args.json_path:
        from wirecheck.report.json import write_json

        write_json(report, args.json_path)
    if args.html_path:
        from wirecheck.report.html import write_html

        write_html(report, args.html_path)


def analyze_on_engine(args: argparse.Namespace, progress: ProgressFactory | None) -> Report | None:
    """The report from the chosen engine; None (and a message) when the engine cannot run
    or the settings file cannot be used."""
    from wirecheck.settings import DEFAULT_SETTINGS, SettingsError, load_settings

    try:
        settings = load_settings(args.config) if args.config else DEFAULT_SETTINGS
    except SettingsError as err:
        print(f"wirecheck: {err}", file=sys.stderr)
        return None
    if args.engine != "ray":
        if args.address:
            print("wirecheck: --address names a Ray cluster: use it with --engine ray", file=sys.stderr)
            return None
        from wirecheck.pipeline import analyze

        return analyze(args.paths, progress=progress, settings=settings)
    if args.config:
        print("wirecheck: --config works with the local engine only for now", file=sys.stderr)
        return None
    from wirecheck.engines.ray import RayEngineError
    from wirecheck.engines.ray import analyze as analyze_on_ray

    try:
        return analyze_on_ray(args.paths, address=args.address, progress=progress)
    except RayEngineError as err:
        print(f"wirecheck: {err}", file=sys.stderr)
        return None


@dataclass
class ArchiveRun:
    """What streaming inputs into an archive did."""

    files: int = 0
    added: int = 0
    duplicates: int = 0
    changed: set[str] = field(default_factory=set)  # stories rebuilt
    problems: list[InputProblem] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # this run's articles, as stored
    held: tuple[int, int] = (0, 0)  # articles and stories in the archive at the end


def stream_into_archive(args: argparse.Namespace) -> ArchiveRun | None:
    """Inputs read ``args.batch`` files at a time and added to the archive ``args.db_path`` in
    transactions of ``args.batch`` articles, here or on Ray (``args.engine``): memory follows
    the batch, not the archive, and a rerun after a crash skips what was stored.  None (and a
    message) when the engine or the database cannot be used."""
    from wirecheck.incremental import archive_write_lock
    from wirecheck.ingest import read_inputs
    from wirecheck.ingest.walk import find_input_files
    from wirecheck.store import Store, StoreError

    if args.batch < 1:
        print("wirecheck: --batch must be at least 1", file=sys.stderr)
        return None
    files, problems = find_input_files(list(args.paths))
    run = ArchiveRun(files=len(files), problems=problems)
    advance = None if args.quiet or not files else tqdm_progress("adding files", len(files), unit="file")
    try:
        with archive_updater(args) as add_batch, Store(args.db_path) as store:
            for start in range(0, len(files), args.batch):
                chunk = files[start : start + args.batch]
                reading = read_inputs([str(f) for f in chunk])
                run.problems.extend(reading.problems)
                for first in range(0, len(reading.documents), args.batch):
                    with archive_write_lock(args.db_path):  # beside a running app or another add
                        result = add_batch(store, reading.documents[first : first + args.batch])
                    run.added += len(result.added)
                    run.duplicates += len(result.duplicates)
                    run.article_ids.extend([*result.added, *(stored for _, stored in result.duplicates)])
                    run.changed.update(result.updated_stories)
                    run.problems.extend(result.notes)
                if advance:
                    advance(len(chunk))
            run.held = (store.article_count(), len(store.story_ids()))
    except StoreError as err:
        print(f"wirecheck: {args.db_path}: {err}", file=sys.stderr)
        return None
    except EngineUnavailable as err:
        print(f"wirecheck: {err}", file=sys.stderr)
        return None
    return run


class EngineUnavailable(RuntimeError):
    """The chosen engine cannot run (Ray missing, cluster unreachable)."""


@contextmanager
def archive_updater(
    args: argparse.Namespace,
) -> Iterator[Callable[[Store, Sequence[RawDocument]], UpdateResult]]:
    """How one batch of documents joins the archive: ``pipeline.update`` here (models loaded
    once, and only if something is new), or the same core with the parsing and the story work
    on Ray's actors."""
    if getattr(args, "engine", "local") == "ray":
        from wirecheck.engines.ray import RayEngineError
        from wirecheck.engines.ray import archive_updater as on_ray

        try:
            with on_ray(address=args.address) as add_batch:
                yield add_batch
        except RayEngineError as err:
            raise EngineUnavailable(str(err)) from err
        return
    import functools

    from wirecheck.nlp import load_models
    from wirecheck.pipeline import update

    models = functools.cache(load_models)
    yield lambda store, documents: update(store, documents, models=models)


def run_add(args: argparse.Namespace) -> int:
    """``wirecheck add``: inputs streamed into the archive in batches (bounded memory; a rerun
    after a crash skips what was stored)."""
    started = time.monotonic()
    run = stream_into_archive(args)
    if run is None:
        return EXIT_FAILED
    if not args.quiet:
        print(
            f"wirecheck: added {run.added} articles ({run.duplicates} already stored), {len(run.changed)} "
            f"stories updated in {time.monotonic() - started:.1f}s; {args.db_path} holds {run.held[0]} "
            f"articles in {run.held[1]} stories",
            file=sys.stderr,
        )
        print_problems(run.problems)
    if not run.files:
        print("wirecheck: no input file found", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_SKIPPED if any(p.skipped for p in run.problems) else EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    """``wirecheck report``: the chosen stories of an archive as one HTML or JSON file."""
    import re
    from pathlib import Path

    from wirecheck.store import Store, StoreError

    if not (args.html_path or args.json_path):
        print("wirecheck: say where to write the report: --html FILE and/or --json FILE", file=sys.stderr)
        return EXIT_FAILED
    for flag, day in (("--since", args.since), ("--until", args.until)):
        if day and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            print(f"wirecheck: {flag} {day!r}: give a day as YYYY-MM-DD", file=sys.stderr)
            return EXIT_FAILED
    if not Path(args.db_path).is_file():
        print(f"wirecheck: {args.db_path}: no such database", file=sys.stderr)
        return EXIT_FAILED
    try:
        with Store(args.db_path) as store:
            chosen, note = choose_stories(store, args)
            report = store.story_report(chosen)
    except StoreError as err:
        print(f"wirecheck: {args.db_path}: {err}", file=sys.stderr)
        return EXIT_FAILED
    if not report.stories:
        print("wirecheck: no story matches; no report written", file=sys.stderr)
        return EXIT_FAILED
    write_reports(report, args)
    print(f"wirecheck: {len(report.stories)} stories, {len(report.articles)} articles{note}", file=sys.stderr)
    return EXIT_OK


def choose_stories(store: Store, args: argparse.Namespace) -> tuple[list[str], str]:
    """Story ids picked by the report filters (they combine), most disputed first; and a note
    when the default cap left stories out."""
    summaries = store.stories(limit=10_000_000)
    if args.story:
        wanted = set(args.story)
        summaries = [s for s in summaries if s.id in wanted]
    if args.search:
        found = {hit.story_id for hit in store.search(args.search, limit=10_000)}
        summaries = [s for s in summaries if s.id in found]
    if args.since:
        summaries = [s for s in summaries if s.latest and s.latest[:10] >= args.since]
    if args.until:
        summaries = [s for s in summaries if s.latest and s.latest[:10] <= args.until]
    ranked = sorted(summaries, key=lambda s: (-s.disputed, -s.article_count, s.id))
    limit = args.most_disputed
    note = ""
    if limit is None and not (args.story or args.search or args.since or args.until):
        if len(ranked) > DEFAULT_REPORT_STORIES:
            note = f" (the {DEFAULT_REPORT_STORIES} most disputed of {len(ranked)}; see --most-disputed, --search)"
        limit = DEFAULT_REPORT_STORIES
    return [s.id for s in (ranked if limit is None else ranked[: max(0, limit)])], note


def run_serve(args: argparse.Namespace) -> int:
    from wirecheck.app import serve

    serve(
        db_path=args.db_path,
        host=args.host,
        port=args.port,
        allowed_dirs=args.allow_dir,
        allowed_hosts=args.allow_host,
        workers=args.workers,
    )
    return EXIT_OK


def tqdm_progress(label: str, total: int, unit: str = "item") -> Callable[[int], None]:
    """A progress bar (done, rate, time left) that shows itself only on runs longer than a few seconds."""
    from tqdm import tqdm

    bar = tqdm(total=total, desc=label, unit=unit, delay=3.0, file=sys.stderr, leave=False)

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
    print_outputs(args, report.problems)


def print_outputs(args: argparse.Namespace, problems: Sequence[InputProblem]) -> None:
    """The report files written, then what was skipped or read with a caveat."""
    for path in (args.json_path, args.html_path):
        if path:
            print(f"  wrote {path}", file=sys.stderr)
    print_problems(problems)


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
