"""Side of one sentence on the question's claim: negation, hedges, conditions, and which way round the question asks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.judge.claim import on_claim
from assistant.judge.reading import claim_of
from assistant.judge.stance import AGAINST, FOR, MIXED, NONE, Judgement, asks_about_excess, combine, judge_sentence, makes_excess
from assistant.language.terms import question_terms
from assistant.results import Stance

from .conftest import FakeJudge


def judge(question: str, sentence: str):
    terms = question_terms(question)
    # Word matching by shared first five letters only: no model needed for the rules themselves.
    found = judge_sentence(sentence, terms, lambda w: any(w[:5] == t[:5] for t in terms if len(t) >= 5) or w in terms)
    return replace(found, stance=on_claim(found.stance, claim_of(question)))


# The rules know general English only: a condition a sentence states in its own terms ("muscles that are very
# weak", "as weakness progresses") is not seen by them; the learned judge (judge/model.py) reads whole sentences.
CASES = [
    # (question, sentence, side on the question's claim, hedged, conditional): "Is intense exercise harmful?" is
    # answered yes (for) by a warning against intense exercise.
    ("Is strengthening exercise recommended?", "Are not recommended.", AGAINST, False, False),
    ("Is strengthening exercise recommended?", "Strengthening exercises are recommended for most patients.", FOR, False, False),
    (
        "Is strengthening exercise recommended?",
        "Muscles that are very weak should not be subjected to this kind of exercise.",
        AGAINST,
        False,
        False,
    ),
    (
        "Is strengthening exercise recommended?",
        "Muscles that can overcome gravity can be strengthened safely with moderate weight lifting.",
        FOR,
        False,
        True,
    ),
    (
        "Is strengthening exercise recommended?",
        "Reduce resistance and the number of repetitions as weakness progresses.",
        NONE,
        False,
        False,
    ),
    (
        "Is strengthening exercise recommended?",
        "Perform low to moderate resistance exercises with light weights three days per week.",
        FOR,
        False,
        True,
    ),
    ("Is resistance training safe?", "The programme was well tolerated and caused no adverse effects.", FOR, False, False),
    ("Is resistance training safe?", "Resistance training was not harmful to the participants.", FOR, False, False),
    ("Is resistance training safe?", "Resistance training is more helpful than harmful.", FOR, False, False),
    ("Is resistance training safe?", "Resistance training is more harmful than walking.", AGAINST, False, False),
    ("Is resistance training safe?", "Resistance training may be harmful in advanced disease.", AGAINST, True, False),
    (
        "Is endurance training beneficial?",
        "The data are insufficient at this time to make recommendations regarding endurance training.",
        NONE,
        True,
        False,
    ),
    (
        "Is endurance training beneficial?",
        "Moderate endurance training probably helps, but intense training is harmful.",
        MIXED,
        True,
        True,
    ),
    ("Is endurance training beneficial?", "Endurance training showed no significant benefit or harm.", NONE, True, False),
    (
        "Should I push through tiredness?",
        "Patients should stop exercising when they get tired, rather than trying to push through the fatigue.",
        AGAINST,
        False,
        True,
    ),
    ("Should I push through tiredness?", "Stop when fatigue sets in, rather than pushing through it.", AGAINST, False, True),
    ("Should I push through tiredness?", "Exercise is only beneficial when it does not cause excessive tiredness.", AGAINST, False, True),
    ("Is intense exercise harmful?", "Intense or exhaustive exercise is probably bad for persons with ALS.", FOR, True, False),
    ("Is intense exercise harmful?", "Intense exercise is not necessarily harmful in this model.", AGAINST, False, False),
    ("Should I avoid weight training?", "Weight training is recommended if started early.", AGAINST, False, True),
    ("Should I avoid weight training?", "Weight training is not recommended.", FOR, False, False),
    (
        "Should I stop exercising when I feel tired?",
        "Patients should stop exercising when they get tired, rather than push through.",
        FOR,
        False,
        True,
    ),
    ("Can I swim?", "Swimming is one example of aerobic exercise.", NONE, False, False),
    # A contrast names what not to do only in advice; in a statement it names the explanation set aside.
    ("Should I cycle at night?", "You should cycle in daylight rather than at night.", AGAINST, False, False),
    ("Is cycling at night dangerous?", "Poor lighting, rather than cycling at night itself, explains the accidents.", NONE, False, False),
    ("Is cycling at night dangerous?", "Riders are advised to stay home rather than cycling at night.", FOR, False, False),
    # Advice against, in its general-English forms; negated, it is advice for.
    ("Should I use a treadmill desk?", "Treadmill desks are not advised after a hip replacement.", AGAINST, False, False),
    ("Should I use a treadmill desk?", "Our physiotherapists advise against treadmill desks.", AGAINST, False, False),
    ("Is a treadmill desk harmful?", "Treadmill desks are discouraged for anyone with poor balance.", FOR, False, False),
    ("Is a treadmill desk harmful?", "Treadmill desks are inadvisable in a shared office.", FOR, False, False),
    ("Should I use a treadmill desk?", "Treadmill desks are not discouraged for healthy staff.", FOR, False, False),
    # A cue in a "whenever…" clause names an occasion, not a position.
    ("Should I use a treadmill desk?", "Keep this in mind whenever treadmill desks are recommended.", NONE, False, False),
    ("Should I use a treadmill desk?", "Whenever treadmill desks are advised, they help.", FOR, False, False),
    # "support" the verb praises; the noun does not.
    ("Should I use a treadmill desk?", "Our findings support the use of treadmill desks.", FOR, False, False),
    ("Should I use a treadmill desk?", "The trial supported treadmill desks for office staff.", FOR, False, False),
    ("Should I use a treadmill desk?", "Treadmill desks need support staff to set them up.", NONE, False, False),
    ("Should I use a treadmill desk?", "Support equipment may be needed for treadmill desks.", NONE, True, False),
]


@pytest.mark.parametrize("question, sentence, stance, hedged, conditional", CASES, ids=[f"{i}-{c[2]}" for i, c in enumerate(CASES)])
def test_sentence_stance(question, sentence, stance, hedged, conditional):
    j = judge(question, sentence)
    assert (j.stance, j.hedged, j.conditional) == (stance, hedged, conditional), j.cues


def test_every_stance_names_its_cues():
    j = judge("Is strengthening exercise recommended?", "Are not recommended.")
    assert j.cues == ("not recommended",)


@pytest.mark.parametrize(
    "question, terms",
    [
        ("Should I lift weights if I have ALS?", ["lift", "weights"]),
        ("Is strength training recommended for people with motor neurone disease?", ["strength", "training"]),
        ("Is exercise safe?", ["exercise"]),
        ("Should I push through tiredness?", ["push", "tiredness"]),
    ],
    ids=["weights", "framing-removed", "general", "excess"],
)
def test_question_terms(question, terms):
    assert question_terms(question) == terms


@pytest.mark.parametrize(
    "terms, question, excess",
    [
        (["push", "tiredness"], "Should I push through tiredness?", True),  # a term names the excess
        (["lift", "weights"], "Should I lift weights?", False),
        (["exercise", "speed", "muscle", "loss"], "Can too much exercise speed up muscle loss?", True),  # "too much" is no term
        (["exercising", "make", "muscles", "weaker"], "Does exercising too hard make muscles weaker?", True),
        (["overly", "long", "walks"], "Are overly long walks bad?", True),
        (["much", "exercise"], "How much exercise is safe?", False),  # "much" alone is an amount, not an excess
        (["too"], "Can I exercise too?", False),
    ],
    ids=["term", "none", "too-much", "too-hard", "overly", "how-much", "too-also"],
)
def test_asks_about_excess(terms, question, excess):
    assert asks_about_excess(terms, makes_excess(question)) is excess


@pytest.mark.parametrize(
    "sentence, stance",
    [
        ("Walk daily without excessive fatigue.", AGAINST),  # done without an excess: a warning against it
        ("Keep going, but without pushing through pain.", AGAINST),
        ("Pruning was well tolerated without raising the risk of disease.", NONE),  # denies a harm of pruning itself
        ("The decline is steady, without pauses.", NONE),  # says nothing of the subject
        ("Pruning too hard is harmful.", AGAINST),
        ("Pruning is likely to be more beneficial than deleterious.", NONE),  # compares; warns of no excess
        ("Pruning too hard is more harmful than helpful.", AGAINST),
    ],
    ids=["excess", "pushing", "denied-harm", "unrelated", "warning", "comparison", "comparison-warning"],
)
def test_without_is_a_warning_only_against_an_excess(sentence, stance):
    assert judge_sentence(sentence, ["pruning"], lambda w: w.startswith("prun"), excess=True).stance is stance


@pytest.mark.parametrize(
    "sentence, stance",
    [
        ("Vigorous or exhausting pruning is probably bad for old roses.", MIXED),  # bad only done so
        ("Pruning too hard harms the plant.", MIXED),
        ("If you are sore the next day, you have overdone it.", MIXED),
        ("Pruning harms old roses.", AGAINST),  # no degree: the subject itself
        ("Heavy pruning is good for old roses.", FOR),  # praise is not a warning
    ],
    ids=["intense", "too-hard", "overdone", "plain-warning", "praise"],
)
def test_a_warning_said_of_an_excess_is_a_condition_when_the_question_asks_of_none(sentence, stance):
    """Asked "Is pruning bad?", a warning against overdoing it says "only in moderation", not "yes"."""
    related = lambda w: w.startswith("prun")  # noqa: E731
    assert judge_sentence(sentence, ["pruning"], related, excess=False).stance is stance
    if stance is MIXED:  # asked about the excess itself, the same warning is against it
        assert judge_sentence(sentence, ["pruning"], related, excess=True).stance is AGAINST


def test_an_excess_the_question_names_turns_the_rules_reading():
    """Asked about "too much" of something, a sentence for it in moderation is against the excess."""
    sentence = "Exercise is only beneficial when it does not cause excessive fatigue."
    terms, related = ["exercise"], lambda w: w.startswith("exercis")
    assert judge_sentence(sentence, terms, related).stance is FOR
    assert judge_sentence(sentence, terms, related, excess=True).stance is AGAINST


@pytest.mark.parametrize(
    "stances, expected",
    [
        ([FOR, FOR], FOR),
        ([AGAINST], AGAINST),
        ([FOR, AGAINST], MIXED),
        ([MIXED], MIXED),
        ([NONE, NONE], NONE),
        ([FOR, NONE], FOR),
    ],
    ids=["for", "against", "both", "mixed", "none", "for-and-none"],
)
def test_combine(stances, expected):
    assert combine([Judgement(s, False, False, ()) for s in stances]) == expected


def test_conditional_warning_makes_a_supporting_source_mixed():
    judgements = [Judgement(FOR, False, True, ()), Judgement(AGAINST, False, True, ())]
    assert combine(judgements) == MIXED


@pytest.mark.parametrize(
    "reading, confidence, ruled, expected, by_judge",
    [
        (FOR, 0.9, AGAINST, FOR, True),  # a sure reading decides
        (AGAINST, 0.7, FOR, AGAINST, True),  # at the threshold it still decides
        (FOR, 0.6, AGAINST, AGAINST, False),  # unsure: the rules decide
        (NONE, 0.99, FOR, FOR, False),  # no side seen: the rules may still take one
        (NONE, 0.99, NONE, NONE, False),
    ],
)
def test_read_claim_falls_back_to_the_rules(reading, confidence, ruled, expected, by_judge):
    from assistant.judge.stance import read_claim

    fake = FakeJudge(reading, confidence)
    got = read_claim(
        fake,
        claim_of("Is it safe?"),
        ["One sentence.", "It may help if done gently."],
        0.7,
        lambda text: Judgement(ruled, False, False, ()),
    )
    assert [j.stance for j in got] == [expected, expected]
    assert fake.calls == 1  # one batch for every sentence
    assert [(j.hedged, j.conditional) for j in got] == [(False, False), (True, True)]
    assert [j.by_judge for j in got] == [by_judge, by_judge]  # whose side it is: a passage read whole needs the judge's


@pytest.mark.parametrize(
    "question, asked, reading, expected",
    [
        ("Is stretching harmful?", "Is stretching helpful?", FOR, AGAINST),  # helpful, so: no, not harmful
        ("Is stretching harmful?", "Is stretching helpful?", AGAINST, FOR),
        ("Should I avoid weights?", "Should I try weights?", AGAINST, FOR),  # a warning: yes, avoid them
        ("Will exercise make my ALS worse?", "Will exercise make my ALS better?", FOR, AGAINST),
        ("Is swimming safe?", "Is swimming safe?", FOR, FOR),  # already favourable: asked as typed
        ("Is it not harmful?", "Is it not harmful?", FOR, FOR),  # turned twice: favourable
        # No clean opposite for a noun: asked as typed, and the judge's reading stands.
        ("Does smoking increase the risk of falls?", "Does smoking increase the risk of falls?", FOR, FOR),
    ],
)
def test_read_claim_asks_the_favourable_way_round_and_turns_the_side_back(question, asked, reading, expected):
    from assistant.judge.stance import read_claim

    fake = FakeJudge(reading, 0.9)
    got = read_claim(fake, claim_of(question), ["One sentence."], 0.7, lambda text: Judgement(NONE, False, False, ()))
    assert fake.claims == [asked]
    assert [j.stance for j in got] == [expected]


@pytest.mark.parametrize(
    "sentence, reading, ruled, expected",
    [
        # Explicit advice that the rules read one way and the judge, sure, the other way: the advice stands.
        ("Standing desks are not advised for people with swollen ankles.", FOR, AGAINST, AGAINST),
        ("We recommend a standing desk for part of the day.", AGAINST, FOR, FOR),
        # No advice word: the sure judge decides, whatever the rules read.
        ("Standing desks eased back pain in a small trial.", AGAINST, FOR, AGAINST),
        # Advice the rules read as mixed or as no side does not overrule the judge.
        ("We recommend standing desks but advise against standing all day.", AGAINST, Stance.MIXED, AGAINST),
        ("We recommend talking to your doctor first.", FOR, NONE, FOR),
    ],
)
def test_explicit_advice_read_by_the_rules_overrules_a_sure_judge(sentence, reading, ruled, expected):
    from assistant.judge.stance import read_claim

    got = read_claim(
        FakeJudge(reading, 0.95),
        claim_of("Should I use a standing desk?"),
        [sentence],
        0.7,
        lambda text: Judgement(ruled, False, False, ()),
    )
    assert [j.stance for j in got] == [expected]
    assert got[0].by_judge is (expected is reading)  # overruled, the side is the rules', not the judge's
