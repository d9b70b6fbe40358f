"""The trained judge on sentences nobody trained it on: sides follow the claim's direction, off-subject
evidence takes none, and `assistant judge --json -` reads lines apart from retrieval."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.judge.model import Judge
from assistant.results import Stance

FOR, AGAINST, NONE = Stance.FOR, Stance.AGAINST, Stance.NONE

# Written for this test: subjects absent from the corpus and from the judge's written training pairs.
PRAISE = "Using a standing desk for part of the day eased back pain in office workers, and nobody was harmed."
WARNING = "Standing at a desk all day caused more leg pain and swelling than sitting, so it is discouraged."
ROLLER_PRAISE = "Foam rolling after a long walk loosened stiff muscles and is recommended by our physiotherapists."
ROLLER_WARNING = "Foam rolling over a recent bruise can make the injury worse and should be avoided."
FACTS = "Foam rollers are sold in several lengths, colours and densities."


@pytest.fixture(scope="module")
def judge():
    return Judge()


# Each question asks its claim the favourable or the unfavourable way round; the side on it flips with it.
# MISS marks what this judge gets wrong (strict: a fix shows up as a pass to un-mark). Measured 2026-11-30:
# 11 of 18 right; it reads "discouraged" as for, and praise as for on two unfavourable questions.
MISS = pytest.mark.xfail(strict=True, reason="known miss of the trained judge (README, How sides are judged)")
TABLE = [
    ("Is a standing desk helpful?", PRAISE, FOR),
    pytest.param("Is a standing desk helpful?", WARNING, AGAINST, marks=MISS),
    ("Is using a standing desk a good idea?", PRAISE, FOR),
    pytest.param("Is using a standing desk a good idea?", WARNING, AGAINST, marks=MISS),
    ("Should I use a standing desk?", PRAISE, FOR),
    pytest.param("Should I use a standing desk?", WARNING, AGAINST, marks=MISS),
    pytest.param("Is a standing desk harmful?", PRAISE, AGAINST, marks=MISS),
    ("Is a standing desk harmful?", WARNING, FOR),
    ("Should I avoid a standing desk?", PRAISE, AGAINST),
    ("Should I avoid a standing desk?", WARNING, FOR),
    pytest.param("Will a standing desk make my back worse?", PRAISE, AGAINST, marks=MISS),
    ("Will a standing desk make my back worse?", WARNING, FOR),
    ("Is foam rolling helpful?", ROLLER_PRAISE, FOR),
    pytest.param("Is foam rolling harmful?", ROLLER_PRAISE, AGAINST, marks=MISS),
    ("Should I avoid foam rolling?", ROLLER_WARNING, FOR),
    pytest.param("Is foam rolling safe?", ROLLER_WARNING, AGAINST, marks=MISS),
    ("Is foam rolling helpful?", FACTS, NONE),  # on the subject, but no position
    ("Is a standing desk helpful?", ROLLER_PRAISE, NONE),  # praise of something else
]


@pytest.mark.parametrize("question, sentence, side", TABLE)
def test_side_on_the_claim(judge, question, sentence, side):
    assert judge.read([question], [sentence])[0].stance == side


FAVOURABLE = ["Is a standing desk helpful?", "Is using a standing desk a good idea?", "Should I use a standing desk?"]
UNFAVOURABLE = ["Is a standing desk harmful?", "Should I avoid a standing desk?", "Will a standing desk make my back worse?"]


# Written later, after the last change to the training data and before any judge was run on it, for the way the
# pipeline asks (claim.favourable, then the side turned back). Measured 2026-11-30: 11 of 16 right. The judge
# reads "sent blood pressure up sharply … fainted" as praise, and a plain fact about the subject as for. Most of
# its readings here are 0.5–0.7 sure, so in an answer the general-English rules decide them (stance.read_claim).
ICE_PRAISE = "Athletes who took a short ice bath after training reported less soreness the next day."
ICE_WARNING = "Sitting in icy water sent blood pressure up sharply in older volunteers, and two of them fainted."
BLANKET_PRAISE = "A weighted blanket helped children with anxiety fall asleep faster in a small trial."
BLANKET_WARNING = "Weighted blankets can restrict breathing and must never be put on a baby's bed."
BLANKET_FACT = "Weighted blankets usually weigh about a tenth of the sleeper's body weight."
FRESH = [
    ("Are ice baths helpful?", ICE_PRAISE, FOR),
    pytest.param("Are ice baths helpful?", ICE_WARNING, AGAINST, marks=MISS),
    ("Are ice baths harmful?", ICE_PRAISE, AGAINST),
    pytest.param("Are ice baths harmful?", ICE_WARNING, FOR, marks=MISS),
    pytest.param("Should I avoid ice baths?", ICE_PRAISE, AGAINST, marks=MISS),  # read at 0.51: a coin toss
    pytest.param("Should I avoid ice baths?", ICE_WARNING, FOR, marks=MISS),
    ("Will ice baths make my soreness worse?", ICE_PRAISE, AGAINST),
    ("Is a weighted blanket a good idea?", BLANKET_PRAISE, FOR),
    ("Is a weighted blanket a good idea?", BLANKET_WARNING, AGAINST),
    ("Is a weighted blanket dangerous?", BLANKET_PRAISE, AGAINST),
    ("Is a weighted blanket dangerous?", BLANKET_WARNING, FOR),
    ("Should I stop using a weighted blanket?", BLANKET_PRAISE, AGAINST),
    ("Is a weighted blanket safe?", BLANKET_WARNING, AGAINST),
    pytest.param("Is a weighted blanket helpful?", BLANKET_FACT, NONE, marks=MISS),
    ("Are ice baths helpful?", BLANKET_PRAISE, NONE),  # praise of something else
    ("Is a weighted blanket helpful?", ICE_PRAISE, NONE),
]


@pytest.mark.parametrize("question, sentence, side", FRESH)
def test_side_on_the_claim_as_the_pipeline_asks(judge, question, sentence, side):
    from assistant.judge.claim import for_judge, on_claim
    from assistant.judge.reading import claim_of

    assert on_claim(judge.read([for_judge(question)[0]], [sentence])[0].stance, claim_of(question)) == side


def test_one_batch_equals_one_by_one(judge):
    claims, evidence = FAVOURABLE + UNFAVOURABLE, [PRAISE] * 3 + [WARNING] * 3
    together = judge.read(claims, evidence)
    alone = [judge.read([c], [e])[0] for c, e in zip(claims, evidence)]
    assert [r.stance for r in together] == [r.stance for r in alone]
    assert all(abs(a.confidence - b.confidence) < 1e-3 for a, b in zip(together, alone))


@pytest.mark.slow  # `assistant judge` in a subprocess: loads the real judge
def test_cli_reads_json_lines_and_names_bad_ones():
    lines = [
        json.dumps({"claim": "Is a standing desk helpful?", "evidence": PRAISE}),
        "not json",
        json.dumps({"claim": 3, "evidence": "x"}),
        json.dumps({"claim": "Is a standing desk harmful?", "evidence": PRAISE}),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "judge", "--json", "-"], input="\n".join(lines), capture_output=True, text=True, timeout=300
    )
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 1  # some lines were bad: said, and the good ones still answered
    assert out[0]["stance"] in ("for", "against", "none") and 0.33 < out[0]["confidence"] <= 1
    assert "line 2" in out[1]["error"] and "line 3" in out[2]["error"]
    assert set(out[3]) == {"stance", "confidence"}
    assert out[0] == Judge().read([FAVOURABLE[0]], [PRAISE])[0].to_dict()  # the same reading as the library's


def test_untrained_judge_is_a_clear_message(tmp_path):
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="not trained"):
        Judge(tmp_path).read(["a"], ["b"])
    (tmp_path / "judge.json").write_text("{truncated", encoding="utf-8")  # a copy cut short
    with pytest.raises(ConfigError, match="judge.json is not JSON.*assistant train-judge"):
        Judge(tmp_path).read(["a"], ["b"])


# Two documents on a subject absent from the corpus, worded unlike it: one for standing desks, one against.
DESK_FOR = """Standing desks at work

