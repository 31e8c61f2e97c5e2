"""Reads the text of a facts file (YAML or JSON) into plain data plus a map from field path to line, safely.

Safe means bounded: YAML anchors and aliases (`&a` / `*a`) are counted as if expanded, so a few hundred bytes
of nested aliases (an "alias bomb") are refused instead of filling memory; nesting is limited in depth; a key
given twice in one mapping is an error naming both lines (YAML and JSON would silently keep the last). Dates
are left as text for the text layer to read, so every written form gets the same messages.

Typing slips that Chinese input methods make — a full-width `：` after a key, `，` between fields in `{ }`, a
tab in the indentation, no space after `:` — are named on their line with what to type instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from zongjie.errors import BadInput

Loc = tuple[str | int, ...]

# Generous for any real summary (a full example has ~600 nodes); tiny for a bomb (10 levels of 10 aliases).
MAX_NODES = 200_000
MAX_DEPTH = 40


# libyaml when present (10× faster on a large file); the same safe constructor either way.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader without the timestamp resolver: 2025-07-23 stays text, read by zongjie.text.dates."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Source:
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_WIDE_COLON = re.compile(rf"^\s*(?:-\s*)?(?P<key>{_KEY})\s*：")
_NO_SPACE = re.compile(rf"^\s*(?:-\s*)?(?P<key>{_KEY}):(?=[^\s/])")
_FLOW_WIDE = re.compile(rf"[{{,，]\s*{_KEY}\s*[:：][^{{}}]*?(?P<mark>[，；])\s*{_KEY}\s*[:：]")
_FLOW_COLON = re.compile(rf"[{{,，]\s*(?P<key>{_KEY})\s*：")
_TAB = re.compile(r"^[ ]*\t")


def typing_slips(text: str, source: str, fields: frozenset[str] | None = None) -> list[str]:
    """Line-by-line slips an input method makes that YAML cannot read, each with what to type instead. With
    `fields`, a key slip counts only for those field names (`key：`), not for any word before a colon."""
    out: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        where = f"{source}:{n}"
        if _TAB.match(line):
            out.append(f"{where}: a tab in the indentation: indent with spaces (YAML does not accept tabs)")
        m = _WIDE_COLON.match(line) or _FLOW_COLON.search(line)
        if m and fields is not None and m.group("key") not in fields:
            m = None
        if m:
            out.append(
                f"{where}: `{m.group('key')}：` has a full-width colon: type `{m.group('key')}: ` "
                "(ASCII colon, then a space)"
            )
        elif (m := _NO_SPACE.match(line)) and (fields is None or m.group("key") in fields):
            out.append(f"{where}: `{m.group('key')}:` needs a space after the colon: `{m.group('key')}: `")
        if "{" in line and (m := _FLOW_WIDE.search(line)):
            out.append(
                f"{where}: a full-width `{m.group('mark')}` between fields inside {{ }}: "
                "separate fields with an ASCII comma `,`"
            )
    return out


def read(text: str, source: str, fields: frozenset[str] | None = None) -> Source:
    """Parses facts text; raises BadInput with every problem found, each with its line. `fields` are the
    field names of the format: a line `name：x` with one of them is a slip even where YAML reads it as text."""
    if source.endswith(".json"):
        return _read_json(text, source)
    parsed = _read_yaml(text, source)
    slips = typing_slips(text, source, fields or frozenset())
    if slips:
        raise BadInput(
            f"{source}: {len(slips)} typing slip(s) YAML reads differently from what was meant", slips
        )
    return parsed


def _yaml_error(exc: yaml.YAMLError, text: str, source: str) -> BadInput:
    slips = typing_slips(text, source)
    if slips:
        return BadInput(f"{source}: not valid YAML", slips)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        what = exc.problem or exc.context or "cannot be read"
        hint = ""
        if "found character '\\t'" in what:
            hint = ": indent with spaces, not tabs"
        elif "mapping values are not allowed" in what:
            hint = ": a `:` inside a value — put the value in quotes"
        return BadInput(f"{where}: not valid YAML: {what}{hint}")
    return BadInput(f"{source}: not valid YAML: {exc}")


def _read_yaml(text: str, source: str) -> Source:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return Source(None)
        lines = _walk(root, source)
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, source) from None
    except RecursionError:
        raise BadInput(f"{source}: nested too deeply (more than {MAX_DEPTH} levels)") from None
    except TypeError as exc:  # a list or mapping used as a key: `? [a, b]: x`
        raise BadInput(f"{source}: not valid facts YAML: {exc}") from None
    finally:
        loader.dispose()
    return Source(data, lines)


def _walk(root: yaml.Node, source: str) -> dict[Loc, int]:
    """The line of every field path; refuses too many nodes (aliases counted as expanded), too deep a
    nesting and a key given twice in one mapping. Iterative, so depth cannot overflow the stack."""
    lines: dict[Loc, int] = {}
    count = 0
    problems: list[str] = []
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise BadInput(
                f"{source}: too large once its aliases (*name) are expanded (over {MAX_NODES:,} values); "
                "write the values out, or use fewer nested anchors (&name)"
            )
        if len(loc) > MAX_DEPTH:
            raise BadInput(
                f"{source}:{node.start_mark.line + 1}: {dotted(loc[:6])}…: nested more than {MAX_DEPTH} "
                "levels deep; a facts file needs at most 5"
            )
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark)
                line = k.start_mark.line + 1
                if key == "<<":  # a merge key: its mapping's fields land here
                    stack.append((v, loc))
                    continue
                if key in first:
                    problems.append(
                        f"{source}:{line}: {dotted((*loc, key))}: given twice (lines {first[key]} and {line}); "
                        "keep one"
                    )
                first.setdefault(key, line)
                lines.setdefault((*loc, key), line)
                stack.append((v, (*loc, key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, (*loc, i)) for i, v in enumerate(node.value))
    if problems:
        raise BadInput(f"{source}: {len(problems)} problem(s) in the facts file", sorted(set(problems)))
    return lines


def _read_json(text: str, source: str) -> Source:
    twice: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out:
                twice.append(k)
            out[k] = v
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise BadInput(f"{source}: nested too deeply (more than {MAX_DEPTH} levels)") from None
    lines: dict[Loc, int] = {}
    try:  # JSON is YAML: the composed tree gives lines, depth and duplicate keys with both lines
        root = _Loader(text).get_single_node()
        if root is not None:
            lines = _walk(root, source)
    except (yaml.YAMLError, RecursionError):
        pass
    if twice:
        raise BadInput(
            f"{source}: a key given twice in one object: {', '.join(sorted(set(twice)))}; keep one"
        )
    _depth(data, source)
    return Source(data, lines)


def _depth(data: Any, source: str) -> None:
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadInput(
                f"{source}: nested more than {MAX_DEPTH} levels deep; a facts file needs at most 5"
            )
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
