"""Functions longer than a reader holds in mind: list them, longest first.

usage: python bench/long_functions.py [--over N] [PATH ...]   (default: over 80 lines, src/wirecheck)

A function's length is its source lines from ``def`` to its last line, docstring included,
nested functions counted with the function that holds them (and listed on their own too).
Prints one line per long function and the counts over 60 and over 80 lines.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class FunctionLength:
    path: str
    name: str
    line: int
    lines: int


def function_lengths(path: Path) -> list[FunctionLength]:
    """Every function and method of one file with its length in lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[FunctionLength] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                found.append(FunctionLength(str(path), name, start, (child.end_lineno or start) - start + 1))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def all_lengths(paths: list[Path]) -> list[FunctionLength]:
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.py")))
    return [length for f in files for length in function_lengths(f)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", type=int, default=80, help="list functions longer than this (default 80)")
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "src" / "wirecheck"])
    args = parser.parse_args()
    lengths = all_lengths(args.paths)
    for item in sorted(lengths, key=lambda f: -f.lines):
        if item.lines > args.over:
            shown = (
                Path(item.path).resolve().relative_to(ROOT)
                if ROOT in Path(item.path).resolve().parents
                else item.path
            )
            print(f"{item.lines:4d}  {shown}:{item.line}  {item.name}")
    over_60 = sum(1 for f in lengths if f.lines > 60)
    over_80 = sum(1 for f in lengths if f.lines > 80)
    print(f"{len(lengths)} functions; {over_60} over 60 lines, {over_80} over 80 lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
