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
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True,
                              text=True, env=env, timeout=300)

    return _run


def test_ask_text_has_lead_numbered_quotes_and_references(run):
    result = run("ask", "Should I lift weights if I have ALS?")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0].startswith("Sources disagree: ")
    assert "— Supports it —" in out and "— Advises against it —" in out
    assert "[1] “" in out and "References" in out
    assert "does not replace your care team" in " ".join(out.split())
    assert "Traceback" not in result.stderr


def test_ask_json_follows_the_contract(run):
    result = run("ask", "--json", "How often should I do cardio?")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"question", "answered", "lead", "citations", "timing_ms"} <= set(data)
    assert data["answered"] is True and data["timing_ms"]["total"] > 0
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
