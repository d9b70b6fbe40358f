"""The chat: a Gradio page for patients, whose citations a clinician can open, served with FastAPI.

The model and index are loaded once, before the address is printed. Questions go through
Gradio's queue. Nothing is fetched from elsewhere: analytics are off, the theme uses system
fonts, there is no share link. Every text on the page is escaped (see web.py).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from .api import Assistant, visible_text
from .errors import AssistantError
from .web import answer_html, esc, source_page, to_markdown

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
WELCOME = ('<p class="welcome">Ask a question in your own words, or pick an example below. '
           "Each answer quotes the sources; select a quote (or press Enter on it) to see where it comes from.</p>")


def build_app(assistant: Assistant) -> Any:
    """The FastAPI app: the chat at /, each whole source at /source/<sentence id>."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse, PlainTextResponse

    demo = build_blocks(assistant)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/source/{sentence_id}", response_class=HTMLResponse)
    def whole_source(sentence_id: str) -> Any:
        page = source_page(assistant.index, sentence_id)
        if page is None:
            return PlainTextResponse("No such citation.", status_code=404)
        return HTMLResponse(page)

    @app.get("/healthz")
    def health() -> dict[str, Any]:
        return {"ok": True, "documents": len(assistant.index.documents)}

    theme = gr.themes.Default(
        font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
        primary_hue="blue",
    )
    return gr.mount_gradio_app(app, demo, path="/", theme=theme, css=CSS, ssr_mode=False, footer_links=[])


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
        with gr.Row():
            view = gr.Radio(["patient", "clinician"], value="patient", label="Show these sources first",
                            info="patient: plain-language sources first · clinician: research first", elem_id="view")
            clear = gr.Button("Start a new conversation", elem_id="clear", variant="secondary")
        gr.Examples(EXAMPLES, inputs=question, label="Example questions (select one, then Ask)")
        with gr.Accordion("Share the last answer with your clinician", open=False, elem_id="share"):
            markdown = gr.Textbox(label="The last answer with its citations, as Markdown", lines=10,
                                  interactive=False, buttons=["copy"], elem_id="markdown")
        turns = gr.State([])

        def respond(text: str, chosen_view: str, history: list[str]):  # type: ignore[no-untyped-def]
            n = len(history) + 1
            try:
                answer = assistant.ask(text or "", view=chosen_view if chosen_view in ("patient", "clinician") else "patient")
            except AssistantError as exc:
                turn = (f'<article class="turn" id="turn-{n}"><h2 class="question"><span class="who">You asked:</span> '
                        f'{esc(visible_text(text or ""))}</h2><p class="badge badge-none">Please try again</p><p class="lead">{esc(str(exc).capitalize())}.</p></article>')
                return gr.update(), _page(history + [turn]), _status("Please try again: " + str(exc)), history + [turn], gr.update()
            except Exception:  # never a traceback on the page
                log.exception("answering failed")
                turn = (f'<article class="turn" id="turn-{n}"><p class="lead">Something went wrong while answering. '
                        "Please try again.</p></article>")
                return gr.update(), _page(history + [turn]), _status("Something went wrong"), history + [turn], gr.update()
            turn = answer_html(assistant.index, answer, n)
            return "", _page(history + [turn]), _status(answer.lead, n), history + [turn], to_markdown(answer)

        outputs = [question, conversation, status, turns, markdown]
        question.submit(respond, [question, view, turns], outputs, concurrency_limit=2)
        ask.click(respond, [question, view, turns], outputs, concurrency_limit=2)
        clear.click(lambda: ("", WELCOME, _status("Started a new conversation"), [], ""), None, outputs)
    return demo


def _page(turns: list[str]) -> str:
    return '<div class="conversation">' + "".join(turns) + "</div>"


def _status(text: str, turn: int | None = None) -> str:
    """Read out by screen readers when an answer arrives; sighted users get a link to it."""
    jump = f'<a href="#turn-{turn}" class="jump">Go to the latest answer</a>' if turn else ""
    return f'<p role="status" aria-live="polite" class="status"><span class="sr-only">{esc(text)}</span>{jump}</p>'


