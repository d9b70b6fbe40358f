"""The chat's page: notice, conversation, question box, view switch, examples, share.

Each turn is rendered by render/html.py, where everything shown is escaped. A conversation lives in Gradio
State only: its last MAX_TURNS answers, for at most SESSIONS conversations.
"""

from __future__ import annotations

import logging
from typing import Any

from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.language.followup import Conversation
from assistant.language.typed import visible_text
from assistant.render.html import answer_html, conversation_html, failed_turn_html, refused_turn_html, status_html
from assistant.render.markdown import to_markdown
from assistant.results import Answer, Reading, Understood, View
from assistant.ui.chatpage import FOCUS_LATEST

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
WELCOME = (
    '<p class="welcome">Ask a question in your own words, or pick an example below. '
    "Each answer quotes the sources; select a quote (or press Enter on it) to see where it comes from.</p>"
)


def build_blocks(assistant: Assistant) -> Any:
    """The page: notice, conversation, question box, view switch, examples, share."""
    import gradio as gr

    with gr.Blocks(title="ALS exercise evidence assistant", analytics_enabled=False) as demo:
        gr.HTML(INTRO.format(n=len(assistant.index.documents)))
        conversation = gr.HTML(WELCOME, elem_id="conversation")
        status = gr.HTML('<p class="sr-only" role="status" aria-live="polite"></p>', elem_id="status")
        # The question box and Ask stay at the bottom of the screen (chat.css: sticky), so a follow-up is one tap
        # away however long the answer above it.
        with gr.Row(equal_height=True, elem_id="ask-row"):
            question = gr.Textbox(
                label="Your question",
                placeholder="e.g. Should I lift weights?",
                lines=1,
                max_lines=4,
                scale=5,
                elem_id="question",
                autofocus=True,
                max_length=assistant.settings.max_question_chars,
            )
            ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask", min_width=120)
        gr.HTML(
            f'<p id="paste-note" class="paste-note" role="status" aria-live="polite" '
            f'data-limit="{assistant.settings.max_question_chars}"></p>'
        )
        with gr.Row():
            view = gr.Radio(
                [v.value for v in View],
                value=View.PATIENT.value,
                label="Show these sources first",
                info="patient: plain-language sources first · clinician: research first",
                elem_id="view",
            )
            clear = gr.Button("Start a new conversation", elem_id="clear", variant="secondary")
            undo = gr.Button("Bring back the previous conversation", elem_id="undo", variant="secondary", visible=False)
            # After a follow-up read with the question before, one press asks it as it was typed.
            written = gr.Button("Ask my last question on its own", elem_id="as-written", variant="secondary", visible=False)
        examples = gr.Examples(EXAMPLES, inputs=question, label="Example questions (select one to ask it)", cache_examples=False)
        with gr.Accordion("Share the last answer with your clinician", open=False, elem_id="share"):
            markdown = gr.Textbox(
                label="The last answer with its citations, as Markdown", lines=10, interactive=False, buttons=["copy"], elem_id="markdown"
            )
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
                return conversation_html(kept["turns"]), kept

            current = assistant.for_request()  # one index for the whole answer, even if a new build is swapped in
            thread = Conversation(conv.get("thread"))
            try:
                answer = current.ask(
                    text or "", conversation=thread, as_written=as_written, view=chosen_view if chosen_view in set(View) else View.PATIENT
                )
            except AssistantError as exc:
                # Shown once and never kept: a refused question is not part of the conversation, and only its
                # start is echoed (a pasted book must not come back, nor stay in memory).
                turn = refused_turn_html(n, echo(text), str(exc))
                return (
                    gr.update(),
                    conversation_html([*conv["turns"], turn]),
                    status_html("Please try again: " + str(exc)),
                    conv,
                    gr.update(),
                    *kept_undo,
                    gr.update(),
                )
            except Exception:  # never a traceback on the page
                log.exception("answering failed")
                turn = failed_turn_html(n)
                page, kept = shown(turn, conv.get("thread"))
                return gr.update(), page, status_html("Something went wrong"), kept, gr.update(), *no_undo, _written(None)
            leaning = answer.question if answer.understood_as else ""
            page, kept = shown(answer_html(current.index, answer, n), thread.last, leaning)
            return "", page, status_html(answer.lead, n), kept, to_markdown(answer), *no_undo, _written(answer)

        def respond_as_written(chosen_view: str, conv: dict, before: dict | None = None):
            return respond(conv.get("leaning", ""), chosen_view, conv, before, as_written=True)

        outputs = [question, conversation, status, turns, markdown, previous, undo, written]
        for event in (question.submit, ask.click, examples.load_input_event.then):  # an example asks at once
            event(respond, [question, view, turns, previous], outputs, concurrency_limit=WORKERS, concurrency_id="answer").then(
                None, None, None, js=FOCUS_LATEST
            )
        written.click(respond_as_written, [view, turns, previous], outputs, concurrency_limit=WORKERS, concurrency_id="answer").then(
            None, None, None, js=FOCUS_LATEST
        )
        # A new conversation can be undone until the next question: a tap on the wrong button loses nothing.
        clear.click(
            lambda conv: (
                "",
                WELCOME,
                status_html("Started a new conversation. The previous one can still be brought back."),
                _fresh(),
                "",
                conv,
                gr.update(visible=bool(conv["turns"])),
                _written(None),
            ),
            [turns],
            outputs,
        )
        undo.click(
            lambda prev, conv: (
                conversation_html((prev or conv)["turns"]),
                prev or conv,
                None,
                gr.update(visible=False),
                status_html("Brought back the previous conversation"),
            ),
            [previous, turns],
            [conversation, turns, previous, undo, status],
        )
    demo.queue(max_size=QUEUE_SIZE, default_concurrency_limit=WORKERS)
    demo.state_session_capacity = SESSIONS  # launch() would take it as a parameter; mounting does not
    return demo


ECHO = 120  # characters of a refused question shown back


def _fresh() -> dict:
    return {"n": 0, "turns": [], "thread": None, "leaning": ""}


def _written(answer: Answer | None) -> Any:
    """The "ask it on its own" button: shown, naming the question, only after a follow-up (or a question answered without
    its "not", or one about doing one thing instead of another: then it answers it as written)."""
    import gradio as gr

    if answer is None or answer.understood_as is None:
        return gr.update(visible=False)
    if answer.understood_as.reading in (Reading.UNNEGATED, Reading.INSTEAD):
        return gr.update(visible=True, value=f"Answer “{echo(answer.question)}” as written")
    return gr.update(visible=True, value=f"Ask “{echo(answer.question)}” on its own")


def echo(text: str | None) -> str:
    """The start of a question, for a refusal: at most ECHO characters, and how long it was when longer."""
    shown = visible_text((text or "")[: ECHO * 4])[:ECHO]
    length = len(text or "")
    return shown if length <= ECHO else f"{shown}… ({length:,} characters)"
