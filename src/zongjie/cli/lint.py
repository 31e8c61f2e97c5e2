"""`zongjie lint`: check any Markdown summary against the writing guidelines and, optionally, the facts."""

from __future__ import annotations

from pathlib import Path

import typer

from zongjie.cli.output import say
from zongjie.lint.report import OutputFormat


def register(app: typer.Typer) -> None:
    @app.command()
    def lint(
        file: Path | None = typer.Argument(None, help="Markdown draft to check; - reads stdin"),
        facts: Path | None = typer.Option(
            None, "--facts", help="facts file: enables the number-fidelity rules"
        ),
        fmt: OutputFormat = typer.Option("text", "--format", help="text for people, json for tools"),
        disable: list[str] = typer.Option(
            [], "--disable", help="rule ids to skip: repeat the option or separate ids with commas"
        ),
        fix: bool = typer.Option(
            False, "--fix", help="fix punctuation in place (keeps FILE.md.bak, then .bak2, …)"
        ),
        list_rules: bool = typer.Option(False, "--list-rules", help="print the rules and exit"),
    ) -> None:
        """Check a Markdown summary: placeholders, 套话, SMART plans, and every number against the facts.

        Exit 0 when no finding is an error, 1 when one is, 2 on bad input.

        Example: zongjie lint out/draft.md --facts facts.yaml --format json
        """
        from zongjie.errors import BadInput
        from zongjie.lint import report
        from zongjie.lint.api import check_rule_ids, exit_code, lint_markdown, read_config

        if list_rules:
            typer.echo(report.rules_text())
            return
        if file is None:
            raise BadInput("give a Markdown file to lint, e.g. zongjie lint draft.md")
        config = read_config()
        skip = {r.strip() for item in disable for r in item.replace("，", ",").split(",") if r.strip()}
        check_rule_ids(skip, "--disable")
        text = _read(file, fix)
        loaded = None
        if facts is not None:
            from zongjie.facts.load import load

            loaded = load(facts)
        if fix and str(file) == "-":
            raise BadInput("--fix needs a file to fix, not stdin")
        if fix:
            text, backup = report.apply_fix(file, text)
            if backup is not None:
                say(f"backup kept: {backup}")
        findings = lint_markdown(text, loaded, config=config, disable=skip)
        name = "<stdin>" if str(file) == "-" else str(file)
        typer.echo(report.as_json(findings) if fmt == "json" else report.as_text(findings, name))
        raise typer.Exit(exit_code(findings))


# A Word file starts as a zip (.docx) or an OLE compound file (.doc, .wps).
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"


def _read(file: Path, fix: bool) -> str:
    """The summary's text: Markdown or plain text in any encoding people save, or a .docx read as Markdown
    (its headings become # headings) with the Word engineer's reader, so someone's Word file can be linted."""
    from zongjie.errors import BadInput
    from zongjie.lint import report

    head = b""
    if str(file) != "-" and file.is_file():
        with file.open("rb") as fh:
            head = fh.read(4)
    if head == _OLE:
        raise BadInput(
            f"{file}: a Word 97–2003 (.doc/.wps) file; lint reads Markdown, text or .docx: "
            "save it as .docx (Word: 另存为 → Word 文档) or as UTF-8 text (.txt)"
        )
    if head != _ZIP:
        return report.read_draft(file)
    if fix:
        raise BadInput(f"{file}: --fix edits Markdown or text files, not a Word file")
    from zongjie.export.wordread import read_docx

    text = read_docx(file, {}).markdown
    if not text.strip():
        raise BadInput(f"{file}: empty: nothing to lint (the Word file has no text)")
    return text
