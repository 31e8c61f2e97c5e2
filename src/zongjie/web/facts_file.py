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
class Comments:
    """The comments of a facts file, attached to the entries they are about: whole-line blocks above an entry
    (extract's `# L行号:` sources, `# ?` questions, the user's own notes), the one trailing an entry's line
    (`value: 1326  # 含夜间`), and what comes before the first entry or after the last."""

    above: dict[Path_, list[str]] = field(default_factory=dict)
    inline: dict[Path_, str] = field(default_factory=dict)
    head: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)  # extract's unplaced notes


class TooBig(BadInput):
    pass


@dataclass
class _Layout:
    """Where each entry sits in a YAML text."""

    starts: dict[int, Path_] = field(default_factory=dict)  # line → the shortest path starting on it
    first: dict[Path_, int] = field(default_factory=dict)  # path → the line it starts on
    ends: dict[int, tuple[int, Path_]] = field(
        default_factory=dict
    )  # line → (column, path) ending last there


def _layout(root: yaml.Node | None) -> _Layout:
    """Walks the composed tree. A list item's line belongs to the item rather than its first key. Aliases
    are walked once per use, so the walk is capped: an alias bomb is refused, not expanded."""
    out = _Layout()
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())] if root is not None else []
    visits = 0

    def seen(path: Path_, start: yaml.Mark, end_nodes: tuple[yaml.Node, ...]) -> None:
        line = start.line
        if line not in out.starts or len(path) < len(out.starts[line]):
            out.starts[line] = path
        out.first.setdefault(path, line)
        for node in end_nodes:
            if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
                end = node.end_mark
                was = out.ends.get(end.line)
                if was is None or end.column > was[0] or (end.column == was[0] and len(path) < len(was[1])):
                    out.ends[end.line] = (end.column, path)

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
                seen(sub, k.start_mark, (k, v))
                stack.append((v, sub))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                sub = (*path, i)
                seen(sub, v.start_mark, (v,))
                stack.append((v, sub))
    return out


def _inline(line: str, end: tuple[int, Path_] | None) -> str | None:
    """The comment trailing an entry on its line: what follows the last node that ends there, if it is a
    comment (a `#` inside a quoted value or a block scalar is not one)."""
    if end is None or not line[: end[0]].strip():
        return None
    rest = line[end[0] :].strip()
    return rest[1:].removeprefix(" ").rstrip() if rest.startswith("#") else None


def comments_of(text: str) -> Comments:
    """Whole-line comments, each block attached to the entry on the next content line, and each trailing
    comment to the entry whose value ends before it."""
    try:
        layout = _layout(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:  # the facts loader names the line; the form just shows no comments
        return Comments()
    out = Comments()
    pending: list[str] = []
    seen_node = False
    for n, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped[1:].removeprefix(" ").rstrip())  # inner indentation kept
            continue
        if not stripped:
            continue
        path = layout.starts.get(n)
        if path is not None and pending:
            if not seen_node:
                out.head, pending = pending, []
            else:
                out.above.setdefault(path, []).extend(pending)
        if path is not None:
            seen_node = True
            pending = []
        trailing = _inline(line, layout.ends.get(n))
        if trailing is not None:
            end = layout.ends[n][1]
            out.inline[end] = f"{out.inline[end]}  # {trailing}" if end in out.inline else trailing
    out.tail = pending
    return out


def is_question(comment: str) -> bool:
    return comment.startswith("?")


def with_comments(data: dict[str, Any], comments: Comments | None = None) -> str:
    """The YAML text of `data` with each comment put back: a block above the entry it belongs to, a trailing
    one at the end of its entry's first line. Comments of entries that are gone go with them."""
    comments = comments or Comments()
    text = dump(data)
    lines = text.splitlines()
    first = _layout(yaml.compose(text, Loader=yaml.SafeLoader)).first
    inserts: dict[int, list[str]] = {}
    for path, block in comments.above.items():
        at = first.get(path)
        if at is None:
            continue  # the entry is gone: so is what was said about it
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        inserts.setdefault(at, []).extend(f"{indent}# {c}" if c else f"{indent}#" for c in block)
    for path, comment in comments.inline.items():
        at = first.get(path)
        one = " ".join(comment.splitlines()).strip()  # one line, whatever was posted
        if at is not None and one:
            lines[at] += f"  # {one}"
    parts = {line for path, line in first.items() if len(path) == 1}
    out = [f"# {c}" if c else "#" for c in comments.head]
    for n, line in enumerate(lines):
        if out and n in parts:
            out.append("")  # a blank line before each part (report, functions, …), as people lay them out
        out += inserts.get(n, [])
        out.append(line)
    if comments.tail:
        out += ["", *(f"# {c}" if c else "#" for c in comments.tail)]
    return "\n".join(out) + "\n"
