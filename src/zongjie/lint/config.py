"""Lint settings: the `[lint]` table of zongjie.toml (disable = [...], long_sentence = 120).

This module knows nothing of the rules (they import it for LintConfig): `lint.api.read_config` reads the file
and checks the rule ids against the registry, so there is no config ↔ rules import cycle."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from zongjie.errors import BadInput
from zongjie.files import read_text

DEFAULT_LONG_SENTENCE = 120


@dataclass(frozen=True)
class LintConfig:
    disable: frozenset[str] = frozenset()
    long_sentence: int = DEFAULT_LONG_SENTENCE
    # Strict: for text a model wrote, which has no reason of its own to name other years or to leave a figure
    # out. A year is right only if it is the report's, next year's in a plan, last year's in a comparison, or
    # one the facts give; a review section (preface, 职能, team, highlights) states every metric it was given,
    # and a hedged figure (约1250次) does not count as stating 1248次.
    strict: bool = False

    def without(self, rules: set[str] | frozenset[str]) -> LintConfig:
        return replace(self, disable=self.disable | frozenset(rules))


def parse_config(path: Path | None = None) -> LintConfig:
    """Read `[lint]` from zongjie.toml (the current directory by default); a missing file is no config.
    Rule ids are not checked here (see lint.api.read_config)."""
    path = path or Path("zongjie.toml")
    if not path.is_file():
        return LintConfig()
    try:
        data = tomllib.loads(read_text(path, "config file"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: not valid TOML: {exc}") from exc
    table = data.get("lint", {})
    if not isinstance(table, dict):
        raise BadInput(f"{path}: [lint] must be a table")
    disable = table.get("disable", [])
    length = table.get("long_sentence", DEFAULT_LONG_SENTENCE)
    if not isinstance(disable, list) or not all(isinstance(x, str) for x in disable):
        raise BadInput(f"{path}: lint.disable must be a list of rule ids")
    if not isinstance(length, int) or isinstance(length, bool) or length < 10:
        raise BadInput(f"{path}: lint.long_sentence must be an integer ≥ 10")
    return LintConfig(frozenset(disable), length)
