"""The vector index: exact up to a size, approximate (IVF) above it, chosen automatically and recorded."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.api import Assistant
from assistant.index.build import build_index
from assistant.index.loaded import load_index
from assistant.index.vectors import VectorIndex


def clustered(n: int, dim: int = 32, centres: int = 50, seed: int = 0) -> np.ndarray:
    """Rows near a few centres, like embeddings of a corpus on a few topics."""
    rng = np.random.default_rng(seed)
    middle = rng.standard_normal((centres, dim))
    rows = middle[rng.integers(centres, size=n)] + 0.5 * rng.standard_normal((n, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize(
    ("rows", "limit", "kind"),
    [(100, 100, "flat"), (101, 100, "ivf"), (0, 100, "flat")],
    ids=["at-limit-exact", "above-limit-approximate", "empty"],
)
def test_kind_is_chosen_by_size(rows, limit, kind):
    index = VectorIndex.build(clustered(rows) if rows else np.zeros((0, 32), np.float32), exact_limit=limit)
    assert index.kind == kind and index.describe()["kind"] == kind and index.size == rows


@pytest.mark.parametrize("limit", [100_000, 1_000], ids=["flat", "ivf"])
def test_rows_read_back_exactly_and_survive_save_and_load(tmp_path, limit):
    rows = clustered(4_000)
    index = VectorIndex.build(rows, exact_limit=limit)
    index.save(tmp_path / "v.faiss")
    again = VectorIndex.load(tmp_path / "v.faiss")
    assert again.describe() == index.describe()
    assert np.array_equal(again.vectors(), rows)
    assert again.search(rows[7], 1)[1].tolist() == [7]


def test_ivf_recall_at_10_against_exact_search():
    rows, queries = clustered(20_000, seed=1), clustered(100, seed=2)
    exact, approx = VectorIndex.build(rows), VectorIndex.build(rows, exact_limit=1_000)
    recall = np.mean([len(set(exact.search(q, 10)[1]) & set(approx.search(q, 10)[1])) / 10 for q in queries])
    assert recall >= 0.95
    # Scanning one cell finds less: the recall comes from nprobe, not from luck.
    assert np.mean([len(set(exact.search(q, 10)[1]) & set(approx.search(q, 10, nprobe=1)[1])) / 10 for q in queries]) < recall


def test_small_exact_limit_builds_an_ivf_index_that_answers(tiny, hash_encoder):
    settings = tiny.updated(exact_limit=2)
    path, _ = build_index(settings, hash_encoder, progress=False)
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["vector_index"]["sentences"]["kind"] == "ivf"
    assert load_index(settings.index).sentence_ann.kind == "ivf"
    question = "Is swimming in warm water gentle on the joints?"
    approximate = Assistant.load(settings=settings, encoder=hash_encoder).ask(question)
    exact = Assistant.load(settings=tiny.updated(index=tiny.index.parent / "exact"), encoder=hash_encoder).ask(question)
    assert any("Swimming in warm water" in c.quote for c in approximate.citations)
    assert [c.quote for c in approximate.citations] == [c.quote for c in exact.citations]
