"""Question vector and text → ranked sentences, fusing dense and BM25 rankings of sentences and passages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.config import Mode, Settings
from assistant.index.bm25 import top_rows
from assistant.index.loaded import Index


@dataclass(frozen=True)
class Hit:
    """A candidate sentence: its row, rank-fusion score, cosine to the question, and relevance."""

    row: int
    fused: float  # reciprocal rank fusion: the retrieval ranking
    cosine: float  # question · sentence-with-heading
    lexical: float  # BM25 score relative to the best sentence for this question, 0..1
    relevance: float  # what quoting decisions use: cosine, plus shares of `lexical` (hybrid) and of the focus
    focus: float = 0.0  # cosine to the question's subject words alone


def retrieve(index: Index, query_vector: np.ndarray, question: str, settings: Settings, focus: np.ndarray | None = None) -> list[Hit]:
    """Sentences ranked by reciprocal rank fusion of the lists the mode allows, best first.

    `focus` (the question's subject words as one vector) adds to each hit's relevance, not to its rank."""
    k, n = settings.rrf_k, settings.candidates
    # Each list as (rows, reciprocal-rank values), fused in arrays over the rows found, not the whole corpus. A Python
    # loop over the four lists and their passages' members took 1.4 ms of a 28 ms answer; arrays as long as the corpus
    # made the answer 12 ms slower at a million rows (benchmarks/run.py's growth table). The lists are added one by
    # one in a fixed order, so the sums are the same bits as before.
    lists: list[tuple[np.ndarray, np.ndarray]] = []

    def add(rows: np.ndarray) -> None:
        lists.append((rows, 1.0 / (k + np.arange(len(rows)) + 1)))

    def add_passages(rows: np.ndarray) -> None:
        # A passage hit lends its rank to each of its sentences (they share its context): its best, not their sum.
        if not len(rows):
            return
        members = [index.passage_members[p] for p in rows.tolist()]
        found, where = np.unique(np.concatenate(members), return_inverse=True)
        best = np.zeros(len(found))
        np.maximum.at(best, where, np.repeat(1.0 / (k + np.arange(len(rows)) + 1), [len(m) for m in members]))
        lists.append((found, best))

    lexical = index.sentence_bm25.scores(question)
    if settings.mode in (Mode.HYBRID, Mode.DENSE):
        add(index.sentence_ann.search(query_vector, n, settings.nprobe)[1])
        add_passages(index.passage_ann.search(query_vector, n, settings.nprobe)[1])
    if settings.mode in (Mode.HYBRID, Mode.BM25):
        add(top_rows(lexical, n))
        add_passages(index.passage_bm25.top(question, n)[1])
    found = np.concatenate([rows for rows, _ in lists])
    if not len(found):
        return []
    rows, where = np.unique(found, return_inverse=True)
    fused = np.zeros(len(rows))
    np.add.at(fused, where, np.concatenate([values for _, values in lists]))  # unbuffered, in list order: same sums
    vectors = index.sentence_vectors[rows]
    # In float64, as the per-row Python arithmetic this replaced was.
    cosines = (vectors @ query_vector).astype(np.float64)
    best_lexical = float(lexical.max()) if lexical.size else 0.0  # one pass over a score per corpus row
    top_lexical = best_lexical if best_lexical > 0 else 1.0
    weight = settings.lexical_weight if settings.mode is Mode.HYBRID else 0.0
    # The question's subject words alone: keeps "people with motor neurone disease" from outweighing "strength training".
    focused = (vectors @ focus).astype(np.float64) if focus is not None else np.zeros(len(rows))
    lex = lexical[rows].astype(np.float64) / top_lexical
    relevance = cosines + weight * lex + settings.focus_weight * focused
    hits = [
        Hit(*values) for values in zip(rows.tolist(), fused.tolist(), cosines.tolist(), lex.tolist(), relevance.tolist(), focused.tolist())
    ]
    hits.sort(key=lambda h: (-h.fused, -h.relevance, h.row))
    return hits


@contextmanager
def serial_math() -> Iterator[None]:
    """NumPy's BLAS and FAISS on one thread while answering.

    One question's matrix-vector products are too small to share: waking a second thread costs more
    than it saves, and with other requests or processes on the two cores, spinning threads made the
    search stage 4x slower (38 → 9 ms at 10,000 rows, benchmarks/results.md). Builds keep all threads."""
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        with _thread_pools().limit(limits=1, user_api="blas"):
            yield
    finally:
        faiss.omp_set_num_threads(before)


@lru_cache(maxsize=1)
def _thread_pools():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # finding the loaded BLAS libraries once, not per question
