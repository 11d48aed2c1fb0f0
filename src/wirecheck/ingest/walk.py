"""Which files the inputs are: folders walked recursively, in sorted (deterministic) order.

Hidden files and folders are passed over, and so is a corpus's own documentation (README,
LICENSE, *.md, gold.json, expected.json) found inside a folder: users point wirecheck at corpus
folders that carry them.  A file named explicitly is always read.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from wirecheck.model import InputProblem

CORPUS_DOCUMENTATION = (
    "readme*",
    "license*",
    "licence*",
    "copying*",
    "notice*",
    "changelog*",
    "*.md",
    "gold.json",
    "expected.json",
)


def is_corpus_documentation(name: str) -> bool:
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, pattern) for pattern in CORPUS_DOCUMENTATION)


def find_input_files(paths: list[str]) -> tuple[list[Path], list[InputProblem]]:
    """Every candidate file under ``paths`` (first occurrence kept) and the paths that failed."""
    files: list[Path] = []
    problems: list[InputProblem] = []
    for given in paths:
        if not given.strip():
            problems.append(InputProblem(repr(given), "empty path"))
            continue
        try:
            _add_input(Path(given), files, problems)
        except OSError as error:  # e.g. a path inside a folder we may not enter
            problems.append(InputProblem(given, f"cannot read: {error.strerror or error}"))
        except ValueError as error:  # a NUL byte in the path
            problems.append(InputProblem(repr(given), f"not a usable path ({error})"))
    return _first_occurrences(files), problems


def _add_input(path: Path, files: list[Path], problems: list[InputProblem]) -> None:
    if path.is_dir():
        files_before, problems_before = len(files), len(problems)
        _walk(path, files, problems, visited=set())
        if len(files) == files_before and len(problems) == problems_before:
            problems.append(InputProblem(str(path), "folder holds no input files"))
    elif path.exists() or path.is_symlink():
        files.append(path)  # the reader reports what is wrong with it (broken link, fifo...)
    else:
        problems.append(InputProblem(str(path), "no such file or directory"))


def _walk(folder: Path, files: list[Path], problems: list[InputProblem], visited: set[str]) -> None:
    real = os.path.realpath(folder)
    if real in visited:
        problems.append(
            InputProblem(str(folder), "folder link loops back to a folder already read", skipped=False)
        )
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        problems.append(InputProblem(str(folder), f"cannot list folder: {error.strerror or error}"))
        return
    for entry in entries:
        if entry.name.startswith(".") or is_corpus_documentation(entry.name):
            continue
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir()  # follows symbolic links
        except OSError:
            is_folder = False
        if is_folder:
            _walk(path, files, problems, visited)
        else:
            files.append(path)
    visited.discard(real)


def _first_occurrences(files: list[Path]) -> list[Path]:
    """The same file named twice (a folder and a file in it) is read once."""
    seen: set[str] = set()
    unique = []
    for path in files:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
