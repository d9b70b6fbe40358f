"""Which way round a question asks its claim, and a source's side flipping with it."""

from __future__ import annotations

import pytest

from assistant.claim import favourable, on_claim, unfavourable
from assistant.records import Stance
from assistant.stance import judge_sentence
from assistant.terms import question_terms

# Sentences on a topic absent from the corpus, worded unlike it.
PRAISE = "Regular pruning keeps roses healthy and is recommended for most gardeners."
WARNING = "Pruning roses in frost damages the stems and should be avoided."


@pytest.mark.parametrize(
    "question, unfavourable_way",
    [
        ("Is pruning helpful?", False),
        ("Is pruning harmful?", True),
        ("Should I avoid pruning?", True),
        ("Will pruning make my roses worse?", True),
        ("Is pruning not harmful?", False),
        ("Is it bad to stop pruning?", False),  # turned twice
        ("shouldn't I prune", True),
        ("I read pruning could be harmful. Is it safe?", False),  # the sentence that asks decides
        ("is pruning ok", False),
        ("Is it dangerous to prune in winter?", True),
    ],
)
def test_which_way_round(question, unfavourable_way):
    assert unfavourable(question) is unfavourable_way


def _side(question: str, sentence: str) -> Stance:
    terms = question_terms(question)
    found = judge_sentence(sentence, terms, lambda w: any(w[:5] == t[:5] for t in terms if len(t) >= 5))
    return on_claim(found.stance, question)


@pytest.mark.parametrize(
    "question, praise, warning",
    [
        ("Is pruning roses helpful?", Stance.FOR, Stance.AGAINST),
        ("Is pruning roses harmful?", Stance.AGAINST, Stance.FOR),
        ("Should I avoid pruning roses?", Stance.AGAINST, Stance.FOR),
        ("Will pruning make my roses worse?", Stance.AGAINST, Stance.FOR),
        ("Is pruning roses recommended?", Stance.FOR, Stance.AGAINST),
    ],
)
def test_sides_flip_with_the_claim_over_the_same_sentences(question, praise, warning):
    assert _side(question, PRAISE) == praise
    assert _side(question, WARNING) == warning


@pytest.mark.parametrize(
    "question, turned",
    [
        ("Is gentle stretching harmful for someone with ALS?", "Is gentle stretching helpful for someone with ALS?"),
        ("Should I avoid weight training?", "Should I try weight training?"),  # as the judge was trained to read it
        ("Could exercise speed up my decline?", "Could exercise slow down my decline?"),
        ("Is heavy lifting not recommended?", "Is heavy lifting recommended?"),
        ("Should I not swim?", "Should I not swim?"),  # "not" before "swim" is not an evaluative: left alone
        ("Shouldn't I stop exercising?", "Shouldn't I stop exercising?"),  # turned twice: already favourable
        ("Is it safe?", "Is it safe?"),
        # Only the sentence that asks is turned: the worry before it stays as written.
        ("I read it could make things worse. Is it dangerous?", "I read it could make things worse. Is it safe?"),
        ("Is a sauna BAD for me?", "Is a sauna GOOD for me?"),
        ("Harmful, is it?", "Helpful, is it?"),
    ],
)
def test_favourable_turns_the_asking_sentence_round(question, turned):
    assert favourable(question) == turned
    assert not unfavourable(favourable(question))


@pytest.mark.parametrize(
    "question, unfavourable_way",
    [
        # Research questions use these words as neutral nouns: the question is not asked the unfavourable way.
        ("Does hypoglycaemia increase the risk of cardiovascular events?", False),
        ("Is the virus a risk factor?", False),
        ("Does the leukocyte count correlate with the severity of injury?", False),
        ("Are there associations of health status, disease activity and damage in SLE patients?", False),
        ("Risky sexual behavior among college students: is the mother-child relationship protective?", False),
        # ... while a patient's verb or adjective is.
        ("Can lifting weights damage my muscles?", True),
        ("Is exercise damaging for me?", True),
        ("Is Pan Masala harmful for health?", True),
        ("Is it risky?", True),
    ],
)
def test_research_nouns_do_not_turn_a_question(question, unfavourable_way):
    assert unfavourable(question) is unfavourable_way
