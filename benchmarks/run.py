"""Speed, build cost and growth of the assistant, printed as tables and written to benchmarks/results.md.

    .venv/bin/python benchmarks/run.py            # everything (about 20 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # tiny sizes, to check that it runs

1. Answer latency: `Assistant.ask` over the benchmark questions against the floor, measured in the
   same process and rounds: one `model.encode(question)` plus one FAISS search of the same index.
2. Start-up: `assistant ask "…"` from launch to the answer printed, and `assistant chat` from launch
   to the page's first answer (both with the index present), in fresh processes.
3. Build: a full build against the bare time to embed all of its texts (same model, same batch
   size); a rebuild after one document changed against the full build.
4. Growth: `benchmarks/growth.py` at 1k to 1M passages.
Medians throughout; wall-clock on the machine described at the top of the results.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

from benchmarks.growth import questions, run_sizes  # noqa: E402


def machine() -> str:
    """CPU, cores, memory and library versions, for the results' heading."""
    import faiss
    import torch

    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()}, "
        f"torch {torch.__version__}, faiss {faiss.__version__}; {time.strftime('%Y-%m-%d')}"
    )


class _Recording:
    """The judge, noting the pairs of its last batch, so the floor can read exactly those again."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.last = inner, ([], [])

    def read(self, claims, evidence):  # type: ignore[no-untyped-def]
        self.last = (list(claims), list(evidence))
        return self.inner.read(claims, evidence)


def latency(assistant, qs: list[str], rounds: int) -> dict:  # type: ignore[no-untyped-def]
    """Median ask against the floor (encode + one FAISS search + one batched judge pass over the sentences
    that answer actually judged), interleaved question by question."""
    model = assistant.encoder._load()
    judge = assistant.reader = _Recording(assistant.reader)
    for q in qs:
        assistant.ask(q)
    floor, own, ask, judged, stages = [], [], [], [], {"embed": [], "search": [], "compose": []}
    for _ in range(rounds):
        for q in qs:
            judge.last = ([], [])
            started = time.perf_counter()
            answer = assistant.ask(q)
            ask.append((time.perf_counter() - started) * 1000)
            for name in stages:
                stages[name].append(answer.timing_ms[name])
            pairs = judge.last
            judged.append(len(pairs[0]))
            started = time.perf_counter()
            vector = model.encode(q, normalize_embeddings=True)
            assistant.index.sentence_ann.search(vector, assistant.settings.candidates)
            if pairs[0]:
                judge.inner.read(*pairs)
            floor.append((time.perf_counter() - started) * 1000)
            # Stricter: the assistant's own encoder path (direct pass, bf16) for the question alone.
            started = time.perf_counter()
            assistant.index.sentence_ann.search(assistant.encoder.encode([q], batch_size=1)[0], assistant.settings.candidates)
            if pairs[0]:
                judge.inner.read(*pairs)
            own.append((time.perf_counter() - started) * 1000)
    result = {
        "questions": len(qs),
        "asks": len(ask),
        "ask_ms": statistics.median(ask),
        "floor_ms": statistics.median(floor),
        "judged_median": statistics.median(judged),
    }
    result["own_floor_ms"] = statistics.median(own)
    result["ratio"] = result["ask_ms"] / result["floor_ms"]
    result["own_ratio"] = result["ask_ms"] / result["own_floor_ms"]
    result.update({f"{k}_ms": statistics.median(v) for k, v in stages.items()})
    assistant.reader = judge.inner
    return result


def startup(corpus: Path, index: Path, runs: int) -> dict:
    """Launch to answer, in fresh processes, for `assistant ask` and `assistant chat`."""
    env = {**os.environ, "ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(index)}
    ask, chat = [], []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([BIN / "assistant", "ask", "Should I lift weights?"], env=env, check=True, capture_output=True)
        ask.append(time.perf_counter() - started)
        chat.append(_chat_first_answer(env))
    return {"ask_s": statistics.median(ask), "chat_s": statistics.median(chat), "runs": runs}


def _chat_first_answer(env: dict) -> float:
    """Seconds from launching `assistant chat` until the page's API has answered a first question."""
    from gradio_client import Client

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen(
        [BIN / "assistant", "chat", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        for line in server.stdout:  # type: ignore[union-attr]
            if "ready" in line:
                break
        Client(f"http://127.0.0.1:{port}/", verbose=False).predict("Should I lift weights?", "patient", api_name="/respond")
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)


def build_cost(assistant) -> dict:  # type: ignore[no-untyped-def]
    """Full build against bare embedding, and a rebuild after one document changed against the full build."""
    from assistant.index.build import build_index, texts_to_embed, vocabulary
    from assistant.read.load import load_corpus
    from assistant.read.passages import make_passages
    from assistant.read.split import split_document

    settings, encoder = assistant.settings, assistant.encoder
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(settings.corpus, corpus)
        run = settings.updated(corpus=corpus, index=Path(tmp) / "index")
        docs, _ = load_corpus(corpus)
        sentences = [s for d in docs for s in split_document(d)]
        passages = make_passages(sentences, run.passage_sentences, run.passage_stride)
        texts = list(dict.fromkeys(texts_to_embed(sentences, passages, vocabulary(sentences)[0])))
        started = time.perf_counter()
        encoder.encode(texts, batch_size=run.batch_size)
        bare = time.perf_counter() - started
        started = time.perf_counter()
        build_index(run, encoder, progress=False)
        full = time.perf_counter() - started
        target = max(corpus.glob("*.txt"), key=lambda p: p.stat().st_size)  # the largest: the worst case
        target.write_text(target.read_text() + "\n\nA sentence added to see what a rebuild costs.\n")
        started = time.perf_counter()
        build_index(run, encoder, progress=False)
        rebuild = time.perf_counter() - started
    return {
        "texts": len(texts),
        "bare_embed_s": bare,
        "full_build_s": full,
        "build_ratio": full / bare,
        "rebuild_s": rebuild,
        "rebuild_share": rebuild / full,
        "changed": target.name,
    }


def report(m: str, lat: dict, start: dict, build: dict, growth: list[dict]) -> str:
    """The results as Markdown."""
    rows = [
        f"# Benchmark results\n\nMachine: {m}.\nCommand: `.venv/bin/python benchmarks/run.py` (medians; wall-clock).\n",
        "## Answer latency\n",
        "| | median |\n|---|---|",
        f"| `Assistant.ask` ({lat['asks']} asks of {lat['questions']} questions) | {lat['ask_ms']:.1f} ms |",
        f"| floor: `model.encode(question)` + one FAISS search + one batched judge pass over the sentences judged | {lat['floor_ms']:.1f} ms |",
        f"| **ratio** (target ≤ 1.3) | **{lat['ratio']:.2f}** |",
        f"| stricter floor: the assistant's own encoder path for the question alone + one FAISS search + the same judge pass | {lat['own_floor_ms']:.1f} ms |",
        f"| ratio to the stricter floor (everything but embedding the question) | {lat['own_ratio']:.2f} |",
        f"| stages of ask: embed / search / compose | {lat['embed_ms']:.1f} / {lat['search_ms']:.1f} / {lat['compose_ms']:.1f} ms |\n",
        "## Start-up (index present)\n",
        "| | median |\n|---|---|",
        f'| `assistant ask "…"`: launch to answer printed | {start["ask_s"]:.1f} s |',
        f"| `assistant chat`: launch to the page's first answer | {start['chat_s']:.1f} s |\n",
        "## Build\n",
        "| | |\n|---|---|",
        f"| bare embedding of the build's {build['texts']} texts | {build['bare_embed_s']:.1f} s |",
        f"| full build (model loaded) | {build['full_build_s']:.1f} s |",
        f"| **full build / bare embedding** (target ≤ 1.2) | **{build['build_ratio']:.2f}** |",
        f"| rebuild after one sentence was added to {build['changed']} | {build['rebuild_s']:.2f} s |",
        f"| **rebuild / full build** (target ≤ 0.15) | **{build['rebuild_share']:.2f}** |\n",
        "## Growth (synthetic corpora; see benchmarks/growth.py for how they are made)\n",
        "| rows | vector index | ask p50 / p95 | without embedding p50 / p95 | vector search p50 / p95 | recall@10 | build s per 1,000 rows (no embedding) | disk | peak memory |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for g in growth:
        kind = g["vector_index"]["sentences"]["kind"]
        kind = (
            kind
            if kind == "flat"
            else f"ivf ({g['vector_index']['sentences']['cells']} cells, nprobe {g['vector_index']['sentences']['nprobe']})"
        )
        recall = "exact" if g["recall_at_10"] is None else f"{g['recall_at_10']:.3f}"
        rows.append(
            f"| {g['size']:,} (+{g['passages']:,} passages) | {kind} | {g['ask_ms_p50']:.1f} / {g['ask_ms_p95']:.1f} ms "
            f"| {g['without_embedding_ms_p50']:.1f} / {g['without_embedding_ms_p95']:.1f} ms "
            f"| {g['vector_search_ms_p50']:.2f} / {g['vector_search_ms_p95']:.2f} ms | {recall} "
            f"| {g['build_s_per_1000_without_embedding']:.3f} | {g['disk_mb']:,.0f} MB | {g['peak_rss_mb']:,.0f} MB |"
        )
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Tiny sizes and one round: checks that it runs.")
    parser.add_argument("--sizes", default=None, help="Growth sizes (default 1000,10000,100000,1000000).")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args()
    from assistant.api import Assistant

    sizes = [int(s) for s in (args.sizes or ("1000" if args.quick else "1000,10000,100000,1000000")).split(",")]
    qs = questions()[: 10 if args.quick else None]
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        assistant = Assistant.load(ROOT / "corpus", index)
        lat = latency(assistant, qs, rounds=1 if args.quick else 3)
        build = build_cost(assistant)
        start = startup(ROOT / "corpus", index, runs=1 if args.quick else 5)
    growth = run_sizes(sizes)
    text = report(machine(), lat, start, build, growth)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
