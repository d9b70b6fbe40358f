"""The answer as Markdown, to bring to a clinician: the same sides and citations as the chat, every text inert."""

from __future__ import annotations

import re

from assistant.judge.verdict import weight
from assistant.language.typed import visible_text
from assistant.render.text import sides
from assistant.results import Answer


def to_markdown(answer: Answer) -> str:
    """The answer with its citations, to bring to a clinician; every text from a question or a source is inert."""
    out = [f"## {inert_markdown(answer.question)}", ""]
    if answer.understood_as:
        out += [f"*{inert_markdown(answer.understood_as.note())}*", ""]
    out += [f"**{inert_markdown(answer.lead)}**", ""]
    for group in sides(answer):
        for s, cites in group.sources:
            out.append(f"### {inert_markdown(s.title)} — {group.heading.lower()}")
            out.append(f"*{inert_markdown(weight(s.kind, s.date, s.evidence_base))}*")
            out.append("")
            out.extend(f"> [{c.n}] “{inert_markdown(c.quote)}”\n" for c in cites)
    if answer.citations:
        out.append("### References")
        out.extend(
            f"{c.n}. {inert_markdown(c.title)}. {inert_markdown(c.kind)}, {inert_markdown(c.date)}. {inert_markdown(c.source)}: {inert_markdown(c.where())}."
            for c in answer.citations
        )
        out.append("")
    out.append(f"_{answer.notice}_")
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>|~#$]|&(?=#?\w+;)")  # "&(?=…;)": "&lt;" must not become "<"
_URL_START = re.compile(r"(?i)(?<=[a-z])(://)|\b(www)\.")


def inert_markdown(text: str) -> str:
    """Text as Markdown that renders as itself: no link, image, HTML, emphasis, heading or line break of its own."""
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), visible_text(text))
    # Renderers such as GitHub's turn a bare "http://…" or "www.…" into a link: escaped punctuation stops that.
    return _URL_START.sub(lambda m: r":\/\/" if m.group(1) else m.group(2) + r"\.", text)
