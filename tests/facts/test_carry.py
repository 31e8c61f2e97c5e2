"""`init --from`: last year's facts become this year's starting file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_helpers import run_cli
from zongjie.errors import BadInput
from zongjie.facts.carry import carry_forward
from zongjie.facts.load import load, parse

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def fill(text: str, values: dict[str, float]) -> str:
    """Writes this year's value into each carried metric line, the way a user does in an editor."""

    def one(m: re.Match[str]) -> str:
        return f"{{name: {m.group(1)}, value: {values[m.group(1)]:g},"

    return re.sub(r"\{name: ([^,]+), value: ,", one, text)


def test_metrics_keep_name_unit_and_function_with_last_year_as_previous() -> None:
    old = load(FIXTURES / "property-small.yaml")
    text = carry_forward(old, "property-small.yaml")
    with pytest.raises(BadInput) as info:
        parse(text, "new.yaml")  # nothing invented: every value is the user's to fill in
    assert any("functions[0].metrics[0].value: is empty" in p for p in info.value.problems)
    names = re.findall(r"\{name: ([^,]+), value: ,", text)
    new = parse(fill(text, dict.fromkeys(names, 3)), "new.yaml")
    assert new.report.year == old.report.year + 1
    assert new.report.organization == old.report.organization
    assert [f.key for f in new.functions] == [f.key for f in old.functions]
    for fo, fn in zip(old.functions, new.functions, strict=True):
        carried = {m.name: m for m in fn.metrics}
        for m in fo.metrics:
            assert carried[m.name].previous == m.value
            assert carried[m.name].unit == m.unit
            assert carried[m.name].value == 3
        assert not fn.work and not fn.cases  # last year's events are not this year's
    assert new.plans == []
    assert new.commitments == old.plans
    assert new.highlights == [] and new.lessons == [] and new.problems == []


def test_a_measurable_plan_asks_for_its_figure_in_the_matching_function() -> None:
    text = carry_forward(load(FIXTURES / "property-small.yaml"), "x.yaml")
    # 更换摄像头 (监控) is a facilities keyword; the placeholder sits there with the plan's unit
    facilities = text.split("- key: facilities")[1].split("- key: environment")[0]
    assert "{name: 更换摄像头, value: , unit: 个}" in facilities
    assert "上年计划“完成老旧监控摄像头更换”" in facilities


def test_init_from_cli_writes_the_file_and_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "facts-2026.yaml"
    code, stdout, _ = run_cli(capsys, "init", "--from", str(FIXTURES / "property-full.yaml"), "-o", str(out))
    assert code == 0, stdout
    assert "year: 2026" in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("report: {organization: 甲}\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "init", "--from", str(bad), "-o", str(tmp_path / "n.yaml"))
    assert code == 2 and "report.department" in err
    assert not (tmp_path / "n.yaml").exists()
