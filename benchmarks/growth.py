"""Growth: answer latency, build time, disk and memory for synthetic corpora of 1k to 1M passages.

    .venv/bin/python benchmarks/growth.py --sizes 1000,10000,100000,1000000

Each size runs in a fresh subprocess, so its peak memory is its own. A synthetic corpus has
`size` sentence rows, each a real sentence of the bundled corpus under a synthetic heading, in
documents of 200 sentences; the build adds one 4-sentence passage per four rows, as for real
documents. Splitting a million sentences with the real splitter, and embedding them with the
real model, would take hours here, so: the rows are made as Sentence records directly, and their
vectors are real embeddings perturbed (a mix of two real sentence or passage vectors plus noise,
cosine ~0.8 to the nearer one). Everything after that is the real pipeline: the real build
(BM25, FAISS, manifest, files), the real load, and `Assistant.ask` with the real model
embedding every question.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DOC_ROWS = 200
SECTION_ROWS = 8


class PerturbedEncoder:
    """Real vectors for texts the real index embedded; for new texts, a perturbed mix of real vectors."""

    def __init__(self, known: dict[str, np.ndarray], name: str) -> None:
        self.known, self.name = known, name
        self.base = np.vstack(list(known.values())).astype(np.float32)
        self.seconds = 0.0

    def encode(self, texts, batch_size: int = 32, progress: bool = False) -> np.ndarray:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        seeds = np.fromiter((zlib.crc32(t.encode()) for t in texts), dtype=np.int64, count=len(texts))
        n = len(self.base)
        rng = np.random.default_rng(len(texts))
        out = np.empty((len(texts), self.base.shape[1]), dtype=np.float32)
        for lo in range(0, len(texts), 65_536):  # in slices: the noise for a million rows at once is 1.5 GB
            s = seeds[lo : lo + 65_536]
            rows = self.base[s % n] + ((s // n) % 600 / 1000.0)[:, None] * self.base[(s // 7) % n]
            rows += (0.75 / np.sqrt(rows.shape[1])) * rng.standard_normal(rows.shape, dtype=np.float32)
            out[lo : lo + len(s)] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
        for i, text in enumerate(texts):
            if text in self.known:
                out[i] = self.known[text]
        self.seconds += time.perf_counter() - started
        return out


def synthetic_corpus(size: int, real):  # type: ignore[no-untyped-def]
    """`size` sentence rows in documents of DOC_ROWS, each row a real sentence under a synthetic heading."""
    from dataclasses import replace

    from assistant.records import Document, Sentence, content_id

    pool = [s for s in real.sentences if s.evidence]
    docs, sentences = [], []
    for d, lo in enumerate(range(0, size, DOC_ROWS)):
        picked = [pool[(lo + i) * 7919 % len(pool)] for i in range(min(DOC_ROWS, size - lo))]
        text = "\n".join(s.text for s in picked)
        sha = hashlib.sha256(text.encode()).hexdigest()
        source = real.documents[picked[0].doc_id]
        doc = Document(
            content_id(f"synthetic/{d}.txt", sha),
            f"synthetic/{d}.txt",
            "text",
            text,
            replace(source.meta, title=f"Synthetic document {d}"),
            (),
            sha,
        )
        docs.append(doc)
        start = 0
        for i, s in enumerate(picked):
            end = start + len(s.text)
            sentences.append(
                Sentence(
                    content_id(doc.id, str(i)),
                    doc.id,
                    i,
                    s.text,
                    start,
                    end,
                    ((start, end),),
                    f"Part {d}.{i // SECTION_ROWS}",
                    None,
                    (i + 1, i + 1),
                    "prose",
                    True,
                )
            )
            start = end + 1
    return docs, sentences


def measure(size: int, questions: list[str]) -> dict:
    """Build, load and ask at one size (in this process); returns the figures."""
    from assistant.api import Assistant
    from assistant.config import Settings
    from assistant.evaluation.metrics import percentile
    from assistant.index.build import write_index
    from assistant.index.loaded import load_index

    settings = Settings()
    real = Assistant.load(ROOT / "corpus", ROOT / "index")
    known = {s.context_text: v for s, v in zip(real.index.sentences, real.index.sentence_vectors)}
    known.update(zip((p.text for p in real.index.passages), real.index.passage_ann.vectors()))
    known.update(zip(real.index.vocab["words"], real.index.vocab_vectors))
    fake = PerturbedEncoder(known, real.encoder.name)
    docs, sentences = synthetic_corpus(size, real.index)
    with tempfile.TemporaryDirectory() as tmp:
        run = settings.updated(index=Path(tmp) / "index", corpus=Path(tmp) / "corpus")
        started = time.perf_counter()
        build = write_index(docs, run, fake, progress=False, sentences=sentences)
        build_s = time.perf_counter() - started
        disk = sum(f.stat().st_size for f in build.rglob("*") if f.is_file())
        del docs, sentences
        started = time.perf_counter()
        index = load_index(run.index)
        load_s = time.perf_counter() - started
        assistant = Assistant(index, real.encoder, run)
        for q in questions[:5]:
            assistant.ask(q)
        total, without, search = [], [], []
        for q in questions:
            answer = assistant.ask(q)
            total.append(answer.timing_ms["total"])
            without.append(answer.timing_ms["search"] + answer.timing_ms["compose"])
        vectors = real.encoder.encode(questions, batch_size=32)
        for v in vectors:
            started = time.perf_counter()
            index.sentence_ann.search(v, settings.candidates, settings.nprobe)
            index.passage_ann.search(v, settings.candidates, settings.nprobe)
            search.append((time.perf_counter() - started) * 1000)
        recall = _recall(index, vectors, settings.nprobe)
        manifest = index.manifest
    return {
        "size": size,
        "passages": manifest["counts"]["passages"],
        "vector_index": manifest["vector_index"],
        "build_s": round(build_s, 2),
        "embed_s": round(fake.seconds, 2),
        "build_s_per_1000_without_embedding": round((build_s - fake.seconds) / size * 1000, 3),
        "load_s": round(load_s, 2),
        "disk_mb": round(disk / 2**20, 1),
        "ask_ms_p50": statistics.median(total),
        "ask_ms_p95": percentile(total, 95),
        "without_embedding_ms_p50": statistics.median(without),
        "without_embedding_ms_p95": percentile(without, 95),
        "vector_search_ms_p50": statistics.median(search),
        "vector_search_ms_p95": percentile(search, 95),
        "recall_at_10": recall,
        "questions": len(questions),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _recall(index, queries: np.ndarray, nprobe: int) -> float | None:  # type: ignore[no-untyped-def]
    """recall@10 of the sentence index against exact search (None when it is exact)."""
    if index.sentence_ann.kind == "flat":
        return None
    hits = []
    for q in queries:
        exact = np.argpartition(-(index.sentence_vectors @ q), 10)[:10]
        found = index.sentence_ann.search(q, 10, nprobe)[1]
        hits.append(len(set(exact.tolist()) & set(found.tolist())) / 10)
    return round(float(np.mean(hits)), 4)


def questions() -> list[str]:
    """The public evaluation questions and the benchmark's everyday ones."""
    from assistant.evaluation.questions import load_questions

    extra = [line.strip() for line in (ROOT / "benchmarks" / "questions.txt").read_text().splitlines()]
    return [q.question for q in load_questions(ROOT / "evals" / "questions.yaml")] + [
        line for line in extra if line and not line.startswith("#")
    ]


def run_sizes(sizes: list[int]) -> list[dict]:
    """Each size in a fresh interpreter, so peak memory is that size's own."""
    results = []
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            raise RuntimeError(f"size {size} failed:\n{out.stderr[-2000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"  {size:>9,} rows: {results[-1]['ask_ms_p50']:.1f} ms p50", file=sys.stderr, flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, questions())))
        return
    print(json.dumps(run_sizes([int(s) for s in args.sizes.split(",")]), indent=1))


if __name__ == "__main__":
    main()
