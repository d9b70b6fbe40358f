"""Per-source stances → the verdict: who says what, how much each weighs, and the lead that says it.

The lead is assembled only from the stances and the sources' kinds, dates
and counts; it never states a claim of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.judge.stance import AGAINST, FOR, MIXED, NONE
from assistant.records import NOT_STATED
from assistant.results import Citation, SourceStance, View

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


def is_disagreement(stances: Sequence[SourceStance]) -> bool:
    """Opposite positions: someone advises against it while another supports it (outright or with conditions)."""
    found = {s.stance for s in stances}
    return AGAINST in found and bool(found & {FOR, MIXED})


def lead(stances: Sequence[SourceStance]) -> str:
    """The first line: the verdict, built from stances, kinds and counts only."""
    groups = {side: [s for s in stances if s.stance == side] for side in (FOR, MIXED, AGAINST, NONE)}
    taking = len(stances) - len(groups[NONE])
    silent = _silent(groups[NONE])
    if is_disagreement(stances):
        parts = []
        if groups[FOR]:
            parts.append(f"{_count(groups[FOR])} {_verb(groups[FOR], 'support', 'supports')} it ({_kinds(groups[FOR])})")
        if groups[MIXED]:
            parts.append(
                f"{_count(groups[MIXED])} {_verb(groups[MIXED], 'support', 'supports')} it only under conditions ({_kinds(groups[MIXED])})"
            )
        parts.append(f"{_count(groups[AGAINST])} {_verb(groups[AGAINST], 'advise', 'advises')} against it ({_kinds(groups[AGAINST])})")
        return "Sources disagree: " + "; ".join(parts) + "." + silent
    if taking == 0:  # a factual question, or no position taken: say who speaks, not what they conclude
        return f"{_count(stances)} {_verb(stances, 'speak', 'speaks')} to this question ({_kinds(stances)}). Their own words are below."
    if groups[AGAINST]:
        return f"{_all(taking)} {_verb(groups[AGAINST], 'advise', 'advises')} against it ({_kinds(groups[AGAINST])})." + silent
    text = f"{_all(taking)} {'support' if taking > 1 else 'supports'} it ({_kinds(groups[FOR] + groups[MIXED])})"
    if groups[MIXED]:
        text += f"; {len(groups[MIXED])} of them only under conditions" if taking > 1 else ", only under conditions"
    return text + "." + silent


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


def _all(n: int) -> str:
    return "The one source that addresses this" if n == 1 else f"All {n} sources that address this"


def _count(group: Sequence[SourceStance]) -> str:
    return f"{len(group)} source{'s' if len(group) != 1 else ''}"


def _verb(group: Sequence[SourceStance], plural: str, singular: str) -> str:
    return singular if len(group) == 1 else plural


def _kinds(group: Sequence[SourceStance]) -> str:
    return "; ".join(
        f"{s.kind if s.kind != NOT_STATED else 'kind not stated'}, {s.date[:4] if s.date != NOT_STATED else 'undated'}" for s in group
    )


def _silent(group: Sequence[SourceStance]) -> str:
    if not group:
        return ""
    n = len(group)
    return f" {n} more source{'s' if n > 1 else ''} {'mention' if n > 1 else 'mentions'} it without taking a position."
