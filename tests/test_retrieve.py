"""Retrieval: each mode uses only its own rankings, fusion ranks the hits, and relevance adds up as documented.

A tiny corpus and the deterministic hash encoder: this is about the plumbing of the ranking, not about
the model's quality (that is measured on SciFact and the ALS set)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer.retrieve import retrieve

from .conftest import hash_indexed

DOCS = {
    "walk.txt": "Walking\n\nWalking every day keeps the legs strong. Walk on flat ground when tired.\n",
    "swim.txt": "Swimming\n\nSwimming in warm water is gentle on the joints. A pool with a ramp helps.\n",
    "sauna.txt": "Saunas\n\nA sauna after exercise may leave you dizzy. Drink water before and after.\n",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return hash_indexed(tmp_path_factory.mktemp("retrieve"), DOCS)


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


def _fused_by_loop(index, vector, question, settings):
    """Reciprocal rank fusion written as plainly as possible: each list's ranks, a passage lending its best rank."""
    from assistant.index.bm25 import top_rows

    k, n, fused = settings.rrf_k, settings.candidates, {}
    lists = []
    if settings.mode in ("hybrid", "dense"):
        lists += [("rows", index.sentence_ann.search(vector, n)[1]), ("passages", index.passage_ann.search(vector, n)[1])]
    if settings.mode in ("hybrid", "bm25"):
        lists += [("rows", top_rows(index.sentence_bm25.scores(question), n)), ("passages", index.passage_bm25.top(question, n)[1])]
    for what, ranked in lists:
        best = {}
        for rank, item in enumerate(ranked.tolist()):
            for row in [item] if what == "rows" else index.passage_members[item].tolist():
                best[row] = max(best.get(row, 0.0), 1.0 / (k + rank + 1))
        for row, value in best.items():
            fused[row] = fused.get(row, 0.0) + value
    return fused


@pytest.fixture(scope="module")
def overlapping(tmp_path_factory):
    """The same documents in overlapping passages (3 sentences, a new one every sentence): a sentence is in several."""
    longer = {name: text.replace(".\n", ". It helps some people. Others find it hard.\n") for name, text in DOCS.items()}
    return hash_indexed(tmp_path_factory.mktemp("overlap"), longer, passage_sentences=3, passage_stride=1)


@pytest.mark.parametrize("corpus", ["small", "overlapping"])
@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
@pytest.mark.parametrize("question", ["Is swimming in warm water gentle?", "sauna dizzy", "walk when tired", "zebra"])
def test_fusion_in_arrays_equals_the_plain_loop(request, corpus, mode, question):
    fixture = request.getfixturevalue(corpus)
    index, hits = _ask(fixture, question, mode=mode)
    _, encoder, settings = fixture
    members = np.concatenate(index.passage_members)
    assert corpus == "small" or len(members) > len(set(members.tolist()))  # some sentence is in several passages
    expected = _fused_by_loop(index, encoder.encode([question])[0], question, settings.updated(mode=mode))
    assert {h.row: h.fused for h in hits} == expected  # the same rows, and the same sums to the bit


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
