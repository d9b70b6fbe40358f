"""index/build.py: a build is complete or absent (killed at any stage), reuses unchanged work, and says what is wrong with a corpus."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.index.build import build_index
from assistant.index.loaded import load_index
from assistant.index.store import FORMAT_VERSION, current_build

from .conftest import TINY, write
from .killpoints import STAGES


def test_build_writes_a_complete_manifest(tiny, hash_encoder):
    path, skipped = build_index(tiny, hash_encoder, progress=False)
    manifest = json.loads((path / "manifest.json").read_text())
    assert skipped == []
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["model"] == "hash-encoder"
    assert set(manifest["files"]) == {"a.md", "b.txt"}
    assert manifest["settings"] == {
        "model": tiny.model,
        "exact_limit": 50_000,
        "passage_sentences": 4,
        "passage_stride": 4,
        "shards": 1,
        "pq_limit": 5_000_000,
    }
    assert manifest["vector_index"]["sentences"] == {"kind": "flat", "rows": manifest["counts"]["sentences"]}
    assert manifest["counts"]["documents"] == 2
    assert current_build(tiny.index) == path
    assert not list(path.rglob("*.pkl")) and not list(path.rglob("*.pickle"))


def test_rebuild_keeps_sentence_ids_stable(tiny, hash_encoder):
    build_index(tiny, hash_encoder, progress=False)
    first = [s.id for s in load_index(tiny.index).sentences]
    build_index(tiny, hash_encoder, progress=False)
    assert [s.id for s in load_index(tiny.index).sentences] == first


def test_empty_corpus_is_a_clear_error(tmp_path, hash_encoder):
    write(tmp_path / "corpus" / "empty.txt", "")
    settings = Settings().updated(corpus=tmp_path / "corpus", index=tmp_path / "index", model="hash-encoder")
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


# Where each kill leaves its trace: proof that the build was stopped at that point and not elsewhere. `had` is
# how many complete builds the index held before (the session's index may already keep two: the current one
# and the one before it).
KILL_TRACES = {
    "splitting": lambda index_dir, had: not list((index_dir / "builds").glob(".tmp-*")),
    "embedding": lambda index_dir, had: not list((index_dir / "builds").glob(".tmp-*")),
    "writing-arrays": lambda index_dir, had: _tmp_holds(index_dir, "sentence_vectors.npy", not_="manifest.json"),
    "writing-faiss-half": lambda index_dir, had: _tmp_holds(index_dir, "sentences.faiss", not_="manifest.json"),
    "before-rename": lambda index_dir, had: _tmp_holds(index_dir, "manifest.json"),
    "before-current": lambda index_dir, had: _builds(index_dir) == had + 1,  # complete, renamed, not yet current
    "current-pointer-written": lambda index_dir, had: len(list(index_dir.glob(".CURRENT.*"))) == 1,
    "after-current": lambda index_dir, had: True,
}


def _builds(index_dir: Path) -> int:
    return len(list((index_dir / "builds").glob("b-*")))


def _tmp_holds(index_dir: Path, name: str, not_: str | None = None) -> bool:
    (tmp,) = (index_dir / "builds").glob(".tmp-*")
    return (tmp / name).is_file() and not (not_ and (tmp / not_).exists())


@pytest.mark.parametrize("stage", STAGES)
def test_build_killed_at_each_stage_leaves_an_index_that_loads_and_answers(real_assistant, real_encoder, tmp_path, stage):
    """A real `assistant build` of a changed corpus, SIGKILLed at a named point of the build."""
    settings = real_assistant.settings
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(settings.corpus, corpus)
    shutil.copytree(settings.index, index_dir)
    with open(corpus / "website-2020-exercises.txt", "a", encoding="utf-8") as fh:
        fh.write("\nA new paragraph says that gentle walking in the morning is a good way to start the day.\n")
    before, had = current_build(index_dir), _builds(index_dir)
    env = {**os.environ, "ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(index_dir)}
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("killpoints.py")), stage, "build"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == -signal.SIGKILL, f"not killed at {stage}: {proc.returncode} {proc.stderr[-2000:]}"
    assert KILL_TRACES[stage](index_dir, had), f"the kill did not land at {stage}"
    after = current_build(index_dir)
    assert after == before if stage != "after-current" else after != before
    index = load_index(index_dir)  # whichever build is current is complete
    assert any("gentle walking in the morning" in s.text for s in index.sentences) == (stage == "after-current")
    answer = Assistant(index, real_encoder, settings.updated(corpus=corpus, index=index_dir)).ask("Should I lift weights?")
    assert answer.answered and answer.citations
    if stage == "before-current":  # the next build goes ahead despite the orphaned complete build
        path, _ = build_index(settings.updated(corpus=corpus, index=index_dir), real_encoder, progress=False)
        assert current_build(index_dir) == path and path != before and load_index(index_dir).sentences


class CountingEncoder:
    """The hash encoder, remembering every text it was asked to embed."""

    name = "hash-encoder"

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.seen = inner, []

    def encode(self, texts, batch_size: int = 32, progress: bool = False):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return self.inner.encode(texts, batch_size, progress)


def test_rebuild_after_one_document_changed_embeds_and_splits_only_that_document(tiny, hash_encoder, monkeypatch):
    import assistant.index.build as build_module

    build_index(tiny, hash_encoder, progress=False)
    write(tiny.corpus / "b.txt", TINY["b.txt"] + "\nFloating on the back rests tired arms.\n")
    split_calls = []
    real_split = build_module.split_document
    monkeypatch.setattr(build_module, "split_document", lambda doc: split_calls.append(doc.path) or real_split(doc))
    counting = CountingEncoder(hash_encoder)
    build_index(tiny, counting, progress=False)
    assert split_calls == ["b.txt"]
    assert counting.seen, "the changed document must be embedded again"
    assert not any("Walking" in t for t in counting.seen)
    assert any("Floating on the back" in t for t in counting.seen)
    rebuilt = load_index(tiny.index)
    fresh = tiny.updated(index=tiny.index.parent / "fresh")
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
    build_index(tiny.updated(model="another-model"), counting, progress=False)
    assert any("Walking" in t for t in counting.seen) and any("Swimming" in t for t in counting.seen)
