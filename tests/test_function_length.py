"""No function of wirecheck runs over 80 lines (bench/long_functions.py lists the longest)."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "wirecheck"
LONGEST = 80


def long_functions(source: Path, limit: int) -> list[str]:
    found = []
    for path in sorted(source.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                lines = (node.end_lineno or start) - start + 1
                if lines > limit:
                    found.append(f"{path.relative_to(source)}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_function_is_longer_than_80_lines() -> None:
    assert long_functions(SOURCE, LONGEST) == []


def test_the_check_finds_a_long_method_and_passes_a_short_one(tmp_path: Path) -> None:
    body = "\n".join(f"        x{i} = {i}" for i in range(LONGEST))
    (tmp_path / "m.py").write_text(
        f"class K:\n    def long_one(self):\n{body}\n\n    def short(self):\n        pass\n"
    )
    assert long_functions(tmp_path, LONGEST) == [f"m.py:2 long_one ({LONGEST + 1} lines)"]
    assert long_functions(tmp_path, LONGEST + 1) == []
