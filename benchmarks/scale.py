"""Past one machine, measured (issue 34; written to benchmarks/scale.md):

    .venv/bin/python benchmarks/scale.py            # about 6 minutes on 2 idle cores
    .venv/bin/python benchmarks/scale.py --quick    # small sizes, to check that it runs

1. Embedding rate (sentences a second): one process (`SentenceTransformerEncoder`, two threads) against Ray with 1 and
   2 local workers (`index/distributed.RayEncoder`, one CPU each), on SciFact abstract sentences; median of 3 rounds
   after a warm-up.
2. Ray's overhead on the five-document seed corpus: `assistant build` against `assistant build --engine ray`, wall
   time of the whole command (interpreter, model load, Ray start), median of 3.
3. Sharded search: SciFact sentence vectors in one flat index against 4 shards, flat, IVF and IVF-PQ; recall@10 of
   each against flat for the SciFact claims, and the median search time per query.

Run it on idle cores: anything else on the 2 cores moves every figure.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import machine  # noqa: E402

SCIFACT = ROOT.parent / "shared" / "benchmarks" / "scifact"
MODEL = "all-MiniLM-L6-v2"


def sentences(n: int) -> list[str]:
    out: list[str] = []
    with (SCIFACT / "corpus.jsonl").open() as lines:
        for line in lines:
            out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", json.loads(line)["text"]) if len(s) > 20]
            if len(out) >= n:
                break
    return out[:n]


def rate(encode, texts: list[str], rounds: int = 3) -> float:  # type: ignore[no-untyped-def]
    encode(texts[:64])  # warm: model loaded, threads up
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        encode(texts)
        seconds.append(time.perf_counter() - started)
    return len(texts) / statistics.median(seconds)


def embedding_rates(n: int) -> dict[str, float]:
    import ray

    from assistant.index import distributed
    from assistant.index.embed import SentenceTransformerEncoder

    texts = sentences(n)
    found = {"single process": rate(SentenceTransformerEncoder(MODEL).encode, texts)}
    distributed.connect(None, workers=2)
    for workers in (1, 2):
        encoder = distributed.RayEncoder(MODEL, workers=workers)
        found[f"ray, {workers} worker{'s' if workers > 1 else ''}"] = rate(encoder.encode, texts)
        for actor in encoder.actors:
            ray.kill(actor)
    ray.shutdown()
    return {k: round(v) for k, v in found.items()}


def build_overhead(rounds: int) -> dict[str, float]:
    found: dict[str, list[float]] = {"local": [], "ray": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(rounds):
            for engine in found:
                started = time.perf_counter()
                command = [sys.executable, "-m", "assistant.cli", "build", "--index", f"{tmp}/{engine}-{i}", "--engine", engine]
                subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
                found[engine].append(time.perf_counter() - started)
    return {k: round(statistics.median(v), 1) for k, v in found.items()}


def sharded_search(n: int, queries: int) -> dict[str, dict[str, float]]:
    from assistant.index.embed import SentenceTransformerEncoder
    from assistant.index.shards import ShardedIndex
    from assistant.index.vectors import VectorIndex

    encoder = SentenceTransformerEncoder(MODEL)
    rows = encoder.encode(sentences(n), batch_size=64)
    claims = [json.loads(line)["text"] for line in (SCIFACT / "queries.jsonl").open()][:queries]
    asked = encoder.encode(claims)
    flat = VectorIndex.build(rows)
    truth = [set(flat.search(q, 10)[1]) for q in asked]
    kinds = {
        "one flat index": flat,
        "4 flat shards": ShardedIndex.build(rows, 4, exact_limit=10**9, nprobe=32, pq_limit=10**9),
        "4 IVF shards": ShardedIndex.build(rows, 4, exact_limit=1_000, nprobe=32, pq_limit=10**9),
        "4 IVF-PQ shards": ShardedIndex.build(rows, 4, exact_limit=1_000, nprobe=32, pq_limit=1_000),
    }
    found = {}
    for name, index in kinds.items():
        got, seconds = [], []
        for q in asked:
            started = time.perf_counter()
            ids = index.search(q, 10)[1]
            seconds.append(time.perf_counter() - started)
            got.append(set(ids))
        recall = statistics.mean(len(g & t) / len(t) for g, t in zip(got, truth))
        found[name] = {"recall@10": round(recall, 3), "ms": round(1000 * statistics.median(seconds), 2)}
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    results = {
        "machine": machine(),
        "embedding (sentences/s)": embedding_rates(256 if quick else 4096),
        "build wall seconds, seed corpus": build_overhead(1 if quick else 3),
        "sharded search": sharded_search(2_000 if quick else 30_000, 50 if quick else 300),
    }
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
