"""Lint output (text grouped by section, or JSON) and the file side of `zongjie lint` (read, --fix)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from zongjie.errors import BadInput
from zongjie.files import decode, read_capped, read_text, replace_keeping_backup, warn_stderr
from zongjie.finding import Finding

OutputFormat = Literal["text", "json"]  # `zongjie lint --format`
WHOLE = "（全文）"  # the group of findings that belong to no section
FIELDS = ("rule", "severity", "section", "line", "column", "message", "excerpt", "suggestion")


def as_json(findings: list[Finding]) -> str:
    return json.dumps([{k: getattr(f, k) for k in FIELDS} for f in findings], ensure_ascii=False, indent=2)


def text_lines(findings: Iterable[Finding]) -> list[tuple[str, Finding | None]]:
    """Findings grouped by section: a `[section]` line, then one line per finding (paired with it, so a
    terminal can colour it). The one text layout for `lint` and for what `draft`/`assemble`/`export` print."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.section or WHOLE, []).append(f)
    out: list[tuple[str, Finding | None]] = []
    for section, items in groups.items():
        out.append((f"[{section}]", None))
        for f in items:
            where = ":".join(str(x) for x in (f.line, f.column) if x is not None) or "-"
            excerpt = f"  「{f.excerpt}」" if f.excerpt else ""
            out.append((f"  {where:>7} {f.severity:<7} {f.rule:<24} {f.message}{excerpt}", f))
    return out


def as_text(findings: list[Finding], name: str) -> str:
    if not findings:
        return f"{name}: 没有发现问题"
    errors = sum(f.is_error for f in findings)
    lines = [line for line, _ in text_lines(findings)]
    return "\n".join([*lines, f"{name}: {errors} 个错误，{len(findings) - errors} 个警告"])


def rules_text() -> str:
    from zongjie.lint.rules import REGISTRY

    lines = []
    for r in REGISTRY.values():
        tags = " [需要 --facts]" if r.needs_facts else ""
        tags += " [--fix]" if r.fixable else ""
        lines.append(f"{r.id:<24} {r.severity:<7} {r.description}{tags}")
    return "\n".join(lines)


def read_draft(path: Path) -> str:
    """The summary to lint: a file, or stdin for `-` (UTF-8 or GB18030, as a Windows clipboard gives it).
    An empty one is bad input (exit 2), not a summary missing every section."""
    if str(path) == "-":
        text, _ = decode(
            read_capped(sys.stdin.buffer, "Markdown input", "<stdin>"), "Markdown input", "<stdin>"
        )
        where = "<stdin>"
    else:
        # Someone else's summary is often saved as GB18030 or UTF-16: lint only reads it, so read it, and say so.
        text = read_text(path, "Markdown file", legacy=warn_stderr)
        where = str(path)
    if not text.strip():
        raise BadInput(f"{where}: empty: nothing to lint (give the summary's text)")
    return text


def apply_fix(path: Path, text: str) -> tuple[str, Path | None]:
    """Writes the punctuation-fixed file, keeping the original as FILE.md.bak (then .bak2, …) first.
    Returns the fixed text and the backup (None when nothing needed fixing)."""
    from zongjie.punctuation import fix_text

    fixed = fix_text(text)
    backup = replace_keeping_backup(path, fixed) if fixed != text else None
    return fixed, backup
