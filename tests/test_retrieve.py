"""Retrieval: each mode uses only its own rankings, fusion ranks the hits, and relevance adds up as documented.

A tiny corpus and the deterministic hash encoder: this is about the plumbing of the ranking, not about
the model's quality (that is measured on SciFact and the ALS set)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer.retrieve import retrieve
from assistant.config import Settings
from assistant.index.build import build_index
from assistant.index.loaded import load_index

from .conftest import write

DOCS = {
    "walk.txt": "Walking\n\nWalking every day keeps the legs strong. Walk on flat ground when tired.\n",
    "swim.txt": "Swimming\n\nSwimming in warm water is gentle on the joints. A pool with a ramp helps.\n",
    "sauna.txt": "Saunas\n\nA sauna after exercise may leave you dizzy. Drink water before and after.\n",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    from .conftest import HashEncoder

    root = tmp_path_factory.mktemp("retrieve")
    for name, text in DOCS.items():
        write(root / "corpus" / name, text)
    settings = Settings().updated(corpus=root / "corpus", index=root / "index", model="hash-encoder")
    encoder = HashEncoder()
    build_index(settings, encoder, progress=False)
    return load_index(settings.index), encoder, settings


def _ask(small, question, **overrides):
    index, encoder, settings = small
    settings = settings.updated(**overrides) if overrides else settings
    return index, retrieve(index, encoder.encode([question])[0], question, settings)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_hits_are_ranked_by_fusion_and_name_real_rows(small, mode):
    index, hits = _ask(small, "Is swimming in warm water gentle?", mode=mode)
    assert hits, mode
    assert [h.fused for h in hits] == sorted((h.fused for h in hits), reverse=True)
    assert len({h.row for h in hits}) == len(hits)
    assert all(0 <= h.row < len(index.sentences) for h in hits)
    assert index.documents[index.sentences[hits[0].row].doc_id].path == "swim.txt"


def test_bm25_alone_ignores_the_vectors_and_dense_alone_ignores_the_words(small):
    index, lexical = _ask(small, "sauna dizzy", mode="bm25")
    _, dense = _ask(small, "sauna dizzy", mode="dense")
    assert all(0.0 <= h.lexical <= 1.0 for h in lexical)
    assert max(h.lexical for h in lexical) == pytest.approx(1.0)  # relative to the best sentence
    # Without the lexical share, relevance is the cosine alone (no focus vector given).
    assert all(h.relevance == pytest.approx(h.cosine) for h in dense)


def test_relevance_is_cosine_plus_lexical_share_in_hybrid(small):
    index, encoder, settings = small
    question = "walking on flat ground"
    hits = retrieve(index, encoder.encode([question])[0], question, settings)
    for h in hits:
        assert h.relevance == pytest.approx(h.cosine + settings.lexical_weight * h.lexical)


def test_focus_adds_to_relevance_not_to_rank(small):
    index, encoder, settings = small
    question = "walking on flat ground"
    vector = encoder.encode([question])[0]
    focus = encoder.encode(["sauna"])[0]
    plain, focused = retrieve(index, vector, question, settings), retrieve(index, vector, question, settings, focus)
    assert [h.row for h in plain] == [h.row for h in focused]
    assert any(f.relevance != p.relevance for p, f in zip(plain, focused))
    assert all(f.focus == pytest.approx(float(index.sentence_vectors[f.row] @ focus)) for f in focused)


def test_a_question_sharing_nothing_with_the_corpus_in_bm25_mode_finds_nothing(small):
    _, hits = _ask(small, "zzzz qqqq", mode="bm25")
    assert hits == []
    assert np.isfinite([h.relevance for h in _ask(small, "zzzz qqqq", mode="dense")[1]]).all()
