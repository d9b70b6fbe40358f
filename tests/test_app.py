"""The chat server as exposed to the network: it never reaches out, never serves a file through Gradio's file
routes, and writes nothing about its users to disk. Real server process, real model, real index."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from .chatserver import ask, running_chat

pytestmark = pytest.mark.slow  # a live chat server with the real model

HERE = Path(__file__).resolve().parent
# The app must keep itself offline: none of these may come from the test's environment.
OFFLINE_SWITCHES = (
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
    "GRADIO_ANALYTICS_ENABLED",
    "HF_HUB_DISABLE_TELEMETRY",
    "HF_DATASETS_OFFLINE",
    "GRADIO_CACHE_EXAMPLES",
)
MARKER = f"quokka{uuid.uuid4().hex[:10]}"  # a word no file could contain by chance
QUESTIONS = [f"Can I swim, asks {MARKER}?", f"Should I lift weights {MARKER}", "x" * 5000 + MARKER]


def _sandbox(root: Path) -> dict[str, str]:
    """An environment whose every writable place is under root, with outbound connections refused and logged."""
    guard = root / "guard"
    guard.mkdir(parents=True)
    shutil.copy(HERE / "outbound_guard.py", guard / "sitecustomize.py")
    env = {k: v for k, v in os.environ.items() if k not in OFFLINE_SWITCHES}
    for name in ("HOME", "TMPDIR", "GRADIO_TEMP_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "MPLCONFIGDIR"):
        (root / name.lower()).mkdir()
        env[name] = str(root / name.lower())
    (root / "cwd").mkdir()
    env.update(PYTHONPATH=str(guard), OUTBOUND_LOG=str(root / "outbound.log"))
    return env


@pytest.fixture(scope="module")
def sandbox(real_assistant, tmp_path_factory):
    """The chat, started in a sandbox, asked a few questions (one of them too long) through its HTTP API."""
    root = tmp_path_factory.mktemp("sandbox")
    env = _sandbox(root)
    # Files Gradio would serve from its own folders if it were asked for them: they must stay unreachable.
    planted = {
        "upload-folder": Path(env["GRADIO_TEMP_DIR"]) / "planted.txt",
        "examples-cache": root / "cwd" / ".gradio" / "cached_examples" / "planted.txt",
    }
    for path in planted.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"planted-{uuid.uuid4().hex}")
    settings = real_assistant.settings
    with running_chat(settings.corpus, settings.index, env=env, cwd=root / "cwd") as chat:
        with httpx.Client(base_url=chat.url, timeout=60) as client:
            pages = [client.get(p) for p in ("/", "/config", "/theme.css", "/gradio_api/info", "/healthz")]
            answers = [ask(client, q, session="s1") for q in QUESTIONS]
            sentence = next(s for s in real_assistant.index.sentences if s.evidence)
            pages.append(client.get(f"/source/{sentence.id}"))
        yield {
            "chat": chat,
            "root": root,
            "env": env,
            "pages": pages,
            "answers": answers,
            "planted": planted,
            "corpus_file": next(settings.corpus.glob("*.txt")),
            "manifest": real_assistant.index.path / "manifest.json",
        }


def test_the_chat_answers_in_the_sandbox(sandbox):
    assert [p.status_code for p in sandbox["pages"]] == [200] * 6
    assert all('class="turn"' in a for a in sandbox["answers"])
    assert "please keep it under" in sandbox["answers"][-1]  # the over-long question is refused politely


def test_the_chat_makes_no_outbound_connection(sandbox):
    log = Path(sandbox["env"]["OUTBOUND_LOG"])
    assert log.exists(), "the outbound guard was not loaded in the server"
    assert log.read_text() == ""


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "assistant.cli", "ask", "Can I swim?"],
        ["-m", "assistant.cli", "ask", "--json", "-"],
    ],
    ids=["ask", "ask-stdin-json"],
)
def test_ask_makes_no_outbound_connection(real_assistant, tmp_path, command):
    env = _sandbox(tmp_path)
    env.update(ASSISTANT_CORPUS=str(real_assistant.settings.corpus), ASSISTANT_INDEX=str(real_assistant.settings.index))
    result = subprocess.run(
        [sys.executable, *command],
        input="How often should I stretch?\n",
        env=env,
        cwd=tmp_path / "cwd",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "[1]" in result.stdout or '"citations": [{' in result.stdout
    assert Path(env["OUTBOUND_LOG"]).read_text() == ""


def test_the_guard_does_block_and_record_outbound_connections(tmp_path):
    """Without this, an empty log could mean a guard that never ran."""
    env = _sandbox(tmp_path)
    code = (
        "import urllib.request\ntry:\n    urllib.request.urlopen('http://example.com/', timeout=5)\n"
        "except OSError as e:\n    print('blocked', e)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "blocked" in result.stdout
    assert "example.com" in Path(env["OUTBOUND_LOG"]).read_text()


def _target(sandbox, name: str) -> tuple[Path, str]:
    """A file the server can read and must never hand out: its path and a piece of its content."""
    if name in sandbox["planted"]:
        path = sandbox["planted"][name]
        return path, path.read_text()
    path = {
        "etc-passwd": Path("/etc/passwd"),
        "app-source": HERE.parent / "assistant" / "ui/app.py",
        "corpus-file": sandbox["corpus_file"],
        "index-manifest": sandbox["manifest"],
    }[name]
    piece = {"etc-passwd": "root:", "app-source": "def build_app"}.get(name) or path.read_text()[:60]
    return path, piece


def _variants(path: Path, port: int) -> list[str]:
    p, rel = str(path), "../" * 12 + str(path).lstrip("/")
    return [
        f"/gradio_api/file={p}",
        f"/file={p}",
        f"/gradio_api/file/{p}",
        f"/gradio_api/file={quote(p, safe='')}",
        f"/gradio_api/file={rel}",
        f"/gradio_api/file={quote(rel, safe='')}",
        f"/gradio_api/file=%2e%2e/%2e%2e/{rel}",
        f"//gradio_api/file={p}",
        f"/gradio_api//file={p}",
        f"/gradio_api/%66ile={p}",
        f"/GRADIO_API/FILE={p}",
        f"/static/{rel}",
        f"/assets/{rel}",
        f"/svelte/{rel}",
        f"/static/{quote(rel, safe='')}",
        f"/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f{p.lstrip('/')}",
        f"/source/{quote(rel, safe='')}",
        f"/gradio_api/file=file://{p}",
        f"/gradio_api/file=http://127.0.0.1:{port}/gradio_api/file={p}",
        f"/gradio_api/proxy=http://127.0.0.1:{port}/",
    ]


def _raw_get(url: str, path: str) -> tuple[int, str]:
    """GET exactly this path: http.client sends it as written, without resolving ../ or re-encoding."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["upload-folder", "examples-cache", "etc-passwd", "app-source", "corpus-file", "index-manifest"])
