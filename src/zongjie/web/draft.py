"""Draft page: one click drafts the whole summary in the background; the page polls the status and shows each
section as it finishes, with report.json's status (ok / repaired / spliced / fallback / flagged)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from zongjie import pipeline
from zongjie.errors import ZongjieError
from zongjie.facts.load import load as load_facts
from zongjie.plan import build_plan
from zongjie.web.jobs import Job
from zongjie.web.model import describe, refused, said
from zongjie.web.site import Site, page, site
from zongjie.web.trace import render_section
from zongjie.workspace.endpoint import endpoint_of
from zongjie.workspace.store import Workspace
from zongjie.writer.factory import make_writer

router = APIRouter()

STATUS_WORDS = {
    "ok": "通过",
    "repaired": "修复后通过",
    "spliced": "部分句子已替换",
    "fallback": "改用离线写作",
    "flagged": "有错误，已保留",
}
PHASE_WORDS = {
    "waiting": "等待",
    "start": "写作中…",
    "done": "已完成",
    "kept": "未变（沿用）",
    "edited": "您改过，保留",
    "failed": "失败",
}


def _recorded_model(ws: Workspace) -> str | None:
    """The model that wrote this workspace, when it is not the one chosen now (its sections would be redone)."""
    if not ws.exists():
        return None
    endpoint = ws.load_state().endpoint
    return f"{endpoint.model} @ {endpoint.base_url}" if endpoint is not None else None


@router.get("/s/{sid}/draft", response_class=HTMLResponse)
def draft_page(request: Request, sid: str) -> Response:
    the_site = site(request)
    ws_dir = the_site.folder.workspace_dir(sid)
    ws = Workspace(ws_dir)
    choice = the_site.model.for_workspace(ws)
    settings = choice.settings
    recorded = _recorded_model(ws)
    differs = settings is not None and recorded != f"{settings.model} @ {settings.base_url}"
    return page(
        request,
        "draft.html",
        sid=sid,
        step="draft",
        title="起草",
        writer=describe(settings) if settings is not None else "（需要在模型设置里确认）",
        reused=said(choice),
        refused=refused(choice) if settings is None else None,
        recorded=recorded if recorded and differs else None,
        status=status(the_site, sid),
    )


@router.post("/s/{sid}/draft")
def start_draft(request: Request, sid: str) -> Response:
    the_site = site(request)
    ws_dir = the_site.folder.workspace_dir(sid)
    facts_path = the_site.folder.facts_path(sid)
    load_facts(facts_path)  # bad facts are a message now, not a failed background run
    Workspace(ws_dir).check_usable()
    settings = the_site.model.settings_for(Workspace(ws_dir))  # the recorded model, as the CLI reuses it

    def work(job: Job) -> str:
        # Made in the drafting thread: the LLM writer's response cache (SQLite) belongs to its thread.
        result = pipeline.draft(
            facts_path,
            ws_dir,
            make_writer(settings),
            jobs=settings.section_jobs,
            endpoint=endpoint_of(settings),
            on_event=job.on_event,
        )
        return f"{len(result.state.sections)} 节，新写 {len(result.generated)} 节"

    the_site.jobs.start(ws_dir, work)
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"started": True}, status_code=202)
    return RedirectResponse(f"/s/{sid}/draft", status_code=303)


@router.get("/s/{sid}/draft/status")
def draft_status(request: Request, sid: str) -> Response:
    return JSONResponse(status(site(request), sid))


def status(the_site: Site, sid: str) -> dict[str, Any]:
    """What the draft page shows: every planned section, its phase in the running draft and its recorded
    status, and the text of the finished ones."""
    ws_dir = the_site.folder.workspace_dir(sid)
    ws = Workspace(ws_dir)
    job = the_site.jobs.last.get(ws_dir)
    out: dict[str, Any] = {
        "running": the_site.jobs.running(ws_dir),
        "error": job.error if job else None,
        "summary": job.summary if job and job.done else "",
        "sections": [],
        "facts_error": None,
        "errors": 0,
        "warnings": 0,
    }
    try:
        facts = load_facts(the_site.folder.facts_path(sid))
    except ZongjieError as exc:
        out["facts_error"] = str(exc)
        return out
    state = ws.load_state() if ws.exists() else None
    for task in build_plan(facts):
        rec = state.record(task.id) if state else None
        phase = (job.events.get(task.id) if job else None) or ("done" if rec else "waiting")
        if job and not job.done and task.id not in job.events:
            phase = "waiting"
        text = ws.read_section(rec) if rec is not None and phase not in ("waiting", "start") else None
        out["sections"].append(
            {
                "id": task.id,
                "heading": task.heading,
                "level": task.level,
                "phase": phase,
                "phase_words": PHASE_WORDS.get(phase, phase),
                "status": rec.status if rec else None,
                "status_words": STATUS_WORDS.get(rec.status, rec.status) if rec else "",
                "writer": rec.writer if rec else "",
                "html": render_section(text, task, rec.findings, level=rec.level, heading=False)
                if text and rec
                else "",
            }
        )
    if state is not None:
        findings = [f for r in state.sections for f in r.findings] + state.findings
        out["errors"] = sum(f.is_error for f in findings)
        out["warnings"] = sum(f.severity == "warning" for f in findings)
    return out
