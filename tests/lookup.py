"""Picking the one item a test is about out of what a stage returned."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def first_where(
    items: Iterable[T], matches: Callable[[T], bool], what: str, shown: Callable[[T], object] = repr
) -> T:
    """The first item that ``matches``; when none does, the failure says what was looked for
    (``what``) and lists what there was, each item as ``shown`` gives it."""
    items = list(items)
    found = [item for item in items if matches(item)]
    assert found, f"no {what} in {[shown(item) for item in items]}"
    return found[0]