Office workers who used a standing desk for two hours a day had less back pain after three months.
We recommend alternating between sitting and standing through the working day.
"""
DESK_AGAINST = """Why we do not advise standing desks

Standing still for long periods strains the veins of the legs and tires the feet.
Standing desks are not advised for people who already have swollen ankles or varicose veins.
"""
SOURCES = """desk-for.txt:
  title: Standing desks at work
  date: "2024-03-01"
  kind: occupational health leaflet
desk-against.txt:
  title: Why we do not advise standing desks
  date: "2023-05-01"
  kind: patient website
"""


# A second pair, written after the desks passed and before anything was run on it, worded with no advice verb
# that the rules know ("best left out", "a real danger"), and a finding stated as a count.
SHOWER_FOR = """Ending the day with cold water

In a trial of three thousand adults, those who finished each shower with thirty seconds of cold water took fewer sick days.
A brief cold rinse after a warm shower is a sensible habit for healthy adults.
"""
SHOWER_AGAINST = """Cold water and the heart

A sudden splash of cold water makes the heart race and narrows the blood vessels.
For anyone with a heart condition, cold showers carry a real danger and are best left out of the morning routine.
"""
SHOWER_SOURCES = """shower-for.txt:
  title: Ending the day with cold water
  date: "2022-09-01"
  kind: wellness magazine
