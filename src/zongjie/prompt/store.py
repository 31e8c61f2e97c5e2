"""Loading and rendering prompt files."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zongjie.errors import ZongjieError

if TYPE_CHECKING:
    import jinja2

SUFFIX = ".md"
_VERSION = re.compile(r"\A\{#\s*version:\s*([\w.\-]+)\s*#\}")


class PromptError(ZongjieError):
    """A prompt file is missing, has no version line, or uses a variable it was not given."""

    exit_code = 2


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    path: Path

    @property
    def tag(self) -> str:
        """name@version, as recorded in report.json."""
        return f"{self.name}@{self.version}"


def prompts_dir() -> Path:
    """ZONGJIE_PROMPTS_DIR, else the wheel's zongjie/_data/prompts, else the checkout's <repo>/prompts."""
    override = os.environ.get("ZONGJIE_PROMPTS_DIR")
    if override:
        return Path(override)
    from zongjie.resources import data_dir

    try:
        return data_dir("prompts")
    except FileNotFoundError as exc:
        raise PromptError(str(exc)) from None


def data_block(tag: str, value: Any) -> str:
    """User-supplied text as delimited data. Angle brackets are replaced by full-width ones so the text can
    neither close the block nor open a fake one."""
    if isinstance(value, list | tuple):
        text = "\n".join(f"- {v}" for v in value)
    else:
        text = "" if value is None else str(value)
    text = text.replace("<", "＜").replace(">", "＞")
    return f"<{tag}>\n{text}\n</{tag}>"


@lru_cache(maxsize=4)
def _environment(root: str) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["data"] = data_block
    return env


def load(name: str) -> Prompt:
    return _load(prompts_dir() / f"{name}{SUFFIX}", name)


@lru_cache(maxsize=64)
def _load(path: Path, name: str) -> Prompt:
    if not path.is_file():
        raise PromptError(f"prompt file missing: {path}")
    with path.open(encoding="utf-8") as fh:
        first = fh.readline()
    m = _VERSION.match(first)
    if m is None:
        raise PromptError(f"{path}: the first line must be a version comment like {{# version: 1 #}}")
    return Prompt(name=name, version=m.group(1), path=path)


def render(name: str, variables: dict[str, Any]) -> str:
    import jinja2

    load(name)  # checks the version line
    env = _environment(str(prompts_dir()))
    try:
        return env.get_template(f"{name}{SUFFIX}").render(**variables).strip()
    except jinja2.UndefinedError as exc:
        raise PromptError(f"prompt {name}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise PromptError(f"prompt {name}: {exc}") from None
