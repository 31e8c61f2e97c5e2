"""Profiles (物业/学校/医院/企业): data files naming the 职能 and the indicators each should report."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from zongjie.errors import BadInput

# Whether a higher or a lower figure is the better one (故障, 损耗率, 用电量 are lower-is-better).
Better = Literal["higher", "lower"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Indicator(_Strict):
    name: str
    unit: str = ""
    better: Better = "higher"
    aliases: list[str] = Field(default_factory=list)

    def matches(self, metric_name: str) -> bool:
        names = [self.name, *self.aliases]
        return any(n in metric_name or metric_name in n for n in names)


class FunctionSpec(_Strict):
    key: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)

    def indicator_for(self, metric_name: str) -> Indicator | None:
        return next((i for i in self.indicators if i.matches(metric_name)), None)


class Profile(_Strict):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)  # 学校, 医院, 物业, 公司: a profile named in Chinese
    department: str
    served: str = "服务对象"
    emphasis: list[str] = Field(default_factory=list)
    functions: list[FunctionSpec]

    def function(self, key: str) -> FunctionSpec | None:
        return next((f for f in self.functions if f.key == key), None)

    def resolve(self, word: str) -> FunctionSpec | None:
        """The 职能 a user means by `word`: its key, its Chinese name or one of its aliases (食堂, 安保, 维修)."""
        word = word.strip()
        return self.function(word) or next(
            (f for f in self.functions if word == f.name or word in f.aliases), None
        )

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.functions]


def available() -> list[str]:
    root = resources.files(__package__)
    return sorted(p.name.removesuffix(".yaml") for p in root.iterdir() if p.name.endswith(".yaml"))


def resolve_id(word: str) -> str | None:
    """The profile id a user means: its id (school), its name (学校后勤) or an alias (学校, 中学)."""
    word = word.strip()
    known = available()
    if word.lower() in known:
        return word.lower()
    return next((pid for pid in known if word == (p := _read(pid)).name or word in p.aliases), None)


@cache
def _read(profile_id: str) -> Profile:
    text = resources.files(__package__).joinpath(f"{profile_id}.yaml").read_text(encoding="utf-8")
    return Profile.model_validate(yaml.safe_load(text))


@cache
def load(profile_id: str) -> Profile:
    """Loads a shipped profile by id, Chinese name or alias; an unknown one is BadInput naming the known ones."""
    found = resolve_id(profile_id)
    if found is None:
        names = ", ".join(f"{pid} ({_read(pid).name})" for pid in available())
        raise BadInput(f"unknown profile {profile_id!r}; known: {names}")
    return _read(found)
