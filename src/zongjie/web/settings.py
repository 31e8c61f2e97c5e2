"""Model settings page: provider preset, base URL, model, key. The key is kept in this server's memory only
and never shown again (the page says whether one is set)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from zongjie.config import PRESETS
from zongjie.errors import BadInput
from zongjie.web.model import describe
from zongjie.web.site import page, site

router = APIRouter()


def _page(
    request: Request, status: int = 200, message: str | None = None, notice: str | None = None
) -> Response:
    choice = site(request).model
    try:
        writer = describe(choice.settings())
    except BadInput as exc:
        writer, message = "（配置有误）", message or str(exc)
    return page(
        request,
        "settings.html",
        status,
        title="模型设置",
        choice=choice,
        presets=PRESETS,
        writer=writer,
        message=message,
        notice=notice,
    )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, saved: bool = False) -> Response:
    return _page(request, notice="已保存。" if saved else None)


@router.post("/settings")
def save_settings(
    request: Request,
    provider: str = Form(""),
    base_url: str = Form(""),
    model: str = Form(""),
    api_key: str = Form(""),
    forget: bool = Form(False),
    offline: bool = Form(False),
) -> Response:
    choice = site(request).model
    try:
        choice.update(
            provider.strip(), base_url.strip(), model.strip(), api_key.strip(), forget=forget, offline=offline
        )
    except BadInput as exc:
        return _page(request, 400, message=str(exc))
    return RedirectResponse("/settings?saved=true", status_code=303)
