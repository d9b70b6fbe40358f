"""terms.subject_of: a question's subject words against a corpus vocabulary (small hand-made vectors)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.language.terms import subject_of

# Unit vectors in 4 dimensions: "swimming" and "pool" point the same way, "walking" another, "exercise" a third.
VOCAB = {"swimming": [1, 0, 0, 0], "pool": [0.95, 0.31, 0, 0], "walking": [0, 1, 0, 0], "exercise": [0, 0, 1, 0], "sauna": [0, 0, 0, 1]}
SHARE = {"swimming": 0.02, "pool": 0.03, "walking": 0.4, "exercise": 0.05, "sauna": 0.01}  # share of sentences


@pytest.fixture(scope="module")
def vocab():
    words = list(VOCAB)
    vectors = np.array([VOCAB[w] for w in words], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return {w: i for i, w in enumerate(words)}, vectors, np.array([SHARE[w] for w in words], dtype=np.float32)


def test_specific_terms_exclude_words_most_sentences_use(vocab):
    subject = subject_of("Is swimming or walking better?", *vocab)
    assert "swimming" in subject.terms and "walking" in subject.terms
    assert subject.specific == ("swimming",)  # "walking" is in 40% of sentences: it tells no topic apart
    assert subject.about("We have a pool at the clinic.")  # a corpus word near a specific term
    assert not subject.about("Walking every day is good.")


def test_an_unknown_word_stands_for_its_nearest_corpus_word(vocab):
    rows, vectors, share = vocab
    near = vectors[rows["sauna"]] * 0.9 + vectors[rows["exercise"]] * 0.1
    subject = subject_of("Is a steam room ok?", rows, vectors, share, {"steam": near / np.linalg.norm(near)})
    assert "sauna" in subject.terms and "steam" in subject.terms and subject.covered
    assert subject.unknown == ("room",)  # no vector given for it: nothing stands for it


def test_a_subject_the_corpus_has_no_word_for_is_not_covered(vocab):
    subject = subject_of("Is acupuncture ok?", *vocab)
    assert subject.unknown == ("acupuncture",) and not subject.covered
    assert subject.focus is None or np.isfinite(subject.focus).all()


@pytest.mark.parametrize(
    "question, yes_or_no",
    [
        ("Should I lift weights?", True),
        ("my husband has ALS, is it safe for him to keep going to the gym", True),
        ("My muscles ache the day after exercising - did I overdo it?", True),
        ("When I get tired during a workout should I keep going?", True),
        ("What are range of motion exercises and should someone move my joints?", True),
        ("weights?", True),
        ("How often should I stretch?", False),
        ("How many sets and reps should I do?", False),
        ("When should I stop exercising and call my doctor?", False),
        ("how long do people live with als", False),
        ("and how often?", False),
        ("ok so how much should i do", False),
        ("And what kind of exercise?", False),
        ("so when should i stop", False),
        ("um, which stretches help cramps", False),
        ("and is that safe?", True),
        ("ok so can i swim", True),
        ("Andrew said to swim - is that ok?", True),
        ("Is it true that exercise speeds up ALS?", True),
        ("now can i swim", True),  # "now" is a word of its own, not a misspelt "how"
        ("there any risks?", True),
        ("do i need to rest between sets", True),
        ("for how long", False),
        ("and for how long — swimming", False),
        ("at what age should i stop", False),
        ("whats the best time to exercise", False),
        ("wich exercises help", False),
        ("hw often should i walk", False),
        ("wat kind of stretches", False),
        ("how much weight should i lift", False),
        ("what time of day is best", False),
        ("how do i know if im overdoing it", False),
        ("In the Clawson trial, which exercise groups stuck with the programme best?", False),
        ("my balance isnt great, what kind of cardio can i still do", False),
        ("After a workout, how long should I rest?", False),
        ("If my legs ache the next day, should I rest?", True),
        ("my husband has ALS, is it safe for him to keep going to the gym", True),
    ],
    ids=[
        "should",
        "comma-is",
        "dash-did",
        "when-clause",
        "and-should",
        "bare",
        "how-often",
        "how-many",
        "when-should",
        "how-long",
        "and-how-often",
        "ok-so-how-much",
        "and-what-kind",
        "so-when-should",
        "um-which",
        "and-is",
        "ok-so-can",
        "name-and",
        "is-it-true",
        "now",
        "there",
        "do-i-need",
        "for-how-long",
        "follow-up-read",
        "at-what-age",
        "whats",
        "wich",
        "hw",
        "wat",
        "how-much",
        "what-time",
        "how-do-i-know",
        "fronted-phrase-which",
        "fronted-clause-what-kind",
        "fronted-how-long",
        "fronted-should",
        "fronted-is-it-safe",
    ],
)
def test_yes_or_no_questions_take_sides_fact_questions_do_not(question, yes_or_no):
    from assistant.language.terms import asks_yes_or_no

    assert asks_yes_or_no(question) is yes_or_no
