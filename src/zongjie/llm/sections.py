"""Output schemas, one per section kind, and how code renders a validated object to the section's Markdown
body. The model writes prose into fields; numbering, labels and layout are done here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Blank = Annotated[str, StringConstraints(strip_whitespace=True)]
_END = "。；;，,.：: "


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Preface(_Out):
    paragraphs: list[Text] = Field(min_length=1, max_length=3, description="正文段落")
    EXAMPLE: ClassVar[dict[str, Any]] = {"paragraphs": ["……（第一段）", "……（第二段）"]}


class Closing(_Out):
    paragraphs: list[Text] = Field(min_length=1, max_length=2, description="正文段落")
    EXAMPLE: ClassVar[dict[str, Any]] = {"paragraphs": ["……"]}


class Prose(_Out):
    """A function subsection, the team section, the lessons section."""

    paragraphs: list[Text] = Field(min_length=1, max_length=6, description="正文段落")
    fact_ids: list[str] = Field(description="用到的事实编号")
    EXAMPLE: ClassVar[dict[str, Any]] = {
        "paragraphs": ["……（概述与核心指标）", "……（重点工作与案例）"],
        "fact_ids": ["functions[0].metrics[0]", "functions[0].work[0]"],
    }


class HighlightItem(_Out):
    fact_id: str = Field(description="亮点编号，如 highlights[0]")
    title: Text = Field(description="亮点名称")
    text: Text = Field(description="做法与成效")


class Highlights(_Out):
    items: list[HighlightItem] = Field(min_length=1)
    EXAMPLE: ClassVar[dict[str, Any]] = {"items": [{"fact_id": "highlights[0]", "title": "……", "text": "……"}]}


class ProblemItem(_Out):
    fact_id: str = Field(description="问题编号，如 problems[0]")
    problem: Text = Field(description="问题")
    cause: Blank = Field(description="原因分析；资料未提供时为空字符串")
    measure: Blank = Field(description="整改措施；资料未提供时为空字符串")


class Problems(_Out):
    items: list[ProblemItem] = Field(min_length=1)
    EXAMPLE: ClassVar[dict[str, Any]] = {
        "items": [{"fact_id": "problems[0]", "problem": "……", "cause": "……", "measure": "……"}]
    }


class PlanItem(_Out):
    fact_id: str = Field(description="计划编号，如 plans[0]")
    goal: Text = Field(description="目标（不含时限和责任人）")
    measures: list[Text] = Field(min_length=1, description="具体措施")
    target: Blank = Field(description="目标值原文，未提供时为空字符串")
    deadline: Blank = Field(description="完成时限原文，未提供时为空字符串")
    owner: Blank = Field(description="责任人原文，未提供时为空字符串")


class Plans(_Out):
    items: list[PlanItem] = Field(min_length=1)
    EXAMPLE: ClassVar[dict[str, Any]] = {
        "items": [
            {
                "fact_id": "plans[0]",
                "goal": "……",
                "measures": ["……", "……"],
                "target": "……",
                "deadline": "……",
                "owner": "……",
            }
        ]
    }


def sentence(text: str) -> str:
    """One sentence ending in 。 (whatever punctuation the model ended it with)."""
    return text.strip().rstrip(_END) + "。"


def _paragraphs(value: BaseModel) -> str:
    paras: list[str] = getattr(value, "paragraphs")  # noqa: B009 - shared by several schemas
    return "\n\n".join(p.strip() for p in paras)


def _highlights(value: BaseModel) -> str:
    assert isinstance(value, Highlights)
    return "\n\n".join(f"**{sentence(i.title)}**{sentence(i.text)}" for i in value.items)


def _problems(value: BaseModel) -> str:
    assert isinstance(value, Problems)
    # An empty cause or measure (the facts gave none) is left out, never filled: the linter flags the gap.
    return "\n\n".join(
        f"{n}. {sentence(i.problem)}"
        + (f"原因：{sentence(i.cause)}" if i.cause else "")
        + (f"措施：{sentence(i.measure)}" if i.measure else "")
        for n, i in enumerate(value.items, 1)
    )


def _plans(value: BaseModel) -> str:
    assert isinstance(value, Plans)
    out = []
    for n, i in enumerate(value.items, 1):
        parts = [sentence(i.goal), sentence("；".join(m.strip().rstrip(_END) for m in i.measures))]
        if i.target:
            parts.append(f"目标值：{sentence(i.target)}")
        tail = "，".join(
            x
            for x in (
                f"完成时限：{i.deadline}" if i.deadline else "",
                f"责任人：{i.owner}" if i.owner else "",
            )
            if x
        )
        if tail:
            parts.append(sentence(tail))
        out.append(f"{n}. " + "".join(parts))
    return "\n\n".join(out)


@dataclass(frozen=True)
class Spec:
    prompt: str
    schema: type[BaseModel]
    render: Callable[[BaseModel], str]


SPECS: dict[str, Spec] = {
    "preface": Spec("preface", Preface, _paragraphs),
    "function": Spec("function", Prose, _paragraphs),
    "highlights": Spec("highlights", Highlights, _highlights),
    "team": Spec("team", Prose, _paragraphs),
    "problems": Spec("problems", Problems, _problems),
    "lessons": Spec("lessons", Prose, _paragraphs),
    "plans": Spec("plans", Plans, _plans),
    "closing": Spec("closing", Closing, _paragraphs),
}


def fact_ids(value: BaseModel) -> list[str]:
    if isinstance(value, Prose):
        return list(dict.fromkeys(value.fact_ids))
    items = getattr(value, "items", None)
    return [i.fact_id for i in items] if items else []


def texts(value: BaseModel) -> list[str]:
    """Every prose field of the object (ids excluded), for the checks."""
    out: list[str] = []

    def walk(v: Any, name: str = "") -> None:
        if isinstance(v, BaseModel):
            for k in type(v).model_fields:
                walk(getattr(v, k), k)
        elif isinstance(v, list):
            for x in v:
                walk(x, name)
        elif isinstance(v, str) and name not in ("fact_id", "fact_ids"):
            out.append(v)

    walk(value)
    return out
