"""The chat: a Gradio page for patients, whose citations a clinician can open, served with FastAPI.

The model and index are loaded once, before the address is printed; a newer build made by
`assistant build` is picked up while serving (refresh.py). Questions go through Gradio's queue.
Nothing is fetched from elsewhere: analytics are off, the theme uses system fonts, there is no
share link, and Gradio's file, upload and URL-fetching routes are refused (access.py). Nothing
about users is kept on disk or in the browser: no flagging, no cached examples, no run history.
Every text on the page is escaped (see web.py).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from starlette.requests import Request

from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.language.followup import Conversation
from assistant.language.typed import visible_text
from assistant.records import Answer, Understood, View
from assistant.render.html import answer_html, esc, page_view, source_page, to_markdown
from assistant.render.pdfpage import PageImages, file_bytes, find
from assistant.ui.access import RefuseUnusedRoutes, signed_in
from assistant.ui.chatpage import CSS, FOCUS_LATEST, HEAD
from assistant.ui.guard import Harden, quiet_gradio_tracebacks
from assistant.ui.signin import SignInPage

log = logging.getLogger(__name__)

EXAMPLES = [
    "Should I lift weights?",
    "Is it OK to push through tiredness when I exercise?",
    "How often should I do cardio?",
    "Will stretching help with cramps?",
    "Can I swim or exercise in a pool?",
]
INTRO = (
    "<h1>What do the sources say about exercise in ALS?</h1>"
    '<p class="notice" id="care-team-notice"><strong>This assistant informs; it does not replace your care team.</strong> '
    "It answers only from {n} source documents, quotes them word for word, and says where they disagree. "
    "Talk to your doctor or physical therapist before changing how you exercise.</p>"
)
# Two answers at a time suit a 2-core machine (each is ~50 ms of CPU); the queue in front of them holds
# enough for a few dozen people asking at once, and beyond that says "busy" rather than grow without end.
WORKERS = 2
QUEUE_SIZE = 64
# Memory per conversation is bounded: the last MAX_TURNS answers stay on screen (each ~20 kB of HTML, kept in
# the session and re-sent with every answer), and only the SESSIONS most recent conversations are kept at all
# (Gradio would keep 10,000; a tab that closes frees its State, but scripts never close one).
MAX_TURNS = 10
SESSIONS = 200
SIGN_IN_MESSAGE = "This chat is shared with a password. Ask the person who runs it."
WELCOME = ('<p class="welcome">Ask a question in your own words, or pick an example below. '
           "Each answer quotes the sources; select a quote (or press Enter on it) to see where it comes from.</p>")


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
            return HTMLResponse('<p>Please <a href="../">sign in to the chat</a> first.</p>', status_code=401)
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
        """A PDF citation on its page as printed, the quote outlined (pdfpage.py); made on request."""
        if auth and not signed_in(request, gradio_app):
            return HTMLResponse('<p>Please <a href="../">sign in to the chat</a> first.</p>', status_code=401)
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
        app, demo, path="/", theme=theme, css=CSS, head=HEAD, ssr_mode=False, footer_links=[], auth=auth,
        auth_message=SIGN_IN_MESSAGE,
        run_history=False, enable_monitoring=False, mcp_server=False, pwa=False, show_error=False,
        allowed_paths=[], blocked_paths=[str(Path(p).resolve()) for p in (assistant.settings.corpus, assistant.settings.index)],
    )
    gradio_app = next(r.app for r in app.routes if isinstance(r, Mount))
    if auth:  # our own accessible sign-in page in place of Gradio's (signin.py)
        app.add_middleware(SignInPage, gradio_app=gradio_app, message=SIGN_IN_MESSAGE)
    app.add_middleware(Harden)  # outermost: headers, body cap and sign-in limit before anything else
    quiet_gradio_tracebacks()
    return app


def build_blocks(assistant: Assistant) -> Any:
    """The page: notice, conversation, question box, view switch, examples, share."""
    import gradio as gr

    with gr.Blocks(title="ALS exercise evidence assistant", analytics_enabled=False) as demo:
        gr.HTML(INTRO.format(n=len(assistant.index.documents)))
        conversation = gr.HTML(WELCOME, elem_id="conversation")
        status = gr.HTML('<p class="sr-only" role="status" aria-live="polite"></p>', elem_id="status")
        with gr.Row(equal_height=True):
            question = gr.Textbox(label="Your question", placeholder="For example: Should I lift weights?",
                                  lines=1, max_lines=4, scale=5, elem_id="question", autofocus=True,
                                  max_length=assistant.settings.max_question_chars)
            ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask", min_width=120)
        gr.HTML(f'<p id="paste-note" class="paste-note" role="status" aria-live="polite" '
                f'data-limit="{assistant.settings.max_question_chars}"></p>')
        with gr.Row():
            view = gr.Radio([v.value for v in View], value=View.PATIENT.value, label="Show these sources first",
                            info="patient: plain-language sources first · clinician: research first", elem_id="view")
            clear = gr.Button("Start a new conversation", elem_id="clear", variant="secondary")
            undo = gr.Button("Bring back the previous conversation", elem_id="undo", variant="secondary", visible=False)
            # After a follow-up read with the question before, one press asks it as it was typed.
            written = gr.Button("Ask my last question on its own", elem_id="as-written", variant="secondary", visible=False)
        examples = gr.Examples(EXAMPLES, inputs=question, label="Example questions (select one to ask it)", cache_examples=False)
        with gr.Accordion("Share the last answer with your clinician", open=False, elem_id="share"):
            markdown = gr.Textbox(label="The last answer with its citations, as Markdown", lines=10,
                                  interactive=False, buttons=["copy"], elem_id="markdown")
        # Turns numbered on, the last MAX_TURNS of them kept; "thread": the last answered question as understood,
        # which a follow-up leans on; "leaning": the last follow-up as typed, which can be asked on its own.
        turns = gr.State(_fresh())
        previous = gr.State(None)  # the conversation before "Start a new conversation", until the next question

        def respond(text: str, chosen_view: str, conv: dict, before: dict | None = None, as_written: bool = False):
            n = conv["n"] + 1
            # A new question ends the chance to bring back the conversation before "Start a new conversation";
            # a refused one does not.
            no_undo, kept_undo = (None, gr.update(visible=False)), (before, gr.update())

            def shown(turn: str, thread: Understood | None, leaning: str = "") -> tuple[str, dict]:
                kept = {"n": n, "turns": [*conv["turns"], turn][-MAX_TURNS:], "thread": thread, "leaning": leaning}
                return _page(kept["turns"]), kept

            current = assistant.for_request()  # one index for the whole answer, even if a new build is swapped in
            thread = Conversation(conv.get("thread"))
            try:
                answer = current.ask(text or "", conversation=thread, as_written=as_written,
                                     view=chosen_view if chosen_view in set(View) else View.PATIENT)
            except AssistantError as exc:
                # Shown once and never kept: a refused question is not part of the conversation, and only its
                # start is echoed (a pasted book must not come back, nor stay in memory).
                turn = (f'<article class="turn" id="turn-{n}"><h2 class="question"><span class="who">You asked:</span> '
                        f'{esc(echo(text))}</h2><p class="badge badge-none">Please try again</p><p class="lead">{esc(str(exc).capitalize())}.</p></article>')
                return (gr.update(), _page([*conv["turns"], turn]), _status("Please try again: " + str(exc)), conv, gr.update(),
                        *kept_undo, gr.update())
            except Exception:  # never a traceback on the page
                log.exception("answering failed")
                turn = (f'<article class="turn" id="turn-{n}"><p class="lead">Something went wrong while answering. '
                        "Please try again.</p></article>")
                page, kept = shown(turn, conv.get("thread"))
                return gr.update(), page, _status("Something went wrong"), kept, gr.update(), *no_undo, _written(None)
            leaning = answer.question if answer.understood_as else ""
            page, kept = shown(answer_html(current.index, answer, n), thread.last, leaning)
            return "", page, _status(answer.lead, n), kept, to_markdown(answer), *no_undo, _written(answer)

        def respond_as_written(chosen_view: str, conv: dict, before: dict | None = None):
            return respond(conv.get("leaning", ""), chosen_view, conv, before, as_written=True)

        outputs = [question, conversation, status, turns, markdown, previous, undo, written]
        for event in (question.submit, ask.click, examples.load_input_event.then):  # an example asks at once
            event(respond, [question, view, turns, previous], outputs, concurrency_limit=WORKERS, concurrency_id="answer").then(
                None, None, None, js=FOCUS_LATEST)
        written.click(respond_as_written, [view, turns, previous], outputs, concurrency_limit=WORKERS,
                      concurrency_id="answer").then(None, None, None, js=FOCUS_LATEST)
        # A new conversation can be undone until the next question: a tap on the wrong button loses nothing.
        clear.click(lambda conv: ("", WELCOME, _status("Started a new conversation. The previous one can still be brought back."),
                                  _fresh(), "", conv, gr.update(visible=bool(conv["turns"])), _written(None)),
                    [turns], outputs)
        undo.click(lambda prev, conv: (_page(prev["turns"]) if prev else _page(conv["turns"]), prev or conv, None,
                                       gr.update(visible=False), _status("Brought back the previous conversation")),
                   [previous, turns], [conversation, turns, previous, undo, status])
    demo.queue(max_size=QUEUE_SIZE, default_concurrency_limit=WORKERS)
    demo.state_session_capacity = SESSIONS  # launch() would take it as a parameter; mounting does not
    return demo


ECHO = 120  # characters of a refused question shown back


def _fresh() -> dict:
    return {"n": 0, "turns": [], "thread": None, "leaning": ""}


def _written(answer: Answer | None) -> Any:
    """The "ask it on its own" button: shown, naming the question, only after a follow-up."""
    import gradio as gr

    if answer is None or answer.understood_as is None:
        return gr.update(visible=False)
    return gr.update(visible=True, value=f"Ask “{echo(answer.question)}” on its own")


def echo(text: str | None) -> str:
    """The start of a question, for a refusal: at most ECHO characters, and how long it was when longer."""
    shown = visible_text((text or "")[: ECHO * 4])[:ECHO]
    length = len(text or "")
    return shown if length <= ECHO else f"{shown}… ({length:,} characters)"


def _page(turns: list[str]) -> str:
    return '<div class="conversation">' + "".join(turns) + "</div>"


def _status(text: str, turn: int | None = None) -> str:
    """Read out by screen readers when an answer arrives; sighted users get a link to it."""
    jump = f'<a href="#turn-{turn}" class="jump">Go to the latest answer</a>' if turn else ""
    return f'<p role="status" aria-live="polite" class="status"><span class="sr-only">{esc(text)}</span>{jump}</p>'


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
