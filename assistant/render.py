"""Answer → text for a terminal. No logic here beyond layout."""

from __future__ import annotations

import textwrap

from .claim import unfavourable
from .records import Answer, Citation
from .verdict import weight

# Sides on the question as asked: "says yes" to "Is stretching harmful?" means the source finds it harmful.
SIDE_HEADINGS = {
    "for": "Says yes",
    "mixed": "Says yes, with conditions",
    "against": "Says no",
    "none": "Takes no position",
}
FACTUAL_HEADING = "In the sources' words"  # a question asking for facts has no sides


def side_heading(answer: Answer, side: str) -> str:
    """The heading over one side's sources, in the terms of the question asked. Asked "Is X harmful?", a
    source for X only under conditions says neither yes nor no: "Says it depends", as the lead puts it."""
    if answer.verdict == "factual":
        return FACTUAL_HEADING
    return "Says it depends" if side == "mixed" and unfavourable(answer.question) else SIDE_HEADINGS[side]


def to_text(answer: Answer, width: int = 88) -> str:
    """The lead, each side's sources (with their weight) and quotes, shared caveats, then the references."""
    out = [answer.lead, ""]
    by_n = {c.n: c for c in answer.citations}
    side = None
    for s in answer.stances:
        if s.stance != side:
            side = s.stance
            out.append(f"— {side_heading(answer, side)} —")
        out.append(f"{s.title} ({weight(s.kind, s.date, s.evidence_base)})")
        for n in s.citations:
            c = by_n[n]
            # A bare sentence ("Are not recommended.") says what it is about only in its heading.
            under = f" ({c.heading_note()})" if c.heading_note() else ""
            body = textwrap.fill(f"“{c.quote}”{under}", width=width - 7, subsequent_indent="       ")
            out.append(f"  [{n}] {body}")
        out.append("")
    if answer.caveats:
        out.append(textwrap.fill("Conditions several sources attach: " + ", ".join(answer.caveats) + ".", width=width))
        out.append("")
    if answer.citations:
        out.append("References")
        out.extend(_reference(c, width) for c in answer.citations)
        out.append("")
    out.append(textwrap.fill(answer.notice, width=width))
    return "\n".join(out)


def _reference(c: Citation, width: int) -> str:
    title = c.title if c.title[-1:] in ".?!" else c.title + "."
    text = f"[{c.n}] {title} {c.kind}, {c.date}. {c.source}: {c.where()}."
    return textwrap.fill(text, width=width, subsequent_indent="    ", break_on_hyphens=False)
