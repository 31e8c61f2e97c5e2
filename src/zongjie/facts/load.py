"""Reads a facts file (YAML or JSON) and turns every problem into a message with field path and line."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.model import Facts, FieldProblem, Metric
from zongjie.files import read_text

Loc = tuple[str | int, ...]


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_map(text: str) -> dict[Loc, int]:
    """Maps each YAML node path to its 1-based line, so messages can point into the file."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[Loc, int] = {}

    def walk(node: yaml.Node, loc: Loc) -> None:
        lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = k.value
                lines[(*loc, key)] = k.start_mark.line + 1
                walk(v, (*loc, key))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, (*loc, i))

    if root is not None:
        walk(root, ())
    return lines


def _known_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names valid at `loc`, for a 'did you mean' hint."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    return list(current.model_fields) if current is not None else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _where(loc: Loc, lines: dict[Loc, int], source: str) -> str:
    probe = loc
    while probe and probe not in lines:
        probe = probe[:-1]
    line = lines.get(probe)
    return f"{source}:{line}" if line else source


def _describe(err: Any, lines: dict[Loc, int], source: str) -> str:
    loc: Loc = tuple(err["loc"])
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, FieldProblem):
        loc = (*loc, cause.field)
    path = dotted(loc) or "(top level)"
    where = _where(loc, lines, source)
    if err["type"] == "extra_forbidden":
        name = str(loc[-1])
        hint = difflib.get_close_matches(name, _known_fields(Facts, loc), n=1)
        suffix = f"; did you mean `{hint[0]}`?" if hint else ""
        return f"{where}: {path}: unknown field{suffix}"
    if err["type"] == "string_too_short" and (err.get("ctx") or {}).get("min_length") == 1:
        return f"{where}: {path}: must not be empty"
    if err["type"] in ("float_type", "int_type", "string_type") and err.get("input") is None:
        return f"{where}: {path}: is empty — fill it in, or delete the line"
    if err["type"] == "missing":
        return f"{where}: {path}: required field is missing"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {path}: {msg}"


def parse(text: str, source: str = "<facts>") -> Facts:
    """Validates facts text; raises BadInput listing every problem with its path and line."""
    try:
        data = json.loads(text) if source.endswith(".json") else yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        raise BadInput(f"{where}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise BadInput(f"{source}: not valid YAML: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except ValueError as exc:  # PyYAML builds dates itself: 2025-13-01 fails here, not in validation
        raise BadInput(f"{_bad_date(text, source)}: not a valid date: {exc}") from None
    if not isinstance(data, dict):
        raise BadInput(f"{source}: expected a mapping with `report:` at the top")
    lines = _line_map(text)
    try:
        facts = Facts.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(e, lines, source) for e in exc.errors()]
        raise BadInput(f"{source}: {len(problems)} problem(s) in the facts file", problems) from None
    problems = [f"{_where(loc, lines, source)}: {dotted(loc)}: {msg}" for loc, msg in cross_checks(facts)]
    if problems:
        raise BadInput(f"{source}: {len(problems)} problem(s) in the facts file", problems)
    return facts


def _bad_date(text: str, source: str) -> str:
    """Line and field path of the date PyYAML could not build, found on the composed (unbuilt) tree."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())] if root is not None else []
    while stack:
        node, loc = stack.pop()
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                dt.date.fromisoformat(node.value[:10])
            except ValueError:
                return f"{source}:{node.start_mark.line + 1}: {dotted(loc)}"
        elif isinstance(node, yaml.MappingNode):
            stack += [(v, (*loc, k.value)) for k, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(v, (*loc, i)) for i, v in enumerate(node.value)]
    return source


def cross_checks(facts: Facts) -> list[tuple[Loc, str]]:
    """Checks that span fields or need the profile."""
    out: list[tuple[Loc, str]] = []
    try:
        profile = profiles.load(facts.report.profile)
    except BadInput as exc:  # an unknown profile, named with the known ones
        return [(("report", "profile"), str(exc))]
    seen: dict[str, int] = {}
    for fi, fn in enumerate(facts.functions):
        if fn.key in seen:
            out.append(
                (
                    ("functions", fi, "key"),
                    f"duplicate function key {fn.key!r} (also functions[{seen[fn.key]}])",
                )
            )
        seen.setdefault(fn.key, fi)
        if fn.name is None and profile.function(fn.key) is None:
            hint = difflib.get_close_matches(fn.key, profile.keys, n=1)
            did = f"did you mean `{hint[0]}`? " if hint else ""
            out.append(
                (
                    ("functions", fi, "key"),
                    f"unknown function key {fn.key!r} for profile {profile.id}: {did}"
                    f"known: {', '.join(profile.keys)}; or add `name:` for a function of your own",
                )
            )
        for ci, case in enumerate(fn.cases):
            if case.date is not None and case.date.year != facts.report.year:
                out.append(
                    (
                        ("functions", fi, "cases", ci, "date"),
                        f"{case.date.isoformat()} is outside the report year {facts.report.year}",
                    )
                )
    return out + _duplicate_metrics(facts) + _past_deadlines(facts)


def _duplicate_metrics(facts: Facts) -> list[tuple[Loc, str]]:
    """Two metrics of one name in one place state two values for one fact: the draft would contradict itself."""
    groups: list[tuple[Loc, list[Metric]]] = [
        (("summary",), facts.summary.metrics),
        *((("functions", i), fn.metrics) for i, fn in enumerate(facts.functions)),
        *((("highlights", i), h.metrics) for i, h in enumerate(facts.highlights)),
        (("team",), facts.team.metrics),
    ]
    out: list[tuple[Loc, str]] = []
    for prefix, metrics in groups:
        first: dict[str, int] = {}
        for i, m in enumerate(metrics):
            if m.name in first:
                where = dotted((*prefix, "metrics", first[m.name]))
                out.append(
                    ((*prefix, "metrics", i, "name"), f"metric {m.name!r} appears twice (also {where})")
                )
            first.setdefault(m.name, i)
    return out


_YEAR_IN_TEXT = re.compile(r"^((?:19|20)\d{2})\s*年")


def _past_deadlines(facts: Facts) -> list[tuple[Loc, str]]:
    """A plan for next year cannot be due before the report year starts."""
    out: list[tuple[Loc, str]] = []
    for i, plan in enumerate(facts.plans):
        d = plan.deadline
        year = d.year if isinstance(d, dt.date) else None
        if isinstance(d, str) and (m := _YEAR_IN_TEXT.match(d)):
            year = int(m.group(1))
        if year is not None and year < facts.report.year:
            out.append((("plans", i, "deadline"), f"{d} is before the report year {facts.report.year}"))
    return out


def load(path: Path) -> Facts:
    return parse(read_text(path, "facts file"), str(path))
