"""The favourable counterpart of each evaluative a question may turn round with, in general English.

The judge is asked "Is X helpful?" for "Is X harmful?" and its side is turned round (judge/claim.py), where the
rule is exact, rather than left to the model. Never a phrase of one corpus.
"""

from __future__ import annotations

OPPOSITE = {
    "harm": "help",
    "harms": "helps",
    "harmful": "helpful",
    "harmed": "helped",
    "hurt": "help",
    "hurts": "helps",
    "damage": "help",
    "damages": "helps",
    "damaging": "helping",
    "dangerous": "safe",
    "unsafe": "safe",
    "risky": "safe",
    "bad": "good",
    "worse": "better",
    "weaker": "stronger",
    "weaken": "strengthen",
    "weakens": "strengthens",
    "worsen": "improve",
    "worsens": "improves",
    "worsening": "improving",
    "detrimental": "beneficial",
    "deleterious": "beneficial",
    "counterproductive": "beneficial",
    "contraindicated": "recommended",
    "injure": "help",
    "injures": "helps",
    "injurious": "beneficial",
    "useless": "useful",
    "pointless": "worthwhile",
    "futile": "worthwhile",
    "worthless": "worthwhile",
    "ineffective": "effective",
    "unhelpful": "helpful",
    "a waste of time": "worthwhile",
    "a waste of effort": "worthwhile",
    "a waste of energy": "worthwhile",
    "hasten": "slow",
    "hastens": "slows",
    "hastened": "slowed",
    "hastening": "slowing",
    "accelerate": "slow",
    "accelerates": "slows",
    "accelerated": "slowed",
    "accelerating": "slowing",
    "speed up": "slow down",
    "speeds up": "slows down",
    "speeding up": "slowing down",
    "sped up": "slowed down",
    "avoid": "try",
    "avoided": "tried",
    "avoiding": "trying",
    "stop": "continue",
    "stopped": "continued",
    "stopping": "continuing",
    "quit": "continue",
    "give up": "keep up",
    "refrain": "go ahead",
    "skip": "do",
    "cut out": "keep",
    "steer clear": "go ahead",
    "shouldn't": "should",
    "shouldnt": "should",
    "should not": "should",
}


# Adjectives that name a kind of thing before a noun ("unsafe sexual behaviour") as well as judge one ("unsafe for me").
ADJECTIVES = frozenset(
    """harmful dangerous unsafe risky bad worse weaker detrimental deleterious counterproductive injurious contraindicated""".split()
)
