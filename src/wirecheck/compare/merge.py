"""Greedy grouping of scored pairs, shared by the quantity and the quote alignment."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def merge_best_pairs(
    size: int,
    pairs: Sequence[tuple[float, int, int]],
    may_join: Callable[[list[int], list[int]], bool],
) -> list[list[int]]:
    """Groups of the indices 0..size-1: the pairs (score, i, j) join their two groups best score
    first, when ``may_join`` accepts the two groups whole (a group holds only what fits together,
    so a chain of close pairs cannot drag in something that fits with none).  Every index ends in
    one group, alone if nothing joined it; each group is sorted."""
    owner = list(range(size))
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    for _, i, j in sorted(pairs, reverse=True):
        group_i, group_j = owner[i], owner[j]
        if group_i == group_j or not may_join(members[group_i], members[group_j]):
            continue
        for k in members[group_j]:
            owner[k] = group_i
        members[group_i].extend(members.pop(group_j))
    return [sorted(group) for group in members.values()]
