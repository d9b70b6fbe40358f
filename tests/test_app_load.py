"""The chat under load, as a real server on loopback: 20 people asking at once, a newcomer during the rush,
and memory over 1,000 questions. Real model, real index, Gradio's HTTP API; nothing is mocked.

Bounds, for this 2-core machine where one answer takes ~50 ms of CPU and the chat answers two at a time:
- the 200 questions finish within 120 s (they take ~12 s; a stall or deadlock would not finish);
- a newcomer gets the page and a first answer within NEWCOMER_S, or 1.5 times the rush's p95 on a slower day (not an
  absolute speed: that is benchmarks/' business): Gradio's queue is first come, first
  served, so a newcomer waits behind at most the 20 questions already queued, 10 rounds of 2 answers
  (~0.1-0.2 s each with the page HTML, so 1-2 s), and is answered before the rush ends (not starved);
- RSS after 1,000 more questions grows by under RSS_GROWTH_MB over the warmed-up server: every session
  and its conversation are bounded (chat.MAX_TURNS, chat.SESSIONS) and malloc arenas are capped
  (app.steady_memory). Measured: +12 MB with the cap, +55 MB and still climbing without it; with the judge,
  +56 MB until the mmap threshold was fixed too, +8 MB after (2026-11-30); a leak of
  the ~0.3 MB conversation page per question would add 300 MB.
"""

from __future__ import annotations

import statistics
import threading
import time
import uuid

import httpx
import pytest

from .chatserver import ask, running_chat

pytestmark = pytest.mark.slow  # a live chat server with the real model

CLIENTS = 20
NEWCOMER_S = 6.0
RSS_GROWTH_MB = 30.0
QUESTIONS = [
    "Should I lift weights?",
    "Is it OK to push through tiredness when I exercise?",
    "How often should I do cardio?",
    "Will stretching help with cramps?",
    "Can I swim or exercise in a pool?",
    "What is the capital of France?",
    "Is strengthening exercise recommended?",
    "how many times a week should i get on the exercise bike",
]


@pytest.fixture(scope="module")
def chat(real_assistant):
    settings = real_assistant.settings
    with running_chat(settings.corpus, settings.index) as running:
        yield running


class Rush:
    """CLIENTS people, each in their own conversation, asking `each` questions one after another."""

    def __init__(self, url: str, each: int, sessions: list[str] | None = None) -> None:
        self.url, self.each = url, each
        self.sessions = sessions or [uuid.uuid4().hex for _ in range(CLIENTS)]
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(CLIENTS)]

    def _client(self, i: int) -> None:
        with httpx.Client(base_url=self.url, timeout=120) as client:
            for k in range(self.each):
                started = time.perf_counter()
                try:
                    html = ask(client, QUESTIONS[(i + k) % len(QUESTIONS)], session=self.sessions[i])
                    if 'class="turn"' not in html or "went wrong" in html:
                        self.errors.append(f"client {i}: not an answer: {html[:120]!r}")
                except Exception as exc:  # every failure counts, whatever it is
                    self.errors.append(f"client {i}: {exc!r}")
                self.latencies.append(time.perf_counter() - started)

    def run(self, timeout: float) -> float:
        started = time.perf_counter()
        for t in self.threads:
            t.start()
        for t in self.threads:
            t.join(max(0.0, timeout - (time.perf_counter() - started)))
        if any(t.is_alive() for t in self.threads):
            pytest.fail(f"the rush did not finish within {timeout} s ({len(self.latencies)} answers)")
        return time.perf_counter() - started

    def running(self) -> bool:
        return any(t.is_alive() for t in self.threads)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def test_200_questions_from_20_clients_with_a_newcomer_served_promptly(chat):
    rush = Rush(chat.url, each=10)
    newcomer: dict[str, float] = {}

    def arrive() -> None:
        while len(rush.latencies) < 60:  # well into the rush, with every client's next question queued
            time.sleep(0.01)
        started = time.perf_counter()
        with httpx.Client(base_url=chat.url, timeout=60) as client:
            assert client.get("/").status_code == 200 and client.get("/config").status_code == 200
            html = ask(client, "Can I swim?")
        newcomer.update(seconds=time.perf_counter() - started, rush_running=rush.running(), answered='class="turn"' in html)

    arrival = threading.Thread(target=arrive, daemon=True)
    arrival.start()
    wall = rush.run(timeout=120)
    arrival.join(60)
    p95 = _p95(rush.latencies)
    print(
        f"\n200 questions, {CLIENTS} clients: {wall:.1f} s, p50 {statistics.median(rush.latencies):.2f} s, "
        f"p95 {p95:.2f} s; newcomer's page and first answer: {newcomer.get('seconds', float('nan')):.2f} s"
    )
    assert rush.errors == []
    assert len(rush.latencies) == 200
    # Served about as soon as the people already queued, whatever the machine's day: 2026-12-02 the rush took 38-43 s
    # (p95 5.2-6.2 s a question, ~12 s when NEWCOMER_S was set), the newcomer 4.4-4.8 s, and once 6.5 s in the full suite.
    assert newcomer.get("answered") and newcomer["seconds"] < max(NEWCOMER_S, 1.5 * p95)
    assert newcomer["rush_running"], "the newcomer was only answered once the rush was over"


def test_memory_stays_flat_over_1000_questions(chat):
    sessions = [uuid.uuid4().hex for _ in range(CLIENTS)]
    warm = Rush(chat.url, each=10, sessions=sessions)  # every conversation reaches its longest (ui/chat.py MAX_TURNS)
    warm.run(timeout=180)
    before = chat.rss_mb()
    marks = []
    for _ in range(2):
        rush = Rush(chat.url, each=25, sessions=sessions)
        rush.run(timeout=300)
        assert rush.errors == []
        marks.append(chat.rss_mb())
    print(f"\nserver RSS after warm-up {before:.0f} MB; after 500 and 1,000 more questions: " + ", ".join(f"{m:.0f} MB" for m in marks))
    assert warm.errors == []
    assert marks[-1] - before < RSS_GROWTH_MB
