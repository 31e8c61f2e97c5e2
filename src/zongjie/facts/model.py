"""The facts file as pydantic models. Field names are the ones users write in YAML.

Values are read the way users write them, through zongjie.text: "1,326", １３２６, 一千三百二十六, `unit: "％"`,
`value: "98.5%"`, `year: 2025年`, dates in any form (2025/3/15, 2025年7月23日, 7月23日 with the report year),
`previous: 无` (not known). Validation gets a context {"year": report year, "profile": profile id} from
facts.load, so a date without a year and a 职能 named in Chinese can be read."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.files import slug_problem
from zongjie.profiles import Better
from zongjie.text.dates import DateError, check_dates_in, is_numeric_day, parse_date, parse_year
from zongjie.text.numbers import NumberError, parse_number, read_value
from zongjie.text.units import known, spelling, split_unit

ProfileId = str

# Rates that may legitimately exceed 100%.
OPEN_RATES = ("完成率", "增长率", "增长", "增幅", "增速", "超额")


def default_year(today: dt.date) -> int:
    """Summaries are written from November on for the current year, before that for the previous one."""
    return today.year if today.month >= 11 else today.year - 1


class FieldProblem(ValueError):
    """A model-level check that belongs to one field, so the message can name that field's path."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# What people type for "not known" instead of leaving a field out.
UNKNOWN = frozenset(
    [
        "无",
        "暂无",
        "没有",
        "不详",
        "未知",
        "不清楚",
        "空",
        "—",
        "——",
        "-",
        "--",
        "/",
        "n/a",
        "na",
        "none",
        "null",
        "?",
        "？",
    ]
)
# Larger than any figure a 后勤 report states (1000万亿): a slip of the keyboard, and beyond what the derived
# figures can be computed at 28 significant digits.
LIMIT = 1e15


def _context(info: ValidationInfo, key: str) -> Any:
    return (info.context or {}).get(key) if isinstance(info.context, dict) else None


def _figure(v: object) -> object:
    """One figure as typed: a number, or text the text layer reads ("1,326", "１３２６", "一千三百二十六")."""
    if isinstance(v, bool):
        raise ValueError("must be a number, not true/false")
    if isinstance(v, str):
        try:
            v = float(parse_number(v))
        except NumberError as exc:
            raise ValueError(str(exc)) from None
    if isinstance(v, int | float):
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError("must be a finite number")
        if abs(v) >= LIMIT:
            raise ValueError(
                f"{v:g} is too large for a report figure: check the digits (or use a unit such as 万元)"
            )
    return v


def _day(v: object, info: ValidationInfo, *, year_of: str = "year") -> object:
    """A day in any written form; a form without a year takes the report year."""
    if v is None or (isinstance(v, dt.date) and not isinstance(v, dt.datetime)):
        return v
    if isinstance(v, dt.datetime):
        return v.date()
    try:
        return parse_date(str(v), year=_context(info, year_of))
    except DateError as exc:
        raise ValueError(str(exc)) from None


# A unit written into the name, as 台账 headers do: 维修及时率（%）, 用电量(万度).
_NAME_UNIT = re.compile(r"[（(]\s*([^（）()]{1,6}?)\s*[）)]\s*$")


def name_unit(name: str) -> tuple[str, str] | None:
    """(name, unit) for 维修及时率（%） → (维修及时率, %); None when the brackets hold no unit (（含夜间）)."""
    found = _NAME_UNIT.search(name)
    if found is None or not name[: found.start()].strip():
        return None
    unit = spelling(found.group(1))
    return (name[: found.start()].strip(), unit) if unit and known(unit) else None


def _unit_in_name(data: dict[str, Any]) -> None:
    """维修及时率（%） is the metric 维修及时率 in %: without this a rate read as a count gets a 同比 % of a %."""
    name = data.get("name")
    split = name_unit(name) if isinstance(name, str) else None
    if split is None:
        return
    bare, unit = split
    given = data.get("unit")
    if given is None or (isinstance(given, str) and not given.strip()):
        data["unit"] = unit
    elif not isinstance(given, str) or spelling(given) != unit:
        raise FieldProblem(
            "unit",
            f"{given}: the name “{name}” says its unit is {unit}; write one unit (unit: {unit}, or correct the name)",
        )
    data["name"] = bare


