"""`zongjie import` / `draft x.xlsx`: 台账 written the way a 后勤科 keeps them become facts that draft with
every value; bad workbooks are exit 2 with a message and nothing written."""

from __future__ import annotations

import io
import re
from pathlib import Path

import msoffcrypto
import pytest
from openpyxl import Workbook

from cli_helpers import run_cli
from workbook_books import long_sheet, per_function
from zongjie.facts.derive import fmt
from zongjie.facts.load import parse
from zongjie.facts.model import Facts, Metric


def _metrics(facts: Facts) -> dict[str, tuple[str, Metric]]:
    return {m.name: (fn.key, m) for fn in facts.functions for m in fn.metrics}


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Path, *extra: str) -> tuple[str, str]:
    out = tmp_path / "facts.yaml"
    code, _, err = run_cli(capsys, "import", str(book), "-o", str(out), *extra)
    assert code == 0, err
    return out.read_text(encoding="utf-8"), err


def test_one_sheet_per_function(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, err = _import(tmp_path, capsys, per_function(tmp_path / "台账.xlsx"))
    facts = parse(text, "facts.yaml")
    assert (facts.report.organization, facts.report.profile, facts.report.year) == (
        "翠湖苑小区",
        "property",
        2025,
    )
    m = _metrics(facts)
    assert m["设备巡检"] == ("facilities", m["设备巡检"][1])
    assert (m["设备巡检"][1].value, m["设备巡检"][1].previous, m["设备巡检"][1].target) == (1326, 1180, 1200)
    # Excel's % format stores 98.5% as 0.985; typed text 98.2％ (full-width) is 98.2 too
    rate = m["报修响应率"][1]
    assert (rate.value, rate.previous, rate.target, rate.unit) == (98.5, 96.1, 98, "%")
    assert (m["保洁合格率"][1].value, m["保洁合格率"][1].previous) == (98.2, 96.5)
    assert m["垃圾清运及时率"][0] == "environment" and m["应急演练"][0] == "security"
    assert m["安全事故"][1].better == "lower" and m["应急演练"][1].better is None
    assert "更换摄像头" in m  # the row after a blank row
    assert facts.problems[0].problem.startswith("小区监控摄像头")
    plan = facts.plans[0]
    assert plan.target is not None and (plan.target.name, plan.target.value, plan.target.unit) == (
        "持电工证维修人员",
        5,
        "名",
    )
    assert plan.owner == "维修班长刘强" and plan.actions == ["组织取证培训", "新招维修岗要求持证"]
    assert facts.functions[1].cases[0].event == "暴雨导致地下车库入口积水"
    assert facts.highlights[0].title == "建立暴雨天气值守机制"
    # every entry names its sheet and cell; the 合计 row is skipped and said so
    assert "# 台账.xlsx 设备设施!B6" in text and "# 台账.xlsx 存在问题!B2" in text
    entries = len(m) + len(facts.problems) + len(facts.plans) + len(facts.highlights) + 1
    assert len(re.findall(r"# 台账\.xlsx \S+![A-Z]+\d+", text)) == entries
    assert "设备设施!A11: 合计行" in err and "合计" not in m


def test_one_long_sheet_with_merged_categories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, err = _import(tmp_path, capsys, long_sheet(tmp_path / "long.xlsx"))
    facts = parse(text, "facts.yaml")
    assert facts.report.profile == "school" and facts.report.organization == "阳光中学"
    m = _metrics(facts)
    assert m["维修工单"][0] == m["维修及时率"][0] == "facilities"  # merged 类别 cell covers both rows
    assert m["师生满意度"][0] == "canteen"
    assert (m["维修及时率"][1].value, m["维修及时率"][1].previous, m["维修及时率"][1].target) == (
        96.8,
        94.2,
        95,
    )
    assert m["食品安全抽检合格率"][1].value == 100
    assert err.count("小计行") == 2


@pytest.mark.parametrize("build", [per_function, long_sheet])
def test_the_draft_states_every_value(
    build: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = build(tmp_path / "book.xlsx")  # type: ignore[operator]
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "draft", str(book), "-o", str(out))
    assert code in (0, 1), err  # 1: content gaps (no 团队 sheet), not a failure to draft
    facts = parse((out / "facts.yaml").read_text(encoding="utf-8"), "facts.yaml")
    draft = (out / "draft.md").read_text(encoding="utf-8")
    for _, metric in _metrics(facts).values():
        if metric.value == 0:  # a zero incident is said in words (未发生), not as 0起
            assert f"{metric.name}" in draft and "未发生" in draft
            continue
        assert f"{fmt(metric.value)}{metric.unit}" in draft, metric.name
        if metric.previous is not None:
            assert f"{fmt(metric.previous)}{metric.unit}" in draft, metric.name
    assert "[fidelity" not in err


def test_unreadable_rows_are_listed_with_cell_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "设备设施"
    rows = [
        ["项目", "单位", "本年完成", "上年同期"],
        ["设备巡检", "次", 412, 380],
        ["设备保养", "项", "约50", None],
        ["报修响应率", "%", None, 0.95],
        ["重大故障", "起", -1, 2],
    ]
    for row in rows:
        ws.append(row)
    book = tmp_path / "台账.xlsx"
    wb.save(book)
    text, err = _import(tmp_path, capsys, book, "--profile", "property", "--year", "2025")
    assert "设备设施!A3" in err and "“约50” is an estimate" in err
    assert "设备设施!A4: 报修响应率：本年数值为空" in err
    assert "设备设施!A5" in err and "negative" in err
    assert [m.name for m in parse(text, "f.yaml").functions[0].metrics] == ["设备巡检"]
    assert "#   - 设备设施!A3" in text  # also kept in the file, so it is not lost


@pytest.mark.parametrize(
    "header",
    [
        ["职能", "指标", "单位", "本年", "上年", "目标", "备注"],
        ["备注", "上年同期", "年度目标", "实际完成", "单位", "名称", "板块"],
        ["类别", "项目", "2024年", "2025年", "计划", "单位"],
    ],
)
def test_header_words_in_any_order(
    header: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    by_field = {
        "function": "设备设施",
        "name": "设备巡检",
        "unit": "次",
        "value": 412,
        "previous": 380,
        "target": 400,
        "note": "含夜间",
    }
    fields = {
        "职能": "function", "板块": "function", "类别": "function",
        "指标": "name", "名称": "name", "项目": "name", "单位": "unit",
        "本年": "value", "实际完成": "value", "2025年": "value",
        "上年": "previous", "上年同期": "previous", "2024年": "previous",
        "目标": "target", "年度目标": "target", "计划": "target", "备注": "note",
    }  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(header)
    ws.append([by_field[fields[h]] for h in header])
    book = tmp_path / "b.xlsx"
    wb.save(book)
    text, _ = _import(tmp_path, capsys, book, "--profile", "property", "--year", "2025")
    ((key, metric),) = _metrics(parse(text, "f.yaml")).values()
    assert key == "facilities"
    assert (metric.value, metric.previous, metric.target, metric.unit) == (412, 380, 400, "次")


def _encrypted(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["项目", "本年"])
    plain = io.BytesIO()
    wb.save(plain)
    plain.seek(0)
    out = io.BytesIO()
    msoffcrypto.OfficeFile(plain).encrypt("123456", out)
    path.write_bytes(out.getvalue())
    return path


def _no_header(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["翠湖苑小区2025年台账"])
    ws.append(["设备巡检", 412])
    wb.save(path)
    return path


def _uncached(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "设备设施"
    ws.append(["项目", "单位", "本年", "上年"])
    ws.append(["设备巡检", "次", "=100+312", 380])  # openpyxl writes formulas without a computed value
    wb.save(path)
    return path


BAD = {
    "not xlsx": (
        lambda p: p.write_text("项目,本年\n巡检,412\n", encoding="utf-8") and p,
        "not an Excel .xlsx",
    ),
    "encrypted": (_encrypted, "password-protected"),
    "old xls": (lambda p: p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600)) and p, "old .xls"),
    "no header": (_no_header, "no sheet has a header row"),
    "formula without cache": (_uncached, "设备设施!C2"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_workbooks_exit_2_and_write_nothing(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, message = BAD[kind]
    book = build(tmp_path / "台账.xlsx")
    out = tmp_path / "facts.yaml"
    code, _, err = run_cli(capsys, "import", str(book), "-o", str(out), "--profile", "property")
    assert code == 2 and message in err and "Traceback" not in err
    assert not out.exists()
    code, _, err = run_cli(capsys, "draft", str(book), "-o", str(tmp_path / "ws"), "--profile", "property")
    assert code == 2 and message in err
    assert not (tmp_path / "ws" / "facts.yaml").exists()


def test_profile_that_cannot_be_told_is_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = Workbook()
    wb.active.append(["项目", "本年"])
    wb.active.append(["某某事项", 3])
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run_cli(capsys, "import", str(book), "-o", str(tmp_path / "f.yaml"))
    assert code == 2 and "--profile" in err


def test_profile_is_asked_when_a_terminal_can_answer(tmp_path: Path) -> None:
    from zongjie.workbook import import_workbook

    wb = Workbook()
    wb.active.append(["项目", "本年"])
    wb.active.append(["某某事项", 3])
    book = tmp_path / "b.xlsx"
    wb.save(book)
    asked: list[list[str]] = []
    imported = import_workbook(book, year=2025, ask=lambda choices: asked.append(choices) or "hospital")
    assert asked and "hospital" in asked[0]
    assert "profile: hospital" in imported.text and "按你的选择" in imported.text


def test_a_messy_sheet_as_kept_by_hand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A generic sheet name, a 说明 sheet, divider rows naming the 职能, a blank row, units typed into the
    value cells, a value that is a note (见附件), a block the profile does not know (志愿服务)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in [
        ["锦绣园物业后勤科2025年度工作量台账"],
        [],
        ["序号", "工作项目", "计量单位", "2025年完成", "2024年完成", "备注"],
        ["一、设备设施"],
        [1, "设备巡检", None, "412次", "380次", None],
        [2, "报修响应率", "%", "98.5％", "97.1%", None],
        [],
        ["二、保洁绿化"],
        [1, "消杀", "次", 12, 10, "含夏季加密"],
        [2, "垃圾分类准确率", "%", "见附件", None, None],
        ["三、能耗"],
        [1, "用电量", "万度", 312.4, 330.8, None],
        ["四、志愿服务"],
        [1, "志愿活动", "场", 6, 4, None],
        ["合  计", None, None, None, None, None],
    ]:
        ws.append(row)
    wb.create_sheet("填表说明").append(["本表由后勤科每月5日前更新"])
    book = tmp_path / "锦绣园.xlsx"
    wb.save(book)
    text, err = _import(tmp_path, capsys, book)
    facts = parse(text, "f.yaml")
    assert facts.report.profile == "property" and facts.report.year == 2025
    m = _metrics(facts)
    assert m["设备巡检"][0] == "facilities" and (m["设备巡检"][1].value, m["设备巡检"][1].unit) == (412, "次")
    assert (m["报修响应率"][1].value, m["报修响应率"][1].previous) == (98.5, 97.1)
    assert m["消杀"][0] == "environment" and m["消杀"][1].note == "含夏季加密"
    assert m["用电量"][0] == "energy" and (m["用电量"][1].value, m["用电量"][1].unit) == (312.4, "万度")
    custom = next(fn for fn in facts.functions if fn.name == "志愿服务")  # not in the profile: kept as named
    assert custom.key == "custom1" and custom.metrics[0].value == 6
    assert "Sheet1!B10" in err and "见附件" in err
    assert "填表说明!A1" in err and "合计" in err
    assert "台账中的“保洁绿化”按档案对应到“环境卫生管理”" in text


def test_two_row_header_with_merged_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "设备设施"
    ws.append(["翠湖苑小区2025年设备台账"])
    ws.append(["项目", "单位", "2025年", None, "2024年"])
    ws.append([None, None, "目标", "完成", "完成"])
    ws.append(["设备巡检", "次", 1200, 1326, 1180])
    ws.merge_cells("C2:D2")
    ws.merge_cells("A2:A3")
    wb.save(tmp_path / "b.xlsx")
    text, _ = _import(tmp_path, capsys, tmp_path / "b.xlsx")
    ((_, metric),) = _metrics(parse(text, "f.yaml")).values()
    assert (metric.value, metric.target, metric.previous) == (1326, 1200, 1180)


def test_rows_that_would_break_the_file_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two 消杀 rows in one 职能, a case from another year, a plan due before the report year: each is a
    row the user must look at, not a file that fails to load."""
    wb = Workbook()
    ws = wb.active
    ws.title = "保洁绿化"
    for row in [["项目", "单位", "本年"], ["消杀", "次", 12], ["消杀", "次", 14]]:
        ws.append(row)
    cases = wb.create_sheet("案例")
    cases.append(["日期", "事件", "处置"])
    cases.append(["2024年8月3日", "暴雨积水", "启动排水泵"])
    plans = wb.create_sheet("计划")
    plans.append(["目标", "完成时限", "责任人"])
    plans.append(["完成监控更换", "2024年6月底", "陈刚"])
    wb.save(tmp_path / "b.xlsx")
    text, err = _import(tmp_path, capsys, tmp_path / "b.xlsx", "--profile", "property", "--year", "2025")
    assert "保洁绿化!A3: 消杀：与 保洁绿化!A2 重名" in err
    assert "案例!A2: 案例日期2024-08-03不在2025年内" in err
    assert "计划!B2" in err and "早于2025年" in err
    assert parse(text, "f.yaml").functions[0].metrics[0].value == 12


def test_a_sheet_formatted_to_its_last_row_is_read_to_its_last_value(tmp_path: Path) -> None:
    from zongjie.workbook.book import open_book

    wb = Workbook()
    ws = wb.active
    ws.append(["项目", "单位", "本年"])
    ws.append(["设备巡检", "次", 412])
    ws.cell(1048576, 1).number_format = "0.0%"  # a format with no value, at the very bottom
    wb.save(tmp_path / "b.xlsx")
    (sheet,) = open_book(tmp_path / "b.xlsx")
    assert len(sheet.rows) == 2 and not sheet.cut


def test_plan_targets_as_people_write_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "明年计划"
    for row in [
        ["目标", "指标", "目标值", "责任人"],
        ["提高报修响应率", "报修响应率", "≥98.5%", "李明"],
        ["控制重大故障", "重大故障", "控制在2起以内", "李明"],
        ["推进智慧物业", None, "见方案", "王芳"],
        [None, None, "3项", "王芳"],
    ]:
        ws.append(row)
    wb.save(tmp_path / "b.xlsx")
    text, err = _import(tmp_path, capsys, tmp_path / "b.xlsx", "--profile", "property", "--year", "2025")
    plans = parse(text, "f.yaml").plans
    targets = [(p.target.name, p.target.value, p.target.unit) if p.target else None for p in plans]
    assert targets == [("报修响应率", 98.5, "%"), ("重大故障", 2, "起"), None]
    assert "? 目标值没有读成数字" in text  # the plan is kept; its target is asked for
    assert "明年计划!C5: 目标为空" in err


@pytest.mark.parametrize("merged", [True, False])
def test_a_title_row_above_the_header_is_a_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], merged: bool
) -> None:
    # The reviewer's 台账: a title row over `职能|指标名称|单位|2025年|2024年|目标值` was once joined with the
    # header as a two-row header, so both year columns read 2025 and every value was last year's.
    wb = Workbook()
    ws = wb.active
    ws.title = "2025年指标台账"
    ws.append(["2025年度后勤处工作台账"])
    ws.append(["职能", "指标名称", "单位", "2025年", "2024年", "目标值"])
    ws.append(["设施运维", "报修工单", "件", 1326, 1180, None])
    ws.append([None, "平均响应时间", "分钟", 25, 40, 30])
    ws.append(["保洁", "保洁合格率", "％", 96.5, 95, 95])
    if merged:
        ws.merge_cells("A1:F1")
    wb.save(tmp_path / "台账.xlsx")
    text, _ = _import(tmp_path, capsys, tmp_path / "台账.xlsx")
    facts = parse(text, "f.yaml")
    got = {name: (m.value, m.previous, m.target) for name, (_, m) in _metrics(facts).items()}
    assert got == {"报修工单": (1326, 1180, None), "平均响应时间": (25, 40, 30), "保洁合格率": (96.5, 95, 95)}
    assert (facts.report.department, facts.report.year) == ("后勤处", 2025)


def test_rates_typed_as_fractions_and_units_in_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Reviewer item 3: 0.976 typed into a General cell under 单位 % was drafted as "0.976%", and a
    # `维修及时率(%)` with an empty 单位 cell was a count with a 同比 % of a %.
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["类别", "项目", "计量单位", "本年完成", "上年同期"])
    ws.append(["维修", "维修及时率", "%", 0.976, 0.951])
    ws.append([None, "用电量（万度）", None, 120, 130])
    ws.append(["保洁", "保洁合格率(％)", None, 0.965, 0.95])
    wb.save(tmp_path / "t.xlsx")
    text, err = _import(tmp_path, capsys, tmp_path / "t.xlsx", "--profile", "学校")
    got = {name: (m.value, m.unit, m.previous) for name, (_, m) in _metrics(parse(text, "f.yaml")).items()}
    assert got == {
        "维修及时率": (97.6, "%", 95.1),
        "用电量": (120, "万度", 130),
        "保洁合格率": (96.5, "%", 95),
    }
    assert "read as fractions (4)" in err and "指标!D2 0.976→97.6%" in err
    # the same 0.976 in a column whose other rates are whole percentages is not guessed at: it is listed
    ws.append(["食堂", "食堂满意度", "%", 92.5, 90])
    wb.save(tmp_path / "t.xlsx")
    text, err = _import(tmp_path, capsys, tmp_path / "t.xlsx", "--force", "--profile", "学校")
    assert "指标!D2: 维修及时率：0.976" in err
    names = _metrics(parse(text, "f.yaml"))
    assert "维修及时率" not in names and names["食堂满意度"][1].value == 92.5


@pytest.mark.parametrize(
    ("title", "organization"),
    [
        ("2025年设备台账", "本单位"),
        ("2025年度维修台账", "本单位"),
        ("２０２５年度工作量统计表", "本单位"),
        ("翠湖苑小区2025年设备台账", "翠湖苑小区"),
    ],
)
def test_a_title_naming_the_work_leaves_the_organisation_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str, organization: str
) -> None:
    """2025年设备台账 says what the table holds, not who keeps it: the organisation is asked (# ?), never
    "设备" — as notes titled 2025年后勤处工作记录（随手记的） do."""
    wb = Workbook()
    ws = wb.active
    ws.title = "设备设施"
    ws.append([title])
    ws.merge_cells("A1:D1")
    ws.append(["指标", "单位", "2025年", "2024年"])
    ws.append(["设备巡检", "次", 1326, 1180])
    ws.append(["维修工单", "单", "1,865", "1,702"])
    wb.save(tmp_path / "台账.xlsx")
    text, _ = _import(tmp_path, capsys, tmp_path / "台账.xlsx", "--profile", "property")
    facts = parse(text, "f.yaml")
    assert (facts.report.organization, facts.report.year) == (organization, 2025)
    assert ("# ? 单位名称" in text) == (organization == "本单位")
    assert {name: m.value for name, (_, m) in _metrics(facts).items()} == {"设备巡检": 1326, "维修工单": 1865}


def test_cells_typed_the_way_a_clerk_types_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Year headers in full-width digits (２０２５年度), 职能 divider rows numbered 一. / （二） / 3、, a plan's
    措施 numbered inside one cell (1.… 2.… / ①…②…), a deadline in words, and one from a past year."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["指标名称", "单位", "２０２５年度", "２０２４年度"])
    ws.append(["一.设备设施"])
    ws.append(["设备巡检", "次", 1326, 1180])
    ws.append(["（二）环境卫生"])
    ws.append(["保洁合格率", "%", 98.2, 96.5])
    ws.append(["3、安全秩序"])
    ws.append(["应急演练", "次", 6, 4])
    plans = wb.create_sheet("明年计划")
    plans.append(["工作目标", "具体措施", "完成时限", "责任人"])
    plans.append(["车棚改造", "1.拆除旧棚 2.新建充电车棚3.5万元", "2026年6月底", "保卫科王强"])
    plans.append(["监控升级", "①更换摄像头②接入平台", "2026年第三季度", "李明"])
    plans.append(["旧计划", "补种草坪", "2024年9月底", "张敏"])
    wb.save(tmp_path / "b.xlsx")
    text, err = _import(tmp_path, capsys, tmp_path / "b.xlsx", "--profile", "property")
    facts = parse(text, "f.yaml")
    assert facts.report.year == 2025
    m = _metrics(facts)
    assert {name: (fn, mm.value, mm.previous) for name, (fn, mm) in m.items()} == {
        "设备巡检": ("facilities", 1326, 1180),
        "保洁合格率": ("environment", 98.2, 96.5),
        "应急演练": ("security", 6, 4),
    }
    assert [(p.goal, p.actions, p.owner) for p in facts.plans] == [
        ("车棚改造", ["拆除旧棚", "新建充电车棚3.5万元"], "保卫科王强"),
        ("监控升级", ["更换摄像头", "接入平台"], "李明"),
    ]
    assert "明年计划!C4: 完成时限2024年9月底早于2025年" in err


@pytest.mark.parametrize("title", ["2025年设备台账", "２０２５年度维修统计表", "2024—2025学年总务处台账"])
def test_the_year_a_title_states_is_the_report_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    """Columns headed 本年/上年 name no year: the title's is taken (a 学年 ends in its later year), not asked."""
    wb = Workbook()
    ws = wb.active
    ws.title = "设备设施"
    ws.append([title])
    ws.append(["指标", "单位", "本年", "上年"])
    ws.append(["设备巡检", "次", 1326, 1180])
    wb.save(tmp_path / "台账.xlsx")
    text, _ = _import(tmp_path, capsys, tmp_path / "台账.xlsx", "--profile", "school")
    assert parse(text, "f.yaml").report.year == 2025
    assert "? 年度" not in text
