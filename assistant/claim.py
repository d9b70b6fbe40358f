"""Which way round a yes/no question asks its claim.

Sources are judged on what the question is about ("stretching"): for it (they recommend it, find
it helps) or against it. "Is stretching helpful?" asks that claim the favourable way round, so a
source for stretching says yes. "Is stretching harmful?", "Will exercise make my ALS worse?" and
"Should I avoid weights?" ask it the unfavourable way round: the same source says no. The words
that turn a question round are general English evaluatives, never a corpus's own phrases; a
negation before one ("is it not harmful") turns it back.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .records import Stance

# Evaluatives of harm or of refraining, as a question puts them ("harmful", "make it worse", "should I avoid").
_UNFAVOURABLE = re.compile(
    r"\b(?:harm(?:s|ful|ed)?|hurts?|damag(?:e|es|ing)|dangerous|danger|unsafe|risky|risks?|bad|worse|worsens?|worsening|"
    r"detrimental|deleterious|counterproductive|contraindicated|injur(?:e|es|ious|y)|hasten|accelerate|speed up|"
    r"avoid(?:ed|ing)?|stop(?:ped|ping)?|quit|give up|refrain|skip|cut out|steer clear|shouldn'?t|should not|"
    r"not (?:recommended|advised|advisable|allowed|safe))\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|no|isn'?t|aren'?t|won'?t|doesn'?t|don'?t|can'?t|without)\s+(?:\w+\s+)?$", re.I)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")
_FLIP = {Stance.FOR: Stance.AGAINST, Stance.AGAINST: Stance.FOR, Stance.MIXED: Stance.MIXED, Stance.NONE: Stance.NONE}


@lru_cache(maxsize=256)  # asked once per judged sentence of an answer, always of the same question
def unfavourable(question: str) -> bool:
    """True when the question asks its claim the unfavourable way round ("Is X harmful?", "Should I avoid X?").

    Read in the sentence that asks (the last with a question mark): "I read it could make things worse. Is it
    safe?" asks whether it is safe."""
    asking = [s for s in _SENTENCES.split(question) if "?" in s]
    question = asking[-1] if asking else question
    count = 0
    for m in _UNFAVOURABLE.finditer(question):
        if m.group(0).lower().startswith(("shouldn", "should not", "not ")):
            count += 1
            continue
        count += 0 if _NEGATION.search(question[: m.start()]) else 1
    return count % 2 == 1  # "is it bad to stop exercising?" asks the favourable way round twice turned


# The favourable counterpart of each evaluative, in general English: the judge is asked "Is X helpful?" for
# "Is X harmful?" and its side is turned round here, where the rule is exact, rather than left to the model.
_OPPOSITE = {
    "harm": "help", "harms": "helps", "harmful": "helpful", "harmed": "helped", "hurt": "help", "hurts": "helps",
    "damage": "help", "damages": "helps", "damaging": "helping", "dangerous": "safe", "danger": "benefit",
    "unsafe": "safe", "risky": "safe", "risk": "benefit", "risks": "benefits", "bad": "good", "worse": "better",
    "worsen": "improve", "worsens": "improves", "worsening": "improving", "detrimental": "beneficial",
    "deleterious": "beneficial", "counterproductive": "beneficial", "contraindicated": "recommended",
    "injure": "help", "injures": "helps", "injurious": "beneficial", "injury": "benefit", "hasten": "slow",
    "accelerate": "slow", "speed up": "slow down", "avoid": "do", "avoided": "done", "avoiding": "doing",
    "stop": "continue", "stopped": "continued", "stopping": "continuing", "quit": "continue", "give up": "keep up",
    "refrain": "go ahead", "skip": "do", "cut out": "keep", "steer clear": "go ahead", "shouldn't": "should",
    "shouldnt": "should", "should not": "should",
}


def favourable(question: str) -> str:
    """The question asked the favourable way round: each evaluative that turns it ("harmful", "avoid", "should
    not", "not recommended") replaced by its opposite ("helpful", "do", "should", "recommended"). A question
    already favourable is returned as it is."""
    if not unfavourable(question):
        return question

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        lowered = " ".join(word.lower().split())
        if lowered.startswith("not "):
            return word[4:].lstrip()
        opposite = _OPPOSITE.get(lowered, word)
        if word.isupper() and len(word) > 1:  # "Is a sauna BAD for me?"
            return opposite.upper()
        return opposite[:1].upper() + opposite[1:] if word[:1].isupper() else opposite

    parts = _SENTENCES.split(question)
    asking = max((i for i, part in enumerate(parts) if "?" in part), default=len(parts) - 1)
    parts[asking] = _UNFAVOURABLE.sub(swap, parts[asking])  # "I read it could make things worse. Is it unsafe?"
    return " ".join(parts)


def on_claim(stance: Stance, question: str) -> Stance:
    """A source's side on the question's claim, from its side on what the question is about."""
    return _FLIP[stance] if unfavourable(question) else stance
