"""Greedy grouping of scored pairs, shared by the quantity and the quote alignment."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar


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


S = TypeVar("S")


def merge_best_pairs_summarised(
    summaries: Sequence[S],
    pairs: Sequence[tuple[float, int, int]],
    may_join: Callable[[S, S], bool],
    join: Callable[[S, S], S],
) -> list[list[int]]:
    """:func:`merge_best_pairs` when whether two groups may join can be told from a summary of
    each (``summaries[i]`` of index i alone; ``join`` makes the summary of two joined groups), so
    a join costs a look at two summaries, not at every pair of members: the same groups, in the
    same order, near-linear in the pairs."""
    parent = list(range(len(summaries)))
    summary: dict[int, S] = dict(enumerate(summaries))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in sorted(pairs, reverse=True):
        group_i, group_j = root(i), root(j)
        if group_i == group_j or not may_join(summary[group_i], summary[group_j]):
            continue
        parent[group_j] = group_i  # the group keeps the name merge_best_pairs gives it
        summary[group_i] = join(summary[group_i], summary.pop(group_j))
    groups: dict[int, list[int]] = {i: [] for i in summary}
    for i in range(len(summaries)):
        groups[root(i)].append(i)
    return [groups[i] for i in sorted(groups)]
