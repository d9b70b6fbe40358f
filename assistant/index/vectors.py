"""FAISS behind a small interface: add normalised vectors, search by inner product, save, load.

Up to `exact_limit` rows the index is flat: exact, and a search over 50,000 rows takes a few
milliseconds. Beyond it a flat search grows linearly (tens of ms at a million rows on two cores),
so the rows go into an inverted-file index (IVF-Flat): k-means cells over the rows, and a search
scans only the `nprobe` cells nearest the question. Its recall@10 against exact search is measured
by `benchmarks/growth.py` (0.95 is the bar). IVF rather than HNSW: on this 2-core machine an HNSW
graph took over two minutes for 60,000 rows, where IVF trains and fills 100,000 rows in ~20 s,
and it keeps every vector as it is (4 bytes a dimension plus an 8-byte id a row).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

EXACT = "flat"
APPROXIMATE = "ivf"
COMPRESSED = "ivfpq"  # IVF over product-quantised rows: 48 bytes a row instead of 1,536, above `pq_limit` rows


class VectorIndex:
    """Inner-product search over L2-normalised rows (inner product = cosine), exact or IVF."""

    def __init__(self, index: Any, nprobe: int = 32) -> None:
        self._index = index
        self.nprobe = nprobe

    @classmethod
    def build(cls, vectors: np.ndarray, exact_limit: int = 50_000, nprobe: int = 32, pq_limit: int | None = None) -> VectorIndex:
        """A flat index up to `exact_limit` rows, an IVF index above it, and IVF-PQ above `pq_limit` (if given): at 300
        million sentences the full vectors alone are 460 GB, product-quantised 14 GB (benchmarks/scale.md)."""
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        index: Any  # faiss's own stubs know no common base with the methods used here
        if len(vectors) <= exact_limit:
            index = faiss.IndexFlatIP(dim)
        else:
            # The usual 4·sqrt(n) cells (~250 rows each at 1M), and at least 39 rows a cell for k-means to fit.
            cells = max(1, min(int(4 * np.sqrt(len(vectors))), len(vectors) // 39))
            quantiser = faiss.IndexFlatIP(dim)
            if pq_limit is not None and len(vectors) > pq_limit and dim % 8 == 0:
                # 8-dimension sub-vectors, 256 codes each (8 bits): 48 bytes a row at 384 dimensions.
                index = faiss.IndexIVFPQ(quantiser, dim, cells, dim // 8, 8, faiss.METRIC_INNER_PRODUCT)
            else:
                index = faiss.IndexIVFFlat(quantiser, dim, cells, faiss.METRIC_INNER_PRODUCT)
            index.cp.niter = 10  # k-means settles by then on embeddings; 25 (the default) doubles build time
            sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), max(cells * 64, 256 * 39)), replace=False)
            index.train(vectors[np.sort(sample)])
            index.make_direct_map()  # so vectors() can read rows back for the next build's cache
        if len(vectors):
            index.add(vectors)
        return cls(index, nprobe)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @property
    def kind(self) -> str:
        """ "flat" (exact), "ivf" (approximate) or "ivfpq" (approximate, compressed)."""
        if not hasattr(self._index, "nlist"):
            return EXACT
        return COMPRESSED if hasattr(self._index, "pq") else APPROXIMATE

    @property
    def keeps_vectors(self) -> bool:
        """Whether `vectors()` gives the rows back as added (IVF-PQ gives approximations)."""
        return self.kind != COMPRESSED

    def describe(self) -> dict[str, Any]:
        """What the manifest records: the kind of index and its parameters."""
        if self.kind == EXACT:
            return {"kind": EXACT, "rows": self.size}
        return {"kind": self.kind, "rows": self.size, "cells": int(self._index.nlist), "nprobe": self.nprobe}

    def search(self, query: np.ndarray, k: int, nprobe: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k best rows for one query vector; `nprobe` cells are scanned (IVF only)."""
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if self.kind != EXACT:
            import faiss

            params = faiss.SearchParametersIVF(nprobe=min(nprobe or self.nprobe, self._index.nlist))  # type: ignore[call-arg]
            scores, ids = self._index.search(query, k, params=params)
        else:
            scores, ids = self._index.search(query, k)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def vectors(self) -> np.ndarray:
        """Every stored row, in order (flat and IVF keep the full vectors; IVF-PQ gives back its approximations)."""
        if self.size == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._index.reconstruct_n(0, self.size)

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, nprobe: int = 32) -> VectorIndex:
        import faiss

        return cls(faiss.read_index(str(path)), nprobe)
