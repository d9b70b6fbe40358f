"""BM25 tokenisation and scoring: our fast tokenizer must match bm25s's own, word for word."""

from __future__ import annotations

import bm25s
import pytest

from assistant.index.bm25 import Bm25Index
from assistant.language.words import stem, tokenize
from assistant.read.load import load_corpus
from assistant.read.split import split_document
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    docs, _ = load_corpus(CORPUS)
    return [s.context_text for d in docs for s in split_document(d)]


def test_tokenize_matches_bm25s_on_the_real_corpus(corpus_texts):
    expected = bm25s.tokenize(
        corpus_texts, stopwords="en", stemmer=__import__("Stemmer").Stemmer("english"), show_progress=False, return_ids=False
    )
    assert tokenize(corpus_texts) == expected


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Should I lift weights?", ["should", stem("lift"), stem("weights")]),  # bm25s keeps "should"
        ("The AND of it", []),  # stop words only
        ("ALS, MND — α-synuclein!", [stem("als"), "mnd", stem("synuclein")]),
        ("", []),
    ],
    ids=["question", "stop-words", "punctuation-and-greek", "empty"],
)
def test_tokenize_table(text, tokens):
    assert tokenize([text]) == [tokens]


def test_scores_rank_the_sentence_with_the_rare_term_first():
    index = Bm25Index.build(["Swimming is gentle on joints.", "Walking is fine.", "Cycling at a moderate pace."])
    scores, ids = index.top("is swimming ok", 3)
    assert ids[0] == 0 and scores[0] > 0


def test_unknown_terms_score_zero():
    index = Bm25Index.build(["Swimming is gentle on joints."])
    assert index.scores("xylophone").tolist() == [0.0]
