"""`serve`: the local web page (FastAPI + uvicorn), bound to this machine unless --host says otherwise."""

from __future__ import annotations

import socket
from pathlib import Path

import typer

from zongjie.cli.output import say
from zongjie.errors import BadInput

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def _check_port(host: str, port: int) -> None:
    """A taken port is a message naming it, before uvicorn starts (it would log and exit 1)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise BadInput(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; try --port {port + 1}"
            ) from None


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        folder: Path = typer.Argument(
            Path("."), help="Folder holding your summaries (created if missing); a workspace works too."
        ),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        host: str = typer.Option(
            "127.0.0.1", "--host", help="Address to listen on; anything but this machine is open to others."
        ),
        open_browser: bool = typer.Option(False, "--open", help="Open the page in your browser."),
        debug: bool = typer.Option(
            False, "--debug", help="Print tracebacks of internal errors on the console."
        ),
    ) -> None:
        """Start the local web page: new summary or notes → facts form → draft → review → Word.

        Example: zongjie serve 总结 --open
        """
        import uvicorn

        from zongjie.web.app import make_app

        if folder.exists() and not folder.is_dir():
            raise BadInput(f"{folder} is not a folder")
        if not 0 < port < 65536:
            raise BadInput(f"--port {port}: give a port between 1 and 65535")
        folder.mkdir(parents=True, exist_ok=True)
        if host not in LOCAL_HOSTS:
            say(
                f"warning: listening on {host}: anyone who can reach this machine can read and change the "
                "summaries in this folder (there is no login). Use the default 127.0.0.1 unless you mean it."
            )
        _check_port(host, port)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
        typer.echo(f"zongjie serve: {folder.resolve()} at {url} (Ctrl+C to stop)")
        if open_browser:
            import threading
            import webbrowser

            threading.Timer(1.0, webbrowser.open, args=(url,)).start()
        allowed = {"127.0.0.1", "localhost", "::1"} if host in LOCAL_HOSTS else None
        app = make_app(folder, debug=debug, allowed_hosts=allowed)
        uvicorn.run(app, host=host, port=port, log_level="warning")
