"""Answer → text for a terminal. No logic here beyond layout."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace

from assistant.judge.verdict import weight
from assistant.results import Answer, Citation, SourceStance, Stance

# Sides on the question as asked: "says yes" to "Is stretching harmful?" means the source finds it harmful.
SIDE_HEADINGS = {
    Stance.FOR: "Says yes",
    Stance.MIXED: "Says yes, with conditions",
    Stance.AGAINST: "Says no",
    Stance.NONE: "Takes no position",
}
FACTUAL_HEADING = "In the sources' words"  # a question asking for facts has no sides


def side_heading(answer: Answer, side: Stance) -> str:
    """The heading over one side's sources, in the terms of the question asked. Asked "Is X harmful?", a
    source for X only under conditions says neither yes nor no: "Says it depends", as the lead puts it."""
    if answer.verdict == "factual":
        return FACTUAL_HEADING
    return "Says it depends" if side == Stance.MIXED and answer.asked_against else SIDE_HEADINGS[side]


@dataclass(frozen=True)
class SideGroup:
    """One side of an answer as every renderer shows it: its heading, and each source with its own citations."""

    side: Stance
    heading: str
    sources: tuple[tuple[SourceStance, tuple[Citation, ...]], ...]


def sides(answer: Answer) -> list[SideGroup]:
    """The answer's sources grouped by side, in answer order (terminal, HTML and Markdown all show these)."""
    by_n = {c.n: c for c in answer.citations}
    groups: list[SideGroup] = []
    for s in answer.stances:
        entry = (s, tuple(by_n[n] for n in s.citations))
        if groups and groups[-1].side == s.stance:
            groups[-1] = replace(groups[-1], sources=(*groups[-1].sources, entry))
        else:
            groups.append(SideGroup(s.stance, side_heading(answer, s.stance), (entry,)))
    return groups


def to_text(answer: Answer, width: int = 88) -> str:
    """The lead, each side's sources (with their weight) and quotes, shared caveats, then the references."""
    out = [answer.understood_as.note(), ""] if answer.understood_as else []
    out += [answer.lead, ""]
    for group in sides(answer):
        out.append(f"— {group.heading} —")
        for s, cites in group.sources:
            out.append(f"{s.title} ({weight(s.kind, s.date, s.evidence_base)})")
            for c in cites:
                # A bare sentence ("Are not recommended.") says what it is about only in its heading.
                under = f" ({c.heading_note()})" if c.heading_note() else ""
                body = textwrap.fill(f"“{c.quote}”{under}", width=width - 7, subsequent_indent="       ")
                out.append(f"  [{c.n}] {body}")
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
