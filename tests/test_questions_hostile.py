"""Hostile questions through every surface (Python API, CLI text and JSON, the chat, the Markdown export):
each gets a clear message or a normal answer, never a traceback, and no question ever becomes markup."""

from __future__ import annotations

import json
import unicodedata
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from assistant import cli
from assistant.api import Assistant
from assistant.errors import QuestionError
from assistant.language.typed import clean_question, visible_text
from assistant.read.clean import hyphen_vocabulary, normalise
from assistant.render.markdown import inert_markdown, to_markdown
from assistant.render.text import to_text
from assistant.ui.chat import echo

LIMIT = 2000
EMPTY = "please type a question"
TOO_LONG = f"please keep it under {LIMIT}"

# (id, question, None for an answer, or the words the refusal must hold)
HOSTILE: list[tuple[str, str, str | None]] = [
    ("empty", "", EMPTY),
    ("spaces", "   \t \n  ", EMPTY),
    ("only-controls", "\x00\x01\x1b\x7f", EMPTY),
    ("only-invisible", "\u200b\u200d\u202e\ufeff", EMPTY),
    ("only-surrogates", "\ud800\udfff\udc80", EMPTY),
    ("10k-chars", "Can I swim? " * 834, TOO_LONG),
    ("limit-plus-one", "a" * (LIMIT + 1), TOO_LONG),
    ("at-the-limit", ("swim " * 400)[:LIMIT], None),
    ("control-chars", "Can I\x1b[31m swim\x07 in\tcold\r\nwater?", None),
    ("nul", "Is swim\x00ming safe?", None),
    ("emoji", "Can I exercise 🏋️‍♀️💪 with ALS? 👍", None),
    ("arabic", "هل يمكنني ممارسة الرياضة مع التصلب الجانبي الضموري؟", None),
    ("chinese", "我可以举重吗？", None),
    ("mixed-scripts", "Should I lift weights 举重 رفع الأثقال?", None),
    ("html-script", "<script>alert(1)</script> Should I lift weights?", None),
    ("html-img", '<img src=x onerror="alert(1)"> Can I swim?', None),
    ("js-url", "javascript:alert(document.cookie)", None),
    ("markdown-link", "[Click for your results](http://evil.example) Can I swim?", None),
    ("markdown-image", "![x](http://evil.example/track.png) Can I stretch?", None),
    ("autolinks", "<http://evil.example> Is walking good? www.evil.example", None),
    ("markdown-structure", "# Title\n---\n* item | a | b |\n> quote `code` ~~gone~~ **bold**", None),
    ("link-definition", "[1]: http://evil.example Should I stretch?", None),
    ("sql", "'; DROP TABLE sentences; -- Can I swim?", None),
    ("shell", "$(rm -rf ~) `reboot` && echo swimming; cat /etc/passwd", None),
    ("templates", "{{7*7}} ${7*7} {0} %s {question} Can I swim?", None),
    ("lone-surrogate", "Can I swim \ud800?", None),
    ("rtl-override", "Can I \u202eswim\u202c in a pool?", None),
    ("zero-width", "Is exer\u200bcise safe?", None),
    ("combining-marks", "C̷̢a̸n̴ I swim?", None),
    ("private-use", "Can I swim\ue000\U000f0000?", None),
    ("many-unknown-words", " ".join(f"zq{i}x" for i in range(300)), None),
]
IDS = [h[0] for h in HOSTILE]


def verbatim(assistant: Assistant, answer) -> None:  # type: ignore[no-untyped-def]
    """Every quote is the cleaned text of its document's raw span(s), and the spans are where it says."""
    docs = {d.path: d for d in assistant.index.documents.values()}
    for c in answer.citations:
        doc = docs[c.source]
        joined = " ".join(doc.text[a:b] for a, b in c.parts)
        assert normalise(joined, markdown=doc.format == "markdown", keep_hyphen=hyphen_vocabulary(doc.text)) == c.quote
        assert (c.start, c.end) == (c.parts[0][0], c.parts[-1][1])


def hidden_chars(text: str) -> list[str]:
    """Control and other invisible characters, apart from the line breaks a layout puts there itself."""
    return [hex(ord(ch)) for ch in text if unicodedata.category(ch).startswith("C") and ch != "\n"]


