"""The lead answers the question asked: yes, no, with conditions, or where the sources disagree."""

from __future__ import annotations

import pytest

from assistant.answer.wording import Side, Verdict, lead, verdict_of

G, C, W, R = (
    Side(st, k, d)
    for st, k, d in [
        ("for", "professional guideline", "2010-04-01"),
        ("for", "clinic advice", "2015-01-27"),
        ("against", "patient website", "2020-05-09"),
        ("mixed", "review article", "not stated"),
    ]
)
N = Side("none", "systematic review", "2026-04-01")
AGAINST_G = Side("against", "professional guideline", "2010-04-01")
AGAINST_C = Side("against", "clinic advice", "2015-01-27")


@pytest.mark.parametrize(
    "sides, yes_or_no, verdict",
    [
        ([G, C], True, Verdict.YES),
        ([G, R], True, Verdict.YES_WITH_CONDITIONS),
        ([AGAINST_G, AGAINST_C, N], True, Verdict.NO),
        ([G, W], True, Verdict.DISAGREE),
        ([R, W], True, Verdict.DISAGREE),
        ([N], True, Verdict.NO_POSITION),
        ([G, W], False, Verdict.FACTUAL),
    ],
)
def test_verdict(sides, yes_or_no, verdict):
    assert verdict_of(sides, yes_or_no) is verdict


@pytest.mark.parametrize(
    "question, sides, text",
    [
        (
            "Is gentle stretching harmful?",
            [AGAINST_G, AGAINST_C, N],
            "No. On “Is gentle stretching harmful?”, 2 sources say no (professional guideline, 2010; clinic advice, 2015); "
            "none says yes. 1 more source mentions it without taking a position.",
        ),
        (
            "should i lift weights",
            [G, C, R, W],
            "Sources disagree on “should i lift weights?”: 2 sources say yes (professional guideline, 2010; clinic advice, 2015); "
            "1 source says yes, with conditions (review article, undated); 1 source says no (patient website, 2020).",
        ),
        ("Is walking good?", [G], "Yes. On “Is walking good?”, 1 source says yes (professional guideline, 2010); none says no."),
        (
            "Is walking good?",
            [G, R],
            "Yes, with conditions. On “Is walking good?”, 1 source says yes (professional guideline, 2010); "
            "1 source says yes, with conditions (review article, undated); none says no.",
        ),
        (
            "Is walking good?",
            [N],
            "No source says yes or no to “Is walking good?”: 1 source mentions it without taking a "
            "position (systematic review, 2026). Their own words are below.",
        ),
        (
            "How often?",
            [G, N],
            "2 sources speak to this question (professional guideline, 2010; systematic review, 2026). Their own words are below.",
        ),
    ],
)
def test_lead_wording(question, sides, text):
    assert lead(question, sides, yes_or_no=not question.startswith("How")) == text


def test_no_bare_it_and_yes_or_no_comes_first():
    for sides in ([G], [AGAINST_G], [G, W], [R]):
        text = lead("Is swimming safe?", sides, True)
        assert "support it" not in text and "against it" not in text
        assert text.startswith(("Yes", "No", "Sources disagree")) and "“Is swimming safe?”" in text


# The same sources asked both ways round: "Is X helpful?" and "Is X harmful?" get mirrored verdicts. On the
# unfavourable question a source for X with conditions ("mixed") stands with the "no" side, not against it.
MIXED_C = Side("mixed", "clinic advice", "2015-01-27")
FOR_W = Side("for", "patient website", "2020-05-09")


@pytest.mark.parametrize(
    "sides, unfavourable, verdict",
    [
        ([G, MIXED_C], False, Verdict.YES_WITH_CONDITIONS),  # helpful: yes, one with conditions
        ([AGAINST_G, MIXED_C], True, Verdict.NO),  # harmful: no, one says it depends
        ([G, W], False, Verdict.DISAGREE),
        ([AGAINST_G, FOR_W], True, Verdict.DISAGREE),  # one says harmful, another not: a real disagreement
        ([MIXED_C, FOR_W], True, Verdict.DISAGREE),
        ([MIXED_C], True, Verdict.YES_WITH_CONDITIONS),  # worded "It depends"
    ],
)
def test_verdict_is_symmetric_in_the_question_direction(sides, unfavourable, verdict):
    assert verdict_of(sides, True, unfavourable) is verdict


def test_unfavourable_lead_names_the_no_side_first_and_conditions_as_depends():
    text = lead("Is stretching harmful?", [MIXED_C, AGAINST_G], True, unfavourable=True)
    assert text == (
        "No. On “Is stretching harmful?”, 1 source says no (professional guideline, 2010); 1 source says it "
        "depends on conditions (clinic advice, 2015); none says yes."
    )
    assert lead("Is stretching harmful?", [MIXED_C], True, unfavourable=True).startswith("It depends.")
