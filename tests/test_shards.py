"""Sharded vector search (index/shards.py): flat shards are the unsharded flat index; a sharded build loads and
answers as the single-file build does; shards that do not match their manifest are refused with the reason."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.errors import UnusableIndexError
from assistant.index.loaded import load_index
from assistant.index.shards import ShardedIndex, shard_file
from assistant.index.store import checksums
from assistant.index.vectors import VectorIndex
from tests.conftest import hash_indexed


def _rows(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.mark.parametrize("shards", [2, 3, 7])
def test_flat_shards_give_exactly_the_unsharded_result(shards):
    rows, queries = _rows(1000), _rows(20, seed=1)
    one = VectorIndex.build(rows)
    split = ShardedIndex.build(rows, shards, exact_limit=50_000, nprobe=32, pq_limit=5_000_000)
    assert split.size == 1000 and split.kind == "flat" and len(split.describe()["shards"]) == shards
    for query in queries:
        (a_scores, a_ids), (b_scores, b_ids) = one.search(query, 10), split.search(query, 10)
        assert list(a_ids) == list(b_ids)
        assert np.allclose(a_scores, b_scores)
    assert np.array_equal(split.vectors(), one.vectors())


def test_more_wanted_than_rows_returns_every_row_once():
    split = ShardedIndex.build(_rows(5), 3, exact_limit=50_000, nprobe=32, pq_limit=5_000_000)
    _, ids = split.search(_rows(1, seed=2)[0], 10)
    assert sorted(ids) == [0, 1, 2, 3, 4]


def test_shards_above_the_limits_are_approximate_and_compressed():
    rows = _rows(12_000, dim=64)
    ivf = ShardedIndex.build(rows, 2, exact_limit=1_000, nprobe=8, pq_limit=50_000)
    pq = ShardedIndex.build(rows, 2, exact_limit=1_000, nprobe=8, pq_limit=1_000)
    assert ivf.kind == "ivf" and pq.kind == "ivfpq"
    flat = VectorIndex.build(rows)
    query = rows[17]
    # The row itself is found by both (its own cell is always scanned), whatever else the approximation misses.
    for index in (ivf, pq):
        _, ids = index.search(query, 10, nprobe=8)
        assert 17 in ids and len(ids) == 10
    assert flat.search(query, 1)[1][0] == 17


DOCS = {
    "walking.txt": "Walking\n\nWalking every day keeps the legs strong. It is good for the mood as well.",
    "swimming.txt": "Swimming\n\nSwimming in warm water is gentle on the joints. Three times a week is enough.",
    "stretching.txt": "Stretching\n\nStretching each morning eases stiffness. Hold each stretch for thirty seconds.",
}


def test_a_sharded_build_answers_as_the_single_file_build(tmp_path):
    one, encoder, _ = hash_indexed(tmp_path / "one", DOCS)
    split, _, _ = hash_indexed(tmp_path / "split", DOCS, shards=3)
    assert isinstance(split.sentence_ann, ShardedIndex) and len(split.manifest["vector_index"]["sentences"]["shards"]) == 3
    query = encoder.encode(["is swimming gentle on the joints"])[0]
    for a, b in ((one.sentence_ann, split.sentence_ann), (one.passage_ann, split.passage_ann)):
        (a_scores, a_ids), (b_scores, b_ids) = a.search(query, a.size), b.search(query, b.size)
        assert np.allclose(a_scores, b_scores) and sorted(a_ids) == sorted(b_ids)  # the hash encoder's ties fall either way
        assert {i: s for i, s in zip(a_ids, a_scores)} == pytest.approx({i: s for i, s in zip(b_ids, b_scores)})


def _sharded_build(tmp_path):
    index, _, settings = hash_indexed(tmp_path, DOCS, shards=3)
    return index.path, settings


def test_a_missing_shard_is_refused_with_its_name(tmp_path):
    build, settings = _sharded_build(tmp_path)
    (build / shard_file("sentences", 1)).unlink()
    with pytest.raises(UnusableIndexError, match="shard sentences-0001.faiss is missing"):
        load_index(settings.index)


def test_a_shard_that_holds_other_rows_than_its_manifest_says_is_refused(tmp_path):
    build, settings = _sharded_build(tmp_path)
    manifest = json.loads((build / "manifest.json").read_text())
    manifest["vector_index"]["sentences"]["shards"][0]["rows"] += 1  # as if the shard and its manifest came apart
    (build / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UnusableIndexError, match=r"shard sentences-0000.faiss holds \d+ flat rows, its manifest says"):
        load_index(settings.index)


def test_a_shard_swapped_for_another_is_refused(tmp_path):
    build, settings = _sharded_build(tmp_path)
    (build / shard_file("sentences", 0)).write_bytes((build / shard_file("sentences", 2)).read_bytes())
    assert checksums(build) != json.loads((build / "manifest.json").read_text())["checksums"]
    with pytest.raises(UnusableIndexError, match="sentences-0000.faiss changed since it was built"):
        load_index(settings.index)