# --- the Python API -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "question", "refusal"), HOSTILE, ids=IDS)
def test_python_api_answers_or_refuses_clearly(real_assistant, name, question, refusal):
    if refusal:
        with pytest.raises(QuestionError, match=refusal):
            real_assistant.ask(question)
        return
    answer = real_assistant.ask(question)
    assert answer.question == clean_question(question, LIMIT)
    assert not hidden_chars(answer.question)
    assert answer.lead and (answer.citations or not answer.answered)
    verbatim(real_assistant, answer)


def test_a_long_question_of_repeated_words_is_not_slow(real_assistant):
    # Each unknown word used to be embedded once per occurrence, padded to the question's length: 20 s.
    answer = real_assistant.ask("zorbing " * 240)
    assert answer.timing_ms["embed"] < 5000


# --- the command line -----------------------------------------------------------------------------------------


@pytest.fixture
def invoke(real_assistant, monkeypatch):
    """The real `assistant ask` command in-process, on the already loaded assistant (no model load per call)."""
    monkeypatch.setattr(Assistant, "load", classmethod(lambda cls, **kw: real_assistant))

    def _invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
        result = CliRunner().invoke(cli.main, ["ask", *args], input=stdin)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError("the command raised") from result.exception
        return result

    return _invoke


@pytest.mark.parametrize(("name", "question", "refusal"), HOSTILE, ids=IDS)
def test_cli_text_answers_or_refuses_clearly(invoke, name, question, refusal):
    result = invoke(question)
    assert "Traceback" not in result.output + result.stderr
    if refusal:
        assert result.exit_code == 2
        assert result.stderr.startswith("Error: ") and refusal in result.stderr and result.stdout == ""
        return
    assert result.exit_code == 0, result.stderr
    assert not hidden_chars(result.stdout)  # no escape sequence reaches the terminal
    assert "does not replace your care team" in " ".join(result.stdout.split())


@pytest.mark.parametrize(("name", "question", "refusal"), HOSTILE, ids=IDS)
def test_cli_json_is_one_valid_object_with_the_question_kept(invoke, name, question, refusal):
    result = invoke("--json", question)
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    if refusal:
        assert result.exit_code == 2
        assert data["answered"] is False and refusal in data["error"]
        return
    assert result.exit_code == 0
    assert data["question"] == clean_question(question, LIMIT)  # as asked: no HTML or Markdown escaping
    assert {"answered", "lead", "citations"} <= set(data)


def test_cli_json_stdin_takes_every_hostile_line(invoke):
    questions = [q for _, q, _ in HOSTILE if "\n" not in q and "\r" not in q and q.strip() and q.isprintable()]
    questions += ["\x00\x1b[2J", "Can I swim\x00?"]
    # Standard input is bytes: lines that are not UTF-8 at all come too.
    data = b"".join(q.encode("utf-8") + b"\n" for q in questions) + b"\xff\xfe Can I swim?\n\xed\xa0\x80\n"
    result = invoke("--json", "-", stdin=data)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(questions) + 2
    for row, q in zip(rows, questions):
        assert ("error" in row) == (refusal_of(q) is not None)
    assert rows[-2]["question"] == "\ufffd\ufffd Can I swim?" and rows[-2]["answered"] is True
    assert rows[-1]["question"] == "\ufffd\ufffd\ufffd"  # an encoded lone surrogate is not UTF-8 either


def refusal_of(question: str) -> str | None:
    try:
        clean_question(question, LIMIT)
    except QuestionError as exc:
        return str(exc)
    return None


# --- the chat -------------------------------------------------------------------------------------------------


class Markup(HTMLParser):
    """Tags, links and the text under each element with a class, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.attributes: list[str] = []
        self.question = ""
        self._in_question = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)
        self.hrefs.extend(value or "" for name, value in attrs if name == "href")
        if self._in_question or ("class", "question") in attrs:
            self._in_question += 1

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if self._in_question:
            self._in_question -= 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_question:
            self.question += data


@pytest.fixture(scope="module")
def respond(real_assistant):
    """The chat's own respond function, taken from the Gradio page."""
    from assistant.ui.chat import build_blocks

    demo = build_blocks(real_assistant)
    (fn,) = {f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == "respond"}
    return fn


