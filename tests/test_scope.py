"""How far a question's claim reaches: strong verbs and what would do it, claims about the whole."""

from __future__ import annotations

import pytest

from assistant.judge.reading import claim_of
from assistant.judge.scope import Reach, changed_by, claim_agent, speaks_of_whole, strong_claim, whole_claim
from assistant.judge.stance import AGAINST, FOR, MIXED, NONE, Judgement
from assistant.language.coverage import coverage
from assistant.language.lexicon import Lexicon
from assistant.language.words import stem

GARDEN = Lexicon.from_texts(
    [
        ("a", "Pruning roses in spring keeps black spot away."),
        ("b", "Mulch keeps weeds down; black spot spreads in rain."),
        ("c", "Stop pruning when frost comes."),
    ]
)


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
        ("Does pruning stop black spot?", ("stop",), ("black", "spot")),  # a thing stopping another: preventing it
        ("Should I stop pruning?", (), ()),  # someone stopping: refraining, no strong claim
        ("Can hard pruning lead to dieback?", ("lead",), ("to", "dieback")),  # causing, in two words
        ("Does mulch result in rot?", ("result",), ("in", "rot")),
        ("Was the result in the trial a surprise?", (), ()),  # the noun
        ("Does pruning lead the plant's growth?", (), ()),
    ],
    ids=[
        *("cure", "cause", "two", "passive", "earlier-sentence", "evaluative", "prefix", "stop-prevents", "stop-refrains"),
        *("lead-to", "result-in", "noun-result", "lead-alone"),
    ],
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
        ("Can mulch stop black spot?", ("can", "mulch")),
    ],
    ids=["active", "hyphen", "passive", "subject-with-participle", "participle", "no-strong-verb", "stop"],
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


def _judged(stance):
    return Judgement(stance, False, False, ())


@pytest.mark.parametrize(
    "question, sentence, stance, expected",
    [
        # A strong claim: a side needs its verb or what it is about, and what would do it.
        ("Does pruning stop black spot?", "Pruning roses in spring keeps black spot away.", FOR, FOR),
        ("Does pruning stop black spot?", "Mulch keeps weeds down; black spot spreads in rain.", FOR, NONE),  # not pruning
        ("Does pruning stop black spot?", "Pruning roses makes them bloom.", FOR, NONE),  # praise, not of stopping black spot
        # "Stop" of someone refraining is no strong claim: any side stands.
        ("Should I stop pruning?", "Stop pruning when frost comes.", FOR, FOR),
        # Of the whole: a conditional reading says no, and support must speak of the whole.
        ("Should I stop pruning altogether?", "Stop pruning when frost comes.", MIXED, AGAINST),
        ("Should I stop pruning altogether?", "Stop pruning when frost comes.", FOR, NONE),
        # A claim of harm to something named: a side needs a sentence naming it.
        ("Will pruning damage my roses?", "Pruning roses in spring keeps black spot away.", FOR, FOR),
        ("Will mulch damage my roses?", "Mulch keeps weeds down; black spot spreads in rain.", AGAINST, NONE),
        # "stop" in advice to refrain does not speak of one thing stopping another.
        ("Can pruning stop black spot?", "If frost comes, stop pruning and cover the roses.", FOR, NONE),
        # A claim of change to something named: a side needs a sentence naming it.
        ("Does pruning reduce black spot?", "Pruning roses in spring keeps black spot away.", FOR, FOR),
        ("Does pruning reduce black spot?", "Pruning roses makes them bloom.", FOR, NONE),  # praise, not of black spot
        ("Does mulch improve roses in spring?", "Mulch keeps weeds down; black spot spreads in rain.", FOR, NONE),
        # A comparison: a side needs a sentence naming both things compared.
        ("Is pruning better than mulch?", "Pruning roses in spring keeps black spot away.", FOR, NONE),
        ("Is pruning better than mulch?", "Mulch keeps weeds down; black spot spreads in rain.", AGAINST, NONE),
        ("Is pruning better than mulch?", "Pruning beats mulch against black spot.", FOR, FOR),
    ],
)
def test_a_claims_reach_decides_which_sentences_take_its_side(question, sentence, stance, expected):
    reach = Reach.of(claim_of(question), coverage(question, GARDEN))
    stems = frozenset(stem(w) for w in sentence.lower().replace(";", " ").replace(".", " ").split())
    found = reach.on_the_whole(reach.on_the_claim(_judged(stance), reach.read_in(stems, sentence), close=False, least_share=0.45), sentence)
    assert found.stance is expected, found.cues


