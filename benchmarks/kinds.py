"""Answer latency by kind of question, against the floors the answer-correctness issues set (written to benchmarks/kinds.md).

    .venv/bin/python benchmarks/kinds.py            # 3 rounds over the benchmark questions (about 2 minutes on 2 cores)
    .venv/bin/python benchmarks/kinds.py --quick    # one round over a few questions, to check that it runs

- A question for facts ("How often should I stretch?"): `Assistant.ask` against one `model.encode(question)` and one
  FAISS search of the same index.
- A yes/no question: `Assistant.ask` against the same, plus one batched judge pass over 16 (claim, sentence) pairs.

Each question is asked, then its floor is measured, in the same process and round, interleaved; medians over all asks
of that kind. The kind is the assistant's own reading (`asks_yes_or_no`). Run it on idle cores: anything else running
on the 2 cores moves every figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.growth import questions  # noqa: E402
from benchmarks.run import machine  # noqa: E402

PAIRS = 16  # the judge pass the yes/no floor includes (issue: "one batched judge pass over 16 pairs")


def measure(assistant, qs: list[str], rounds: int) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    """Median ask and floor per kind ("factual", "yes/no") and their ratio."""
    from assistant.language.terms import asks_yes_or_no

    model = assistant.encoder._load()
    evidence = [s.text for s in assistant.index.sentences if s.evidence][:PAIRS]
    for q in qs:  # warm: model, judge, caches
        assistant.ask(q)
    times: dict[str, tuple[list[float], list[float]]] = {"factual": ([], []), "yes/no": ([], [])}
    for _ in range(rounds):
        for q in qs:
            kind = "yes/no" if asks_yes_or_no(q) else "factual"
            asked, floor = times[kind]
            started = time.perf_counter()
            assistant.ask(q)
            asked.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            vector = model.encode(q, normalize_embeddings=True)
            assistant.index.sentence_ann.search(vector, assistant.settings.candidates)
            if kind == "yes/no":
                assistant.reader.read([q] * len(evidence), evidence)
            floor.append((time.perf_counter() - started) * 1000)
    out = {}
    for kind, (asked, floor) in times.items():
        if asked:
            ask_ms, floor_ms = statistics.median(asked), statistics.median(floor)
            out[kind] = {"asks": len(asked), "ask_ms": ask_ms, "floor_ms": floor_ms, "ratio": ask_ms / floor_ms}
    return out


def report(heading: str, result: dict[str, dict], rounds: int) -> str:
    floors = {"factual": "one encode + one FAISS search", "yes/no": f"one encode + one FAISS search + one judge pass over {PAIRS} pairs"}
    lines = [
        "# Answer latency by kind of question",
        "",
        f"Machine: {heading}.",
        f"Command: `.venv/bin/python benchmarks/kinds.py` ({rounds} rounds; medians; wall-clock; cores otherwise idle).",
        "",
        "| kind | asks | `Assistant.ask` | floor | floor is | **ratio** (target ≤ 1.3) |",
        "|---|---|---|---|---|---|",
    ]
    for kind, r in result.items():
        lines.append(f"| {kind} | {r['asks']} | {r['ask_ms']:.1f} ms | {r['floor_ms']:.1f} ms | {floors[kind]} | **{r['ratio']:.2f}** |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="A few questions, one round: checks that it runs.")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "kinds.md")
    args = parser.parse_args()
    from assistant.api import Assistant

    qs = questions()[: 8 if args.quick else None]
    rounds = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant.load(ROOT / "corpus", Path(tmp) / "index")
        result = measure(assistant, qs, rounds)
    text = report(machine(), result, rounds)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
