"""Start page: a new summary from a profile, an existing summary or facts file, or notes pasted/uploaded
and extracted into a facts form."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.facts.model import default_year
from zongjie.files import atomic_write
from zongjie.web.facts_file import new_facts_text
from zongjie.web.site import MAX_UPLOAD, TooLarge, page, site
from zongjie.workspace.store import NOTES_FACTS

router = APIRouter()


def profile_names() -> list[tuple[str, str]]:
    return [(p, profiles.load(p).name) for p in profiles.available()]


@router.get("/", response_class=HTMLResponse)
def start_page(request: Request) -> Response:
    folder = site(request).folder
    return page(
        request,
        "start.html",
        summaries=folder.summaries(),
        facts_files=folder.facts_files(),
        profiles=profile_names(),
        year=default_year(dt.date.today()),
    )


def form_year(text: str) -> int | None:
    """The 报告年度 field: empty → None; otherwise a year 2000–2100 (full-width digits accepted). Checked here
    so the page speaks of its own field: the notes extractor's message names the CLI's --year flag."""
    text = text.strip()
    if not text:
        return None
    if not (text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        raise BadInput("报告年度：请填写 2000 到 2100 之间的四位年份，例如 2025")
    return int(text)


def _to_facts(sid: str) -> RedirectResponse:
    return RedirectResponse(f"/s/{sid}/facts", status_code=303)


@router.post("/new")
def new_summary(
    request: Request, profile: str = Form(...), year: str = Form(...), organization: str = Form("")
) -> Response:
    spec = profiles.load(profile)  # an unknown profile is BadInput naming the known ones
    report_year = form_year(year)
    if report_year is None:
        raise BadInput("报告年度：请填写年份，例如 2025")
    sid, path = site(request).folder.new_summary(f"{spec.name}{report_year}")
    atomic_write(path / NOTES_FACTS, new_facts_text(spec, report_year, organization.strip()))
    return _to_facts(sid)


async def read_upload(upload: UploadFile, what: str) -> str:
    """An uploaded file as text: read as data (its name is never used as a path), capped in size, UTF-8
    (with or without BOM) or else GB18030 — what Windows Notepad saves as "ANSI"."""
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise TooLarge(f"{what}太大（上限 {MAX_UPLOAD // 1024} KB）")
    return decode(data, what)


def decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise BadInput(f"{what}不是文本（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 文本") from None


@router.post("/open")
def open_facts_file(request: Request, name: str = Form(...)) -> Response:
    folder = site(request).folder
    source = folder.facts_file(name)  # by listed name only
    text = decode(source.read_bytes()[: MAX_UPLOAD + 1], name)
    return _import_facts(request, Path(name).stem, text)


@router.post("/upload-facts")
async def upload_facts(request: Request, file: UploadFile = File(...)) -> Response:
    text = await read_upload(file, "事实文件")
    return _import_facts(request, Path(file.filename or "facts").stem, text)


def _import_facts(request: Request, wanted: str, text: str) -> Response:
    """A copy of the facts goes into a new summary folder; the original file is never changed."""
    if not text.strip():
        raise BadInput("事实文件是空的")
    sid, path = site(request).folder.new_summary(wanted)
    atomic_write(path / NOTES_FACTS, text)
    return _to_facts(sid)


@router.post("/notes")
async def from_notes(
    request: Request,
    profile: str = Form(...),
    text: str = Form(""),
    year: str = Form(""),
    file: UploadFile | None = File(None),
) -> Response:
    """Notes → extraction (offline rules, or the configured model) → a facts file with its questions."""
    from zongjie.notes import extract_notes, write_facts

    notes = await read_upload(file, "笔记文件") if file is not None and file.filename else text
    if len(notes.encode("utf-8")) > MAX_UPLOAD:
        raise TooLarge(f"笔记太大（上限 {MAX_UPLOAD // 1024} KB）")
    if not notes.strip():
        raise BadInput("请先粘贴笔记（notes），或选择笔记文件")
    spec = profiles.load(profile)
    report_year = form_year(year)
    with tempfile.TemporaryDirectory(prefix="zongjie-notes-") as tmp:
        notes_path = Path(tmp) / "notes.md"
        notes_path.write_text(notes, encoding="utf-8")
        extracted = extract_notes(
            notes_path, profile=spec.id, settings=site(request).model.settings(), year=report_year
        )
    sid, path = site(request).folder.new_summary(f"{spec.name}{extracted.extraction.report.get('year', '')}")
    write_facts(extracted, path / NOTES_FACTS)
    return _to_facts(sid)
