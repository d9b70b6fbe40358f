"""BEIR-format benchmarks: index a corpus.jsonl with the same pipeline, rank documents per mode, score.

Documents are ranked by their best sentence or passage in the fused ranking (max aggregation),
and scored with the standard nDCG@10, Recall@100 and MRR@10 against qrels/<split>.tsv.
"""

from __future__ import annotations

import csv
import json
import math
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from assistant.answer.retrieve import retrieve
from assistant.config import Mode, Settings
from assistant.errors import AssistantError
from assistant.index.build import write_index
from assistant.index.embed import Encoder
from assistant.index.loaded import load_index
from assistant.index.store import build_reasons
from assistant.records import Document, SourceMeta, content_id

MODES = (Mode.BM25, Mode.DENSE, Mode.HYBRID)  # the order of the table's rows


@dataclass(frozen=True)
class Benchmark:
    """A BEIR dataset: documents, the queries that have judgements in the split, and the judgements."""

    name: str
    documents: list[Document]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def load_beir(root: Path, split: str = "test") -> Benchmark:
    """Read corpus.jsonl, queries.jsonl and qrels/<split>.tsv; a clear error names what is missing."""
    for need in ("corpus.jsonl", "queries.jsonl", f"qrels/{split}.tsv"):
        if not (root / need).is_file():
            raise AssistantError(f"{root} is not a BEIR dataset: {need} is missing")
    qrels: dict[str, dict[str, int]] = {}
    with open(root / "qrels" / f"{split}.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            qrels.setdefault(row["query-id"], {})[row["corpus-id"]] = int(row["score"])
    queries = {q["_id"]: q["text"] for q in _jsonl(root / "queries.jsonl") if q["_id"] in qrels}
    documents = []
    for d in _jsonl(root / "corpus.jsonl"):
        title, text = (d.get("title") or "").strip(), (d.get("text") or "").strip()
        # The title as a Markdown heading: it becomes every sentence's section, embedded with it.
        raw = f"# {title}\n\n{text}\n" if title else f"{text}\n"
        meta = SourceMeta(title=title or "not stated", kind="research abstract", label=str(d["_id"]))
        documents.append(Document(content_id(str(d["_id"])), str(d["_id"]), "markdown", raw, meta))
    return Benchmark(root.name, documents, queries, {q: r for q, r in qrels.items() if q in queries})


def run_beir(
    root: Path,
    settings: Settings,
    encoder: Encoder,
    split: str = "test",
    progress: bool = True,
    modes: Iterable[str] = MODES,
    index_dir: Path | None = None,
    workers: int = 0,
) -> dict[str, Any]:
    """Index the benchmark's corpus in a temporary folder (unless given) and score each mode; with `workers`, the
    queries are ranked by that many Ray actors, each loading the index once (evaluation/spread.py)."""
    bench = load_beir(root, split)
    with tempfile.TemporaryDirectory(prefix="beir-index-") as tmp:
        where = index_dir or Path(tmp)
        built = settings.updated(index=where, corpus=root, candidates=max(settings.candidates, 300))
        started = time.perf_counter()
        if load_existing(where, bench, built) is None:
            write_index(bench.documents, built, encoder, progress, with_vocabulary=False)
        index = load_index(where)
        indexed = time.perf_counter()
        vectors = encoder.encode(list(bench.queries.values()), batch_size=settings.batch_size, progress=progress)
        results: dict[str, Any] = {"dataset": bench.name, "split": split, "queries": len(bench.queries), "modes": {}}
        asked = [(qid, text, vector) for (qid, text), vector in zip(bench.queries.items(), vectors)]
        for mode in modes:
            rank = partial(ranked, settings=built.updated(mode=mode))
            if workers:
                from assistant.evaluation.spread import spread

                run = dict(spread(partial(load_index, where.resolve()), rank, asked, workers))
            else:
                run = dict(rank(index, asked))
            results["modes"][mode] = score(run, bench.qrels)
        results["documents"] = len(bench.documents)
        results["sentences"] = len(index.sentences)
        results["passages"] = len(index.passages)
        results["seconds"] = {"index": round(indexed - started, 1), "queries": round(time.perf_counter() - indexed, 1)}
        return results


def ranked(index: Any, asked: list[tuple[str, str, Any]], settings: Settings) -> list[tuple[str, list[str]]]:
    """Each (query id, text, vector)'s documents, best first."""
    return [(qid, _documents_in_order(index, retrieve(index, vector, text, settings))) for qid, text, vector in asked]


def load_existing(where: Path, bench: Benchmark, settings: Settings) -> Any:
    """A previously built index of this benchmark, with these model and index settings, in `where`; or None."""
    try:
        index = load_index(where)
    except AssistantError:
        return None
    # Not stale_reasons: a BEIR corpus is corpus.jsonl, which the corpus file hashes do not cover.
    same_build = not build_reasons(settings, index.manifest)
    return index if same_build and len(index.documents) == len(bench.documents) else None


def _documents_in_order(index: Any, hits: list) -> list[str]:
    seen: dict[str, None] = {}
    for hit in hits:
        path = index.documents[index.sentences[hit.row].doc_id].path
        seen.setdefault(path, None)
    return list(seen)


def score(run: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    """Mean nDCG@10, Recall@100 and MRR@10 over the judged queries."""
    ndcg = recall = mrr = 0.0
    for qid, relevant in qrels.items():
        ranked = run.get(qid, [])
        gains = [relevant.get(doc, 0) for doc in ranked[:10]]
        dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
        ideal = sorted(relevant.values(), reverse=True)[:10]
        idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
        ndcg += dcg / idcg if idcg else 0.0
        positives = {d for d, g in relevant.items() if g > 0}
        recall += len(positives & set(ranked[:100])) / len(positives) if positives else 0.0
        mrr += next((1 / (i + 1) for i, doc in enumerate(ranked[:10]) if relevant.get(doc, 0) > 0), 0.0)
    n = max(len(qrels), 1)
    return {"ndcg@10": round(ndcg / n, 4), "recall@100": round(recall / n, 4), "mrr@10": round(mrr / n, 4)}


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
