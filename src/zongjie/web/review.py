"""Review page: the draft section by section, numbers traced to their facts, findings in place; each section
can be edited (saved to its file, so the CLI's hand-edit protection applies), redone with a hint (regen),
and compared with its previous text (kept in the workspace's backups/)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from zongjie import pipeline
from zongjie.config import Settings
from zongjie.errors import WorkspaceError, ZongjieError
from zongjie.facts.load import load as load_facts
from zongjie.plan import build_plan
from zongjie.web.draft import STATUS_WORDS
from zongjie.web.folder import check_section_id
from zongjie.web.site import MAX_UPLOAD, TooLarge, page, site
from zongjie.web.trace import render_section
from zongjie.workspace.lock import workspace_lock
from zongjie.workspace.store import SectionRecord, State, Workspace
from zongjie.writer.factory import make_writer

router = APIRouter()

DONE = {
    "edit": "已保存您的修改，草稿已重新汇总和检查。",
    "same": "内容没有变化。",
    "regen": "已重写这一节（原来的文字保存在 backups/ 里，可点“对比”查看）。",
    "regen-hint": "离线写作无法按提示修改，只是根据事实重写了这一节；要按提示改写，请在“模型设置”里配置模型。",
}


def _state(ws: Workspace) -> State:
    if not ws.exists():
        raise WorkspaceError("这个总结还没有起草：请先在“起草”页点“开始起草”")
    return ws.load_state()


def _record(state: State, section_id: str) -> SectionRecord:
    check_section_id(section_id)
    rec = state.record(section_id)
    if rec is None:
        raise WorkspaceError(f"no section {section_id!r} in this draft")
    return rec


def previous_versions(ws: Workspace, rec: SectionRecord) -> list[Path]:
    """Earlier texts of a section, oldest first (ws.backup names them STEM.TIMESTAMP.md)."""
    stem = Path(rec.file).stem
    if not ws.backup_dir.is_dir():
        return []
    return sorted(p for p in ws.backup_dir.glob(f"{stem}.*.md") if p.name[len(stem) + 1 :][:1].isdigit())


@router.get("/s/{sid}/review", response_class=HTMLResponse)
def review_page(request: Request, sid: str, done: str | None = None) -> Response:
    ws = Workspace(site(request).folder.workspace_dir(sid))
    state = _state(ws)
    facts_problem = None
    try:
        tasks = {t.id: t for t in build_plan(load_facts(site(request).folder.facts_path(sid)))}
    except ZongjieError as exc:
        tasks, facts_problem = {}, str(exc)
    sections: list[dict[str, Any]] = []
    for rec in state.sections:
        text = ws.read_section(rec)
        sections.append(
            {
                "rec": rec,
                "text": text,
                "html": render_section(text, tasks.get(rec.id), rec.findings, level=rec.level)
                if text
                else "",
                "edited": text is not None and ws.edited(rec),
                "previous": bool(previous_versions(ws, rec)),
                # "通过" beside "1 处错误" reads as a contradiction: the writer's status only speaks when
                # nothing is left to fix.
                "status_words": "需要修改"
                if any(f.is_error for f in rec.findings) and rec.status in ("ok", "repaired")
                else STATUS_WORDS.get(rec.status, rec.status),
                "errors": sum(f.is_error for f in rec.findings),
                "warnings": sum(f.severity == "warning" for f in rec.findings),
            }
        )
    return page(
        request,
        "review.html",
        sid=sid,
        step="review",
        title="审阅",
        sections=sections,
        document_findings=state.findings,
        facts_problem=facts_problem,
        notice=DONE.get(done or ""),
        writer_is_model=_uses_model(site(request).model.for_workspace(ws).settings),
    )


def _uses_model(settings: Settings | None) -> bool:
    return settings is None or settings.uses_llm  # None: a recorded model, to be named again before use


def _back(sid: str, section_id: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"/s/{sid}/review?done={done}#sec-{section_id}", status_code=303)


@router.post("/s/{sid}/sections/{section_id}/edit")
def edit_section(request: Request, sid: str, section_id: str, text: str = Form(...)) -> Response:
    """Saves the text to the section file as the user wrote it (state is not told: the file now reads as
    edited by hand, so draft and regen keep it), backs up what was there, and re-assembles the draft."""
    if len(text.encode("utf-8")) > MAX_UPLOAD:
        raise TooLarge(f"这一节太长（上限 {MAX_UPLOAD // 1024} KB）")
    ws_dir = site(request).folder.workspace_dir(sid)
    ws = Workspace(ws_dir)
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"
    with site(request).jobs.turn(ws_dir), workspace_lock(ws_dir, command="serve: edit"):
        rec = _record(_state(ws), section_id)
        current = ws.read_section(rec)
        if current == text:
            return _back(sid, section_id, "same")
        if current is not None:
            ws.backup(ws.section_path(rec.file))
        ws.write_section(rec.file, text)
        pipeline.reassemble(ws_dir)
    return _back(sid, section_id, "edit")


@router.post("/s/{sid}/sections/{section_id}/regen")
def regen_section(
    request: Request, sid: str, section_id: str, hint: str = Form(""), force: bool = Form(False)
) -> Response:
    the_site = site(request)
    ws_dir = the_site.folder.workspace_dir(sid)
    ws = Workspace(ws_dir)
    hint = hint.strip()[:500]
    with the_site.jobs.turn(ws_dir), workspace_lock(ws_dir, command="serve: regen"):
        settings = the_site.model.settings_for(ws)  # the recorded model, as the CLI's regen reuses it
        rec = _record(_state(ws), section_id)
        edited = ws.edited(rec)
        if edited and not force:
            raise WorkspaceError(
                "这一节您改过；重写会替换您的修改。要重写，请勾选“替换我的修改”（原文会保存在 backups/ 里）"
            )
        if not edited and ws.read_section(rec) is not None:
            ws.backup(ws.section_path(rec.file))  # the pipeline backs up edited text itself
        pipeline.regen(ws_dir, section_id, make_writer(settings), hint=hint or None, force=force)
    return _back(sid, section_id, "regen-hint" if hint and not settings.uses_llm else "regen")


def diff_html(old: str, new: str) -> Markup:
    """Line by line; a changed line shows the characters removed and added (Chinese has no word breaks)."""
    out: list[str] = []
    a, b = old.splitlines(), new.splitlines()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [Markup('<p class="same">{}</p>').format(line) for line in a[i1:i2]]
            continue
        pairs = list(zip(a[i1:i2], b[j1:j2], strict=False)) if op == "replace" else []
        for x, y in pairs:
            parts: list[str] = []
            for cop, x1, x2, y1, y2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
                if cop in ("delete", "replace"):
                    parts.append(Markup("<del>{}</del>").format(x[x1:x2]))
                if cop in ("insert", "replace"):
                    parts.append(Markup("<ins>{}</ins>").format(y[y1:y2]))
                if cop == "equal":
                    parts.append(str(escape(x[x1:x2])))
            out.append(Markup('<p class="changed">{}</p>').format(Markup("".join(parts))))
        out += [Markup('<p class="removed"><del>{}</del></p>').format(x) for x in a[i1 + len(pairs) : i2]]
        out += [Markup('<p class="added"><ins>{}</ins></p>').format(y) for y in b[j1 + len(pairs) : j2]]
    return Markup("\n".join(out))


@router.get("/s/{sid}/sections/{section_id}/diff", response_class=HTMLResponse)
def section_diff(request: Request, sid: str, section_id: str) -> Response:
    ws = Workspace(site(request).folder.workspace_dir(sid))
    rec = _record(_state(ws), section_id)
    versions = previous_versions(ws, rec)
    current = ws.read_section(rec) or ""
    previous = versions[-1].read_text(encoding="utf-8") if versions else None
    return page(
        request,
        "diff.html",
        sid=sid,
        step="review",
        title=f"对比：{rec.heading}",
        rec=rec,
        diff=diff_html(previous, current) if previous is not None else None,
        backup=versions[-1].name if versions else None,
        count=len(versions),
    )
