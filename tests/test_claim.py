"""Which way round a question asks its claim, and a source's side flipping with it."""

from __future__ import annotations

import pytest

from assistant.judge.claim import for_judge, instead, on_claim, unfavourable, unnegated
from assistant.judge.reading import claim_of
from assistant.judge.stance import judge_sentence
from assistant.language.terms import question_terms
from assistant.results import Stance

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
        # "Stop" is refraining when someone stops doing something, not when a thing stops another (prevents it).
        ("Should I stop pruning?", True),
        ("Should my wife quit pruning?", True),
        ("Is it ok to stop?", True),
        ("Should you stop roses in winter?", True),
        ("Does pruning stop black spot?", False),
        ("Does pruning stop wilting in summer?", False),  # a gerund object, but pruning would do the stopping
        ("Why stop pruning?", True),
        ("Can mulch stop the spread of black spot?", False),
        ("Is it dangerous to prune in winter?", True),
        # "not" refrains, and refraining from stopping is going on: turned twice ("Yes" had read "should stop" as yes).
        ("Should I not stop when I get tired?", False),
        # How the asker is, in a clause saying when, does not turn the claim round ("fewer reps as I get weaker" was "No").
        ("Should I prune less as my back gets worse?", False),
        ("Can I keep pruning when my hands feel weaker?", False),
        ("Is pruning bad when I am tired?", True),  # the claim's own evaluative, before the clause
        ("Is it bad when pruned in frost?", True),  # no one in the clause: it is said of the subject
        ("Should I never stop pruning?", False),
        ("Should I not prune?", True),
    ],
)
def test_which_way_round(question, unfavourable_way):
    assert unfavourable(question) is unfavourable_way


@pytest.mark.parametrize(
    "sentence, stops_another",
    [
        ("Does pruning stop black spot?", True),
        ("Mulch cannot stop the spread of black spot in a wet summer.", True),
        ("If frost comes, stop pruning and cover the roses.", False),  # advice to refrain, at the start of a clause
        ("Gardeners should stop pruning when frost comes.", False),
        ("Why stop pruning?", False),
    ],
)
def test_a_thing_stopping_another_or_someone_refraining(sentence, stops_another):
    """A sentence names a strong claim's "stop" only where a thing stops another (scope.Reach.read_in)."""
    from assistant.judge.claim import prevents

    assert prevents(sentence) is stops_another


def _side(question: str, sentence: str) -> Stance:
    terms = question_terms(question)
    found = judge_sentence(sentence, terms, lambda w: any(w[:5] == t[:5] for t in terms if len(t) >= 5))
    return on_claim(found.stance, claim_of(question))


@pytest.mark.parametrize(
    "question, praise, warning",
    [
        ("Is pruning roses helpful?", Stance.FOR, Stance.AGAINST),
        ("Is pruning roses harmful?", Stance.AGAINST, Stance.FOR),
        ("Should I avoid pruning roses?", Stance.AGAINST, Stance.FOR),
        ("Should I never prune roses?", Stance.AGAINST, Stance.FOR),
        ("Should I not prune roses?", Stance.AGAINST, Stance.FOR),
        ("Should I not stop pruning roses?", Stance.FOR, Stance.AGAINST),
        ("Will pruning make my roses worse?", Stance.AGAINST, Stance.FOR),
        ("Is pruning roses recommended?", Stance.FOR, Stance.AGAINST),
        ("Is pruning roses a waste of time?", Stance.AGAINST, Stance.FOR),
        ("Is it true that pruning speeds up dieback?", Stance.AGAINST, Stance.FOR),  # every form of the verb
        ("Does pruning hasten dieback?", Stance.AGAINST, Stance.FOR),
        ("Is leaf drop after pruning a warning sign?", Stance.AGAINST, Stance.FOR),  # a sign of harm
        ("Is pruning roses pointless?", Stance.AGAINST, Stance.FOR),
        ("Is pruning roses not useless?", Stance.FOR, Stance.AGAINST),  # negated: favourable
        ("Can overdoing pruning make my roses weaker?", Stance.NONE, Stance.FOR),  # asked of an excess: praise is silent
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
        ("Should I not swim?", "Should I swim?"),  # refraining, as "Should I avoid swimming?"
        ("Should we never prune in winter?", "Should we prune in winter?"),
        ("Is pruning a waste of time with old roses?", "Is pruning worthwhile with old roses?"),
        ("Is it true that pruning speeds up dieback?", "Is it true that pruning slows down dieback?"),
        ("Has pruning accelerated the dieback?", "Has pruning slowed the dieback?"),
        ("Is it USELESS to prune?", "Is it USEFUL to prune?"),
        ("Are ineffective sprays harmful?", "Are ineffective sprays helpful?"),  # "ineffective sprays" names a thing
        ("Is it not harmful?", "Is it not harmful?"),  # a negated evaluative: already favourable
        # Turned twice: asked without either turn, as the judge reads a plain question best.
        ("Shouldn't I stop exercising?", "Should I continue exercising?"),
        ("Should I not stop when I get tired?", "Should I continue when I get tired?"),
        ("Is it bad to stop pruning?", "Is it good to continue pruning?"),
        ("Is it safe?", "Is it safe?"),
        # Only the sentence that asks is turned: the worry before it stays as written.
        ("I read it could make things worse. Is it dangerous?", "I read it could make things worse. Is it safe?"),
        ("Is a sauna BAD for me?", "Is a sauna GOOD for me?"),
        ("Can overdoing pruning make roses weaker?", "Can overdoing pruning make roses stronger?"),
        ("Will pruning weaken my roses?", "Will pruning strengthen my roses?"),
        ("Harmful, is it?", "Helpful, is it?"),
    ],
)
def test_favourable_turns_the_asking_sentence_round(question, turned):
    assert for_judge(question)[0] == turned
    assert not unfavourable(for_judge(question)[0])