class Metric(_Strict):
    name: str = Field(min_length=1, description="指标名称，如 设备巡检、报修响应率")
    value: float = Field(description="本年度数值（数字，单位写在 unit）")
    unit: str = Field(default="", description="单位，如 次、%、万元")
    previous: float | None = Field(default=None, description="上年数值，用于计算同比")
    target: float | None = Field(default=None, description="年度目标值，用于计算完成情况")
    better: Better | None = Field(default=None, description="higher（越高越好，默认）或 lower（越低越好）")
    note: str | None = Field(default=None, description="补充说明")

    @model_validator(mode="before")
    @classmethod
    def _written(cls, data: Any) -> Any:
        """Units in any spelling (％ → %); a figure typed with its unit ("98.5%") gives the unit when `unit`
        is left out; "无"/"—"/"不详" for previous or target means not known."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        _unit_in_name(data)
        if isinstance(data.get("unit"), str):
            data["unit"] = spelling(data["unit"])
        for label in ("value", "previous", "target"):
            v = data.get(label)
            if not isinstance(v, str):
                continue
            if v.strip().lower() in UNKNOWN and label != "value":
                data[label] = None
                continue
            try:
                r = read_value(v)
            except NumberError:
                continue  # the field validator says why
            if r.hedge or r.upper is not None:
                continue  # approximate or a range: the field validator asks for one exact figure
            unit = data["unit"] if isinstance(data.get("unit"), str) else ""
            if r.unit and not unit:
                data["unit"] = unit = r.unit
            if not r.unit:
                data[label] = float(r.value)
                continue
            (written_factor, written_base), (factor, base) = split_unit(r.unit), split_unit(unit)
            if written_base != base:
                continue  # "92.3%" for a metric in 次: the field validator names the clash
            data[label] = float(r.value * written_factor / factor)  # "1.2万元" for a metric in 万元: 1.2
        return data

    @field_validator("value", "previous", "target", mode="before")
    @classmethod
    def _numeric(cls, v: object) -> object:
        if isinstance(v, str) and v.strip().lower() in UNKNOWN:
            raise ValueError("is required: write this year's figure (or delete the metric)")
        return _figure(v)

    @model_validator(mode="after")
    def _plausible(self) -> Metric:
        for label in ("value", "previous", "target"):
            v = getattr(self, label)
            if v is None:
                continue
            if self.is_rate and v > 100 and not any(w in self.name for w in OPEN_RATES):
                raise FieldProblem(label, f"{v:g}%: a rate ({self.name}) cannot exceed 100%")
            if v < 0:
                # 公文 states a loss or a fall in words (亏损, 减少), not with a minus sign; the direction of a
                # change is derived from `previous`.
                raise FieldProblem(
                    label,
                    f"{v:g}{self.unit}: negative values are not accepted — give the size and say the direction "
                    "in the name (e.g. 亏损, 超支), or give last year's value in `previous`",
                )
        return self

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_rate(self) -> bool:
        return self.is_percent and self.name.endswith("率")


class Case(_Strict):
    date: dt.date | None = Field(default=None, description="日期，如 2025-07-12、2025年7月12日、7月12日")
    event: str = Field(min_length=1, description="事件")
    response: str | None = Field(default=None, description="应对措施")
    result: str | None = Field(default=None, description="结果")

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: object, info: ValidationInfo) -> object:
        return _day(v, info)


class Function(_Strict):
    key: str = Field(
        min_length=1,
        description="职能键、档案中的职能名称或别名（如 设施运维、食堂、安保）；自定义职能只写 name",
    )
    name: str | None = Field(default=None, description="职能名称；档案里已有的职能可省略")
    metrics: list[Metric] = Field(default_factory=list)
    work: list[str] = Field(default_factory=list, description="主要工作事项")
    cases: list[Case] = Field(default_factory=list, description="典型案例")

    @field_validator("key")
    @classmethod
    def _key_names_a_file(cls, v: str) -> str:
        # The key becomes part of a section file's name (sections/NN-review-KEY.md): it must stay a name.
        problem = slug_problem(v)
        if problem is not None:
            raise ValueError(
                f"the key {v[:80]!r} {problem}; it names the section file: keep it short "
                "(e.g. baojie or 保洁外包) and put the full name under name:"
            )
        return v

    @model_validator(mode="before")
    @classmethod
    def _named(cls, data: Any, info: ValidationInfo) -> Any:
        """`key: 设施运维` / `key: 食堂` is the profile's 职能 of that name or alias; `name:` alone is a 职能 of
        the user's own (its key derived from the name) or, when it names one of the profile's, that one."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        key, name = data.get("key"), data.get("name")
        if isinstance(name, str) and any(ord(c) < 32 or ord(c) == 127 for c in name):
            raise FieldProblem("name", f"{name!r} holds an invisible control character: retype it")
        spec = None
        try:
            profile = profiles.load(str(_context(info, "profile") or "property"))
        except BadInput:
            profile = None
        # An explicit key is read on its own (a key that is no 职能 stays an error, whatever the name says);
        # the name stands in only when there is no key.
        word = key if key is not None else name
        spec = (
            profile.resolve(word) if profile is not None and isinstance(word, str) and word.strip() else None
        )
        if spec is not None and (key is None or (profile is not None and profile.function(str(key)) is None)):
            data["key"] = spec.key
            if name is None or name == word or (profile is not None and profile.resolve(str(name)) is spec):
                data.pop("name", None)
        elif key is None and isinstance(name, str) and name.strip():
            data["key"] = derived_key(name)
        return data


