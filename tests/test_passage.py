"""A conclusion read as one passage: which sentences make it."""

from __future__ import annotations

import pytest

from assistant.answer.passage import AROUND, conclusion_passage, conclusions, text_of

from .conftest import hash_indexed

SENTENCES = [
    "Walking every day helps older adults sleep.",
    "It costs nothing and needs no equipment.",
    "Anyone who can walk safely can start now.",
    "Those who are frail should start slowly.",
    "The gain grew over the six months of the study.",
    "Sleep kept improving for those who kept going.",
]
STUDY = "Results\n\nSleep was longer in walkers at one month.\n\nConclusions\n\n" + " ".join(SENTENCES) + "\n"
SHORT = "Conclusions\n\nWalking every day helps older adults sleep.\n"


@pytest.fixture(scope="module")
def studies(tmp_path_factory):
    index, _, _ = hash_indexed(tmp_path_factory.mktemp("passage"), {"study.txt": STUDY, "short.txt": SHORT})

    def row(path: str, text: str) -> int:
        return next(i for i, s in enumerate(index.sentences) if index.documents[s.doc_id].path == path and s.text == text)

    return index, row


@pytest.mark.parametrize(
    "path, sentence, passage",
    [
        ("study.txt", SENTENCES[0], SENTENCES[:3]),  # the first conclusion: itself and the AROUND after it
        ("study.txt", SENTENCES[2], SENTENCES[:5]),  # AROUND each side, within its section (not the result above)
        ("study.txt", SENTENCES[5], SENTENCES[3:]),
        ("study.txt", "Sleep was longer in walkers at one month.", []),  # a result: under no conclusion heading
        ("short.txt", SENTENCES[0], []),  # a conclusion of one sentence is read as a sentence already
    ],
)
def test_a_conclusion_passage_is_the_sentences_around_it_under_its_heading(studies, path, sentence, passage):
    index, row = studies
    assert AROUND == 2  # the table is written for two each side
    assert [index.sentences[r].text for r in conclusion_passage(index, row(path, sentence))] == passage


def test_each_document_gives_its_first_conclusion_among_the_rows_read(studies):
    index, row = studies
    rows = [row("study.txt", "Sleep was longer in walkers at one month."), row("study.txt", SENTENCES[5]), row("study.txt", SENTENCES[0])]
    found = conclusions(index, [*rows, row("short.txt", SENTENCES[0])])
    study = index.sentences[rows[0]].doc_id
    assert list(found) == [study]  # the one-sentence conclusion makes no passage
    assert text_of(index, found[study]) == " ".join(SENTENCES[3:])
