"""BM25 (bm25s) over the same texts the embeddings see, for exact terms and names."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.language.words import tokenize


@lru_cache(maxsize=1)
def _bm25s():
    import logging

    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
    return bm25s


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the k highest scores above zero, best first."""
    k = min(k, int((scores > 0).sum()))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    ids = np.argpartition(-scores, k - 1)[:k]
    return ids[np.argsort(-scores[ids], kind="stable")]


class Bm25Index:
    """A BM25 index whose scores come back for every row, so callers choose their own top-k."""

    def __init__(self, retriever, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> Bm25Index:
        bm25s = _bm25s()

        retriever = bm25s.BM25()
        tokens = tokenize(texts) if texts else []
        # bm25s cannot index an empty corpus or an empty vocabulary; a placeholder row keeps shapes valid.
        retriever.index(tokens if any(tokens) else [["\x00empty"]], show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for `query` (zeros when no query term is known)."""
        vocab = self._retriever.vocab_dict
        terms = [t for t in tokenize([query])[0] if t in vocab]
        if not terms or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(terms), dtype=np.float32)[: self.size]

    def top(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k best-scoring rows with a score above zero."""
        scores = self.scores(query)
        ids = top_rows(scores, k)
        return scores[ids], ids

    def save(self, path: Path) -> None:
        self._retriever.save(str(path))
        (path / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, path: Path) -> Bm25Index:
        bm25s = _bm25s()

        retriever = bm25s.BM25.load(str(path), allow_pickle=False)
        return cls(retriever, int((path / "size.txt").read_text()))