@pytest.mark.parametrize(
    "question, asked, turned",
    [
        # A noun has no clean opposite ("the benefit of cardiovascular events" is nonsense): asked as typed, and the
        # judge's side stands. The rules still read such a question as asking about harm (`unfavourable`).
        (
            "Does hypoglycaemia increase the risk of cardiovascular events?",
            "Does hypoglycaemia increase the risk of cardiovascular events?",
            False,
        ),
        ("Is there a danger in lifting?", "Is there a danger in lifting?", False),
        (
            "Are there associations of disease activity and damage in SLE patients?",
            "Are there associations of disease activity and damage in SLE patients?",
            False,
        ),
        # An adjective naming a kind of thing is not said of the subject.
        ("Is unsafe sexual behaviour increasing?", "Is unsafe sexual behaviour increasing?", False),
        ("Does a weaker rootstock need staking?", "Does a weaker rootstock need staking?", False),
        # ... while a patient's verb or predicate is turned.
        ("Can lifting weights damage my muscles?", "Can lifting weights help my muscles?", True),
        ("Is exercise bad for me?", "Is exercise good for me?", True),
        ("Is it risky?", "Is it safe?", True),
        ("Is swimming safe?", "Is swimming safe?", False),
    ],
)
def test_what_the_judge_is_asked(question, asked, turned):
    assert for_judge(question) == (asked, turned)
    assert claim_of(question).turned is turned  # what the lead and the side headings read
    if not turned and question != "Is swimming safe?":
        assert unfavourable(question)  # the rules' direction is still "against"


@pytest.mark.parametrize(
    "question, plain",
    [
        # "Yes" to "Should I not stop?" can be read either way round: it is answered without its "not".
        ("Should I not stop when I get tired?", ("Should I stop when I get tired?", "not")),
        ("Shouldn't I prune in winter?", ("Should I prune in winter?", "not")),
        ("SHOULD NOT I PRUNE?", ("SHOULD I PRUNE?", "not")),
        ("Should we never prune roses?", ("Should we prune roses?", "never")),
        ("Roses are tender. Should I not avoid frost?", ("Roses are tender. Should I avoid frost?", "not")),
        # A negated evaluative reads one way only ("not harmful" is "safe"); no refraining, nothing left out.
        ("Is pruning not harmful?", None),
        ("Should I stop pruning?", None),
        ("Is pruning good?", None),
    ],
)
def test_a_refraining_not_is_left_out_and_named(question, plain):
    assert unnegated(question) == plain


@pytest.mark.parametrize(
    "question, kept",
    [
        # Doing one thing instead of another asks whether to give the other up: it is asked about what is given up.
        ("Should I rest instead of exercising?", ("Is exercising recommended for me?", "rest")),
        ("Should people with MND rest instead of exercising?", ("Is exercising recommended for people with MND?", "rest")),
        ("Should my wife prune rather than mowing the lawn?", ("Is mowing the lawn recommended for my wife?", "prune")),
        ("Is it better to water by hand instead of using a sprinkler?", ("Is using a sprinkler recommended?", "water by hand")),
        ("Would it be safer for us to walk rather than cycling?", ("Is cycling recommended for us?", "walk")),
        ("The soil is dry. Can I mulch instead of watering?", ("The soil is dry. Is watering recommended for me?", "mulch")),
        # Two treatments weighed against each other, a noun after the contrast, or another turn: asked as typed.
        ("Chemoradiation instead of surgery to treat rectal tumors: is it safe?", None),
        ("Should I take vitamins instead of medication?", None),
        ("Should I avoid resting instead of walking?", None),
        ("Is it the disease rather than the exercise that causes fatigue?", None),
        ("Should I rest?", None),
    ],
)
def test_one_thing_instead_of_another_is_asked_about_what_is_given_up(question, kept):
    assert instead(question) == kept
    if kept:  # as written, the judge is asked the same question and its side is turned back
        assert for_judge(question) == (kept[0], True) and unfavourable(question)
    else:
        assert for_judge(question)[0] == question
