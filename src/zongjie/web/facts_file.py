"""The facts file as the form sees it: raw data (it may not validate yet), the comments attached to each
entry (extract's `# L行号:` sources and `# ?` questions), and writing it back with those comments kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from zongjie.errors import BadInput
from zongjie.profiles import Profile

_WIDE = 10**6
MAX_NODES = 200_000
Path_ = tuple[str | int, ...]


def new_facts_text(profile: Profile, year: int, organization: str) -> str:
    """A fresh facts file for the form: the header filled in, one (empty) block per 职能 of the profile."""
    data: dict[str, Any] = {
        "report": {
            "organization": organization,
            "department": profile.department,
            "profile": profile.id,
            "year": year,
            "author": profile.department,
        },
        "functions": [{"key": f.key} for f in profile.functions],
    }
    return "# 由 zongjie serve 新建；在网页上填写，或用编辑器修改。\n" + dump(data)


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as people (and `zongjie extract`) write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=_WIDE, default_flow_style=False
    )


@dataclass
class Commented:
    """A facts file read for the form."""

    data: dict[str, Any]
    comments: dict[Path_, list[str]] = field(default_factory=dict)  # node path → comment lines before it
    head: list[str] = field(default_factory=list)  # comments before the first entry
    tail: list[str] = field(default_factory=list)  # comments after the last (extract's unplaced notes)


class TooBig(BadInput):
    pass


def _node_lines(root: yaml.Node | None) -> dict[int, Path_]:
    """Line (0-based) → the shortest node path starting on it: a list item rather than its first key.
    Aliases are walked once per use, so the walk is capped: an alias bomb is refused, not expanded."""
    out: dict[int, Path_] = {}
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())] if root is not None else []
    visits = 0
    while stack:
        node, path = stack.pop()
        visits += 1
        if visits > MAX_NODES:
            raise TooBig(
                f"the facts file has more than {MAX_NODES} entries (or aliases that expand to that many)"
            )
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                sub = (*path, k.value)
                line = k.start_mark.line
                if line not in out or len(sub) < len(out[line]):
                    out[line] = sub
                stack.append((v, sub))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                sub = (*path, i)
                line = v.start_mark.line
                if line not in out or len(sub) < len(out[line]):
                    out[line] = sub
                stack.append((v, sub))
    return out


def comments_of(text: str) -> tuple[dict[Path_, list[str]], list[str], list[str]]:
    """Whole-line comments, each block attached to the node on the next content line."""
    try:
        positions = _node_lines(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:  # the facts loader names the line; the form just shows no comments
        return {}, [], []
    attached: dict[Path_, list[str]] = {}
    head: list[str] = []
    pending: list[str] = []
    seen_node = False
    for n, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped[1:].removeprefix(" ").rstrip())  # inner indentation kept
        elif stripped:
            path = positions.get(n)
            if path is not None and pending:
                if not seen_node:
                    head, pending = pending, []
                else:
                    attached.setdefault(path, []).extend(pending)
            if path is not None:
                seen_node = True
            pending = [] if path is not None else pending
    return attached, head, pending


def is_question(comment: str) -> bool:
    return comment.startswith("?")


def with_comments(
    data: dict[str, Any], comments: dict[Path_, list[str]], head: list[str], tail: list[str]
) -> str:
    """The YAML text of `data` with each comment block put back above the entry it belongs to."""
    text = dump(data)
    lines = text.splitlines()
    positions = {path: line for line, path in _node_lines(yaml.compose(text, Loader=yaml.SafeLoader)).items()}
    inserts: dict[int, list[str]] = {}
    for path, block in comments.items():
        at = positions.get(path)
        if at is None:
            continue  # the entry is gone: so is what was said about it
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        inserts.setdefault(at, []).extend(f"{indent}# {c}" for c in block)
    out = [f"# {c}" if c else "#" for c in head]
    for n, line in enumerate(lines):
        out += inserts.get(n, [])
        out.append(line)
    if tail:
        out += ["", *(f"# {c}" if c else "#" for c in tail)]
    return "\n".join(out) + "\n"
