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
# Not the nouns research questions use neutrally: "the risk of", "risk factor", "severity of injury", "danger".
_UNFAVOURABLE = re.compile(
    r"\b(?:harm(?:s|ful|ed)?|hurts?|damag(?:e|es|ing)|dangerous|unsafe|risky|bad|worse|worsens?|worsening|"
    r"detrimental|deleterious|counterproductive|contraindicated|injur(?:e|es|ious)|hasten|accelerate|speed up|"
    r"avoid(?:ed|ing)?|stop(?:ped|ping)?|quit|give up|refrain|skip|cut out|steer clear|shouldn'?t|should not|"
    r"not (?:recommended|advised|advisable|allowed|safe))\b",
    re.I,
)
# "damage" is a verb in "Can weights damage my muscles?" but a neutral noun in "disease activity and damage".
_MODAL = re.compile(r"\b(?:can|could|will|would|may|might|does|do|did)\b[^?]*$", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|isn'?t|aren'?t|won'?t|doesn'?t|don'?t|can'?t|without)\s+(?:\w+\s+)?$", re.I)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")
_FLIP = {Stance.FOR: Stance.AGAINST, Stance.AGAINST: Stance.FOR, Stance.MIXED: Stance.MIXED, Stance.NONE: Stance.NONE}


@lru_cache(maxsize=256)  # asked once per judged sentence of an answer, always of the same question
def unfavourable(question: str) -> bool:
    """True when the question asks its claim the unfavourable way round ("Is X harmful?", "Should I avoid X?").

    Read in the sentence that asks (the last with a question mark): "I read it could make things worse. Is it
    safe?" asks whether it is safe."""
    start, end = _asking(question)
    return len(_turning(question[start:end])) % 2 == 1  # "is it bad to stop?" is turned twice


def _asking(question: str) -> tuple[int, int]:
    """Where the question proper is: the last sentence with a question mark, and in a title-like question only
    what follows its colon ("Risky behaviour among students: is the family protective?")."""
    end, last = len(question), question.rfind("?")
    start = max((m.end() for m in _SENTENCES.finditer(question) if m.end() <= last), default=0) if last != -1 else 0
    colon = question.rfind(": ", start, end)
    if colon != -1 and "?" in question[colon:end]:
        start = colon + 2
    return start, end


def _turning(sentence: str) -> list[re.Match[str]]:
    """The evaluatives that turn the sentence round (a negated one, "is it not harmful", does not; "shouldn't"
    and "not recommended" carry their own negation and do)."""
    found = []
    for m in _UNFAVOURABLE.finditer(sentence):
        before = sentence[: m.start()]
        if m.group(0).lower().startswith("damag") and m.group(0).lower() != "damaging" and not _MODAL.search(before):
            continue
        if m.group(0).lower().startswith(("shouldn", "should not", "not ")) or not _NEGATION.search(before):
            found.append(m)
    return found


# The favourable counterpart of each evaluative, in general English: the judge is asked "Is X helpful?" for
# "Is X harmful?" and its side is turned round here, where the rule is exact, rather than left to the model.
_OPPOSITE = {
    "harm": "help", "harms": "helps", "harmful": "helpful", "harmed": "helped", "hurt": "help", "hurts": "helps",
    "damage": "help", "damages": "helps", "damaging": "helping", "dangerous": "safe",
    "unsafe": "safe", "risky": "safe", "bad": "good", "worse": "better",
    "worsen": "improve", "worsens": "improves", "worsening": "improving", "detrimental": "beneficial",
    "deleterious": "beneficial", "counterproductive": "beneficial", "contraindicated": "recommended",
    "injure": "help", "injures": "helps", "injurious": "beneficial", "hasten": "slow",
    "accelerate": "slow", "speed up": "slow down", "avoid": "try", "avoided": "tried", "avoiding": "trying",
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

    start, end = _asking(question)  # "I read it could make things worse. Is it unsafe?": only the question turns
    sentence = question[start:end]
    for m in reversed(_turning(sentence)):
        sentence = sentence[: m.start()] + swap(m) + sentence[m.end():]
    return question[:start] + sentence + question[end:]


def on_claim(stance: Stance, question: str) -> Stance:
    """A source's side on the question's claim, from its side on what the question is about."""
    return _FLIP[stance] if unfavourable(question) else stance
