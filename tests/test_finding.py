"""A null finding read against the effect a question claims (and for the sameness it claims); a found one for it."""

from __future__ import annotations

import pytest

from assistant.judge.finding import claim_kind, effect_found, null_finding
from assistant.judge.reading import claim_of
from assistant.language.words import stem
from assistant.results import Stance


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Does daily tea lower blood pressure?", "effect"),
        ("Is there a first-night effect on sleep in a new house?", "effect"),
        ("Does altitude influence how fast bread rises?", "effect"),
        ("Are loaves baked at altitude similar to those baked at sea level?", "sameness"),
        ("Is there no difference between the two ovens?", None),  # a negated claim: left to the judge and the rules
        ("Is rye bread safe for toddlers?", None),  # praise or warning: the rules' own business
    ],
)
def test_what_a_question_claims(question, kind):
    assert claim_kind(question) == kind


@pytest.mark.parametrize(
    "question, sentence, side",
    [
        ("Does daily tea lower blood pressure?", "Blood pressure did not differ between tea drinkers and others.", "against"),
        ("Does daily tea lower blood pressure?", "There was no significant change in blood pressure after six weeks.", "against"),
        ("Does daily tea lower blood pressure?", "Tea was not significantly associated with blood pressure.", "against"),
        ("Does daily tea lower blood pressure?", "The trial failed to show a fall in blood pressure.", "against"),
        ("Is there a first-night effect on sleep in a new house?", "There was no evidence of a first-night effect.", "against"),
        ("Are loaves baked at altitude similar to those baked at sea level?", "Loaf volume did not differ by altitude.", "for"),
        # an effect found besides the one not found, or a second clause: not a null finding
        ("Does daily tea lower blood pressure?", "Tea lowered blood pressure with no change in heart rate.", "none"),
        ("Does daily tea lower blood pressure?", "Tea did not change heart rate, but it lowered blood pressure.", "none"),
        ("Does daily tea lower blood pressure?", "Blood pressure fell by 5 mmHg in tea drinkers.", "none"),
        ("Is rye bread safe for toddlers?", "Rye bread did not differ from wheat bread in choking incidents.", "none"),
    ],
)
def test_a_null_finding_answers_an_effect_claim(question, sentence, side):
    assert null_finding(claim_of(question), sentence) is Stance(side)


@pytest.mark.parametrize(
    "question, sentence, side",
    [
        # The sentence says the claimed effect is brought about, in causal words of its own.
        ("Does heavy digging cause more back pain?", "Heavy digging may result in increased back pain.", "for"),
        ("Does heavy digging cause more back pain?", "Digging in wet clay can lead to back pain in older gardeners.", "for"),
        ("Does salt increase the risk of frost damage?", "Salt was associated with an increased risk of frost damage.", "for"),
        ("Can pruning in autumn bring on rot?", "Autumn pruning causes rot in most roses.", "for"),
        # The link denied in its clause, or in another clause than the denial: only the former is no support.
        ("Does heavy digging cause more back pain?", "Digging does not cause back pain.", "none"),
        ("Does heavy digging cause more back pain?", "There is no evidence that digging results in back pain.", "none"),
        ("Does heavy digging cause more back pain?", "Digging will not strengthen the back and can result in back pain.", "for"),
        # Something else brought about, a second clause, a word that only looks causal, or no causal claim.
        ("Does heavy digging cause more back pain?", "Heavy digging may result in blisters.", "none"),
        ("Does heavy digging cause more back pain?", "Digging causes back pain, but only in wet clay.", "none"),
        ("Does frost matter for all-cause losses in orchards?", "Frost raised all-cause losses by a tenth.", "none"),
        ("Is heavy digging bad for the back?", "Heavy digging may result in back pain.", "none"),
    ],
)
def test_a_found_effect_supports_a_causal_claim(question, sentence, side):
    assert effect_found(claim_of(question), sentence, stem) is Stance(side)
