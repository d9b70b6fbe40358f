"""Written pairs in the voice of patient advice, on everyday subjects none of the sources is about.

The public sets are research claims against research abstracts. A patient asks differently: "Should I
avoid X?", "Will X make it worse?", "Is X safe?", and the answer is advice ("Avoid X…", "X is safe for
most people"). These pairs teach the judge two things the public sets barely show: that the *question's*
direction decides the side (the same advice is "for" on "Is X safe?" and "against" on "Is X harmful?"),
and that advice about another subject takes no side. Every template is general English; the subjects
are everyday habits and remedies, not the sources' topics, so no figure on the sources is learned here.
"""

from __future__ import annotations

import random

from assistant.results import Stance
from assistant.training.data import Pair

SUBJECTS = (
    "green tea",
    "fasting",
    "vitamin C",
    "a sauna",
    "garlic",
    "meditation",
    "caffeine",
    "probiotics",
    "fish oil",
    "a low-salt diet",
    "napping",
    "dark chocolate",
    "red wine",
    "energy drinks",
    "gardening",
    "knitting",
    "singing",
    "dancing",
    "cold showers",
    "hot baths",
    "chewing gum",
    "sleeping pills",
    "herbal remedies",
    "a gluten-free diet",
)
# Evidence by its side on its subject: +1 speaks well of it, -1 warns against it, 0 takes no position.
EVIDENCE = {
    1: (
        "{X} is safe for most people and can help you feel better.",
        "We recommend {x} a few times a week.",
        "In the trial, {x} improved sleep and quality of life.",
        "{X} caused no harm and was well tolerated.",
        "There is no evidence that {x} is harmful.",
        "People who took up {x} reported less pain and more energy.",
        "Try {x} regularly; most people find it helps.",
        "{X} is a good idea if you enjoy it.",
        "Doctors encourage {x} because it protects your health.",
        "{X} did not worsen symptoms in any participant.",
        "{X} in moderation, with your doctor's agreement, is fine.",
        "Keep up {x} as long as you enjoy it.",
    ),
    -1: (
        "{X} should be avoided because it can worsen symptoms.",
        "We do not recommend {x}.",
        "In the study, {x} increased fatigue and led to more falls.",
        "{X} offered no benefit and caused side effects.",
        "{X} is not safe for people in your situation.",
        "Stay away from {x}: it does more harm than good.",
        "{X} made symptoms worse in most participants.",
        "It is best to avoid {x} altogether.",
        "Doctors advise against {x}.",
        "{X} can damage your health over time.",
        "Give up {x}: the risks outweigh any benefit.",
        "{X} is no longer advised once symptoms progress.",
    ),
    0: (
        "{X} was first described many years ago.",
        "This section explains what {x} involves.",
        "We asked whether {x} changes outcomes.",
        "The effect of {x} is not yet known.",
        "Participants were asked how often they chose {x}.",
        "{X} costs little and is easy to find.",
        "Whether {x} helps or harms remains unclear.",
        "Our aim was to compare {x} with usual care.",
    ),
}
# Questions and claims by their direction: +1 asks whether the subject is good, -1 whether it is bad.
ASKED = {
    1: (
        "Is {x} safe?",
        "Is {x} good for me?",
        "Should I try {x}?",
        "Does {x} help?",
        "Is {x} recommended?",
        "Can {x} improve my symptoms?",
        "Is it ok to keep up {x}?",
        "{X} is beneficial.",
        "Is {x} worth doing?",
        "Would {x} be a good idea for someone like me?",
        "Is it safe for him to keep up {x}?",
        "Do the experts advise {x}?",
    ),
    -1: (
        "Is {x} harmful?",
        "Should I avoid {x}?",
        "Will {x} make it worse?",
        "Is {x} dangerous?",
        "Should I stop {x}?",
        "Can {x} hurt me?",
        "Is {x} bad for me?",
        "{X} is harmful.",
        "Should people in my position give up {x}?",
        "Is {x} risky for someone like me?",
        "Could {x} speed up my decline?",
        "Do the experts warn against {x}?",
    ),
}


# How people open a question before they ask it: the judge must find the claim after them.
OPENINGS = (
    "",
    "",
    "",
    "I was diagnosed last year. ",
    "My husband has a long-term illness, ",
    "Quick question: ",
    "My mother is getting weaker and ",
    "Now that I have this condition, ",
    "so ",
    "Honestly, ",
    "I read mixed things online. ",
    "Since my diagnosis I've wondered: ",
)


def _fill(template: str, subject: str) -> str:
    return template.replace("{X}", subject[:1].upper() + subject[1:]).replace("{x}", subject)


def advice_pairs(n: int = 1200, seed: int = 0) -> list[Pair]:
    """n pairs for the tune half: a subject's advice against a question on it (the side follows both
    directions) and, one time in five, against a question on another subject (none)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        subject = rng.choice(SUBJECTS)
        side = rng.choice((1, 1, -1, -1, 0))
        direction = rng.choice((1, -1))
        evidence = _fill(rng.choice(EVIDENCE[side]), subject)
        asked_about = subject if rng.random() >= 0.2 else rng.choice([s for s in SUBJECTS if s != subject])
        asked = _fill(rng.choice(ASKED[direction]), asked_about)
        if asked.endswith("?"):
            opening = rng.choice(OPENINGS)
            asked = opening + (asked[:1].lower() + asked[1:] if opening and not opening.endswith(". ") else asked)
        if asked_about != subject or side == 0:
            label = Stance.NONE
        else:
            label = Stance.FOR if side * direction > 0 else Stance.AGAINST
        out.append(Pair(asked, evidence, label, "advice", "tune", f"advice-{i}"))
    return out