shower-against.txt:
  title: Cold water and the heart
  date: "2021-01-15"
  kind: cardiology clinic handout
"""

# A third pair, written before any judge or rule was run on it, on a subject in no corpus,
# test or training pair, with no cue word the rules know on the warning's side.
CHAIR_FOR = """Kneeling chairs in the classroom

Pupils who sat on kneeling chairs for a term reported less back ache than those on ordinary chairs.
Teachers found the chairs worth the cost and would buy them again.
"""
CHAIR_AGAINST = """Kneeling chairs and your knees

A kneeling chair puts much of the weight of the upper body on the shins and knees.
For anyone with sore knees, a kneeling chair is a poor choice that tends to make the ache worse.
"""
CHAIR_SOURCES = """chair-for.txt:
  title: Kneeling chairs in the classroom
  date: "2020-02-01"
  kind: school newsletter
chair-against.txt:
  title: Kneeling chairs and your knees
  date: "2019-06-01"
  kind: physiotherapy leaflet
"""


def _assistant(encoder, tmp_path_factory, files: dict[str, str]):
    from assistant.api import Assistant

    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return Assistant.load(corpus, tmp_path_factory.mktemp("index"), encoder=encoder)


@pytest.fixture(scope="module")
def desk_assistant(real_encoder, tmp_path_factory):
    return _assistant(real_encoder, tmp_path_factory, {"desk-for.txt": DESK_FOR, "desk-against.txt": DESK_AGAINST, "sources.yaml": SOURCES})


@pytest.fixture(scope="module")
def chair_assistant(real_encoder, tmp_path_factory):
    files = {"chair-for.txt": CHAIR_FOR, "chair-against.txt": CHAIR_AGAINST, "sources.yaml": CHAIR_SOURCES}
    return _assistant(real_encoder, tmp_path_factory, files)


@pytest.fixture(scope="module")
def shower_assistant(real_encoder, tmp_path_factory):
    files = {"shower-for.txt": SHOWER_FOR, "shower-against.txt": SHOWER_AGAINST, "sources.yaml": SHOWER_SOURCES}
    return _assistant(real_encoder, tmp_path_factory, files)


@pytest.mark.slow
@pytest.mark.parametrize(
    "pair, question, for_side, against_side",
    [
        # The judge alone reads "Standing desks are not advised for people who…" as for (0.71, 0.78): the explicit
        # advice the rules find there takes precedence (stance.read_claim). The third asks about the advice itself.
        ("desk", "Should I use a standing desk?", "for", "against"),
        ("desk", "Is a standing desk harmful?", "against", "for"),
        ("desk", "Are standing desks advised?", "for", "against"),
        # Measured 2026-12-01 with the judge of 2026-11-30: it reads all four sentences at 0.50-0.57 (a coin toss),
        # and the rules know none of "a real danger", "best left out", "a sensible habit", "fewer sick days".
        pytest.param("shower", "Are cold showers good for me?", "for", "against", marks=MISS),
        pytest.param("shower", "Can cold showers be dangerous?", "against", "for", marks=MISS),
        # Measured 2026-12-01 (the judge of 2026-11-30): on the first, no side from either (the judge reads all four
        # at 0.51-0.60, the rules find no cue); on the second, the leaflet's plain fact "puts much of the weight … on
        # the shins and knees" is read as helping the knees at 0.73, so the leaflet says "no, it will not hurt".
        pytest.param("chair", "Is a kneeling chair a good idea?", "for", "against", marks=MISS),
        pytest.param("chair", "Will a kneeling chair hurt my knees?", "against", "for", marks=MISS),
    ],
)
def test_unseen_documents_take_sides_and_disagree(request, pair, question, for_side, against_side):
    answer = request.getfixturevalue(f"{pair}_assistant").ask(question)
    sides = {s.source: s.stance for s in answer.stances}
    assert sides == {f"{pair}-for.txt": for_side, f"{pair}-against.txt": against_side}, answer.lead
    assert answer.disagreement and answer.lead.startswith("Sources disagree")


@pytest.mark.slow
def test_unseen_documents_no_verdict_on_what_they_never_name(desk_assistant):
    answer = desk_assistant.ask("Is acupuncture harmful for back pain?")
    assert not answer.answered and not answer.stances
