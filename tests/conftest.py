"""Shared fixtures: the real model and an index of the real corpus (built once per run), and a
deterministic fake encoder for plumbing tests that are not about retrieval quality."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


class HashEncoder:
    """Bag-of-words hashed into 64 dims: deterministic, instant, and similar texts score similar."""

    name = "hash-encoder"

    def encode(self, texts, batch_size: int = 32, progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % 64] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def hash_indexed(root: Path, docs: dict[str, str], **overrides):
    """`docs` (name → text) written to root/corpus and indexed with the hash encoder: (index, encoder, settings)."""
    from assistant.config import Settings
    from assistant.index.build import build_index
    from assistant.index.loaded import load_index

    for name, text in docs.items():
        write(root / "corpus" / name, text)
    settings = Settings().updated(corpus=root / "corpus", index=root / "index", model="hash-encoder", **overrides)
    encoder = HashEncoder()
    build_index(settings, encoder, progress=False)
    return load_index(settings.index), encoder, settings


class FakeJudge:
    """A judge that gives every pair the same reading and keeps what it was asked: its batches, claims and evidence."""

    def __init__(self, stance, confidence: float) -> None:
        self.reading, self.calls = type("R", (), {"stance": stance, "confidence": confidence})(), 0
        self.claims: list[str] = []
        self.evidence: list[str] = []

    def read(self, claims, evidence):
        self.calls += 1
        self.claims += claims
        self.evidence += evidence
        return [self.reading] * len(claims)


@pytest.fixture
def hash_encoder() -> HashEncoder:
    return HashEncoder()


@pytest.fixture(scope="session")
def real_encoder():
    from assistant.index.embed import SentenceTransformerEncoder

    return SentenceTransformerEncoder("all-MiniLM-L6-v2")


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory) -> Path:
    """A private copy of the real corpus, so tests never touch the repository's files."""
    target = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def real_assistant(real_encoder, corpus_copy, tmp_path_factory):
    """The real pipeline on the real corpus: real model, real FAISS and BM25 index."""
    from assistant.api import Assistant

    index_dir = tmp_path_factory.mktemp("index")
    return Assistant.load(corpus_copy, index_dir, encoder=real_encoder, auto_rebuild=True)


# Two small documents for plumbing tests (index building, staleness, refresh), read with the fake encoder.
TINY = {
    "a.md": "---\ntitle: Walking\ndate: 2021-02-03\n---\n# Walking\n\nWalking every day keeps the legs strong and the mood good.\n",
    "b.txt": "Swimming\n\nSwimming in warm water is gentle on the joints. It can be done three times a week.\n",
}


@pytest.fixture
def tiny(tmp_path: Path):
    """Settings for TINY, written to a temporary corpus, indexed with the fake encoder."""
    from assistant.config import Settings

    for name, text in TINY.items():
        write(tmp_path / "corpus" / name, text)
    return Settings().updated(corpus=tmp_path / "corpus", index=tmp_path / "index", model="hash-encoder")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Tests that load the real model, directly or through these fixtures, are slow: `make test-fast` skips them.
_REAL_MODEL_FIXTURES = {"real_encoder", "real_assistant", "judge", "desk_assistant", "shower_assistant", "chair_assistant"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _REAL_MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
