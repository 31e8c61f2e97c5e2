"""lint_section / lint_markdown behaviour, disable comments, zongjie.toml, and the `zongjie lint` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.lint.conftest import ROOT, fixture_facts

from cli_helpers import run_cli
from zongjie.errors import BadInput
from zongjie.finding import Finding
from zongjie.lint.api import exit_code, lint_markdown, lint_section, read_config
from zongjie.lint.config import LintConfig
from zongjie.plan.build import build_plan
from zongjie.punctuation import fix_text

CORPUS = Path(__file__).parent / "corpus"
FACTS = ROOT / "fixtures" / "property-full.yaml"


def task(task_id: str):
    return next(t for t in build_plan(fixture_facts()) if t.id == task_id)


def rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_section_checks_its_own_numbers_only():
    t = task("review-energy")
    body = "全年用电量312万度，同比下降6.8%；用水量18.4万吨，同比下降4.2%；节约能源费用21.7万元。"
    assert lint_section(t, body) == []
    # 1248次 is a fact of another section: this section was not given it.
    found = lint_section(t, body + "设备巡检1248次。")
    assert rules(found) == ["number-mismatch"] and found[0].section == "review-energy"


def test_section_never_reports_missing_sections_or_other_sections_facts():
    found = lint_section(task("review-energy"), "全年用电量312万度，用水量18.4万吨，节约能源费用21.7万元。")
    assert "missing-section" not in rules(found)
    assert all(f.section == "review-energy" for f in found)


def test_section_reports_small_model_failures():
    t = task("review-facilities")
    body = (
        "2023年12月，后勤科对设备进行了全面检查。共巡检1248次（上年1102次），保养326项。\n\n"
        "此次检查显著降低了设备的维护成本。"
    )
    found = rules(lint_section(t, body))
    assert "year-mismatch" in found and "vague-claim" in found


def test_plans_section_with_changed_owner_and_deadline():
    body = "1. 设备完好率提升至99.5%，2026年10月1日前完成，责任人为物业后勤科。"
    found = [f for f in lint_section(task("plans"), body) if f.rule == "plan-fact-mismatch"]
    assert len(found) == 2 and {f.suggestion for f in found} == {"工程主管李明", "2026年6月底"}


def test_disabled_rules_and_config():
    body = "全年取得了一定成绩。"
    t = task("closing")
    assert rules(lint_section(t, body)) == ["vague-claim"]
    assert lint_section(t, body, disable=["vague-claim"]) == []
    assert lint_section(t, body, config=LintConfig(frozenset({"vague-claim"}))) == []


def test_disable_comment_covers_one_paragraph_only():
    text = (CORPUS / "21-disable-comments.md").read_text(encoding="utf-8")
    found = lint_markdown(text)
    assert [(f.rule, f.line) for f in found] == [("vague-claim", 10)]
    assert len(lint_markdown(text.replace("<!-- zongjie-disable vague-claim -->\n", ""))) == 2


def test_exit_code():
    warn = Finding(rule="vague-claim", severity="warning", message="m")
    err = Finding(rule="placeholder", severity="error", message="m")
    assert exit_code([]) == 0 and exit_code([warn]) == 0 and exit_code([warn, err]) == 1


def test_sections_found_by_loose_headings():
    text = (
        "# 甲单位2025年度工作总结\n\n前言内容，员工12人。\n\n## 一、2025年工作完成情况\n\n完成巡检12次。\n\n"
        "## 二、存在的问题\n\n1. 人手偏少。原因是编制不足。下一步申请增编。\n\n## 三、2026年工作计划\n\n"
        "1. 巡检提升至20次，2026年6月底前完成，责任人为科长李华。\n\n## 四、结束语\n\n谢谢。\n"
    )
    assert lint_markdown(text) == []
    swapped = text.replace("三、2026年工作计划", "三、明年工作打算")
    assert lint_markdown(swapped) == []


def test_read_config(tmp_path):
    path = tmp_path / "zongjie.toml"
    assert read_config(path) == LintConfig()
    path.write_text('[lint]\ndisable = ["ai-cliche"]\nlong_sentence = 80\n', encoding="utf-8")
    assert read_config(path) == LintConfig(frozenset({"ai-cliche"}), 80)
    path.write_text('[lint]\ndisable = ["no-such-rule"]\n', encoding="utf-8")
    with pytest.raises(BadInput):
        read_config(path)
    path.write_text("[lint\n", encoding="utf-8")
    with pytest.raises(BadInput):
        read_config(path)


def test_long_sentence_limit_is_configurable():
    body = "全年完成设备巡检1248次，" * 5 + "保障设备运行。"
    t = task("review-facilities")
    assert "long-sentence" not in rules(lint_section(t, body))
    assert "long-sentence" in rules(lint_section(t, body, config=LintConfig(long_sentence=40)))


def test_fix_text():
    assert fix_text("2025年,完成巡检 860 次(含夜间1次).") == "2025年，完成巡检860次（含夜间1次）。"
    assert fix_text('推行"楼长制"...等') == "推行“楼长制”等"
    assert fix_text("```\na, b\n```") == "```\na, b\n```"
    # A half-width comma after a percent sign, then a space, before 汉字.
    assert fix_text("节能率5.4%, 节约电费2万元.") == "节能率5.4%，节约电费2万元。"
    assert fix_text("完成巡检1248次 , 保养326项") == "完成巡检1248次，保养326项"


def test_cli_disable_repeated_and_comma_separated(capsys):
    draft = str(CORPUS / "06-plans-not-smart.md")
    _, out, _ = run_cli(capsys, "lint", draft, "--format", "json")
    assert {"vague-claim", "plan-without-owner", "unsupported-claim"} <= {d["rule"] for d in json.loads(out)}
    for args in (
        ["--disable", "vague-claim", "--disable", "plan-without-owner"],
        ["--disable", "vague-claim,plan-without-owner"],
        ["--disable", "vague-claim, plan-without-owner", "--disable", "unsupported-claim"],
    ):
        _, out, _ = run_cli(capsys, "lint", draft, "--format", "json", *args)
        rules = {d["rule"] for d in json.loads(out)}
        assert not rules & {"vague-claim", "plan-without-owner"}, args
        assert "plan-without-deadline" in rules
    assert run_cli(capsys, "lint", draft, "--disable", "vague-claim", "--disable", "nope")[0] == 2


def test_cli_json_and_exit_codes(capsys, tmp_path):
    draft = CORPUS / "05-plans-changed.md"
    code, out, _ = run_cli(capsys, "lint", str(draft), "--facts", str(FACTS), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert set(data[0]) == {
        "rule",
        "severity",
        "section",
        "line",
        "column",
        "message",
        "excerpt",
        "suggestion",
    }
    assert {d["rule"] for d in data} == {"plan-fact-mismatch"}
    code, out, _ = run_cli(capsys, "lint", str(CORPUS / "01-clean-full.md"), "--facts", str(FACTS))
    assert code == 0 and "没有发现问题" in out
    code, out, _ = run_cli(capsys, "lint", str(CORPUS / "12-vague.md"))
    assert code == 0 and "[preface]" in out and "vague-claim" in out


def test_cli_bad_input(capsys, tmp_path):
    assert run_cli(capsys, "lint", str(tmp_path / "missing.md"))[0] == 2
    bad = tmp_path / "facts.yaml"
    bad.write_text("report: {}\n", encoding="utf-8")
    assert run_cli(capsys, "lint", str(CORPUS / "01-clean-full.md"), "--facts", str(bad))[0] == 2
    assert run_cli(capsys, "lint", str(CORPUS / "01-clean-full.md"), "--disable", "nope")[0] == 2
    code, _, err = run_cli(capsys, "lint", str(CORPUS / "01-clean-full.md"), "--format", "xml")
    assert code == 2 and "'xml' is not one of" in err  # a usage error from the option's choices


def test_cli_list_rules(capsys):
    code, out, _ = run_cli(capsys, "lint", "--list-rules")
    assert code == 0 and "number-mismatch" in out and "monotone-openings" in out


def test_cli_fix_keeps_a_backup(capsys, tmp_path):
    src = (CORPUS / "16-punctuation.md").read_text(encoding="utf-8")
    path = tmp_path / "draft.md"
    path.write_text(src, encoding="utf-8")
    code, out, _ = run_cli(capsys, "lint", str(path), "--fix")
    assert code == 0 and "punctuation" not in out
    assert (tmp_path / "draft.md.bak").read_text(encoding="utf-8") == src
    assert "巡检860次" in path.read_text(encoding="utf-8")


def test_cli_fix_twice_keeps_both_originals(capsys, tmp_path):
    path = tmp_path / "draft.md"
    first = "# 标题\n\n全年完成巡检 860 次(含夜间1次).\n"
    second = "# 标题\n\n全年完成保养 326 项,无事故.\n"
    path.write_text(first, encoding="utf-8")
    _, _, err = run_cli(capsys, "lint", str(path), "--fix")
    assert f"backup kept: {path}.bak" in err
    fixed = path.read_text(encoding="utf-8")
    assert "巡检860次（含夜间1次）。" in fixed
    assert run_cli(capsys, "lint", str(path), "--fix")[2] == ""  # nothing to fix: no backup, no message
    path.write_text(second, encoding="utf-8")
    _, _, err = run_cli(capsys, "lint", str(path), "--fix")
    assert f"backup kept: {path}.bak2" in err
    assert (tmp_path / "draft.md.bak").read_text(encoding="utf-8") == first
    assert (tmp_path / "draft.md.bak2").read_text(encoding="utf-8") == second
    assert "保养326项，无事故。" in path.read_text(encoding="utf-8")


def test_cli_unreadable_file_says_why(capsys, tmp_path):
    code, _, err = run_cli(capsys, "lint", str(tmp_path))
    assert code == 2 and f"Markdown file: {tmp_path}: is a directory" in err and "Traceback" not in err
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes("# 标题\n\n全年完成巡检。\n".encode("gbk"))
    code, _, err = run_cli(capsys, "lint", str(gbk))  # someone else's GBK file is read, with a warning
    assert code != 2 and "is not UTF-8; read it as GB18030" in err
    assert gbk.read_bytes() == "# 标题\n\n全年完成巡检。\n".encode("gbk")  # lint only reads
    code, _, err = run_cli(capsys, "lint", str(CORPUS / "01-clean-full.md"), "--facts", str(tmp_path))
    assert code == 2 and f"facts file: {tmp_path}: is a directory" in err


def test_cli_reads_zongjie_toml(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zongjie.toml").write_text('[lint]\ndisable = ["vague-claim"]\n', encoding="utf-8")
    code, out, _ = run_cli(capsys, "lint", str(CORPUS / "12-vague.md"))
    assert code == 0 and "vague-claim" not in out
