"""The facts form: shows a summary's facts file with check's messages and extract's questions at their
fields and the gap report beside; saving writes the file (a backup of the previous one is kept)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from zongjie.errors import BadInput
from zongjie.facts.gaps import gaps
from zongjie.facts.load import parse
from zongjie.files import read_text, replace_keeping_backup
from zongjie.web import form
from zongjie.web.facts_file import comments_of, with_comments
from zongjie.web.site import MAX_UPLOAD, TooLarge, page, site
from zongjie.web.start import profile_names

router = APIRouter()
MAX_FIELDS = 50_000  # a facts file with a thousand metrics is eight thousand fields


def _read(path: Path) -> str:
    if path.is_file() and path.stat().st_size > 4 * MAX_UPLOAD:
        raise TooLarge(f"{path.name} 太大，无法在网页上编辑（请用编辑器打开）")
    return read_text(path, "facts file")


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _rest(obj: Any, shown: str) -> str:
    """The entry's fields the form does not show, carried through a hidden field."""
    keys = set(shown.split())
    extra = {k: v for k, v in obj.items() if k not in keys} if isinstance(obj, dict) else {}
    return json.dumps(extra, ensure_ascii=False, default=str) if extra else ""


def _render(
    request: Request,
    sid: str,
    posted: form.Posted,
    marks: form.Marks,
    *,
    status: int = 200,
    notice: str | None = None,
) -> Response:
    data = posted.data
    facts = None
    if not marks.errors:
        try:
            facts = parse(with_comments(data), "facts.yaml")
        except BadInput:
            facts = None
    profile = form.profile_of(data)
    grouped = form.row_comments(posted.comments.above)
    inline = form.row_comments(posted.comments.inline)
    return page(
        request,
        "facts.html",
        status,
        sid=sid,
        step="facts",
        title="填写事实",
        data=data,
        marks=marks,
        grouped=grouped,
        head=posted.comments.head,
        tail=posted.comments.tail,
        unplaced=[line.lstrip(" -") for line in posted.comments.tail if line.lstrip(" -").startswith("L")],
        profile=profile,
        profiles=profile_names(),
        suggestions=form.suggestions(data, profile),
        gaps=gaps(facts) if facts is not None else None,
        notice=notice,
        m=lambda x: x if isinstance(x, dict) else {},
        items=lambda x: list(enumerate(x)) if isinstance(x, list) else [],
        v=_shown,
        rest=_rest,
        cj=lambda row: json.dumps(grouped.get(row, {}), ensure_ascii=False) if grouped.get(row) else "",
        ij=lambda row: json.dumps(inline.get(row, {}), ensure_ascii=False) if inline.get(row) else "",
        qs=lambda row: form.questions(grouped, row),
        lower=lambda key, metric: (
            metric.get("better") == "lower"
            or (metric.get("better") is None and form.lower_by_default(profile, key, metric.get("name")))
        ),
        dflt=lambda key, name: "lower" if form.lower_by_default(profile, key, name) else "",
        jd=lambda x: json.dumps(x, ensure_ascii=False),
    )


@router.get("/s/{sid}/facts", response_class=HTMLResponse)
def facts_page(request: Request, sid: str, saved: str | None = None) -> Response:
    path = site(request).folder.facts_path(sid)
    text = _read(path)
    comments = comments_of(text)  # refuses an alias bomb before anything expands it
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        _, marks = form.validate(text, path.name)
        problems = "\n".join(marks.rest()) or "expected a mapping with `report:` at the top"
        raise BadInput(f"{path.name} 无法在表格中显示，请用编辑器修改：\n{problems}")
    _, marks = form.validate(text, path.name)
    notice = None
    if saved is not None:
        backup = re.fullmatch(r"[\w.-]{1,80}\.bak\d*", saved)  # only a backup's name is echoed
        notice = "已保存。" + (f"原来的文件保存为 {saved}。" if backup else "")
    return _render(request, sid, form.Posted(data, comments), marks, notice=notice)


@router.post("/s/{sid}/facts", response_class=HTMLResponse)
async def save_facts(request: Request, sid: str) -> Response:
    path = site(request).folder.facts_path(sid)
    async with request.form(max_fields=MAX_FIELDS) as submitted:
        items = [(k, v) for k, v in submitted.multi_items() if isinstance(v, str)]
        action = str(submitted.get("__action") or "save")
    posted = form.read_form(items)
    if path.suffix.lower() == ".json":
        text = json.dumps(posted.data, ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        text = with_comments(posted.data, posted.comments)
    _, marks = form.validate(text, path.name)
    if marks.errors:
        return _render(request, sid, posted, marks, status=400)
    if action == "check":
        return _render(request, sid, posted, marks, notice="检查通过（尚未保存）。")
    backup = replace_keeping_backup(path, text)
    return RedirectResponse(f"/s/{sid}/facts?saved={backup.name if backup else ''}", status_code=303)
