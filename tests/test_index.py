"""Index build, manifest, staleness and atomicity."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.api import Assistant, ensure_index
from assistant.config import Settings
from assistant.errors import CorpusError, IndexError_
from assistant.index import FORMAT_VERSION, build_index, current_build, load_index, read_manifest, stale_reasons

from .conftest import write

TINY = {
    "a.md": "---\ntitle: Walking\ndate: 2021-02-03\n---\n# Walking\n\nWalking every day keeps the legs strong and the mood good.\n",
    "b.txt": "Swimming\n\nSwimming in warm water is gentle on the joints. It can be done three times a week.\n",
}


@pytest.fixture
def tiny(tmp_path: Path) -> Settings:
    for name, text in TINY.items():
        write(tmp_path / "corpus" / name, text)
    return Settings().with_(corpus=tmp_path / "corpus", index=tmp_path / "index", model="hash-encoder")


def test_build_writes_a_complete_manifest(tiny, hash_encoder):
    path, skipped = build_index(tiny, hash_encoder, progress=False)
    manifest = json.loads((path / "manifest.json").read_text())
    assert skipped == []
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["model"] == "hash-encoder"
    assert set(manifest["files"]) == {"a.md", "b.txt"}
    assert manifest["settings"] == {"model": tiny.model, "exact_limit": 50_000, "passage_sentences": 4, "passage_stride": 4}
    assert manifest["vector_index"]["sentences"] == {"kind": "flat", "rows": manifest["counts"]["sentences"]}
    assert manifest["counts"]["documents"] == 2
    assert current_build(tiny.index) == path
    assert not list(path.rglob("*.pkl")) and not list(path.rglob("*.pickle"))


def test_rebuild_keeps_sentence_ids_stable(tiny, hash_encoder):
    build_index(tiny, hash_encoder, progress=False)
    first = [s.id for s in load_index(tiny.index).sentences]
    build_index(tiny, hash_encoder, progress=False)
    assert [s.id for s in load_index(tiny.index).sentences] == first


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda c: (c / "b.txt").write_text("Swimming\n\nCold water is not advised for anyone.\n"), "b.txt changed"),
        (lambda c: write(c / "c.txt", "Cycling on a stationary bike is a safe choice for many people."), "c.txt added"),
        (lambda c: (c / "a.md").unlink(), "a.md removed"),
        (lambda c: write(c / "sources.yaml", "b.txt: {title: Swim}\n"), "sources.yaml added"),
    ],
    ids=["changed", "added", "removed", "metadata"],
)
def test_corpus_change_makes_index_stale(tiny, hash_encoder, change, reason):
    build_index(tiny, hash_encoder, progress=False)
    assert stale_reasons(tiny, read_manifest(tiny.index)) == []
    change(tiny.corpus)
    assert reason in stale_reasons(tiny, read_manifest(tiny.index))


def test_model_or_settings_change_makes_index_stale(tiny, hash_encoder):
    build_index(tiny, hash_encoder, progress=False)
    manifest = read_manifest(tiny.index)
    assert any("model changed" in r for r in stale_reasons(tiny.with_(model="other-model"), manifest))
    assert "index settings changed" in stale_reasons(tiny.with_(passage_sentences=5), manifest)


def test_load_rebuilds_a_stale_index_and_says_so(tiny, hash_encoder):
    messages: list[str] = []
    Assistant.load(settings=tiny, encoder=hash_encoder, notify=messages.append)
    assert any("No index" in m for m in messages)
    write(tiny.corpus / "b.txt", "Swimming\n\nSwimming is a fine way to keep moving when walking gets hard.\n")
    messages.clear()
    assistant = Assistant.load(settings=tiny, encoder=hash_encoder, notify=messages.append)
    assert any("out of date" in m and "b.txt changed" in m for m in messages)
    assert any("walking gets hard" in s.text for s in assistant.index.sentences)


def test_stale_index_without_auto_rebuild_is_a_clear_error(tiny, hash_encoder):
    build_index(tiny, hash_encoder, progress=False)
    write(tiny.corpus / "b.txt", "Changed text that is long enough to count as a sentence here.")
    with pytest.raises(IndexError_, match="out of date.*assistant build"):
        ensure_index(tiny.with_(auto_rebuild=False), hash_encoder)


@pytest.mark.parametrize("victim", ["sentences.json", "sentence_vectors.npy", "sentences.faiss", "manifest.json"])
def test_damaged_index_is_detected_and_rebuilt(tiny, hash_encoder, victim):
    path, _ = build_index(tiny, hash_encoder, progress=False)
    data = (path / victim).read_bytes()
    (path / victim).write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexError_, match="assistant build"):
        load_index(tiny.index)
    messages: list[str] = []
    assistant = Assistant.load(settings=tiny, encoder=hash_encoder, notify=messages.append)
    assert messages and assistant.index.path != path


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexError_, match="no index"):
        load_index(tmp_path / "nowhere")


def test_empty_corpus_is_a_clear_error(tmp_path, hash_encoder):
    write(tmp_path / "corpus" / "empty.txt", "")
    settings = Settings().with_(corpus=tmp_path / "corpus", index=tmp_path / "index", model="hash-encoder")
    with pytest.raises(CorpusError, match="nothing .* could be indexed.*empty.txt"):
        build_index(settings, hash_encoder, progress=False)


def test_failed_build_leaves_previous_index(tiny, hash_encoder):
    path, _ = build_index(tiny, hash_encoder, progress=False)

    class Exploding:
        name = "hash-encoder"

        def encode(self, texts, batch_size=32, progress=False):
            raise RuntimeError("power cut")

    write(tiny.corpus / "c.txt", "A new document that forces fresh embeddings to be computed.")
    with pytest.raises(RuntimeError):
        build_index(tiny, Exploding(), progress=False)
    assert current_build(tiny.index) == path
    assert load_index(tiny.index).sentences


@pytest.mark.parametrize("delay", [0.5, 2.0, 4.0, 6.0], ids=lambda d: f"kill-after-{d}s")
def test_build_killed_midway_leaves_old_index_loadable(real_assistant, tmp_path, delay):
    """A real `assistant build` of the real corpus, SIGKILLed at several points."""
    settings = real_assistant.settings
    index_dir = tmp_path / "index"
    import shutil

    shutil.copytree(settings.index, index_dir)
    before = current_build(index_dir)
    env = {**os.environ, "ASSISTANT_CORPUS": str(settings.corpus), "ASSISTANT_INDEX": str(index_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "build", "--set", "passage_sentences=3"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    after = current_build(index_dir)
    assert after is not None
    index = load_index(index_dir)  # whichever build is current is complete
    assert len(index.sentences) == len(index.sentence_vectors) > 100
    if after != before:  # the build finished before the kill: it must be complete too
        assert index.manifest["settings"]["passage_sentences"] == 3


class CountingEncoder:
    """The hash encoder, remembering every text it was asked to embed."""

    name = "hash-encoder"

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.seen = inner, []

    def encode(self, texts, batch_size: int = 32, progress: bool = False):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return self.inner.encode(texts, batch_size, progress)


def test_rebuild_after_one_document_changed_embeds_and_splits_only_that_document(tiny, hash_encoder, monkeypatch):
    import assistant.index as index_module

    build_index(tiny, hash_encoder, progress=False)
    write(tiny.corpus / "b.txt", TINY["b.txt"] + "\nFloating on the back rests tired arms.\n")
    split_calls = []
    real_split = index_module.split_document
    monkeypatch.setattr(index_module, "split_document", lambda doc: split_calls.append(doc.path) or real_split(doc))
    counting = CountingEncoder(hash_encoder)
    build_index(tiny, counting, progress=False)
    assert split_calls == ["b.txt"]
    assert counting.seen, "the changed document must be embedded again"
    assert not any("Walking" in t for t in counting.seen)
    assert any("Floating on the back" in t for t in counting.seen)
    rebuilt = load_index(tiny.index)
    fresh = tiny.with_(index=tiny.index.parent / "fresh")
    build_index(fresh, hash_encoder, progress=False)
    scratch = load_index(fresh.index)
    # The cached rebuild is the same index a build from nothing makes.
    assert [s.id for s in rebuilt.sentences] == [s.id for s in scratch.sentences]
    assert (rebuilt.sentence_vectors == scratch.sentence_vectors).all()
    assert rebuilt.vocab == scratch.vocab and (rebuilt.vocab_vectors == scratch.vocab_vectors).all()


def test_another_model_embeds_everything_again(tiny, hash_encoder):
    build_index(tiny, hash_encoder, progress=False)
    counting = CountingEncoder(hash_encoder)
    counting.name = "another-model"
    build_index(tiny.with_(model="another-model"), counting, progress=False)
    assert any("Walking" in t for t in counting.seen) and any("Swimming" in t for t in counting.seen)
