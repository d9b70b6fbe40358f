"""A serving assistant follows new builds: it switches to a newer complete build, refuses a bad one, never a half one."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.api import Assistant
from assistant.config import Settings
from assistant.index.build import build_index
from assistant.index.store import CURRENT, current_build

from .chatserver import ask, running_chat
from .conftest import HashEncoder, write

NEW_DOC = ("c.txt", "Cycling\n\nCycling on a stationary bike is a safe way to train the heart and lungs.\n")


@pytest.fixture
def tiny(tiny: Settings, hash_encoder) -> Assistant:
    """conftest's TINY corpus, loaded."""
    return Assistant.load(settings=tiny, encoder=hash_encoder)


def _new_build(assistant: Assistant, encoder=None) -> Path:
    """What another process's `assistant build` leaves behind: a new complete build, made current."""
    write(assistant.settings.corpus / NEW_DOC[0], NEW_DOC[1])
    path, _ = build_index(assistant.settings, encoder or assistant.encoder, progress=False)
    return path


def _refreshed(assistant: Assistant) -> Assistant:
    """One request's view after the background load that request started has finished."""
    assistant.for_request()
    assistant.watcher.wait(timeout=30)
    return assistant.for_request()


def test_nothing_is_loaded_while_the_build_in_use_stays_current(tiny):
    before = tiny.index
    for _ in range(50):
        assert tiny.for_request().index is before
    assert tiny.watcher._loader is None  # no load was even started


def test_a_new_build_is_picked_up_and_a_request_keeps_the_index_it_started_with(tiny):
    old = tiny.index
    path = _new_build(tiny)
    pinned = tiny.for_request()  # the request that notices the new build is still answered from the old one
    assert pinned.index is old
    now = _refreshed(tiny)
    assert now.index.path == path and tiny.index is now.index
    assert pinned.index is old  # a request in flight finishes on the index it started with
    assert not any("stationary bike" in c.quote for c in pinned.ask("Is cycling on a stationary bike safe?").citations)
    assert any("stationary bike" in c.quote for c in now.ask("Is cycling on a stationary bike safe?").citations)


def _damage(assistant: Assistant) -> None:
    path = _new_build(assistant)
    (path / "sentences.faiss").write_bytes(b"not a faiss index")


def _other_model(assistant: Assistant) -> None:
    class Other(HashEncoder):
        name = "another-model"

    _new_build(assistant, Other())


def _pointer_to_nothing(assistant: Assistant) -> None:
    (assistant.settings.index / CURRENT).write_text("b-does-not-exist\n")


@pytest.mark.parametrize(
    "spoil, warning",
    [
        (_damage, "could not be loaded"),
        (_other_model, "embedded with another-model"),
        (_pointer_to_nothing, None),
    ],
    ids=["damaged-build", "other-model", "pointer-to-missing-build"],
)
def test_a_bad_new_build_is_refused_and_the_old_index_keeps_answering(tiny, caplog, spoil, warning):
    old = tiny.index
    spoil(tiny)
    with caplog.at_level(logging.WARNING, logger="assistant.index.refresh"):
        now = _refreshed(tiny)
    assert now.index is old
    assert now.ask("Is swimming gentle on the joints?").citations
    if warning:
        assert warning in caplog.text and old.path.name in caplog.text  # says which index it still answers from
    # the watcher is not stuck: the next good build is taken
    (tiny.settings.corpus / NEW_DOC[0]).unlink(missing_ok=True)
    good, _ = build_index(tiny.settings, tiny.encoder, progress=False)
    assert _refreshed(tiny).index.path == good


# --- the real server, the real model, `assistant build` in other processes --------------------------------------

HIPPO = (
    "hippotherapy-2024.md",
    "---\ntitle: Riding therapy in ALS\ndate: 2024-05-01\n---\n# Hippotherapy\n\n"
    "Hippotherapy, therapy on horseback guided by a physical therapist, may help trunk control early in ALS.\n"
    "Riding sessions should be short and supervised, and a helmet is always worn.\n",
)
HIPPO_QUESTION = "Is horseback riding therapy (hippotherapy) helpful in ALS?"
HIPPO_QUOTE = "Hippotherapy, therapy on horseback"

# Holds `assistant build` at its very last step: the new build's folder fully written, not yet made current.
PAUSE_BEFORE_CURRENT = """
import os, time
_replace = os.replace
def _paused(src, dst, *a, **k):
    if os.path.basename(str(src)).startswith(".tmp-"):
        open(os.environ["PAUSED_FLAG"], "w").close()
        time.sleep(600)
    return _replace(src, dst, *a, **k)
os.replace = _paused
"""


class Asker(threading.Thread):
    """A user asking one question after another until stopped, recording every failure."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.answered, self.errors, self._stop_flag = url, 0, [], threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            while not self._stop_flag.is_set():
                try:
                    html = ask(client, "Can I swim?")
                    self.answered += 1 if 'class="turn"' in html and "went wrong" not in html else 0
                    if "went wrong" in html:
                        self.errors.append("the page said something went wrong")
                except Exception as exc:  # any failure is what this test looks for
                    self.errors.append(repr(exc))

    def stop(self) -> None:
        self._stop_flag.set()
        self.join(timeout=60)


def _build(index: Path, corpus: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    full = {**os.environ, "ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(index), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "build"],
        env=full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.2)


def test_server_answers_throughout_rebuilds_and_then_from_the_new_build(real_assistant, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(real_assistant.settings.corpus, corpus)
    shutil.copytree(real_assistant.settings.index, index)
    with running_chat(corpus, index) as chat, httpx.Client(base_url=chat.url, timeout=60) as client:
        health = lambda: client.get("/healthz").json()  # noqa: E731
        first = health()
        assert HIPPO_QUOTE not in ask(client, HIPPO_QUESTION)
        asker = Asker(chat.url)
        asker.start()
        write(corpus / HIPPO[0], HIPPO[1])

        # 1. a build killed at its last step, its new folder complete but never made current
        hook = tmp_path / "hook"
        write(hook / "sitecustomize.py", PAUSE_BEFORE_CURRENT)
        flag = tmp_path / "paused"
        killed = _build(index, corpus, {"PYTHONPATH": str(hook), "PAUSED_FLAG": str(flag)})
        _wait_for(flag.exists, 300, "the build to reach its last step")
        assert health() == first and asker.errors == []
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait(timeout=30)
        time.sleep(1)
        assert health() == first and current_build(index).name == first["build"]
        answered_before = asker.answered

        # 2. a build that completes: the server switches to it without a failed question
        done = _build(index, corpus)
        assert done.wait(timeout=600) == 0, done.stderr.read()
        _wait_for(lambda: health()["build"] != first["build"], 60, "the server to switch to the new build")
        asker.stop()
        assert asker.errors == []
        assert asker.answered > answered_before > 0
        assert health() == {"ok": True, "documents": first["documents"] + 1, "build": current_build(index).name}
        assert HIPPO_QUOTE in ask(client, HIPPO_QUESTION)
