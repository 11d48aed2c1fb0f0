"""Strings every later stage can encode: no lone UTF-16 surrogates, no NUL bytes, bounded nesting.

Python lets four kinds of string through that UTF-8 writers, C libraries and recursive walks
refuse: lone surrogates from JSON escapes (``"\\ud800"``), NUL characters (``"\\u0000"``),
file names that are not valid UTF-8 (decoded with ``surrogateescape``, so ``b"caf\\xe9"``
becomes ``"caf\\udce9"``), and JSON values nested hundreds of levels deep.  Each is made safe
here, once, at the end of reading a file, and said so in a warning: nothing downstream needs to
care.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from wirecheck.ingest.reading import Reading
from wirecheck.model import InputProblem, RawDocument

SURROGATE = re.compile("[\ud800-\udfff]")
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # how surrogateescape carries a byte that is not UTF-8
MAX_JSON_DEPTH = 20  # deeper values are cut: no article metadata is nested this deep
TEXT_FIELDS = ("text", "html", "url", "title", "published", "outlet", "author")
NUL = "\x00"  # from a JSON "\u0000" escape: C libraries (lxml, SQLite) end strings there


def has_surrogates(text: str) -> bool:
    return SURROGATE.search(text) is not None


def display_name(name: str) -> str:
    """A path or name as printable text: bytes that are not UTF-8 shown as ``\\xe9``, like ls -b."""
    if not has_surrogates(name):
        return name
    escaped = ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", name)
    return SURROGATE.sub("\ufffd", escaped)


def without_surrogates(text: str) -> str:
    """Lone surrogates (from JSON escapes) become U+FFFD, the replacement character."""
    return SURROGATE.sub("\ufffd", text)


def safe_reading(reading: Reading) -> Reading:
    """The reading with names made printable and text made encodable, each change warned."""
    safe = Reading()
    for document in reading.documents:
        fixed, changed = _safe_document(document)
        safe.documents.append(fixed)
        if changed:
            safe.warn(
                fixed.source,
                "invalid characters (lone UTF-16 surrogates, replaced with U+FFFD; NUL, removed) in: "
                + ", ".join(changed),
            )
    for problem in reading.problems:
        safe.problems.append(
            InputProblem(display_name(problem.source), display_name(problem.reason), problem.skipped)
        )
    return safe


def _safe_document(document: RawDocument) -> tuple[RawDocument, list[str]]:
    changes: dict[str, Any] = {}
    for name in ("id", "source"):
        value = getattr(document, name)
        if has_surrogates(value):
            changes[name] = display_name(value)
    changed = []
    for name in TEXT_FIELDS:
        value = getattr(document, name)
        if isinstance(value, str) and (has_surrogates(value) or NUL in value):
            changes[name] = without_surrogates(value).replace(NUL, "")
            changed.append(name)
    if _holds_surrogates(document.meta):
        changes["meta"] = _encodable(document.meta)
        changed.append("meta")
    return (dataclasses.replace(document, **changes) if changes else document), changed


def _holds_surrogates(value: Any) -> bool:
    if isinstance(value, str):
        return has_surrogates(value)
    if isinstance(value, Mapping):
        return any(_holds_surrogates(key) or _holds_surrogates(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_surrogates(item) for item in value)
    return False


def _encodable(value: Any) -> Any:
    """``value`` (JSON-like, depth already bounded) with every string free of lone surrogates."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, Mapping):
        return {_encodable(key): _encodable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encodable(item) for item in value]
    return value


def cut_deep_values(value: Any, depth: int = MAX_JSON_DEPTH) -> tuple[Any, int]:
    """``value`` with lists and objects below ``depth`` levels replaced by None, and how many were
    cut.  Recursion stops at ``depth``, so a value 100,000 levels deep costs nothing."""
    if not isinstance(value, dict | list):
        return value, 0
    if depth <= 0:
        return None, 1
    cut = 0
    if isinstance(value, dict):
        kept: dict[str, Any] = {}
        for key, item in value.items():
            kept[key], n = cut_deep_values(item, depth - 1)
            cut += n
        return kept, cut
    items = []
    for item in value:
        kept_item, n = cut_deep_values(item, depth - 1)
        items.append(kept_item)
        cut += n
    return items, cut
