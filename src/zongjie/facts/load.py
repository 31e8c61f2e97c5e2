"""Reads a facts file (YAML or JSON) and turns every problem into a message with field path and line."""

from __future__ import annotations

import contextlib
import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.gaps import deadline_year
from zongjie.facts.model import Facts, FieldProblem, Metric
from zongjie.facts.source import Loc, dotted, read
from zongjie.files import read_text
from zongjie.text.dates import DateError, parse_year

__all__ = ["Loc", "cross_checks", "dotted", "load", "parse"]


def _field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every field name a facts file may use, at any level (for spotting `key：` typed with a wide colon)."""
    out: set[str] = set()
    seen: set[type[BaseModel]] = set()
    stack = [model]
    while stack:
        current = stack.pop()
        seen.add(current)
        for name, info in current.model_fields.items():
            out.add(name)
            inner = _inner_model(info.annotation)
            if inner is not None and inner not in seen:
                stack.append(inner)
    return frozenset(out)


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
    return f"{where}: {path}: {_plain_words(err, loc)}"


def _plain_words(err: Any, loc: Loc) -> str:
    """What pydantic found, said as what to write instead (never its own English internals)."""
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if given is None:
            return "is empty: write its fields on the lines below it, indented, or delete it"
        return f"should be a group of fields (`name: value` lines indented under it), not {_shown(given)}"
    if kind == "list_type":
        return f"should be a list: one entry a line, each starting with `- ` (not {_shown(given)})"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}, not {_shown(given)}"
    if kind in ("string_type", "string_sub_type"):
        return f"should be text, not {_shown(given)}; put it in quotes if it is meant as text"
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"):
        return f"must be a number, not {_shown(given)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}, not {_shown(given)}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}, not {_shown(given)}"
    if kind.startswith(("date", "datetime")):
        return f"{_shown(given)} is not a date: write e.g. 2025年7月23日 or 2025-07-23"
    if kind == "bool_type":
        return "must be true or false"
    return f"has the wrong form ({_shown(given)}); see `zongjie init --example` for how to write it"


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return repr(text if len(text) <= 30 else text[:30] + "…")


def parse(text: str, source: str = "<facts>") -> Facts:
    """Validates facts text; raises BadInput listing every problem with its path and line."""
    parsed = read(text, source, _field_names(Facts))
    data, lines = parsed.data, parsed.lines
    if not isinstance(data, dict):
        raise BadInput(f"{source}: expected a mapping with `report:` at the top")
    try:
        facts = Facts.model_validate(data, context=_context(data))
    except ValidationError as exc:
        problems = [_describe(e, lines, source) for e in exc.errors()]
        raise BadInput(f"{source}: {len(problems)} problem(s) in the facts file", problems) from None
    problems = [f"{_where(loc, lines, source)}: {dotted(loc)}: {msg}" for loc, msg in cross_checks(facts)]
    if problems:
        raise BadInput(f"{source}: {len(problems)} problem(s) in the facts file", problems)
    return facts


def _context(data: dict[str, Any]) -> dict[str, Any]:
    """The report year and profile, read ahead of validation: dates without a year and 职能 named in Chinese
    need them. Whatever cannot be read here is reported by validation itself."""
    report = data.get("report")
    report = report if isinstance(report, dict) else {}
    year: int | None = None
    with contextlib.suppress(DateError, TypeError, AttributeError):
        year = parse_year(report.get("year"))  # type: ignore[arg-type]
    profile = report.get("profile")
    return {"year": year, "profile": profile if isinstance(profile, str) else "property"}


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
            known = "、".join(f"{f.name} ({f.key})" for f in profile.functions)
            out.append(
                (
                    ("functions", fi, "key"),
                    f"unknown function key {fn.key!r} for profile {profile.id}: {did}"
                    f"known: {known}; or add `name:` for a function of your own",
                )
            )
        for ci, case in enumerate(fn.cases):
            if case.date is not None and case.date.year != facts.report.year:
                out.append(
                    (
                        ("functions", fi, "cases", ci, "date"),
                        f"{case.date.year}年{case.date.month}月{case.date.day}日 is outside the report year {facts.report.year}",
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


def _past_deadlines(facts: Facts) -> list[tuple[Loc, str]]:
    """A plan for next year cannot be due before the report year starts."""
    out: list[tuple[Loc, str]] = []
    for i, plan in enumerate(facts.plans):
        d = plan.deadline
        year = deadline_year(d, facts.report.year + 1)
        if year is not None and year < facts.report.year:
            out.append((("plans", i, "deadline"), f"{d} is before the report year {facts.report.year}"))
    return out


def load(path: Path) -> Facts:
    return parse(read_text(path, "facts file"), str(path))
