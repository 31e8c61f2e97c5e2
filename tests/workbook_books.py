"""Workbooks built in code the way a 后勤科 keeps them: Chinese sheet names, a merged title row above the
header, a 填表 line, blank rows, merged 类别 cells, a 合计 row with a formula, a % column stored as fractions,
numbers typed as text (`1,326`, `98.5％`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

PCT = "0.0%"


def _sheet(wb: Workbook, name: str, title: str | None, header: list[str], rows: list[list[Any]]) -> Worksheet:
    ws = wb.create_sheet(name)
    r = 1
    if title:
        ws.cell(1, 1, title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.cell(2, 1, "填表人：王芳    填表日期：2026年1月6日")
        r = 4  # a blank row under the 填表 line
    for c, label in enumerate(header, 1):
        ws.cell(r, c, label)
    for row in rows:
        r += 1
        for c, v in enumerate(row, 1):
            if v is not None:
                ws.cell(r, c, v)
    return ws


def _percent(ws: Worksheet, columns: list[int], first: int, last: int) -> None:
    for row in range(first, last + 1):
        for col in columns:
            cell = ws.cell(row, col)
            if isinstance(cell.value, float):
                cell.number_format = PCT


def per_function(path: Path) -> Path:
    """Layout 1: one sheet per 职能, plus 问题, 计划, 亮点, 案例 sheets."""
    wb = Workbook()
    wb.remove(wb.active)
    title = "翠湖苑小区物业服务中心2025年工作台账"
    ws = _sheet(
        wb,
        "设备设施",
        title,
        ["序号", "项目", "单位", "2024年", "2025年", "年度目标", "备注"],
        [
            [1, "设备巡检", "次", 1180, "1,326", 1200, None],
            [2, "报修响应率", "%", 0.961, 0.985, 0.98, "24小时值班"],
            [3, "设备完好率", "%", 0.989, 0.986, None, None],
            [4, "重大故障", "起", 3, 1, None, None],
            [],
            [5, "更换摄像头", "个", None, 14, None, "分两批完成"],
            ["合计", None, None, None, "=SUM(E5:E10)", None, None],
        ],
    )
    _percent(ws, [4, 5, 6], 5, 11)
    ws = _sheet(
        wb,
        "保洁绿化",
        title,
        ["指标名称", "计量单位", "上年同期", "本年完成", "备注"],
        [
            ["垃圾清运及时率", "%", 0.975, 0.991, None],
            ["消杀", "次", 10, 12, None],
            ["保洁合格率", "％", "96.5%", "98.2％", None],
        ],
    )
    _percent(ws, [3, 4], 5, 5)
    _sheet(
        wb,
        "安全秩序",
        title,
        ["项目", "单位", "本年", "上年", "越低越好"],
        [["应急演练", "次", 6, 4, None], ["安全事故", "起", 0, 1, "是"], ["治安案件", "起", 2, 5, "√"]],
    )
    _sheet(
        wb,
        "存在问题",
        None,
        ["序号", "问题", "原因", "措施"],
        [
            [1, "小区监控摄像头有14个已超过使用年限", "设备于2015年安装，未纳入更新计划", "分两批完成更换"],
            [2, "维修人员持证率偏低", "招聘时未把持证作为硬性条件", None],
        ],
    )
    _sheet(
        wb,
        "2026年工作计划",
        None,
        ["工作目标", "具体措施", "完成时限", "责任人", "指标", "目标值"],
        [
            [
                "维修人员持电工证人数增加到5名",
                "组织取证培训；新招维修岗要求持证",
                dt.datetime(2026, 10, 31),
                "维修班长刘强",
                "持电工证维修人员",
                "5名",
            ],
            ["推行垃圾分类督导", "每栋配督导员", "2026年6月底", "保洁主管赵敏", None, None],
        ],
    )
    _sheet(wb, "亮点", None, ["亮点", "说明"], [["建立暴雨天气值守机制", "汛期安排2人夜间值守地下车库入口"]])
    _sheet(
        wb,
        "典型案例",
        None,
        ["日期", "职能", "事件", "处置", "结果"],
        [
            [
                dt.datetime(2025, 8, 3),
                "保洁绿化",
                "暴雨导致地下车库入口积水",
                "值班人员30分钟内到场启动排水泵",
                "4小时内排净积水",
            ]
        ],
    )
    wb.save(path)
    return path


def long_sheet(path: Path) -> Path:
    """Layout 2: one long sheet; 类别 merged down each block, 小计 rows, % stored as fractions."""
    wb = Workbook()
    ws = wb.active
    ws.title = "年度指标"
    ws.cell(1, 1, "阳光中学总务处2025年度后勤工作量统计表")
    ws.merge_cells("A1:H1")
    header = ["类别", "序号", "指标", "单位", "上年", "本年度", "目标", "备注"]
    for c, label in enumerate(header, 1):
        ws.cell(3, c, label)
    blocks = [
        (
            "校舍维修",
            [
                ["维修工单", "件", 1180, 1326, 1250],
                ["维修及时率", "%", 0.942, 0.968, 0.95],
            ],
        ),
        (
            "食堂管理",
            [
                ["食品安全抽检合格率", "%", 0.99, 1.0, 1.0],
                ["师生满意度", "%", 0.885, 0.912, 0.9],
            ],
        ),
    ]
    r = 4
    for name, rows in blocks:
        start = r
        for i, (metric, unit, prev, value, target) in enumerate(rows, 1):
            ws.cell(r, 2, i)
            ws.cell(r, 3, metric)
            ws.cell(r, 4, unit)
            for c, v in ((5, prev), (6, value), (7, target)):
                ws.cell(r, c, v)
                if unit == "%":
                    ws.cell(r, c).number_format = "0.0%"
            r += 1
        ws.cell(start, 1, name)
        ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
        ws.cell(r, 1, "小计")
        ws.cell(r, 6, f"=SUM(F{start}:F{r - 1})")
        r += 2  # a blank row between blocks
    wb.save(path)
    return path
