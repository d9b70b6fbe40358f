"""A null finding read against the claim it answers: "no difference", "did not reduce", "failed to show".

Research questions often claim an effect ("Does X reduce Y?", "Is there a first-night effect?", "Does
diabetes influence the accuracy of PET?"). A study that found none says so in a few fixed forms of
scientific English, and that is its answer: no. The praise-and-warning rules (`stance.judge_sentence`)
see no side in such a sentence, and the judge was unsure of many ("no overall first night effect …" at
0.62). A question that claims sameness ("Are A and B similar?") is answered yes by the same sentence.

Only for sentences the judge leaves to the rules, with one clause and no effect found besides: "did not
reduce pain, but improved sleep" and "improved sleep with no change in pain" are left as they were.

The other way round, a claim that X causes Y ("Does weight lifting cause more weakness?") is supported by a
sentence saying X may result in, lead to or cause Y ("…could result in increased muscle weakness"): the praise-and-
warning rules see no cue in it, and the judge read it as against (0.63).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.judge.asked import Claim
from assistant.results import Stance

_EFFECT_WORDS = (
    r"differ\w*|effects?|affect\w*|influenc\w*|impact\w*|chang\w*|alter\w*|modif\w*|associat\w*|relat\w*|"
    r"correlat\w*|link\w*|predict\w*|increas\w*|decreas\w*|reduc\w*|improv\w*|lower\w*|rais\w*|promot\w*|"
    r"enhanc\w*|contribut\w*|benefi\w*|trend\w*|advantage\w*"
)
_EFFECT = re.compile(rf"\b(?:{_EFFECT_WORDS})\b", re.I)
_SAMENESS = re.compile(r"\b(?:similar|same|equivalent|comparable|equal|identical|alike|interchangeable)\b", re.I)
_NEGATED_QUESTION = re.compile(r"\b(?:not|no|never|n't)\b", re.I)
_NULL = re.compile(
    rf"\b(?:no|not|neither|nor)\s+(?:[\w-]+\s+){{0,4}}?(?:statistically\s+)?(?:significant(?:ly)?\s+)?(?:{_EFFECT_WORDS})\b"
    rf"|\b(?:did|does|do|was|were|is|are|has|have|had)\s+not\s+(?:\w+\s+)?(?:significantly\s+|statistically\s+)?"
    rf"(?:{_EFFECT_WORDS}|different)\b"
    r"|\bfailed to (?:\w+\s+)?(?:show|demonstrate|find|detect|reach)\b",
    re.I,
)
_SECOND_CLAUSE = re.compile(r"\b(?:but|however|whereas|although|though|while|yet|except)\b|;", re.I)


@lru_cache(maxsize=256)  # asked once per sentence the rules read, always of the same question
def claim_kind(question: str) -> str | None:
    """ "effect" when the question claims an effect or a difference, "sameness" when it claims none, else None."""
    asked = question.split("?")[0] if "?" in question else question
    if _NEGATED_QUESTION.search(asked):
        return None  # "Is there no difference…?": left to the judge and the rules
    if _SAMENESS.search(asked):
        return "sameness"
    return "effect" if _EFFECT.search(asked) else None


def null_finding(claim: Claim, text: str) -> Stance:
    """The side a sentence reporting no effect takes on the question's claim (NONE where it reports none, or more)."""
    kind = claim.effect
    if kind is None or _SECOND_CLAUSE.search(text) or not _NULL.search(text):
        return Stance.NONE
    if _EFFECT.search(_NULL.sub(" ", text)):
        return Stance.NONE  # an effect found besides the one not found ("improved sleep with no change in pain")
    return Stance.AGAINST if kind == "effect" else Stance.FOR


# "Does X cause / lead to / result in / increase Y?": what the claim says X brings about, to the end of the question.
_CAUSAL_QUESTION = re.compile(
    r"(?<![\w-])(?:caus(?:e|es)|lead(?:s)? to|result(?:s)? in|increas(?:e|es)|rais(?:e|es)|bring(?:s)? on)\s+(?P<effect>[^?]+)", re.I
)
# A sentence's own causal link, and up to five words to what it brings about.
_CAUSES = re.compile(
    r"(?<![\w-])(?:caus(?:e|es|ed|ing)|lead(?:s|ing)? to|led to|result(?:s|ed|ing)? in|increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|"
    r"associated with)\s+(?P<effect>(?:[\w-]+\s+){0,5}[\w-]+)",
    re.I,
)
_NEGATED_LINK = re.compile(r"\b(?:not|no|never|cannot|without|neither|nor|lack\w*|fail\w*)\b|n't\b", re.I)  # in its clause, before it
_CLAIM_FILLER = frozenset("more less a an the any my your of to in and or further increased extra greater higher".split())


def brought_about(question: str) -> tuple[str, ...]:
    """What the question claims X brings about ("Does X cause / lead to / result in / increase Y?"), as its lower-cased
    words without fillers ("more", "the"); () for any other question, or one that negates its claim."""
    claimed = _CAUSAL_QUESTION.search(question.split("?")[0] + "?")
    if claimed is None or _NEGATED_QUESTION.search(question.split("?")[0]):
        return ()
    return tuple(w for w in re.findall(r"[a-z]+", claimed["effect"].lower()) if w not in _CLAIM_FILLER)


def effect_found(claim: Claim, text: str, forms: Callable[[str], str]) -> Stance:
    """FOR when the question claims X brings about Y and the sentence, in one clause, says something brings Y about
    ("…could result in increased muscle weakness"), not denied; NONE otherwise. `forms` maps a word to the form
    it is matched by (a stemmer). Whether the sentence names X is the claim's reach's to check (`scope.Reach`)."""
    if not claim.brought_about or _SECOND_CLAUSE.search(text):
        return Stance.NONE
    wanted = {forms(w) for w in claim.brought_about}
    for m in _CAUSES.finditer(text):
        said = {forms(w) for w in re.findall(r"[a-z]+", m["effect"].lower())}
        clause = re.split(r"[,;:]|\b(?:and|but|which)\b", text[: m.start()])[-1]  # "will not strengthen … and could result in"
        if wanted and wanted <= said and not _NEGATED_LINK.search(clause):
            return Stance.FOR
    return Stance.NONE