@pytest.mark.parametrize(("name", "question", "refusal"), HOSTILE, ids=IDS)
def test_chat_shows_the_question_as_text_never_as_markup(respond, name, question, refusal):
    _, page, status, history, markdown, *_ = respond(question, "patient", {"n": 0, "turns": []})
    page.encode("utf-8")  # Gradio sends it as JSON: nothing unencodable (lone surrogates) may reach it
    seen = Markup()
    seen.feed(page)
    assert not {"script", "img", "iframe", "object", "embed", "svg", "style"} & set(seen.tags)
    assert not [a for a in seen.attributes if a.startswith("on")]
    assert all(h.startswith(("#turn-", "source/", "data:text/markdown")) for h in seen.hrefs), seen.hrefs
    shown = " ".join(seen.question.replace("You asked:", "", 1).split())
    if refusal:
        assert "Please try again" in page and refusal in page.lower()
        assert shown == " ".join(echo(question).split())  # only its start, and never kept in the conversation
        assert history == {"n": 0, "turns": []}
    else:
        assert shown == clean_question(question, LIMIT)
        assert "Something went wrong" not in page


# --- the shareable Markdown -----------------------------------------------------------------------------------

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PLAIN = {"text", "text_special", "softbreak"}


def rendered_inline(markdown: str) -> list:
    """The inline tokens of every block, as a CommonMark renderer parses them."""
    return [child for token in RENDERER.parse(markdown) if token.type == "inline" for child in token.children or []]


@pytest.mark.parametrize(("name", "question", "refusal"), [h for h in HOSTILE if not h[2]], ids=[h[0] for h in HOSTILE if not h[2]])
def test_markdown_export_renders_the_question_as_itself(real_assistant, name, question, refusal):
    answer = real_assistant.ask(question)
    markdown = to_markdown(answer)
    tokens = rendered_inline(markdown)
    assert not [t.type for t in tokens if t.type in ("link_open", "image", "html_inline", "code_inline", "s_open")]
    assert not [t for t in RENDERER.parse(markdown) if t.type in ("html_block", "table_open", "hr")]
    heading = RENDERER.parse(markdown)[1]
    assert "".join(t.content for t in heading.children) == answer.question
    assert "://" not in markdown.split("\n", 1)[0]  # a bare URL would become a link on GitHub and in mail clients
    assert not hidden_chars(markdown)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_md_escape_renders_any_text_as_itself(text):
    tokens = rendered_inline("## " + inert_markdown(text))
    assert {t.type for t in tokens} <= PLAIN
    assert "".join(t.content for t in tokens) == visible_text(text)


def test_text_layout_shows_hostile_text_as_typed(real_assistant):
    question = "<b>Should</b> I [lift](http://evil.example) weights?"
    answer = real_assistant.ask(question)
    assert answer.question == question
    assert not hidden_chars(to_text(answer))


# --- property-based: any text at all ----------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=3000))
def test_clean_question_refuses_or_returns_visible_single_spaced_text(text):
    try:
        cleaned = clean_question(text, LIMIT)
    except QuestionError as exc:
        assert str(exc) in (EMPTY,) or TOO_LONG in str(exc)
        return
    assert cleaned and len(cleaned) <= LIMIT
    assert not hidden_chars(cleaned) and "\n" not in cleaned
    assert cleaned == " ".join(cleaned.split())
    assert clean_question(cleaned, LIMIT) == cleaned  # cleaning twice changes nothing
    letters = iter(text)
    assert all(ch in letters for ch in cleaned.replace(" ", ""))  # only characters of the question, in order


WORDS = [
    "swim",
    "swimming",
    "weights",
    "lift",
    "stretch",
    "cramps",
    "fatigue",
    "ALS",
    "exercise",
    "Should",
    "I",
    "can",
    "cardio",
    "tired",
    "how",
    "often",
    "walking",
    "zorbing",
    "alcohol",
    "?",
    "!",
    "<b>",
    "[x](y)",
    "\u202e",
    "\x00",
]
questions = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=40).map(" ".join),
    st.text(alphabet=st.characters(categories=("Lo", "So", "Mn", "Zs", "Cc", "Cf", "Po")), max_size=200),
)


@settings(max_examples=60, deadline=None)
@given(question=questions)
def test_any_question_is_answered_verbatim_or_refused(real_assistant, question):
    try:
        answer = real_assistant.ask(question)
    except QuestionError as exc:
        assert str(exc) == EMPTY or TOO_LONG in str(exc)
        return
    assert answer.question == clean_question(question, LIMIT)
    verbatim(real_assistant, answer)
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
