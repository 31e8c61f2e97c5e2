"""Opens an .xlsx with openpyxl and turns each sheet into a grid of cells that know their address, their
number format (Excel's % format stores 98.5% as 0.985) and whether a formula's cached value is missing.

openpyxl rather than python-calamine: calamine returns values only, and a percentage is then 0.985 with
nothing to say it was shown as 98.5%; openpyxl gives the number format, the merged ranges and, by reading
the file twice, both a formula and the value Excel cached for it."""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zongjie.errors import BadInput

_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # Compound File: an encrypted .xlsx, or an old .xls
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
MAX_BYTES = 50 * 1024 * 1024
# A year's 台账 is hundreds of rows; a sheet formatted down to row 1048576 must not take minutes to read.
MAX_ROWS, MAX_COLUMNS = 20000, 64


@dataclass(frozen=True)
class Cell:
    value: Any  # str, int, float, bool, datetime, or None
    number_format: str
    coord: str  # B7
    uncached: bool = False  # a formula Excel never computed here (written by a script, never opened)

    @property
    def text(self) -> str:
        return "" if self.value is None else str(self.value).strip()


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]  # merged cells carry their range's value; rows[i] is Excel row i + 1
    cut: bool = False  # the sheet is larger than MAX_ROWS × MAX_COLUMNS and was read only that far


def _check_bytes(data: bytes, source: str) -> None:
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise BadInput(
                f"{source}: the workbook is password-protected (encrypted); open it in Excel or WPS, remove the "
                "password (文件 → 信息 → 保护工作簿 / 文档加密), save it and import again"
            )
        raise BadInput(
            f"{source}: an old .xls (Excel 97-2003) workbook; save it as .xlsx in Excel or WPS "
            "(另存为 → Excel 工作簿 *.xlsx) and import that"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BadInput(f"{source}: not an Excel .xlsx workbook (save the table as .xlsx and import that)")


def open_book(path: Path) -> list[Sheet]:
    """Every sheet of the workbook; a file that is not a readable .xlsx is BadInput saying what to do."""
    source = path.name
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise BadInput(f"{source}: larger than {MAX_BYTES // 1024 // 1024} MB; is this the right file?")
    data = path.read_bytes()
    _check_bytes(data, source)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation and headers it drops
            values = load_workbook(io.BytesIO(data), data_only=True)
            formulas = load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        raise BadInput(
            f"{source}: cannot be read as an .xlsx workbook ({type(exc).__name__}: {exc})"
        ) from None
    sheets = []
    for ws in values.worksheets:
        height, width = _extent(ws, formulas[ws.title])
        cut = height > MAX_ROWS or width > MAX_COLUMNS
        grid = _grid(ws, formulas[ws.title], min(height, MAX_ROWS), min(width, MAX_COLUMNS))
        sheets.append(Sheet(ws.title, grid, cut))
    return sheets


def _extent(ws: Any, fws: Any) -> tuple[int, int]:
    """The last row and column that hold a value (or a formula). openpyxl's max_row counts cells that only
    carry a format, and a sheet formatted down to row 1048576 would otherwise be read to its end."""
    cells = getattr(fws, "_cells", None)
    if not isinstance(cells, dict):  # openpyxl changed its internals: fall back to its dimensions
        return ws.max_row or 0, ws.max_column or 0
    filled = [rc for rc, cell in cells.items() if cell.value is not None]
    for rng in ws.merged_cells.ranges:
        filled.append((rng.max_row, rng.max_col))
    return max((r for r, _ in filled), default=0), max((c for _, c in filled), default=0)


def _grid(ws: Any, fws: Any, height: int, width: int) -> list[list[Cell]]:
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                anchors[(r, c)] = (rng.min_row, rng.min_col)
    rows: list[list[Cell]] = []
    for r in range(1, height + 1):
        row: list[Cell] = []
        for c in range(1, width + 1):
            ar, ac = anchors.get((r, c), (r, c))
            cell = ws.cell(ar, ac)
            formula = fws.cell(ar, ac)
            uncached = cell.value is None and formula.data_type == "f"
            coord = ws.cell(r, c).coordinate
            row.append(Cell(cell.value, str(cell.number_format or "General"), coord, uncached))
        rows.append(row)
    return rows
