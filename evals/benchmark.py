"""Speed and memory of the assistant on the bundled corpus: the numbers quoted in the README.

    .venv/bin/python evals/benchmark.py [--repeat 5] [--json]

Measures, in fresh subprocesses where start-up matters: a cold index build (model load included),
loading an existing index (what `ask` and the chat pay at start), the latency of `Assistant.ask`
over every question of the public set (median and p95 as `assistant eval` computes them, after one
warm-up pass), and peak memory.
Times are wall-clock on whatever machine runs it; the README says which machine its numbers came from.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from assistant import Assistant
assistant = Assistant.load({corpus!r}, {index!r})
loaded = time.perf_counter() - started
print(json.dumps({{"seconds": loaded, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def _child(corpus: Path, index: Path) -> dict:
    """Start a fresh interpreter that loads (building if needed) and report its time and peak memory."""
    out = subprocess.run([sys.executable, "-c", _CHILD.format(corpus=str(corpus), index=str(index))],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run the measurements and print them as a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Runs of each start-up measurement (median reported).")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from assistant import Assistant
    from assistant.evaluate import percentile
    from assistant.questions import load_questions

    corpus = ROOT / "corpus"
    builds, loads = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            builds.append(_child(corpus, Path(tmp) / "index"))  # cold: no index, so the model embeds everything
            loads.append(_child(corpus, Path(tmp) / "index"))  # warm: the index exists and is current
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant.load(corpus, Path(tmp) / "index")
        questions = [q.question for q in load_questions(ROOT / "evals" / "questions.yaml")]
        for q in questions:  # warm-up pass: first-call costs are not what a user waits for later
            assistant.ask(q)
        latencies = []
        for _ in range(args.repeat):
            for q in questions:
                started = time.perf_counter()
                assistant.ask(q)
                latencies.append((time.perf_counter() - started) * 1000)
    result = {
        "build_seconds_median": statistics.median(b["seconds"] for b in builds),
        "load_seconds_median": statistics.median(x["seconds"] for x in loads),
        "ask_ms_median": statistics.median(latencies),
        "ask_ms_p95": percentile(latencies, 95),
        "asks": len(latencies),
        "peak_rss_mb_build": max(b["rss_mb"] for b in builds),
        "peak_rss_mb_load": max(x["rss_mb"] for x in loads),
        "peak_rss_mb_this_process": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if args.json:
        print(json.dumps(result))
        return
    for name, value in result.items():
        print(f"{name:28} {value:10.1f}" if isinstance(value, float) else f"{name:28} {value:10d}")


if __name__ == "__main__":
    main()
