"""No import cycle inside the model layer (session ↔ errors was one: the Answer they share now sits below)."""

from __future__ import annotations

import ast
from pathlib import Path

import zongjie.llm

LLM = Path(zongjie.llm.__file__).parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("zongjie.llm."):
            found.add(node.module.removeprefix("zongjie.llm."))
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("zongjie.llm.") for a in node.names if a.name.startswith("zongjie.llm.")
            }
    return found


def test_no_import_cycle_in_llm() -> None:
    graph = {p.stem: _imports(p) for p in LLM.glob("*.py") if p.stem != "__init__"}
    assert graph["errors"] and "session" not in graph["errors"]

    def reach(start: str, node: str, seen: set[str]) -> bool:
        for nxt in graph.get(node, set()):
            if nxt == start or (nxt not in seen and (seen.add(nxt) or reach(start, nxt, seen))):
                return True
        return False

    cyclic = sorted(m for m in graph if reach(m, m, set()))
    assert cyclic == []