def test_no_file_is_served_through_gradio_file_routes(sandbox, name):
    path, piece = _target(sandbox, name)
    port = urlsplit(sandbox["chat"].url).port
    served = [
        (variant, status) for variant in _variants(path, port) for status, body in [_raw_get(sandbox["chat"].url, variant)] if piece in body
    ]
    assert served == []


def test_uploads_are_refused_and_nothing_is_written(sandbox):
    before = sorted(Path(sandbox["env"]["GRADIO_TEMP_DIR"]).rglob("*"))
    with httpx.Client(base_url=sandbox["chat"].url, timeout=30) as client:
        statuses = [
            client.post(p, files={"files": ("x.html", b"<script>alert(1)</script>")}).status_code
            for p in ("/gradio_api/upload", "/upload", "/gradio_api/upload?upload_id=1")
        ]
    assert statuses == [404, 404, 404]
    assert sorted(Path(sandbox["env"]["GRADIO_TEMP_DIR"]).rglob("*")) == before


def test_nothing_about_the_questions_is_written_to_disk_or_the_log(sandbox, real_assistant):
    places = [sandbox["root"], real_assistant.settings.index, real_assistant.settings.corpus]
    holding = [str(f) for place in places for f in Path(place).rglob("*") if f.is_file() and MARKER.encode() in f.read_bytes()]
    assert holding == []
    assert MARKER not in "".join(sandbox["chat"].output)
