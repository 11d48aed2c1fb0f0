"""What reading one input file gives: its documents and its problems (internal to ingest)."""

from __future__ import annotations

from dataclasses import dataclass, field

from wirecheck.model import InputProblem, RawDocument


@dataclass
class Reading:
    """Documents and problems from one file, in the order they were met."""

    documents: list[RawDocument] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    def problem(self, source: str, reason: str, *, skipped: bool = True) -> None:
        self.problems.append(InputProblem(source=source, reason=reason, skipped=skipped))

    def warn(self, source: str, reason: str) -> None:
        self.problem(source, reason, skipped=False)

    def extend(self, other: Reading) -> None:
        self.documents.extend(other.documents)
        self.problems.extend(other.problems)


def normalise_newlines(text: str) -> str:
    """\\r\\n and lone \\r become \\n, so every later offset counts one character per line end."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
