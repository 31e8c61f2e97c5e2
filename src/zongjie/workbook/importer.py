"""`zongjie import 台账.xlsx`: a workbook becomes a facts file whose every entry names its sheet and cell.
Nothing is written when the workbook cannot be read; rows that cannot be read are listed with the reason."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.load import parse as parse_facts
from zongjie.facts.model import default_year
from zongjie.notes.emit import emit
from zongjie.notes.files import FACTS_NAME, stamp, write_stamped
from zongjie.notes.parse import Heading, Notes, title_year
from zongjie.notes.report import report_block
from zongjie.notes.result import Extraction
from zongjie.workbook.book import MAX_COLUMNS, MAX_ROWS, Sheet, open_book
from zongjie.workbook.functions import Functions, infer_profile, is_generic
from zongjie.workbook.headers import Header, find_header
from zongjie.workbook.reader import SheetReader
from zongjie.workbook.rows import Reading, Skipped
from zongjie.workbook.values import text

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass
class Imported:
    reading: Reading
    text: str  # the facts file, stamped
    profile_note: str

    @property
    def entries(self) -> int:
        return len(self.reading.extraction.entries())


# What a workbook's title calls the table: 2025年度后勤处工作台账 names the department 后勤处, not 后勤处工作台账.
_LEDGER = re.compile(r"(?:工作|指标|数据)?(?:台账|统计表?|汇总表?|一览表|明细表?|报表|数据表|指标表)$")


def _as_report_title(title: str) -> str:
    """The title read the way a summary's title is (…后勤处工作总结), so only its department is kept."""
    return _LEDGER.sub("工作总结", title.strip())


def _title(sheet: Sheet, header: Header) -> str:
    """The first text above the header (台账 put a merged title row there)."""
    for row in sheet.rows[: header.row]:
        found = [text(c) for c in row if isinstance(c.value, str) and c.text]
        if found:
            return found[0]
    return ""


def _names(sheets: list[tuple[Sheet, Header]]) -> tuple[list[str], list[str]]:
    """职能 names (specific sheet names, 职能 cells) and metric names, for inferring the profile."""
    functions: list[str] = []
    metrics: list[str] = []
    for sheet, head in sheets:
        if head.kind != "metrics":
            continue
        if not is_generic(sheet.name):
            functions.append(sheet.name)
        for row in sheet.rows[head.row + 1 :]:
            for field, bucket in (("function", functions), ("name", metrics)):
                cell = head.cell(row, field)
                if cell is not None and cell.text:
                    bucket.append(text(cell))
    return functions, metrics


