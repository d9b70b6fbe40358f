"""Composing an answer from ranked sentences: which sentences the learned judge is given to read."""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.judge.stance import FOR

from .conftest import FakeJudge, hash_indexed


@pytest.fixture(scope="module")
def many_sources(tmp_path_factory):
    """Twelve leaflets that all address walking, each in its own words (numbered so no two are duplicates)."""
    leaflets = {
        f"leaflet-{n:02d}.txt": f"Walking\n\nWalking every day keeps the legs strong, says leaflet {n}. Leaflet {n} advises walking on flat ground.\n"
        for n in range(12)
    }
    return Assistant(*hash_indexed(tmp_path_factory.mktemp("many"), leaflets))


@pytest.mark.parametrize("top_k, per_source", [(8, 4), (4, 2), (2, 1)])
def test_the_judge_reads_only_the_sources_that_get_a_turn(many_sources, top_k, per_source):
    judge = many_sources.reader = FakeJudge(FOR, 0.99)  # sure of "for": its reading decides
    answer = many_sources.ask("Is walking every day good for the legs?", top_k=top_k, judge_per_source=per_source)
    assert answer.answered and answer.citations
    index = many_sources.index
    source_of = {s.text: index.documents[s.doc_id].path for s in index.sentences}
    read_from = {source_of[text] for text in judge.evidence}
    assert 0 < len(read_from) <= top_k  # not every one of the twelve sources that address it
    assert len(judge.evidence) <= top_k * per_source
    quoted = {c.source for c in answer.citations}
    assert len(quoted) <= top_k


@pytest.fixture(scope="module")
def two_studies(tmp_path_factory):
    """One study on the question's claim, one on another claim of the same operation, on opposite sides."""
    studies = {
        "angiography.txt": "Results\n\nCoronary angiography before bypass surgery improved outcomes in our cohort.\n",
        # It names the outcomes the question says are improved (scope.Reach.changed), so only its share of the claim
        # keeps it from taking a side.
        "statins.txt": "After bypass\n\nStatins given after the operation worsened outcomes in older patients.\n",
    }
    assistant = Assistant(*hash_indexed(tmp_path_factory.mktemp("two"), studies))
    assistant.reader = None  # the general-English rules take the sides
    return assistant


# The hash encoder's similarities are low: both studies are let in as addressing the question by what they name.
ADDRESSED = {"min_score": 0.0, "source_min_score": 0.0, "source_coverage": 0.2}


@pytest.mark.parametrize("least_share, disagree", [(0.0, True), (0.4, False), (0.9, False)])
def test_sources_disagree_only_on_the_same_claim(two_studies, least_share, disagree):
    # With no share required (0.0) the rules' two sides make a disagreement; at the default, the statins finding,
    # which names little of the question and is less relevant than the angiography finding, takes no side on it.
    answer = two_studies.ask("Does coronary angiography before bypass surgery improve outcomes?", claim_share=least_share, **ADDRESSED)
    sides = {s.source: s.stance for s in answer.stances}
    assert sides["angiography.txt"] == "for"
    assert answer.disagreement is disagree, answer.lead
    assert sides.get("statins.txt", "none") == ("against" if disagree else "none")


class ScriptedJudge:
    """A judge that reads each sentence as scripted (by a word in it) and keeps what it was asked to read."""

    def __init__(self, script: dict[str, str], confidence: float = 0.95) -> None:
        self.script, self.confidence = script, confidence
        self.evidence: list[str] = []

    def read(self, claims, evidence):
        from assistant.judge.stance import NONE, Stance

        self.evidence += evidence
        out = []
        for text in evidence:
            side = next((Stance(s) for word, s in self.script.items() if word in text), NONE)
            out.append(type("R", (), {"stance": side, "confidence": self.confidence})())
        return out


