"""Entry points the rest of zongjie calls: one section body (the repair loop) or a whole draft."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from zongjie.errors import BadInput
from zongjie.facts.model import Facts
from zongjie.finding import Finding
from zongjie.lint.config import LintConfig, parse_config
from zongjie.lint.document import ALL, Document
from zongjie.lint.factset import FactSet
from zongjie.lint.sections import refine
from zongjie.plan.task import SectionTask
from zongjie.skeleton import HEADINGS

_TASK_KINDS = {"function": "review"}


def lint_section(
    task: SectionTask,
    body: str,
    *,
    config: LintConfig | None = None,
    disable: Iterable[str] = (),
    strict: bool = False,
) -> list[Finding]:
    """Findings for one section body against that section's facts (drives the LLM repair loop, `strict`).
    Never reports missing sections or facts another section was given."""
    doc = Document(body, single=(task.id, _TASK_KINDS.get(task.kind, task.kind)))
    chosen = _config(config, disable)
    if strict:
        chosen = replace(chosen, strict=True)
    return run(doc, FactSet.from_task(task), chosen, whole=False)


def lint_in_draft(
    task: SectionTask, body: str, *, config: LintConfig | None = None, disable: Iterable[str] = ()
) -> list[Finding]:
    """What `zongjie lint` finds in one section body when it stands in a draft under the section's own
    heading: the body is placed there and read as a whole draft is (heading and content say what the
    section is, so a plans body gets the plan rules, a problems body the problem rules), against the task's
    facts. Only what a lone section cannot have is left out (missing sections, their order). Lines and
    columns are the body's own; a finding on the heading placed around it is not the body's and is dropped."""
    head = [f"# {task.report.year}年工作总结", ""]
    if task.kind == "function":
        head += [f"## {HEADINGS['review']}", "", f"### {task.heading}", ""]
    else:
        head += [f"## {HEADINGS.get(task.id, task.heading)}", ""]
    doc = Document("\n".join([*head, body]))
    refine(doc)
    for s in doc.sections:  # the function subsection is this task's, as lint_markdown names it
        if s.parent is not None:
            s.id = task.id
    found = run(doc, FactSet.from_task(task), _config(config, disable), whole=False)
    return [
        f.model_copy(update={"line": f.line - len(head)})
        for f in found
        if f.line is not None and f.line > len(head)
    ]


def lint_markdown(
    text: str, facts: Facts | None = None, *, config: LintConfig | None = None, disable: Iterable[str] = ()
) -> list[Finding]:
    """Findings for a whole Markdown draft, optionally against a facts file."""
    factset = FactSet.from_facts(facts) if facts is not None else None
    doc = Document(text)
    refine(doc)
    if factset is not None:
        for s in doc.sections:  # name 主要工作回顾 subsections by their section ids (review-facilities)
            if s.parent is not None and s.id in factset.function_names:
                s.id = factset.function_names[s.id]
    return run(doc, factset, _config(config, disable), whole=True)


def check_rule_ids(ids: set[str] | frozenset[str], where: str) -> None:
    from zongjie.lint.rules import REGISTRY

    unknown = sorted(set(ids) - set(REGISTRY))
    if unknown:
        raise BadInput(
            f"{where}: unknown lint rule(s): {', '.join(unknown)}", [f"known: {', '.join(REGISTRY)}"]
        )


def read_config(path: Path | None = None) -> LintConfig:
    """The `[lint]` settings of zongjie.toml (the current directory by default), rule ids checked."""
    config = parse_config(path)
    check_rule_ids(config.disable, f"{path or Path('zongjie.toml')}: lint.disable")
    return config


def exit_code(findings: Iterable[Finding]) -> int:
    """0 when nothing is an error, 1 otherwise (bad input, exit 2, is raised before linting)."""
    return 1 if any(f.is_error for f in findings) else 0


def _config(config: LintConfig | None, disable: Iterable[str]) -> LintConfig:
    return (config or LintConfig()).without(frozenset(disable))


def run(doc: Document, facts: FactSet | None, config: LintConfig, *, whole: bool) -> list[Finding]:
    from zongjie.lint.rules import REGISTRY, Context

    ctx = Context(doc, facts, config, whole)
    out: list[Finding] = []
    for r in REGISTRY.values():
        if r.id in config.disable or (r.needs_facts and facts is None) or (r.whole_only and not whole):
            continue
        out.extend(r.check(ctx))
    # <!-- zongjie-disable RULE --> silences a rule for one paragraph.
    muted = [(b.start, b.end, b.disabled) for s in doc.sections for b in s.blocks if b.disabled]
    if muted:
        out = [f for f in out if not _muted(doc, f, muted)]
    out.sort(key=lambda f: (f.line or 0, f.column or 0, f.rule))
    return out


def _muted(doc: Document, f: Finding, muted: list[tuple[int, int, frozenset[str]]]) -> bool:
    if f.line is None:
        return False
    offset = doc.line_starts[f.line - 1] + (f.column or 1) - 1
    return any(lo <= offset <= hi and (ALL in rules or f.rule in rules) for lo, hi, rules in muted)