def derived_key(name: str) -> str:
    """A key for a 职能 of the user's own, from its name: letters, digits and 汉字 only (学生公寓管理)."""
    return re.sub(r"[^0-9A-Za-z\u3400-\u9fff]+", "-", name).strip("-")[:40] or "custom"


class Summary(_Strict):
    notes: list[str] = Field(default_factory=list, description="总体情况")
    metrics: list[Metric] = Field(default_factory=list)


class Highlight(_Strict):
    title: str = Field(min_length=1)
    detail: str | None = None
    metrics: list[Metric] = Field(default_factory=list)


class Team(_Strict):
    notes: list[str] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)


class Problem(_Strict):
    problem: str = Field(min_length=1, description="问题")
    cause: str | None = Field(default=None, description="原因分析")
    measure: str | None = Field(default=None, description="整改措施")


class PlanTarget(_Strict):
    name: str = Field(min_length=1)
    value: float
    unit: str = ""

    @field_validator("value", mode="before")
    @classmethod
    def _numeric(cls, v: object) -> object:
        return _figure(v)

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, v: object) -> object:
        return spelling(v) if isinstance(v, str) else v


class Plan(_Strict):
    goal: str = Field(min_length=1, description="目标")
    target: PlanTarget | None = Field(default=None, description="可衡量的目标值")
    actions: list[str] = Field(default_factory=list, description="具体措施")
    deadline: dt.date | str | None = Field(default=None, description="完成时限，如 2026-06-30 或 2026年6月底")
    owner: str | None = Field(default=None, description="责任人")

    @field_validator("deadline", mode="before")
    @classmethod
    def _deadline(cls, v: object, info: ValidationInfo) -> object:
        """A day in numeric form (2026/6/30) becomes a date, printed in 公文 form; a written deadline
        (2026年6月底, 第三季度末, 下学期开学前) stays as written, but any date in it must exist."""
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, int):
            v = str(v)
        if not isinstance(v, str):
            return v
        year = _context(info, "year")
        plan_year = year + 1 if isinstance(year, int) else None
        try:
            if is_numeric_day(v):
                return parse_date(v, year=plan_year)
            check_dates_in(v, year=plan_year)
        except DateError as exc:
            raise ValueError(str(exc)) from None
        return v


class Report(_Strict):
    organization: str = Field(min_length=1, description="单位/项目名称")
    department: str = Field(min_length=1, description="部门")
    profile: ProfileId = Field(default="property", description="property | school | hospital | enterprise")
    year: int = Field(ge=2000, le=2100, description="总结年度")
    title: str | None = Field(default=None, description="默认：{organization}{department}{year}年度工作总结")
    author: str | None = Field(default=None, description="落款")
    date: dt.date | None = Field(default=None, description="成文日期")

    @field_validator("profile", mode="before")
    @classmethod
    def _profile(cls, v: object) -> object:
        """`profile: 学校` is the school profile, as `key: 食堂` is a 职能; an unknown one is said later."""
        return (profiles.resolve_id(v) or v) if isinstance(v, str) else v

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, v: object) -> object:
        if isinstance(v, str):
            try:
                return parse_year(v)
            except DateError as exc:
                raise ValueError(str(exc)) from None
        return v

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: object, info: ValidationInfo) -> object:
        return _day(v, info)

    @property
    def display_title(self) -> str:
        return self.title or f"{self.organization}{self.department}{self.year}年度工作总结"


class Facts(_Strict):
    report: Report
    summary: Summary = Field(default_factory=Summary)
    functions: list[Function] = Field(default_factory=list)
    highlights: list[Highlight] = Field(default_factory=list)
    team: Team = Field(default_factory=Team)
    problems: list[Problem] = Field(default_factory=list)
    lessons: list[str] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    # Last year's plans carried into this year (`init --from`): code checks each measurable one against this
    # year's metric of the same name, so the review can say 完成 / 未完成 without anyone typing the verdict.
    commitments: list[Plan] = Field(default_factory=list, description="上年计划（本年应兑现的承诺）")