@pytest.mark.parametrize(
    "question, changed",
    [
        ("Did the strictly monitored exercise programme improve survival in the Lunetta trial?", ("survival",)),
        ("Does cycling reduce muscle strength in ALS?", ("muscle", "strength")),  # to the setting, not past it
        ("Does exercise improve quality of life for people with ALS?", ("quality", "life")),
        ("Will resistance exercise slow my weakness down?", ("weakness",)),  # a thing, not "down"
        ("Does exercise make ALS progress faster?", ()),  # "faster" says how, not what
        ("Is slow walking safe?", ()),  # after "is": an adjective
        ("can moderate exercise bring down inflammation", ()),  # after an auxiliary: the subject, not the verb
        ("Is there an increase in risk?", ()),  # after a determiner: a noun
        ("Does stretching help cramps?", ()),  # "help" is no verb of change in WordNet
    ],
)
def test_what_a_claim_of_change_says_is_changed(question, changed):
    """The words after a verb WordNet files as a change (verb.change), as far as the phrase goes."""
    assert changed_by(question) == changed


@pytest.mark.parametrize(
    "question, harmed",
    [
        ("Will lifting heavy weights damage my nerves?", ("nerves",)),
        ("Can pruning hurt the roses in winter?", ("roses",)),  # to the setting, not past it
        ("Does frost harm black spot or mulch?", ("black", "spot")),
        ("Could pruning hurt me?", ()),  # no term: who, not what
        ("Is pruning harmful?", ()),  # no object named
        # a risk named: general praise of pruning says nothing of it ("Does exercise increase the risk of falls?" was
        # "Yes, with conditions, 3 sources" from praise of exercise)
        ("Does pruning raise the risk of black spot?", ("black", "spot")),
        ("Does mulch increase the odds of weeds in spring?", ("weeds",)),
    ],
)
def test_what_a_claim_of_harm_says_would_be_harmed(question, harmed):
    assert tuple(t.typed for t in Reach.of(claim_of(question), coverage(question, GARDEN)).harmed) == harmed


@pytest.mark.parametrize(
    "question, compared, guarded",
    [
        ("Is pruning better than mulch for roses?", ("mulch",), True),
        ("Is pruning superior to mulch?", ("mulch",), True),
        ("Pruning versus mulch for roses: is spraying useful?", (), False),  # "versus" names a study's arms
        ("Is pruning more useful than harmful?", (), False),  # an evaluative, no key term
        ("Is pruning useful?", (), False),
    ],
)
def test_what_a_comparison_compares_with(question, compared, guarded):
    reach = Reach.of(claim_of(question), coverage(question, GARDEN))
    assert tuple(t.typed for t in reach.compared) == compared
    assert reach.guarded is guarded  # a conclusion is then not read whole


GLOVES = Lexicon.from_texts([("a", "Wear gloves when pruning roses."), ("b", "Pruning without gloves is fine for small roses.")])


@pytest.mark.parametrize(
    "sentence, close, expected",
    [
        ("Wear gloves when pruning roses.", False, NONE),  # gloves present: another case
        ("Wear gloves when pruning roses.", True, NONE),  # however close in meaning
        ("Pruning without gloves is fine for small roses.", False, FOR),  # named denied
        ("Pruning with no gloves is fine.", False, FOR),
        ("Pruning keeps roses healthy.", False, NONE),  # general praise says nothing of going without
        ("Pruning keeps roses healthy.", True, FOR),  # unless close in meaning (a study's own name for it)
    ],
)
def test_a_claim_about_going_without_something_takes_sides_only_from_sentences_about_that(sentence, close, expected):
    question = "Is it safe to prune roses without gloves?"
    reach = Reach.of(claim_of(question), coverage(question, GLOVES))
    assert [t.typed for t in reach.lacking] == ["gloves"] and reach.guarded
    assert reach.on_what_is_lacking(_judged(FOR), sentence, close).stance is expected


@pytest.mark.parametrize(
    "question, lacking",
    [
        ("Can I prune without a pair of gloves?", ["gloves"]),  # the head of what it goes without
        ("Is pruning safe without gloves in winter?", ["gloves"]),  # to the setting, not past it
        ("Is pruning safe without secateurs?", []),  # a word the corpus lacks: coverage declines or names it
        ("Is pruning safe?", []),
    ],
)
def test_what_a_claim_goes_without(question, lacking):
    assert [t.typed for t in Reach.of(claim_of(question), coverage(question, GLOVES)).lacking] == lacking
