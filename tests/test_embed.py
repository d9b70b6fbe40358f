"""The encoder: questions take a direct path that must give exactly what sentence-transformers' encode gives."""

from __future__ import annotations

import numpy as np
import pytest

TEXTS = {
    "question": ["Should I lift weights?"],
    "question-and-words": ["Is a stationary bike OK for my legs?", "bike", "legs"],
    "long-truncated": ["exercise " * 600],
    "unicode": ["¿Puedo nadar? 我可以游泳吗? هل يمكنني السباحة؟ 💪"],
    "empty": [""],
}


@pytest.mark.slow
@pytest.mark.parametrize("texts", list(TEXTS.values()), ids=list(TEXTS))
def test_direct_path_matches_encode(real_encoder, texts):
    vectors = real_encoder.encode(texts, batch_size=len(texts))
    assert real_encoder._direct, "the bundled MiniLM is mean-pooled: the direct path should be in use"
    usual = real_encoder._load().encode(texts, convert_to_numpy=True, normalize_embeddings=True)
    assert vectors.dtype == np.float32 and vectors.shape == usual.shape
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.min(np.sum(vectors * usual, axis=1)) > 0.9995


@pytest.mark.slow
def test_builds_use_the_ordinary_path_and_agree_with_questions(real_encoder):
    texts = [f"Sentence number {i} about walking." for i in range(20)]  # above the question batch size
    batch = real_encoder.encode(texts, batch_size=32)
    one = real_encoder.encode(texts[:1], batch_size=1)
    assert float(batch[0] @ one[0]) > 0.9995
