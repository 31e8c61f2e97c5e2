"""Export page: download the draft as .docx or .html (the CLI's export, hand edits included); when error
findings remain, the download first asks for confirmation."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from zongjie.export import export_workspace
from zongjie.web.folder import NotFound
from zongjie.web.review import _state
from zongjie.web.site import page, site
from zongjie.workspace.store import Workspace

router = APIRouter()
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


@router.get("/s/{sid}/export", response_class=HTMLResponse)
def export_page(request: Request, sid: str, fmt: str | None = None) -> Response:
    state = _state(Workspace(site(request).folder.workspace_dir(sid)))
    errors = [f for r in state.sections for f in r.findings if f.is_error] + [
        f for f in state.findings if f.is_error
    ]
    if fmt is not None and fmt not in MEDIA:
        raise NotFound(f"no export format {fmt!r}")
    return page(
        request,
        "export.html",
        sid=sid,
        step="export",
        title="导出",
        errors=errors,
        confirm=fmt,
        drafted={r.id for r in state.sections},
    )


@router.get("/s/{sid}/export/{fmt}")
def download(request: Request, sid: str, fmt: str, confirm: bool = False) -> Response:
    if fmt not in MEDIA:
        raise NotFound(f"no export format {fmt!r}")
    the_site = site(request)
    ws_dir = the_site.folder.workspace_dir(sid)
    state = _state(Workspace(ws_dir))
    has_errors = any(f.is_error for r in state.sections for f in r.findings) or any(
        f.is_error for f in state.findings
    )
    if has_errors and not confirm:
        return export_page(request, sid, fmt)
    with the_site.jobs.turn(ws_dir):
        result = export_workspace(ws_dir, "docx" if fmt == "docx" else "html", None)
    return FileResponse(result.path, media_type=MEDIA[fmt], filename=result.path.name)
