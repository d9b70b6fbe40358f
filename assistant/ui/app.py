"""The chat: a Gradio page for patients, whose citations a clinician can open, served with FastAPI.

The model and index are loaded once, before the address is printed; a newer build made by
`assistant build` is picked up while serving (index/refresh.py). Questions go through Gradio's queue.
Nothing is fetched from elsewhere: analytics are off, the theme uses system fonts, there is no
share link, and Gradio's file, upload and URL-fetching routes are refused (ui/access.py). Nothing
about users is kept on disk or in the browser: no flagging, no cached examples, no run history.
The page itself is ui/chat.py; every text on it is escaped (render/html.py).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from starlette.requests import Request

from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.render.html import SIGN_IN_FIRST, page_view, source_page
from assistant.render.pdfpage import PageImages, file_bytes, find
from assistant.ui.access import RefuseUnusedRoutes, signed_in
from assistant.ui.chat import build_blocks
from assistant.ui.chatpage import CSS, HEAD
from assistant.ui.guard import Harden, quiet_gradio_tracebacks
from assistant.ui.signin import SignInPage

log = logging.getLogger(__name__)

SIGN_IN_MESSAGE = "This chat is shared with a password. Ask the person who runs it."


def build_app(assistant: Assistant, auth: list[tuple[str, str]] | None = None) -> Any:
    """The FastAPI app: the chat at /, each whole source at /source/<sentence id>; behind a password when auth is given."""
    for name in ("GRADIO_ANALYTICS_ENABLED", "HF_HUB_DISABLE_TELEMETRY", "HF_HUB_OFFLINE"):
        os.environ.setdefault(name, "False" if name == "GRADIO_ANALYTICS_ENABLED" else "1")
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Mount

    demo = build_blocks(assistant)
    images = PageImages()  # rendered PDF pages, in memory only, a few at a time
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(RefuseUnusedRoutes)

    @app.get("/source/{sentence_id}", response_class=HTMLResponse)
    def whole_source(sentence_id: str, request: Request) -> Any:
        # Outside Gradio, so Gradio's sign-in does not cover it: check its session cookie here.
        if auth and not signed_in(request, gradio_app):
            return HTMLResponse(SIGN_IN_FIRST, status_code=401)
        page = source_page(assistant.for_request().index, sentence_id)
        if page is None:
            return PlainTextResponse("No such citation.", status_code=404)
        return HTMLResponse(page)

    def _pdf_of(sentence_id: str) -> tuple[Any, Any, Any] | None:
        """(index, document, sentence) of a citation from a PDF, or None."""
        index = assistant.for_request().index
        try:
            sentence = index.sentence_by_id(sentence_id)
        except KeyError:
            return None
        doc = index.documents[sentence.doc_id]
        return (index, doc, sentence) if doc.format == "pdf" else None

    @app.get("/page/{sentence_id}", response_class=HTMLResponse)
    def printed_page(sentence_id: str, request: Request) -> Any:
        """A PDF citation on its page as printed, the quote outlined (render/pdfpage.py); made on request."""
        if auth and not signed_in(request, gradio_app):
            return HTMLResponse(SIGN_IN_FIRST, status_code=401)
        found = _pdf_of(sentence_id)
        if found is None:
            return PlainTextResponse("No such PDF citation.", status_code=404)
        index, doc, sentence = found
        data = file_bytes(assistant.settings.corpus, doc)
        located = find(data, doc, sentence) if data is not None else None
        return HTMLResponse(page_view(index, sentence_id, located, "the file has changed or gone since the index was built"))

    @app.get("/pageimage/{sentence_id}")
    def page_image(sentence_id: str, request: Request) -> Any:
        if auth and not signed_in(request, gradio_app):
            return PlainTextResponse("Please sign in to the chat first.", status_code=401)
        found = _pdf_of(sentence_id)
        if found is None:
            return PlainTextResponse("No such page.", status_code=404)
        _, doc, sentence = found
        image = images.png(doc.sha256, sentence.page or 1, lambda: file_bytes(assistant.settings.corpus, doc))
        if image is None:  # the file is gone or changed since the build
            return PlainTextResponse("No such page.", status_code=404)
        return Response(image, media_type="image/png", headers={"Cache-Control": "private, no-store"})

    @app.get("/healthz")
    def health() -> dict[str, Any]:
        """Open without a password, for a proxy or monitor; says nothing about users or sources."""
        index = assistant.for_request().index
        return {"ok": True, "documents": len(index.documents), "build": index.path.name}

    theme = gr.themes.Default(
        font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
        primary_hue="blue",
    )
    app = gr.mount_gradio_app(
        app,
        demo,
        path="/",
        theme=theme,
        css=CSS,
        head=HEAD,
        ssr_mode=False,
        footer_links=[],
        auth=auth,
        auth_message=SIGN_IN_MESSAGE,
        run_history=False,
        enable_monitoring=False,
        mcp_server=False,
        pwa=False,
        show_error=False,
        allowed_paths=[],
        blocked_paths=[str(Path(p).resolve()) for p in (assistant.settings.corpus, assistant.settings.index)],
    )
    gradio_app = next(r.app for r in app.routes if isinstance(r, Mount))
    if auth:  # our own accessible sign-in page in place of Gradio's (ui/signin.py)
        app.add_middleware(SignInPage, gradio_app=gradio_app, message=SIGN_IN_MESSAGE)
    app.add_middleware(Harden)  # outermost: headers, body cap and sign-in limit before anything else
    quiet_gradio_tracebacks()
    return app


def steady_memory() -> None:
    """Cap glibc's malloc arenas at two and fix its mmap threshold, before the server's threads start (a no-op elsewhere).

    Gradio answers on a pool of threads, and with an arena per thread the fragments of each answer's
    page (~0.3 MB of HTML) kept the server's memory creeping up by ~50 MB per 1,000 answers; with two
    arenas it stays flat (tests/test_app_load.py measures it)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, 2)  # M_ARENA_MAX
        # The judge's activations (a few MB, a different shape for every answer) went to the heap once glibc
        # raised its mmap threshold, and fragments of them grew the server by ~50 MB per 1,000 answers.
        # A fixed threshold keeps blocks of 256 KB and more in mmap, handed back to the system when freed.
        libc.mallopt(-3, 256 * 1024)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


def serve(assistant: Assistant, host: str = "127.0.0.1", port: int = 7860, auth: list[tuple[str, str]] | None = None) -> None:
    """Run the chat until interrupted; prints the address once the port is bound and everything is loaded."""
    import socket

    import uvicorn

    app = build_app(assistant, auth=auth)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise AssistantError(f"cannot listen on {host}:{port} ({exc.strerror}); is the chat already running? Try --port") from None
    sock.listen(128)
    shown = f"[{host}]" if ":" in host else host
    lock = " (password protected)" if auth else ""
    print(f"The chat is ready at http://{shown}:{port}/{lock} (Ctrl+C to stop)", flush=True)
    # Open browser tabs keep connections alive: without a grace limit, Ctrl+C would wait for them forever.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2))
    # Cutting off open tabs at shutdown is expected; uvicorn would log it as an error with a traceback.
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
    server.run(sockets=[sock])
    print("The chat has stopped.", flush=True)
