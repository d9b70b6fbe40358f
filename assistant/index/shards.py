"""Sharded vector search for indexes too big for one FAISS file (issue 34): the rows split into `shards` FAISS indexes
over consecutive row ranges, searched in parallel and merged into one top-k. Retrieval sees one interface, that of
`vectors.VectorIndex` (size, dim, kind, describe, search, vectors), with one index or shards behind it.

Flat shards give exactly the unsharded flat result: every shard returns its own best k, and the overall best k are
among them (tests/test_shards.py). Approximate shards (IVF, or IVF-PQ above `pq_limit` rows a shard) are measured by
recall@10 against flat in benchmarks/shards.py. The manifest records each shard's file and rows; shards that do not
match it are refused with the reason, as a stale index is (`open_vectors`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import UnusableIndexError
from assistant.index.vectors import VectorIndex

_pool: ThreadPoolExecutor | None = None  # FAISS lets go of the GIL while it searches: threads search shards in parallel


def _threads() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="shard")
    return _pool


class ShardedIndex:
    """Inner-product search over the rows of several `VectorIndex` shards, as if they were one."""

    def __init__(self, shards: Sequence[VectorIndex]) -> None:
        self.shards = list(shards)
        self.offsets = np.cumsum([0, *(s.size for s in self.shards)])[:-1].astype(np.int64)

    @classmethod
    def build(cls, vectors: np.ndarray, shards: int, exact_limit: int, nprobe: int, pq_limit: int) -> ShardedIndex:
        """`shards` indexes over consecutive, near-equal row ranges, each exact or approximate by its own size."""
        bounds = np.linspace(0, len(vectors), max(1, shards) + 1).astype(int)
        return cls([VectorIndex.build(vectors[a:b], exact_limit, nprobe, pq_limit) for a, b in zip(bounds, bounds[1:])])

    @property
    def size(self) -> int:
        return sum(s.size for s in self.shards)

    @property
    def dim(self) -> int:
        return self.shards[0].dim

    @property
    def kind(self) -> str:
        kinds = {s.kind for s in self.shards}
        return next(iter(kinds)) if len(kinds) == 1 else "mixed"

    @property
    def keeps_vectors(self) -> bool:
        return all(s.keeps_vectors for s in self.shards)

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "rows": self.size, "shards": [s.describe() for s in self.shards]}

    def search(self, query: np.ndarray, k: int, nprobe: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k best rows over every shard, best first; ids count over all shards' rows."""
        found = list(_threads().map(lambda s: s.search(query, k, nprobe), self.shards))
        scores = np.concatenate([f[0] for f in found])
        ids = np.concatenate([f[1] + offset for f, offset in zip(found, self.offsets)])
        best = np.lexsort((ids, -scores))[: min(k, len(ids))]  # ties by row (FAISS promises no order among ties)
        return scores[best], ids[best]

    def vectors(self) -> np.ndarray:
        return np.vstack([s.vectors() for s in self.shards])

    def save(self, folder: Path, name: str) -> None:
        for i, shard in enumerate(self.shards):
            shard.save(folder / shard_file(name, i))


def shard_file(name: str, i: int) -> str:
    return f"{name}-{i:04d}.faiss"


def build_vectors(vectors: np.ndarray, shards: int, exact_limit: int, nprobe: int, pq_limit: int) -> VectorIndex | ShardedIndex:
    """One index, or `shards` of them."""
    if shards <= 1:
        return VectorIndex.build(vectors, exact_limit, nprobe, pq_limit)
    return ShardedIndex.build(vectors, shards, exact_limit, nprobe, pq_limit)


def write_vectors(ann: VectorIndex | ShardedIndex, folder: Path, name: str) -> None:
    """`name`.faiss for one index; `name`-0000.faiss, `name`-0001.faiss… for shards (the manifest lists them)."""
    if isinstance(ann, ShardedIndex):
        ann.save(folder, name)
    else:
        ann.save(folder / f"{name}.faiss")


def open_vectors(build: Path, name: str, described: dict[str, Any] | None, nprobe: int = 32) -> VectorIndex | ShardedIndex:
    """The vector index the manifest describes; shards that are missing or hold other rows than it says are refused."""
    shards = (described or {}).get("shards")
    if not shards:
        if not (build / f"{name}.faiss").is_file():
            raise UnusableIndexError(f"index {build} is incomplete (missing {name}.faiss); run `assistant build`")
        return VectorIndex.load(build / f"{name}.faiss", nprobe)
    loaded = []
    for i, shard in enumerate(shards):
        path = build / shard_file(name, i)
        if not path.is_file():
            raise UnusableIndexError(f"index {build} is incomplete (shard {path.name} is missing); run `assistant build`")
        index = VectorIndex.load(path, nprobe)
        if index.size != shard.get("rows") or index.kind != shard.get("kind"):
            raise UnusableIndexError(
                f"index {build}: shard {path.name} holds {index.size} {index.kind} rows, its manifest says "
                f"{shard.get('rows')} {shard.get('kind')}; run `assistant build`"
            )
        loaded.append(index)
    return ShardedIndex(loaded)
