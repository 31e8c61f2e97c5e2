"""Renders an ExportDoc to .docx bytes in 公文 layout (styles in docx_style)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from zongjie.export.columns import CHANGE, lines_to_fit, widths_mm
from zongjie.export.comments import Anchor, attach
from zongjie.export.document import ExportDoc, Figure, MetricTable
from zongjie.export.docx_style import (
    BODY_FONT,
    BODY_SIZE,
    H1_FONT,
    HEADING_STYLES,
    LINE_PITCH,
    TABLE_SIZE,
    TITLE_FONT,
    set_fonts,
    setup_footers,
    setup_page,
    setup_styles,
    w,
)
from zongjie.export.markdown import Block, Run
from zongjie.finding import Finding
from zongjie.text.dates import years

TEXT_WIDTH_MM = 156  # 210 mm less the 28 mm and 26 mm margins
TITLE_LINE_CHARS = 19  # 二号 characters that fit one 156 mm line, with a margin for wide digits
CAPTION_SIZE = 14.0


def _add_runs(paragraph: Any, runs: list[Run], font: str, size: float | None = None) -> None:
    from docx.shared import Pt

    for r in runs:
        run = paragraph.add_run(r.text)
        set_fonts(run._r, font)
        if r.bold:
            run.bold = True
        if size is not None:
            run.font.size = Pt(size)


def _block(document: Any, block: Block) -> Any:
    from docx.shared import Pt

    if block.kind == "heading":
        style, font = HEADING_STYLES.get(block.level, HEADING_STYLES[4])
        para = document.add_paragraph(style=style)
        _add_runs(para, block.runs, font)
        return para
    para = document.add_paragraph(style="Normal")
    para.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
    _add_runs(para, block.runs, BODY_FONT)
    return para


def _caption(document: Any, text: str, font: str, *, above: bool = True) -> Any:
    """A 表 caption stands above its table and goes with it; a 图 caption is below, and ties to nothing."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = document.add_paragraph(style="Normal")
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.keep_with_next = above
    _add_runs(para, [Run(text)], font, CAPTION_SIZE)
    return para


def _cell_text(cell: Any, lines: list[str], *, header: bool, left: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    para = cell.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.LEFT if left and not header else WD_ALIGN_PARAGRAPH.CENTER
    pf = para.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.first_line_indent = Pt(0)
    for i, line in enumerate(lines):
        if i:
            para.add_run().add_break()
        _add_runs(para, [Run(line)], H1_FONT if header else BODY_FONT, TABLE_SIZE)


def _row_flag(row: Any, tag: str) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement(f"w:{tag}"))


def _table_width(grid: Any, width_mm: float) -> None:
    """w:tblW as the sum of the columns: with a fixed layout Word and LibreOffice then keep the grid as given."""
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    tbl_pr = grid._tbl.tblPr
    for old in tbl_pr.findall(w("tblW")):
        tbl_pr.remove(old)
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(w("w"), str(Mm(width_mm).twips))
    tbl_w.set(w("type"), "dxa")
    tbl_pr.insert_element_before(
        tbl_w,
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    )


def _table(document: Any, table: MetricTable) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    _caption(document, table.caption, H1_FONT)
    rows = [table.header, *table.rows]
    widths = widths_mm(rows, TEXT_WIDTH_MM)
    grid = document.add_table(rows=len(rows), cols=len(table.header))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False  # w:tblLayout fixed: the widths below are kept, not recomputed from the text
    _table_width(grid, sum(widths))
    for c, column in enumerate(grid.columns):
        column.width = Mm(widths[c])  # w:gridCol, which LibreOffice lays out by
    for r, values in enumerate(rows):
        row = grid.rows[r]
        _row_flag(row, "cantSplit")  # a row never breaks across pages; the table may, between rows
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = Mm(widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            lines = lines_to_fit(value, widths[c]) if r and c == CHANGE else [value]
            _cell_text(cell, lines, header=r == 0, left=c in (0, 3))
            if r < 2:
                # The caption, header and first row stay together; the rest may run onto the next page.
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    _row_flag(grid.rows[0], "tblHeader")  # the header row repeats when a table breaks a page
    document.add_paragraph(style="Normal")


def _figure(document: Any, figure: Figure) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    for i, (png, width) in enumerate(figure.rows):
        para = document.add_paragraph(style="Normal")
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf = para.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE  # a fixed 28.95 pt line would crop the picture
        pf.first_line_indent = Pt(0)
        # Only the last row is tied to the caption below it: earlier rows may end a page on their own.
        pf.keep_with_next = i == len(figure.rows) - 1
        para.add_run().add_picture(io.BytesIO(png), width=Mm(min(TEXT_WIDTH_MM, width)))
    # One blank line after it, as space rather than an empty paragraph: at a page foot it costs nothing.
    _caption(document, figure.caption, BODY_FONT, above=False).paragraph_format.space_after = Pt(LINE_PITCH)


def _signoff(document: Any, lines: list[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if not lines:
        return
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True  # 落款 never stands alone on a page
    document.add_paragraph(style="Normal").paragraph_format.keep_with_next = True
    for text in lines:
        para = document.add_paragraph(style="Normal")
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        para.paragraph_format.right_indent = Pt(BODY_SIZE * 4)  # 成文日期右空四字
        para.paragraph_format.keep_with_next = text != lines[-1]
        _add_runs(para, [Run(text)], BODY_FONT)


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def title_lines(title: str) -> list[str]:
    """A title too long for one line breaks before the year (单位名称 / 2025年度工作总结), not mid-word."""
    if _width(title) <= TITLE_LINE_CHARS:
        return [title]
    first = next(iter(years(title)), None)
    if first and first.start > 0 and _width(title[: first.start]) <= TITLE_LINE_CHARS:
        return [title[: first.start], title[first.start :]]
    return [title]


def _properties(document: Any, doc: ExportDoc, now: dt.datetime) -> None:
    """File > Properties: the report's title and author, made now (the template's own 2013 dates go)."""
    props = document.core_properties
    props.title = doc.title
    props.author = doc.author or ""
    props.last_modified_by = doc.author or ""
    props.comments = "zongjie"
    props.language = "zh-CN"
    props.revision = 1
    stamp = now.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)  # dcterms dates are UTC
    props.created = stamp
    props.modified = stamp


def render_docx(
    doc: ExportDoc,
    *,
    now: dt.datetime | None = None,
    comments: list[Finding] | None = None,
    headings: dict[str, str] | None = None,
) -> bytes:
    """The .docx; with `comments`, each finding is a Word comment on the words it quotes (`headings` maps
    section ids to headings, for findings that quote nothing)."""
    from docx import Document
    from docx.shared import Pt

    now = now or dt.datetime.now(dt.UTC)

    document = Document()
    setup_page(document)
    setup_styles(document)
    setup_footers(document)
    title = document.add_paragraph(style="Title")
    for i, line in enumerate(title_lines(doc.title)):
        if i:
            title.add_run().add_break()
        _add_runs(title, [Run(line)], TITLE_FONT)
    title.paragraph_format.space_after = Pt(LINE_PITCH)
    anchors = [Anchor(Block("title", [Run(doc.title)], level=1, line=1), title)]
    for item in doc.items:
        if isinstance(item, Block):
            anchors.append(Anchor(item, _block(document, item)))
        elif isinstance(item, MetricTable):
            _table(document, item)
        else:
            _figure(document, item)
    _signoff(document, doc.signoff)
    _properties(document, doc, now)
    if comments:
        attach(document, anchors, comments, headings or {})
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
