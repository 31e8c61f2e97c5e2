"""The dependency direction between zongjie's parts: every import from one part to another must be an edge
listed in ALLOWED, and every listed edge must go down the LAYERS order. A new backward edge (writer → lint,
facts → plan) fails here; make it point the other way, or move the shared piece down to a base module."""

from __future__ import annotations

import ast
from pathlib import Path

import zongjie

PACKAGE = Path(zongjie.__file__).resolve().parent

# Leaf modules at the package root that every part may use; they import nothing above themselves.
BASE = frozenset(
    {
        "config",
        "errors",
        "files",
        "finding",
        "profiles",
        "redact",
        "punctuation",
        "resources",
        "skeleton",
        "wording",
    }
)
# Lowest first. text (numbers, units, dates, Markdown, word lists) is the very bottom: it imports nothing of
# zongjie, and every part reads what users write through it, so a form is accepted the same way everywhere.
# writer is split: its protocol (base) and the offline drafter sit under the linter (they share
# its punctuation and wording through base modules, never by importing lint), the LLM writer sits above the
# linter (its repair loop lints), and the factory, which picks one of the two, sits above both.
LAYERS = (
    "text",
    "base",
    "facts",
    "plan",
    "prompt",
    "writer.base",
    "writer.offline",
    "lint",
    "llm",
    "writer.factory",
    "notes",
    "workbook",
    "workspace",
    "export",
    "pipeline",
    "web",
    "cli",
    "main",
)
ALLOWED: dict[tuple[str, str], str] = {
    ("base", "text"): "wording reads its word lists and dates; punctuation the digit class of text.forms",
    ("lint", "text"): "the number reader, units, the Markdown reader, sentences and word lists",
    ("facts", "text"): "values, units and dates in a facts file are read by the text layer",
    ("notes", "text"): "years, dates and changes in notes are read by the text layer",
    ("facts", "base"): "facts are validated against profiles and report errors.BadInput",
    ("plan", "base"): "the plan follows the skeleton and the profile's indicators",
    ("plan", "facts"): "a section task carries facts and their derived figures",
    ("plan", "text"): "a plan task writes a deadline without its year in the plan year (text.dates.in_year)",
    ("prompt", "base"): "prompt files are shipped resources; a bad one is an error",
    ("writer.base", "base"): "a draft carries its findings",
    ("writer.base", "plan"): "a writer writes one SectionTask",
    ("lint", "base"): "findings, the punctuation normaliser, wording, skeleton, units",
    ("lint", "facts"): "the linter checks numbers against the facts",
    ("lint", "plan"): "lint_section checks one SectionTask; the whole draft is checked against build_plan",
    ("writer.offline", "text"): "the unit table (what counts as a count)",
    ("writer.offline", "base"): "the punctuation normaliser, wording and units it shares with the linter",
    ("writer.offline", "facts"): "number and date formatting (fmt, fmt_date)",
    ("writer.offline", "plan"): "it renders SectionTasks",
    ("writer.offline", "writer.base"): "it implements the Writer protocol",
    ("llm", "base"): "settings, errors, punctuation",
    ("llm", "facts"): "its checks compare the model's numbers with the facts",
    ("llm", "plan"): "the LLM writer writes SectionTasks",
    ("llm", "prompt"): "requests are rendered from prompt files",
    ("llm", "writer.base"): "the LLM writer implements the Writer protocol and reports Usage",
    ("llm", "lint"): "by design: the repair loop validates each answer with the linter",
    ("llm", "writer.offline"): "a section the model cannot write falls back to the offline drafter",
    ("llm", "text"): "sentence-level repair splits the model's prose with the shared sentence splitter",
    ("writer.factory", "base"): "settings decide which writer",
    ("writer.factory", "writer.base"): "it returns a Writer",
    ("writer.factory", "writer.offline"): "the default writer",
    ("writer.factory", "llm"): "the LLM writer when an endpoint is configured (imported lazily)",
    ("notes", "base"): "profiles, settings, errors, files, wording, skeleton",
    ("notes", "facts"): "notes are turned into a facts file",
    ("notes", "plan"): "polish builds a SectionTask so its prose is linted like a draft",
    ("notes", "lint"): "by design: the linter's number reader and lint_section check what notes become",
    ("notes", "writer.offline"): "polish reuses the offline drafter's phrasing",
    ("notes", "llm"): "extract and polish may ask a model through llm.Session",
    ("workbook", "base"): "profiles, errors; BadInput for a workbook that cannot be used",
    ("workbook", "text"): "cell values, units and dates are read like every other field",
    ("workbook", "facts"): "each row is validated as a facts entry, the result as a facts file",
    ("workbook", "notes"): "a workbook is written like extracted notes: the same entries, emitter and stamp",
    ("workspace", "base"): "atomic files, findings, errors, the skeleton's review heading",
    ("workspace", "writer.base"): "section records keep a draft's status and usage",
    ("workspace", "text"): "heading numbers (一、, （一）) are read and written by the ordinal API",
    ("export", "text"): "the one Markdown reader, ordinals, dates and years read the draft into Word blocks",
    ("export", "base"): "errors, findings, files",
    ("export", "facts"): "the metrics tables come from the facts",
    ("export", "plan"): "tables and charts follow the section plan",
    ("export", "lint"): "export refuses a draft with lint errors",
    ("export", "workspace"): "export reads the workspace's draft",
    ("pipeline", "base"): "errors, findings",
    ("pipeline", "facts"): "it loads the facts",
    ("pipeline", "plan"): "it plans the sections",
    ("pipeline", "lint"): "it lints each section and the assembled draft",
    ("pipeline", "workspace"): "it writes the workspace",
    ("pipeline", "writer.base"): "it drives any Writer",
    ("web", "base"): "settings, profiles, files, errors: the page speaks for the same modules as the CLI",
    ("web", "facts"): "the facts form validates with check's messages and shows the gap report",
    ("web", "notes"): "pasted or uploaded notes are extracted into a facts file",
    ("web", "text"): "form figures and the section view's list items are read like every other text",
    (
        "web",
        "workspace",
    ): "the summaries are workspaces; section edits are saved to their files, under its lock",
    ("web", "plan"): "the draft and review pages list the planned sections",
    ("web", "lint"): "the review page traces each number to its fact with the linter's own matching",
    ("web", "writer.factory"): "draft and regen pick the writer chosen on the settings page",
    ("web", "pipeline"): "draft, regen and edits run through the pipeline like the CLI's",
    ("web", "export"): "the export page downloads what `zongjie export` writes",
    ("cli", "web"): "the serve command starts the web app",
    ("cli", "base"): "settings, profiles, files, resources, errors",
    ("cli", "facts"): "check/template commands",
    ("cli", "lint"): "the lint command",
    ("cli", "text"): "--year read as typed (2025年) by text.dates.parse_year, as `year:` in a facts file",
    ("cli", "llm"): "the doctor command",
    ("cli", "notes"): "extract/polish commands",
    ("cli", "workbook"): "the import command; draft accepts a workbook",
    ("cli", "pipeline"): "draft/regen commands",
    ("cli", "workspace"): "status/assemble commands",
    ("cli", "writer.factory"): "draft picks its writer",
    ("cli", "export"): "the export command",
    ("main", "cli"): "python -m zongjie runs the CLI",
}


