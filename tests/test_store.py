"""index/store.py: a build goes stale when the corpus, the model, the settings or the code change, and a spoiled manifest or pointer is found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.errors import UnusableIndexError
from assistant.index.build import build_index
from assistant.index.current import ensure_index
from assistant.index.store import FORMAT_VERSION, PIPELINE, current_build, read_manifest, stale_reasons

from .codegraph import imports, modules
from .conftest import write


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
    assert any("model changed" in r for r in stale_reasons(tiny.updated(model="other-model"), manifest))
    assert "index settings changed" in stale_reasons(tiny.updated(passage_sentences=5), manifest)


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
    with pytest.raises(UnusableIndexError, match="out of date.*assistant build"):
        ensure_index(tiny.updated(auto_rebuild=False), hash_encoder)


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
        with pytest.raises(UnusableIndexError) as caught:
            ensure_index(tiny.updated(auto_rebuild=False), hash_encoder)
        assert message in str(caught.value) and "run `assistant build`" in str(caught.value)
    messages: list[str] = []
    assistant = Assistant.load(settings=tiny, encoder=hash_encoder, notify=messages.append)
    assert messages and assistant.ask("Is swimming gentle on the joints?").answered


# What index/build.py imports but does not shape the indexed content: settings and the model's name are recorded in
# the manifest apart from the code; the store writes the manifest; the loaded index is read for reuse only.
NOT_CONTENT = {"errors", "config", "index.store", "index.loaded"}


def test_the_fingerprint_covers_every_module_that_shapes_what_is_indexed():
    graph = modules()
    seen, todo = set(), ["index.build"]
    while todo:
        module = todo.pop()
        if module in seen or module in NOT_CONTENT:
            continue
        seen.add(module)
        todo.extend(m for m in imports(graph[module]) if m in graph)
    fingerprinted = {name.removesuffix(".py").replace("/", ".") for name in PIPELINE}
    assert seen <= fingerprinted, f"not in index/store.py PIPELINE: {sorted(seen - fingerprinted)}"
    assert fingerprinted <= seen, f"in PIPELINE but not used by the build: {sorted(fingerprinted - seen)}"
