"""The command line as a user runs it: real model, real index, separate processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

FIELDS = {"n", "source", "title", "kind", "date", "quote", "start", "end", "page", "section", "score"}


@pytest.fixture(scope="module")
def run(real_assistant):
    settings = real_assistant.settings
    env = {**os.environ, "ASSISTANT_CORPUS": str(settings.corpus), "ASSISTANT_INDEX": str(settings.index)}

    def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True, text=True, env=env, timeout=300
        )

    return _run


def test_ask_text_has_lead_numbered_quotes_and_references(run):
    result = run("ask", "Should I lift weights if I have ALS?")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0].startswith("Sources disagree on “")
    assert "— Says yes —" in out and "— Says no —" in out
    assert "[1] “" in out and "References" in out
    assert "does not replace your care team" in " ".join(out.split())
    assert "Traceback" not in result.stderr


def test_ask_json_follows_the_contract(run):
    result = run("ask", "--json", "How often should I do cardio?")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"question", "answered", "lead", "citations", "timing_ms"} <= set(data)
    assert data["answered"] is True and data["timing_ms"]["total"] > 0
    assert data["verdict"] == "factual"  # the plain value (a str-mixin Enum printed "Verdict.FACTUAL" here)
    for i, c in enumerate(data["citations"], 1):
        assert FIELDS <= set(c) and c["n"] == i
        assert isinstance(c["start"], int) and c["end"] > c["start"]


def test_ask_json_reads_questions_from_stdin_one_object_per_line(run):
    result = run("ask", "--json", "-", stdin="Can I swim?\n\nWhat is the capital of France?\n   \nHow often should I stretch?\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["question"] for d in lines] == ["Can I swim?", "What is the capital of France?", "How often should I stretch?"]
    assert [d["answered"] for d in lines] == [True, False, True]
    assert lines[1]["citations"] == []


def test_ask_follow_up_reads_a_stdin_batch_as_one_conversation(run):
    result = run("ask", "--json", "--follow-up", "-", stdin="is swimming ok\nand how often?\nIs stretching harmful?\n")
    assert result.returncode == 0, result.stderr
    first, follow, alone = [json.loads(line) for line in result.stdout.splitlines()]
    assert first["understood_as"] is None and alone["understood_as"] is None
    assert follow["question"] == "and how often?"
    assert follow["understood_as"]["question"] == "how often — swimming"
    assert follow["understood_as"]["reading"] == "inherits" and follow["verdict"] == "factual"
    # Without the flag each line stands alone.
    plain = run("ask", "--json", "-", stdin="is swimming ok\nand how often?\n")
    assert all(json.loads(line)["understood_as"] is None for line in plain.stdout.splitlines())


def test_follow_up_needs_a_conversation_on_stdin(run):
    result = run("ask", "--follow-up", "and how often?")
    assert result.returncode == 2 and "--follow-up reads a conversation from stdin" in result.stderr


@pytest.mark.parametrize("question", ["", "   ", "x" * 5000], ids=["empty", "spaces", "too-long"])
def test_bad_questions_get_a_message_not_a_traceback(run, question):
    result = run("ask", question)
    assert result.returncode != 0
    assert result.stderr.strip() and "Traceback" not in result.stderr


def test_bad_setting_is_a_clear_error(run):
    result = run("ask", "--set", "per_source=lots", "Can I swim?")
    assert result.returncode != 0
    assert "per_source expects int" in result.stderr and "Traceback" not in result.stderr


def test_missing_corpus_is_a_clear_error(run, tmp_path):
    result = run("build", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "index"))
    assert result.returncode != 0
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_unknown_model_is_a_clear_error(run, tmp_path):
    result = run("ask", "--model", "no-such-model-anywhere", "--index", str(tmp_path / "index"), "Can I swim?")
    assert result.returncode != 0
    assert "no-such-model-anywhere" in result.stderr and "Traceback" not in result.stderr


def test_ask_imports_neither_the_chat_nor_the_evaluation_stack(real_assistant):
    """`assistant ask` pays only for what answering needs: no Gradio, FastAPI, uvicorn or matplotlib."""
    settings = real_assistant.settings
    env = {**os.environ, "ASSISTANT_CORPUS": str(settings.corpus), "ASSISTANT_INDEX": str(settings.index)}
    probe = (
        "import sys\nfrom assistant.cli import main\n"
        "main(['ask', 'Can I swim?'], standalone_mode=False)\n"
        "heavy = ('gradio', 'fastapi', 'uvicorn', 'matplotlib', 'gradio_client')\n"
        "print('LOADED', sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300)
    assert "LOADED []" in result.stdout, result.stdout[-500:] + result.stderr[-500:]
    assert "“" in result.stdout  # it did answer, with quotes


def test_bytes_that_are_not_utf8_get_answers_not_a_traceback(run, real_assistant):
    """Invalid UTF-8 on the command line and on standard input, with strict I/O errors (PYTHONIOENCODING)."""
    settings = real_assistant.settings
    env = {**os.environ, "ASSISTANT_CORPUS": str(settings.corpus), "ASSISTANT_INDEX": str(settings.index), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "assistant.cli", "ask", "--json"]
    lines = subprocess.run(
        [*command, "-"], input=b"Can I swim?\n\xff\xfe lift weights?\n\xed\xa0\x80\n", capture_output=True, env=env, timeout=300
    )
    assert lines.returncode == 0 and b"Traceback" not in lines.stderr, lines.stderr.decode()
    rows = [json.loads(line) for line in lines.stdout.decode("utf-8").splitlines()]
    assert [r["answered"] for r in rows] == [True, True, False]
    assert rows[1]["question"] == "\ufffd\ufffd lift weights?"
    single = subprocess.run([*command, b"\xff\xfe"], capture_output=True, env=env, timeout=300)
    assert single.returncode == 2 and b"Traceback" not in single.stderr, single.stderr.decode()
    assert json.loads(single.stdout) == {"question": "??", "answered": False, "error": "please type a question"}


def build_corpus(folder, good: bool):  # type: ignore[no-untyped-def]
    """A corpus with bad files of several kinds, and (if `good`) two good documents."""
    folder.mkdir()
    if good:
        (folder / "walking.txt").write_text("Walking every day keeps the legs strong. Stop when you feel tired.\n")
        (folder / "notes.md").write_text("# Swimming\n\nSwimming in warm water is gentle on the joints.\n")
        (folder / "walking2.txt").write_text("Walking every day keeps the legs strong. Stop when you feel tired.\n")
    (folder / "empty.txt").write_text("")
    (folder / "fake.pdf").write_bytes(b"not a pdf")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    (folder / "loop").symlink_to(".")
    return folder


SKIPS = ["empty.txt: the file is empty", "fake.pdf: not a PDF file", "loop/: a linked folder", "slides.pptx: unsupported file type"]


def test_build_ends_with_a_summary_of_what_was_indexed_and_skipped(run, tmp_path):
    corpus = build_corpus(tmp_path / "corpus", good=True)
    result = run("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Indexed 2 documents (")
    assert lines[1] == "Skipped 5 files:"
    wanted = [*SKIPS, "walking2.txt: same content as walking.txt"]
    assert len(lines) == 2 + len(wanted)
    assert [line.strip()[: len(want)] for line, want in zip(lines[2:], wanted)] == wanted


def test_build_with_nothing_indexable_fails_naming_every_file(run, tmp_path):
    corpus = build_corpus(tmp_path / "corpus", good=False)
    result = run("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "nothing in" in result.stderr and "could be indexed" in result.stderr
    for skip in SKIPS:
        assert skip in result.stderr
    assert not (tmp_path / "index" / "CURRENT").exists()


def test_an_index_folder_that_cannot_be_written_is_a_message_not_a_traceback(run, tmp_path):
    corpus = build_corpus(tmp_path / "corpus", good=True)
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "builds").write_text("a file where the builds folder should be")
    result = run("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: File exists") and "builds" in result.stderr