def part(module: str) -> str:
    """The part a dotted module name belongs to."""
    parts = module.split(".")[1:]
    if not parts or parts[0] == "__main__":
        return "main"
    if parts[0] in BASE:
        return "base"
    if parts[0] == "writer":
        # zongjie.writer itself only re-exports the protocol.
        return f"writer.{parts[1] if len(parts) > 1 and parts[1] != '__init__' else 'base'}"
    return parts[0]


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(p for p in rel.parts if p != "__init__")


def _is_module(dotted: str) -> bool:
    base = PACKAGE.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports(source: str, name: str, *, package: bool = False) -> set[str]:
    """Every zongjie module the code `source` of module `name` imports, at the top or inside a function (a lazy
    import is still a dependency), absolute or relative."""
    anchor_of = name if package else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = anchor_of.rsplit(".", node.level - 1)[0]
                origin = f"{anchor}.{node.module}" if node.module else anchor
            else:
                origin = node.module or ""
            for alias in node.names:
                sub = f"{origin}.{alias.name}"
                out.add(sub if _is_module(sub) else origin)
    return {m for m in out if m == "zongjie" or m.startswith("zongjie.")}


def edges() -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_data" in path.parts:
            continue
        src = _module_name(path)
        code = path.read_text(encoding="utf-8")
        for target in imports(code, src, package=path.name == "__init__.py"):
            a, b = part(src), part(target)
            if a != b:
                found.setdefault((a, b), set()).add(f"{src} → {target}")
    return found


