"""The question read once into a Claim (judge/asked.py): one row per thing a later stage needs of its wording."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.judge.asked import Claim
from assistant.judge.reading import claim_of

# Questions on a topic absent from the corpus, so that nothing here leans on the sources' words.
CASES = [
    ("Is pruning helpful?", {"yes_or_no": True, "turned": False, "unfavourable": False, "asked": "Is pruning helpful?"}),
    ("Is pruning harmful?", {"turned": True, "unfavourable": True, "asked": "Is pruning helpful?"}),
    ("How often should I prune?", {"yes_or_no": False, "turned": False, "asked": "How often should I prune?"}),
    ("Does mulch reduce weeds?", {"effect": "effect"}),
    ("Are wooden and plastic trowels similar?", {"effect": "sameness"}),
    ("Does pruning cause more dieback?", {"brought_about": ("dieback",), "strong": ("cause",)}),
    ("Does pruning not cause dieback?", {"brought_about": ()}),
    ("Can too much pruning weaken roses?", {"too_much": True}),
    ("Should I stop pruning altogether?", {"whole": True, "unfavourable": True}),
    ("Can pruning cure black spot?", {"strong": ("cure",), "claimed": ("black", "spot"), "agent": ("can", "pruning")}),
    ("Will heavy pruning damage my hedge?", {"harmed": ("hedge",)}),
    ("Is pruning better than mulching?", {"compared": ("mulching",)}),
    ("Is it safe to prune without gloves?", {"lacking": ("gloves",)}),
    ("Should I do fewer cuts as my hands get weaker?", {"unfavourable": False, "turned": False}),
]


@pytest.mark.parametrize("question, expected", CASES, ids=[q for q, _ in CASES])
def test_the_claim_is_read_from_the_question(question, expected):
    claim = claim_of(question)
    got = {name: getattr(claim, name) for name in expected}
    assert got == expected, claim


def test_a_question_for_facts_claims_nothing():
    claim = claim_of("How often should I prune roses without gloves?")
    defaults = Claim("", False, "", False, False)
    assert all(getattr(claim, f.name) == getattr(defaults, f.name) for f in dataclasses.fields(Claim) if f.name not in ("text", "asked"))
    assert claim.asked == claim.text


def test_the_record_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim_of("Is pruning safe?").turned = True  # type: ignore[misc]
