"""Sentence roles (findings and advice over aims) and sentences that lean on the one before them."""

from __future__ import annotations

import pytest

from assistant.language.roles import Role, leans_back, role_of, section_role


@pytest.mark.parametrize(
    "section, role",
    [
        ("CONCLUSIONS", Role.CONCLUSION),
        ("Results", Role.FINDING),
        ("4. Discussion", Role.CONCLUSION),
        ("METHODS AND RESULTS", Role.FINDING),
        ("BACKGROUND AND AIMS", Role.AIM),
        ("Objective", Role.AIM),
        ("SUBJECTS AND METHODS", Role.METHOD),
        ("Study design", Role.METHOD),
        ("Introduction", Role.BACKGROUND),
        ("Recommendations", Role.ADVICE),
        ("Getting started with gardening", Role.OTHER),
        (None, Role.OTHER),
    ],
)
def test_section_roles(section, role):
    assert section_role(section) == role


@pytest.mark.parametrize(
    "text, section, role",
    [
        ("To evaluate whether nightly reading improves sleep in shift workers.", "OBJECTIVE", Role.AIM),
        ("The aim of this study was to compare two knee braces.", "BACKGROUND", Role.AIM),
        ("We hypothesized that early feeding shortens hospital stay.", "INTRODUCTION", Role.AIM),
        ("It remains unclear whether tea lowers blood pressure.", "BACKGROUND", Role.AIM),
        # what the evidence cannot tell, even under a finding's heading and with a finding's words
        ("However, it is difficult to ascertain the relative risk from small case series.", "Results", Role.AIM),
        ("It is not possible to draw firm conclusions about tea.", "Discussion", Role.AIM),
        ("This trial investigated a new hand splint in arthritis.", "RESULTS", Role.AIM),
        ("Early feeding was associated with a shorter stay (p < 0.01).", "RESULTS", Role.FINDING),
        ("We found no significant difference between the braces.", None, Role.FINDING),
        ("These findings suggest that tea does not lower blood pressure.", "DISCUSSION", Role.CONCLUSION),
        ("Reading before sleep is safe and well tolerated.", "CONCLUSIONS", Role.CONCLUSION),
        ("Heavy lifting is not recommended after hernia repair.", None, Role.ADVICE),
        ("Patients should drink water before a long walk.", "Tips", Role.ADVICE),
        ("Avoid running on icy paths.", None, Role.ADVICE),
        ("Forty-two adults took part over 12 weeks.", "METHODS", Role.METHOD),
        ("Gardening has a long history in many cultures.", "Introduction", Role.BACKGROUND),
        ("Telephone follow-up reached most families within a day.", "CONCLUSIONS", Role.CONCLUSION),
        ("We conclude that the brace helps.", "RESULTS", Role.CONCLUSION),
        # What research should do next is an agenda, even under Conclusions
        ("Further studies are needed to confirm that tea lowers blood pressure.", "CONCLUSIONS", Role.AIM),
        ("Future research should therefore focus on larger trials of knee braces.", "CONCLUSIONS", Role.AIM),
        ("However, large, randomised trials are required to establish its safety.", "CONCLUSIONS", Role.AIM),
        ("The brace helped, and further studies are needed.", "CONCLUSIONS", Role.CONCLUSION),  # a finding first
        ("Our data should encourage clinicians to offer the brace.", "CONCLUSIONS", Role.CONCLUSION),
    ],
)
def test_sentence_roles(text, section, role):
    assert role_of(text, section) == role


def test_only_findings_and_advice_answer():
    assert {r for r in Role if r.answers} == {Role.CONCLUSION, Role.FINDING, Role.ADVICE}
    assert Role.CONCLUSION.rank < Role.FINDING.rank == Role.ADVICE.rank == Role.OTHER.rank < Role.METHOD.rank < Role.AIM.rank


@pytest.mark.parametrize(
    "text, leans",
    [
        ("If these occur, sit down and rest.", True),
        ("This means the brace must be worn at night.", True),
        ("They should be replaced every year.", True),
        ("Such programmes are run by local councils.", True),
        ("However, these patients improved less.", True),
        ("In this case, call a doctor.", True),
        ("Both groups slept longer.", True),
        ("“These results are preliminary,” the authors wrote.", True),
        ("There is no evidence that tea lowers blood pressure.", False),
        ("Walking improves mood in older adults.", False),
        ("Theatre visits were recorded by diary.", False),
        ("Thermal gloves help with cold hands.", False),
        ("When cycling, wear a helmet.", False),
        # The work speaking of itself as it concludes, and the "it" of a clause that follows, do not point back.
        ("These findings suggest that tea lowers blood pressure.", False),
        ("This small study shows that walking improves mood.", False),
        ("Taken together, these data indicate a link.", False),
        ("It is likely that both groups improved.", False),
        ("It is not clear whether the brace helps.", False),
        ("These results are preliminary.", True),  # says nothing the reader can take without what they are
        ("This study was stopped early.", True),
        ("It is worn at night.", True),
        ("This means that the brace must be worn.", True),
        # A kind of thing named only by pointing back, anywhere in the sentence.
        ("Frail patients should not be given this kind of brace.", True),
        ("Older adults benefit from these types of classes.", True),
        ("This type of brace is worn at night.", True),
        ("Patients of all kinds wore the brace.", False),
    ],
)
def test_sentences_that_lean_on_the_one_before(text, leans):
    assert leans_back(text) is leans
