"""Over-long and parallel questions against a live chat, while a normal user asks: memory and that user's latency.

    .venv/bin/python benchmarks/soak.py [--seconds 60] [--out benchmarks/soak.md]

Starts `assistant chat` on a free port (the repository's corpus and index) and measures, on this machine:

- the server's resident memory at rest (after a warm-up of normal questions), at its peak during the
  attack, and 30 s after the attack stopped;
- a normal user's answer latency (one question at a time, through Gradio's API as the page asks), at rest
  and while the attack runs: median and p95.

The attack mix follows issue 15: 80 parallel 2-million-character questions, 10-million-character ones
(refused at the HTTP layer), conversations of ten over-long turns, and bursts of questions just over the
2,000-character limit (which reach the app and are refused there). Targets: memory back near its baseline
after the attack, and the normal user's p95 under 2 s while it runs. Not a test: run it on a quiet machine.

The attackers run in a process of their own, so the normal user's client does not wait on their threads
for Python's interpreter lock (with all 89 client threads in one process, that lock, not the server, set
much of the measured latency); `--attack-nice N` lowers that process's priority, standing in for
attackers on another machine when there is only this one. The table says how the run was made.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.chatserver import running_chat  # noqa: E402

NORMAL = ["Can I swim?", "Should I lift weights?", "How often should I stretch?", "Is cardio good for me?"]


def ask(client: httpx.Client, question: str, session: str = "") -> tuple[int, float]:
    """One question through /gradio_api/call/respond and its event stream: (status, seconds)."""
    started = time.perf_counter()
    r = client.post("/gradio_api/call/respond", content=_body(question, session), headers={"content-type": "application/json"})
    if r.status_code == 200:
        client.get(f"/gradio_api/call/respond/{r.json()['event_id']}")
    return r.status_code, time.perf_counter() - started


def normal_user(url: str, stop: threading.Event, times: list[float]) -> None:
    with httpx.Client(base_url=url, timeout=120) as client:
        n = 0
        while not stop.is_set():
            times.append(ask(client, NORMAL[n % len(NORMAL)])[1])
            n += 1
            time.sleep(0.2)


def _body(question: str, session: str = "") -> bytes:
    return json.dumps({"data": [question, "patient"], **({"session_hash": session} if session else {})}).encode()


def attacker(url: str, kind: str, stop: threading.Event, counts: dict[str, int]) -> None:
    # Bodies encoded once: the attack's cost is the server's to bear, not this client's to rebuild every time.
    huge, long = _body("swim " * 2_000_000), _body("x" * 2_000_000)
    turn = _body("Can I swim? " * 170, session=f"conv-{threading.get_ident()}")
    headers = {"content-type": "application/json"}
    while not stop.is_set():
        try:
            with httpx.Client(base_url=url, timeout=120) as client:
                for body in [huge] if kind == "huge" else [long] if kind == "long" else [turn] * 10:
                    r = client.post("/gradio_api/call/respond", content=body, headers=headers)
                    status = r.status_code
                    if status == 200:  # just over the limit, ten turns of one conversation: refused by the app
                        client.get(f"/gradio_api/call/respond/{r.json()['event_id']}")
            key = f"{kind} {status}"
        except httpx.HTTPError as exc:
            key = f"{kind} {type(exc).__name__}"
        counts[key] = counts.get(key, 0) + 1


def attack(url: str, seconds: float, nice: int, results: Any) -> None:
    """The attack mix in this (separate) process, for `seconds`; puts its counts on `results`."""
    if nice:
        os.nice(nice)
    counts: dict[str, int] = {}
    stop = threading.Event()
    mix = [("long", 80), ("huge", 4), ("turns", 4)]
    threads = [threading.Thread(target=attacker, args=(url, kind, stop, counts)) for kind, n in mix for _ in range(n)]
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    results.put(counts)


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)] if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "soak.md")
    parser.add_argument("--attack-nice", type=int, default=0, help="lower the attacking process's priority by this much")
    args = parser.parse_args()
    with running_chat(ROOT / "corpus", ROOT / "index") as chat:
        url = chat.url
        with httpx.Client(base_url=url, timeout=120) as client:
            for q in NORMAL * 5:
                ask(client, q)
        rest: list[float] = []
        stop = threading.Event()
        user = threading.Thread(target=normal_user, args=(url, stop, rest))
        user.start()
        time.sleep(15)
        stop.set()
        user.join()
        baseline = chat.rss_mb()

        under: list[float] = []
        stop = threading.Event()
        results: Any = multiprocessing.Queue()
        attackers = multiprocessing.Process(target=attack, args=(url, args.seconds, args.attack_nice, results))
        attackers.start()
        time.sleep(2)  # the attack under way before the normal user's first question
        user = threading.Thread(target=normal_user, args=(url, stop, under))
        user.start()
        peak, ends = baseline, time.monotonic() + args.seconds - 2
        while time.monotonic() < ends:
            peak = max(peak, chat.rss_mb())
            time.sleep(0.5)
        stop.set()
        user.join()
        counts = results.get(timeout=300)
        attackers.join()
        time.sleep(30)
        after = chat.rss_mb()
    lines = [
        "# Attack soak (issue 15)",
        "",
        f"`benchmarks/soak.py --seconds {args.seconds:g} --attack-nice {args.attack_nice}` on {time.strftime('%Y-%m-%d')}, "
        "this machine (2 cores); server, normal user and attackers on the same machine, the attackers in a process of "
        f"their own{f' at nice {args.attack_nice}' if args.attack_nice else ''}.",
        "",
        "| | value |",
        "|---|---|",
        f"| server memory at rest (after warm-up) | {baseline:,.0f} MB |",
        f"| peak during the attack | {peak:,.0f} MB |",
        f"| 30 s after the attack | {after:,.0f} MB |",
        f"| normal user at rest: median / p95 ({len(rest)} answers) | {statistics.median(rest):.2f} / {p95(rest):.2f} s |",
        f"| normal user under attack: median / p95 ({len(under)} answers) | {statistics.median(under):.2f} / {p95(under):.2f} s |",
        f"| attack requests by kind and status | {', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))} |",
        "",
        "Targets: memory back near its baseline; the normal user's p95 under 2 s during the attack.",
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