def import_workbook(
    path: Path,
    *,
    profile: str | None = None,
    year: int | None = None,
    organization: str | None = None,
    department: str | None = None,
    today: dt.date | None = None,
    ask: Callable[[list[str]], str] | None = None,
) -> Imported:
    """Reads and converts; raises BadInput for a workbook that cannot be used. Writes nothing. `ask` is
    called with the profile ids when the workbook does not tell which profile it is for (else BadInput)."""
    source = path.name
    found: list[tuple[Sheet, Header]] = []
    ignored: list[Skipped] = []
    for sheet in open_book(path):
        if sheet.cut:
            ignored.append(
                Skipped(f"{sheet.name}!A1", f"表格超过{MAX_ROWS}行或{MAX_COLUMNS}列，只读了前面的部分")
            )
        head = find_header(sheet)
        if head is None:
            if any(c.text for row in sheet.rows for c in row):
                ignored.append(Skipped(f"{sheet.name}!A1", "没有找到认得的表头，整张表未读取"))
            continue
        found.append((sheet, head))
    if not found:
        raise BadInput(
            f"{source}: no sheet has a header row zongjie recognises — a metrics sheet needs a row with "
            "指标/项目/名称 and 本年/本年度/实际完成/2025年 (plus 上年, 目标, 单位, 职能… as you keep them); "
            "sheets 问题, 计划, 亮点, 案例 need their own headers (问题/原因/措施, 目标/措施/完成时限/责任人 …)"
        )
    title = next((t for s, h in found if (t := _title(s, h))), "")
    header_year = next((h.years["value"] for _, h in found if "value" in h.years), None)
    report_year = year or title_year(_as_report_title(title)) or header_year
    year_comment = None
    if report_year is None:
        report_year = default_year(today or dt.date.today())
        year_comment = f"? 年度：表里没有写年份，按今天推断为{report_year}年，请确认（可用 --year 指定）"
    why = "--profile"
    if profile is None:
        fn_names, metric_names = _names(found)
        try:
            profile, why = infer_profile(title, fn_names, metric_names)
        except BadInput:
            if ask is None:
                raise
            profile, why = ask(profiles.available()), "你的选择"
    spec = profiles.load(profile)
    heading = Heading(1, _as_report_title(title), 1) if title else None
    notes = Notes(source, title, [], [], heading)
    report, comments, _, _ = report_block(
        notes, spec, year=report_year, organization=organization, department=department, today=today
    )
    if year_comment:
        comments.append(year_comment)
    if why == "你的选择":
        comments.append(f"档案按你的选择为“{spec.name}”（{spec.id}）")
    elif why != "--profile":
        comments.append(f"档案按{why}推断为“{spec.name}”（{spec.id}）；不对请用 --profile 指定后重新导入")
    ext = Extraction(source=source, report=report, report_comments=comments, method="Excel 台账")
    reading = Reading(source, ext, Functions(spec), skipped=ignored)
    for sheet, head in found:
        SheetReader(reading, sheet, head).read()
    for key, block in ext.functions.items():
        block.comments += reading.functions.comments(key)
    if reading.uncached:
        raise BadInput(
            f"{source}: {len(reading.uncached)} formula cell(s) have no computed value (the file was written "
            "by a program and never opened in Excel): open it in Excel or WPS, save, and import again",
            reading.uncached,
        )
    if not ext.entries():
        raise BadInput(
            f"{source}: no row could be read", [f"{u.where}: {u.reason}" for u in reading.unreadable]
        )
    ext.trailer = _trailer(reading)
    header = [
        f"# 由 zongjie import 从 {source} 导入。每条事实上方的注释标出它来自哪张表的哪个单元格。",
        "# 以 “# ?” 开头的是需要你确认的问题。核对修改后运行：zongjie check 本文件；再 zongjie draft 本文件 -o 目录。",
    ]
    body = stamp(emit(ext, spec, header))
    # Rows were validated one by one and the checks across rows made; what is left is the file as a whole.
    parse_facts(body, f"{source} → {FACTS_NAME}")
    return Imported(reading, body, why)


def _trailer(reading: Reading) -> list[str]:
    out: list[str] = []
    if reading.unreadable:
        out.append("# 以下行没有读出（草稿里不会出现），请在表里改正后重新导入，或在上面手工补上：")
        out += [f"#   - {u.where}: {' '.join(u.reason.split())}" for u in reading.unreadable]
    if reading.skipped:
        out.append("# 以下行按规则跳过：")
        out += [f"#   - {u.where}: {' '.join(u.reason.split())}" for u in reading.skipped]
    return out


def summary_lines(imported: Imported, path: Path | None) -> list[str]:
    r = imported.reading
    fns = len(r.extraction.functions)
    head = f"{'wrote ' + str(path) if path else 'imported'}: {imported.entries} entries ({fns} 职能) from {r.source}"
    out = [head]
    questions = sum(1 for line in imported.text.splitlines() if line.lstrip().startswith("# ?"))
    if questions:
        out.append(f"{questions} question(s) for you in the file: lines starting with “# ?”")
    if r.fractions:
        out.append(
            f"read as fractions ({len(r.fractions)}): plain numbers ≤ 1 under unit % in a column that keeps "
            f"rates that way — {', '.join(r.fractions)}; if a cell meant less than 1%, correct the facts file"
        )
    if r.unreadable:
        out.append(f"not read ({len(r.unreadable)}) — fix these rows in the workbook or add them by hand:")
        out += [f"  - {u.where}: {u.reason}" for u in r.unreadable]
    if r.skipped:
        out.append(f"skipped ({len(r.skipped)}):")
        out += [f"  - {u.where}: {u.reason}" for u in r.skipped]
    return out


def workbook_to_facts_file(
    path: Path,
    workspace_dir: Path,
    *,
    profile: str | None,
    year: int | None = None,
    organization: str | None = None,
    department: str | None = None,
    echo: Callable[[str], None] | None = None,
    ask: Callable[[list[str]], str] | None = None,
) -> Path:
    """Imports into WORKSPACE/facts.yaml (an edited one is refused) and returns its path, for `draft x.xlsx`."""
    imported = import_workbook(
        path, profile=profile, year=year, organization=organization, department=department, ask=ask
    )
    out = workspace_dir / FACTS_NAME
    write_stamped(imported.text, out)
    if echo is not None:
        for line in summary_lines(imported, out):
            echo(line)
    return out


def write(imported: Imported, out: Path, *, force: bool = False) -> Path | None:
    return write_stamped(imported.text, out, force=force)
