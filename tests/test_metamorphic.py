"""Metamorphic pairs: a question mirrored through a WordNet antonym, and when its lead counts as turned round."""

import pytest

from assistant.evaluation.metamorphic import consistent, mirror
from assistant.language import relations

needs_wordnet = pytest.mark.skipif(not relations.available(), reason="WordNet not installed (make setup)")


@needs_wordnet
@pytest.mark.parametrize(
    ("question", "mirrored"),
    [
        ("Is yoga bad for ALS?", "Is yoga good for ALS?"),
        ("Is strength training safe?", "Is strength training dangerous?"),
        ("Does exercise make ALS progress faster?", "Does exercise make ALS progress slower?"),
        ("Does exercise make quality of life worse?", "Does exercise make quality of life better?"),
        ("is it harmful to lift weights", "is it harmless to lift weights"),
    ],
)
def test_a_question_is_mirrored_through_an_antonym(question, mirrored):
    assert mirror(question).mirrored == mirrored


@needs_wordnet
def test_a_question_with_no_opposite_is_not_mirrored():
    assert mirror("Should I stretch every day?") is None


@pytest.mark.parametrize(
    ("lead", "mirrored", "held"),
    [
        ("yes", "no", True),
        ("yes, with conditions", "no", True),
        ("no", "yes", True),
        ("no", "yes, with conditions", True),
        ("yes", "yes", False),  # the claim and its opposite cannot both be so
        ("no", "no", False),
        ("sources disagree", "sources disagree", True),
        ("no position", "no position", True),
        ("no position", "yes", False),
        ("", "", False),  # declined: nothing was read either way
    ],
)
def test_a_lead_counts_as_turned_round(lead, mirrored, held):
    assert consistent(lead, mirrored) is held
