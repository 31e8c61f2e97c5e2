"""The web app: one FastAPI application over one served folder. Routes live in their page modules; this
module wires them and turns every error into a message on the page (the CLI's rule: errors become
messages at the edge, never a traceback)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from zongjie.errors import ZongjieError
from zongjie.web import draft, export, facts, review, settings, start
from zongjie.web.folder import Folder, NotFound
from zongjie.web.jobs import Busy
from zongjie.web.site import MAX_BODY, Site, TooLarge, package_dir, page

log = logging.getLogger("zongjie.web")


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith("/status") or "application/json" in request.headers.get("accept", "")


def message(request: Request, text: str, status: int) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": text}, status_code=status)
    return page(request, "message.html", status, message=text, title="出错了")


def make_app(root: Path, *, debug: bool = False, allowed_hosts: set[str] | None = None) -> FastAPI:
    """The app serving `root`. `allowed_hosts`: the Host names it answers (None: any, for tests and for a
    server started on another address on purpose)."""
    app = FastAPI(title="zongjie", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.site = Site(folder=Folder(root), debug=debug)
    app.mount("/static", StaticFiles(directory=package_dir("static")), name="static")
    for module in (start, facts, draft, review, export, settings):
        app.include_router(module.router)

    @app.middleware("http")
    async def _guard(request: Request, call_next: Any) -> Response:
        # Another web site open in the same browser must not drive this page: a cross-site form post (its
        # Origin is not this server) is refused, and so is a Host this server was not started for (DNS
        # rebinding makes evil.example resolve to 127.0.0.1).
        host = request.headers.get("host", "")
        if allowed_hosts is not None and host.rsplit(":", 1)[0].strip("[]") not in allowed_hosts:
            return message(request, f"这个页面只接受 {', '.join(sorted(allowed_hosts))} 的访问", 403)
        origin = request.headers.get("origin")
        if request.method not in ("GET", "HEAD") and origin and origin.split("://", 1)[-1] != host:
            return message(request, "拒绝来自其他网站的提交", 403)
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > MAX_BODY):
            return message(request, f"上传内容太大（上限 {MAX_BODY // 1024 // 1024} MB）", 413)
        response: Response = await call_next(request)
        return response

    @app.exception_handler(Busy)
    async def _busy(request: Request, exc: Busy) -> Response:
        return message(request, str(exc), 409)

    @app.exception_handler(TooLarge)
    async def _too_large(request: Request, exc: TooLarge) -> Response:
        return message(request, str(exc), 413)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return message(request, f"找不到：{exc}", 404)

    @app.exception_handler(ZongjieError)
    async def _zongjie(request: Request, exc: ZongjieError) -> Response:
        return message(request, str(exc), 400 if exc.exit_code == 2 else 422)

    @app.exception_handler(OSError)
    async def _os(request: Request, exc: OSError) -> Response:
        where = f"{exc.filename}: " if exc.filename else ""
        return message(request, f"{where}{exc.strerror or exc}", 400)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) or "body" for e in exc.errors())
        return message(request, f"请求不完整或格式不对：{fields}", 400)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        text = "找不到这个页面" if exc.status_code == 404 else str(exc.detail)
        return message(request, text, exc.status_code)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        # The traceback stays on the server's console, and only with --debug.
        if debug:
            log.exception("internal error")
        else:
            log.error("internal error: %s (run with --debug for the traceback)", type(exc).__name__)
        return message(request, "内部错误，请报告这个问题（服务器加 --debug 可看到详情）", 500)

    return app
