"""FAISS behind a small interface: add normalised vectors, search by inner product, save, load."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class VectorIndex:
    """Exact inner-product search over L2-normalised rows (inner product = cosine)."""

    def __init__(self, index) -> None:  # type: ignore[no-untyped-def]
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> VectorIndex:
        """A flat index: exact, and fast enough for the corpus sizes this assistant serves."""
        import faiss

        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k best rows for one query vector; ids are -1 past the end."""
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores, ids = self._index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        import faiss

        return cls(faiss.read_index(str(path)))
