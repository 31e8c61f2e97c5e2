"""Lint output (text grouped by section, or JSON) and the file side of `zongjie lint` (read, --fix)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from zongjie.errors import BadInput
from zongjie.lint.finding import Finding

FIELDS = ("rule", "severity", "section", "line", "column", "message", "excerpt", "suggestion")


def as_json(findings: list[Finding]) -> str:
    return json.dumps([{k: getattr(f, k) for k in FIELDS} for f in findings], ensure_ascii=False, indent=2)


def as_text(findings: list[Finding], name: str) -> str:
    if not findings:
        return f"{name}: 没有发现问题"
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.section or "（全文）", []).append(f)
    out = []
    for section, items in groups.items():
        out.append(f"[{section}]")
        for f in items:
            where = f"{f.line}:{f.column}" if f.line else "-"
            excerpt = f"  「{f.excerpt}」" if f.excerpt else ""
            out.append(f"  {where:>7} {f.severity:<7} {f.rule:<24} {f.message}{excerpt}")
    errors = sum(f.is_error for f in findings)
    out.append(f"{name}: {errors} 个错误，{len(findings) - errors} 个警告")
    return "\n".join(out)


def rules_text() -> str:
    from zongjie.lint.rules import REGISTRY

    lines = []
    for r in REGISTRY.values():
        tags = " [需要 --facts]" if r.needs_facts else ""
        tags += " [--fix]" if r.fixable else ""
        lines.append(f"{r.id:<24} {r.severity:<7} {r.description}{tags}")
    return "\n".join(lines)


def read_draft(path: Path) -> str:
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 text") from exc


def apply_fix(path: Path, text: str) -> str:
    """Write the punctuation-fixed file, keeping the original as FILE.md.bak first."""
    from zongjie.lint.rules.punctuation import fix_text

    fixed = fix_text(text)
    if fixed != text:
        backup = path.with_name(path.name + ".bak")
        shutil.copyfile(path, backup)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(fixed, encoding="utf-8")
        tmp.replace(path)
    return fixed
