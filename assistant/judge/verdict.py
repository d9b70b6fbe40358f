"""Per-source stances → the verdict's parts: the order sources are shown in, how much each kind weighs, and the
conditions several sources attach. The lead that says the verdict is written by answer/wording.py."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.judge.stance import AGAINST, FOR, MIXED, NONE
from assistant.records import NOT_STATED
from assistant.results import Citation, SourceStance, Stance, View

# Strength of evidence by kind of source, strongest first (clinician view): the usual hierarchy of evidence,
# read from the words of the kind a source states (sources.yaml), so a user's own kinds rank too.
_LEVELS = [
    re.compile(r"systematic review|meta-analys", re.I),
    re.compile(r"trial|review|cohort|study|studies", re.I),
    re.compile(r"guideline|consensus|position statement|recommendations", re.I),
    re.compile(r"clinic|hospital|advice|leaflet|fact ?sheet|handout", re.I),
    re.compile(r"website|web page|blog|forum|news", re.I),
]
# Written for a general reader: shown first in the patient view.
_PLAIN = re.compile(r"guideline|advice|leaflet|fact ?sheet|handout|website|web page|patient|public", re.I)


def kind_rank(kind: str) -> int:
    """0 for a systematic review … 4 for a website; 5 for a kind the hierarchy does not name."""
    return next((rank for rank, level in enumerate(_LEVELS) if level.search(kind)), len(_LEVELS))


SIDE_ORDER = {FOR: 0, MIXED: 1, AGAINST: 2, NONE: 3}
_CAVEAT_TERMS = re.compile(
    r"\b(moderate|moderation|individuali[sz]ed|tailored|monitored|supervis\w*|gradual\w*|gentle)\b",
    re.I,
)


def source_order(stances: Sequence[SourceStance], view: str, no_first: bool = False) -> list[SourceStance]:
    """Sides in a fixed order (yes, with conditions, no, no position; `no_first` when the answer is "No", as its
    lead names them); within a side, stronger and newer evidence first (plain-language first for patients)."""
    order = {AGAINST: 0, MIXED: 1, FOR: 2, NONE: 3} if no_first else SIDE_ORDER

    def key(s: SourceStance) -> tuple:
        plain = 0 if (view == View.PATIENT and _PLAIN.search(s.kind)) else 1
        year = -int(s.date[:4]) if s.date[:4].isdigit() else 0
        return (order[s.stance], plain if view == View.PATIENT else 0, kind_rank(s.kind), year)

    return sorted(stances, key=key)


def off_claim(sided: Sequence[tuple[int, Stance, float, float, float]], least_share: float) -> set[int]:
    """Of the sentences of a disagreement, given as (row, side, relevance, share of the question's key terms it
    names, relevance of its source's best quoted sentence), the side-taking ones (for or against) that do not stand
    against the other side: they name under `least_share` of what is asked and are less relevant than a source on the
    other side. Two studies that disagree must be about the same claim: on the PubMedQA tuning half, most "Sources
    disagree" answers set the gold study against another whose finding is close in meaning but names little of the
    question ("statins reduce AF after CABG" against a question on angiography before CABG). A source is as
    relevant as its best quote, sided or not: a study whose own title-like finding names all of the question outranks
    another's side-taking sentence that names a third of it."""
    sided = [s for s in sided if s[1] in (FOR, AGAINST)]
    best = {side: max((b for _, s, _, _, b in sided if s is side), default=None) for side in (FOR, AGAINST)}
    out = set()
    for row, side, relevance, share, _ in sided:
        rival = best[AGAINST if side is FOR else FOR]
        if share < least_share and rival is not None and relevance < rival:
            out.add(row)
    return out


def caveats(citations: Sequence[Citation]) -> list[str]:
    """Conditions that two or more sources attach, named in the sources' own words."""
    seen: dict[str, set[str]] = {}
    for c in citations:
        for m in _CAVEAT_TERMS.finditer(c.quote):
            seen.setdefault(m.group(0).lower(), set()).add(c.source)
    shared = sorted(((len(srcs), term) for term, srcs in seen.items() if len(srcs) >= 2), reverse=True)
    return [f"“{term}” ({n} sources)" for n, term in shared]


def weight(kind: str, date: str, evidence_base: str) -> str:
    """What a source weighs: "systematic review, 2026 — 6 randomised controlled trials, 289 participants"."""
    text = f"{kind if kind != NOT_STATED else 'kind not stated'}, {date[:4] if date != NOT_STATED else 'undated'}"
    return text + (f" — {evidence_base}" if evidence_base and evidence_base != NOT_STATED else "")
