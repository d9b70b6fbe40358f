"""Choosing quotes: which sentences are about the question."""

from __future__ import annotations

import pytest

from assistant.answer.retrieve import Hit
from assistant.answer.select import speaks
from assistant.language.coverage import coverage

from .conftest import hash_indexed

# Four leaflets, every one about walking: "walking" tells them apart not at all, "training" does.
LEAFLETS = {
    "a.txt": "Plans\n\nWalking training starts with ten minutes a day.\n",
    "b.txt": "Daily life\n\nWalking every day can be done safely on flat ground.\n",
    "c.txt": "Shoes\n\nGood shoes make walking easier.\n",
    "d.txt": "Weather\n\nIn winter, walking indoors is an option.\n",
}


@pytest.fixture(scope="module")
def leaflets(tmp_path_factory):
    return hash_indexed(tmp_path_factory.mktemp("walking"), LEAFLETS)


@pytest.mark.parametrize("by_weight, about", [(False, False), (True, True)])
def test_a_sentence_naming_the_claims_common_word_is_about_it_by_weight(leaflets, by_weight, about):
    # "Is walking training safe?": the sentence names walking, which every leaflet uses (specificity 0), not training.
    # Whether it tells sources apart is one question; whether it speaks of the claim is another, judged by weight.
    index, _, settings = leaflets
    row = next(i for i, s in enumerate(index.sentences) if s.text.startswith("Walking every day"))
    found = coverage("Is walking training safe?", index.lexicon)
    hit = Hit(row, 0.0, 0.2, 0.0, 0.2)
    assert speaks(index, hit, settings, found, fairly=0.1, by_weight=by_weight) is about
