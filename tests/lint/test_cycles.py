"""No import cycle inside the linter (lazy imports count): config knows nothing of the rules, rules know
nothing of api. The registry's users (api, report) sit above it."""

from __future__ import annotations

from pathlib import Path

from test_layers import PACKAGE, _module_name, imports


def _graph() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / "lint").rglob("*.py")):
        name = _module_name(path)
        deps = imports(path.read_text(encoding="utf-8"), name, package=path.name == "__init__.py")
        out[name] = {d for d in deps if d.startswith("zongjie.lint") and d != name}
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            # A package's own __init__ importing its submodules is how packages work, not a cycle.
            if nxt == node.rpartition(".")[0] and node.startswith(nxt + "."):
                continue
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_in_lint():
    assert _cycle(_graph()) is None, " → ".join(_cycle(_graph()) or [])


def test_the_checker_sees_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]


def test_config_does_not_import_the_rules():
    assert not {d for d in _graph()["zongjie.lint.config"] if d.startswith("zongjie.lint.rules")}
    assert Path(PACKAGE / "lint" / "config.py").is_file()
