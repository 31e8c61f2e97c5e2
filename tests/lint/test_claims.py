"""Claims checked against the facts beyond single numbers: targets said met or missed, praise and records
the facts do not give, and figures written in another metric's clause."""

from __future__ import annotations

from zongjie.facts.load import parse
from zongjie.facts.model import Facts
from zongjie.finding import Finding
from zongjie.lint.api import lint_markdown, lint_section
from zongjie.plan.build import build_plan

FACTS = """
report: {organization: 城东医院, department: 后勤保障部, profile: hospital, year: 2025}
summary:
  notes: [后勤保障部负责全院设备、膳食和能源管理]
  metrics:
    - {name: 职工满意度, value: 93.6, unit: "%", previous: 91.0}
functions:
  - key: facilities
    name: 设备维修
    metrics:
      - {name: 报修工单, value: 1520, unit: 件, previous: 1630, better: lower}
      - {name: 维修及时率, value: 100, unit: "%", previous: 100}
      - {name: 安全事故, value: 0, unit: 起, previous: 1}
  - key: catering
    name: 膳食服务
    metrics:
      - {name: 就餐满意度, value: 85.5, unit: "%", previous: 84.1, target: 90}
      - {name: 餐厨垃圾量, value: 41.2, unit: 吨, previous: 48.5, better: lower}
      - {name: 供餐, value: 1000, unit: 万人次, target: 1200}
  - key: energy
    name: 节能管理
    metrics:
      - {name: 光伏发电量, value: 12.5, unit: 万度, previous: 0}
      - {name: 节约能源费用, value: 21.7, unit: 万元, target: 20}
plans:
  - goal: 维修及时率保持100%
    target: {name: 维修及时率, value: 100, unit: "%"}
    actions: [推行超时工单自动升级]
    deadline: 2026年6月底
    owner: 设备科科长刘强
"""


def _facts(extra: str = "") -> Facts:
    return parse(FACTS + extra, "facts.yaml")


def _found(
    rule: str, body: str, facts: Facts | None = None, heading: str = "### （二）膳食服务"
) -> list[Finding]:
    text = f"# 城东医院后勤保障部2025年度工作总结\n\n## 一、主要工作回顾与成果\n\n{heading}\n\n{body}\n"
    return [f for f in lint_markdown(text, facts if facts is not None else _facts()) if f.rule == rule]


# --- target-mismatch ------------------------------------------------------------------------------------


def test_a_missed_target_said_to_be_met_is_an_error() -> None:
    found = _found("target-mismatch", "就餐满意度为85.5%，较上年提高1.4个百分点，基本完成年度目标（90%）。")
    assert [f.severity for f in found] == ["error"]
    assert "距年度目标（90%）尚差4.5个百分点" in found[0].message


def test_met_claims_of_every_wording_are_checked() -> None:
    for claim in ("完成年度目标", "达到年度目标", "实现了全年目标", "超额完成目标", "优于年度目标"):
        assert _found("target-mismatch", f"就餐满意度85.5%，{claim}。"), claim


def test_a_met_target_said_to_be_missed_is_an_error() -> None:
    found = _found("target-mismatch", "节约能源费用21.7万元，未完成年度目标。", heading="### （三）节能管理")
    assert found and "21.7万元" in found[0].message
    assert _found("target-mismatch", "节约能源费用21.7万元，尚差1.7万元。", heading="### （三）节能管理")


def test_true_target_statements_pass() -> None:
    ok = [
        "就餐满意度85.5%，距年度目标（90%）尚差4.5个百分点，未达到年度目标。",
        "供餐1000万人次，完成年度目标（1200万人次）的83.3%。",
        "节约能源费用21.7万元，超额完成年度目标。",
    ]
    for body in ok:
        assert not _found("target-mismatch", body), body


def test_the_figure_alone_points_to_the_metric() -> None:
    # No name in the sentence: 85.5% is only 就餐满意度's figure.
    assert _found("target-mismatch", "全年满意率为85.5%，完成年度目标。")


def test_target_mismatch_runs_on_one_section_too() -> None:
    task = next(t for t in build_plan(_facts()) if t.id == "review-catering")
    found = lint_section(task, "就餐满意度为85.5%，基本完成年度目标（90%）。")
    assert [f.rule for f in found if f.is_error] == ["target-mismatch"]


# --- unsupported-claim ----------------------------------------------------------------------------------

