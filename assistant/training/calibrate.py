"""How sure the judge must be before its side is stated: a confidence chosen for precision on pairs it never learned from.

The judge states a side (for or against) on a pair; a side it states wrongly can turn an answer's lead round, the
one failure a patient cannot recover from. So a side counts only at a confidence where, on held-out pairs, the sides
the judge states are right at least `PRECISION` of the time. The held-out pairs are the claims/ training groups that
the capped training left out (train.Recipe.per_set): never trained on, and not the dev halves figures are reported on.
Each set weighs the same, so the thousands of templated Evidence Inference pairs do not choose it alone.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.judge.model import Judge
from assistant.results import Stance
from assistant.training.data import Pair

PRECISION = 0.8  # a stated side right four times in five on held-out pairs
PER_SET = 400  # held-out pairs read per set (a minute on two cores for three sets)
MIN_STATED = 20  # a precision resting on fewer stated sides says nothing (the shipped judge reached 1.0 on one pair)
GRID = tuple(round(0.34 + 0.01 * i, 2) for i in range(66))  # 0.34 (a three-way guess) … 0.99


@dataclass(frozen=True)
class Selective:
    """At one confidence: how often the judge states a side (coverage) and how often that side is right (precision)."""

    confidence: float
    coverage: float
    precision: float | None

    def to_dict(self) -> dict:
        return {
            "confidence": self.confidence,
            "coverage": round(self.coverage, 4),
            "precision": None if self.precision is None else round(self.precision, 4),
        }


def held_out(pairs: Sequence[Pair], trained: Sequence[Pair], seed: int = 0, n: int = PER_SET) -> list[Pair]:
    """Up to `n` pairs of each claims/ set from the tune groups the training did not use."""
    used = {p.group for p in trained}
    rng, out = random.Random(seed), []
    for source in sorted({p.source for p in pairs if p.twinned}):
        mine = [p for p in pairs if p.twinned and p.source == source and p.part == "tune" and p.group not in used]
        out += rng.sample(mine, min(n, len(mine)))
    return out


def curve(judge: Judge, pairs: Sequence[Pair]) -> dict[str, list[Selective]]:
    """Per set: coverage and precision of the judge's stated sides at each confidence of `GRID`."""
    out: dict[str, list[Selective]] = {}
    for source in sorted({p.source for p in pairs}):
        mine = [p for p in pairs if p.source == source]
        read = judge.read([p.claim for p in mine], [p.evidence for p in mine])
        points = []
        for least in GRID:
            stated = [(r.stance, p.label) for r, p in zip(read, mine) if r.stance is not Stance.NONE and r.confidence >= least]
            right = sum(got == gold for got, gold in stated)
            points.append(Selective(least, len(stated) / len(mine), right / len(stated) if len(stated) >= MIN_STATED else None))
        out[source] = points
    return out


def least_confidence(curves: dict[str, list[Selective]]) -> float:
    """The lowest confidence at which the sets' mean precision reaches `PRECISION` (each set weighing the same), every
    set resting on at least `MIN_STATED` stated sides; the top of the grid when none does."""
    for i, least in enumerate(GRID):
        precisions = [c[i].precision for c in curves.values()]
        if all(p is not None for p in precisions) and sum(p or 0.0 for p in precisions) / len(precisions) >= PRECISION:
            return least
    return GRID[-1]
