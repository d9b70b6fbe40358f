"""How far a question's claim reaches: strong verbs and what would do it, claims about the whole."""

from __future__ import annotations

import pytest

from assistant.judge.scope import claim_agent, speaks_of_whole, strong_claim, whole_claim


@pytest.mark.parametrize(
    "question, verbs, claimed",
    [
        ("Can pruning cure black spot?", ("cure",), ("black", "spot")),
        ("Does frost cause dieback in roses?", ("cause",), ("dieback", "in", "roses")),
        ("Will mulch prevent weeds or heal the soil?", ("prevent", "heal"), ("weeds", "or", "heal", "the", "soil")),
        ("Black spot on roses: can it be cured?", ("cured",), ("black", "spot", "on", "roses", "can", "it")),  # passive
        ("I read it cures everything. Is pruning helpful?", (), ()),  # only the sentence that asks counts
        ("Is pruning helpful?", (), ()),
        ("Is a curette needed?", (), ()),  # a word that merely starts like one
    ],
    ids=["cure", "cause", "two", "passive", "earlier-sentence", "evaluative", "prefix"],
)
def test_strong_claims_and_what_they_claim(question, verbs, claimed):
    assert strong_claim(question) == (verbs, claimed)


@pytest.mark.parametrize(
    "question, agent",
    [
        ("Can pruning cure black spot?", ("can", "pruning")),
        ("Does copper-based spray prevent rust?", ("does", "copper-based", "spray")),  # read as the key terms are
        ("Black spot on roses: can it be cured?", ()),  # passive: what would do it is not said
        ("Do roses growing near walls heal faster?", ("do", "roses", "growing", "near", "walls")),  # "heal" is the verb
        ("Do fungi causing black spot survive frost?", ()),  # a participle: the claim's verb is "survive"
        ("Is pruning helpful?", ()),
    ],
    ids=["active", "hyphen", "passive", "subject-with-participle", "participle", "no-strong-verb"],
)
def test_what_a_strong_claim_says_would_do_it(question, agent):
    assert claim_agent(question) == agent


@pytest.mark.parametrize(
    "question, whole",
    [
        ("Should I give up pruning altogether?", True),
        ("Is pruning completely safe?", True),
        ("Is it always safe to prune in winter?", True),
        ("Is pruning safe?", False),
        ("I stopped completely last year. Is pruning safe?", False),  # only the sentence that asks
        ("Should I prune at all?", False),  # "at all": any pruning, not all of it
    ],
)
def test_a_claim_about_the_whole(question, whole):
    assert whole_claim(question) is whole


@pytest.mark.parametrize(
    "sentence, whole",
    [
        ("Never prune roses in a frost.", True),
        ("All pruning should stop in winter.", True),
        ("Stop pruning completely if the canes blacken.", True),
        ("Avoid pruning roses in a frost.", False),
        ("Cut until the task is complete.", False),  # "complete" the verb is not "completely"
    ],
)
def test_a_sentence_that_speaks_of_the_whole(sentence, whole):
    assert speaks_of_whole(sentence) is whole
