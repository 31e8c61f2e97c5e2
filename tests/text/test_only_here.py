"""Issue 9's grep-level promise: numbers, dates, units and ordinals are read by zongjie.text and nowhere else.

Every string literal in src/zongjie that looks like a regular expression (it has a class, a group or an
escape) and matches a figure-reading form — a digit class, a run of Chinese numerals, a full-width percent
sign — must live under text/. NOT_FIGURES names the files whose digit patterns are about something else
(API keys, file names, form ids), each with its reason. NOT_YET is the work left: a file leaves it when it
reads its figures through text/, and the test fails if a file is listed there but no longer needs to be, so
the list only shrinks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import zongjie

PACKAGE = Path(zongjie.__file__).resolve().parent

_FIGURE_FORM = re.compile(r"\\d|0-9|０-９|[〇零一二两三四五六七八九十百千]{4,}|%\||\|%|％")
_REGEX_SHAPE = re.compile(r"[\\\[|]|\(\?")

NOT_FIGURES: dict[str, str] = {
    "redact.py": "the shapes of API keys and credentials in URLs, not figures",
    "web/folder.py": "a workspace folder name",
    "web/form.py": "form field ids (metrics[3].value) and the browser's ISO date input",
    "facts/source.py": "YAML identifiers",
    "web/facts.py": "backup file names (facts.yaml.bak2)",
    "facts/model.py": "a key made from a name: everything but letters, digits and 汉字 dropped",
}

NOT_YET: frozenset[str] = frozenset({})


def _docstrings(tree: ast.Module) -> set[int]:
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def figure_patterns(path: Path) -> list[tuple[int, str]]:
    """(line, literal) for each regex-shaped string literal in the file that reads a figure form."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            s = node.value
            if _FIGURE_FORM.search(s) and _REGEX_SHAPE.search(s):
                found.append((node.lineno, s))
    return found


def offenders() -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("text/"):
            continue
        if found := figure_patterns(path):
            out[rel] = found
    return out


def test_the_detector_sees_figure_regexes_and_ignores_prose(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A docstring that mentions \\\\d and ％ (ignored)."""\n'
        'A = r"(20\\d{2})年"\n'
        'B = "[一二三四五六七八九十]、"\n'
        'C = "plain words, 50％ of them"\n'
        'D = r"(?:%|％)"\n',
        encoding="utf-8",
    )
    assert [line for line, _ in figure_patterns(sample)] == [2, 3, 5]


def test_figures_are_read_only_in_the_text_layer() -> None:
    found = offenders()
    stray = {
        rel: [f"line {line}: {s[:60]!r}" for line, s in hits]
        for rel, hits in found.items()
        if rel not in NOT_FIGURES and rel not in NOT_YET
    }
    assert not stray, f"read these through zongjie.text instead of a regex of their own: {stray}"


def test_the_lists_only_shrink() -> None:
    found = offenders()
    done = sorted(rel for rel in NOT_YET if rel not in found)
    assert not done, f"these no longer read figures themselves: take them out of NOT_YET: {done}"
    stale = sorted(rel for rel in NOT_FIGURES if rel not in found)
    assert not stale, f"take these out of NOT_FIGURES: {stale}"
