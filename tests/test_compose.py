"""Composing an answer from ranked sentences: which sentences the learned judge is given to read."""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.config import Settings
from assistant.index.build import build_index
from assistant.index.loaded import load_index
from assistant.judge.stance import FOR

from .conftest import HashEncoder, write


class _Counting:
    """A judge that says "for" to everything and keeps the evidence it was given."""

    def __init__(self) -> None:
        self.evidence: list[str] = []

    def read(self, claims, evidence):
        self.evidence += evidence
        return [type("R", (), {"stance": FOR, "confidence": 0.99})()] * len(evidence)


@pytest.fixture(scope="module")
def many_sources(tmp_path_factory):
    """Twelve leaflets that all address walking, each in its own words (numbered so no two are duplicates)."""
    root = tmp_path_factory.mktemp("many")
    for n in range(12):
        text = f"Walking\n\nWalking every day keeps the legs strong, says leaflet {n}. Leaflet {n} advises walking on flat ground.\n"
        write(root / "corpus" / f"leaflet-{n:02d}.txt", text)
    settings = Settings().updated(corpus=root / "corpus", index=root / "index", model="hash-encoder")
    encoder = HashEncoder()
    build_index(settings, encoder, progress=False)
    return Assistant(load_index(settings.index), encoder, settings)


@pytest.mark.parametrize("top_k, per_source", [(8, 4), (4, 2), (2, 1)])
def test_the_judge_reads_only_the_sources_that_get_a_turn(many_sources, top_k, per_source):
    judge = many_sources.reader = _Counting()
    answer = many_sources.ask("Is walking every day good for the legs?", top_k=top_k, judge_per_source=per_source)
    assert answer.answered and answer.citations
    index = many_sources.index
    source_of = {s.text: index.documents[s.doc_id].path for s in index.sentences}
    read_from = {source_of[text] for text in judge.evidence}
    assert 0 < len(read_from) <= top_k  # not every one of the twelve sources that address it
    assert len(judge.evidence) <= top_k * per_source
    quoted = {c.source for c in answer.citations}
    assert len(quoted) <= top_k
