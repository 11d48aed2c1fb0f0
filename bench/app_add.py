"""Adding articles through the web app's write path (``Library``): the real pipeline, the
saved story index, and only the touched stories rebuilt.

Imports a folder as the archive (default examples/demo), then adds each file of a second
folder (default ../shared/corpus/seeds, when present) one upload at a time, printing the
time of each add and how many stories it rebuilt.

    .venv/bin/python bench/app_add.py [--archive examples/demo] [--new ../shared/corpus/seeds]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from wirecheck.app.library import Library, Upload
from wirecheck.nlp import load_models

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=ROOT / "examples" / "demo")
    parser.add_argument("--new", type=Path, default=ROOT.parent / "shared" / "corpus" / "seeds")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    models = load_models()
    models.embedder.encode(["warm up"])
    print(f"models loaded in {time.perf_counter() - started:.1f}s (once per app process)")
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "bench.db", [args.archive], models_factory=lambda: models)
        started = time.perf_counter()
        result = library.add_folder(str(args.archive))
        took = time.perf_counter() - started
        print(
            f"archive import: {len(result.added)} articles into {len(result.stories)} stories in {took:.1f}s "
            f"({took / max(1, len(result.added)):.2f}s per article)"
        )
        files = (
            sorted(p for p in args.new.glob("*") if p.suffix in {".txt", ".html", ".jsonl"})
            if args.new.is_dir()
            else []
        )
        times = []
        for path in files:
            started = time.perf_counter()
            added = library.add_uploads([Upload(path.name, path.read_bytes())])
            took = time.perf_counter() - started
            times.append(took)
            print(
                f"  add {path.name}: {took:.2f}s, joined {list(added.stories)}, "
                f"rebuilt {len(added.updated_stories)} stor{'y' if len(added.updated_stories) == 1 else 'ies'}"
            )
        if times:
            print(f"one-file adds: median {sorted(times)[len(times) // 2]:.2f}s, max {max(times):.2f}s")
        with library.store() as store:
            print(f"database: {store.article_count()} articles, {len(store.story_ids())} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
