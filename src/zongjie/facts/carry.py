"""`zongjie init --from last-year.yaml`: starts the next year's facts file from last year's.

What carries over is structure, never last year's prose: every metric keeps its name, unit, 职能 and
direction, last year's value becomes `previous` and `value` is left empty for the user; last year's plans
become this year's `commitments`, which code later checks against this year's figures (facts/commitments.py).
Texts that described last year (work, cases, notes, highlights, lessons) are dropped; last year's problems
are listed as comments, because whether they were fixed is this year's news."""

from __future__ import annotations

from typing import Any

import yaml

from zongjie import profiles
from zongjie.facts.model import Facts, Metric, Plan

_WIDE = 10**6


def scalar(value: Any) -> str:
    """One YAML scalar in flow style: 次 stays 次, "%" is quoted, 2026-06-30 stays a date."""
    return (
        yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=_WIDE)
        .removesuffix("\n...\n")
        .rstrip("\n")
    )


def _num(value: float) -> int | float:
    """412.0 is written 412: the file is for people."""
    return int(value) if float(value).is_integer() else value


def _flow(pairs: list[tuple[str, Any]]) -> str:
    """A flow mapping where None is written as an empty value (`value: ,`) for the user to fill in."""
    parts = [f"{k}: {'' if v is None else scalar(v)}" for k, v in pairs]
    return "{" + ", ".join(parts) + "}"


def _metric(m: Metric) -> str:
    pairs: list[tuple[str, Any]] = [
        ("name", m.name),
        ("value", None),
        ("unit", m.unit),
        ("previous", None if m.value is None else _num(m.value)),
    ]
    if m.better is not None:
        pairs.append(("better", m.better))
    return "- " + _flow(pairs)


def _metrics(metrics: list[Metric], indent: str) -> list[str]:
    if not metrics:
        return [f"{indent}metrics: []"]
    out = [f"{indent}metrics:"]
    for m in metrics:
        if m.note:
            out.append(f"{indent}  # 上年备注：{' '.join(m.note.split())}")
        out.append(f"{indent}  {_metric(m)}")
    return out


def _plan(plan: Plan, indent: str) -> list[str]:
    data = plan.model_dump(exclude_none=True, exclude_defaults=True)
    if "target" in data:
        data["target"]["value"] = _num(data["target"]["value"])
    body = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=_WIDE).rstrip("\n")
    return [f"{indent}{line}" for line in body.splitlines()]


def _placeholders(facts: Facts) -> dict[str, list[tuple[Plan, str]]]:
    """For each measurable commitment with no metric of its name yet, where to ask for this year's figure:
    the 职能 whose keywords the plan mentions, else the summary. Keyed by function key or "summary"."""
    profile = profiles.load(facts.report.profile)
    names = {m.name for fn in facts.functions for m in fn.metrics}
    names |= {m.name for m in (*facts.summary.metrics, *facts.team.metrics)}
    present = [fn.key for fn in facts.functions]
    out: dict[str, list[tuple[Plan, str]]] = {}
    for plan in facts.plans:
        if plan.target is None or plan.target.name in names:
            continue
        text = f"{plan.goal} {plan.target.name}"
        where = next(
            (
                s.key
                for s in profile.functions
                if s.key in present and any(w in text for w in (s.name, *s.aliases, *s.keywords))
            ),
            "summary",
        )
        out.setdefault(where, []).append((plan, plan.target.name))
        names.add(plan.target.name)
    return out


def _asks(items: list[tuple[Plan, str]], indent: str) -> list[str]:
    out = []
    for plan, name in items:
        assert plan.target is not None
        out.append(f"{indent}  # 上年计划“{plan.goal}”的目标：填写本年实际数，程序据此核对是否完成")
        out.append(f"{indent}  - " + _flow([("name", name), ("value", None), ("unit", plan.target.unit)]))
    return out


def _with_asks(metrics: list[Metric], asks: list[tuple[Plan, str]], indent: str) -> list[str]:
    lines = _metrics(metrics, indent)
    if not asks:
        return lines
    if not metrics:
        lines = [f"{indent}metrics:"]
    return lines + _asks(asks, indent)


def carry_forward(facts: Facts, source: str) -> str:
    """The next year's facts file as YAML text, with comments saying what to fill in."""
    old = facts.report
    year = old.year + 1
    asks = _placeholders(facts)
    report: dict[str, Any] = {
        "organization": old.organization,
        "department": old.department,
        "profile": old.profile,
        "year": year,
    }
    if old.title:
        report["title"] = old.title.replace(str(old.year), str(year))
    if old.author:
        report["author"] = old.author
    out = [
        f"# 由 zongjie init --from {source} 生成：{old.year}年的事实文件结转到{year}年。",
        "# 每个指标保留名称、单位和职能，上年数值已移到 previous；请在 value 处填写本年数值，没有的指标整行删除。",
        f"# commitments 是{old.year}年总结里的计划：起草时程序会对照本年同名指标核对完成 / 未完成。",
        "",
        "report:",
        *(f"  {k}: {scalar(v)}" for k, v in report.items()),
        "",
        "summary:",
        "  notes: []",
        *_with_asks(facts.summary.metrics, asks.get("summary", []), "  "),
        "",
    ]
    if facts.functions:
        out.append("functions:")
        for fn in facts.functions:
            spec = profiles.load(old.profile).function(fn.key)
            out.append(f"  - key: {fn.key}" + (f"   # {spec.name}" if spec else ""))
            if fn.name:
                out.append(f"    name: {scalar(fn.name)}")
            out += _with_asks(fn.metrics, asks.get(fn.key, []), "    ")
            out += ["    work: []", "    cases: []"]
        out.append("")
    out += ["highlights: []", "team:", "  notes: []", *_metrics(facts.team.metrics, "  "), ""]
    if facts.problems:
        out.append(f"# {old.year}年总结提出的问题（本年整改情况请写进相应职能的 work 或 problems）：")
        out += [f"#   - {' '.join(p.problem.split())}" for p in facts.problems]
    out += ["problems: []", "lessons: []", f"plans: []   # {year + 1}年计划", ""]
    if facts.plans:
        out.append(f"commitments:   # {old.year}年总结中的{year}年计划")
        for plan in facts.plans:
            out += _plan(plan, "  ")
    else:
        out.append("commitments: []")
    return "\n".join(out) + "\n"