STUDY = """Background

To determine whether daily walking improves sleep in older adults, daily walking and sleep in older adults were studied.

Methods

Older adults did daily walking or none, and sleep in older adults was measured for daily walking and none.

Results

At one month, sleep was shorter in the group walking.

Conclusions

By six months, walking every day gave longer and deeper sleep.
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return Assistant(*hash_indexed(tmp_path_factory.mktemp("study"), {"study.txt": STUDY}))


WALKING = "Does daily walking improve sleep in older adults?"


def test_the_judge_reads_what_would_be_quoted_not_the_aim(study):
    # The aim and the method repeat the question's words and rank above the conclusion; the judge, given one sentence
    # of the source to read, is given the conclusion: the sentence the answer quotes.
    study.reader = judge = ScriptedJudge({})
    answer = study.ask(WALKING, judge_per_source=1, **ADDRESSED)
    assert answer.answered
    assert judge.evidence == ["By six months, walking every day gave longer and deeper sleep."]
    assert judge.evidence[0] in [c.quote for c in answer.citations]


@pytest.mark.parametrize(
    "script, stance",
    [
        ({"six months": "for", "one month": "against"}, "for"),  # the authors' conclusion speaks for the study
        ({"six months": "against", "one month": "for"}, "against"),
        ({"one month": "against"}, "against"),  # a conclusion taking no side leaves the findings to speak
        ({"six months": "for", "To determine": "against"}, "for"),
        # what the study set out to do, and how, say nothing either way, whoever reads them
        ({"To determine": "against", "Older adults did": "for"}, "none"),
    ],
)
def test_a_studys_conclusion_speaks_for_it_over_a_finding(study, script, stance):
    study.reader = ScriptedJudge(script)
    answer = study.ask(WALKING, per_source=4, **ADDRESSED)
    assert len(answer.citations) == 4  # every sentence quoted
    assert [s.stance for s in answer.stances] == [stance], [(c.quote, c.stance) for c in answer.citations]


WHOLE = """Results

At one month, sleep was shorter in the group walking.

Conclusions

Older adults who walked daily slept more hours by six months. They also woke less often in the night.
"""


@pytest.fixture(scope="module")
def concluding(tmp_path_factory):
    return Assistant(*hash_indexed(tmp_path_factory.mktemp("whole"), {"study.txt": WHOLE}))


@pytest.mark.parametrize(
    "question, script, confidence, stance",
    [
        # Each sentence alone says nothing either way; read whole (the key spans both), the conclusion says yes.
        (WALKING, {"months. They": "for"}, 0.95, "for"),
        # The conclusion read whole speaks for the study over one of its sentences read alone.
        (WALKING, {"months. They": "against", "six months": "for"}, 0.95, "against"),
        # Read whole but not sure enough: the sentences speak, as before.
        (WALKING, {"months. They": "against", "six months": "for"}, 0.6, "none"),
        # A strong claim's guards read one sentence at a time: no passage is read.
        ("Can daily walking cure poor sleep in older adults?", {"months. They": "for"}, 0.95, "none"),
    ],
)
def test_a_studys_conclusion_is_also_read_whole(concluding, question, script, confidence, stance):
    concluding.reader = judge = ScriptedJudge(script, confidence)
    answer = concluding.ask(question, **ADDRESSED)
    assert [s.stance for s in answer.stances] == [stance], [(c.quote, c.stance) for c in answer.citations]
    whole = "Older adults who walked daily slept more hours by six months. They also woke less often in the night."
    assert (whole in judge.evidence) is (question == WALKING)  # in the same batch as the sentences


@pytest.fixture(scope="module")
def two_conclusions(tmp_path_factory):
    """Two studies whose conclusions, read whole, take opposite sides: one on the question's claim, one on another."""
    studies = {
        "angiography.txt": "Conclusions\n\nCoronary angiography before bypass surgery improved outcomes in our cohort. The gain lasted a year.\n",
        "statins.txt": "Conclusions\n\nStatins given after bypass surgery changed little in older patients. Doses varied by centre.\n",
    }
    return Assistant(*hash_indexed(tmp_path_factory.mktemp("two-whole"), studies))


@pytest.mark.parametrize("least_share, disagree", [(0.0, True), (0.4, False)])
def test_a_conclusion_read_whole_disagrees_only_on_the_same_claim(two_conclusions, least_share, disagree):
    # As a sentence does (test_sources_disagree_only_on_the_same_claim): the statins conclusion names too little of
    # the question to stand against the angiography study's.
    two_conclusions.reader = ScriptedJudge({"cohort. The": "for", "patients. Doses": "against"})
    answer = two_conclusions.ask("Does coronary angiography before bypass surgery improve outcomes?", claim_share=least_share, **ADDRESSED)
    sides = {s.source: s.stance for s in answer.stances}
    assert sides["angiography.txt"] == "for"
    assert answer.disagreement is disagree, answer.lead
    assert sides.get("statins.txt", "none") == ("against" if disagree else "none")


