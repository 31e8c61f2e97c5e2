"""The facts form ↔ facts data. Field names are paths (`functions.0.metrics.1.value`); every list entry is a
row that carries its comments (`__c`) and the fields the form does not show (`__rest`), so saving never
drops what the form cannot edit. Validation is the facts loader's own: the messages are `check`'s."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.load import parse
from zongjie.facts.model import Facts
from zongjie.text import NumberError, read_value
from zongjie.web.facts_file import Comments, Path_, is_question

T = TypeVar("T")
NUMBER_FIELDS = frozenset({"value", "previous", "target"})
DATE_FIELDS = frozenset({"date", "deadline"})
_PART = re.compile(r"[A-Za-z_]\w{0,40}|\d{1,5}")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# A check message: "facts.yaml:12: functions[0].metrics[1].value: must be a number"
_PROBLEM = re.compile(r"^[^:]*(?::\d+)*: (?P<path>\(top level\)|[\w\[\].]+): (?P<msg>.*)$", re.S)


def dotted(path: Iterable[str | int]) -> str:
    return ".".join(str(p) for p in path)


def _split(name: str) -> Path_ | None:
    parts = name.split(".") if name else []
    if not all(_PART.fullmatch(p) for p in parts):
        return None
    return tuple(int(p) if p.isdigit() else p for p in parts)


def number(text: str) -> int | float | str:
    """A number as people type it (１,５３６ / 1，536 / 98.5): the number, or the text as given so that the
    facts check reports it with its usual message."""
    try:
        r = read_value(text)
    except NumberError:
        return text
    if r.unit or r.hedge or r.upper is not None:
        return text  # 约1200, 3–5, 1.2万: the facts check reads these words itself
    return int(r.value) if r.value == r.value.to_integral_value() else float(r.value)


def _leaf(key: str | int, text: str) -> Any:
    text = text.strip()
    if key in NUMBER_FIELDS or key == "year":
        return number(text)
    if key in DATE_FIELDS and _ISO.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


@dataclass
class Posted:
    data: dict[str, Any]
    comments: Comments = field(default_factory=Comments)


def _tree(items: Iterable[tuple[str, str]]) -> dict[Any, Any]:
    root: dict[Any, Any] = {}
    for name, value in items:
        path = _split(name)
        if not path:
            continue
        node = root
        for part in path[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node[path[-1]] = value
    return root


def _json(text: Any) -> Any:
    try:
        return json.loads(text) if isinstance(text, str) and text else None
    except json.JSONDecodeError:
        return None


def _meta_comments(node: dict[Any, Any], at: Path_, out: Comments) -> None:
    """A row's comments as its hidden fields carry them: `__c` the blocks above, `__i` the trailing ones."""
    for rel, lines in (_json(node.get("__c")) or {}).items():
        sub = _split(rel) if rel else ()
        if sub is not None and isinstance(lines, list) and lines:
            out.above[(*at, *sub)] = [str(x) for x in lines]
    for rel, comment in (_json(node.get("__i")) or {}).items():
        sub = _split(rel) if rel else ()
        if sub is not None and isinstance(comment, str) and comment.strip():
            out.inline[(*at, *sub)] = comment


def _convert(node: Any, path: Path_, comments: Comments) -> Any:
    """Posted tree → facts data; an empty row is dropped (with its comments), lists are renumbered."""
    if not isinstance(node, dict):
        return _leaf(path[-1] if path else "", node) if isinstance(node, str) else None
    if node and all(isinstance(k, int) for k in node):
        out: list[Any] = []
        for k in sorted(node):
            item = _convert(node[k], (*path, len(out)), comments)
            if item is not None:
                out.append(item)
        return out or None
    if "_" in node:  # a text row
        text = str(node["_"]).strip()
        if text:
            _meta_comments(node, path, comments)
        return text or None
    if "lines" in node:  # a list of texts typed one per line (a plan's actions)
        return [line.strip() for line in str(node["lines"]).splitlines() if line.strip()] or None
    data: dict[str, Any] = {}
    for key, value in node.items():
        if isinstance(key, str) and not key.startswith("_") and key != "lower":
            converted = _convert(value, (*path, key), comments)
            if converted is not None and converted != "":
                data[key] = converted
    if {"lower", "__dflt", "__was"} & node.keys():
        better = _better("lower" in node, node.get("__dflt") or "higher", node.get("__was"))
        if better:
            data["better"] = better
    if node.get("__sugg") and not (NUMBER_FIELDS | {"change"}) & data.keys():
        return None  # a recommended indicator the user left empty
    if not data:
        return None
    if path:
        _meta_comments(node, path, comments)
    for key, value in (_json(node.get("__rest")) or {}).items():
        data.setdefault(key, value)
    return _ordered(data)


def _better(checked: bool, default: str, was: Any) -> str | None:
    """The `better` to write for the 越低越好 box: nothing when the profile already says so, unless the file
    said it explicitly before."""
    wanted = "lower" if checked else "higher"
    return wanted if wanted == was or wanted != default else None


