"""CLI exit codes: 0 done and clean, 1 findings remain, 2 bad input (message, no traceback, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import run_cli

GOOD = """\
report: {organization: 甲项目, department: 物业后勤科, profile: property, year: 2025}
functions:
  - key: facilities
    metrics: [{name: 设备巡检, value: 120, unit: 次, previous: 100}]
"""

BAD_CASES = {
    "unknown field": (
        GOOD.replace("year: 2025", "year: 2025, yaer: 1"),
        "report.yaer: unknown field; did you mean `year`?",
    ),
    "rate over 100": (
        GOOD.replace("value: 120, unit: 次", "value: 120, unit: '%'").replace("设备巡检", "报修响应率"),
        "functions[0].metrics[0].value",
    ),
    "negative count": (GOOD.replace("value: 120", "value: -1"), "negative values are not accepted"),
    "impossible date": (GOOD + "    cases: [{date: 2025-02-30, event: 停电}]\n", "not a valid date"),
    "not finite": (GOOD.replace("value: 120", "value: .inf"), "must be a finite number"),
    "case outside year": (GOOD + "    cases: [{date: 2024-05-01, event: 停电}]\n", "outside the report year"),
    "unknown key": (GOOD.replace("key: facilities", "key: facility"), "did you mean `facilities`?"),
    "duplicate key": (GOOD + "  - key: facilities\n", "duplicate function key"),
    "not yaml": ("report: [", "not valid YAML"),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_facts_exit_2_with_path_and_nothing_written(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = BAD_CASES[name]
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "draft", str(facts), "-o", str(out))
    assert code == 2
    assert expected in err
    assert "Traceback" not in err
    assert not out.exists()


def test_draft_ok_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str], full_facts: Path) -> None:
    code, out, err = run_cli(capsys, "draft", str(full_facts), "-o", str(tmp_path / "o"))
    assert code == 0, err
    assert "writer: offline" in err and "draft:" in out
    assert (tmp_path / "o" / "draft.md").is_file()


def test_draft_with_error_findings_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A problem with no cause and a plan with no owner: the draft is written, the gaps are listed, exit 1.
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        GOOD + "problems: [{problem: 维修人员只有2名持电工证, measure: 组织取证培训}]\n"
        "plans: [{goal: 设备完好率提升至99.5%, target: {name: 设备完好率, value: 99.5, unit: '%'}, deadline: 2026年6月底}]\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "draft", str(facts), "-o", str(tmp_path / "o"))
    assert code == 1, err
    assert "error finding(s) remain" in err
    assert "problem-without-cause" in err and "plan-without-owner" in err
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["errors"] >= 2
    assert (tmp_path / "o" / "draft.md").is_file()


def test_regen_edited_exit_2_then_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], full_facts: Path
) -> None:
    out = tmp_path / "o"
    assert run_cli(capsys, "draft", str(full_facts), "-o", str(out))[0] == 0
    section = out / "sections" / "01-preface.md"
    section.write_text("改过了。\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "regen", str(out), "preface")
    assert code == 2 and "--force" in err and "Traceback" not in err
    assert section.read_text(encoding="utf-8") == "改过了。\n"
    code, _, err = run_cli(capsys, "regen", str(out), "preface", "--force")
    assert code == 0, err
    assert "backup kept" in err
    assert [p.read_text(encoding="utf-8") for p in (out / "backups").iterdir()] == ["改过了。\n"]


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "draft")[0] == 2
    assert run_cli(capsys, "regen", str(tmp_path), "preface")[0] == 2  # not a workspace
    assert run_cli(capsys, "draft", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "o"))[0] == 2
    assert not (tmp_path / "o").exists()


def test_bad_config_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], full_facts: Path) -> None:
    code, _, err = run_cli(capsys, "draft", str(full_facts), "-o", str(tmp_path / "o"), "--jobs", "0")
    assert code == 2 and "jobs" in err
    assert not (tmp_path / "o").exists()


def test_init_check_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str], small_facts: Path) -> None:
    target = tmp_path / "facts.yaml"
    assert run_cli(capsys, "init", str(target), "--year", "2025")[0] == 0
    assert "key: facilities" in target.read_text(encoding="utf-8")
    code, _, err = run_cli(capsys, "init", str(target))
    assert code == 2 and "exists" in err
    # The fresh template is not yet valid: the organization is required.
    code, _, err = run_cli(capsys, "check", str(target))
    assert code == 2 and "report.organization" in err
    code, out, _ = run_cli(capsys, "check", str(small_facts))
    assert code == 0
    assert "缺少推荐指标" in out and "没有上年数值（previous）" in out
    assert run_cli(capsys, "check", str(small_facts), "--strict")[0] == 1
    code, out, _ = run_cli(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "Facts"


def test_init_force_twice_keeps_both_earlier_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "facts.yaml"
    target.write_text("# 我的第一版\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "init", str(target), "--year", "2025", "--force")
    assert code == 0 and f"backup kept: {target}.bak" in err
    template = target.read_text(encoding="utf-8")
    target.write_text(template.replace('organization: ""', "organization: 某中学"), encoding="utf-8")
    code, _, err = run_cli(capsys, "init", str(target), "--year", "2025", "--force")
    assert code == 0 and f"backup kept: {target}.bak2" in err
    assert (tmp_path / "facts.yaml.bak").read_text(encoding="utf-8") == "# 我的第一版\n"
    assert "organization: 某中学" in (tmp_path / "facts.yaml.bak2").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == template
    code, _, err = run_cli(capsys, "init", str(target), "--year", "2025", "--force")
    assert code == 0 and "backup" not in err  # already the template: nothing to keep
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.yaml", "facts.yaml.bak", "facts.yaml.bak2"]


def test_init_bad_profile_or_directory_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "init", str(tmp_path / "f.yaml"), "--profile", "hotel")
    assert code == 2 and "unknown profile 'hotel'; known: enterprise (企业后勤), hospital" in err
    code, _, err = run_cli(capsys, "init", str(tmp_path), "--force")
    assert code == 2 and "is a directory" in err
    code, _, err = run_cli(capsys, "init", str(tmp_path / "学校.yaml"), "--profile", "学校", "--example")
    assert code == 0, err
    assert "profile: school" in (tmp_path / "学校.yaml").read_text(encoding="utf-8")
    (tmp_path / "学校.yaml").unlink()
    assert list(tmp_path.iterdir()) == []


def test_every_command_help_has_example(capsys: pytest.CaptureFixture[str]) -> None:
    from zongjie.cli.app import _register_all, app

    _register_all()
    names = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    assert {"draft", "regen", "assemble", "init", "check", "schema"} <= set(names)
    for name in names:
        code, out, _ = run_cli(capsys, name, "--help")
        assert code == 0 and "Example:" in out, name


def test_template_example_lines_can_be_uncommented_one_by_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "facts.yaml"
    assert run_cli(capsys, "init", str(target), "--profile", "school", "--year", "2025")[0] == 0
    text = target.read_text(encoding="utf-8").replace('organization: ""', "organization: 某中学")
    text = text.replace(
        "      # {name", "      {name", 1
    )  # uncomment the first example, leave its value empty
    target.write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", str(target))
    assert code == 2 and "functions[0].metrics[0].value: is empty" in err
    target.write_text(text.replace("value: ,", "value: 1520,", 1), encoding="utf-8")
    assert run_cli(capsys, "check", str(target))[0] == 0


def test_unwritable_output_path_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], full_facts: Path
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run_cli(capsys, "draft", str(full_facts), "-o", str(blocker / "sub"))
    assert code == 2 and "Traceback" not in err and "afile" in err
    code, _, err = run_cli(capsys, "init", str(blocker / "facts.yaml"))
    assert code == 2 and "afile" in err and "Traceback" not in err