def test_every_part_is_a_known_layer() -> None:
    parts = {part(_module_name(p)) for p in PACKAGE.rglob("*.py") if "_data" not in p.parts}
    assert parts <= set(LAYERS), f"new part(s) {parts - set(LAYERS)}: add them to LAYERS and ALLOWED"


def test_allowed_edges_point_down_the_layers() -> None:
    up = [(a, b) for a, b in ALLOWED if LAYERS.index(a) <= LAYERS.index(b)]
    assert not up, f"ALLOWED lists edges that point up or sideways: {up}"


def test_imports_follow_the_allowed_edges() -> None:
    bad = {e: sorted(how) for e, how in edges().items() if e not in ALLOWED}
    assert not bad, "imports not in ALLOWED (a backward edge, or a new one to justify):\n" + "\n".join(
        f"  {a} → {b}: {', '.join(how)}" for (a, b), how in bad.items()
    )


def test_no_allowed_edge_is_stale() -> None:
    stale = sorted(set(ALLOWED) - set(edges()))
    assert not stale, f"ALLOWED lists edges no import uses any more (remove them): {stale}"


def test_a_backward_edge_is_caught() -> None:
    """The checker itself: lazy, relative and `from zongjie import x` imports are all seen."""
    code = (
        "from zongjie import skeleton\n"
        "def f():\n    from zongjie.plan.task import SectionTask\n"
        "from ..lint import api\n"
        "from .model import Facts\n"
    )
    found = imports(code, "zongjie.facts.gaps")
    assert found == {"zongjie.skeleton", "zongjie.plan.task", "zongjie.lint.api", "zongjie.facts.model"}
    crossing = {("facts", part(m)) for m in found if part(m) != "facts"}
    assert crossing - set(ALLOWED) == {("facts", "plan"), ("facts", "lint")}


def _module_graph(prefix: str) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        if name.startswith(prefix):
            code = path.read_text(encoding="utf-8")
            found = imports(code, name, package=path.name == "__init__.py")
            graph[name] = {m for m in found if m.startswith(prefix) and m != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle (as a path that comes back to its start), lazy imports included."""
    out: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                out.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return out


def test_notes_has_no_import_cycle() -> None:
    """notes/llm.py ↔ notes/polish.py was one: the offline polish and its checks now live in notes/prose.py,
    which both use; polish.py only chooses between them."""
    graph = {k: v for k, v in _module_graph("zongjie.notes").items() if k != "zongjie.notes"}
    assert _cycles(graph) == []


def test_web_has_no_import_cycle() -> None:
    """web/app ↔ web/facts ↔ web/start was one: what the page modules share (Site, page, limits) now lives in
    web/site.py; app.py only wires the routers and the error pages."""
    graph = {k: v for k, v in _module_graph("zongjie.web").items() if k != "zongjie.web"}
    assert graph, "no web modules found"
    assert _cycles(graph) == []


def test_no_import_cycle_anywhere() -> None:
    """The per-package tests above name the cycles that were once there; this one keeps every module of
    zongjie, across packages too, free of any cycle (lazy imports included)."""
    graph = _module_graph("zongjie")
    assert _cycles(graph) == []
    # the checker sees a cycle when there is one
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
