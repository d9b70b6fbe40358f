"""index/loaded.py: the index is checked as it is read — a damaged, missing or mismatched file is found, and rebuilt or explained."""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.errors import UnusableIndexError
from assistant.index.build import build_index
from assistant.index.current import ensure_index
from assistant.index.loaded import load_index
from assistant.index.store import FILES, read_manifest

DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "emptied": lambda data: b"",
    "garbage": lambda data: b"\x00\xff not what was written " * 9,
    "bits-flipped": lambda data: data[:-9] + bytes(b ^ 0x55 for b in data[-9:]),  # still parses: only sums see it
}


VICTIMS = [f for f in FILES if f != "manifest.json"] + [
    "bm25_sentences/data.csc.index.npy",
    "bm25_passages/vocab.index.json",
    "bm25_sentences/size.txt",
]


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("victim", VICTIMS)
def test_damaged_index_file_is_detected_and_rebuilt(tiny, hash_encoder, victim, damage):
    path, _ = build_index(tiny, hash_encoder, progress=False)
    target = path / victim
    target.write_bytes(DAMAGE[damage](target.read_bytes()))
    with pytest.raises(UnusableIndexError, match=r"(damaged|inconsistent) .*run `assistant build`"):
        load_index(tiny.index)
    with pytest.raises(UnusableIndexError, match=r"out of date .*(damaged|inconsistent).*run `assistant build`"):
        ensure_index(tiny.updated(auto_rebuild=False), hash_encoder)
    messages: list[str] = []
    assistant = Assistant.load(settings=tiny, encoder=hash_encoder, notify=messages.append)
    assert messages and assistant.index.path != path
    assert assistant.ask("Is swimming gentle on the joints?").answered


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_manifest_counts_as_no_index_and_is_rebuilt(tiny, hash_encoder, damage):
    path, _ = build_index(tiny, hash_encoder, progress=False)
    target = path / "manifest.json"
    target.write_bytes(DAMAGE[damage](target.read_bytes()))
    with pytest.raises(UnusableIndexError, match="damaged .*run `assistant build`"):
        load_index(tiny.index)
    assert read_manifest(tiny.index) is None
    messages: list[str] = []
    assistant = Assistant.load(settings=tiny.updated(auto_rebuild=False), encoder=hash_encoder, notify=messages.append)
    assert any("No index yet" in m for m in messages) and assistant.index.path != path


@pytest.mark.parametrize("victim", [*FILES, "bm25_passages/params.index.json"])
def test_missing_index_file_is_detected_and_rebuilt(tiny, hash_encoder, victim):
    path, _ = build_index(tiny, hash_encoder, progress=False)
    (path / victim).unlink()
    with pytest.raises(UnusableIndexError, match="run `assistant build`"):
        load_index(tiny.index)
    assistant = Assistant.load(settings=tiny, encoder=hash_encoder, notify=lambda m: None)
    assert assistant.index.path != path and assistant.ask("Is swimming gentle on the joints?").answered


def test_a_model_that_now_makes_other_vectors_is_a_clear_error(tiny, hash_encoder):
    """Same model name, different model behind it (a replaced local folder): the widths disagree."""
    build_index(tiny, hash_encoder, progress=False)

    class Narrower:
        name = hash_encoder.name

        def encode(self, texts, batch_size=32, progress=False):
            return hash_encoder.encode(texts)[:, :32]

    with pytest.raises(UnusableIndexError, match="64-dimensional vectors but the model 'hash-encoder' makes 32.*assistant build"):
        Assistant.load(settings=tiny, encoder=Narrower())


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(UnusableIndexError, match="no index"):
        load_index(tmp_path / "nowhere")
