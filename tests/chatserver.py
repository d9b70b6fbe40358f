"""The chat as its users reach it: `assistant chat` in its own process on a free loopback port, asked over
Gradio's HTTP API (POST /gradio_api/call/respond, then read the event stream), as a browser or script would."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Chat:
    url: str
    proc: subprocess.Popen
    output: list[str]

    def rss_mb(self) -> float:
        """Resident memory of the server process, in MB (from /proc, as `ps` reports it)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc status")


@contextmanager
def running_chat(
    corpus: Path, index: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = (), cwd: Path | None = None, timeout: float = 180
) -> Iterator[Chat]:
    """Start `assistant chat` and wait for its ready line; stop it (and fail if it will not stop) afterwards."""
    port = free_port()
    full_env = {**os.environ, "ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(index), **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "chat", "--port", str(port), *args],
        env=full_env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        line = proc.stdout.readline()
        if not line:
            break
        output.append(line)
        if "ready at" in line:
            break
    if not output or "ready at" not in output[-1]:
        _stop(proc)
        raise RuntimeError(f"the chat did not start: {''.join(output)[-2000:]}")
    # Keep reading what the server prints, so a full pipe can never stall it.
    drain = threading.Thread(target=lambda: output.extend(iter(proc.stdout.readline, "")), daemon=True)
    drain.start()
    try:
        yield Chat(f"http://127.0.0.1:{port}", proc, output)
    finally:
        _stop(proc)
        drain.join(timeout=10)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        raise RuntimeError("the chat did not stop within 30 s of SIGTERM") from None


def ask(client: httpx.Client, question: str, session: str | None = None, view: str = "patient") -> str:
    """The conversation HTML after asking; raises on any HTTP or Gradio error."""
    body = {"data": [question, view], "session_hash": session or uuid.uuid4().hex}
    r = client.post("/gradio_api/call/respond", json=body)
    r.raise_for_status()
    event_id = r.json()["event_id"]
    event = None
    with client.stream("GET", f"/gradio_api/call/respond/{event_id}") as stream:
        stream.raise_for_status()
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                data = line.split(":", 1)[1].strip()
                if event == "error":
                    raise RuntimeError(f"Gradio error event: {data[:200]}")
                return json.loads(data)[1]
    raise RuntimeError(f"the answer stream ended without a result (last event {event!r})")
