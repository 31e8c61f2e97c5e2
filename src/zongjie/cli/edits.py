"""`import-edits`: a revised Word file of the draft taken back into the workspace's section files."""

from __future__ import annotations

from pathlib import Path

import typer

from zongjie.cli.options import WAIT
from zongjie.cli.output import say


def register(app: typer.Typer) -> None:
    @app.command("import-edits")
    def import_edits(
        workspace: Path = typer.Argument(..., help="Workspace directory written by `zongjie draft`."),
        docx: Path = typer.Argument(
            ..., help="The .docx revised in Word or WPS (exported by zongjie or not)."
        ),
        wait: bool = WAIT,
    ) -> None:
        """Take the edits of a revised .docx back into the section files, by heading.

        Sections whose text changed become hand-edited sections (kept by `draft`, protected from `regen`);
        text under a heading that matches no section is reported and kept in unplaced-edits.md. Tables,
        charts and the 落款 are not read back: they are made from the facts file.

        Example: zongjie import-edits out 年度工作总结-科长修改.docx
        """
        from zongjie import pipeline
        from zongjie.cli.workspace import _report
        from zongjie.errors import BadInput
        from zongjie.export.wordread import read_docx, sources
        from zongjie.workspace.lock import workspace_lock
        from zongjie.workspace.store import Workspace

        if docx.suffix.lower() != ".docx" or not docx.is_file():
            raise BadInput(f"{docx}: give the Word file (.docx) to read the edits from")
        ws = Workspace(workspace)
        ws.require()
        with workspace_lock(workspace, command="import-edits", wait=wait):
            state = ws.load_state()
            known = sources([t for r in state.sections if (t := ws.read_section(r)) is not None])
            read = read_docx(docx, known)
            for line in read.skipped:
                say(f"not read back: {line}")
            _report(pipeline.import_edits(workspace, read.markdown, docx.name), "import-edits")
