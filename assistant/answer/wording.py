"""The lead: the first line of an answer, worded as an answer to the question the patient asked.

A yes/no question gets Yes, No, "Yes, with conditions", "Sources disagree" or "No source says
yes or no", followed by who says what, quoting the patient's own question so that "yes" and
"no" cannot be read the wrong way round ("No. On “Is stretching harmful?”, 4 sources say no
(…); none says yes.").
Nothing here states a claim of its own: the lead is built from the question, the sources'
sides (as judged from their own sentences), their kinds, dates and counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from assistant.results import Stance

FOR, AGAINST, MIXED, NONE = Stance.FOR, Stance.AGAINST, Stance.MIXED, Stance.NONE

NOT_STATED = "not stated"


class Verdict(StrEnum):
    """What the sources amount to on a yes/no question (FACTUAL: the question asks for facts)."""

    YES = "yes"
    YES_WITH_CONDITIONS = "yes, with conditions"
    NO = "no"
    DISAGREE = "sources disagree"
    NO_POSITION = "no position"
    FACTUAL = "factual"


@dataclass(frozen=True)
class Side:
    """One source as the lead sees it: its side on the question's claim, kind and date."""

    stance: Stance
    kind: str
    date: str


_SAYS = {FOR: ("say yes", "says yes"), MIXED: ("say yes, with conditions", "says yes, with conditions"), AGAINST: ("say no", "says no")}


def verdict_of(sides: Sequence[Side], yes_or_no: bool, unfavourable: bool = False) -> Verdict:
    """The verdict from the sources' sides on the question's claim. Sources disagree when one is on each side of
    what the question is about: for a favourable question ("Is X helpful?") one says no while another says yes
    in any form; for an unfavourable one ("Is X harmful?") one says yes while another says no or it depends,
    since a source for X with conditions is then on the "no" side. So the same sources get the same verdict
    whichever way round the question is asked."""
    if not yes_or_no:
        return Verdict.FACTUAL
    found = {s.stance for s in sides} - {NONE}
    alone, with_conditions = (FOR, AGAINST) if unfavourable else (AGAINST, FOR)
    if alone in found and found & {with_conditions, MIXED}:
        return Verdict.DISAGREE
    if AGAINST in found:
        return Verdict.NO
    if MIXED in found:
        return Verdict.YES_WITH_CONDITIONS
    if FOR in found:
        return Verdict.YES
    return Verdict.NO_POSITION


# Asked the unfavourable way round ("Is X harmful?"), a source for X only under conditions neither says yes nor no.
_DEPENDS = ("say it depends on conditions", "says it depends on conditions")


def lead(question: str, sides: Sequence[Side], yes_or_no: bool, unfavourable: bool = False) -> str:
    """The first line of an answer (see the module's docstring); `unfavourable`: the question asks whether
    something harms (or should be avoided), so a source's conditions are not a "yes"."""
    verdict = verdict_of(sides, yes_or_no, unfavourable)
    asked = f"“{_bare(question)}”"
    groups = {side: [s for s in sides if s.stance == side] for side in Stance}
    silent = _silent(groups[NONE])
    if verdict is Verdict.FACTUAL:
        return f"{_count(sides)} {_verb(sides, 'speak', 'speaks')} to this question ({_kinds(sides)}). Their own words are below."
    if verdict is Verdict.NO_POSITION:
        return (
            f"No source says yes or no to {asked}: {_count(sides)} {_verb(sides, 'mention', 'mentions')} it "
            f"without taking a position ({_kinds(sides)}). Their own words are below."
        )
    order = (AGAINST, MIXED, FOR) if verdict is Verdict.NO else (FOR, MIXED, AGAINST)
    parts = [f"{_count(groups[side])} {_says(groups[side], side, unfavourable)} ({_kinds(groups[side])})" for side in order if groups[side]]
    if verdict is Verdict.DISAGREE:
        return f"Sources disagree on {asked}: " + "; ".join(parts) + "." + silent
    opposite = "none says no" if verdict is not Verdict.NO else "none says yes"
    label = {Verdict.YES: "Yes", Verdict.YES_WITH_CONDITIONS: "It depends" if unfavourable else "Yes, with conditions", Verdict.NO: "No"}[
        verdict
    ]
    return f"{label}. On {asked}, " + "; ".join(parts) + f"; {opposite}." + silent


def unmentioned_lead(missing: Sequence[str], sides: Sequence[Side]) -> str:
    """The first line when what is asked about is in no source: said first, and no side taken on it."""
    names = " or ".join(f"“{m}”" for m in missing)
    return (
        f"No source mentions {names}, so none of them says yes or no to your question. "
        f"{_count(sides)} {_verb(sides, 'speak', 'speaks')} to the rest of it ({_kinds(sides)}). Their own words are below."
    )


def _bare(question: str) -> str:
    """The question as typed, on one line, ending in a question mark."""
    text = " ".join(question.split()).rstrip(" .!")
    return text if text.endswith("?") else text + "?"


def _says(group: Sequence[Side], side: Stance, unfavourable: bool = False) -> str:
    plural, singular = _DEPENDS if unfavourable and side == MIXED else _SAYS[side]
    return singular if len(group) == 1 else plural


def _count(group: Sequence[Side]) -> str:
    return f"{len(group)} source{'s' if len(group) != 1 else ''}"


def _verb(group: Sequence[Side], plural: str, singular: str) -> str:
    return singular if len(group) == 1 else plural


def _kinds(group: Sequence[Side]) -> str:
    return "; ".join(
        f"{s.kind if s.kind != NOT_STATED else 'kind not stated'}, {s.date[:4] if s.date != NOT_STATED else 'undated'}" for s in group
    )


def _silent(group: Sequence[Side]) -> str:
    if not group:
        return ""
    n = len(group)
    return f" {n} more source{'s' if n > 1 else ''} {'mention' if n > 1 else 'mentions'} it without taking a position."
