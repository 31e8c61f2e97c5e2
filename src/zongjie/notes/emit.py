"""Writes an Extraction as a readable facts file: every entry preceded by the note line it came from, the
computations and questions as comments, and the unplaced notes as a comment block at the end (the facts
schema forbids unknown keys, so they cannot be data)."""

from __future__ import annotations

from typing import Any

import yaml

from zongjie.notes.result import Entry, Extraction, Slot
from zongjie.profiles import Profile

_WIDE = 10**6


def _dump(value: Any, flow: bool) -> str:
    return (
        yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=_WIDE)
        .removesuffix("...\n")
        .rstrip("\n")
    )


def _comment(text: str, indent: str) -> str:
    return f"{indent}# {' '.join(text.split())}"


def _source(entry: Entry, indent: str) -> list[str]:
    lines = [_comment(entry.where, indent)] if entry.where else []
    lines += [_comment(f"L{i.line}: {i.text}", indent) for i in entry.items]
    return lines + [_comment(c, indent) for c in entry.comments]


def _entry(entry: Entry, indent: str, flow: bool) -> list[str]:
    out = _source(entry, indent)
    if isinstance(entry.data, str):
        body = _dump([entry.data], False)
    elif flow:
        body = "- " + _dump(entry.data, True)
    else:
        body = _dump([entry.data], False)
    out += [f"{indent}{line}" for line in body.splitlines()]
    return out


def _list(key: str, entries: list[Entry], indent: str, flow: bool = False) -> list[str]:
    if not entries:
        return []
    out = [f"{indent}{key}:"]
    for e in entries:
        out += _entry(e, indent + "  ", flow)
    return out


def _block(key: str, slots: list[tuple[str, Slot, bool]], ext: Extraction) -> list[str]:
    body = []
    for sub, slot, flow in slots:
        body += _list(sub, ext.top[slot], "  ", flow)
    return [f"{key}:", *body, ""] if body else []


def emit(ext: Extraction, profile: Profile, header: list[str] | None = None) -> str:
    """`header`: the opening comment lines, for sources other than notes (a workbook)."""
    out = header or [
        f"# 由 zongjie extract 从 {ext.source} 提取（{ext.method}）。",
        "# “# L行号:” 注释标出每条事实来自笔记的哪一行；以 “# ?” 开头的是需要你确认或补充的问题。",
        "# 核对修改后运行：zongjie check 本文件；再 zongjie draft 本文件 -o 目录。",
    ]
    if ext.headings:
        used = "，".join(f"L{h.line} {h.text}" for h in ext.headings)
        out.append(_comment(f"笔记中的小标题（用来判断归属）：{used}", ""))
    out += ["", "report:"]
    out += [_comment(f"L{i.line}: {i.text}", "  ") for i in ext.report_items]
    out += [_comment(c, "  ") for c in ext.report_comments]
    out += [f"  {line}" for line in _dump(ext.report, False).splitlines()]
    out.append("")
    out += _block("summary", [("notes", "summary.notes", False), ("metrics", "summary.metrics", True)], ext)
    blocks = [fn for fn in ext.functions.values() if fn.entries()]
    if blocks:
        out.append("functions:")
        for fn in blocks:
            spec = profile.function(fn.key)
            label = f"  # {spec.name}" if spec else ""
            out.append(f"  - key: {fn.key}{label}")
            out += [_comment(c, "    ") for c in fn.comments]
            if fn.name:
                out.append(f"    name: {_dump(fn.name, True)}")
            out += _list("metrics", fn.metrics, "    ", flow=True)
            out += _list("work", fn.work, "    ")
            out += _list("cases", fn.cases, "    ")
        out.append("")
    out += _top_list("highlights", ext)
    out += _block("team", [("notes", "team.notes", False), ("metrics", "team.metrics", True)], ext)
    for slot in ("problems", "lessons", "plans"):
        out += _top_list(slot, ext)
    out += doubt_block(ext)
    out += unplaced_block(ext)
    out += ext.trailer
    return "\n".join(out).rstrip("\n") + "\n"


def _top_list(slot: Slot, ext: Extraction) -> list[str]:
    lines = _list(slot, ext.top[slot], "")
    return [*lines, ""] if lines else []


def doubt_block(ext: Extraction) -> list[str]:
    """Notes the clerk marked as unchecked: each a question, none of them a fact (so none in the draft)."""
    if not ext.doubts:
        return []
    out = ["# 待核 — 以下笔记标注还要核实（带“？”或“待核”等），没有写进事实，草稿里不会出现："]
    out += [
        f"# ? L{d.item.line}: {' '.join(d.item.text.split())} — 核实后请把数字写到对应职能的 metrics 下，或删去"
        for d in ext.doubts
    ]
    return [*out, ""]


def unplaced_block(ext: Extraction) -> list[str]:
    if not ext.unplaced:
        return []
    out = ["# unplaced — 以下笔记没有用进事实（草稿里不会出现），请移到合适的位置或删除："]
    out += [f"#   - L{u.item.line}: {' '.join(u.item.text.split())}（{u.reason}）" for u in ext.unplaced]
    return out