_ORDER = ("report", "summary", "functions", "highlights", "team", "problems", "lessons", "plans")
# One order of keys that agrees with every facts model's field order, so a saved entry reads as usual
# whatever order the browser sent its fields in.
_KEYS = [
    "key",
    "organization",
    "department",
    "profile",
    "year",
    "title",
    "author",
    "date",
    "event",
    "response",
    "result",
    "goal",
    "problem",
    "name",
    "value",
    "unit",
    "previous",
    "change",
    "target",
    "better",
    "note",
    "detail",
    "cause",
    "measure",
    "metrics",
    "work",
    "cases",
    "notes",
    "actions",
    "deadline",
    "owner",
]


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    rank = {k: i for i, k in enumerate(_KEYS)}
    return dict(sorted(data.items(), key=lambda kv: rank.get(kv[0], len(rank))))


def read_form(items: Iterable[tuple[str, str]]) -> Posted:
    tree = _tree(items)
    comments = Comments()
    _meta_comments(tree, (), comments)
    data = _convert({k: v for k, v in tree.items() if k not in ("__head", "__tail")}, (), comments)
    data = data if isinstance(data, dict) else {}
    ordered = {k: data[k] for k in _ORDER if k in data} | data
    comments.head = [str(x) for x in _json(tree.get("__head")) or []]
    comments.tail = [str(x) for x in _json(tree.get("__tail")) or []]
    return Posted(ordered, comments)


@dataclass
class Marks:
    """Messages (check's problems, extract's questions) placed at form fields; what no field took is
    shown at the top, so nothing is lost."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def has(self, path: str) -> bool:
        return path in self.errors

    def at(self, path: str) -> list[str]:
        self.taken.add(path)
        return self.errors.get(path, [])

    def under(self, prefix: str) -> list[str]:
        """Messages for `prefix` and everything inside it not yet shown at a field."""
        out = []
        for path, messages in self.errors.items():
            if path not in self.taken and (path == prefix or path.startswith(prefix + ".")):
                self.taken.add(path)
                out += messages
        return out

    def rest(self) -> list[str]:
        return [m for p, ms in self.errors.items() if p not in self.taken for m in ms]


def marks_from(exc: BadInput) -> Marks:
    marks = Marks()
    for problem in exc.problems or [str(exc)]:
        found = _PROBLEM.match(problem)
        if found is None or found["path"] == "(top level)":
            marks.add("", problem)
            continue
        path = re.sub(r"\[(\d+)\]", r".\1", found["path"])
        marks.add(path, found["msg"])
    return marks


def validate(text: str, name: str) -> tuple[Facts | None, Marks]:
    try:
        return parse(text, name), Marks()
    except BadInput as exc:
        return None, marks_from(exc)


def row_comments(comments: dict[Path_, T]) -> dict[str, dict[str, T]]:
    """Comments grouped by the row (list entry) they belong to — "" is the form itself — keyed by the path
    inside that row, as each row's hidden `__c` (or `__i`) field carries them."""
    out: dict[str, dict[str, T]] = {}
    for path, lines in comments.items():
        cut = max((i + 1 for i, p in enumerate(path) if isinstance(p, int)), default=0)
        out.setdefault(dotted(path[:cut]), {})[dotted(path[cut:])] = lines
    return out


def questions(grouped: dict[str, dict[str, list[str]]], row: str) -> list[str]:
    return [c for lines in grouped.get(row, {}).values() for c in lines if is_question(c)]


def profile_of(data: dict[str, Any]) -> profiles.Profile:
    report = data.get("report")
    wanted = report.get("profile") if isinstance(report, dict) else None
    found = profiles.resolve_id(wanted) if isinstance(wanted, str) else None  # profile: 学校 too
    return profiles.load(found or "property")


def suggestions(data: dict[str, Any], profile: profiles.Profile) -> dict[int, list[dict[str, Any]]]:
    """Per function block: the profile's recommended indicators it has no metric for (shown as empty rows)."""
    out: dict[int, list[dict[str, Any]]] = {}
    functions = data.get("functions")
    for i, fn in enumerate(functions if isinstance(functions, list) else []):
        spec = profile.resolve(str(fn.get("key") or "")) if isinstance(fn, dict) else None
        if spec is None:
            continue
        metrics = fn.get("metrics") if isinstance(fn.get("metrics"), list) else []
        names = [str(m.get("name", "")) for m in metrics if isinstance(m, dict)]
        out[i] = [
            {"name": ind.name, "unit": ind.unit}
            for ind in spec.indicators
            if not any(ind.matches(n) for n in names if n)
        ]
    return out


def lower_by_default(profile: profiles.Profile, key: Any, name: Any) -> bool:
    spec = profile.resolve(str(key)) if key else None
    ind = spec.indicator_for(str(name)) if spec is not None and name else None
    return ind is not None and ind.better == "lower"
