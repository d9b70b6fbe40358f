"""How far a question's claim reaches, which decides what evidence can support it.

- A strong claim ("Can X cure Y?", "Does X cause Y?"): praise of X is no answer; a source takes a side only where
  it speaks of curing or causing, and of X, what the question says would do it.
- A claim about the whole ("Should I avoid X altogether?", "Is X always safe?"): any sentence against it refutes
  it, but only one that speaks of the whole supports it.

General English only, read in the sentence that asks (`claim.asking`).
"""

from __future__ import annotations

import re

from assistant.judge.claim import asking
from assistant.language.coverage import WHOLE
from assistant.language.lexicon import words_of

# Verbs of a strong claim ("Can X cure Y?", "Does X cause Y?", "Will X prevent Y?"): general English. Praise of X is
# no answer to such a claim, so a source takes a side on it only where it speaks of curing, causing or preventing.
_STRONG = re.compile(r"^(?:cur(?:e|es|ed|ing)|heal(?:s|ed|ing)?|revers(?:e|es|ed|ing)|prevent(?:s|ed|ing)?|caus(?:e|es|ed|ing))$", re.I)
_BE = frozenset("be is are was were been being".split())


# A claim about the whole of something ("Should I avoid exercise altogether?", "Is stretching always safe?"): any
# sentence against it refutes it, but only one that speaks of the whole supports it. General English.
_WHOLE_CLAIM = re.compile(r"\b(?:" + "|".join(sorted(WHOLE)) + r")\b", re.I)
_WHOLE_TEXT = re.compile(r"\b(?:altogether|completely|entirely|totally|wholly|always|never|all|any|every|absolutely)\b", re.I)


def whole_claim(question: str) -> bool:
    """The sentence that asks claims something of the whole ("altogether", "completely", "always")."""
    return bool(_WHOLE_CLAIM.search(question[asking(question) :]))


def speaks_of_whole(text: str) -> bool:
    """The sentence says "all", "any", "never", "completely"…: it can support a claim about the whole."""
    return bool(_WHOLE_TEXT.search(text))


def claim_agent(question: str) -> tuple[str, ...]:
    """What a strong claim says would do it ("stretching" in "Can stretching cure muscle cramps?"): the words before
    its verb, lower-cased; () in the passive ("can it be prevented?"), for a participle, or for any other question."""
    words = words_of(question[asking(question) :])  # as the key terms are read: "N-acetylcysteine" is one word
    at = next((i for i, w in enumerate(words) if _STRONG.match(w)), None)
    # A participle modifies a noun ("mutations causing low HDL-C promote…"): the claim's own verb is another one.
    if not at or words[at - 1] in _BE or words[at].endswith(("ing", "ed")):
        return ()
    return tuple(words[:at])


def strong_claim(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words that make the question a strong claim ("cure" in "Can exercise cure ALS?") and the words naming what
    it claims to cure or cause: those after the first of them, or before it in the passive ("Facial palsy after
    surgery: can it be prevented?"); lower-cased, from the sentence that asks; ((), ()) for any other question."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", question[asking(question) :])]
    at = next((i for i, w in enumerate(words) if _STRONG.match(w)), None)
    if at is None:
        return (), ()
    verbs = tuple(w for w in words if _STRONG.match(w))
    if at and words[at - 1] in _BE:
        return verbs, tuple(words[: at - 1])
    return verbs, tuple(words[at + 1 :])