CLAIMS = [
    "后勤保障能力显著增强，赢得了全院职工的一致好评。",
    "保障工作得到院领导充分肯定。",
    "光伏发电量12.5万度，创历史新高。",
    "全年未发生火灾责任事故。",
    "全年实现零投诉。",
    "食堂首次引入第三方检测。",
]


def test_praise_records_and_zero_claims_without_facts_support_are_errors() -> None:
    for body in CLAIMS:
        found = _found("unsupported-claim", body)
        assert [f.severity for f in found] == ["error"], body


def test_without_facts_they_are_warnings() -> None:
    for body in CLAIMS:
        text = f"# 城东医院2025年度工作总结\n\n## 一、主要工作回顾与成果\n\n{body}\n"
        found = [f for f in lint_markdown(text) if f.rule == "unsupported-claim"]
        assert [f.severity for f in found] == ["warning"], body


def test_claims_the_facts_back_pass() -> None:
    extra = "highlights:\n  - {title: 床旁点餐, detail: 患者床旁扫码点餐，得到病区好评}\n"
    facts = _facts(extra)
    backed = [
        "全年未发生安全事故。",  # 安全事故 0起
        "全年未发生安全责任事故。",  # a narrower class of 安全事故
        "床旁点餐得到病区一致好评。",  # a fact says 好评
        "职工满意度明显提升。",  # 职工满意度 rose
    ]
    for body in backed:
        assert not _found("unsupported-claim", body, facts), body
    assert _found("unsupported-claim", "就餐满意度明显提升，全年实现零事故。", facts)


def test_an_aim_in_the_facts_does_not_back_a_result() -> None:
    facts = _facts("lessons: [全年围绕“零投诉”的目标开展工作]\n")
    assert _found("unsupported-claim", "全年实现零投诉。", facts)
    assert not _found("unsupported-claim", "全年围绕“零投诉”的目标开展工作。", facts)


def test_plans_and_resolves_are_not_claims() -> None:
    assert not _found("unsupported-claim", "2026年力争实现零投诉。")
    text = "# 城东医院2025年度工作总结\n\n## 一、下一年度工作计划\n\n1. 实现零投诉，争取业主好评。\n"
    assert not [f for f in lint_markdown(text, _facts()) if f.rule == "unsupported-claim"]


def test_vague_claim_knows_praise_words() -> None:
    for body in ("后勤保障能力显著增强。", "得到一致好评。", "得到院领导充分肯定。", "工作取得长足进步。"):
        assert _found("vague-claim", body), body
    assert not _found("vague-claim", "就餐满意度85.5%，较上年提高1.4个百分点，得到病区一致好评。")


# --- a metric's clause holds only its own figures (number-mismatch) -------------------------------------


def test_another_metrics_change_in_a_metrics_clause() -> None:
    facilities = "### （一）设备维修"
    # 6.7% is 报修工单's 同比; 15.1% is 餐厨垃圾量's; 维修及时率 was flat; 光伏发电量 had no previous year.
    cases = [
        ("餐厨垃圾量41.2吨，同比下降6.7%。", "### （二）膳食服务", "6.7%"),
        ("报修工单1520件，同比下降15.1%。", facilities, "15.1%"),
        ("维修及时率100%，较上年提高1.4个百分点。", facilities, "1.4个百分点"),
        ("光伏发电量12.5万度，同比增长100%。", "### （三）节能管理", "100%"),
    ]
    for body, heading, raw in cases:
        found = _found("number-mismatch", body, heading=heading)
        assert [f.excerpt for f in found] == [raw], (body, found)


def test_own_figures_across_the_clause_pass() -> None:
    ok = [
        ("报修工单1520件（上年1630件），较上年减少110件，同比下降6.7%。", "### （一）设备维修"),
        ("餐厨垃圾量41.2吨，同比下降15.1%；报修工单同比下降6.7%。", "### （二）膳食服务"),
        ("维修及时率100%，与上年持平。", "### （一）设备维修"),
        ("就餐满意度、维修及时率分别为85.5%、100%。", "### （二）膳食服务"),
    ]
    for body, heading in ok:
        assert not _found("number-mismatch", body, heading=heading), body


def test_plans_are_left_to_the_plan_rules() -> None:
    text = (
        "# 城东医院后勤保障部2025年度工作总结\n\n## 一、下一年度工作计划\n\n"
        "1. 维修及时率保持100%，推行超时工单自动升级，2026年6月底前完成，责任人为设备科科长刘强。\n"
    )
    assert not [f for f in lint_markdown(text, _facts()) if f.rule == "number-mismatch"]