LEAFLET = """Roses

Mulching roses in spring keeps black spot away for the season.

Look for black spot on the lower leaves after a week of rain.
"""


@pytest.fixture(scope="module")
def leaflet(tmp_path_factory):
    return Assistant(*hash_indexed(tmp_path_factory.mktemp("leaflet"), {"leaflet.txt": LEAFLET}))


@pytest.mark.parametrize("question", ["Can mulch cure black spot?", "Does mulch stop black spot?"])  # a thing stopping another
@pytest.mark.parametrize(
    "script, stance",
    [
        ({"Mulching": "for"}, "for"),  # names what would do it (mulch) and what it would cure
        ({"Look for": "for"}, "none"),  # names the disease, not mulch: a sign to watch for, whatever the judge reads
        ({"Mulching": "against", "Look for": "for"}, "against"),
    ],
)
def test_a_strong_claim_is_judged_only_by_sentences_naming_what_would_do_it(leaflet, question, script, stance):
    leaflet.reader = ScriptedJudge(script)
    answer = leaflet.ask(question, **ADDRESSED)
    assert len(answer.citations) == 2, answer.lead
    assert [s.stance for s in answer.stances] == [stance], [(c.quote, c.stance) for c in answer.citations]


ROSES = {
    "frost.txt": "Frost\n\nAvoid pruning roses in a hard frost.\n",
    "spring.txt": "Spring\n\nPruning roses in spring keeps them healthy.\n",
}


@pytest.fixture(scope="module")
def roses(tmp_path_factory):
    return Assistant(*hash_indexed(tmp_path_factory.mktemp("roses"), ROSES))


@pytest.mark.parametrize(
    "question, frost, spring",
    [
        # The judge is asked the favourable way round ("Should I try pruning roses…?") and its side turned back: the
        # frost warning reads as for avoiding, the spring advice as against.
        ("Should I avoid pruning roses?", "for", "against"),
        # Of the whole: a warning about frost is no advice to give pruning up altogether.
        ("Should I avoid pruning roses altogether?", "none", "against"),
    ],
)
def test_a_claim_about_the_whole_is_supported_only_by_a_sentence_about_the_whole(roses, question, frost, spring):
    roses.reader = ScriptedJudge({"frost": "against", "spring": "for"})
    answer = roses.ask(question, **ADDRESSED)
    sides = {s.source: s.stance for s in answer.stances}
    assert sides == {"frost.txt": frost, "spring.txt": spring}, answer.lead


GLOVES = {
    "gloves.txt": "Gloves\n\nWear gloves when pruning roses, because the thorns cut.\n",
    "bare.txt": "Bare hands\n\nPruning small roses without gloves is fine.\n",
}


def test_a_claim_about_going_without_something_is_judged_by_sentences_that_go_without_it(tmp_path):
    # The judge reads both as for: advice to wear gloves speaks of another case than pruning without them.
    gloves = Assistant(*hash_indexed(tmp_path, GLOVES))
    gloves.reader = ScriptedJudge({"Wear": "for", "without": "for"})
    answer = gloves.ask("Is it safe to prune roses without gloves?", **ADDRESSED)
    assert {s.source: s.stance for s in answer.stances} == {"gloves.txt": "none", "bare.txt": "for"}, answer.lead


BRACES = {
    "braces.txt": "Wrist care\n\nA rigid night brace keeps the wrist straight while you sleep.\n"
    "Frail patients should not be given this kind of support.\n",
}


@pytest.fixture(scope="module")
def braces(tmp_path_factory):
    return Assistant(*hash_indexed(tmp_path_factory.mktemp("braces"), BRACES))


def test_a_sentence_leaning_on_the_one_before_is_about_what_that_one_names(braces):
    # "this kind of support" names no rigid night brace: it is about one through the sentence it leans on, and is
    # quoted with it.
    braces.reader = ScriptedJudge({"Frail patients": "against"})
    answer = braces.ask("Should I wear a rigid night brace?", **ADDRESSED)
    quotes = [c.quote for c in answer.citations]
    assert quotes == [
        "A rigid night brace keeps the wrist straight while you sleep.",
        "Frail patients should not be given this kind of support.",
    ]
    assert [s.stance for s in answer.stances] == ["against"], [(c.quote, c.stance) for c in answer.citations]