def serve(assistant: Assistant, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Run the chat until interrupted; prints the address once the port is bound and everything is loaded."""
    import socket

    import uvicorn

    app = build_app(assistant)
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
    print(f"The chat is ready at http://{shown}:{port}/ (Ctrl+C to stop)", flush=True)
    # Open browser tabs keep connections alive: without a grace limit, Ctrl+C would wait for them forever.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2))
    # Cutting off open tabs at shutdown is expected; uvicorn would log it as an error with a traceback.
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
    server.run(sockets=[sock])
    print("The chat has stopped.", flush=True)


CSS = """
:root, .gradio-container { --text-xxs: 16px; --text-xs: 16px; --text-sm: 16px; --text-md: 18px; --text-lg: 20px; --text-xl: 24px;
  --body-text-color: #1a1a1a; --body-text-color-subdued: #3d3d3d; --block-label-text-color: #1a1a1a; --block-title-text-color: #1a1a1a;
  --block-info-text-color: #3d3d3d; --input-placeholder-color: #595959; --link-text-color: #0b4f9c;
  --button-primary-background-fill: #0b4f9c; --button-primary-background-fill-hover: #093f7d; --button-primary-text-color: #ffffff;
  --button-secondary-text-color: #1a1a1a; --button-secondary-background-fill: #e6e9ee; }
.gradio-container { font-size: 18px; line-height: 1.55; max-width: 60rem !important; margin: 0 auto; color: #1a1a1a; }
.gradio-container h1 { font-size: 1.7rem; margin: .5rem 0; }
.notice { background: #eef4fb; border-left: 5px solid #0b4f9c; padding: .6rem .9rem; color: #1a1a1a; }
.welcome { color: #1a1a1a; }
.turn { border-top: 2px solid #c9d3de; padding: .8rem 0 1rem; }
.turn .question { font-size: 1.15rem; font-weight: 700; margin: 0 0 .4rem; }
.turn .who { color: #333; font-weight: 400; }
.badge { display: inline-block; font-weight: 700; padding: .15rem .6rem; border-radius: .4rem; margin: .2rem 0; }
.badge-disagree { background: #fff0c2; color: #5a3d00; border: 2px solid #8a6d00; }
.badge-none { background: #eeeeee; color: #1a1a1a; border: 2px solid #555; }
.lead { font-weight: 600; }
.side h3 { font-size: 1.05rem; margin: .8rem 0 .2rem; border-bottom: 1px solid #c9d3de; }
.side-against h3 { color: #8b1a1a; } .side-for h3 { color: #1d5e20; } .side-mixed h3 { color: #5a3d00; }
.source h4 { font-size: 1rem; margin: .5rem 0 0; }
.weight { color: #333; margin: 0 0 .2rem; font-size: 16px; }
.quotes { list-style: none; padding-left: 0; margin: .2rem 0; }
.cite summary { cursor: pointer; padding: .25rem .3rem; border-radius: .3rem; }
.cite summary:hover { background: #f1f5fa; }
.cite .num { font-weight: 700; color: #0b4f9c; }
.cite .hint { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.under { color: #333; font-size: 16px; }
.caveats { margin-top: 1rem; }
.cite-body { border-left: 4px solid #0b4f9c; margin: .3rem 0 .6rem .4rem; padding: .3rem .8rem; background: #f8fafc; }
.cite-body dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: 0; font-size: 16px; }
.cite-body dt { font-weight: 700; }
.cite-body dd { margin: 0; }
.context { margin: .4rem 0; font-style: normal; }
mark.cited { background: #ffe27a; color: #000; padding: 0 2px; }
.refs summary, .share a, .jump, a.whole { color: #0b4f9c; }
.caveats { font-size: 16px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.gradio-container a:focus-visible, .gradio-container summary:focus-visible, .gradio-container button:focus-visible,
.gradio-container input:focus-visible, .gradio-container textarea:focus-visible, .gradio-container [tabindex]:focus-visible {
  outline: 3px solid #0b4f9c !important; outline-offset: 2px; }
"""
