"""Index build, manifest, staleness and atomicity."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.api import Assistant, ensure_index
from assistant.config import Settings
from assistant.errors import CorpusError, IndexError_
from assistant.index.build import build_index
from assistant.index.loaded import load_index
from assistant.index.store import FILES, FORMAT_VERSION, current_build, read_manifest, stale_reasons

from .conftest import write
from .killpoints import STAGES

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


DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "emptied": lambda data: b"",
    "garbage": lambda data: b"\x00\xff not what was written " * 9,
    "bits-flipped": lambda data: data[:-9] + bytes(b ^ 0x55 for b in data[-9:]),  # still parses: only sums see it
}
VICTIMS = [f for f in FILES if f != "manifest.json"] + [
    "bm25_sentences/data.csc.index.npy", "bm25_passages/vocab.index.json", "bm25_sentences/size.txt"]


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("victim", VICTIMS)
def test_damaged_index_file_is_detected_and_rebuilt(tiny, hash_encoder, victim, damage):
    path, _ = build_index(tiny, hash_encoder, progress=False)
    target = path / victim
    target.write_bytes(DAMAGE[damage](target.read_bytes()))
    with pytest.raises(IndexError_, match=r"(damaged|inconsistent) .*run `assistant build`"):
        load_index(tiny.index)
    with pytest.raises(IndexError_, match=r"out of date .*(damaged|inconsistent).*run `assistant build`"):
        ensure_index(tiny.with_(auto_rebuild=False), hash_encoder)
    messages: list[str] = []
    assistant = Assistant.load(settings=tiny, encoder=hash_encoder, notify=messages.append)
    assert messages and assistant.index.path != path
    assert assistant.ask("Is swimming gentle on the joints?").answered


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_manifest_counts_as_no_index_and_is_rebuilt(tiny, hash_encoder, damage):
    path, _ = build_index(tiny, hash_encoder, progress=False)
    target = path / "manifest.json"
    target.write_bytes(DAMAGE[damage](target.read_bytes()))
    with pytest.raises(IndexError_, match="damaged .*run `assistant build`"):
        load_index(tiny.index)
    assert read_manifest(tiny.index) is None
    messages: list[str] = []
    assistant = Assistant.load(settings=tiny.with_(auto_rebuild=False), encoder=hash_encoder, notify=messages.append)
    assert any("No index yet" in m for m in messages) and assistant.index.path != path


@pytest.mark.parametrize("victim", [*FILES, "bm25_passages/params.index.json"])
def test_missing_index_file_is_detected_and_rebuilt(tiny, hash_encoder, victim):
    path, _ = build_index(tiny, hash_encoder, progress=False)
    (path / victim).unlink()
    with pytest.raises(IndexError_, match="run `assistant build`"):
        load_index(tiny.index)
    assistant = Assistant.load(settings=tiny, encoder=hash_encoder, notify=lambda m: None)
    assert assistant.index.path != path and assistant.ask("Is swimming gentle on the joints?").answered


def _edit_manifest(change):  # type: ignore[no-untyped-def]
    def edit(index_dir: Path) -> None:
        target = current_build(index_dir) / "manifest.json"
        target.write_text(json.dumps(change(json.loads(target.read_text()))))

    return edit


# (how the index is spoiled, what the error says when rebuilding is off; None: it is rebuilt as if missing)
SPOILED = {
    "older-format": (_edit_manifest(lambda m: {**m, "format_version": FORMAT_VERSION - 1}), f"index format {FORMAT_VERSION - 1} "),
    "newer-format": (_edit_manifest(lambda m: {**m, "format_version": 99}), "index format 99 (this version reads"),
    "format-as-text": (_edit_manifest(lambda m: {**m, "format_version": str(FORMAT_VERSION)}), f"index format '{FORMAT_VERSION}'"),
    "other-model": (_edit_manifest(lambda m: {**m, "model": "other-model"}), "model changed (other-model → hash-encoder)"),
    "other-pipeline": (_edit_manifest(lambda m: {**m, "pipeline": "0123456789abcdef"}), "text processing changed"),
    "other-settings": (_edit_manifest(lambda m: {**m, "settings": {**m["settings"], "passage_sentences": 9}}), "index settings changed"),
    "other-width": (_edit_manifest(lambda m: {**m, "dim": 384}), "inconsistent (vector widths"),
    "fields-missing": (_edit_manifest(lambda m: {}), "index format None"),
    "not-an-object": (_edit_manifest(lambda m: [m]), None),
    "null": (_edit_manifest(lambda m: None), None),
    "pointer-bytes": (lambda d: (d / "CURRENT").write_bytes(b"\xff\xfe\x00"), None),
    "pointer-empty": (lambda d: (d / "CURRENT").write_text(""), None),
    "pointer-to-nothing": (lambda d: (d / "CURRENT").write_text("b-gone\n"), None),
    "pointer-escapes": (lambda d: (d / "CURRENT").write_text("../../etc\n"), None),
    "builds-removed": (lambda d: shutil.rmtree(d / "builds"), None),
}


@pytest.mark.parametrize("spoil", list(SPOILED))
def test_spoiled_manifest_or_pointer_is_detected_then_rebuilt_or_explained(tiny, hash_encoder, spoil):
    build_index(tiny, hash_encoder, progress=False)
    make, message = SPOILED[spoil]
    make(tiny.index)
    if message is None:  # no usable build: the first load builds one, whatever auto_rebuild says
        assert read_manifest(tiny.index) is None
    else:
        with pytest.raises(IndexError_) as caught:
            ensure_index(tiny.with_(auto_rebuild=False), hash_encoder)
        assert message in str(caught.value) and "run `assistant build`" in str(caught.value)
    messages: list[str] = []
    assistant = Assistant.load(settings=tiny, encoder=hash_encoder, notify=messages.append)
    assert messages and assistant.ask("Is swimming gentle on the joints?").answered


def test_a_model_that_now_makes_other_vectors_is_a_clear_error(tiny, hash_encoder):
    """Same model name, different model behind it (a replaced local folder): the widths disagree."""
    build_index(tiny, hash_encoder, progress=False)

    class Narrower:
        name = hash_encoder.name

        def encode(self, texts, batch_size=32, progress=False):
            return hash_encoder.encode(texts)[:, :32]

    with pytest.raises(IndexError_, match="64-dimensional vectors but the model 'hash-encoder' makes 32.*assistant build"):
        Assistant.load(settings=tiny, encoder=Narrower())


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
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("killpoints.py")), stage, "build"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == -signal.SIGKILL, f"not killed at {stage}: {proc.returncode} {proc.stderr[-2000:]}"
    assert KILL_TRACES[stage](index_dir, had), f"the kill did not land at {stage}"
    after = current_build(index_dir)
    assert after == before if stage != "after-current" else after != before
    index = load_index(index_dir)  # whichever build is current is complete
    assert any("gentle walking in the morning" in s.text for s in index.sentences) == (stage == "after-current")
    answer = Assistant(index, real_encoder, settings.with_(corpus=corpus, index=index_dir)).ask("Should I lift weights?")
    assert answer.answered and answer.citations
    if stage == "before-current":  # the next build goes ahead despite the orphaned complete build
        path, _ = build_index(settings.with_(corpus=corpus, index=index_dir), real_encoder, progress=False)
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
