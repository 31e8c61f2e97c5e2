"""What every page module shares: the Site (served folder, running drafts, chosen model), the templates and
`page`, the size limits. Its own module so that app.py (which wires the routers) and the page modules (which
need these) do not import each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from zongjie.errors import BadInput
from zongjie.web.folder import Folder
from zongjie.web.jobs import Jobs
from zongjie.web.model import ModelChoice

# Uploads and form posts larger than this are refused before they are read.
MAX_BODY = 4 * 1024 * 1024
MAX_UPLOAD = 1024 * 1024  # one notes or facts file


class TooLarge(BadInput):
    """An upload or text over its size limit (HTTP 413)."""


@dataclass
class Site:
    """What the routes share: the served folder, the running drafts, the model chosen on the settings page
    (kept in memory only: the key is never written anywhere)."""

    folder: Folder
    jobs: Jobs = field(default_factory=Jobs)
    model: ModelChoice = field(default_factory=ModelChoice)
    debug: bool = False


def package_dir(name: str) -> Path:
    return Path(str(resources.files("zongjie.web").joinpath(name)))


templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(package_dir("templates")),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)


def site(request: Request) -> Site:
    found: Site = request.app.state.site
    return found


def page(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("message", None)
    context.setdefault("sid", None)
    context.setdefault("title", "zongjie 总结")
    return templates.TemplateResponse(request, name, {"site": site(request), **context}, status_code=code)
